package vault

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/internal/testdir"
)

// Environment of the child process that TestConcurrentWriters re-executes.
const (
	childDirEnv    = "VAULT_TEST_CHILD_DIR"
	childPrefixEnv = "VAULT_TEST_CHILD_PREFIX"
	childCount     = 25
)

func TestMain(m *testing.M) {
	if dir := os.Getenv(childDirEnv); dir != "" {
		os.Exit(childSetMany(dir, os.Getenv(childPrefixEnv)))
	}
	os.Exit(m.Run())
}

func childSetMany(dir, prefix string) int {
	v, err := Open(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	for i := range childCount {
		if err := v.Set(prefix+strconv.Itoa(i), "child-value-"+strconv.Itoa(i)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	}
	return 0
}

// TestConcurrentWriters runs writers in goroutines and in a second process at
// once; the lock around read-modify-write must keep every update.
func TestConcurrentWriters(t *testing.T) {
	dir := testdir.New(t)
	var children []*exec.Cmd
	var outputs []*bytes.Buffer
	for c := range 2 {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), childDirEnv+"="+dir, childPrefixEnv+"=proc"+strconv.Itoa(c)+".")
		out := new(bytes.Buffer)
		cmd.Stdout, cmd.Stderr = out, out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		children, outputs = append(children, cmd), append(outputs, out)
	}
	const goroutines, each = 4, 15
	var wg sync.WaitGroup
	errs := make(chan error, goroutines*each)
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, err := Open(dir)
			if err != nil {
				errs <- err
				return
			}
			for i := range each {
				name := fmt.Sprintf("g%d.%d", g, i)
				if err := v.Set(name, "value"); err != nil {
					errs <- err
				}
				// Reads race the other writers' renames.
				if got, err := v.Get(name); err != nil || got != "value" {
					errs <- fmt.Errorf("Get(%q) = %q, %v", name, got, err)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	for i, cmd := range children {
		if err := cmd.Wait(); err != nil {
			t.Errorf("child process %d: %v\n%s", i, err, outputs[i])
		}
	}
	list, err := mustOpen(t, dir).List()
	if err != nil {
		t.Fatal(err)
	}
	if want := goroutines*each + len(children)*childCount; len(list) != want {
		t.Fatalf("after concurrent writes the vault holds %d secrets, want %d: updates were lost", len(list), want)
	}
	for _, name := range []string{"g0.0", "g3.14", "proc0.0", "proc1.24"} {
		if _, err := mustOpen(t, dir).Get(name); err != nil {
			t.Errorf("Get(%q): %v", name, err)
		}
	}
}
