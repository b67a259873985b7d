//go:build phone

package main

import "github.com/nyaruka/phonenumbers"

func checkPhone() string {
	n, err := phonenumbers.Parse("0532 123 45 67", "TR")
	if err != nil || !phonenumbers.IsValidNumber(n) {
		return "invalid"
	}
	return phonenumbers.Format(n, phonenumbers.E164)
}
