//! Chain specs built from the runtime's genesis presets.

use sc_service::{ChainType, Properties};
use verity_runtime::{TOKEN_DECIMALS, TOKEN_SYMBOL, WASM_BINARY};

/// A chain spec with no node-specific extensions.
pub type ChainSpec = sc_service::GenericChainSpec;

fn properties() -> Properties {
	let mut properties = Properties::new();
	properties.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
	properties.insert("tokenDecimals".into(), TOKEN_DECIMALS.into());
	properties.insert("ss58Format".into(), 42.into());
	properties
}

fn from_preset(name: &str, id: &str, kind: ChainType, preset: &str) -> Result<ChainSpec, String> {
	let wasm = WASM_BINARY.ok_or_else(|| "the runtime's wasm was not built".to_string())?;
	Ok(ChainSpec::builder(wasm, None)
		.with_name(name)
		.with_id(id)
		.with_protocol_id("verity")
		.with_chain_type(kind)
		.with_properties(properties())
		.with_genesis_config_preset_name(preset)
		.build())
}

/// One validator (Alice): `--dev`.
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	from_preset(
		"Verity Development",
		"verity_dev",
		ChainType::Development,
		sp_genesis_builder::DEV_RUNTIME_PRESET,
	)
}

/// Four validators (Alice, Bob, Charlie, Dave) on one machine.
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	from_preset(
		"Verity Local Testnet",
		"verity_local",
		ChainType::Local,
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET,
	)
}

#[cfg(test)]
mod tests {
	use super::*;
	use serde_json::Value;
	use std::path::PathBuf;

	/// The crate's directory as `cargo test` gives it when the test runs: a test binary reused from
	/// a build of another checkout (one shared target dir) would otherwise read that checkout's path.
	fn manifest_dir() -> PathBuf {
		std::env::var_os("CARGO_MANIFEST_DIR")
			.map(PathBuf::from)
			.unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
	}

	/// The runtime's code is left out: its bytes depend on the toolchain and the build path, and
	/// the node always runs `--chain dev|local` from its own wasm. Everything else must match.
	fn without_code(mut spec: Value) -> Value {
		if let Some(genesis) =
			spec.pointer_mut("/genesis/runtimeGenesis").and_then(Value::as_object_mut)
		{
			genesis.remove("code");
		}
		if let Some(top) = spec.pointer_mut("/genesis/raw/top").and_then(Value::as_object_mut) {
			top.remove("0x3a636f6465");
		}
		spec
	}

	fn assert_matches_file(spec: ChainSpec, name: &str) {
		for (raw, file) in [(false, format!("{name}.json")), (true, format!("{name}-raw.json"))] {
			let path = manifest_dir().join("../chain-specs").join(&file);
			let committed = std::fs::read_to_string(&path)
				.unwrap_or_else(|e| panic!("{}: {e}; run scripts/chain-specs.sh", path.display()));
			let committed: Value = serde_json::from_str(&committed).unwrap();
			let produced: Value = serde_json::from_str(&spec.as_json(raw).unwrap()).unwrap();
			assert!(
				without_code(committed) == without_code(produced),
				"chain-specs/{file} drifted from the runtime's preset: run scripts/chain-specs.sh"
			);
		}
	}

	#[test]
	fn committed_dev_spec_matches_the_preset() {
		assert_matches_file(development_chain_spec().unwrap(), "dev");
	}

	#[test]
	fn committed_local_spec_matches_the_preset() {
		assert_matches_file(local_chain_spec().unwrap(), "local");
	}

	#[test]
	fn local_testnet_has_four_validators_and_dev_one() {
		let validators = |spec: ChainSpec| -> usize {
			let json: Value = serde_json::from_str(&spec.as_json(false).unwrap()).unwrap();
			json.pointer("/genesis/runtimeGenesis/patch/validatorSet/validators")
				.and_then(Value::as_array)
				.map(Vec::len)
				.unwrap_or(0)
		};
		assert_eq!(validators(local_chain_spec().unwrap()), 4);
		assert_eq!(validators(development_chain_spec().unwrap()), 1);
	}
}
