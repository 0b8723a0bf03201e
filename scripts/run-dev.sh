#!/usr/bin/env bash
# One command for a development chain: set up, build, run a single-validator chain (Alice) with
# 6-second blocks and fresh state. RPC on ws://127.0.0.1:9944 (polkadot.js apps can connect).
# Extra arguments go to the node, e.g. `scripts/run-dev.sh --rpc-port 9955`.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
"$ROOT/scripts/setup.sh"
build_node
log "starting the dev chain"
exec "$NODE_BIN" --dev --tmp --no-mdns --no-telemetry --rpc-cors all "$@"
