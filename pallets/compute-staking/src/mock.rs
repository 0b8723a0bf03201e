//! A runtime with `frame_system`, `pallet_balances` and this pallet. Accounts are sr25519
//! `AccountId32`s so the off-chain worker can sign with keystore keys; peers come from
//! `verity_primitives::testing`, with royalty hooks that really pay.

use crate as pallet_compute_staking;
use crate::crypto::VerityAppCrypto;
use frame_support::{
	derive_impl, parameter_types,
	traits::{fungible::Mutate, tokens::imbalance::ResolveTo},
	weights::Weight,
};
use frame_system::EnsureRoot;
use sp_core::offchain::{
	testing::{TestOffchainExt, TestTransactionPoolExt},
	OffchainDbExt, OffchainWorkerExt, TransactionPoolExt,
};
use sp_keystore::{testing::MemoryKeystore, Keystore, KeystoreExt};
use sp_runtime::{
	traits::{IdentifyAccount, IdentityLookup},
	AccountId32, DispatchError, MultiSignature, MultiSigner, Perbill, Permill,
};
use verity_primitives::{
	testing,
	traits::{DatasetInspect, DatasetUsage, LineageInspect, ModelUsage, RoyaltyPayees},
	DatasetId, ModelVersionId,
};

pub type AccountId = AccountId32;
pub type Balance = u64;
type Block = frame_system::mocking::MockBlock<Test>;
/// What the off-chain worker puts in the pool: signed by an account, no real signature.
pub type Extrinsic = frame_system::mocking::MockUncheckedExtrinsic<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		ComputeStaking: pallet_compute_staking,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = IdentityLookup<AccountId>;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
}

verity_primitives::impl_test_signing!(Test, MultiSigner, MultiSignature);

/// Account receiving dataset royalties.
pub const DATASET_POT: u8 = 201;
/// Account receiving model royalties.
pub const MODEL_POT: u8 = 202;
/// The treasury.
pub const TREASURY: u8 = 200;

thread_local! {
	/// Royalty rates of the paying stand-ins, percent: (datasets, model).
	pub static ROYALTY_RATES: std::cell::Cell<(u64, u64)> = const { std::cell::Cell::new((10, 5)) };
}

/// What one royalty lookup of the paying stand-ins reports it used, and the worst case they
/// declare: a reveal that pays royalties is refunded from the one down to the other.
pub const USAGE_WEIGHT: Weight = Weight::from_parts(1_000, 10);
pub const USAGE_WORST: Weight = Weight::from_parts(1_000_000, 1_000);
/// The part of a lookup the `settle` benchmark measured already (not charged twice).
pub const USAGE_BASE: Weight = Weight::from_parts(100, 1);

fn percent(n: u64) -> Permill {
	Permill::from_percent(n as u32)
}

/// Dataset royalties: usability from the shared stand-in; `ROYALTY_RATES.0`% of each use owed
/// to `DATASET_POT`; uses recorded by the stand-in.
pub struct PayingDatasets;
impl DatasetUsage<AccountId, Balance> for PayingDatasets {
	fn royalty_rate(id: DatasetId) -> Option<Permill> {
		<testing::Datasets as DatasetInspect>::is_usable(id)
			.then(|| percent(ROYALTY_RATES.with(|r| r.get().0)))
	}
	fn royalty_payees(
		id: DatasetId,
		amount: Balance,
		cap: Permill,
	) -> Result<RoyaltyPayees<AccountId, Balance>, DispatchError> {
		let rate = Self::royalty_rate(id).ok_or(DispatchError::Other("dataset not usable"))?;
		let payees = vec![(acc(DATASET_POT), rate.min(cap).mul_floor(amount))];
		Ok(RoyaltyPayees { payees, weight: USAGE_WEIGHT })
	}
	fn note_usage(id: DatasetId, payer: &AccountId, amount: Balance, paid: Balance) {
		<testing::Datasets as DatasetUsage<u64, Balance>>::note_usage(id, &0, amount, paid);
		let _ = payer;
	}
	fn record_usage_weight() -> Weight {
		USAGE_WORST
	}
	fn record_usage_base_weight() -> Weight {
		USAGE_BASE
	}
}

