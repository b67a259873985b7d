//go:build !crashhook

package dispatch

// crashAfterAnswer is a no-op outside the crash suite's build (crashhook.go).
func crashAfterAnswer() {}
