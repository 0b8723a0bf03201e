# Shared by the scripts: where the build lives, how the node is built, where its binary is.
# The target directory sits outside the clone so that CI and later checkouts reuse one build.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/verity/target}"
# The wasm builder looks for Cargo.lock above the target dir; ours is outside the clone.
export WASM_BUILD_WORKSPACE_HINT="$ROOT"
# One feature set for the node, the tests and the benchmarks, so everything is compiled once:
# `-p verity-node --features ..` and `--workspace --features ..` unify every dependency's
# features identically (checked with `cargo tree -e features`). `fast-runtime` shortens the
# runtime's periods (slash deferral, governance tracks) for dev chains and the e2e tests; a
# production build leaves it out: `VERITY_FEATURES=runtime-benchmarks scripts/build.sh`.
export VERITY_FEATURES="${VERITY_FEATURES:-runtime-benchmarks fast-runtime}"
export NODE_BIN="$CARGO_TARGET_DIR/release/verity-node"

# The node and the `verity-anchor` CLI in one invocation: built apart, their features unify
# differently and the runtime would compile twice.
build_node() {
	(cd "$ROOT" && cargo build --locked --release -p verity-node -p verity-anchor --features "$VERITY_FEATURES")
}

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
