#!/usr/bin/env bash
# The page is reproducible (docs/hosting.md, « Vérifier une copie »): builds dist/olinpe.html
# in this checkout and again in a second folder (a clone of the same commit, at another path,
# holding the same working files), and asserts byte-identical pages, CSPs and SHA-256 files;
# that dist/olinpe.html.sha256 is the page's; that the page names its version and commit;
# that no local path (this folder, Cargo's home) is left in the WebAssembly module; and that a
# tree without git builds with the stated fallback.
#
#   scripts/test-reproducible.sh           builds both folders
#   scripts/test-reproducible.sh --built   this checkout's dist/ and pkg/ were just built by
#                                          scripts/build-all.sh (scripts/test.sh, after the page tests)
#
# The second folder shares the Cargo target directory (dependencies are not rebuilt), but the
# olinpe crate is cleaned there first and compiled again from the second folder's sources.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
t0=$(date +%s)

[ "${1:-}" = --built ] || bash scripts/build-all.sh
[ -f dist/olinpe.html ] || { echo "test-reproducible: dist/olinpe.html absent" >&2; exit 1; }

# A checkout owned by another user (CI) is read all the same, as the build does.
git() { command git -c safe.directory='*' "$@"; }

T=$(mktemp -d "${TMPDIR:-/tmp}/olinpe-repro-XXXXXX")
trap 'rm -rf "$T"' EXIT
B="$T/second/folder/olinpe"

# The second folder: the same commit, and the same working files (tracked ones as they are
# now, new ones not ignored), so that a build of uncommitted changes compares too.
git clone -q --shared --no-checkout "$ROOT" "$B"
git -C "$B" checkout -q --detach "$(git rev-parse HEAD)"
git ls-files -z --cached --others --exclude-standard \
  | tar --null -T - --ignore-failed-read -cf - 2>/dev/null | tar -xf - -C "$B"
git ls-files -z --deleted | (cd "$B" && xargs -0 -r rm -f)
ln -s "$ROOT/node_modules" "$B/node_modules"

(
  cd "$B"
  cargo clean -q -p olinpe --release --target wasm32-unknown-unknown
  bash scripts/build-all.sh
) > "$T/build.log" 2>&1 || { cat "$T/build.log" >&2; exit 1; }
grep -q 'Compiling olinpe ' "$T/build.log" \
  || { echo "test-reproducible: the second build did not compile the crate" >&2; cat "$T/build.log" >&2; exit 1; }

status=0
fail() { echo "test-reproducible: $*" >&2; status=1; }
for f in olinpe.html olinpe.csp olinpe.html.sha256; do
  cmp -s "dist/$f" "$B/dist/$f" || fail "dist/$f differs between $ROOT and $B"
done
(cd dist && sha256sum --quiet -c olinpe.html.sha256) || fail "dist/olinpe.html.sha256 is not the page's SHA-256"
info() { sed -n 's/.*data-testid="build-info">\([^<]*\)<.*/\1/p' "$1"; }
version=$(awk -F'"' '/^version = /{ print $2; exit }' Cargo.toml)
commit=$(git rev-parse HEAD | cut -c1-7)
case "$(info dist/olinpe.html)" in
  "olinpe $version — $commit" | "olinpe $version — $commit (modifié)") ;;
  *) fail "build-info is « $(info dist/olinpe.html) », not « olinpe $version — $commit »" ;;
esac
[ "$(info "$B/dist/olinpe.html")" = "$(info dist/olinpe.html)" ] \
  || fail "build-info differs: « $(info dist/olinpe.html) » here, « $(info "$B/dist/olinpe.html") » in the second folder"
for dir in "$ROOT" "$B" "$T" "${CARGO_HOME:-$HOME/.cargo}" "$HOME"; do
  if grep -qaF "$dir/" pkg/olinpe_bg.wasm "$B/pkg/olinpe_bg.wasm"; then fail "a local path ($dir/) is in the WebAssembly module"; fi
done

# A tree without git (an archive): the page says so instead of a commit.
N="$T/sans-git"
mkdir -p "$N/scripts"
cp scripts/build-page.mjs "$N/scripts/"
cp -r index.html Cargo.toml www pkg "$N/"
ln -s "$ROOT/node_modules" "$N/node_modules"
GIT_CEILING_DIRECTORIES="$T" node "$N/scripts/build-page.mjs" > /dev/null
[ "$(info "$N/dist/olinpe.html")" = "olinpe $version — commit inconnu (construit hors d’un dépôt git)" ] \
  || fail "without git, build-info is « $(info "$N/dist/olinpe.html") »"

[ "$status" = 0 ] || exit 1
echo "test-reproducible: two folders, same page: $(cut -c1-64 dist/olinpe.html.sha256) ($(info dist/olinpe.html), $(stat -c %s dist/olinpe.html) bytes, $(( $(date +%s) - t0 )) s)"
