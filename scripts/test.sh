#!/usr/bin/env bash
# One command for all tests: set up, lint, build every crate's tests and binaries in one release
# build (one feature set, so nothing compiles twice), run the unit and benchmark tests, then the
# end-to-end tests that start real nodes and drive them through @polkadot/api.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$ROOT"
start=$(date +%s)

"$ROOT/scripts/setup.sh"
"$ROOT/scripts/lint.sh"

log "python: the cluster's inference entrypoint against the worker's hash vectors"
python3 "$ROOT/scripts/cluster/test_infer_job.py"

log "web: the provenance explorer's answer-to-graph functions (node --test)"
(cd "$ROOT/web" && npm test --silent)

log "cargo build (workspace, every target, release, features: $VERITY_FEATURES)"
# One build for the tests and for the binaries the e2e drives (the node, verity-anchor,
# chain-spec-builder): `cargo test` resolves features with the dev-dependencies and
# `cargo build -p verity-node` without, so built apart the pallets, the runtime and parts of the
# node's dependencies compiled twice (2 min of every warm run, more cold).
cargo build --locked --release --workspace --all-targets --features "$VERITY_FEATURES"
log "cargo test (workspace, release, features: $VERITY_FEATURES)"
cargo test --locked --release --workspace --features "$VERITY_FEATURES"

log "cargo test (the parachain flavour: verity-runtime --features parachain)"
# Native tests only: the wasm collators run comes from build_para_wasm below.
SKIP_WASM_BUILD=1 cargo test --locked --release -p verity-runtime --features "parachain $VERITY_FEATURES"

log "building the parachain wasm (the e2e runs it in Chopsticks)"
build_para_wasm

log "e2e tests (node --test)"
(cd "$ROOT/e2e" && NODE_BIN="$NODE_BIN" PARA_WASM="$PARA_WASM" npm test)

log "all tests passed in $(( $(date +%s) - start )) s"
