#!/usr/bin/env bash
# Browser tests of the page in Debian's Firefox ESR, headless over WebDriver BiDi with
# puppeteer-core (e2e/firefox/): privacy with its positive controls, a check and a
# pseudonymisation whose downloads are the CLI's files, the mapping step, the dictionary, and
# the Firefox faults of issue 14. Installs what is missing (idempotent); builds the page and
# the CLI unless told which to use. Prints its wall time.
# Environment: OLINPE_BIN (a CLI binary to use instead of building one), OLINPE_BUILT=1 (the
# page in dist/ is already built, by scripts/test-e2e.sh), FIREFOX (browser path, default
# /usr/bin/firefox-esr), CARGO_TARGET_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/install.sh
ensure_firefox
ensure_pdftotext
ensure_npm

[ "${OLINPE_BUILT:-0}" = 1 ] && [ -f dist/olinpe.html ] || bash scripts/build-all.sh

if [ -z "${OLINPE_BIN:-}" ]; then
  cargo build --release --bin olinpe
  export OLINPE_BIN="${CARGO_TARGET_DIR:-$PWD/target}/release/olinpe"
fi

echo "firefox: $("${FIREFOX:-/usr/bin/firefox-esr}" --version 2>/dev/null), puppeteer-core $(node -p 'require("puppeteer-core/package.json").version')"
start=$(date +%s)
# One test file at a time: each starts its own Firefox, and the machines have 2 cores.
node --test --test-concurrency=1 e2e/firefox/
echo "firefox: e2e/firefox/ passed in $(( $(date +%s) - start )) s"
