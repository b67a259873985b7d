package catalog

import (
	"strings"
	"unicode"
)

// Case is a Turkish grammatical case whose suffix follows a number, a time
// or an amount after an apostrophe: "saat 15:00'ten sonra", "3'te",
// "1.250,00 TL'ye".
type Case string

const (
	Locative   Case = "loc" // -DA: 10:00'da, 15:00'te
	Dative     Case = "dat" // -(y)A: 6'ya, 3'e
	Ablative   Case = "abl" // -DAn: 10:00'dan, 15:00'ten
	Genitive   Case = "gen" // -(n)In: 6'nın, 3'ün
	Accusative Case = "acc" // -(y)I: 6'yı, 3'ü
)

// cases are the suffixes by case, written with the archiphonemes of
// Turkish grammar: A is a or e, I is ı, i, u or ü (vowel harmony), D is d
// or t (t after a voiceless consonant), and a letter in parentheses is
// there only after a vowel.
var cases = map[Case]struct{ afterVowel, afterConsonant string }{
	Locative:   {"DA", "DA"},
	Dative:     {"yA", "A"},
	Ablative:   {"DAn", "DAn"},
	Genitive:   {"nIn", "In"},
	Accusative: {"yI", "I"},
}

// Suffix writes s (a number, a time of day, an amount or a word) with the
// suffix of case c after an apostrophe, as it is read aloud: the suffix
// follows the sound of the last word spoken. 3 is "üç" (3'te, 3'e),
// 6 "altı" (6'da, 6'ya), 20 "yirmi" (20'de), 100 "yüz" (100'de), 2000
// "iki bin" (2000'de); a time is read by its minutes when they are not
// zero, else by its hour (10:00'da, 15:00'te, 10:30'da); an amount with
// zero decimals by its whole part, else by its decimals (12,50'de); an
// abbreviation in capitals by the name of its last letter (TL'ye, "te
// le"). An unknown case, or s that ends in neither a digit nor a letter,
// gives s unchanged.
func Suffix(s string, c Case) string {
	form, ok := cases[c]
	if !ok {
		return s
	}
	last, vowel := spoken(s)
	if vowel == 0 {
		return s
	}
	pattern := form.afterConsonant
	if isVowel(last) {
		pattern = form.afterVowel
	}
	var b strings.Builder
	b.WriteString(s)
	b.WriteByte('\'')
	for _, p := range pattern {
		switch p {
		case 'A':
			if front(vowel) {
				b.WriteRune('e')
			} else {
				b.WriteRune('a')
			}
		case 'I':
			b.WriteRune(narrow(vowel))
		case 'D':
			if strings.ContainsRune("fstkçşhp", last) {
				b.WriteRune('t')
			} else {
				b.WriteRune('d')
			}
		default:
			b.WriteRune(p)
		}
	}
	return b.String()
}

// spoken returns the last sound of s as it is read aloud and the last
// vowel before it (0 when s ends in nothing that is read).
func spoken(s string) (last, vowel rune) {
	s = strings.TrimRight(s, " .")
	if s == "" {
		return 0, 0
	}
	r := []rune(s)
	if unicode.IsLetter(r[len(r)-1]) {
		i := len(r)
		for i > 0 && unicode.IsLetter(r[i-1]) {
			i--
		}
		return wordSound(string(r[i:]))
	}
	if !unicode.IsDigit(r[len(r)-1]) {
		return 0, 0
	}
	return wordSound(numberWord(s))
}

// wordSound is the last letter and last vowel of a word; a word in capitals
// (an abbreviation) is read letter by letter, so it sounds like the name of
// its last letter ("TL" ends in "le", "AŞ" in "şe").
func wordSound(w string) (last, vowel rune) {
	r := []rune(w)
	if len(r) == 0 {
		return 0, 0
	}
	if len(r) > 1 && isUpperWord(r) {
		l := lower(r[len(r)-1])
		if isVowel(l) {
			return l, l
		}
		return 'e', 'e' // be, ce, de, … the Turkish names of consonants
	}
	last = lower(r[len(r)-1])
	for i := len(r) - 1; i >= 0; i-- {
		if v := lower(r[i]); isVowel(v) {
			return last, v
		}
	}
	return 'e', 'e' // no vowel at all (a single consonant letter): read as its name, be, ce, de…
}

func isUpperWord(r []rune) bool {
	for _, c := range r {
		if !unicode.IsUpper(c) {
			return false
		}
	}
	return true
}

// lower lowers one Turkish letter: I is ı and İ is i.
func lower(r rune) rune {
	switch r {
	case 'I':
		return 'ı'
	case 'İ':
		return 'i'
	}
	return unicode.ToLower(r)
}

func isVowel(r rune) bool { return strings.ContainsRune("aeıioöuü", r) }

func front(v rune) bool { return strings.ContainsRune("eiöü", v) }

// narrow is the high vowel that harmonises with v: a, ı → ı; e, i → i;
// o, u → u; ö, ü → ü.
func narrow(v rune) rune {
	switch v {
	case 'a', 'ı':
		return 'ı'
	case 'e', 'i':
		return 'i'
	case 'o', 'u':
		return 'u'
	}
	return 'ü'
}

var (
	units  = []string{"sıfır", "bir", "iki", "üç", "dört", "beş", "altı", "yedi", "sekiz", "dokuz"}
	tens   = []string{"", "on", "yirmi", "otuz", "kırk", "elli", "altmış", "yetmiş", "seksen", "doksan"}
	scales = []string{"", "bin", "milyon", "milyar", "trilyon", "katrilyon"}
)

// numberWord is the last word of a number, a time or an amount read aloud
// in Turkish: "15:00" is "on beş", "10:30" "on otuz", "1.250,00" "bin iki
// yüz elli", "12,50" "on iki virgül elli".
func numberWord(s string) string {
	// The digits at the end, with their separators.
	i := len(s)
	for i > 0 && (s[i-1] >= '0' && s[i-1] <= '9' || s[i-1] == '.' || s[i-1] == ',' || s[i-1] == ':') {
		i--
	}
	s = strings.Trim(s[i:], ".,:")
	if strings.Contains(s, ":") {
		// A time: its last part that is not zero (minutes, or seconds),
		// else the hour.
		parts := strings.Split(s, ":")
		for k := len(parts) - 1; k > 0; k-- {
			if strings.Trim(parts[k], "0") != "" {
				return integerWord(parts[k])
			}
		}
		return integerWord(parts[0])
	}
	// An amount: Turkish writes 1.250,00 (a dot groups thousands, a comma
	// starts the decimals). Zero decimals are not read.
	whole, dec, hasDec := strings.Cut(s, ",")
	if hasDec && strings.Trim(dec, "0") != "" {
		return integerWord(dec)
	}
	return integerWord(strings.ReplaceAll(whole, ".", ""))
}

// integerWord is the last word of a whole number written in digits.
func integerWord(d string) string {
	d = strings.TrimLeft(d, "0")
	if d == "" {
		return units[0]
	}
	// Groups of three digits from the right; the lowest group that is not
	// zero is read last.
	for g := 0; len(d) > 0; g++ {
		start := max(0, len(d)-3)
		group := d[start:]
		d = d[:start]
		n := 0
		for _, c := range group {
			n = n*10 + int(c-'0')
		}
		if n == 0 {
			continue
		}
		if g > 0 {
			if g < len(scales) {
				return scales[g]
			}
			return scales[len(scales)-1]
		}
		switch {
		case n%10 != 0:
			return units[n%10]
		case n/10%10 != 0:
			return tens[n/10%10]
		default:
			return "yüz"
		}
	}
	return units[0]
}
