# Shared by the scripts: where the build lives, how the node is built, where its binary is.
# The target directory sits outside the clone so that CI and later checkouts reuse one build.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/verity/target}"
# The wasm builder looks for Cargo.lock above the target dir; ours is outside the clone.
export WASM_BUILD_WORKSPACE_HINT="$ROOT"
# One feature set for the node, the tests and the benchmarks. `scripts/test.sh` builds the tests
# and the binaries in one `cargo build --workspace --all-targets`: a separate
# `cargo build -p verity-node` resolves features without the dev-dependencies and recompiled the
# pallets, the runtime and some node dependencies (seen in CI logs). `fast-runtime` shortens the
# runtime's periods (slash deferral, governance tracks) for dev chains and the e2e tests; a
# production build leaves it out: `VERITY_FEATURES=runtime-benchmarks scripts/build.sh`.
export VERITY_FEATURES="${VERITY_FEATURES:-runtime-benchmarks fast-runtime}"
export NODE_BIN="$CARGO_TARGET_DIR/release/verity-node"

# The vendored crate patches (patches/, a registry crate with a small change). Cargo judges a path
# crate by its files' times, and a fresh clone's are all new: every CI run rebuilt sc-rpc-server
# and the registry crates above it (sc-service, sc-cli, frame-benchmarking-cli, …). Their files
# get the registry's fixed time instead, and the hash of their content goes to the patch's
# build script (`cargo:rerun-if-env-changed`), so a patch whose content changed still rebuilds.
VERITY_PATCH_HASH="$(cd "$ROOT" && find patches -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-32)"
export VERITY_PATCH_HASH
find "$ROOT/patches" -type f -newermt '2006-07-24 01:21:28' -exec touch -d '2006-07-24 01:21:28' {} +

# The node, the `verity-anchor` CLI and chain-spec-builder in one invocation: built apart, their
# features unify differently and the runtime would compile twice.
build_node() {
	(cd "$ROOT" && cargo build --locked --release -p verity-node -p verity-anchor -p verity-chain-spec-builder --features "$VERITY_FEATURES")
}

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# The parachain flavour: the same runtime crate with the feature `parachain`, built as its own
# wasm (verity_para_runtime) beside the solochain's; its chain specs come from this wasm. Collators
# (polkadot-omni-node, Chopsticks) run it without `runtime-benchmarks`, whose host functions only
# a benchmarking node has. `cargo check` builds it: the runtime's build script builds the wasm,
# and the native runtime, which nothing here runs, is only type-checked.
export PARA_FEATURES="parachain fast-runtime"
export PARA_WASM="$CARGO_TARGET_DIR/release/wbuild/verity-runtime/verity_para_runtime.compact.compressed.wasm"
build_para_wasm() {
	(cd "$ROOT" && cargo check --locked --release -p verity-runtime --features "$PARA_FEATURES")
}

# para_chain_spec OUT [raw]: the development parachain's spec (para 2000 on rococo-local) from
# the runtime's `development` preset, by chain-spec-builder (built with the node).
export CHAIN_SPEC_BUILDER="$CARGO_TARGET_DIR/release/chain-spec-builder"
para_chain_spec() {
	local raw=()
	[ "${2:-}" = raw ] && raw=(--raw-storage)
	"$CHAIN_SPEC_BUILDER" --chain-spec-path "$1" create --chain-name "Verity Parachain Development" \
		--chain-id verity_para_dev -t development --relay-chain rococo-local --para-id 2000 \
		--properties tokenSymbol=VRT,tokenDecimals=12,ss58Format=42 --runtime "$PARA_WASM" \
		"${raw[@]}" named-preset development
}

# polkadot-omni-node, the collator that runs the parachain wasm: stable2609's release from the
# crates registry, built once (about an hour on two cores) into a cache outside the clone.
export OMNI_NODE_VERSION="0.24.0"
export OMNI_NODE_ROOT="${OMNI_NODE_ROOT:-$HOME/.cache/verity/omni-node}"
export OMNI_NODE_BIN="$OMNI_NODE_ROOT/bin/polkadot-omni-node"
install_omni_node() {
	# The binary reports the node's own version (1.25.1), not the crate's: ask cargo's record.
	if [ -x "$OMNI_NODE_BIN" ] && grep -q "\"polkadot-omni-node $OMNI_NODE_VERSION " "$OMNI_NODE_ROOT/.crates.toml" 2>/dev/null; then
		return
	fi
	log "building polkadot-omni-node $OMNI_NODE_VERSION into $OMNI_NODE_ROOT (once)"
	CARGO_TARGET_DIR="$HOME/.cache/verity/omni-target" cargo install --locked \
		polkadot-omni-node --version "$OMNI_NODE_VERSION" --root "$OMNI_NODE_ROOT"
}
