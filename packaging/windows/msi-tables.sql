-- What wixl cannot write (see akinsoft-connector.wxs): scripts/dist.sh runs
-- each line below with `msibuild MSI -q LINE` after wixl, in order, after
-- setting the database's code page to 1254 (Turkish). Lines starting with
-- "--" and empty lines are skipped. scripts/test-packages.sh checks the
-- result with msiinfo.

-- Turkish texts.
UPDATE `ServiceInstall` SET `Description` = 'AKINSOFT Wolvox veritabanından müşterilere SMS, WhatsApp ve e-posta bildirimleri gönderir.' WHERE `ServiceInstall` = 'ConnectorService'
UPDATE `Shortcut` SET `Name` = 'AKINSOFT Connector Durum Sayfası', `Description` = 'Bildirimlerin durumunu tarayıcıda gösterir' WHERE `Shortcut` = 'StatusPageShortcut'
UPDATE `LaunchCondition` SET `Description` = 'Daha yeni bir AKINSOFT Connector zaten kurulu.' WHERE `Condition` = 'NOT WIX_DOWNGRADE_DETECTED'

-- The program on the system PATH: appended ([~];), removed on uninstall (-),
-- machine-wide (*). Written by the Service component.
CREATE TABLE `Environment` (`Environment` CHAR(72) NOT NULL, `Name` CHAR(255) NOT NULL LOCALIZABLE, `Value` CHAR(255) LOCALIZABLE, `Component_` CHAR(72) NOT NULL PRIMARY KEY `Environment`)
INSERT INTO `Environment` (`Environment`, `Name`, `Value`, `Component_`) VALUES ('ConnectorPath', '=-*PATH', '[~];[INSTALLDIR]', 'Service')
INSERT INTO `InstallExecuteSequence` (`Action`, `Sequence`) VALUES ('RemoveEnvironmentStrings', 3300)
INSERT INTO `InstallExecuteSequence` (`Action`, `Sequence`) VALUES ('WriteEnvironmentStrings', 5200)

-- The data, state and log folders: owner Administrators, a protected DACL
-- (nothing inherited from ProgramData, where every user may read) granting
-- SYSTEM and Administrators, inherited by what is created inside. The same
-- rights the service checks at start (installer/folders_windows.go).
-- Applied by CreateFolders (Windows Installer 5.0: InstallerVersion 500).
CREATE TABLE `MsiLockPermissionsEx` (`MsiLockPermissionsEx` CHAR(72) NOT NULL, `LockObject` CHAR(72) NOT NULL, `Table` CHAR(32) NOT NULL, `SDDL` LONGCHAR NOT NULL, `Condition` CHAR(255) PRIMARY KEY `MsiLockPermissionsEx`)
INSERT INTO `MsiLockPermissionsEx` (`MsiLockPermissionsEx`, `LockObject`, `Table`, `SDDL`) VALUES ('LockDataFolder', 'DATADIR', 'CreateFolder', 'O:BAG:SYD:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)')
INSERT INTO `MsiLockPermissionsEx` (`MsiLockPermissionsEx`, `LockObject`, `Table`, `SDDL`) VALUES ('LockStateFolder', 'STATEDIR', 'CreateFolder', 'O:BAG:SYD:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)')
INSERT INTO `MsiLockPermissionsEx` (`MsiLockPermissionsEx`, `LockObject`, `Table`, `SDDL`) VALUES ('LockLogFolder', 'LOGDIR', 'CreateFolder', 'O:BAG:SYD:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)')
