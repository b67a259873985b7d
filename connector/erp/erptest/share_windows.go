package erptest

import "testing"

// share is a no-op on Windows: the Firebird integration tests run on the
// Linux test machine, never under Wine.
func share(testing.TB, bool) {}
