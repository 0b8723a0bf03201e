#!/usr/bin/env bash
# Runs the benchmarks of Verity's pallets on the node's wasm runtime and writes each pallet's
# weights.rs from scripts/weight-template.hbs.
#   scripts/benchmark.sh                  every Verity pallet
#   scripts/benchmark.sh pallet_x [...]   the named ones
# STEPS and REPEAT (defaults 50 and 20) trade time for precision; SKIP_BUILD=1 uses the built node.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
[ "${SKIP_BUILD:-0}" = 1 ] || build_node
WASM="$CARGO_TARGET_DIR/release/wbuild/verity-runtime/verity_runtime.compact.compressed.wasm"

declare -A DIRS=(
	[pallet_validator_set]=pallets/validator-set
	[pallet_reasoning_anchor]=pallets/reasoning-anchor
	[pallet_dataset_registry]=pallets/dataset-registry
	[pallet_model_lineage]=pallets/model-lineage
	[pallet_compute_staking]=pallets/compute-staking
	[pallet_eval_attestation]=pallets/eval-attestation
)
pallets=("$@")
if [ ${#pallets[@]} -eq 0 ]; then
	available=$("$NODE_BIN" benchmark pallet --list=pallets --runtime "$WASM" --genesis-builder=runtime 2>/dev/null | tr -d " " || true)
	for p in "${!DIRS[@]}"; do grep -qx "$p" <<<"$available" && pallets+=("$p"); done
fi
for p in "${pallets[@]}"; do
	dir=${DIRS[$p]:?unknown pallet $p}
	log "benchmarking $p"
	"$NODE_BIN" benchmark pallet \
		--runtime "$WASM" --genesis-builder=runtime --genesis-builder-preset development \
		--pallet "$p" --extrinsic '*' \
		--steps "${STEPS:-50}" --repeat "${REPEAT:-20}" \
		--wasm-execution compiled \
		--template "$ROOT/scripts/weight-template.hbs" \
		--output "$ROOT/$dir/src/weights.rs"
done
