#!/usr/bin/env bash
# test-packages.sh builds the release artifacts with dist.sh and checks what
# is inside them, then installs the .deb, runs the binary and removes it.
#
#   bash scripts/test-packages.sh [VERSION]
#
# Every check that fails is printed; the script exits 1 if any did.
# The install step needs root and dpkg (it creates the akinsoft-connector
# system user, which stays after removal, as a real removal leaves it).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
start=$(date +%s)

version=${1:-$(git describe --tags --always --dirty)}
bash scripts/dist.sh "$version"

for tool in msiinfo msiextract dpkg-deb; do
	command -v "$tool" >/dev/null || { echo "scripts/test-packages.sh: $tool is missing (apt-get install msitools dpkg)" >&2; exit 1; }
done
# systemd-analyze rates the packaged unit's sandbox; no running systemd needed.
sh scripts/apt-install.sh systemd || { echo "scripts/test-packages.sh: cannot install systemd (for systemd-analyze)" >&2; exit 1; }

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
ok() { echo "ok:   $*"; }
# expect NAME HAYSTACK NEEDLE: the needle is a fixed string.
expect() {
	if grep -qF -- "$3" <<<"$2"; then ok "$1"; else fail "$1: missing [$3] in:"; echo "$2" | sed 's/^/      /' >&2; fi
}

# check_docs WHAT DIR: DIR holds the documentation as scripts/dist.sh
# stages it for both packages: docs/*.md as they are, the READMEs beside
# them (their docs/X.md links made X.md), every link from one document to
# another resolving in DIR.
check_docs() {
	local what=$1 dir=$2 doc name missing=
	for doc in docs/*.md; do
		cmp -s "$dir/$(basename "$doc")" "$doc" || missing+=" $(basename "$doc")"
	done
	[[ -z $missing ]] && ok "$what: every docs/*.md, as it is" || fail "$what: missing or different:$missing"
	for name in README.tr.md README.md; do
		[[ -s $dir/$name ]] && ok "$what: $name" || fail "$what: no $name"
	done
	missing=
	for name in $(cat "$dir"/*.md 2>/dev/null | grep -o '](\([A-Za-z0-9._-]*\.md\)\(#[^)]*\)\?)' | sed 's/^](\([^)#]*\).*/\1/' | sort -u); do
		[[ -f $dir/$name ]] || missing+=" $name"
	done
	[[ -z $missing ]] && ok "$what: every link from one document to another resolves there" || fail "$what: links to documents it lacks:$missing"
	if cat "$dir"/README*.md 2>/dev/null | grep -q '](docs/'; then
		fail "$what: a README links docs/…, a folder the packages do not have"
	else
		ok "$what: the READMEs link the documents beside them"
	fi
}
# check_pointers WHAT TEMPLATE DIR REGEX: every document TEMPLATE names (a
# REGEX, the folder and a file name) is in DIR, and it names some.
check_pointers() {
	local what=$1 template=$2 dir=$3 names name missing=
	names=$(grep -o "$4" "$template" | sed 's#.*[\\/]##' | sort -u)
	for name in $names; do [[ -f $dir/$name ]] || missing+=" $name"; done
	if [[ -z $names ]]; then
		fail "$what: $(basename "$template") names no document where the package installs it"
	elif [[ -n $missing ]]; then
		fail "$what: $(basename "$template") names documents the package does not install:$missing"
	else
		ok "$what: $(basename "$template") names the installed" $names
	fi
}
windocs='C:\\Program Files\\AkinsoftConnector\\docs\\[A-Za-z0-9._-]*\.md'
debdocs='/usr/share/doc/akinsoft-connector/[A-Za-z0-9._-]*\.md'

work=$(mktemp -d -t akinsoft-pkgtest.XXXXXX)
trap 'rm -rf "$work"' EXIT
base=dist/akinsoft-connector_${version}
exe=${base}_windows_amd64.exe
msi=${base}_windows_amd64.msi

echo "== binaries"
for f in "$exe" "${base}_linux_amd64" "${base}_linux_arm64" "$msi" "${base}_linux_amd64.deb" "${base}_linux_arm64.deb"; do
	[[ -s $f ]] && ok "$f exists" || fail "$f is missing"
