#!/usr/bin/env bash
# Builds the node (and with it the wasm runtime) in the shared release profile.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
log "cargo build --release -p verity-node ($CARGO_TARGET_DIR)"
build_node
ls -l "$NODE_BIN"
