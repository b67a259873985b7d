#!/usr/bin/env bash
# dist.sh builds the release artifacts into dist/:
#
#   bash scripts/dist.sh [VERSION]
#
#   akinsoft-connector_<ver>_windows_amd64.exe  and  .msi  (wixl, from msitools)
#   akinsoft-connector_<ver>_linux_amd64        and  .deb  (nfpm)
#   akinsoft-connector_<ver>_linux_arm64        and  .deb
#
# VERSION defaults to `git describe --tags --always --dirty`. Binaries are
# static (CGO_ENABLED=0), trimmed and stamped with the version, the commit
# and its date (internal/buildinfo: --version, the build_info metric).
# Installs wixl with apt when missing; nfpm runs with `go run` at a pinned
# version.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"

# v2.46+ needs modules the Go proxy here refuses (go.digitalxero.dev).
NFPM=github.com/goreleaser/nfpm/v2/cmd/nfpm@v2.45.0

die() { echo "scripts/dist.sh: $*" >&2; exit 1; }

version=${1:-$(git describe --tags --always --dirty)}
[[ $version =~ ^[A-Za-z0-9._+~-]+$ ]] || die "version \"$version\" may only hold letters, digits and . _ + ~ -"
[[ -f config.example.yaml ]] || die "config.example.yaml is missing at the repository root; the packages ship it as the config template"
[[ -f config.example.en.yaml ]] || die "config.example.en.yaml is missing at the repository root; the packages ship it beside the template"
[[ -d cmd/akinsoft-connector ]] || die "cmd/akinsoft-connector is missing: nothing to build"

# MSI versions are three numbers; Debian versions must start with a digit.
if [[ $version =~ ^v?([0-9]+)\.([0-9]+)\.([0-9]+)(.*)$ ]]; then
	msi_version="${BASH_REMATCH[1]}.${BASH_REMATCH[2]}.${BASH_REMATCH[3]}"
	deb_version="${BASH_REMATCH[1]}.${BASH_REMATCH[2]}.${BASH_REMATCH[3]}${BASH_REMATCH[4]//-/\~}"
else
	count=$(git rev-list --count HEAD 2>/dev/null || echo 0)
	msi_version="0.0.$((count > 65535 ? 65535 : count))"
	deb_version="0.0.${count}~${version//-/.}"
fi

dist=dist
mkdir -p "$dist"
work=$(mktemp -d -t akinsoft-dist.XXXXXX)
trap 'rm -rf "$work"' EXIT

# The commit's own date, not the build's: the same commit builds the same
# bytes (and man pages).
commit=$(git rev-parse HEAD 2>/dev/null || echo unknown)
[[ -z $(git status --porcelain 2>/dev/null) ]] || commit=$commit-dirty
date=$(TZ=UTC git log -1 --date=format-local:%Y-%m-%dT%H:%M:%SZ --format=%cd 2>/dev/null || date -u +%Y-%m-%dT%H:%M:%SZ)
stamp=github.com/akinsoft-connector/akinsoft-connector/internal/buildinfo
ldflags="-s -w -X $stamp.version=$version -X $stamp.commit=$commit -X $stamp.date=$date"

build() { # GOOS GOARCH OUT
	echo "build $1/$2 -> $3"
	CGO_ENABLED=0 GOOS=$1 GOARCH=$2 go build -trimpath -ldflags "$ldflags" -o "$3" ./cmd/akinsoft-connector
}

base=$dist/akinsoft-connector_${version}
build windows amd64 "${base}_windows_amd64.exe"
build linux amd64 "${base}_linux_amd64"
build linux arm64 "${base}_linux_arm64"

