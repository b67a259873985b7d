package erptest

import (
	"context"
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// ReadOnlyUser creates a Firebird user with SELECT on the tables the
// presets read in each database at paths (a shop's year databases), as
// README's "Read-only database user" tells shops to, and drops it when the
// test ends. The name carries the process id: the server (and its user
// list) is shared by every test.
func (s Server) ReadOnlyUser(t testing.TB, prefix string, paths ...string) (name, password string) {
	t.Helper()
	ctx := context.Background()
	name = fmt.Sprintf("%s_%d", strings.ToUpper(prefix), os.Getpid())
	password = "ro" + strconv.Itoa(os.Getpid()%100000)
	path := paths[0]
	db, err := s.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	var leftover int // of a killed run
	_ = db.QueryRowContext(ctx, `SELECT COUNT(*) FROM SEC$USERS WHERE SEC$USER_NAME = ?`, name).Scan(&leftover)
	if leftover > 0 {
		_, _ = db.ExecContext(ctx, `DROP USER `+name)
	}
	if _, err := db.ExecContext(ctx, fmt.Sprintf(`CREATE USER %s PASSWORD '%s'`, name, password)); err != nil {
		t.Fatalf("create user %s: %v", name, err)
	}
	t.Cleanup(func() {
		db, err := s.Open(path)
		if err != nil {
			return
		}
		defer db.Close()
		_, _ = db.ExecContext(context.Background(), `DROP USER `+name)
	})
	for _, p := range paths {
		grant(t, s, p, name)
	}
	return name, password
}

// WolvoxTree makes the folder layout Wolvox installs,
// <root>/AKINSOFT/Wolvox8/Database_FB/<company>/<year>/, inside the server's
// data folder (the server itself must be able to create the database
// there), and returns the path of WOLVOX.FDB for each company and year.
// The tree goes when the test ends.
func (s Server) WolvoxTree(t testing.TB, companies []string, years []int) (root string, paths map[string]string) {
	t.Helper()
	root = filepath.Join(s.Dir, fmt.Sprintf("aks_tree_%d", os.Getpid()))
	os.RemoveAll(root)
	t.Cleanup(func() { os.RemoveAll(root) })
	paths = map[string]string{}
	for _, c := range companies {
		for _, y := range years {
			dir := filepath.Join(root, "AKINSOFT", "Wolvox8", "Database_FB", c, strconv.Itoa(y))
			if err := os.MkdirAll(dir, 0o770); err != nil {
				t.Fatal(err)
			}
			paths[c+"/"+strconv.Itoa(y)] = filepath.Join(dir, "WOLVOX.FDB")
		}
	}
	chownTree(t, root)
	return root, paths
}

// chownTree gives the folders to the server's account when the test runs
// as root (setup.sh's case), so that the server can create files there.
func chownTree(t testing.TB, root string) {
	t.Helper()
	if os.Geteuid() != 0 {
		return
	}
	u, err := user.Lookup("firebird")
	if err != nil {
		return
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	_ = filepath.Walk(root, func(p string, _ os.FileInfo, err error) error {
		if err == nil {
			_ = os.Chown(p, uid, gid)
		}
		return nil
	})
}

func grant(t testing.TB, s Server, path, user string) {
	t.Helper()
	db, err := s.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, table := range []string{"CARI", "FATURA", "CARIHR", "CARI_YETKILI"} {
		if _, err := db.ExecContext(context.Background(), fmt.Sprintf(`GRANT SELECT ON %s TO %s`, table, user)); err != nil {
			t.Fatalf("grant select on %s to %s in %s: %v", table, user, path, err)
		}
	}
}
