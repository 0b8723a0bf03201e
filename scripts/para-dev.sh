#!/usr/bin/env bash
# Runs Verity as a parachain: polkadot-omni-node (built once into ~/.cache/verity/omni-node)
# with the parachain flavour of the runtime, in dev mode: one collator (Alice), blocks every 6 s
# with mocked relay-chain validation data, off-chain workers on. Extra arguments go to the node,
# e.g. `scripts/para-dev.sh --rpc-port 9955`.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$ROOT"

"$ROOT/scripts/setup.sh"
install_omni_node
log "building the parachain wasm (verity-runtime --features \"$PARA_FEATURES\")"
build_para_wasm
[ -x "$CHAIN_SPEC_BUILDER" ] || build_node
# The spec of the wasm just built (chain-specs/para-dev-raw.json holds the last committed one).
SPEC="$CARGO_TARGET_DIR/para-dev-raw.json"
para_chain_spec "$SPEC" raw
log "polkadot-omni-node $("$OMNI_NODE_BIN" --version) on $SPEC"
exec "$OMNI_NODE_BIN" --chain "$SPEC" --dev --dev-block-time 6000 \
	--rpc-cors all --rpc-methods unsafe --offchain-worker always "$@"