done
[[ $(head -c2 "$exe") == MZ ]] && ok "windows exe is a PE file" || fail "$exe is not a PE file"
machine() { od -An -tx2 -j18 -N2 "$1" | tr -d ' '; } # ELF e_machine
[[ $(head -c4 "${base}_linux_amd64" | tail -c3) == ELF && $(machine "${base}_linux_amd64") == 003e ]] &&
	ok "linux_amd64 is an x86-64 ELF" || fail "${base}_linux_amd64 is not an x86-64 ELF"
[[ $(machine "${base}_linux_arm64") == 00b7 ]] && ok "linux_arm64 is an AArch64 ELF" || fail "${base}_linux_arm64 is not an AArch64 ELF"
for f in "$exe" "${base}_linux_amd64" "${base}_linux_arm64"; do
	[[ $(go tool nm "$f" 2>&1) == *"no symbols"* ]] && ok "$f is stripped (-ldflags=-s -w)" || fail "$f has a symbol table: build it with -ldflags=\"-s -w\""
	expect "$f is built with -trimpath" "$(go version -m "$f" 2>&1)" "-trimpath=true"
done
if "./${base}_linux_amd64" gen-man "$work/man" >/dev/null 2>&1; then fail "the shipped binary has gen-man: it is for packaging only (-tags genman)"; else ok "the shipped binary has no gen-man"; fi
expect "linux binary reports the stamped version" "$("./${base}_linux_amd64" version 2>&1)" "$version"
expect "linux binary reports the stamped commit" "$("./${base}_linux_amd64" --version 2>&1)" "commit $(git rev-parse --short=12 HEAD)"
# The exe and the MSI install are checked under Wine; a machine where Wine
# cannot be set up fails those checks rather than skipping them.
if bash scripts/wine/setup.sh; then
	export WINEPREFIX=${WINEPREFIX:-$HOME/.cache/akinsoft-connector/wine} WINEDEBUG=-all DISPLAY=
	wine=$(command -v wine64 || echo /usr/lib/wine/wine64)
	expect "windows exe runs (under Wine) and reports the version" "$("$wine" "$exe" version 2>&1 | tr -d '\r')" "$version"
else
	fail "scripts/wine/setup.sh failed: the exe and the MSI install under Wine are not checked"
fi

echo "== msi"
tables=$(msiinfo tables "$msi")
for t in File Component Directory ServiceInstall ServiceControl Registry Shortcut CreateFolder Environment MsiLockPermissionsEx; do
	expect "msi has table $t" "$tables" "$t"
done
tab=$'\t'
expect "msi installs the service (own process, auto start, LocalSystem, absolute --config)" \
	"$(msiinfo export "$msi" ServiceInstall)" \
	"ConnectorService${tab}akinsoft-connector${tab}AKINSOFT Connector${tab}16${tab}2${tab}1${tab}${tab}${tab}LocalSystem${tab}${tab}run --config \"[CommonAppDataFolder]AkinsoftConnector\\config.yaml\"${tab}Service"
expect "msi stops the service on upgrade/uninstall and removes it on uninstall (events 2+32+128)" \
	"$(msiinfo export "$msi" ServiceControl)" "ConnectorServiceControl${tab}akinsoft-connector${tab}162"
files=$(msiinfo export "$msi" File)
expect "msi File table has the exe" "$files" "ConnectorExe${tab}Service${tab}akinsoft-connector.exe${tab}$(stat -c %s "$exe")"
expect "msi File table has the config template" "$files" "ConfigExampleYaml${tab}ConfigExample${tab}config.example.yaml${tab}$(stat -c %s config.example.yaml)"
dirs=$(msiinfo export "$msi" Directory)
expect "msi puts the exe under Program Files" "$dirs" "INSTALLDIR${tab}ProgramFiles64Folder${tab}AkinsoftConnector"
expect "msi puts the config under ProgramData" "$dirs" "DATADIR${tab}CommonAppDataFolder${tab}AkinsoftConnector"
expect "msi File table has the config schema" "$files" "ConfigSchemaJson${tab}ConfigExample${tab}config.schema.json${tab}$(stat -c %s config.schema.json)"
expect "msi File table has the English template, a component of its own" "$files" \
	"ConfigExampleEnYaml${tab}ConfigExampleEn${tab}config.example.en.yaml${tab}$(stat -c %s config.example.en.yaml)"
