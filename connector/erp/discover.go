package erp

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
)

// Company is one Wolvox company found on disk: Wolvox keeps a Firebird
// database per company and year in
// …\AKINSOFT\Wolvox8\Database_FB\<company>\<year>\WOLVOX.FDB.
type Company struct {
	Product string // the folder above Database_FB: "Wolvox8"
	Code    string // the company's folder: "01"
	Dir     string // the company's folder, full path
	Years   []int  // the year databases found, oldest first
	// file is WOLVOX.FDB as the disk spells it.
	file string
}

// Latest is the newest year found.
func (c Company) Latest() int { return c.Years[len(c.Years)-1] }

// Path is the database of one year.
func (c Company) Path(year int) string { return filepath.Join(c.Dir, strconv.Itoa(year), c.file) }

// Template is the database path with {year} in it, which the connector
// follows into each new year.
func (c Company) Template() string { return filepath.Join(c.Dir, YearPlaceholder, c.file) }

// maxDepth bounds the search below each root: deep enough for
// <root>\AKINSOFT\Wolvox8\Database_FB\01\2026\WOLVOX.FDB from a drive's
// root, shallow enough not to read a whole disk.
const maxDepth = 7

// FindWolvox looks for Wolvox company databases below the roots and
// returns each company once with its years, sorted by path. Folders it may
// not read are passed over.
func FindWolvox(roots ...string) []Company {
	byDir := map[string]*Company{}
	for _, root := range roots {
		root = filepath.Clean(root)
		base := strings.Count(root, string(filepath.Separator))
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if p != root && (strings.HasPrefix(d.Name(), ".") || strings.Count(p, string(filepath.Separator))-base >= maxDepth) {
					return fs.SkipDir
				}
				return nil
			}
			if !strings.EqualFold(d.Name(), "WOLVOX.FDB") {
				return nil
			}
			yearDir := filepath.Dir(p)
			companyDir := filepath.Dir(yearDir)
			fbDir := filepath.Dir(companyDir)
			year, err := strconv.Atoi(filepath.Base(yearDir))
			if err != nil || year < 1990 || year > 2200 || !strings.EqualFold(filepath.Base(fbDir), "Database_FB") {
				return nil
			}
			c := byDir[companyDir]
			if c == nil {
				c = &Company{Product: filepath.Base(filepath.Dir(fbDir)), Code: filepath.Base(companyDir), Dir: companyDir, file: d.Name()}
				byDir[companyDir] = c
			}
			if !slices.Contains(c.Years, year) {
				c.Years = append(c.Years, year)
			}
			return nil
		})
	}
	out := make([]Company, 0, len(byDir))
	for _, c := range byDir {
		slices.Sort(c.Years)
		out = append(out, *c)
	}
	slices.SortFunc(out, func(a, b Company) int { return strings.Compare(a.Dir, b.Dir) })
	return out
}

// SearchRoots are where Wolvox installs itself on this machine: the
// AKINSOFT folder of every drive on Windows. Elsewhere there is no
// standard place (a Linux server serves databases copied from Windows):
// the caller names a folder.
func SearchRoots() []string {
	if runtime.GOOS != "windows" {
		return nil
	}
	var roots []string
	for d := 'C'; d <= 'Z'; d++ {
		p := string(d) + `:\AKINSOFT`
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			roots = append(roots, p)
		}
	}
	return roots
}
