#!/usr/bin/env bash
# deb-copyright.sh prints the .deb's debian/copyright (machine-readable
# format 1.0): the connector's own licence and, because the binary is
# static, the licence of every Go module linked into it, with its text.
#
#   bash scripts/deb-copyright.sh > copyright
#
# Licences are named by their text (Apache-2.0, Expat, BSD-2/3-Clause,
# MPL-2.0, ISC, Zlib); one it cannot name fails the script, so a new
# dependency never ships without its licence. Apache-2.0 refers to
# /usr/share/common-licenses; every other text is copied, as its terms ask.
set -euo pipefail
cd "$(dirname "$0")/.."

die() { echo "scripts/deb-copyright.sh: $*" >&2; exit 1; }

# licence FILE: the short name of the licence text in FILE.
licence() {
	local t
	t=$(tr -s '[:space:]' ' ' <"$1")
	case $t in
	*"Apache License"*"Version 2.0"*) echo Apache-2.0 ;;
	*"Mozilla Public License"*"2.0"*) echo MPL-2.0 ;;
	*"Permission is hereby granted, free of charge"*) echo Expat ;;
	*"Permission to use, copy, modify, and/or distribute"* | *"Permission to use, copy, modify, and distribute"*) echo ISC ;;
	*"Redistribution and use in source and binary forms"*"Neither the name"*) echo BSD-3-Clause ;;
	*"Redistribution and use in source and binary forms"*"The names of its contributors"*) echo BSD-3-Clause ;;
	*"Redistribution and use in source and binary forms"*) echo BSD-2-Clause ;;
	*"provided 'as-is'"*"Permission is granted to anyone to use this software for any purpose"*) echo Zlib ;;
	*) return 1 ;;
	esac
}

# text FILE: the licence text as a copyright field's continuation lines.
text() { sed -e 's/[[:space:]]*$//' -e 's/^$/./' -e 's/^/ /' "$1"; }

cat <<'HEAD'
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: akinsoft-connector
Source: https://github.com/akinsoft-connector/akinsoft-connector
Comment: The binary is statically linked; the Go modules built into it are
 listed below with their licences.

Files: *
Copyright: akinsoft-connector contributors
License: Apache-2.0
HEAD

declare -A texts=()
while IFS=$'\t' read -r path version dir; do
	[[ -n $path && $path != github.com/akinsoft-connector/akinsoft-connector ]] || continue
	file=$(find "$dir" -maxdepth 1 -type f \( -iname 'LICENSE*' -o -iname 'LICENCE*' -o -iname 'COPYING*' \) | sort | head -n 1)
	[[ -n $file ]] || die "Go module $path@$version has no LICENSE file in $dir"
	name=$(licence "$file") || die "cannot tell the licence of $path@$version ($file); add it to scripts/deb-copyright.sh"
	holder=$(grep -m1 -iE '^[[:space:]]*copyright (\(c\)|©|[0-9])' "$file" | sed -e 's/^[[:space:]]*//' -e 's/^[Cc]opyright[[:space:]]*//') || true
	key=$name
	if [[ $name != Apache-2.0 ]]; then
		key=$name-${path//\//-} # each module's own text: it names its own holders
		texts["$key"]=$file
	fi
	printf '\nFiles: (Go module) %s %s\nCopyright: %s\nLicense: %s\n' "$path" "$version" "${holder:-the $path authors}" "$key"
done < <(go list -deps -f '{{with .Module}}{{.Path}}{{"\t"}}{{.Version}}{{"\t"}}{{.Dir}}{{end}}' ./cmd/akinsoft-connector | sort -u)

printf '\nLicense: Apache-2.0\n On Debian systems the full text of the Apache License 2.0 is in\n /usr/share/common-licenses/Apache-2.0.\n'
for key in $(printf '%s\n' "${!texts[@]}" | sort); do
	printf '\nLicense: %s\n' "$key"
	text "${texts[$key]}"
done