# The documentation, one folder in both packages: the MSI's docs folder in
# the install folder, the .deb's /usr/share/doc/akinsoft-connector
# (installer.Paths.DocDir). docs/*.md as they are; the READMEs beside them,
# their links to docs/X.md made X.md.
userdocs=$work/docs
mkdir -p "$userdocs"
compgen -G 'docs/*.md' >/dev/null || die "docs/*.md is missing: the packages ship the documentation"
for f in docs/*.md; do
	case $(basename "$f") in README.md | README.tr.md) die "$f would take the README's place in the packages' docs folder" ;; esac
	cp "$f" "$userdocs/"
done
for readme in README.md README.tr.md; do
	sed 's#\bdocs/\([A-Za-z0-9._-]*\.md\)#\1#g' "$readme" >"$userdocs/$readme"
done
! grep -q 'docs/[A-Za-z0-9._-]*\.md' "$userdocs"/README*.md ||
	die "a README still names docs/X.md after the rewrite for the packages; update the sed in scripts/dist.sh"

# The Linux templates point state and logs at /var/lib and /var/log (the
# unit's ProtectSystem=strict makes /etc read-only for the service), and
# each document at /usr/share/doc: the repository's templates are Windows's,
# and name C:\Program Files\AkinsoftConnector\docs\X.md.
for template in config.example.yaml config.example.en.yaml; do
	linux=$work/linux.$template
	sed -e 's|^state_dir: state\b|state_dir: /var/lib/akinsoft-connector|' \
		-e 's|^\(  dir: \)logs\b|\1/var/log/akinsoft-connector|' \
		-e 's|C:\\Program Files\\AkinsoftConnector\\docs\\\([A-Za-z0-9._-]*\.md\)|/usr/share/doc/akinsoft-connector/\1|g' \
		"$template" >"$linux"
	grep -q '^state_dir: /var/lib/akinsoft-connector' "$linux" &&
		grep -q '^  dir: /var/log/akinsoft-connector' "$linux" ||
		die "$template no longer has the 'state_dir: state' and '  dir: logs' lines this script rewrites for Linux; update the sed in scripts/dist.sh"
	! grep -q 'Program Files\\AkinsoftConnector\\docs\\[A-Za-z0-9._-]*\.md' "$linux" ||
		die "$template names a document under C:\\Program Files the sed in scripts/dist.sh does not rewrite for Linux"
done

# wixl builds the MSI; msitools has msibuild (below) and the msiinfo and
# msiextract that scripts/test-packages.sh inspects it with.
if ! command -v wixl >/dev/null || ! command -v msibuild >/dev/null || ! command -v msiinfo >/dev/null; then
	sh scripts/apt-install.sh wixl msitools || die "cannot install wixl and msitools: apt-get install wixl msitools"
fi
echo "msi -> ${base}_windows_amd64.msi"
# wixl takes no absolute Source (it joins each to the current folder): Docs
# is the staging folder relative to the repository.
msi=${base}_windows_amd64.msi
wixl --arch x64 -D Version="$msi_version" -D Exe="${base}_windows_amd64.exe" \
	-D ConfigExample=config.example.yaml -D ConfigExampleEn=config.example.en.yaml -D ConfigSchema=config.schema.json \
	-D Docs="$(realpath --relative-to=. "$userdocs")" -o "$msi" packaging/windows/akinsoft-connector.wxs
# Then what wixl cannot write (packaging/windows/msi-tables.sql): the
# Turkish texts need the database's code page first (wixl leaves it 0).
printf '\r\n\r\n1254\t_ForceCodepage\r\n' >"$work/_ForceCodepage.idt"
msibuild "$msi" -i "$work/_ForceCodepage.idt" || die "msibuild could not set the MSI's code page"
while IFS= read -r query; do
	[[ -z $query || $query == --* ]] && continue
	msibuild "$msi" -q "$query" || die "msibuild refused: $query"
done <packaging/windows/msi-tables.sql
# The summary's languages: Turkish (wixl writes 1033 whatever the product says).
uuid=$(msiinfo suminfo "$msi" | sed -n 's/^Revision number (UUID): //p')
subject=$(msiinfo suminfo "$msi" | sed -n 's/^Subject: //p')
msibuild "$msi" -s "$subject" akinsoft-connector "x64;1055" "$uuid" || die "msibuild could not set the summary's languages"
# wixl escapes a leading '#' and has no binary registry type, so the
# REG_BINARY FailureActions value (written as "#x…" in the .wxs) arrives as
# "##x…", a string. Turn it back into binary in the Registry table.
msibuild "$msi" -q \
	"UPDATE Registry SET Value = '$(sed -n 's/.*Value="#\(x[0-9A-F]*\)".*/#\1/p' packaging/windows/akinsoft-connector.wxs)' WHERE Name = 'FailureActions'" ||
	die "msibuild could not set FailureActions as binary"

# What the .debs share besides the binary: the licences, the changelog,
# shell completions and man pages, made by a binary for this machine.
docs=$work/deb-docs
mkdir -p "$docs/man"
# gen-man is only in this build (-tags genman), not in the shipped binaries.
host=$work/akinsoft-connector-host
CGO_ENABLED=0 go build -trimpath -tags genman -ldflags "$ldflags" -o "$host" ./cmd/akinsoft-connector
bash scripts/deb-copyright.sh >"$docs/copyright" || die "cannot write the .deb's copyright file"
for shell in bash zsh fish; do
	"$host" completion "$shell" >"$docs/completion.$shell" || die "cannot write the $shell completion"
done
# The pages are Turkish, like the rest of the command line, whatever the
# locale of the machine that builds them.
"$host" gen-man --lang tr "$work/man" || die "cannot write the man pages"
for page in "$work"/man/*.1; do gzip -9 -n <"$page" >"$docs/man/$(basename "$page").gz"; done
# A Debian changelog (native: changelog.gz) of this version: the commits
# since the last tag, or the last 50.
{
	echo "akinsoft-connector ($deb_version) stable; urgency=medium"
	echo
	since=$(git describe --tags --abbrev=0 2>/dev/null || true)
	git log --no-merges --format='  * %s' ${since:+"$since..HEAD"} -n 50 2>/dev/null | fold -s -w 78 | sed 's/^\([^ ]\)/    \1/'
	echo
	echo " -- akinsoft-connector maintainers <akinsoft-connector@users.noreply.github.com>  $(git log -1 --format=%aD 2>/dev/null || date -R)"
} | gzip -9 -n >"$docs/changelog.gz"

for arch in amd64 arm64; do
	deb=$PWD/${base}_linux_${arch}.deb
	echo "deb -> ${deb#"$PWD"/}"
	stage=$work/deb-$arch
	mkdir -p "$stage"
	cp packaging/linux/* "$stage/"
	cp -r "$docs"/. "$stage/"
	cp "${base}_linux_${arch}" "$stage/akinsoft-connector"
	cp "$work/linux.config.example.yaml" "$stage/config.example.yaml"
	cp "$work/linux.config.example.en.yaml" "$stage/config.example.en.yaml"
	cp -r "$userdocs" "$stage/docs"
	cp config.schema.json "$stage/config.schema.json"
	(cd "$stage" && DEB_ARCH=$arch DEB_VERSION=$deb_version \
		go run "$NFPM" package --config nfpm.yaml --packager deb --target "$deb") >"$work/nfpm.log" 2>&1 ||
		{ cat "$work/nfpm.log" >&2; die "nfpm failed for $arch"; }
done

ls -l "$dist"/akinsoft-connector_"${version}"_*
