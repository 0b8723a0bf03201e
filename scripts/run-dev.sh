#!/usr/bin/env bash
# One command for a development chain: set up, build, run a single-validator chain (Alice) with
# 6-second blocks and fresh state. RPC on ws://127.0.0.1:9944 (polkadot.js apps can connect);
# the provenance explorer on http://127.0.0.1:8099 (EXPLORER_PORT to change it).
# Extra arguments go to the node, e.g. `scripts/run-dev.sh --rpc-port 9955`.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
"$ROOT/scripts/setup.sh"
build_node

RPC_PORT=9944
for ((i = 1; i <= $#; i++)); do
	[ "${!i}" = "--rpc-port" ] && j=$((i + 1)) && RPC_PORT="${!j}"
done
EXPLORER_PORT="${EXPLORER_PORT:-8099}"
node "$ROOT/web/serve.mjs" "$EXPLORER_PORT" >/dev/null &
SERVE_PID=$!
trap 'kill $SERVE_PID 2>/dev/null || true' EXIT
log "provenance explorer: http://127.0.0.1:$EXPLORER_PORT/?ws=ws://127.0.0.1:$RPC_PORT"
log "starting the dev chain"
"$NODE_BIN" --dev --tmp --no-mdns --no-telemetry --rpc-cors all "$@"
