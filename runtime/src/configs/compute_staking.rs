//! Compute staking: bonded GPU providers in a bounded pool, jobs whose seats the chain draws by
//! stake, commit-reveal results bound to (job, provider), spot checks of `r = 1` results,
//! escalation, slashing to the treasury, and the off-chain worker bridge (key type `vrty`).
//!
//! Timing (6-second blocks): a seat commits within 1 minute plus a block per 60 tokens it may
//! generate (training, and at most: 1 day), reveals run 1 minute, a job's deadline lies at most
//! 3 days ahead, a dispute waits 2 days for the compute-disputes track before the job is
//! refunded, and slashes apply 2 days after the decision, which leaves the track (about 1 day
//! 1 hour end to end) time to cancel a mistaken one. Unbonding takes 21 days, more than a job's
//! longest life plus the slash deferral (checked by the pallet's `integrity_test`). With
//! `fast-runtime` (dev and test builds) the periods are blocks, so a whole job lifecycle fits in
//! an end-to-end test.
//!
//! `p` = 10%: one `r = 1` result in ten is re-run by a second drawn provider, and a wrong output
//! costs at least `2 × payment / p` = 20 × the payment; `r = 1` jobs are drawn among providers
//! whose bond covers that (100 VRT covers 5 VRT jobs).

use frame_support::traits::EitherOfDiverse;
use frame_support::{parameter_types, traits::tokens::imbalance::ResolveTo};
use frame_system::EnsureRoot;
use sp_runtime::Perbill;

use super::super::{
	AccountId, Balance, Balances, BlockNumber, DatasetRegistry, ModelLineage, Runtime,
	RuntimeHoldReason, DAYS, MILLI_UNIT, MINUTES, UNIT,
};
use super::{fast_or, governance::origins::ComputeDisputes, ParentHashRandomness, TreasuryAccount};

parameter_types! {
	pub const ComputeMinProviderBond: Balance = 100 * UNIT;
	pub const ComputeMinJobPayment: Balance = 100 * MILLI_UNIT;
	pub const ComputeSlashFraction: Perbill = Perbill::from_percent(10);
	pub const ComputeSpotCheckChance: Perbill = Perbill::from_percent(10);
	pub const ComputeTreasuryCut: Perbill = Perbill::from_percent(5);
	/// Dataset and model royalties together, checked on the rates snapshotted at submission.
	pub const ComputeMaxRoyaltyShare: Perbill = Perbill::from_percent(50);
	/// Outlasts a job's longest life plus the slash deferral (the pallet's integrity test): in a
	/// `fast-runtime` build, 200 + 3 × (120 + 30) + 10 + 5 = 665 blocks at 2-second blocks.
	pub const ComputeUnbondingPeriod: BlockNumber = fast_or(700, 21 * DAYS);
	pub const ComputeSlashDeferral: BlockNumber = fast_or(5, 2 * DAYS);
	pub const ComputeCommitPeriod: BlockNumber = MINUTES;
	/// A training run's window, in a `fast-runtime` build a time (4 minutes: 120 two-second
	/// blocks): the cluster trains within it, so it keeps its time, not its count of blocks.
	pub const ComputeTrainingCommitPeriod: BlockNumber = fast_or(4 * MINUTES, DAYS);
	/// 10 tokens a second at 6-second blocks, a slow GPU's pace for a large model: a seat of an
	/// inference-like job gets a block more per 60 of its `max_tokens` (4,096 tokens: 1 minute
	/// plus 68 blocks, about 8 minutes), at most `ComputeTrainingCommitPeriod`.
	pub const ComputeInferenceTokensPerBlock: u32 = 60;
	pub const ComputeRevealPeriod: BlockNumber = MINUTES;
	pub const ComputeDisputePeriod: BlockNumber = fast_or(10, 2 * DAYS);
	pub const ComputeMaxJobDuration: BlockNumber = fast_or(200, 3 * DAYS);
	pub const ComputeMaxPoolSize: u32 = 128;
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
	type Randomness = ParentHashRandomness;
	type Lineage = ModelLineage;
	type Datasets = DatasetRegistry;
	type DatasetUsage = DatasetRegistry;
	type ModelUsage = ModelLineage;
	/// Root, or a referendum passed on the compute-disputes track.
	type DisputeOrigin = EitherOfDiverse<EnsureRoot<AccountId>, ComputeDisputes>;
	type AuthorityId = pallet_compute_staking::crypto::VerityAppCrypto;
	type MinProviderBond = ComputeMinProviderBond;
	type MinJobPayment = ComputeMinJobPayment;
	type SlashFraction = ComputeSlashFraction;
	type SpotCheckChance = ComputeSpotCheckChance;
	type TreasuryCut = ComputeTreasuryCut;
	type MaxRoyaltyShare = ComputeMaxRoyaltyShare;
	type UnbondingPeriod = ComputeUnbondingPeriod;
	type SlashDeferral = ComputeSlashDeferral;
	type CommitPeriod = ComputeCommitPeriod;
	type TrainingCommitPeriod = ComputeTrainingCommitPeriod;
	type InferenceTokensPerBlock = ComputeInferenceTokensPerBlock;
	type RevealPeriod = ComputeRevealPeriod;
	type DisputePeriod = ComputeDisputePeriod;
	type MaxJobDuration = ComputeMaxJobDuration;
	type MaxRedundancy = ComputeMaxRedundancy;
	type MaxCapacity = ComputeMaxCapacity;
	type MaxPoolSize = ComputeMaxPoolSize;
	type MaxJobsPerBlock = ComputeMaxJobsPerBlock;
	type MaxSlashesPerBlock = ComputeMaxSlashesPerBlock;
	type MaxDatasets = ComputeMaxDatasets;
	type MaxUriLen = ComputeMaxUriLen;
	type MaxGpuModelLen = ComputeMaxGpuModelLen;
	type WeightInfo = pallet_compute_staking::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_helpers::Helper;
}
