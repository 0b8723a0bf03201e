#!/usr/bin/env bash
# Regenerates chain-specs/ from the runtime's genesis presets: the solochain's through the node's
# `export-chain-spec`, the parachain's (para-dev) from the parachain wasm by chain-spec-builder.
# `cargo test -p verity-node` and the parachain flavour's tests fail when the files drift.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
{ [ -x "$NODE_BIN" ] && [ -x "$CHAIN_SPEC_BUILDER" ]; } || build_node
for chain in dev local; do
	"$NODE_BIN" export-chain-spec --chain "$chain" --output "$ROOT/chain-specs/$chain.json"
	"$NODE_BIN" export-chain-spec --chain "$chain" --raw --output "$ROOT/chain-specs/$chain-raw.json"
done
build_para_wasm
para_chain_spec "$ROOT/chain-specs/para-dev.json"
para_chain_spec "$ROOT/chain-specs/para-dev-raw.json" raw
