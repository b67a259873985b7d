package vault

import (
	"fmt"
	"os"
	"unsafe"

	"golang.org/x/sys/windows"
)

// privateSDDL is a protected DACL (no inherited entries) granting full
// control to SYSTEM (the service) and Administrators (the operator) only.
const privateSDDL = "D:P(A;;FA;;;SY)(A;;FA;;;BA)"

// createPrivate creates path exclusively with privateSDDL as its security
// descriptor, so there is no moment at which it carries the directory's
// inherited, wider ACL.
func createPrivate(path string) (*os.File, error) {
	sd, err := windows.SecurityDescriptorFromString(privateSDDL)
	if err != nil {
		return nil, fmt.Errorf("vault security descriptor: %w", err)
	}
	sa := windows.SecurityAttributes{
		Length:             uint32(unsafe.Sizeof(windows.SecurityAttributes{})),
		SecurityDescriptor: sd,
	}
	name, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return nil, err
	}
	h, err := windows.CreateFile(name, windows.GENERIC_READ|windows.GENERIC_WRITE, 0, &sa,
		windows.CREATE_NEW, windows.FILE_ATTRIBUTE_NORMAL, 0)
	if err != nil {
		return nil, &os.PathError{Op: "create", Path: path, Err: err}
	}
	return os.NewFile(uintptr(h), path), nil
}

// syncDir is a no-op: Windows has no directory fsync, and MoveFileEx (used by
// os.Rename) is as durable as NTFS makes it.
func syncDir(string) error { return nil }

// lockPath takes a LockFileEx lock on path, exclusive or shared, blocking
// until it is granted. The lock belongs to the handle, so goroutines of one
// process exclude each other as well as other processes.
func lockPath(path string, exclusive bool) (unlock func(), err error) {
	var flags uint32
	if exclusive {
		flags = windows.LOCKFILE_EXCLUSIVE_LOCK
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	var ol windows.Overlapped
	h := windows.Handle(f.Fd())
	if err := windows.LockFileEx(h, flags, 0, 1, 0, &ol); err != nil {
		f.Close()
		return nil, &os.PathError{Op: "LockFileEx", Path: path, Err: err}
	}
	return func() {
		windows.UnlockFileEx(h, 0, 1, 0, &ol)
		f.Close()
	}, nil
}

// fileDACLProblem returns "" when path's DACL grants access only to SYSTEM,
// Administrators and the file's owner, and otherwise a description of what
// else it allows. The owner is accepted because an owner may rewrite the DACL
// at will, so excluding it would protect nothing.
func fileDACLProblem(path string) (string, error) {
	sd, err := windows.GetNamedSecurityInfo(path, windows.SE_FILE_OBJECT,
		windows.OWNER_SECURITY_INFORMATION|windows.DACL_SECURITY_INFORMATION)
	if err != nil {
		return "", fmt.Errorf("read the ACL of %s: %w", path, err)
	}
	return daclProblem(sd)
}

func daclProblem(sd *windows.SECURITY_DESCRIPTOR) (string, error) {
	owner, _, err := sd.Owner()
	if err != nil {
		owner = nil
	}
	dacl, _, err := sd.DACL()
	if err == windows.ERROR_OBJECT_NOT_FOUND || (err == nil && dacl == nil) {
		return "it has no DACL, so everyone has full access", nil
	}
	if err != nil {
		return "", fmt.Errorf("read the DACL: %w", err)
	}
	for i := uint32(0); i < uint32(dacl.AceCount); i++ {
		var ace *windows.ACCESS_ALLOWED_ACE
		if err := windows.GetAce(dacl, i, &ace); err != nil {
			return "", fmt.Errorf("read the DACL: %w", err)
		}
		if ace.Header.AceType != windows.ACCESS_ALLOWED_ACE_TYPE {
			continue
		}
		sid := (*windows.SID)(unsafe.Pointer(&ace.SidStart))
		if sid.IsWellKnown(windows.WinLocalSystemSid) || sid.IsWellKnown(windows.WinBuiltinAdministratorsSid) ||
			(owner != nil && sid.Equals(owner)) {
			continue
		}
		return fmt.Sprintf("it grants access to %s", sid.String()), nil
	}
	return "", nil
}
