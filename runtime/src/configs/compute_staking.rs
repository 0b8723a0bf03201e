//! Compute staking: bonded GPU providers, escrowed jobs, commit-reveal results, challenges,
//! slashing to the treasury, and the off-chain worker bridge (key type `vrty`).
//!
//! Timing (6-second blocks): a claim commits within 1 minute, reveals run 1 minute, an `r = 1`
//! result can be challenged for 2 minutes, slashes apply 10 minutes after the decision (time for
//! root to cancel a mistaken one), unbonding takes 7 days (> challenge window + slash deferral,
//! checked by the pallet's `integrity_test`). With the `fast-runtime` feature (dev and test
//! builds) the challenge window is 5 blocks, slashes apply after 5 blocks and unbonding takes
//! 20 blocks, so a whole job lifecycle fits in an end-to-end test.

use frame_support::{parameter_types, traits::tokens::imbalance::ResolveTo};
use frame_system::EnsureRoot;
use sp_runtime::Perbill;

use super::super::{
	AccountId, Balance, Balances, BlockNumber, DatasetRegistry, ModelLineage, Runtime,
	RuntimeHoldReason, DAYS, MILLI_UNIT, MINUTES, UNIT,
};
use super::{fast_or, TreasuryAccount};

parameter_types! {
	pub const ComputeMinProviderBond: Balance = 100 * UNIT;
	pub const ComputeChallengeBond: Balance = 20 * UNIT;
	pub const ComputeMinJobPayment: Balance = 100 * MILLI_UNIT;
	pub const ComputeSlashFraction: Perbill = Perbill::from_percent(10);
	pub const ComputeTreasuryCut: Perbill = Perbill::from_percent(5);
	/// Dataset and model royalties together; above it a payout goes to the providers whole.
	pub const ComputeMaxRoyaltyShare: Perbill = Perbill::from_percent(50);
	pub const ComputeUnbondingPeriod: BlockNumber = fast_or(20, 7 * DAYS);
	pub const ComputeChallengeWindow: BlockNumber = fast_or(5, 2 * MINUTES);
	pub const ComputeSlashDeferral: BlockNumber = fast_or(5, 10 * MINUTES);
	pub const ComputeCommitPeriod: BlockNumber = MINUTES;
	pub const ComputeRevealPeriod: BlockNumber = MINUTES;
	pub const ComputeMaxJobDuration: BlockNumber = 7 * DAYS;
	pub const ComputeMaxRedundancy: u32 = 5;
	pub const ComputeMaxCapacity: u32 = 16;
	pub const ComputeMaxJobsPerBlock: u32 = 64;
	pub const ComputeMaxSlashesPerBlock: u32 = 64;
	pub const ComputeMaxDatasets: u32 = 8;
	pub const ComputeMaxUriLen: u32 = 512;
	pub const ComputeMaxGpuModelLen: u32 = 64;
}

impl pallet_compute_staking::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	/// Slashed bonds go to the treasury.
	type Slash = ResolveTo<TreasuryAccount, Balances>;
	type Treasury = TreasuryAccount;
	type Lineage = ModelLineage;
	type Datasets = DatasetRegistry;
	type DatasetUsage = DatasetRegistry;
	type ModelUsage = ModelLineage;
	type DisputeOrigin = EnsureRoot<AccountId>;
	type AuthorityId = pallet_compute_staking::crypto::VerityAppCrypto;
	type MinProviderBond = ComputeMinProviderBond;
	type ChallengeBond = ComputeChallengeBond;
	type MinJobPayment = ComputeMinJobPayment;
	type SlashFraction = ComputeSlashFraction;
	type TreasuryCut = ComputeTreasuryCut;
	type MaxRoyaltyShare = ComputeMaxRoyaltyShare;
	type UnbondingPeriod = ComputeUnbondingPeriod;
	type ChallengeWindow = ComputeChallengeWindow;
	type SlashDeferral = ComputeSlashDeferral;
	type CommitPeriod = ComputeCommitPeriod;
	type RevealPeriod = ComputeRevealPeriod;
	type MaxJobDuration = ComputeMaxJobDuration;
	type MaxRedundancy = ComputeMaxRedundancy;
	type MaxCapacity = ComputeMaxCapacity;
	type MaxJobsPerBlock = ComputeMaxJobsPerBlock;
	type MaxSlashesPerBlock = ComputeMaxSlashesPerBlock;
	type MaxDatasets = ComputeMaxDatasets;
	type MaxUriLen = ComputeMaxUriLen;
	type MaxGpuModelLen = ComputeMaxGpuModelLen;
	type WeightInfo = pallet_compute_staking::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_helpers::Helper;
}
