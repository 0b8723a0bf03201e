/// The parachain flavour's wasm gets its own name (`verity_para_runtime.compact.compressed.wasm`,
/// and `OUT_DIR/verity_para_runtime` that `lib.rs` includes), so that both flavours' wasm files
/// live side by side in the shared target directory and neither overwrites the other.
#[cfg(feature = "std")]
fn main() {
	let builder = substrate_wasm_builder::WasmBuilder::init_with_defaults();
	if std::env::var_os("CARGO_FEATURE_PARACHAIN").is_some() {
		builder.set_file_name("verity_para_runtime").build();
	} else {
		builder.build();
	}
}

/// Building the runtime for wasm needs no wasm of its own.
#[cfg(not(feature = "std"))]
fn main() {}
