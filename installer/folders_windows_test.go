package installer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/windows"

	"github.com/akinsoft-connector/akinsoft-connector/internal/testdir"
)

// programDataDefault is what a folder created in %ProgramData% gets: the
// inherited rights of ProgramData itself, where Users may read everything
// and create folders and files.
const programDataDefault = "O:BAD:AI(A;OICIID;FA;;;SY)(A;OICIID;FA;;;BA)(A;OICIID;0x1200a9;;;BU)(A;CIID;DCLCRPCR;;;BU)"

const otherUser = "S-1-5-21-1-2-3-1001"

func TestSecurityProblem(t *testing.T) {
	account, err := windows.StringToSid("S-1-5-21-7-8-9-1005")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, sddl string
		account    *windows.SID
		want       string // "" or a part of the problem
	}{
		{"private", "O:BA" + folderSDDL, nil, ""},
		{"private, owned by SYSTEM", "O:SY" + folderSDDL, nil, ""},
		{"the service's account", "O:BA" + folderSDDL + "(A;OICI;FA;;;S-1-5-21-7-8-9-1005)", account, ""},
		{"deny entries never widen access", "O:BAD:P(D;;FA;;;WD)(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)", nil, ""},
		{"ProgramData's inherited rights", programDataDefault, nil, "it grants access to"},
		{"Users may read", "O:BAD:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;FR;;;BU)", nil, "S-1-5-32-545"},
		{"another account", "O:BA" + folderSDDL + "(A;OICI;FA;;;S-1-5-21-7-8-9-1005)", nil, "S-1-5-21-7-8-9-1005"},
		{"inherited, even if narrow", "O:BAD:AI(A;OICIID;FA;;;SY)(A;OICIID;FA;;;BA)", nil, "inherits the rights of its parent folder"},
		{"created first by another user", "O:" + otherUser + folderSDDL, nil, "it is owned by " + otherUser},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sd, err := windows.SecurityDescriptorFromString(tt.sddl)
			if err != nil {
				t.Fatal(err)
			}
			got, err := securityProblem(sd, tt.account)
			if err != nil || (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
				t.Errorf("securityProblem(%s) = %q, %v; want %q", tt.sddl, got, err, tt.want)
			}
		})
	}
}

// The folder's DACL as the MSI and the service write it parses to two
// inheritable entries and no problem.
func TestFolderSDDL(t *testing.T) {
	sd, err := windows.SecurityDescriptorFromString(folderSDDL)
	if err != nil {
		t.Fatal(err)
	}
	dacl, _, err := sd.DACL()
	if err != nil || dacl == nil || dacl.AceCount != 2 {
		t.Fatalf("DACL %v, %v", dacl, err)
	}
	for i := range uint32(dacl.AceCount) {
		var ace *windows.ACCESS_ALLOWED_ACE
		if err := windows.GetAce(dacl, i, &ace); err != nil {
			t.Fatal(err)
		}
		if ace.Header.AceFlags&(windows.OBJECT_INHERIT_ACE|windows.CONTAINER_INHERIT_ACE) != windows.OBJECT_INHERIT_ACE|windows.CONTAINER_INHERIT_ACE {
			t.Errorf("entry %d is not inherited by files and folders inside", i)
		}
	}
	control, _, _ := sd.Control()
	if control&windows.SE_DACL_PROTECTED == 0 {
		t.Error("the DACL is not protected")
	}
}

func selfSID(t *testing.T) *windows.SID {
	t.Helper()
	u, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		t.Fatal(err)
	}
	return u.User.Sid
}

