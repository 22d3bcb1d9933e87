#!/usr/bin/env bash
# Supply-chain check: licences, banned crates and duplicate versions, sources (crates.io only),
# with the policy in deny.toml. Installs cargo-deny when missing (about 4 minutes on 2 cores;
# no --locked, see docs/toolchain.md). Advisories need the RustSec database from the network,
# which this project's machines cannot reach; where it is reachable run
#   cargo deny check advisories
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
if ! cargo deny --version >/dev/null 2>&1; then
  echo "deny: cargo install cargo-deny (about 4 minutes)"
  cargo install cargo-deny
fi
cargo deny --version
cargo deny check licenses bans sources
echo "deny: licences, bans and sources conform to deny.toml"
