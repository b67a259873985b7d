package main

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

// Every question init asks is in the one table of questions: asking one
// that is not panics, and only on a terminal for those asked after a
// failure ("retry" did, the scripted tests never reach it).
func TestEveryQuestionAskedIsInTheTable(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	asked := regexp.MustCompile(`\.p\.(?:yes|ask|askValid|required|choice|number)\("([^"]+)"`)
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range asked.FindAllSubmatch(b, -1) {
			n++
			key := string(m[1])
			func() {
				defer func() {
					if recover() != nil {
						t.Errorf("%s asks %q, which is not in questions", f, key)
					}
				}()
				questionByKey(key)
			}()
		}
	}
	if n < 25 {
		t.Fatalf("found %d questions asked; the pattern no longer matches the code", n)
	}
	for _, pr := range proposals {
		questionByKey(pr.key)
		questionByKey(pr.waTemplateKey())
	}
}

// On a terminal, a failed step asks whether to try again, in the reader's
// language, and takes the answer.
func TestRetryIsAskedOnATerminal(t *testing.T) {
	var out bytes.Buffer
	p := &prompter{l: catalog.TR, out: &out, in: bufio.NewReader(strings.NewReader("h\n")), interactive: true,
		flags: map[string]*string{}, changed: func(string) bool { return false }}
	again, err := p.yes("retry", true)
	if err != nil || again || !strings.Contains(out.String(), "Yeniden denensin mi? (e/h) [e]:") {
		t.Errorf("retry = %v, %v; printed %q", again, err, out.String())
	}
}
