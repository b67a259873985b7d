package vault

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

// MarkerName is the file, beside the vault and the outbox, that names the
// outbox this state folder's connector uses.
const MarkerName = "outbox.id"

const markerFormat = "akinsoft-connector-outbox-id/1"

// Marker names an outbox and how far it had got: a deleted outbox, another
// one, or an older copy of the same (a restored backup) would otherwise make
// the next start a first start, and every message of a backfill would go
// out again. It holds no secret.
type Marker struct {
	// Outbox is the outbox's identity (outbox.Identity.ID).
	Outbox string `json:"outbox"`
	// Seq is the outbox's change count when the marker was last written;
	// the outbox only ever counts up, so a lower count is an older copy.
	Seq     int64     `json:"seq"`
	Updated time.Time `json:"updated"`
}

type markerFile struct {
	Format string `json:"format"`
	Marker
}

// ReadMarker reads the marker of dir; ok is false when there is none.
func ReadMarker(dir string) (m Marker, ok bool, err error) {
	path := filepath.Join(dir, MarkerName)
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Marker{}, false, nil
	}
	if err != nil {
		return Marker{}, false, fmt.Errorf("read the outbox marker %s: %w", path, err)
	}
	var f markerFile
	if err := json.Unmarshal(b, &f); err != nil || f.Format != markerFormat || f.Outbox == "" {
		return Marker{}, false, catalog.Errorf("vault.marker_damaged", "path", path)
	}
	return f.Marker, true, nil
}

// WriteMarker writes m as dir's marker, atomically.
func WriteMarker(dir string, m Marker) error {
	b, err := json.MarshalIndent(markerFile{Format: markerFormat, Marker: m}, "", "  ")
	if err != nil {
		return err
	}
	if err := writeFileAtomic(filepath.Join(dir, MarkerName), append(b, '\n')); err != nil {
		return fmt.Errorf("write the outbox marker in %s: %w", dir, err)
	}
	return nil
}
