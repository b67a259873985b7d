// Command floor is the least a daemon built like the connector can weigh:
// the Go runtime, the SQLite driver with one WAL database, an HTTP server
// and client, and a poll a minute; built with -tags phone it also imports
// the phone number library the connector validates recipients with.
// bench/floor.sh measures its idle RSS, the floor under the connector's.
package main

import (
	"database/sql"
	"fmt"
	"net"
	"net/http"
	"os"
	"time"

	_ "modernc.org/sqlite"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: floor DATABASE")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
}

func run(path string) error {
	db, err := sql.Open("sqlite", path+"?_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)")
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TABLE IF NOT EXISTS t(id INTEGER PRIMARY KEY, v TEXT)`); err != nil {
		return err
	}
	if _, err := db.Exec(`INSERT INTO t(v) VALUES (?)`, checkPhone()); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	go http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "ok") }))
	client := &http.Client{Timeout: 5 * time.Second}
	poll := func() error {
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM t`).Scan(&n); err != nil {
			return err
		}
		resp, err := client.Get("http://" + ln.Addr().String())
		if err != nil {
			return err
		}
		return resp.Body.Close()
	}
	if err := poll(); err != nil {
		return err
	}
	fmt.Println("ready")
	for range time.Tick(time.Minute) {
		if err := poll(); err != nil {
			return err
		}
	}
	return nil
}
