package vault

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"unsafe"

	"github.com/akinsoft-connector/akinsoft-connector/internal/testdir"

	"golang.org/x/sys/windows"
)

func TestDPAPIRoundTrip(t *testing.T) {
	key := bytes.Repeat([]byte{0xA5}, keySize)
	blob, err := protectKey(key)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(blob, key) {
		t.Fatal("the DPAPI blob contains the key in the clear")
	}
	got, err := unprotectKey(blob)
	if err != nil || !bytes.Equal(got, key) {
		t.Fatalf("unprotectKey = %x, %v; want the key back", got, err)
	}

	// Without our entropy the blob does not open: it is bound to this use.
	var out windows.DataBlob
	if err := windows.CryptUnprotectData(blobOf(blob), nil, nil, 0, nil, windows.CRYPTPROTECT_UI_FORBIDDEN, &out); err == nil {
		windows.LocalFree(windows.Handle(unsafe.Pointer(out.Data)))
		t.Error("CryptUnprotectData without the entropy succeeded")
	}

	damaged := bytes.Clone(blob)
	damaged[len(damaged)-1] ^= 1
	if got, err := unprotectKey(damaged); err == nil {
		t.Errorf("unprotectKey of a damaged blob = %x, want an error", got)
	}
}

func blobOf(b []byte) *windows.DataBlob { return blob(b) }

// underWine reports whether the test runs under Wine, which exports
// wine_get_version from ntdll.
func underWine() bool {
	return windows.NewLazySystemDLL("ntdll.dll").NewProc("wine_get_version").Find() == nil
}

// TestFilesHavePrivateACL checks the DACL of what Set writes: protected
// (nothing inherited) and granting SYSTEM and Administrators only.
func TestFilesHavePrivateACL(t *testing.T) {
	if underWine() {
		t.Skip("Wine 8 does not keep file security descriptors: it turns the DACL given to CreateFile into Unix mode bits " +
			"and reads back a DACL made up from the mode (SYSTEM + owner), so the written ACL cannot be checked here; " +
			"TestDACLProblem and TestOwnFilesPassKeyCheck cover the rest under Wine")
	}
	dir := testdir.New(t)
	v := mustOpen(t, dir)
	for range 2 { // create, then replace
		if err := v.Set("canary", canary); err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{fileName, keyName} {
			path := filepath.Join(dir, name)
			sd, err := windows.GetNamedSecurityInfo(path, windows.SE_FILE_OBJECT, windows.DACL_SECURITY_INFORMATION)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			control, _, err := sd.Control()
			if err != nil {
				t.Fatal(err)
			}
			if control&windows.SE_DACL_PROTECTED == 0 {
				t.Errorf("%s: DACL is not protected from inheritance (%s)", name, sd)
			}
			dacl, _, err := sd.DACL()
			if err != nil || dacl == nil {
				t.Fatalf("%s: no DACL: %v", name, err)
			}
			if dacl.AceCount != 2 {
				t.Errorf("%s: DACL has %d entries, want 2 (%s)", name, dacl.AceCount, sd)
			}
			if problem, err := fileDACLProblem(path); err != nil || problem != "" {
				t.Errorf("%s: %q, %v", name, problem, err)
			}
		}
	}
	if got, err := mustOpen(t, dir).Get("canary"); err != nil || got != canary {
		t.Fatalf("Get through the DPAPI key = %v", err)
	}
}

// TestOwnFilesPassKeyCheck: what Set writes passes the key file check (on
// Wine, through the DACL Wine makes up from the file mode).
func TestOwnFilesPassKeyCheck(t *testing.T) {
	dir := testdir.New(t)
	if err := mustOpen(t, dir).Set("canary", canary); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{fileName, keyName} {
		if problem, err := fileDACLProblem(filepath.Join(dir, name)); err != nil || problem != "" {
			t.Errorf("%s: %q, %v", name, problem, err)
		}
	}
	if got, err := mustOpen(t, dir).Get("canary"); err != nil || got != canary {
		t.Fatalf("Get through the DPAPI key = %v", err)
	}
}

func TestDACLProblem(t *testing.T) {
	const user = "S-1-5-21-1-2-3-1001"
	tests := []struct {
		sddl, want string
	}{
		{privateSDDL, ""},
		{"O:" + user + "D:P(A;;FA;;;SY)(A;;FA;;;BA)(A;;FA;;;" + user + ")", ""},
		{"O:BAD:(A;;FA;;;SY)(A;;FA;;;BA)", ""},
		{"D:(D;;FA;;;WD)(A;;FA;;;SY)", ""}, // deny entries never widen access
		{"D:P(A;;FA;;;SY)(A;;FA;;;BA)(A;;FR;;;WD)", "it grants access to S-1-1-0"},
		{"D:P(A;;FA;;;SY)(A;;FR;;;BU)", "it grants access to S-1-5-32-545"},
		{"D:(A;;FA;;;SY)(A;;FR;;;AU)", "it grants access to S-1-5-11"},
		{"O:BAD:P(A;;FA;;;SY)(A;;FA;;;" + user + ")", "it grants access to " + user},
	}
	for _, tt := range tests {
		sd, err := windows.SecurityDescriptorFromString(tt.sddl)
		if err != nil {
			t.Fatalf("%s: %v", tt.sddl, err)
		}
		got, err := daclProblem(sd)
		if err != nil || got != tt.want {
			t.Errorf("daclProblem(%s) = %q, %v; want %q", tt.sddl, got, err, tt.want)
		}
	}

	// A present but NULL DACL lets everyone in. It is built by hand because
	// Wine parses "D:NO_ACCESS_CONTROL" into an empty DACL instead.
	sd, err := windows.NewSecurityDescriptor()
	if err != nil {
		t.Fatal(err)
	}
	if err := sd.SetDACL(nil, true, false); err != nil {
		t.Fatal(err)
	}
	if got, err := daclProblem(sd); err != nil || got != "it has no DACL, so everyone has full access" {
		t.Errorf("daclProblem(NULL DACL) = %q, %v", got, err)
	}
}

func TestWideKeyFileACLRefused(t *testing.T) {
	for _, sddl := range []string{
		"D:P(A;;FA;;;SY)(A;;FA;;;BA)(A;;FR;;;WD)", // Everyone may read
		"D:P(A;;FA;;;SY)(A;;FA;;;BA)(A;;FR;;;BU)", // Users may read
		"D:(A;;FA;;;SY)(A;;FA;;;BA)(A;;FR;;;AU)",  // Authenticated Users, not protected
	} {
		t.Run(sddl, func(t *testing.T) {
			dir := testdir.New(t)
			if err := mustOpen(t, dir).Set("canary", canary); err != nil {
				t.Fatal(err)
			}
			key := filepath.Join(dir, keyName)
			sd, err := windows.SecurityDescriptorFromString(sddl)
			if err != nil {
				t.Fatal(err)
			}
			dacl, _, err := sd.DACL()
			if err != nil {
				t.Fatal(err)
			}
			if err := windows.SetNamedSecurityInfo(key, windows.SE_FILE_OBJECT,
				windows.DACL_SECURITY_INFORMATION|windows.PROTECTED_DACL_SECURITY_INFORMATION, nil, nil, dacl, nil); err != nil {
				t.Fatal(err)
			}
			_, err = mustOpen(t, dir).Get("canary")
			if !errors.Is(err, ErrInsecureKeyFile) || !strings.Contains(err.Error(), "icacls") {
				t.Fatalf("Get with key file ACL %s = %v; want ErrInsecureKeyFile with an icacls hint", sddl, err)
			}
			noCanary(t, err)
		})
	}
}
