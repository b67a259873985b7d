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
		name, from, to string
		refused        bool
	}{
		{"no inbox number", "", "", true},
		{"inbox number", "      originator: MAGAZA\n", "      originator: MAGAZA\n      inbox_number: \"908505505555\"\n", false},
		{"refusals go to İYS", "commercial:\n", "commercial:\n  refusal_instruction: [\"RET yazıp 3838\"]\n", false},
		{"replies off", "commercial:\n", "replies: {disabled: true}\ncommercial:\n", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := strings.Replace(string(bad), c.from, c.to, 1)
			if c.from != "" && src == string(bad) {
				t.Fatalf("%q is not in the file", c.from)
			}
			_, err := Parse("/shop/config.yaml", []byte(src), Options{})
			if got := err != nil && strings.Contains(err.Error(), "replies are not read"); got != c.refused {
				t.Errorf("refused: %v, want %v (%v)", got, c.refused, err)
			}
		})
	}
}
