//! # Eval attestation
//!
//! Model scores attested by a bonded quorum with commit-reveal, on benchmark standards that
//! governance approves, refused for models whose training data overlaps the hidden test set.
//!
//! ## Benchmark standards
//! Anyone `propose_benchmark`s a [`BenchmarkSpec`]: name, spec hash and URI, metric and
//! [`Direction`], harness hash, [`SeedPolicy`] and batch size, tolerance band, quorum (odd, 1 to
//! `MaxQuorum`), minimum evaluator bond (at least the global `MinEvaluatorBond`) and the hidden
//! test set. The test set is given twice: as a dataset already registered in the dataset
//! registry (`test_set`, its shard hashes, so overlaps with training data can be computed through
//! `T::Datasets`), and as `test_set_root`, the [`verity_primitives::merkle`] root over the test
//! items' 32-byte hashes (leaf `i` = the bytes of item hash `i`; when the items are the dataset's
//! shards this equals the dataset's content root), with the item count `test_items`.
//!
//! `BenchmarkDeposit` is held from the proposer (`HoldReason::BenchmarkDeposit`) while the
//! benchmark is `Proposed`. `BenchmarkOrigin` (the benchmark-standards track in the runtime):
//! - `approve_benchmark`: `Proposed → Approved`; the deposit is returned (the standard is now
//!   shared; its record stays for good, since results name it).
//! - `reject_benchmark`: the proposal is removed and its deposit slashed to `T::Slash` (spam
//!   costs). A proposer may `withdraw_proposal` before a decision and get the deposit back.
//! - `retire_benchmark`: `Approved → Retired`, revealing the item hashes and a URI where the
//!   items are published. The revealed hashes must have `test_set_root` as their Merkle root
//!   ([`Error::TestSetMismatch`]). It may name a successor (a proposed or approved benchmark).
//!   Requests in flight finish; new ones are refused.
//!
//! ## Evaluators
//! `bond_evaluator(amount)` holds (more) stake under `HoldReason::EvaluatorBond`; the total must
//! reach `MinEvaluatorBond`. `unbond_evaluator` releases the whole bond at once, refused while
//! the evaluator holds a seat in an unfinished request: slashes only ever happen when a request
//! finishes, so an evaluator without open requests owes nothing and needs no waiting period.
//!
//! ## Requests
//! `request_evaluation(version, benchmark, fee)` holds `fee` (at least `MinRequestFee`) from the
//! requester (`HoldReason::RequestFee`). Refused with [`Error::BenchmarkNotApproved`] unless the
//! benchmark is approved, [`Error::UnknownModelVersion`] / [`Error::VersionNotUsable`] when the
//! version is unknown or revoked in `T::Lineage`, and [`Error::Contaminated`] when any dataset in
//! the version's lineage (`LineageInspect::lineage_datasets`, at most `MaxLineageDatasets`) shares
//! a shard with the test set (`DatasetInspect::overlap > 0`) or is the test set.
//!
//! Until `commit_by = created + CommitPeriod` (exclusive), `quorum` bonded evaluators `claim` a
//! seat (bond at least the benchmark's minimum; the requester cannot) and each `commit`s
//! [`commitment_of`]. When every seat has committed, reveals open for `RevealPeriod` blocks;
//! each evaluator `reveal`s `(score, contamination, salt)`. The last reveal finalizes at once.
//!
//! ## Commitment (for clients)
//! `commitment = blake2_256(SCALE((request: u64, evaluator: AccountId, score: u32,
//! contamination: Option<Perbill>, salt: [u8; 32])))`, i.e. the concatenation of
//! `u64_le(request) ‖ evaluator (32 bytes for AccountId32) ‖ u32_le(score) ‖ (0x00 |
//! 0x01 ‖ u32_le(parts_per_billion)) ‖ salt`. Binding the request and the evaluator keeps
//! another evaluator from copying a commitment and replaying its reveal. Use a fresh random
//! salt for every commitment.
//!
//! ## Finalization
//! When the last seat reveals, at the reveal deadline (the deadline queue in `on_initialize`), or
//! by anyone's `finalize` once a deadline passed (the fallback when the queue is behind):
//! - claimants that did not commit, or did not reveal, in time are slashed (`NoShow`);
//! - fewer than `quorum` reveals: the request fails, the fee is refunded, revealers go free;
//! - otherwise the median of the revealed scores is attested; evaluators further than
//!   `tolerance` from it are slashed (`Outlier`) and get nothing; the fee is split equally among
//!   the in-band evaluators (the rounding rest to the first). The contamination estimate
//!   attested is the median of the in-band estimates given.
//!
//! A slash takes `EvaluatorSlash` of the evaluator's bond to `T::Slash` (the treasury).
//!
//! ## Results
//! [`Results`] keeps the last `MaxHistory` attestations per (version, benchmark), oldest dropped.
//! [`Leaderboards`] keeps one entry per version (its latest attested score) for each benchmark,
//! best first by the metric's direction (ties: earlier first), at most `MaxLeaderboard`: when
//! full, the worst entry drops out. [`Pallet::leaderboard`], [`Pallet::scores`],
//! [`Pallet::history`], [`Pallet::benchmark_view`] and [`Pallet::request_view`] serve the
//! runtime API (`pallet-eval-attestation-runtime-api`).
//!
//! ## Deadline queue
//! [`Deadlines`] maps a block to at most `MaxRequestsPerBlock` requests to look at (commit
//! deadline, reveal deadline). A full block spills to the next ones (up to 16 blocks);
//! `request_evaluation` is refused when none has room, and a reveal phase that finds no room
//! relies on `finalize`.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod deadlines;
mod evaluators;
mod finalize;
#[cfg(any(feature = "try-runtime", test))]
mod invariants;
#[cfg(test)]
mod mock;
mod queries;
mod requests;
mod standards;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use requests::commitment_of;
pub use types::*;
pub use weights::WeightInfo;

