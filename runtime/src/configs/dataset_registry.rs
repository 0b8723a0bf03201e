//! The dataset registry.
//!
//! Deposits are sized so that a dataset at `MaxShards` (about 43 KB with its index entries)
//! holds about 44 VRT, a small one about 1.5 VRT. Verifier slashes go to the treasury.
//!
//! Timing (6-second blocks): a registration commitment opens from the next block for 1 hour;
//! drawn verifiers commit within 1 day (they fetch and check the data) and reveal within 6 hours
//! after; their bonds stay held 7 days after the round ends (the window in which a verdict can be
//! challenged). With `fast-runtime` the periods are a few blocks, for end-to-end tests.
//!
//! A dataset is revoked for cause by its owner or by a referendum on the benchmark-standards
//! track (the track that decides what data a benchmark may rest on); model lineage is told and
//! taints what was trained on it.

use frame_support::{
	parameter_types,
	traits::{tokens::imbalance::ResolveTo, ConstBool, ConstU32, EitherOfDiverse},
};
use frame_system::EnsureRoot;
use sp_runtime::Perbill;

use super::super::{
	AccountId, Balance, Balances, BlockNumber, Runtime, RuntimeHoldReason, DAYS, HOURS, MILLI_UNIT,
	UNIT,
};
use super::{
	fast_or, governance::origins::BenchmarkStandards, ParentHashRandomness, TreasuryAccount,
};

parameter_types! {
	pub const DatasetDepositBase: Balance = UNIT;
	pub const DatasetDepositPerByte: Balance = MILLI_UNIT;
	pub const MinVerifierBond: Balance = 100 * UNIT;
	pub const VerifierSlash: Perbill = Perbill::from_percent(10);
	pub const RegistrationCommitDeposit: Balance = 100 * MILLI_UNIT;
	pub const RegistrationCommitExpiry: BlockNumber = fast_or(20, HOURS);
	pub const VoteCommitPeriod: BlockNumber = fast_or(10, DAYS);
	pub const VoteRevealPeriod: BlockNumber = fast_or(10, 6 * HOURS);
	pub const VerdictLockPeriod: BlockNumber = fast_or(20, 7 * DAYS);
}

impl pallet_dataset_registry::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Slash = ResolveTo<TreasuryAccount, Balances>;
	type Lineage = super::super::ModelLineage;
	type OnFlagged = super::super::ModelLineage;
	type MaxTaintFanout = ConstU32<64>;
	type RevokeOrigin = EitherOfDiverse<EnsureRoot<AccountId>, BenchmarkStandards>;
	type Randomness = ParentHashRandomness;
	type DepositBase = DatasetDepositBase;
	type DepositPerByte = DatasetDepositPerByte;
	type RegistrationCommitDeposit = RegistrationCommitDeposit;
	type RegistrationCommitExpiry = RegistrationCommitExpiry;
	type MinVerifierBond = MinVerifierBond;
	type VerifierSlash = VerifierSlash;
	type VerificationQuorum = ConstU32<3>;
	type VoteCommitPeriod = VoteCommitPeriod;
	type VoteRevealPeriod = VoteRevealPeriod;
	type VerdictLockPeriod = VerdictLockPeriod;
	type MaxVerifiers = ConstU32<256>;
	type MaxDrawsPerBlock = ConstU32<4>;
	type RequireSyntheticVerification = ConstBool<true>;
	type MaxShards = ConstU32<1024>;
	type MaxParents = ConstU32<16>;
	/// Every contributor of a dataset and of each upstream is paid, a transfer each, by every
	/// paid use: with `ComputeMaxDatasets` = 8, one settlement pays at most
	/// 8 × (16 + 1 + 4 × (16 + 1)) = 680 royalty payees (about 0.1 s and 2 MB of proof, checked in
	/// `runtime/tests/weights.rs` against the block and the parachain's PoV).
	type MaxContributors = ConstU32<16>;
	type MaxOverlapsRecorded = ConstU32<16>;
	type MaxUpstreams = ConstU32<4>;
	type MaxShardOwners = ConstU32<16>;
	type MaxNameLen = ConstU32<128>;
	type MaxUriLen = ConstU32<256>;
	type MaxLicenseLen = ConstU32<64>;
	type WeightInfo = pallet_dataset_registry::weights::SubstrateWeight<Runtime>;
	/// A real generator version in model lineage: synthetic registrations, the worst case.
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_helpers::Helper;
}
