package mapping

import (
	"math/rand/v2"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// validPhone matches a number's type once and takes "has a type" for
// "valid": it must agree with the library's IsValidNumber on every shape
// shop data holds, in Türkiye and abroad.
func TestValidPhoneAgreesWithIsValidNumber(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	digits := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte('0' + r.IntN(10))
		}
		return string(b)
	}
	shapes := []func() string{
		func() string { return "05" + digits(9) },                      // a Turkish mobile as typed
		func() string { return "+905" + digits(9) },                    // and in E.164
		func() string { return "0" + digits(10) },                      // any national number
		func() string { return "90" + digits(10) },                     // without + or 00
		func() string { return "+" + digits(8+r.IntN(7)) },             // anywhere
		func() string { return "+1" + digits(10) },                     // a code shared by regions
		func() string { return "+44" + digits(10) },                    // and another
		func() string { return "+800" + digits(8) },                    // no country at all
		func() string { return digits(r.IntN(14)) },                    // garbage
		func() string { return "0 (5" + digits(2) + ") " + digits(7) }, // with spacing
	}
	valid := 0
	for i := range 20000 {
		s := shapes[i%len(shapes)]()
		num, err := phonenumbers.Parse(s, DefaultRegion)
		want := err == nil && phonenumbers.IsValidNumber(num)
		_, typ, got := validPhone(s, DefaultRegion)
		if got != want {
			t.Fatalf("%q: validPhone says %v (type %v), IsValidNumber %v", s, got, typ, want)
		}
		if got {
			valid++
		}
	}
	if valid < 4000 || valid > 16000 {
		t.Errorf("%d of 20000 valid: the sample should hold plenty of both", valid)
	}
}
