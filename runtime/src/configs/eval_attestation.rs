//! Eval attestation: benchmark standards decided on the benchmark-standards OpenGov track,
//! evaluators drawn by bond with commit-reveal scores, median attestation, contamination refusal.
//!
//! Draws: seats and seeds come from `ParentHashRandomness` in the block after a request; the
//! model's owner, maintainers and the version's publisher (model lineage's `VersionOwners`) and
//! the requester are never drawn. Up to 128 evaluators in the draw pool (each draw reads every member; 16 draws a block at most). A benchmark's test-set
//! dataset is pinned in the dataset registry while the benchmark stands.
//!
//! Timing (6-second blocks): the draw in the next block, commitments within 6 hours of the draw
//! (an evaluation runs the model over the whole hidden test set), reveals within 30 minutes
//! after the last commitment (or the commit deadline, when a majority committed); with
//! `fast-runtime` 30 and 10 blocks, so the e2e sees deadlines pass.
//! Money: a proposal holds 100 VRT until decided (returned on approval or withdrawal, slashed to
//! the treasury on rejection); evaluators bond at least 100 VRT and lose 10% per slash; a
//! request pays at least 1 VRT, split among the in-band evaluators.
//! Bounds: quorum 3 to 15; a test set up to 1024 items (the dataset registry's `MaxShards`, so
//! the items can be the test-set dataset's shards); the deadline queue handles 16 requests a
//! block (16 × 15 slashes at worst); a model's lineage may hold 64 datasets for the
//! contamination check (each one an overlap computation against the test set).
//!

use frame_support::{
	parameter_types,
	traits::{tokens::imbalance::ResolveTo, ConstU32, EitherOfDiverse},
};
use frame_system::EnsureRoot;
use sp_runtime::Perbill;

use super::super::{
	AccountId, Balance, Balances, BlockNumber, DatasetRegistry, ModelLineage, Runtime,
	RuntimeHoldReason, HOURS, MINUTES, UNIT,
};
use super::{fast_or, governance::BenchmarkStandards, ParentHashRandomness, TreasuryAccount};

parameter_types! {
	pub const EvalBenchmarkDeposit: Balance = 100 * UNIT;
	pub const EvalMinEvaluatorBond: Balance = 100 * UNIT;
	pub const EvalMinRequestFee: Balance = UNIT;
	pub const EvalEvaluatorSlash: Perbill = Perbill::from_percent(10);
	/// The window in which every drawn worker scores the whole test set off-chain, so in a
	/// `fast-runtime` build it is a time (3 minutes: 90 two-second blocks), not a count of
	/// blocks: four evaluator keys sharing one inference thread need about a minute for 60 items.
	pub const EvalCommitPeriod: BlockNumber = fast_or(3 * MINUTES, 6 * HOURS);
	pub const EvalRevealPeriod: BlockNumber = fast_or(10, 30 * MINUTES);
}

impl pallet_eval_attestation::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	/// Slashed bonds and rejected proposals' deposits go to the treasury.
	type Slash = ResolveTo<TreasuryAccount, Balances>;
	/// A referendum passed on the benchmark-standards track (or root, e.g. sudo on dev chains).
	type BenchmarkOrigin = EitherOfDiverse<EnsureRoot<AccountId>, BenchmarkStandards>;
	type Lineage = ModelLineage;
	type Datasets = DatasetRegistry;
	type DatasetPins = DatasetRegistry;
	type VersionOwners = ModelLineage;
	type Randomness = ParentHashRandomness;
	type AuthorityId = pallet_eval_attestation::ocw::crypto::EvaluatorAppCrypto;
	type BenchmarkDeposit = EvalBenchmarkDeposit;
	type MinEvaluatorBond = EvalMinEvaluatorBond;
	type MinRequestFee = EvalMinRequestFee;
	type EvaluatorSlash = EvalEvaluatorSlash;
	type CommitPeriod = EvalCommitPeriod;
	type RevealPeriod = EvalRevealPeriod;
	type MaxNameLen = ConstU32<64>;
	type MaxUriLen = ConstU32<256>;
	type MaxQuorum = ConstU32<15>;
	type MaxTestItems = ConstU32<1024>;
	type MaxHistory = ConstU32<8>;
	type MaxLeaderboard = ConstU32<100>;
	type MaxRequestsPerBlock = ConstU32<16>;
	type MaxRequestsPerEvaluator = ConstU32<16>;
	type MaxEvaluators = ConstU32<128>;
	type MaxLineageDatasets = ConstU32<64>;
	type WeightInfo = pallet_eval_attestation::weights::SubstrateWeight<Runtime>;
	/// A real test-set dataset and model versions whose lineage holds real datasets.
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_helpers::Helper;
}
