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

# The parachain flavour compiles beside the e2e, at the lowest priority: the e2e files mostly
# wait for blocks, so the compiler takes the idle cores without slowing the nodes, and about
# five minutes of compiling (fifteen cold) leave the critical path. Only the Chopsticks file needs
# the parachain's wasm: it runs once that is built.
# The flavour's native tests, with the workspace's features so their dependencies compiled above
# serve; the runtime's build script builds the collator's wasm beside them (without
# `runtime-benchmarks`, see runtime/build.rs). Built and run with the same arguments, so the run
# compiles nothing.
para_tests() { cargo test --locked --release -p verity-runtime --features "parachain $VERITY_FEATURES" "$@"; }
para_log="$(mktemp)"
log "building the parachain flavour beside the e2e, at nice 19 (its output: $para_log)"
(
	renice -n 19 -p "$BASHPID" >/dev/null
	para_tests --no-run
) >"$para_log" 2>&1 &
para_build=$!

log "e2e tests (node --test), all but the parachain's"
e2e_status=0
(cd "$ROOT/e2e" && NODE_BIN="$NODE_BIN" PARA_WASM="$PARA_WASM" node run.mjs --except parachain.test.mjs) || e2e_status=$?
para_status=0
wait "$para_build" || para_status=$?
[ "$para_status" -eq 0 ] || { cat "$para_log" >&2; log "the parachain flavour failed to build"; exit "$para_status"; }
[ "$e2e_status" -eq 0 ] || exit "$e2e_status"

log "cargo test (the parachain flavour: verity-runtime --features parachain)"
para_tests

log "e2e: the parachain's wasm in Chopsticks"
(cd "$ROOT/e2e" && NODE_BIN="$NODE_BIN" PARA_WASM="$PARA_WASM" node run.mjs parachain.test.mjs)

log "all tests passed in $(( $(date +%s) - start )) s"
