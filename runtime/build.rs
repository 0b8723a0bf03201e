/// Each flavour's wasm has its own name, so that both live side by side in the shared target
/// directory and neither overwrites the other: the solochain's `verity_runtime` (which the node
/// embeds), the parachain's `verity_para_runtime`, and `verity_para_runtime_benchmarks` for a
/// parachain build with `runtime-benchmarks` (whose host functions only a benchmarking node has).
#[cfg(feature = "std")]
fn main() {
	let builder = substrate_wasm_builder::WasmBuilder::init_with_defaults();
	let feature = |name: &str| std::env::var_os(format!("CARGO_FEATURE_{name}")).is_some();
	match (feature("PARACHAIN"), feature("RUNTIME_BENCHMARKS")) {
		(false, _) => builder.build(),
		(true, false) => builder.set_file_name("verity_para_runtime").build(),
		(true, true) => builder.set_file_name("verity_para_runtime_benchmarks").build(),
	}
}

/// Building the runtime for wasm needs no wasm of its own.
#[cfg(not(feature = "std"))]
fn main() {}
