package config

import (
	"os"
	"strings"
	"testing"
)

// A commercial SMS asking for a refusal by reply is refused only when the
// replies are not read: with Mutlucell's inbox number set, or the refusals
// said to go elsewhere, it is accepted.
func TestRefusalByReplyNeedsRepliesRead(t *testing.T) {
	bad, err := os.ReadFile("testdata/bad/commercial-refusal-unread.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name    string
		edits   []string // from, to, …
		refused bool
	}{
		{"no inbox number", nil, true},
		{"inbox number", []string{"      originator: MAGAZA\n", "      originator: MAGAZA\n      inbox_number: \"908505505555\"\n"}, false},
		{"refusals go to İYS", []string{"commercial:\n", "commercial:\n  refusal_instruction: [\"RET yazıp 3838\"]\n",
			"RET yazıp yanıtlayın", "RET yazıp 3838'e gönderin"}, false},
		{"replies off", []string{"commercial:\n", "replies: {disabled: true}\ncommercial:\n"}, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := string(bad)
			for i := 0; i+1 < len(c.edits); i += 2 {
				if !strings.Contains(src, c.edits[i]) {
					t.Fatalf("%q is not in the file", c.edits[i])
				}
				src = strings.Replace(src, c.edits[i], c.edits[i+1], 1)
			}
			_, err := Parse("/shop/config.yaml", []byte(src), Options{})
			if got := err != nil && strings.Contains(err.Error(), "replies are not read"); got != c.refused {
				t.Errorf("refused: %v, want %v (%v)", got, c.refused, err)
			}
			if !c.refused && err != nil {
				t.Errorf("accepted for this reason, but refused for another: %v", err)
			}
		})
	}
}
