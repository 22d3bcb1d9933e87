# Idempotent installs shared by the build and test scripts (source it; each function skips
# what is already there). Never Debian's binaryen (its wasm-opt output crashes at init) and
# never a test tool's own browser download: see docs/toolchain.md.
# shellcheck shell=bash

export PATH="$HOME/.cargo/bin:$PATH"

# apt_install PACKAGE... — installs the Debian packages that are not installed yet.
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "install: apt-get install ${missing[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

# ensure_browsers — Debian's Chromium and its driver (the e2e and wasm tests drive them).
ensure_browsers() {
  if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    apt_install chromium chromium-driver
  fi
}

# ensure_firefox — Debian's Firefox ESR (the e2e/firefox/ tests drive it over WebDriver BiDi
# with puppeteer-core; no geckodriver and no browser download are needed).
ensure_firefox() {
  [ -x "${FIREFOX:-/usr/bin/firefox-esr}" ] || apt_install firefox-esr
}

# ensure_pdftotext — poppler's pdftotext: the print tests read the page printed to PDF.
ensure_pdftotext() {
  command -v pdftotext >/dev/null 2>&1 || apt_install poppler-utils
}

# ensure_wasm_target — the Rust target the page's engine is built for.
ensure_wasm_target() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown \
    || rustup target add wasm32-unknown-unknown
}

# wasm_bindgen_version — the wasm-bindgen version pinned in Cargo.lock.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock
}

# ensure_wasm_bindgen — wasm-bindgen-cli (and its test runner) at the version of Cargo.lock.
ensure_wasm_bindgen() {
  local v
  v=$(wasm_bindgen_version)
  if [ -n "$v" ] && [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $v" ]; then
    echo "install: cargo install wasm-bindgen-cli $v (about 2 minutes)" >&2
    cargo install wasm-bindgen-cli --version "$v"   # no --locked: see docs/toolchain.md
  fi
}

# ensure_npm — node_modules as package-lock.json says, when a dependency is missing.
ensure_npm() {
  if ! node -e 'const p=require("./package.json");for (const d of Object.keys({...p.dependencies,...p.devDependencies})) require.resolve(d+"/package.json")' >/dev/null 2>&1; then
    echo "install: npm ci" >&2
    npm ci --no-audit --no-fund
  fi
}
