#!/usr/bin/env bash
# Formatting and clippy. Runtime code must never panic: unwrap/expect/indexing/unchecked
# arithmetic are denied for the runtime, the pallets, the primitives and the provenance glue
# ([workspace.lints]).
# Only library targets are linted, so tests and mocks may unwrap.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$ROOT"
log "cargo fmt --check"
cargo fmt --all -- --check
log "cargo clippy (runtime, pallets, primitives)"
shopt -s nullglob
packages=()
for manifest in primitives/Cargo.toml provenance/Cargo.toml pallets/*/Cargo.toml pallets/*/runtime-api/Cargo.toml runtime/Cargo.toml; do
	packages+=(-p "$(sed -n 's/^name = "\(.*\)"/\1/p' "$manifest" | head -1)")
done
# The runtime's wasm is built by `cargo build`; clippy only needs the native code.
SKIP_WASM_BUILD=1 cargo clippy --locked --release "${packages[@]}" --features "$VERITY_FEATURES" --lib -- -D warnings
log "cargo clippy (the runtime's parachain flavour)"
SKIP_WASM_BUILD=1 cargo clippy --locked --release -p verity-runtime --features "parachain $VERITY_FEATURES" --lib -- -D warnings
