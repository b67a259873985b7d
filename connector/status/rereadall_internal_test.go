package status

import (
	"slices"
	"testing"
)

// Every word a refusal is told by has its place in a bulk re-read's
// summary, and every kind a bulk re-read takes is one the page groups by.
func TestRereadAllTables(t *testing.T) {
	for key, word := range rereadRefusalKeys {
		if !slices.Contains(rereadRefusalWords, word) {
			t.Errorf("%s's word %q is not in rereadRefusalWords", key, word)
		}
	}
	for _, w := range []string{"database", "other"} {
		if !slices.Contains(rereadRefusalWords, w) {
			t.Errorf("rereadRefusal's %q is not in rereadRefusalWords", w)
		}
	}
	for _, k := range RereadKinds() {
		if !slices.Contains(problemKinds, k) {
			t.Errorf("re-read kind %q is no kind the page groups by", k)
		}
	}
}