expect "msi puts the documentation in the install folder's docs" "$dirs" "DOCSDIR${tab}INSTALLDIR${tab}docs"
# Each document in DOCSDIR, one a component, the file its KeyPath: a
# document added to docs/ fails here until the .wxs gets a component for it.
components=$(msiinfo export "$msi" Component | tr -d '\r')
for doc in README.tr.md README.md docs/*.md; do
	name=$(basename "$doc")
	row=$(awk -F'\t' -v n="$name" '$3 == n || substr($3, length($3) - length(n)) == "|" n' <<<"$files")
	if [[ -n $row ]] && awk -F'\t' -v c="$(cut -f2 <<<"$row")" -v f="$(cut -f1 <<<"$row")" \
		'$1 == c && $3 == "DOCSDIR" && $6 == f { found = 1 } END { exit !found }' <<<"$components"; then
		ok "msi installs $name in docs, its component's KeyPath"
	else
		fail "msi does not install $name in docs as its own component's KeyPath: add a Component for it to packaging/windows/akinsoft-connector.wxs"
	fi
done
expect "msi creates the state folder" "$dirs" "STATEDIR${tab}DATADIR${tab}state"
expect "msi creates the log folder" "$dirs" "LOGDIR${tab}DATADIR${tab}logs"
# The folders' rights: a protected DACL for SYSTEM and Administrators on
# each folder the MSI creates, owner Administrators (installer/folders_windows.go).
folders=$(msiinfo export "$msi" CreateFolder)
locks=$(msiinfo export "$msi" MsiLockPermissionsEx)
for d in DATADIR STATEDIR LOGDIR; do
	expect "msi creates $d" "$folders" "$d${tab}"
	expect "msi gives $d a protected DACL (SYSTEM, Administrators)" "$locks" "${tab}$d${tab}CreateFolder${tab}O:BAG:SYD:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)"
done
expect "msi puts the program on the system PATH, removed on uninstall" "$(msiinfo export "$msi" Environment)" \
	"ConnectorPath${tab}=-*PATH${tab}[~];[INSTALLDIR]${tab}Service"
sequence=$(msiinfo export "$msi" InstallExecuteSequence)
expect "msi writes the environment" "$sequence" "WriteEnvironmentStrings${tab}${tab}5200"
expect "msi removes the environment" "$sequence" "RemoveEnvironmentStrings${tab}${tab}3300"
expect "msi has a Start-menu entry that opens the status page" "$(msiinfo export "$msi" Shortcut)" \
	"StatusPageShortcut${tab}ProgramMenuFolder${tab}AKINSOFT Connector Durum Sayfası${tab}StatusShortcut${tab}[INSTALLDIR]akinsoft-connector.exe${tab}status open${tab}Bildirimlerin durumunu tarayıcıda gösterir"
# Turkish: the language, the code page and the texts of the tables.
expect "msi is Turkish (ProductLanguage 1055)" "$(msiinfo export "$msi" Property)" "ProductLanguage${tab}1055"
expect "msi's code page is 1254" "$(msiinfo export "$msi" _ForceCodepage | tr -d '\0')" "1254${tab}_ForceCodepage"
expect "msi's summary names Turkish" "$(msiinfo suminfo "$msi" | tr -d '\0')" "Template: x64;1055"
expect "msi describes the service in Turkish" "$(msiinfo export "$msi" ServiceInstall)" \
	"${tab}AKINSOFT Wolvox veritabanından müşterilere SMS, WhatsApp ve e-posta bildirimleri gönderir."
expect "msi's downgrade message is Turkish" "$(msiinfo export "$msi" LaunchCondition)" "Daha yeni bir AKINSOFT Connector zaten kurulu."
expect "msi registers the Event Log source" "$(msiinfo export "$msi" Registry)" \
	"SYSTEM\\CurrentControlSet\\Services\\EventLog\\Application\\akinsoft-connector\\${tab}EventMessageFile"
registry=$(msiinfo export "$msi" Registry)
expect "msi sets delayed automatic start" "$registry" \
	"SYSTEM\\CurrentControlSet\\Services\\akinsoft-connector\\${tab}DelayedAutostart${tab}#1${tab}ServiceRecovery"
# SERVICE_FAILURE_ACTIONS: reset 86400 s, 3 actions, each SC_ACTION_RESTART after 5000 ms.
expect "msi sets recovery: restart after 5 s, three times, reset after a day (REG_BINARY: #x)" "$registry" \
	"FailureActions${tab}#x8051010000000000000000000300000014000000010000008813000001000000881300000100000088130000${tab}ServiceRecovery"
if [[ -n ${wine:-} ]]; then
	# Wine's msiexec really installs it: the values land in the registry
	# with their types (REG_DWORD, REG_BINARY) beside the service's own.
	if "$wine" msiexec /i "Z:$msi" /qn; then
		reg=$("$wine" reg query 'HKLM\SYSTEM\CurrentControlSet\Services\akinsoft-connector' 2>&1 | tr -d '\r')
		expect "msi installed under Wine: service key has ImagePath with --config" "$reg" 'akinsoft-connector.exe run --config "C:\ProgramData\AkinsoftConnector\config.yaml"'
		expect "msi installed under Wine: DelayedAutostart is a DWORD 1" "$reg" "DelayedAutostart    REG_DWORD    0x1"
		expect "msi installed under Wine: FailureActions is binary" "$reg" \
			"FailureActions    REG_BINARY    8051010000000000000000000300000014000000010000008813000001000000881300000100000088130000"
		# regedit writes UTF-16: the Turkish description as stored.
		"$wine" regedit /e "Z:$work/service.reg" 'HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\akinsoft-connector' >/dev/null 2>&1
		expect "msi installed under Wine: the service's description is Turkish" "$(iconv -f utf-16 -t utf-8 "$work/service.reg" 2>&1)" \
			'"Description"="AKINSOFT Wolvox veritabanından müşterilere SMS, WhatsApp ve e-posta bildirimleri gönderir."'
		expect "msi installed under Wine: the program is on the system PATH" \
			"$("$wine" reg query 'HKLM\System\CurrentControlSet\Control\Session Manager\Environment' /v PATH 2>&1 | tr -d '\r')" 'C:\Program Files\AkinsoftConnector\'
		data=$WINEPREFIX/drive_c/ProgramData/AkinsoftConnector
		[[ -d $data/state && -d $data/logs && -f $data/config.schema.json && -f $data/config.example.en.yaml ]] &&
			ok "msi installed under Wine: state and logs folders, the schema and the English template beside the example" || fail "msi installed under Wine: $(ls -A "$data" 2>&1)"
		installed_docs="$WINEPREFIX/drive_c/Program Files/AkinsoftConnector/docs"
		check_docs "msi installed under Wine, C:\Program Files\AkinsoftConnector\docs" "$installed_docs"
		# The installed program's help names the guide where it now is.
		expect "msi installed under Wine: init --help names C:\Program Files\AkinsoftConnector\docs\init.md" \
			"$("$wine" 'C:\Program Files\AkinsoftConnector\akinsoft-connector.exe' --lang tr init --help 2>&1 | tr -d '\r')" \
			'Her soru için C:\Program Files\AkinsoftConnector\docs\init.md dosyasına bakın.'
		# Wine puts a per-machine shortcut in the user's Start menu; Windows
		# in the common one. Either way it must be there, by its Turkish name.
		[[ -n $(find "$WINEPREFIX/drive_c" -path '*Start Menu/Programs/AKINSOFT Connector Durum Sayfası.lnk' 2>/dev/null) ]] &&
			ok "msi installed under Wine: Start-menu entry for the status page" || fail "msi installed under Wine: no Start-menu entry"
		"$wine" msiexec /x "Z:$msi" /qn && ok "msi uninstalls under Wine" || fail "msi uninstall under Wine failed"
		[[ ! -e $installed_docs ]] && ok "msi uninstall under Wine removed the documentation" || fail "msi uninstall under Wine left $(ls -A "$installed_docs" 2>&1)"
		if "$wine" reg query 'HKLM\System\CurrentControlSet\Control\Session Manager\Environment' /v PATH 2>&1 | grep -qF 'AkinsoftConnector'; then
			fail "msi uninstall under Wine left the program on the PATH"
		else
			ok "msi uninstall under Wine took the program off the PATH"
		fi
		# The uninstall removes the key of our Event Log source and, the
		# prefix having no other source, the then-empty EventLog\Application
		# key too (real Windows always has others). The installer's Wine
		# tests need it: put it back.
		"$wine" reg add 'HKLM\SYSTEM\CurrentControlSet\Services\EventLog\Application' /f >/dev/null 2>&1
	else
		fail "msiexec /i under Wine failed"
	fi
fi
mkdir "$work/msi" && msiextract -C "$work/msi" "$msi" >/dev/null
extracted_exe=$(find "$work/msi" -name akinsoft-connector.exe)
extracted_cfg=$(find "$work/msi" -name config.example.yaml)
[[ -n $extracted_exe ]] && cmp -s "$extracted_exe" "$exe" && ok "msi payload exe is the built exe" || fail "msi payload exe differs from $exe"
[[ -n $extracted_cfg ]] && cmp -s "$extracted_cfg" config.example.yaml && ok "msi payload config is config.example.yaml" || fail "msi payload config differs"
extracted_en=$(find "$work/msi" -name config.example.en.yaml)
[[ -n $extracted_en ]] && cmp -s "$extracted_en" config.example.en.yaml && ok "msi payload English template is config.example.en.yaml" || fail "msi payload English template differs"
extracted_docs=$(find "$work/msi" -type d -name docs | head -n 1)
check_docs "msi payload docs" "${extracted_docs:-$work/msi/none}"
for template in config.example.yaml config.example.en.yaml; do
	check_pointers "msi" "$template" "${extracted_docs:-$work/msi/none}" "$windocs"
done

echo "== deb"
for arch in amd64 arm64; do
	deb=${base}_linux_${arch}.deb
	info=$(dpkg-deb -I "$deb")
	expect "$arch deb: package name" "$info" "Package: akinsoft-connector"
	expect "$arch deb: architecture" "$info" "Architecture: $arch"
	expect "$arch deb: depends on passwd (useradd)" "$info" "Depends: passwd"
	for s in postinst prerm postrm conffiles; do expect "$arch deb: has $s" "$info" " $s"; done
	contents=$(dpkg-deb -c "$deb")
	grep -qE "^-rwxr-xr-x root/root +$(stat -c %s "${base}_linux_${arch}") .* \./usr/bin/akinsoft-connector$" <<<"$contents" &&
		ok "$arch deb: executable binary in /usr/bin" || fail "$arch deb: no executable /usr/bin/akinsoft-connector of the built size"
	expect "$arch deb: systemd unit" "$contents" "./lib/systemd/system/akinsoft-connector.service"
	expect "$arch deb: config template, not readable by others" "$contents" "-rw-r----- root/root"
	expect "$arch deb: config template path" "$contents" "./etc/akinsoft-connector/config.example.yaml"
	grep -qE '^-rw-r----- root/root .* \./etc/akinsoft-connector/config\.example\.en\.yaml$' <<<"$contents" &&
		ok "$arch deb: English template beside it, mode 640" || fail "$arch deb: no /etc/akinsoft-connector/config.example.en.yaml of mode 640"
	if grep -E '\./usr/share/doc/akinsoft-connector/[^/]*\.md$' <<<"$contents" | grep -vq '^-rw-r--r-- root/root '; then
		fail "$arch deb: a document in /usr/share/doc/akinsoft-connector is not root's, mode 644"
	else
		ok "$arch deb: the documents are root's, mode 644"
	fi
	if grep -q "etc/akinsoft-connector/config.yaml" <<<"$contents"; then fail "$arch deb ships a config.yaml: it would run an unedited config"; fi
	x=$work/deb-$arch
	dpkg-deb -x "$deb" "$x"
	dpkg-deb -e "$deb" "$x/DEBIAN"
	expect "$arch deb: config template is a conffile" "$(cat "$x/DEBIAN/conffiles")" "/etc/akinsoft-connector/config.example.yaml"
	expect "$arch deb: English template is a conffile" "$(cat "$x/DEBIAN/conffiles")" "/etc/akinsoft-connector/config.example.en.yaml"
	check_docs "$arch deb: /usr/share/doc/akinsoft-connector" "$x/usr/share/doc/akinsoft-connector"
	cmp -s "$x/lib/systemd/system/akinsoft-connector.service" packaging/linux/akinsoft-connector.service &&
		ok "$arch deb: unit is packaging/linux/akinsoft-connector.service" || fail "$arch deb: unit differs"
	exposure=$(systemd-analyze security --offline=yes --no-pager "$x/lib/systemd/system/akinsoft-connector.service" 2>&1 | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
	[[ -n $exposure ]] && awk -v e="$exposure" 'BEGIN { exit !(e <= 2.0) }' &&
		ok "$arch deb: systemd-analyze security rates the unit $exposure (2.0 or less)" ||
		fail "$arch deb: systemd-analyze security rates the unit '${exposure:-?}', more than 2.0"
	expect "$arch deb: config schema beside the template" "$contents" "./etc/akinsoft-connector/config.schema.json"
	cmp -s "$x/etc/akinsoft-connector/config.schema.json" config.schema.json && ok "$arch deb: schema is config.schema.json" || fail "$arch deb: schema differs"
	expect "$arch deb: the schema is a conffile too" "$(cat "$x/DEBIAN/conffiles")" "/etc/akinsoft-connector/config.schema.json"
	expect "$arch deb: copyright (machine-readable)" "$(head -n 1 "$x/usr/share/doc/akinsoft-connector/copyright" 2>&1)" \
		"Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
	expect "$arch deb: copyright lists the linked Go modules" "$(cat "$x/usr/share/doc/akinsoft-connector/copyright" 2>&1)" \
		"Files: (Go module) github.com/spf13/cobra"
	expect "$arch deb: changelog of this version" "$(zcat "$x/usr/share/doc/akinsoft-connector/changelog.gz" 2>&1 | head -n 1)" \
		"akinsoft-connector ($(dpkg-deb -f "$deb" Version)) stable; urgency=medium"
	expect "$arch deb: bash completion" "$(cat "$x/usr/share/bash-completion/completions/akinsoft-connector" 2>&1)" "__start_akinsoft-connector"
	expect "$arch deb: zsh completion" "$(head -n 1 "$x/usr/share/zsh/vendor-completions/_akinsoft-connector" 2>&1)" "#compdef akinsoft-connector"
	expect "$arch deb: fish completion" "$(cat "$x/usr/share/fish/vendor_completions.d/akinsoft-connector.fish" 2>&1)" "complete -c akinsoft-connector"
	for page in akinsoft-connector.1.gz akinsoft-connector-messages-list.1.gz akinsoft-connector-service.1.gz; do
		expect "$arch deb: man page $page" "$(zcat "$x/usr/share/man/man1/$page" 2>&1 | head -n 3)" '.TH "AKINSOFT-CONNECTOR" "1"'
	done
	cmp -s "$x/usr/bin/akinsoft-connector" "${base}_linux_${arch}" && ok "$arch deb: binary is the built one" || fail "$arch deb: binary differs"
	cfg=$(cat "$x/etc/akinsoft-connector/config.example.yaml")
	expect "$arch deb: template keeps state in /var/lib" "$cfg" "state_dir: /var/lib/akinsoft-connector"
	expect "$arch deb: template logs to /var/log" "$cfg" "  dir: /var/log/akinsoft-connector"
	cfg_en=$(cat "$x/etc/akinsoft-connector/config.example.en.yaml")
	expect "$arch deb: English template keeps state in /var/lib" "$cfg_en" "state_dir: /var/lib/akinsoft-connector"
	expect "$arch deb: English template logs to /var/log" "$cfg_en" "  dir: /var/log/akinsoft-connector"
	for template in config.example.yaml config.example.en.yaml; do
		check_pointers "$arch deb" "$x/etc/akinsoft-connector/$template" "$x/usr/share/doc/akinsoft-connector" "$debdocs"
		if grep -q "$windocs" "$x/etc/akinsoft-connector/$template"; then
			fail "$arch deb: $template names a document under C:\Program Files"
		fi
	done
	# The advice printed at the end (a here-document) may name the commands.
	if awk "/<<'MSG'/{h=1} /^MSG\$/{h=0} !h" "$x/DEBIAN/postinst" | grep -qE 'systemctl (enable|start)|deb-systemd-helper'; then fail "$arch deb: postinst enables or starts the unit"; else ok "$arch deb: postinst enables nothing"; fi
done

echo "== install the amd64 deb"
if [[ $(id -u) != 0 ]] || ! command -v dpkg >/dev/null || [[ $(dpkg --print-architecture) != amd64 ]]; then
	fail "installing the .deb needs root on an amd64 Debian/Ubuntu machine"
elif dpkg -s akinsoft-connector >/dev/null 2>&1; then
	fail "akinsoft-connector is already installed on this machine; not touching it"
else
	deb=${base}_linux_amd64.deb
	out=$(dpkg -i "$deb" 2>&1) || fail "dpkg -i: $out"
	expect "postinst says what to do next" "$out" "systemctl enable --now akinsoft-connector"
	expect "installed binary runs" "$(/usr/bin/akinsoft-connector version 2>&1)" "$version"
	expect "installed init --help names /usr/share/doc/akinsoft-connector/init.md" \
		"$(/usr/bin/akinsoft-connector --lang tr init --help 2>&1)" "Her soru için /usr/share/doc/akinsoft-connector/init.md dosyasına bakın."
	[[ -f /usr/share/doc/akinsoft-connector/init.md && -f /usr/share/doc/akinsoft-connector/README.tr.md ]] &&
		ok "installed: the guide and README.tr.md in /usr/share/doc/akinsoft-connector" || fail "installed: no init.md or README.tr.md in /usr/share/doc/akinsoft-connector"
	getent passwd akinsoft-connector >/dev/null && ok "system user akinsoft-connector exists" || fail "no akinsoft-connector user"
	for d in /var/lib/akinsoft-connector /var/log/akinsoft-connector; do
		[[ $(stat -c '%U:%G %a' "$d" 2>/dev/null) == "akinsoft-connector:akinsoft-connector 750" ]] &&
			ok "$d belongs to the service user, mode 750" || fail "$d: $(stat -c '%U:%G %a' "$d" 2>&1)"
	done
	[[ $(stat -c '%U:%G %a' /etc/akinsoft-connector) == "root:akinsoft-connector 750" ]] &&
		ok "/etc/akinsoft-connector is root:akinsoft-connector 750" || fail "/etc/akinsoft-connector: $(stat -c '%U:%G %a' /etc/akinsoft-connector)"
	[[ ! -e /etc/systemd/system/multi-user.target.wants/akinsoft-connector.service ]] && ok "unit not enabled" || fail "the unit was enabled"
	out=$(dpkg --purge akinsoft-connector 2>&1) || fail "dpkg --purge: $out"
	[[ ! -e /usr/bin/akinsoft-connector && ! -e /lib/systemd/system/akinsoft-connector.service && ! -e /usr/share/doc/akinsoft-connector/init.md ]] &&
		ok "purge removed the binary, the unit and the documentation" || fail "purge left files behind"
fi

echo
ls -l "$base"_*
elapsed=$(($(date +%s) - start))
if ((failures > 0)); then
	echo "scripts/test-packages.sh: $failures check(s) FAILED (${elapsed}s)" >&2
	exit 1
fi
echo "scripts/test-packages.sh: all checks passed in ${elapsed}s"
