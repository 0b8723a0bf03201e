//! Compute staking: bonded GPU providers, escrowed jobs, commit-reveal results, challenges,
//! slashing to the treasury, and the off-chain worker bridge (key type `vrty`).
//!
//! PROPOSED by the compute-staking helper; not referenced by `configs/mod.rs` until the lead
//! wires it (`mod compute_staking;`, the pallet in `construct_runtime` and its runtime API).
//!
//! Timing (6-second blocks): a claim commits within 1 minute, reveals run 1 minute, an `r = 1`
//! result can be challenged for 2 minutes, slashes apply 10 minutes after the decision (time for
//! root to cancel a mistaken one), unbonding takes 7 days (> challenge window + slash deferral,
//! checked by the pallet's `integrity_test`).

use frame_support::{parameter_types, traits::tokens::imbalance::ResolveTo};
use frame_system::EnsureRoot;
use sp_runtime::Perbill;

use super::super::{
	AccountId, Balance, Balances, BlockNumber, Runtime, RuntimeHoldReason, DAYS, MILLI_UNIT,
	MINUTES, UNIT,
};
use super::TreasuryAccount;

parameter_types! {
	pub const ComputeMinProviderBond: Balance = 100 * UNIT;
	pub const ComputeChallengeBond: Balance = 20 * UNIT;
	pub const ComputeMinJobPayment: Balance = 100 * MILLI_UNIT;
	pub const ComputeSlashFraction: Perbill = Perbill::from_percent(10);
	pub const ComputeTreasuryCut: Perbill = Perbill::from_percent(5);
	/// Dataset and model royalties together; above it a payout goes to the providers whole.
	pub const ComputeMaxRoyaltyShare: Perbill = Perbill::from_percent(50);
	pub const ComputeUnbondingPeriod: BlockNumber = 7 * DAYS;
	pub const ComputeChallengeWindow: BlockNumber = 2 * MINUTES;
	pub const ComputeSlashDeferral: BlockNumber = 10 * MINUTES;
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
	// Replace with the real pallets once wired: `ModelLineage` (LineageInspect + ModelUsage) and
	// `DatasetRegistry` (DatasetInspect + DatasetUsage). With `()` no model version or dataset
	// exists, so jobs naming one are refused.
	type Lineage = ();
	type Datasets = ();
	type DatasetUsage = ();
	type ModelUsage = ();
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
	// Replace with a helper that registers a usable dataset / model version once those pallets
	// are wired, so the benchmarks cover royalties.
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}