/// Model royalties: `ROYALTY_RATES.1`% of each use owed to `MODEL_POT`, or `MODEL_PAYEE` when
/// set; uses recorded by the shared stand-in.
pub struct PayingLineage;
impl ModelUsage<AccountId, Balance> for PayingLineage {
	fn royalty_rate(id: ModelVersionId) -> Option<Permill> {
		<testing::Lineage as LineageInspect>::exists(id)
			.then(|| percent(ROYALTY_RATES.with(|r| r.get().1)))
	}
	fn royalty_payees(
		id: ModelVersionId,
		amount: Balance,
		cap: Permill,
	) -> Result<RoyaltyPayees<AccountId, Balance>, DispatchError> {
		let rate = Self::royalty_rate(id).ok_or(DispatchError::Other("unknown version"))?;
		let payee = MODEL_PAYEE.with(|p| p.borrow().clone()).unwrap_or(acc(MODEL_POT));
		Ok(RoyaltyPayees {
			payees: vec![(payee, rate.min(cap).mul_floor(amount))],
			weight: USAGE_WEIGHT,
		})
	}
	fn note_usage(id: ModelVersionId, _: &AccountId, amount: Balance, paid: Balance) {
		<testing::Lineage as ModelUsage<u64, Balance>>::note_usage(id, &0, amount, paid);
	}
	fn record_usage_weight() -> Weight {
		USAGE_WORST
	}
	fn record_usage_base_weight() -> Weight {
		USAGE_BASE
	}
}

thread_local! {
	/// Who model royalties go to, when not `MODEL_POT` (a test of self-dealt royalties).
	pub static MODEL_PAYEE: std::cell::RefCell<Option<AccountId>> = const { std::cell::RefCell::new(None) };
}

parameter_types! {
	pub TreasuryAccount: AccountId = acc(TREASURY);
	pub const SlashFraction: Perbill = Perbill::from_percent(10);
	pub const TreasuryCut: Perbill = Perbill::from_percent(10);
	pub const MaxRoyaltyShare: Perbill = Perbill::from_percent(50);
	pub const SpotCheckChance: Perbill = Perbill::from_percent(25);
}

pub const MIN_BOND: Balance = 1_000;
pub const MIN_PAYMENT: Balance = 100;
pub const UNBONDING: u64 = 160;
pub const TRAINING_COMMIT_PERIOD: u64 = 10;
pub const DISPUTE_PERIOD: u64 = 10;
pub const MAX_POOL: u32 = 12;
pub const SLASH_DEFERRAL: u64 = 5;
pub const COMMIT_PERIOD: u64 = 5;
/// Test jobs ask for 32 tokens: no extra block, so their seats get exactly `COMMIT_PERIOD`.
pub const INFERENCE_TOKENS_PER_BLOCK: u32 = 64;
pub const REVEAL_PERIOD: u64 = 3;
pub const MAX_REDUNDANCY: u32 = 5;
pub const MAX_CAPACITY: u32 = 4;
pub const MAX_JOBS_PER_BLOCK: u32 = 8;

