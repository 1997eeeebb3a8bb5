#!/bin/sh
# Makes an API token for `nodedex serve --tokens FILE`: appends the token's line to FILE,
#   <sha256 of the token, hex> <role: read | admin> <name>
# and prints the token itself on stdout, once: give it to its user (`--token`, or NODEDEX_TOKEN).
# The token is kept nowhere else; the server keeps only its hash. It is what the README's manual
# steps do:  token=$(openssl rand -hex 32); printf %s "$token" | sha256sum
#
#   gen-token.sh FILE ROLE NAME
set -eu
[ $# -eq 3 ] || { echo "usage: $0 FILE read|admin NAME" >&2; exit 2; }
file=$1 role=$2 name=$3
case $role in
    read | admin) ;;
    *) echo "gen-token: the role is read or admin, not '$role'" >&2; exit 2 ;;
esac
case $name in
    '' | *[!A-Za-z0-9._@-]*) echo "gen-token: a name is letters, digits and . _ @ - only, not '$name'" >&2; exit 2 ;;
esac
if [ -f "$file" ] && awk -v n="$name" '$3 == n { found = 1 } END { exit !found }' "$file"; then
    echo "gen-token: $file already has a token named $name" >&2
    exit 4
fi
token=$(openssl rand -hex 32)
hash=$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)
(umask 022; printf '%s %s %s\n' "$hash" "$role" "$name" >> "$file")
printf '%s\n' "$token"