/// Sets up what benchmarks need from the peer pallets (a test-set dataset, model versions).
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper {
	/// A registered dataset whose shards are `shards`, to serve as a hidden test set; `None`
	/// when the runtime has no dataset registry.
	fn test_set(
		shards: alloc::vec::Vec<verity_primitives::ContentHash>,
	) -> Option<verity_primitives::DatasetId>;
	/// A usable model version whose lineage holds `datasets` registered datasets (as large as
	/// the registry allows, for the overlap checks), none sharing a shard with a test set made by
	/// `test_set`; `None` when the runtime has no model lineage.
	fn model_version(datasets: u32) -> Option<verity_primitives::ModelVersionId>;
}

#[cfg(feature = "runtime-benchmarks")]
impl BenchmarkHelper for () {
	fn test_set(
		_: alloc::vec::Vec<verity_primitives::ContentHash>,
	) -> Option<verity_primitives::DatasetId> {
		None
	}
	fn model_version(_: u32) -> Option<verity_primitives::ModelVersionId> {
		None
	}
}

// The pallet macros' generated code calls `expect`; clippy attributes it to the attributes here.
// The logic lives in the topic files, linted in full.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::{types::*, WeightInfo};
	use frame_support::{
		pallet_prelude::*,
		traits::{fungible, OnUnbalanced},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::{traits::Zero, Perbill};
	use verity_primitives::{
		traits::{DatasetInspect, LineageInspect},
		BenchmarkId, ContentHash, ModelVersionId,
	};

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The native currency: deposits, bonds and fees are holds on it.
		type Currency: fungible::Inspect<Self::AccountId>
			+ fungible::Mutate<Self::AccountId>
			+ fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ fungible::BalancedHold<Self::AccountId>;
		/// The runtime's hold reasons.
		type RuntimeHoldReason: From<HoldReason>;
		/// Where slashed bonds and rejected deposits go (the treasury in the runtime).
		type Slash: OnUnbalanced<CreditOf<Self>>;
		/// Approves, rejects and retires benchmark standards (the benchmark-standards track).
		type BenchmarkOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Model versions: existence, usability, lineage datasets.
		type Lineage: LineageInspect;
		/// Datasets: the test set's existence and shards, overlaps.
		type Datasets: DatasetInspect;

		/// Deposit held from a proposer until the proposal is decided or withdrawn.
		#[pallet::constant]
		type BenchmarkDeposit: Get<BalanceOf<Self>>;
		/// Smallest evaluator bond; a benchmark's own minimum is at least this.
		#[pallet::constant]
		type MinEvaluatorBond: Get<BalanceOf<Self>>;
		/// Smallest request fee (it also pays for the request's storage and queue slot).
		#[pallet::constant]
		type MinRequestFee: Get<BalanceOf<Self>>;
		/// Share of the bond one slash takes.
		#[pallet::constant]
		type EvaluatorSlash: Get<Perbill>;
		/// Blocks from a request to its commit deadline (claims and commitments).
		#[pallet::constant]
		type CommitPeriod: Get<BlockNumberFor<Self>>;
		/// Blocks of the reveal phase.
		#[pallet::constant]
		type RevealPeriod: Get<BlockNumberFor<Self>>;
		/// Length of a benchmark's name and metric name.
		#[pallet::constant]
		type MaxNameLen: Get<u32>;
		/// Length of a URI.
		#[pallet::constant]
		type MaxUriLen: Get<u32>;
		/// Largest quorum.
		#[pallet::constant]
		type MaxQuorum: Get<u32>;
		/// Most items of a hidden test set (revealed at retirement).
		#[pallet::constant]
		type MaxTestItems: Get<u32>;
		/// Attestations kept per (version, benchmark).
		#[pallet::constant]
		type MaxHistory: Get<u32>;
		/// Entries of a benchmark's leaderboard.
		#[pallet::constant]
		type MaxLeaderboard: Get<u32>;
		/// Requests looked at per block by the deadline queue.
		#[pallet::constant]
		type MaxRequestsPerBlock: Get<u32>;
		/// Unfinished requests one evaluator may hold seats in.
		#[pallet::constant]
		type MaxRequestsPerEvaluator: Get<u32>;
		/// Most datasets in a model version's lineage for the contamination check; a version
		/// with more cannot be evaluated.
		#[pallet::constant]
		type MaxLineageDatasets: Get<u32>;
		/// Weights of this pallet's calls and hook, generated by its benchmarks.
		type WeightInfo: WeightInfo;
		/// Creates test sets and model versions for benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: crate::BenchmarkHelper;
	}

	/// Why the pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A benchmark proposal's deposit.
		#[codec(index = 0)]
		BenchmarkDeposit,
		/// An evaluator's bond.
		#[codec(index = 1)]
		EvaluatorBond,
		/// A request's fee, held on the requester.
		#[codec(index = 2)]
		RequestFee,
	}

	/// Id of the next benchmark.
	#[pallet::storage]
	pub type NextBenchmarkId<T> = StorageValue<_, BenchmarkId, ValueQuery>;

	/// Benchmark standards: proposed, approved and retired (rejected and withdrawn ones leave).
	#[pallet::storage]
	pub type Benchmarks<T: Config> = StorageMap<_, Twox64Concat, BenchmarkId, BenchmarkOf<T>>;

	/// Test sets revealed by retirement.
	#[pallet::storage]
	pub type RevealedTestSets<T: Config> =
		StorageMap<_, Twox64Concat, BenchmarkId, TestSetRevealOf<T>>;

	/// Bonded evaluators.
	#[pallet::storage]
	pub type Evaluators<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, Evaluator<BalanceOf<T>>>;

	/// Id of the next request.
	#[pallet::storage]
	pub type NextRequestId<T> = StorageValue<_, RequestId, ValueQuery>;

	/// Requests in flight.
	#[pallet::storage]
	pub type Requests<T: Config> = StorageMap<_, Twox64Concat, RequestId, RequestOf<T>>;

	/// Requests to look at in a block's `on_initialize`.
	#[pallet::storage]
	pub type Deadlines<T: Config> = StorageMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		BoundedVec<RequestId, T::MaxRequestsPerBlock>,
		ValueQuery,
	>;

	/// Attestations per (version, benchmark), oldest first, the last `MaxHistory`.
	#[pallet::storage]
	pub type Results<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		ModelVersionId,
		Twox64Concat,
		BenchmarkId,
		BoundedVec<AttestationOf<T>, T::MaxHistory>,
	>;

	/// Each benchmark's leaderboard: (version, latest score, block), best first.
	#[pallet::storage]
	pub type Leaderboards<T: Config> = StorageMap<
		_,
		Twox64Concat,
		BenchmarkId,
		BoundedVec<LeaderboardEntry<BlockNumberFor<T>>, T::MaxLeaderboard>,
		ValueQuery,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A benchmark standard was proposed; its deposit is held.
		BenchmarkProposed { benchmark: BenchmarkId, proposer: T::AccountId, deposit: BalanceOf<T> },
		/// The proposer withdrew a proposal; the deposit was returned.
		ProposalWithdrawn { benchmark: BenchmarkId },
		/// A benchmark was approved; the deposit was returned.
		BenchmarkApproved { benchmark: BenchmarkId },
		/// A proposal was rejected and removed; its deposit was slashed.
		BenchmarkRejected { benchmark: BenchmarkId, slashed: BalanceOf<T> },
		/// A benchmark was retired and its test set revealed.
		BenchmarkRetired { benchmark: BenchmarkId, successor: Option<BenchmarkId>, test_items: u32 },
		/// An evaluator bonded (more).
		EvaluatorBonded { who: T::AccountId, amount: BalanceOf<T>, bond: BalanceOf<T> },
		/// An evaluator left and got its bond back.
		EvaluatorUnbonded { who: T::AccountId, amount: BalanceOf<T> },
		/// An evaluation was requested; its fee is held.
		EvaluationRequested {
			request: RequestId,
			requester: T::AccountId,
			version: ModelVersionId,
			benchmark: BenchmarkId,
			fee: BalanceOf<T>,
			seed: u64,
			commit_by: BlockNumberFor<T>,
		},
		/// The requester cancelled an unclaimed request; the fee was refunded.
		RequestCancelled { request: RequestId, refunded: BalanceOf<T> },
		/// An evaluator took a seat.
		SeatClaimed { request: RequestId, evaluator: T::AccountId },
		/// An evaluator committed to its score.
		ScoreCommitted { request: RequestId, evaluator: T::AccountId },
		/// Every seat committed; reveals are accepted until `until` (exclusive).
		RevealStarted { request: RequestId, until: BlockNumberFor<T> },
		/// An evaluator revealed its score.
		ScoreRevealed {
			request: RequestId,
			evaluator: T::AccountId,
			score: Score,
			contamination: Option<Perbill>,
		},
		/// An evaluator was slashed.
		EvaluatorSlashed {
			request: RequestId,
			evaluator: T::AccountId,
			amount: BalanceOf<T>,
			cause: SlashCause,
		},
		/// The median of a quorum was attested.
		ScoreAttested {
			request: RequestId,
			version: ModelVersionId,
			benchmark: BenchmarkId,
			score: Score,
			contamination: Option<Perbill>,
			in_band: u32,
			fee_paid: BalanceOf<T>,
		},
		/// A request ended without attestation; the fee was refunded.
		RequestFailed { request: RequestId, reason: FailReason, refunded: BalanceOf<T> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No such benchmark.
		UnknownBenchmark,
		/// The benchmark's name is empty.
		EmptyName,
		/// The quorum must be odd and between 1 and `MaxQuorum`.
		InvalidQuorum,
		/// The batch size must be at least 1.
		InvalidBatchSize,
		/// The benchmark's minimum evaluator bond is below `MinEvaluatorBond`.
		EvaluatorBondBelowFloor,
		/// The test set is not a registered dataset.
		UnknownTestSet,
		/// The test set dataset has no shards, so contamination could not be detected.
		EmptyTestSet,
		/// The test item count must be between 1 and `MaxTestItems`.
		InvalidTestItemCount,
		/// Only the proposer may do this.
		NotProposer,
		/// The benchmark is not a pending proposal.
		NotProposed,
		/// The benchmark is not approved (proposed, or retired).
		BenchmarkNotApproved,
		/// The revealed items do not have the committed Merkle root (or count).
		TestSetMismatch,
		/// The successor must be another benchmark, proposed or approved.
		InvalidSuccessor,
		/// The amount must not be zero.
		ZeroAmount,
		/// The bond would stay below `MinEvaluatorBond`.
		BondBelowMinimum,
		/// The account is not a bonded evaluator.
		NotEvaluator,
		/// The evaluator holds seats in unfinished requests.
		HasOpenRequests,
		/// The model version is not registered.
		UnknownModelVersion,
		/// The model version may not be evaluated (revoked).
		VersionNotUsable,
		/// The model version's lineage has more than `MaxLineageDatasets` datasets.
		LineageTooLarge,
		/// A dataset in the model's lineage shares shards with the benchmark's hidden test set.
		Contaminated,
		/// The fee is below `MinRequestFee`.
		FeeTooLow,
		/// The deadline queue is full around the commit deadline; try again next block.
		DeadlineQueueFull,
		/// No such request (never made, or finished).
		UnknownRequest,
		/// Only the requester may do this.
		NotRequester,
		/// The request has claims already.
		RequestClaimed,
		/// The request takes no more claims or commitments.
		NotCommitPhase,
		/// The commit deadline has passed.
		CommitTooLate,
		/// Every seat is taken.
		RequestFull,
		/// The evaluator holds this seat already.
		AlreadyClaimed,
		/// The requester cannot evaluate its own request.
		RequesterCannotEvaluate,
		/// The evaluator's bond is below the benchmark's minimum.
		BondTooLow,
		/// The evaluator holds `MaxRequestsPerEvaluator` unfinished requests.
		TooManyRequests,
		/// The caller holds no seat in this request.
		NotAssigned,
		/// The caller committed already.
		AlreadyCommitted,
		/// The request is not taking reveals.
		NotRevealPhase,
		/// The reveal deadline has passed.
		RevealTooLate,
		/// The caller revealed already.
		AlreadyRevealed,
		/// The reveal does not match the commitment.
		RevealMismatch,
		/// The request's current deadline has not passed.
		DeadlineNotReached,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			let handled = Self::process_deadlines(now);
			T::WeightInfo::on_initialize(handled)
		}

		fn integrity_test() {
			assert!(T::MaxQuorum::get() >= 1, "MaxQuorum must be at least 1");
			assert!(T::MaxTestItems::get() >= 1, "MaxTestItems must be at least 1");
			assert!(T::MaxHistory::get() >= 1, "MaxHistory must be at least 1");
			assert!(T::MaxLeaderboard::get() >= 1, "MaxLeaderboard must be at least 1");
			assert!(T::MaxRequestsPerBlock::get() >= 1, "MaxRequestsPerBlock must be at least 1");
			assert!(
				T::MaxRequestsPerEvaluator::get() >= 1,
				"MaxRequestsPerEvaluator must be at least 1"
			);
			assert!(!T::CommitPeriod::get().is_zero(), "CommitPeriod must not be zero");
			assert!(!T::RevealPeriod::get().is_zero(), "RevealPeriod must not be zero");
			assert!(!T::MinEvaluatorBond::get().is_zero(), "MinEvaluatorBond must not be zero");
			assert!(!T::MinRequestFee::get().is_zero(), "MinRequestFee must not be zero");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Propose a benchmark standard, holding `BenchmarkDeposit`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::propose_benchmark())]
		pub fn propose_benchmark(origin: OriginFor<T>, spec: SpecOf<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_propose(who, spec).map(|_| ())
		}

		/// Withdraw an undecided proposal; the deposit is returned.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::withdraw_proposal())]
		pub fn withdraw_proposal(origin: OriginFor<T>, benchmark: BenchmarkId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw_proposal(who, benchmark)
		}

		/// Approve a proposed benchmark; the deposit is returned.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::approve_benchmark())]
		pub fn approve_benchmark(origin: OriginFor<T>, benchmark: BenchmarkId) -> DispatchResult {
			T::BenchmarkOrigin::ensure_origin(origin)?;
			Self::do_approve(benchmark)
		}

		/// Reject a proposed benchmark; it is removed and its deposit slashed.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::reject_benchmark())]
		pub fn reject_benchmark(origin: OriginFor<T>, benchmark: BenchmarkId) -> DispatchResult {
			T::BenchmarkOrigin::ensure_origin(origin)?;
			Self::do_reject(benchmark)
		}

		/// Retire an approved benchmark, revealing its test items (checked against the
		/// commitment) and where they are published; may name a successor.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::retire_benchmark(items.len() as u32))]
		pub fn retire_benchmark(
			origin: OriginFor<T>,
			benchmark: BenchmarkId,
			items: TestItemsOf<T>,
			uri: UriOf<T>,
			successor: Option<BenchmarkId>,
		) -> DispatchResult {
			T::BenchmarkOrigin::ensure_origin(origin)?;
			Self::do_retire(benchmark, items, uri, successor)
		}

		/// Bond `amount` (more) as an evaluator.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::bond_evaluator())]
		pub fn bond_evaluator(origin: OriginFor<T>, amount: BalanceOf<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_bond(who, amount)
		}

		/// Stop evaluating and take the whole bond back (no seat in an unfinished request).
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::unbond_evaluator())]
		pub fn unbond_evaluator(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_unbond(who)
		}

		/// Ask for `version` to be evaluated on `benchmark`, holding `fee`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::request_evaluation(T::MaxLineageDatasets::get()))]
		pub fn request_evaluation(
			origin: OriginFor<T>,
			version: ModelVersionId,
			benchmark: BenchmarkId,
			fee: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_request(who, version, benchmark, fee).map(|_| ())
		}

		/// Cancel a request nobody claimed; the fee is refunded.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::cancel_request())]
		pub fn cancel_request(origin: OriginFor<T>, request: RequestId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_cancel(who, request)
		}

		/// Take a seat in a request.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::claim(T::MaxQuorum::get()))]
		pub fn claim(origin: OriginFor<T>, request: RequestId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_claim(who, request)
		}

		/// Commit to a score: `commitment` = [`crate::commitment_of`].
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::commit(T::MaxQuorum::get()))]
		pub fn commit(
			origin: OriginFor<T>,
			request: RequestId,
			commitment: ContentHash,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_commit(who, request, commitment)
		}

		/// Reveal the committed score, contamination estimate and salt. The last reveal
		/// finalizes the request.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::reveal(T::MaxQuorum::get()))]
		pub fn reveal(
			origin: OriginFor<T>,
			request: RequestId,
			score: Score,
			contamination: Option<Perbill>,
			salt: [u8; 32],
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_reveal(who, request, Revealed { score, contamination }, salt)
		}

		/// Finalize a request whose current deadline has passed (anyone may).
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::finalize(T::MaxQuorum::get()))]
		pub fn finalize(origin: OriginFor<T>, request: RequestId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_finalize(request)
		}
	}
}
