// Command resident says how much of each section of a running program's
// binary is resident in its memory, from /proc/PID/pagemap: the part of
// RssFile that is the binary's code (.text), the runtime's function table
// (.gopclntab) and its read-only data. bench/idle.sh runs it on the idle
// connector.
//
// Usage: go run ./bench/resident PID BINARY
package main

import (
	"debug/elf"
	"encoding/binary"
	"fmt"
	"os"
	"strconv"
)

const page = 4096

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: resident PID BINARY")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "resident:", err)
		os.Exit(1)
	}
}

func run(pid, path string) error {
	if _, err := strconv.Atoi(pid); err != nil {
		return fmt.Errorf("PID %q: %w", pid, err)
	}
	f, err := elf.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	pm, err := os.Open("/proc/" + pid + "/pagemap")
	if err != nil {
		return err
	}
	defer pm.Close()
	fmt.Printf("| section | size | resident |\n|---|---|---|\n")
	var size, resident uint64
	for _, s := range f.Sections {
		// Only what is mapped from the file: not .bss, not tiny sections.
		if s.Addr == 0 || s.Type == elf.SHT_NOBITS || s.Size < 64*1024 {
			continue
		}
		n, err := present(pm, s.Addr, s.Size)
		if err != nil {
			return fmt.Errorf("%s: %w", s.Name, err)
		}
		size, resident = size+s.Size, resident+n*page
		fmt.Printf("| `%s` | %.1f MB | %.1f MB |\n", s.Name, mb(s.Size), mb(n*page))
	}
	fmt.Printf("| all of them | %.1f MB | %.1f MB |\n", mb(size), mb(resident))
	return nil
}

// present counts the pages of [addr, addr+size) that are in memory: bit 63
// of each page's pagemap entry, which an unprivileged owner may read too.
func present(pm *os.File, addr, size uint64) (uint64, error) {
	first, last := addr/page, (addr+size-1)/page
	buf := make([]byte, (last-first+1)*8)
	if _, err := pm.ReadAt(buf, int64(first*8)); err != nil {
		return 0, err
	}
	var n uint64
	for i := 0; i < len(buf); i += 8 {
		if binary.LittleEndian.Uint64(buf[i:])>>63 == 1 {
			n++
		}
	}
	return n, nil
}

func mb(b uint64) float64 { return float64(b) / 1048576 }
