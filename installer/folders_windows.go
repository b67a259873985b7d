package installer

import (
	"errors"
	"fmt"
	"os"
	"unsafe"

	"golang.org/x/sys/windows"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

// folderSDDL is the folders' DACL: protected (nothing inherited from
// %ProgramData%), full control for SYSTEM and Administrators, inherited by
// every file and folder created inside. The MSI writes the same text
// (packaging/windows, MsiLockPermissionsEx), with Administrators as owner.
const folderSDDL = "D:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)"

// ProtectOwnFolders is ProtectFolders for the running service: the account
// it runs as is granted too, unless it is LocalSystem.
func ProtectOwnFolders(folders ...string) []Folder {
	var own *windows.SID
	if u, err := windows.GetCurrentProcessToken().GetTokenUser(); err == nil && !u.User.Sid.IsWellKnown(windows.WinLocalSystemSid) {
		own = u.User.Sid
	}
	return protectFoldersFor(dataFolder(), own, folders)
}

func protectFolders(base, account string, folders []string) []Folder {
	sid, err := accountSID(account)
	if err != nil {
		out := make([]Folder, 0, len(folders))
		for _, f := range uniqueFolders(folders) {
			out = append(out, Folder{Path: f, Problem: err.Error()})
		}
		return out
	}
	return protectFoldersFor(base, sid, folders)
}

// accountSID resolves the service's account; nil is LocalSystem, which the
// DACL grants anyway.
func accountSID(account string) (*windows.SID, error) {
	name := windowsAccount(account)
	if name == "" {
		return nil, nil
	}
	sid, _, _, err := windows.LookupSID("", name)
	if err != nil {
		return nil, catalog.Errorf("installer.unknown_account", "account", name, "err", err).Wrapping(err)
	}
	return sid, nil
}

func protectFoldersFor(base string, account *windows.SID, folders []string) []Folder {
	var out []Folder
	for _, f := range uniqueFolders(folders) {
		if inside(base, f) {
			out = append(out, protectFolder(f, account))
			continue
		}
		// Not ours to change: only say what is wrong.
		r := Folder{Path: f}
		if _, err := os.Stat(f); err == nil {
			r.Problem, err = folderProblem(f, account)
			if err != nil {
				r.Problem = err.Error()
			}
		}
		out = append(out, r)
	}
	return out
}

// protectFolder creates path if needed and gives it folderSDDL (plus the
// account), and Administrators as owner when its owner is someone else:
// a folder another user created first could otherwise be re-opened by them.
func protectFolder(path string, account *windows.SID) Folder {
	r := Folder{Path: path}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		if err := os.MkdirAll(path, 0o700); err != nil {
			r.Problem = fmt.Sprintf("it could not be created: %v", err)
			return r
		}
	}
	problem, err := folderProblem(path, account)
	if err != nil {
		r.Problem = err.Error()
		return r
	}
	if problem == "" {
		return r
	}
	r.Changed = true
	if err := setFolderSecurity(path, account); err != nil {
		r.Problem = fmt.Sprintf("%s, and its rights could not be set: %v (run as an administrator)", problem, err)
		return r
	}
	if problem, err = folderProblem(path, account); err != nil || problem != "" {
		// Windows keeps what it was given; a system that does not (Wine
		// maps DACLs onto Unix modes) is said so.
		r.Problem = fmt.Sprintf("its rights were set but read back otherwise: %s%v", problem, errOrNil(err))
	}
	return r
}

func errOrNil(err error) string {
	if err == nil {
		return ""
	}
	return " (" + err.Error() + ")"
}

func setFolderSecurity(path string, account *windows.SID) error {
	sddl := folderSDDL
	if account != nil {
		sddl += "(A;OICI;FA;;;" + account.String() + ")"
	}
	sd, err := windows.SecurityDescriptorFromString(sddl)
	if err != nil {
		return err
	}
	dacl, _, err := sd.DACL()
	if err != nil {
		return err
	}
	info := windows.SECURITY_INFORMATION(windows.DACL_SECURITY_INFORMATION | windows.PROTECTED_DACL_SECURITY_INFORMATION)
	var owner *windows.SID
	if cur, err := windows.GetNamedSecurityInfo(path, windows.SE_FILE_OBJECT, windows.OWNER_SECURITY_INFORMATION); err == nil {
		if o, _, err := cur.Owner(); err == nil && !trusted(o, account) {
			// Taking a folder from another owner needs these privileges,
			// which an administrator and LocalSystem hold but have off.
			enablePrivileges("SeTakeOwnershipPrivilege", "SeRestorePrivilege")
			if owner, err = windows.CreateWellKnownSid(windows.WinBuiltinAdministratorsSid); err != nil {
				return err
			}
			info |= windows.OWNER_SECURITY_INFORMATION
		}
	}
	return windows.SetNamedSecurityInfo(path, windows.SE_FILE_OBJECT, info, owner, nil, dacl, nil)
}

