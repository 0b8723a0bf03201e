#[cfg(feature = "std")]
fn main() {
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
}

/// Building the runtime for wasm needs no wasm of its own.
#[cfg(not(feature = "std"))]
fn main() {}
