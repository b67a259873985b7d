package vault

import (
	"fmt"
	"unsafe"

	"golang.org/x/sys/windows"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

// On Windows the key file holds a DPAPI blob in machine scope: the service
// (SYSTEM) and an administrator running the CLI can both unprotect it, and it
// is useless on another machine. Machine scope lets any local account call
// CryptUnprotectData, so the file's ACL (SYSTEM + Administrators) is what
// keeps other accounts out; it is checked before every use.

// dpapiEntropy ties the blob to one use ("vault key"; see KeyFile for the
// others), so a blob made for another purpose on the same machine is not
// accepted in its place.
func dpapiEntropy(purpose string) []byte { return []byte("akinsoft-connector " + purpose + " v1") }

func blob(b []byte) *windows.DataBlob {
	if len(b) == 0 {
		return &windows.DataBlob{}
	}
	return &windows.DataBlob{Size: uint32(len(b)), Data: &b[0]}
}

func protectKey(key []byte) ([]byte, error) { return protectKeyFor(key, "vault key") }

func unprotectKey(b []byte) ([]byte, error) { return unprotectKeyFor(b, "vault key") }

func protectKeyFor(key []byte, purpose string) ([]byte, error) {
	desc, err := windows.UTF16PtrFromString("akinsoft-connector " + purpose)
	if err != nil {
		return nil, err
	}
	var out windows.DataBlob
	err = windows.CryptProtectData(blob(key), desc, blob(dpapiEntropy(purpose)), 0, nil,
		windows.CRYPTPROTECT_LOCAL_MACHINE|windows.CRYPTPROTECT_UI_FORBIDDEN, &out)
	if err != nil {
		return nil, fmt.Errorf("protect the vault key with DPAPI: %w", err)
	}
	defer windows.LocalFree(windows.Handle(unsafe.Pointer(out.Data)))
	return append([]byte(nil), unsafe.Slice(out.Data, out.Size)...), nil
}

func unprotectKeyFor(b []byte, purpose string) ([]byte, error) {
	var out windows.DataBlob
	err := windows.CryptUnprotectData(blob(b), nil, blob(dpapiEntropy(purpose)), 0, nil,
		windows.CRYPTPROTECT_UI_FORBIDDEN, &out)
	if err != nil {
		return nil, fmt.Errorf("DPAPI cannot unprotect the key (made on another machine, or damaged): %w", err)
	}
	defer windows.LocalFree(windows.Handle(unsafe.Pointer(out.Data)))
	key := append([]byte(nil), unsafe.Slice(out.Data, out.Size)...)
	// Do not leave the key in LocalAlloc'd memory after it is freed.
	clear(unsafe.Slice(out.Data, out.Size))
	return key, nil
}

func checkKeyFile(path string) error {
	problem, err := fileDACLProblem(path)
	if err != nil {
		return fmt.Errorf("vault key file: %w", err)
	}
	if problem != "" {
		return catalog.Errorf("vault.key_acl", "path", path, "problem", problem).Wrapping(ErrInsecureKeyFile)
	}
	return nil
}
