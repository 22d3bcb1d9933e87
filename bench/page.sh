#!/usr/bin/env bash
# Browser benchmark of the page (bench/page.mjs): builds what is missing, then measures.
# Usage: bench/page.sh [--rows N] [--seed S] [--runs N] [--origin http|file] [--json OUT] [--settle MS]
# Environment: OLINPE_BIN (CLI to compare with), CHROMIUM, CARGO_TARGET_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
node -e 'require.resolve("playwright-core/package.json")' 2>/dev/null || npm ci --no-audit --no-fund
[ -f dist/olinpe.html ] || bash scripts/build-all.sh
if [ -z "${OLINPE_BIN:-}" ]; then
  cargo build --release --bin olinpe
  export OLINPE_BIN="${CARGO_TARGET_DIR:-$PWD/target}/release/olinpe"
fi
exec node bench/page.mjs "$@"