// Folders inside the data folder are created and made private; Windows
// reads back exactly SYSTEM, Administrators and the account. Wine 8 keeps
// no security descriptor on files and folders (it maps a DACL onto Unix
// mode bits and makes one up from them on reading), so there the test
// checks that the rights were set without an error and that the read-back
// difference is reported, not hidden.
func TestProtectFoldersInsideTheDataFolder(t *testing.T) {
	base := filepath.Join(testdir.New(t), "AkinsoftConnector")
	if err := os.Mkdir(base, 0o755); err != nil {
		t.Fatal(err)
	}
	state, logs := filepath.Join(base, "state"), filepath.Join(base, "logs")
	me := selfSID(t) // granted too, so the test can clean up without admin rights
	got := protectFoldersFor(base, me, []string{base, state, logs, state, ""})
	if len(got) != 3 {
		t.Fatalf("%d folders reported, want 3 (empty and repeated paths dropped): %+v", len(got), got)
	}
	for _, f := range got {
		if fi, err := os.Stat(f.Path); err != nil || !fi.IsDir() {
			t.Errorf("%s was not created: %v", f.Path, err)
		}
		if !f.Changed {
			t.Errorf("%s: its rights were not set", f.Path)
		}
		if underWine() {
			if !strings.Contains(f.Problem, "its rights were set but read back otherwise") {
				t.Errorf("%s under Wine: %q, want the set to succeed and the read-back to be reported", f.Path, f.Problem)
			}
			continue
		}
		if f.Problem != "" {
			t.Errorf("%s: %s", f.Path, f.Problem)
		}
		sd, err := windows.GetNamedSecurityInfo(f.Path, windows.SE_FILE_OBJECT, windows.DACL_SECURITY_INFORMATION)
		if err != nil {
			t.Fatal(err)
		}
		control, _, _ := sd.Control()
		dacl, _, _ := sd.DACL()
		if control&windows.SE_DACL_PROTECTED == 0 || dacl == nil || dacl.AceCount != 3 {
			t.Errorf("%s: %s, want a protected DACL of SYSTEM, Administrators and this account", f.Path, sd)
		}
	}
	if underWine() {
		return
	}
	// A second start finds nothing to change.
	for _, f := range protectFoldersFor(base, me, []string{base, state, logs}) {
		if f.Changed || f.Problem != "" {
			t.Errorf("second pass on %s: %+v", f.Path, f)
		}
	}
}

// A folder elsewhere (a state_dir on another drive, shared with other
// programs) is never created or changed, only reported.
func TestProtectFoldersOnlyChecksOtherFolders(t *testing.T) {
	root := testdir.New(t)
	base := filepath.Join(root, "AkinsoftConnector")
	outside := filepath.Join(root, "Shared")
	missing := filepath.Join(root, "Missing")
	if err := os.Mkdir(outside, 0o755); err != nil {
		t.Fatal(err)
	}
	before, err := windows.GetNamedSecurityInfo(outside, windows.SE_FILE_OBJECT, windows.OWNER_SECURITY_INFORMATION|windows.DACL_SECURITY_INFORMATION)
	if err != nil {
		t.Fatal(err)
	}
	got := protectFoldersFor(base, selfSID(t), []string{outside, missing})
	if len(got) != 2 || got[0].Changed || got[1].Changed {
		t.Fatalf("%+v", got)
	}
	if got[0].Problem == "" {
		t.Errorf("%s inherits its parent's rights, and nothing was said", outside)
	}
	if got[1].Problem != "" {
		t.Errorf("a missing folder: %q", got[1].Problem)
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Errorf("%s was created: %v", missing, err)
	}
	after, err := windows.GetNamedSecurityInfo(outside, windows.SE_FILE_OBJECT, windows.OWNER_SECURITY_INFORMATION|windows.DACL_SECURITY_INFORMATION)
	if err != nil {
		t.Fatal(err)
	}
	if before.String() != after.String() {
		t.Errorf("the rights of %s changed: %s → %s", outside, before, after)
	}
}

func TestInside(t *testing.T) {
	base := `C:\ProgramData\AkinsoftConnector`
	for path, want := range map[string]bool{
		base:                                        true,
		`C:\ProgramData\AkinsoftConnector\`:         true,
		`c:\programdata\akinsoftconnector\state`:    true,
		`C:\ProgramData\AkinsoftConnector\a\b`:      true,
		`C:\ProgramData\AkinsoftConnectorX`:         false,
		`C:\ProgramData`:                            false,
		`D:\Data\state`:                             false,
		`C:\ProgramData\AkinsoftConnector\..\Other`: false,
	} {
		if got := inside(base, path); got != want {
			t.Errorf("inside(%s) = %v, want %v", path, got, want)
		}
	}
}
