#!/usr/bin/env bash
# Copies the screenshots taken by the browser tests (e2e/out/, git-ignored) to
# docs/screenshots/, where the documentation shows them. Run scripts/test-e2e.sh first.
set -euo pipefail
cd "$(dirname "$0")/.."
shots=(accueil.png correspondance.png rapport.png dictionnaire.png formation.png formation-echantillon.png formation-exercice.png formation-pseudonymisation.png verdict-transmissible.png verdict-a-verifier.png verdict-bloquant.png priorites.png)
mkdir -p docs/screenshots
for s in "${shots[@]}"; do
  if [ ! -f "e2e/out/$s" ]; then
    echo "copy-screenshots: e2e/out/$s absent : lancez d'abord scripts/test-e2e.sh" >&2
    exit 1
  fi
  cp "e2e/out/$s" "docs/screenshots/$s"
done
echo "copy-screenshots: ${#shots[@]} captures copiées dans docs/screenshots/"
