//! The checks `#[frame_support::runtime]` generates as the library's unit tests (which
//! `Cargo.toml` turns off, so the runtime is not compiled twice): every pallet's
//! `integrity_test` (its constants agree with each other, e.g. unbonding outlasts every work
//! window) and the default genesis building. Run in both flavours.

use frame_support::traits::{BuildGenesisConfig, IntegrityTest};
use verity_runtime::{AllPalletsWithSystem, RuntimeGenesisConfig};

#[test]
fn every_pallets_integrity_test_passes() {
	sp_io::TestExternalities::default().execute_with(|| {
		<AllPalletsWithSystem as IntegrityTest>::integrity_test();
	});
}

#[test]
fn the_default_genesis_builds() {
	sp_io::TestExternalities::default().execute_with(|| {
		<RuntimeGenesisConfig as BuildGenesisConfig>::build(&RuntimeGenesisConfig::default());
	});
}
