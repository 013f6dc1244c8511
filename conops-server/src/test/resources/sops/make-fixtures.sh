#!/usr/bin/env bash
# Makes the SOPS test fixtures in this folder, once (they are committed): age identities from
# Debian's `age-keygen`, envelopes built per the SOPS format by build-sops.mjs (data keys through
# the real `age`), each then decrypted by the independent npm decoder `sops-age` and compared
# with its plaintext. Needs: age, nodejs, npm (apt-get install age nodejs npm).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/build-sops.mjs" "$here/check-sops.mjs" "$work/"
(cd "$work" && npm init -y >/dev/null && npm install --no-save --silent sops-age@4.0.2 yaml@2)

for id in identity other-identity; do
  [ -f "$here/$id.txt" ] || age-keygen -o "$here/$id.txt" 2>/dev/null
done
recipient=$(age-keygen -y "$here/identity.txt")
other=$(age-keygen -y "$here/other-identity.txt")

build() { # FORMAT PLAIN RECIPIENT OUT CHECKTYPE IDENTITY
  (cd "$work" && node build-sops.mjs "$1" "$here/$2" "$3" "$here/$4" \
    && node check-sops.mjs "$5" "$here/$4" "$here/$2" "$here/$6")
}
build dotenv app.plain.json "$recipient" app.sops.env env identity.txt
build yaml config.plain.json "$recipient" config.sops.yaml yaml identity.txt
build json config.plain.json "$recipient" config.sops.json json identity.txt
build dotenv app.plain.json "$other" app-other.sops.env env other-identity.txt
build dotenv web-v1.plain.json "$recipient" web-v1.sops.env env identity.txt
build dotenv web-v1.plain.json "$recipient" web-v1-again.sops.env env identity.txt
build dotenv web-v2.plain.json "$recipient" web-v2.sops.env env identity.txt
build dotenv worker.plain.json "$recipient" worker.sops.env env identity.txt
build yaml manifest-v1.plain.json "$recipient" manifest-v1.sops.yml yaml identity.txt
build yaml manifest-v2.plain.json "$recipient" manifest-v2.sops.yml yaml identity.txt
