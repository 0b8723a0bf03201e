//! A runtime with only `frame_system` and this pallet.

use crate as pallet_validator_set;
use frame_support::{derive_impl, parameter_types};
use frame_system::EnsureRoot;
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		ValidatorSet: pallet_validator_set,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

parameter_types! {
	pub const MaxValidators: u32 = 4;
	pub const MinValidators: u32 = 2;
}

impl pallet_validator_set::Config for Test {
	type UpdateOrigin = EnsureRoot<u64>;
	type MaxValidators = MaxValidators;
	type MinValidators = MinValidators;
	type WeightInfo = ();
}

/// Storage with genesis validators 1, 2 and 3, at block 1.
pub fn new_bench_ext() -> sp_io::TestExternalities {
	let storage = RuntimeGenesisConfig {
		system: Default::default(),
		validator_set: pallet_validator_set::GenesisConfig { validators: vec![1, 2, 3] },
	}
	.build_storage()
	.unwrap();
	verity_test_utils::at_block_one::<Test>(storage)
}

verity_test_utils::mock_helpers!(ValidatorSet);
