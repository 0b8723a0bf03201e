//! `chain-spec-builder` (crate `staging-chain-spec-builder`, stable2609) compiled inside the
//! workspace, so it shares the node's build instead of being installed apart. The solochain's
//! specs come from the node's `export-chain-spec`; the parachain's runtime is not in the node, so
//! `scripts/chain-specs.sh` builds its specs from the wasm with this tool.

use clap::Parser;
use staging_chain_spec_builder::ChainSpecBuilder;

fn main() -> std::process::ExitCode {
	match ChainSpecBuilder::parse().run() {
		Ok(()) => std::process::ExitCode::SUCCESS,
		Err(e) => {
			eprintln!("chain-spec-builder: {e}");
			std::process::ExitCode::FAILURE
		},
	}
}
