//! A runtime with `frame_system`, `pallet_balances` and this pallet; datasets and model lineage
//! are the shared stand-ins of `verity_primitives::testing`.

use crate as pallet_eval_attestation;
use frame_support::{
	derive_impl, parameter_types,
	traits::{tokens::imbalance::ResolveTo, ConstU32, ConstU64},
};
use frame_system::EnsureRoot;
use sp_runtime::{
	testing::{TestSignature, UintAuthorityId},
	Perbill,
};
use verity_primitives::testing;
#[cfg(feature = "runtime-benchmarks")]
use verity_primitives::{ContentHash, DatasetId, ModelVersionId};

pub type AccountId = u64;
pub type Balance = u64;
type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		EvalAttestation: pallet_eval_attestation,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
}

// The worker's keys in tests: `UintAuthorityId(n)` signs for account `n`
// (`UintAuthorityId::set_all_keys` is the keystore).
verity_primitives::impl_test_signing!(Test, UintAuthorityId, TestSignature);

/// The test keystore's keys as the worker's `AuthorityId`.
pub struct TestAuthId;

impl frame_system::offchain::AppCrypto<UintAuthorityId, TestSignature> for TestAuthId {
	type RuntimeAppPublic = UintAuthorityId;
	type GenericSignature = TestSignature;
	type GenericPublic = UintAuthorityId;
}

pub type Extrinsic = frame_system::mocking::MockUncheckedExtrinsic<Test>;

/// Receives slashes.
pub const TREASURY: AccountId = 99;
/// Starting balance of accounts 1 to 30.
pub const START: Balance = 1_000_000;
pub const DEPOSIT: Balance = 500;
pub const MIN_BOND: Balance = 1_000;
pub const MIN_FEE: Balance = 100;
pub const COMMIT_PERIOD: u64 = 10;
pub const REVEAL_PERIOD: u64 = 5;
pub const MAX_QUORUM: u32 = 5;
pub const MAX_TEST_ITEMS: u32 = 16;
pub const MAX_HISTORY: u32 = 3;
pub const MAX_LEADERBOARD: u32 = 3;
pub const MAX_REQUESTS_PER_BLOCK: u32 = 4;
pub const MAX_REQUESTS_PER_EVALUATOR: u32 = 3;
pub const MAX_LINEAGE_DATASETS: u32 = 8;
pub const MAX_EVALUATORS: u32 = 8;

parameter_types! {
	pub const Treasury: AccountId = TREASURY;
	pub const EvaluatorSlash: Perbill = Perbill::from_percent(10);
}

impl pallet_eval_attestation::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Slash = ResolveTo<Treasury, Balances>;
	type BenchmarkOrigin = EnsureRoot<AccountId>;
	type Lineage = testing::Lineage;
	type Datasets = testing::Datasets;
	type DatasetPins = testing::Datasets;
	type VersionOwners = testing::Lineage;
	type Randomness = testing::TestRandomness;
	type AuthorityId = TestAuthId;
	type BenchmarkDeposit = ConstU64<DEPOSIT>;
	type MinEvaluatorBond = ConstU64<MIN_BOND>;
	type MinRequestFee = ConstU64<MIN_FEE>;
	type EvaluatorSlash = EvaluatorSlash;
	type CommitPeriod = ConstU64<COMMIT_PERIOD>;
	type RevealPeriod = ConstU64<REVEAL_PERIOD>;
	type MaxNameLen = ConstU32<32>;
	type MaxUriLen = ConstU32<64>;
	type MaxQuorum = ConstU32<MAX_QUORUM>;
	type MaxTestItems = ConstU32<MAX_TEST_ITEMS>;
	type MaxHistory = ConstU32<MAX_HISTORY>;
	type MaxLeaderboard = ConstU32<MAX_LEADERBOARD>;
	type MaxRequestsPerBlock = ConstU32<MAX_REQUESTS_PER_BLOCK>;
	type MaxRequestsPerEvaluator = ConstU32<MAX_REQUESTS_PER_EVALUATOR>;
	type MaxEvaluators = ConstU32<MAX_EVALUATORS>;
	type MaxLineageDatasets = ConstU32<MAX_LINEAGE_DATASETS>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchHelper;
}

/// Fills the stand-ins: a test set from the given shards, versions with fresh datasets.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchHelper;

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper for BenchHelper {
	fn test_set(shards: Vec<ContentHash>) -> Option<DatasetId> {
		testing::Datasets::insert(9_000, true, shards);
		Some(9_000)
	}
	fn model_version(datasets: u32) -> Option<ModelVersionId> {
		let ids: Vec<DatasetId> = (0..datasets as u64).map(|i| 10_000 + i).collect();
		for id in ids.iter() {
			// Shards no test set uses: 0xee-prefixed.
			let mut shard = [0xee; 32];
			shard[..8].copy_from_slice(&id.to_le_bytes());
			testing::Datasets::insert(*id, true, vec![ContentHash::from(shard)]);
		}
		testing::Lineage::insert(7_000, true, vec![], ids);
		Some(7_000)
	}
}

/// Storage with accounts 1 to 30 funded and the treasury alive, at block 1.
pub fn new_bench_ext() -> sp_io::TestExternalities {
	let mut balances: Vec<(AccountId, Balance)> = (1..=30).map(|n| (n, START)).collect();
	balances.push((TREASURY, 1));
	verity_test_utils::ext_with::<Test>(balances)
}

verity_test_utils::mock_helpers!(EvalAttestation);
