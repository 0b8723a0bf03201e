#!/usr/bin/env bash
# Regenerates chain-specs/ from the runtime's genesis presets through the node's
# `export-chain-spec`. `cargo test -p verity-node` fails when the files drift from the presets.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
[ -x "$NODE_BIN" ] || build_node
for chain in dev local; do
	"$NODE_BIN" export-chain-spec --chain "$chain" --output "$ROOT/chain-specs/$chain.json"
	"$NODE_BIN" export-chain-spec --chain "$chain" --raw --output "$ROOT/chain-specs/$chain-raw.json"
done
