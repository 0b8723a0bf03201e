#!/usr/bin/env bash
# Throughput of Verity's extrinsics on one dev node (bench/run.mjs): thousands of pre-signed
# extrinsics of each kind go into the pool at once; prints how many a block takes and how many
# a second full blocks sustain, beside balances.transferKeepAlive, and writes
# bench/results/<git short sha>.json.
#   scripts/bench.sh           the full run (a few thousand per kind, about 9 minutes)
#   scripts/bench.sh --quick   a few hundred per kind, a smoke test
# Uses the built node ($NODE_BIN: scripts/build.sh), run from a copy in /tmp on RPC port 29944
# and p2p port 39333, and the e2e tests' npm packages (e2e/node_modules: scripts/setup.sh).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
[ -x "$NODE_BIN" ] || { echo "no node at $NODE_BIN: build it with scripts/build.sh" >&2; exit 1; }
[ -d "$ROOT/e2e/node_modules/@polkadot/api" ] || { echo "no e2e/node_modules: run scripts/setup.sh" >&2; exit 1; }
exec node "$ROOT/bench/run.mjs" "$@"