// folderProblem reads path's owner and DACL and says what is wrong with
// them ("" when nothing).
func folderProblem(path string, account *windows.SID) (string, error) {
	sd, err := windows.GetNamedSecurityInfo(path, windows.SE_FILE_OBJECT,
		windows.OWNER_SECURITY_INFORMATION|windows.DACL_SECURITY_INFORMATION)
	if err != nil {
		return "", fmt.Errorf("its rights could not be read: %w", err)
	}
	return securityProblem(sd, account)
}

// securityProblem is folderProblem on a security descriptor: it must be
// owned by SYSTEM, Administrators or the account, be protected from
// inheritance, and allow nobody else.
func securityProblem(sd *windows.SECURITY_DESCRIPTOR, account *windows.SID) (string, error) {
	if owner, _, err := sd.Owner(); err == nil && owner != nil && !trusted(owner, account) {
		return "it is owned by " + accountName(owner), nil
	}
	control, _, err := sd.Control()
	if err != nil {
		return "", fmt.Errorf("read the security descriptor: %w", err)
	}
	dacl, _, err := sd.DACL()
	if err == windows.ERROR_OBJECT_NOT_FOUND || (err == nil && dacl == nil) {
		return "it has no DACL, so everyone has full access", nil
	}
	if err != nil {
		return "", fmt.Errorf("read the DACL: %w", err)
	}
	for i := range uint32(dacl.AceCount) {
		var ace *windows.ACCESS_ALLOWED_ACE
		if err := windows.GetAce(dacl, i, &ace); err != nil {
			return "", fmt.Errorf("read the DACL: %w", err)
		}
		if ace.Header.AceType != windows.ACCESS_ALLOWED_ACE_TYPE {
			continue // deny entries never widen access
		}
		if sid := (*windows.SID)(unsafe.Pointer(&ace.SidStart)); !trusted(sid, account) {
			return "it grants access to " + accountName(sid), nil
		}
	}
	if control&windows.SE_DACL_PROTECTED == 0 {
		return "it inherits the rights of its parent folder", nil
	}
	return "", nil
}

func trusted(sid, account *windows.SID) bool {
	return sid.IsWellKnown(windows.WinLocalSystemSid) || sid.IsWellKnown(windows.WinBuiltinAdministratorsSid) ||
		(account != nil && sid.Equals(account))
}

// accountName is DOMAIN\name when Windows knows the SID, else the SID.
func accountName(sid *windows.SID) string {
	if name, domain, _, err := sid.LookupAccount(""); err == nil && name != "" {
		if domain != "" {
			return domain + `\` + name + " (" + sid.String() + ")"
		}
		return name + " (" + sid.String() + ")"
	}
	return sid.String()
}

// enablePrivileges turns on privileges the process holds; those it lacks
// are left, and the call that needs them fails with its own error.
func enablePrivileges(names ...string) {
	var tok windows.Token
	if err := windows.OpenProcessToken(windows.CurrentProcess(), windows.TOKEN_ADJUST_PRIVILEGES|windows.TOKEN_QUERY, &tok); err != nil {
		return
	}
	defer tok.Close()
	for _, n := range names {
		var luid windows.LUID
		if err := windows.LookupPrivilegeValue(nil, windows.StringToUTF16Ptr(n), &luid); err != nil {
			continue
		}
		tp := windows.Tokenprivileges{PrivilegeCount: 1}
		tp.Privileges[0] = windows.LUIDAndAttributes{Luid: luid, Attributes: windows.SE_PRIVILEGE_ENABLED}
		_ = windows.AdjustTokenPrivileges(tok, false, &tp, 0, nil, nil)
	}
}
