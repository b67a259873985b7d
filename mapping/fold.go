package mapping

import (
	"strings"
	"unicode"
)

// Fold reduces a text to the form words are compared in, whatever keyboard
// typed it: Turkish case rules first (İ → i, I → ı), then the Turkish
// letters to their plain Latin ones. "RET", "Ret" and "ret" fold alike, and
// so do "İPTAL", "İptal", "iptal" and "IPTAL" (a phone without Turkish
// letters); the combining dot some keyboards put on i goes too.
func Fold(s string) string {
	return foldLetters.Replace(strings.ToLowerSpecial(unicode.TurkishCase, s))
}

var foldLetters = strings.NewReplacer("ı", "i", "ç", "c", "ğ", "g", "ş", "s", "ö", "o", "ü", "u",
	"â", "a", "î", "i", "û", "u", "\u0307", "")

// FoldWords splits a text into its folded words (letters and digits),
// dropping punctuation and spaces.
func FoldWords(s string) []string {
	return strings.FieldsFunc(Fold(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// ContainsWord reports whether text holds phrase as whole words, both
// folded: "RET yazıp gönderin" holds "ret", "şirket" does not.
func ContainsWord(text, phrase string) bool {
	words, want := FoldWords(text), FoldWords(phrase)
	if len(want) == 0 {
		return false
	}
	for i := 0; i+len(want) <= len(words); i++ {
		match := true
		for k, w := range want {
			if words[i+k] != w {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}