impl pallet_compute_staking::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Slash = ResolveTo<TreasuryAccount, Balances>;
	type Treasury = TreasuryAccount;
	type Randomness = testing::TestRandomness;
	type Lineage = testing::Lineage;
	type Datasets = testing::Datasets;
	type DatasetUsage = PayingDatasets;
	type ModelUsage = PayingLineage;
	type DisputeOrigin = EnsureRoot<AccountId>;
	type AuthorityId = VerityAppCrypto;
	type MinProviderBond = frame_support::traits::ConstU64<MIN_BOND>;
	type MinJobPayment = frame_support::traits::ConstU64<MIN_PAYMENT>;
	type SlashFraction = SlashFraction;
	type SpotCheckChance = SpotCheckChance;
	type TreasuryCut = TreasuryCut;
	type MaxRoyaltyShare = MaxRoyaltyShare;
	type UnbondingPeriod = frame_support::traits::ConstU64<UNBONDING>;
	type SlashDeferral = frame_support::traits::ConstU64<SLASH_DEFERRAL>;
	type CommitPeriod = frame_support::traits::ConstU64<COMMIT_PERIOD>;
	type TrainingCommitPeriod = frame_support::traits::ConstU64<TRAINING_COMMIT_PERIOD>;
	type InferenceTokensPerBlock = frame_support::traits::ConstU32<INFERENCE_TOKENS_PER_BLOCK>;
	type RevealPeriod = frame_support::traits::ConstU64<REVEAL_PERIOD>;
	type DisputePeriod = frame_support::traits::ConstU64<DISPUTE_PERIOD>;
	type MaxJobDuration = frame_support::traits::ConstU64<100>;
	type MaxRedundancy = frame_support::traits::ConstU32<MAX_REDUNDANCY>;
	type MaxCapacity = frame_support::traits::ConstU32<MAX_CAPACITY>;
	type MaxPoolSize = frame_support::traits::ConstU32<MAX_POOL>;
	type MaxJobsPerBlock = frame_support::traits::ConstU32<MAX_JOBS_PER_BLOCK>;
	type MaxSlashesPerBlock = frame_support::traits::ConstU32<8>;
	type MaxDatasets = frame_support::traits::ConstU32<4>;
	type MaxUriLen = frame_support::traits::ConstU32<256>;
	type MaxGpuModelLen = frame_support::traits::ConstU32<32>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchHelper;
}

/// Makes usable datasets and a usable model version in the stand-ins for benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for BenchHelper {
	fn dataset(i: u32) -> Option<DatasetId> {
		let id = DatasetId::from(i).saturating_add(1_000);
		testing::Datasets::insert(id, true, vec![]);
		Some(id)
	}
	fn model_version() -> Option<ModelVersionId> {
		testing::Lineage::insert(7_000, true, vec![], vec![]);
		Some(7_000)
	}
}

/// Test account `n`: 32 bytes of `n`.
pub fn acc(n: u8) -> AccountId {
	AccountId32::new([n; 32])
}

/// Starting balance of accounts 1..=20.
pub const START: Balance = 100_000;

/// Storage with accounts 1..=20 funded, the treasury and royalty pots alive.
pub fn new_bench_ext() -> sp_io::TestExternalities {
	ROYALTY_RATES.with(|r| r.set((10, 5)));
	MODEL_PAYEE.with(|p| *p.borrow_mut() = None);
	let mut balances: Vec<(AccountId, Balance)> = (1..=20).map(|n| (acc(n), START)).collect();
	balances.extend([(acc(TREASURY), 1), (acc(DATASET_POT), 1), (acc(MODEL_POT), 1)]);
	verity_test_utils::ext_with::<Test>(balances)
}

verity_test_utils::mock_helpers!(ComputeStaking);

/// Phrase of the provider key the off-chain worker tests put in the keystore.
pub const PHRASE: &str =
	"news slush supreme milk chapter athlete soap sausage put clutch what kitten";

/// Test externalities for the off-chain worker: `worker` answers HTTP, `db` holds the offchain
/// storage, `pool` receives transactions; the keystore holds one `vrty` key, whose account is
/// returned. Accounts are funded as in `new_bench_ext`, and the key's account too.
pub fn ocw_ext<W: sp_core::offchain::Externalities + 'static>(
	worker: W,
	db: TestOffchainExt,
	pool: TestTransactionPoolExt,
) -> (sp_io::TestExternalities, AccountId) {
	let keystore = MemoryKeystore::new();
	let public = keystore
		.sr25519_generate_new(crate::crypto::KEY_TYPE, Some(&format!("{PHRASE}//provider")))
		.unwrap();
	let provider: AccountId = MultiSigner::from(public).into_account();
	let mut ext = new_bench_ext();
	ext.register_extension(OffchainWorkerExt::new(worker));
	ext.register_extension(OffchainDbExt::new(db));
	ext.register_extension(TransactionPoolExt::new(pool));
	ext.register_extension(KeystoreExt::new(keystore));
	ext.execute_with(|| {
		Balances::set_balance(&provider, START);
	});
	(ext, provider)
}
