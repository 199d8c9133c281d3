#!/usr/bin/env bash
# Rebuilds the index from scratch: scripts/rebuild-index.sh [ARCHIVE…]
# (default: the bundled seeds/). The index goes to $FOUILLE_INDEX, else ./index.
# The old index stays searchable until the new one is committed.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
if [ "$#" -eq 0 ]; then
  set -- seeds
fi
exec target/release/fouille index --rebuild "$@"
