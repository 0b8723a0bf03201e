//! A runtime with frame_system, balances and this pallet; lineage is the shared test stand-in.

use crate as pallet_dataset_registry;
use frame_support::{
	derive_impl, parameter_types,
	traits::{tokens::imbalance::ResolveTo, ConstU32, ConstU64},
};
use sp_runtime::Perbill;
use verity_primitives::{testing, ModelVersionId};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		DatasetRegistry: pallet_dataset_registry,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
}

/// Receives verifier slashes.
pub const TREASURY: u64 = 99;
/// Starting balance of accounts 1 to 20.
pub const START: u64 = 1_000_000;
/// A usable generator model version, put into the lineage stand-in by every test ext.
pub const GENERATOR: ModelVersionId = 7;

parameter_types! {
	pub const Treasury: u64 = TREASURY;
	pub const DepositBase: u64 = 100;
	pub const DepositPerByte: u64 = 2;
	pub const MinVerifierBond: u64 = 1_000;
	pub const VerifierSlash: Perbill = Perbill::from_percent(10);
	pub static RequireSyntheticVerification: bool = true;
	pub const CommitDeposit: u64 = 50;
}

/// Blocks a registration commitment stays open after its block.
pub const COMMIT_EXPIRY: u64 = 10;
/// Blocks for commits, then for reveals, after a draw.
pub const COMMIT_PERIOD: u64 = 5;
pub const REVEAL_PERIOD: u64 = 5;
/// Blocks a verifier stays bonded after a round it sat in ends.
pub const VERDICT_LOCK: u64 = 20;

impl pallet_dataset_registry::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Slash = ResolveTo<Treasury, Balances>;
	type Lineage = testing::Lineage;
	type OnFlagged = testing::FlaggedDatasets;
	type MaxTaintFanout = frame_support::traits::ConstU32<2>;
	type RevokeOrigin = frame_system::EnsureRoot<u64>;
	type Randomness = testing::TestRandomness;
	type DepositBase = DepositBase;
	type DepositPerByte = DepositPerByte;
	type RegistrationCommitDeposit = CommitDeposit;
	type RegistrationCommitExpiry = ConstU64<COMMIT_EXPIRY>;
	type MinVerifierBond = MinVerifierBond;
	type VerifierSlash = VerifierSlash;
	type VerificationQuorum = ConstU32<3>;
	type VoteCommitPeriod = ConstU64<COMMIT_PERIOD>;
	type VoteRevealPeriod = ConstU64<REVEAL_PERIOD>;
	type VerdictLockPeriod = ConstU64<VERDICT_LOCK>;
	type MaxVerifiers = ConstU32<16>;
	type MaxDrawsPerBlock = ConstU32<2>;
	type RequireSyntheticVerification = RequireSyntheticVerification;
	type MaxShards = ConstU32<16>;
	type MaxParents = ConstU32<4>;
	type MaxContributors = ConstU32<4>;
	type MaxOverlapsRecorded = ConstU32<3>;
	type MaxUpstreams = ConstU32<4>;
	type MaxShardOwners = ConstU32<3>;
	type MaxNameLen = ConstU32<32>;
	type MaxUriLen = ConstU32<64>;
	type MaxLicenseLen = ConstU32<24>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchGenerator;
}

/// Benchmarks get the stand-in's usable generator.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchGenerator;

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper for BenchGenerator {
	fn generator() -> Option<ModelVersionId> {
		testing::Lineage::insert(GENERATOR, true, vec![], vec![]);
		Some(GENERATOR)
	}
}

/// Storage with accounts 1 to 20 holding `START` and the treasury the existential deposit.
pub fn new_bench_ext() -> sp_io::TestExternalities {
	let mut balances: Vec<(u64, u64)> = (1..=20).map(|a| (a, START)).collect();
	balances.push((TREASURY, 1));
	verity_test_utils::ext_with::<Test>(balances)
}

verity_test_utils::mock_helpers!(DatasetRegistry, setup: || {
	RequireSyntheticVerification::set(true);
	testing::Lineage::insert(GENERATOR, true, vec![], vec![]);
});
