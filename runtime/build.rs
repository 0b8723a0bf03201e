/// Each flavour's wasm has its own name, so that both live side by side in the shared target
/// directory and neither overwrites the other: the solochain's `verity_runtime` (which the node
/// embeds) and the parachain's `verity_para_runtime` (which collators run).
///
/// The parachain's wasm never carries `runtime-benchmarks`, even when the native build does (its
/// tests share the workspace's feature set so that their dependencies compile once): that build
/// imports benchmarking host functions only a benchmarking node provides, which Chopsticks and
/// polkadot-omni-node refuse, and it is over the relay chain's code size limit. The wasm builder
/// takes the wasm's features from the `CARGO_FEATURE_*` variables, so the build script drops that
/// one. One test build thus yields the collator's wasm, without a second `cargo check` whose
/// other feature set re-checks the native dependencies.
#[cfg(feature = "std")]
fn main() {
	let builder = substrate_wasm_builder::WasmBuilder::init_with_defaults();
	if std::env::var_os("CARGO_FEATURE_PARACHAIN").is_some() {
		// Safe here: the build script is single-threaded and nothing reads it concurrently.
		std::env::remove_var("CARGO_FEATURE_RUNTIME_BENCHMARKS");
		builder.set_file_name("verity_para_runtime").build();
	} else {
		builder.build();
	}
}

/// Building the runtime for wasm needs no wasm of its own.
#[cfg(not(feature = "std"))]
fn main() {}
