//! # Eval attestation
//!
//! Model scores attested by a majority of evaluators the chain draws by bond, with commit-reveal,
//! on benchmark standards that governance approves, refused for models whose training data
//! overlaps the hidden test set.
//!
//! ## Benchmark standards
//! Anyone `propose_benchmark`s a [`BenchmarkSpec`]: name, spec hash and URI, metric and
//! [`Direction`], harness hash, [`SeedPolicy`] and batch size, tolerance band, quorum (odd,
//! [`MIN_QUORUM`] = 3 to `MaxQuorum`; [`Error::QuorumBelowMinimum`] below, at proposal and again
//! at approval), minimum evaluator bond (at least the global `MinEvaluatorBond`) and the hidden
//! test set. The test set is given twice: as a dataset registered in the dataset registry
//! (`test_set`, its shard hashes, so overlaps with training data can be computed through
//! `T::Datasets`), and as `test_set_root`, the [`verity_primitives::merkle`] root over the test
//! items' 32-byte hashes (leaf `i` = the bytes of item hash `i`), with the item count
//! `test_items`. The two must be the same set: the Merkle root of the dataset's shards must be
//! `test_set_root` and their count `test_items` ([`Error::TestSetRootMismatch`]), checked at
//! proposal, approval and retirement — so contamination is checked against exactly the items
//! that are scored and later revealed, not a decoy.
//!
//! `BenchmarkDeposit` is held from the proposer (`HoldReason::BenchmarkDeposit`) while the
//! benchmark is `Proposed`, and the test-set dataset is pinned (`T::DatasetPins`): the registry
//! refuses to remove it, so the overlap check never reads an emptied set. `BenchmarkOrigin` (the
//! benchmark-standards track in the runtime):
//! - `approve_benchmark`: `Proposed → Approved`; the deposit is returned (the standard is now
//!   shared; its record stays for good, since results name it); the pin stays.
//! - `reject_benchmark`: the proposal is removed, its deposit slashed to `T::Slash` (spam costs)
//!   and the pin taken off. A proposer may `withdraw_proposal` before a decision and get the
//!   deposit back (the pin goes too).
//! - `retire_benchmark`: `Approved → Retired`, revealing the item hashes and a URI where the
//!   items are published. The revealed hashes must have `test_set_root` as their Merkle root
//!   ([`Error::TestSetMismatch`]), and the dataset must still be those items. It may name a
//!   successor (a proposed or approved benchmark). Requests in flight finish; new ones are
//!   refused. The pin stays (results name the benchmark).
//!
//! ## Evaluators and the draw pool
//! `bond_evaluator(amount)` holds (more) stake under `HoldReason::EvaluatorBond`; the total must
//! reach `MinEvaluatorBond`, and the evaluator joins [`EvaluatorPool`] (at most
//! `MaxEvaluators`). When the pool is full, a newcomer takes the place of the member with the
//! smallest bond that has no open seat, if its own bond is larger ([`Event::EvaluatorDisplaced`];
//! the displaced keeps its bond and may unbond or bond more); otherwise
//! [`Error::EvaluatorPoolFull`]. So filling the pool with minimum bonds does not lock out larger
//! stakes. `unbond_evaluator` releases the whole bond at once when no seat is open; with open
//! seats it only leaves the pool (no new draws) and the bond is taken back by calling again once
//! they finish: slashes only ever happen when a seat's request finishes, so an evaluator without
//! open seats owes nothing and needs no waiting period.
//!
//! ## Requests and the draw
//! `request_evaluation(version, benchmark, fee)` holds `fee` (at least `MinRequestFee`) from the
//! requester (`HoldReason::RequestFee`). Refused with [`Error::BenchmarkNotApproved`] unless the
//! benchmark is approved, [`Error::UnknownModelVersion`] / [`Error::VersionNotUsable`] when the
//! version is unknown or revoked in `T::Lineage`, [`Error::VersionTainted`] when a revoked
//! ancestor or a rejected or revoked dataset in its lineage taints it (`LineageInspect::taint`;
//! attestations made before the taint stay, and the leaderboard shows the taint beside them),
//! and [`Error::Contaminated`] when any dataset in
//! the version's lineage (`LineageInspect::lineage_datasets`, at most `MaxLineageDatasets`,
//! [`Error::LineageTooLarge`] beyond) shares a shard with the test set
//! (`DatasetInspect::overlap > 0`) or is the test set.
//!
//! The request is queued for the next block with room (`draw_at`, in the event). Until then the
//! requester may `cancel_request` for free; from `draw_at` on it cannot
//! ([`Error::NotCancellable`]). At the start of `draw_at` the deadline queue draws `quorum`
//! seats with [`verity_primitives::draw::draw_weighted`], weighted by bond, among the pool
//! members bonded at least the benchmark's minimum and below `MaxRequestsPerEvaluator` open
//! seats, leaving out the requester and the version's owners (`T::VersionOwners`: the model's
//! owner and maintainers, the version's publisher). The randomness is `T::Randomness` with
//! subject `(EVAL_SCORE, request)`; a `PerRequest` seed is derived from the same value. Nobody
//! picks a seat (there is no claim). Too few eligible evaluators: the request fails and the fee
//! is refunded ([`FailReason::NotEnoughEvaluators`]). Otherwise [`Event::EvaluatorsDrawn`] names
//! the seats and the seed, and commitments are taken for `CommitPeriod` blocks.
//!
//! ## Commit and reveal
//! Each drawn evaluator `commit`s, then `reveal`s `(score, contamination, salt)`. When every seat
//! committed, reveals open at once for `RevealPeriod` blocks; at the commit deadline, seats that
//! did not commit are slashed (`NoShow`) and leave, and if a majority of the quorum (more than
//! `quorum / 2`) committed the reveal phase opens for them, else the request fails
//! ([`FailReason::NotEnoughCommits`], fee refunded). The last reveal of the committed seats
//! finalizes at once.
//!
//! ## Commitment (for clients)
//! `commitment = verity_primitives::commitment::commitment(EVAL_SCORE, &request, &evaluator,
//! &(score, contamination), &salt)` = `blake2_256(b"vrty/evl" ‖ u64_le(request) ‖ evaluator
//! (32 bytes for AccountId32) ‖ u32_le(score) ‖ (0x00 | 0x01 ‖ u32_le(parts_per_billion)) ‖
//! salt (32 bytes))`, i.e. SCALE of `(domain, request, evaluator, (score, contamination), salt)`.
//! The domain keeps it from opening in another commit-reveal scheme; the request and the
//! evaluator keep another evaluator from copying a commitment and replaying its reveal. Use a
//! fresh random salt for every commitment.
//!
//! ## Finalization
//! When the last committed seat reveals, at the reveal deadline (the deadline queue in
//! `on_initialize`), or by anyone's `finalize` once a deadline passed (the fallback when the
//! queue is behind):
//! - committed seats that did not reveal are slashed (`NoShow`);
//! - fewer reveals than a majority of the quorum: the request fails
//!   ([`FailReason::NotEnoughReveals`]), the fee is refunded, revealers go free;
//! - otherwise the median of the revealed scores (the lower middle for an even count) is taken;
//!   if fewer than a majority of the quorum are within `tolerance` of it, nobody can tell which
//!   side is right: the request fails unslashed ([`FailReason::NoMajority`]), fee refunded;
//! - else the median is attested; evaluators further than `tolerance` from it are slashed
//!   (`Outlier`) and get nothing; the fee is split equally among the in-band evaluators (the
//!   rounding rest to the first drawn). The contamination estimate attested is the median of the
//!   in-band estimates given.
//!
//! A slash takes `EvaluatorSlash` of the evaluator's bond to `T::Slash` (the treasury).
//!
//! ## Results and ranking
//! [`Results`] keeps one attestation per attested request, the last `MaxHistory` per (version,
//! benchmark), oldest dropped. [`Leaderboards`] keeps one entry per version for each benchmark:
//! the **median of its kept results** (the lower middle for an even count), dated by the latest;
//! best first by the metric's direction (ties: earlier first), at most `MaxLeaderboard`: when
//! full, the worst entry drops out. A new result never replaces a version's standing; it moves
//! it only as far as the median of the kept results moves. [`Pallet::leaderboard`],
//! [`Pallet::scores`] (the latest attestation per benchmark), [`Pallet::history`],
//! [`Pallet::benchmark_view`] and [`Pallet::request_view`] serve the runtime API
//! (`pallet-eval-attestation-runtime-api`).
//!
//! ## What an attacker can gain, and why it is not worth it
//! - **Seat capture** (a model owner, or a rival, with `quorum` evaluator accounts). There are no
//!   seats to claim: they are drawn by bond, so splitting stake over accounts buys no extra
//!   chance, and the owner's and requester's accounts are left out. To hold a majority of a
//!   request's seats an attacker needs a large share of the eligible stake (other accounts of
//!   the owner or requester are just more stake, drawn in proportion to their bonds); with 20% it gets a
//!   majority of three seats about 10% of the time, paying the fee each time, while the honest
//!   majority's results stand. A captured result is one entry among the version's kept results
//!   and the leaderboard ranks their median, so it cannot replace an honestly attested entry;
//!   outvoting the honest history takes a majority of `MaxHistory` captured requests. A quorum
//!   below 3 cannot be approved.
//! - **The last revealer** sees the others' reveals before its own. Withholding no longer
//!   vetoes: a majority of reveals finalizes, and the withholder is slashed (`NoShow`) and
//!   unpaid. Revealing a different score than committed is impossible (the commitment binds
//!   it); revealing its committed outlier is slashed (`Outlier`). With an even number of reveals
//!   the attested median is the lower middle of in-band scores, so its choice moves the result
//!   at most within the honest band — never worth a slash of `EvaluatorSlash` of its bond.
//! - **A no-show** (a drawn evaluator that never commits, or commits and never reveals) cannot
//!   stop a request that a majority serves; it loses `EvaluatorSlash` of its bond and its share
//!   of the fee. Only a majority of no-shows fails a request (fee refunded), and each of them is
//!   slashed.
//! - **The requester grinding the seed**: the seed and the seats come from the randomness of the
//!   draw block, after the request is signed; cancelling is free only before that block, after
//!   it the request cannot be cancelled, so the requester cannot re-roll either. Nothing about
//!   the seed is in the request or its event.
//! - **The block author** of the block before the draw block (its hash is the runtime's
//!   randomness) can choose among the blocks it could produce and so influence one draw. It
//!   must also be the requester's accomplice and hold stake in the pool to profit, and the
//!   result still counts only as one kept result among the version's, ranked by median; the
//!   solochain trusts its root-managed validator set not to grind, and a validator that
//!   withholds its block to re-roll loses its slot (see `runtime/src/configs/randomness.rs`).
//! - **A vanishing test set**: the test-set dataset is pinned while the benchmark stands and is
//!   checked against the committed items at proposal, approval and retirement.
//!
//! ## Deadline queue
//! [`Deadlines`] maps a block to at most `MaxRequestsPerBlock` requests to look at (draw,
//! commit deadline, reveal deadline). A full block spills to the next ones (up to `verity_primitives::deadline::SPILL` = 16 blocks);
//! `request_evaluation` is refused when none has room ([`Error::DeadlineQueueFull`]), and a
//! phase deadline that finds no room relies on `finalize`. A cancelled request frees its slot,
//! so the queue cannot be kept full by requests made and cancelled at no cost; one that is not
//! cancelled is drawn, and its fee goes to the evaluators who serve it. `on_initialize` weighs each entry as
//! the dearer of a draw from a full pool and a deadline that slashes every seat.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod deadlines;
mod draws;
mod evaluators;
mod finalize;
// Also built with `std`: the fuzzer (`fuzz/`) checks them after every block.
#[cfg(any(feature = "try-runtime", feature = "std", test))]
mod invariants;
#[cfg(test)]
mod mock;
pub mod ocw;
mod queries;
mod requests;
mod standards;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

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
	use alloc::vec::Vec;
	use frame_support::{
		pallet_prelude::*,
		traits::{fungible, OnUnbalanced, Randomness},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::{traits::Zero, Perbill};
	use verity_primitives::{
		traits::{DatasetInspect, DatasetPins, LineageInspect, VersionOwners},
		BenchmarkId, ContentHash, ModelVersionId,
	};

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config:
		frame_system::Config<RuntimeEvent: From<Event<Self>>>
		+ frame_system::offchain::CreateSignedTransaction<Call<Self>>
	{
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
		/// Keeps a benchmark's test-set dataset from being removed while the benchmark stands.
		type DatasetPins: DatasetPins;
		/// The accounts that control a model version; they are never drawn to evaluate it.
		type VersionOwners: VersionOwners<Self::AccountId>;
		/// Randomness of the evaluator draws and per-request seeds, read in the block after
		/// the request (`ParentHashRandomness` in the runtime).
		type Randomness: Randomness<ContentHash, BlockNumberFor<Self>>;
		/// The evaluator's key in its node's keystore (`vrev`, [`crate::ocw::crypto`]): its
		/// off-chain worker signs the seat's commit and reveal with it.
		type AuthorityId: frame_system::offchain::AppCrypto<Self::Public, Self::Signature>;

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
		/// Blocks from the draw to the commit deadline.
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
		/// Unfinished requests one evaluator may hold seats in; one at the limit is not drawn.
		#[pallet::constant]
		type MaxRequestsPerEvaluator: Get<u32>;
		/// Evaluators in the draw pool (each draw reads every member).
		#[pallet::constant]
		type MaxEvaluators: Get<u32>;
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

	/// Bonded evaluators (in the pool, or leaving it with seats still open).
	#[pallet::storage]
	pub type Evaluators<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, Evaluator<BalanceOf<T>>>;

	/// The evaluators seats are drawn from, each weighted by its bond.
	#[pallet::storage]
	pub type EvaluatorPool<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxEvaluators>, ValueQuery>;

	/// Id of the next request.
	#[pallet::storage]
	pub type NextRequestId<T> = StorageValue<_, RequestId, ValueQuery>;

	/// Requests in flight.
	#[pallet::storage]
	pub type Requests<T: Config> = StorageMap<_, Twox64Concat, RequestId, RequestOf<T>>;

	/// Requests to look at in a block's `on_initialize`: draws and phase deadlines.
	#[pallet::storage]
	pub type Deadlines<T: Config> = StorageMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		BoundedVec<RequestId, T::MaxRequestsPerBlock>,
		ValueQuery,
	>;

	/// Attestations per (version, benchmark), one per attested request, oldest first, the last
	/// `MaxHistory`.
	#[pallet::storage]
	pub type Results<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		ModelVersionId,
		Twox64Concat,
		BenchmarkId,
		BoundedVec<AttestationOf<T>, T::MaxHistory>,
	>;

	/// Each benchmark's leaderboard: (version, median of its kept results, block of the
	/// latest), best first.
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
		/// An evaluator left the draw pool; its bond stays held until its open seats finish.
		EvaluatorLeftPool { who: T::AccountId, open_requests: u32 },
		/// A full pool's smallest idle bond made room for a larger one; the displaced
		/// evaluator keeps its bond and may unbond, or bond more to come back.
		EvaluatorDisplaced { who: T::AccountId, by: T::AccountId },
		/// An evaluation was requested; its fee is held. Seats and seed are drawn at the start
		/// of block `draw_at`.
		EvaluationRequested {
			request: RequestId,
			requester: T::AccountId,
			version: ModelVersionId,
			benchmark: BenchmarkId,
			fee: BalanceOf<T>,
			draw_at: BlockNumberFor<T>,
		},
		/// The requester cancelled a request before its draw; the fee was refunded.
		RequestCancelled { request: RequestId, refunded: BalanceOf<T> },
		/// The seats were drawn and the seed fixed; commitments are taken until `commit_by`
		/// (exclusive).
		EvaluatorsDrawn {
			request: RequestId,
			evaluators: Vec<T::AccountId>,
			seed: u64,
			commit_by: BlockNumberFor<T>,
		},
		/// An evaluator committed to its score.
		ScoreCommitted { request: RequestId, evaluator: T::AccountId },
		/// Every seat, or at the commit deadline a majority, committed; reveals are accepted
		/// until `until` (exclusive).
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
		/// The median of a majority's reveals was attested.
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
		/// The quorum must be odd and at most `MaxQuorum`.
		InvalidQuorum,
		/// The quorum is below `MIN_QUORUM` (3): fewer seats let one evaluator decide or veto.
		QuorumBelowMinimum,
		/// The batch size must be at least 1.
		InvalidBatchSize,
		/// The benchmark's minimum evaluator bond is below `MinEvaluatorBond`.
		EvaluatorBondBelowFloor,
		/// The test set is not a registered dataset.
		UnknownTestSet,
		/// The test set dataset has no shards, so contamination could not be detected.
		EmptyTestSet,
		/// The Merkle root (or count) of the test-set dataset's shards is not the committed
		/// `test_set_root` (`test_items`): the dataset checked for contamination would not be
		/// the test set that is scored and revealed.
		TestSetRootMismatch,
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
		/// The successor must be another, approved benchmark.
		InvalidSuccessor,
		/// The amount must not be zero.
		ZeroAmount,
		/// The bond would stay below `MinEvaluatorBond`.
		BondBelowMinimum,
		/// The account is not a bonded evaluator.
		NotEvaluator,
		/// The evaluator left the pool already and still holds seats in unfinished requests.
		HasOpenRequests,
		/// The pool is full and holds no idle evaluator with a smaller bond to displace.
		EvaluatorPoolFull,
		/// The model version is not registered.
		UnknownModelVersion,
		/// The model version may not be evaluated (revoked).
		VersionNotUsable,
		/// The model version is tainted by a revoked ancestor or by rejected or revoked data in
		/// its lineage: its scores would rank a model built on what the chain has flagged.
		VersionTainted,
		/// The model version's lineage has more than `MaxLineageDatasets` datasets.
		LineageTooLarge,
		/// A dataset in the model's lineage shares shards with the benchmark's hidden test set.
		Contaminated,
		/// The fee is below `MinRequestFee`.
		FeeTooLow,
		/// No block of the draw queue within reach has room for the request; try again later.
		DeadlineQueueFull,
		/// No such request (never made, or finished).
		UnknownRequest,
		/// Only the requester may do this.
		NotRequester,
		/// The draw block has come: the request can no longer be cancelled.
		NotCancellable,
		/// The request takes no commitments (not drawn yet, or revealing).
		NotCommitPhase,
		/// The commit deadline has passed.
		CommitTooLate,
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
		/// Benchmark or request ids are exhausted.
		NoMoreIds,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			let handled = Self::process_deadlines(now);
			// Each entry is a draw or a deadline, whichever costs more.
			T::WeightInfo::on_initialize(handled).max(T::WeightInfo::on_initialize_draw(handled))
		}

		fn offchain_worker(now: BlockNumberFor<T>) {
			crate::ocw::run::<T>(now);
		}

		fn integrity_test() {
			assert!(T::MaxQuorum::get() >= MIN_QUORUM, "MaxQuorum must be at least MIN_QUORUM");
			assert!(T::MaxEvaluators::get() >= MIN_QUORUM, "MaxEvaluators below MIN_QUORUM");
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
		/// Propose a benchmark standard for `BenchmarkOrigin` to approve.
		///
		/// - **Origin**: signed by any account, the proposer.
		/// - Holds `BenchmarkDeposit` (`HoldReason::BenchmarkDeposit`) until the proposal is
		///   approved or withdrawn (returned) or rejected (slashed), and pins the test-set dataset
		///   in the registry.
		/// - **Parameters** (`spec`):
		///   - `quorum`: evaluators drawn per request; odd, 3 to `MaxQuorum`.
		///   - `tolerance`: how far from the median a revealed score may be without being slashed.
		///   - `min_evaluator_bond`: at least `MinEvaluatorBond`.
		///   - `test_set`, `test_set_root`, `test_items`: the hidden test set as a registered
		///     dataset, whose shards must have Merkle root `test_set_root` and number `test_items`
		///     (1 to `MaxTestItems`).
		/// - **Emits**: `BenchmarkProposed`.
		/// - **Errors**:
		///   - `EmptyName`: the name is empty.
		///   - `QuorumBelowMinimum`: the quorum is below 3.
		///   - `InvalidQuorum`: the quorum is even or above `MaxQuorum`.
		///   - `InvalidBatchSize`: the batch size is 0.
		///   - `EvaluatorBondBelowFloor`: `min_evaluator_bond` is below `MinEvaluatorBond`.
		///   - `InvalidTestItemCount`: `test_items` is 0 or above `MaxTestItems`.
		///   - `UnknownTestSet`: `test_set` is not a registered dataset.
		///   - `EmptyTestSet`: the test-set dataset has no shards.
		///   - `TestSetRootMismatch`: the dataset's shards do not have root `test_set_root` and
		///     count `test_items`.
		///   - `NoMoreIds`: benchmark ids are exhausted.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::propose_benchmark())]
		pub fn propose_benchmark(origin: OriginFor<T>, spec: SpecOf<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_propose(who, spec).map(|_| ())
		}

		/// Withdraw a proposal that is not decided yet.
		///
		/// - **Origin**: signed by the proposer.
		/// - Returns the deposit, unpins the test set and removes the proposal.
		/// - **Emits**: `ProposalWithdrawn`.
		/// - **Errors**:
		///   - `UnknownBenchmark`: no benchmark has this id.
		///   - `NotProposed`: the benchmark is approved or retired.
		///   - `NotProposer`: the caller did not propose it.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::withdraw_proposal())]
		pub fn withdraw_proposal(origin: OriginFor<T>, benchmark: BenchmarkId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw_proposal(who, benchmark)
		}

		/// Approve a proposed benchmark: evaluations may be requested on it.
		///
		/// - **Origin**: `BenchmarkOrigin` (root or the benchmark-standards track in the Verity
		///   runtime).
		/// - Returns the deposit to the proposer. The record stays for good and the test set stays
		///   pinned. The quorum and the test set are checked again.
		/// - **Emits**: `BenchmarkApproved`.
		/// - **Errors**:
		///   - `UnknownBenchmark`: no benchmark has this id.
		///   - `NotProposed`: the benchmark is not a pending proposal.
		///   - `QuorumBelowMinimum` / `InvalidQuorum`: the quorum no longer fits the bounds.
		///   - `UnknownTestSet` / `EmptyTestSet` / `TestSetRootMismatch`: the test-set dataset no
		///     longer matches `test_set_root`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::approve_benchmark())]
		pub fn approve_benchmark(origin: OriginFor<T>, benchmark: BenchmarkId) -> DispatchResult {
			T::BenchmarkOrigin::ensure_origin(origin)?;
			Self::do_approve(benchmark)
		}

		/// Reject a proposed benchmark: it is removed and its deposit slashed.
		///
		/// - **Origin**: `BenchmarkOrigin` (root or the benchmark-standards track in the Verity
		///   runtime).
		/// - Slashes the proposer's deposit to `T::Slash` (the treasury) and unpins the test set.
		/// - **Emits**: `BenchmarkRejected` (with the amount slashed).
		/// - **Errors**:
		///   - `UnknownBenchmark`: no benchmark has this id.
		///   - `NotProposed`: the benchmark is not a pending proposal.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::reject_benchmark())]
		pub fn reject_benchmark(origin: OriginFor<T>, benchmark: BenchmarkId) -> DispatchResult {
			T::BenchmarkOrigin::ensure_origin(origin)?;
			Self::do_reject(benchmark)
		}

		/// Retire an approved benchmark and reveal its hidden test set.
		///
		/// - **Origin**: `BenchmarkOrigin` (root or the benchmark-standards track in the Verity
		///   runtime).
		/// - New requests on it are refused; requests in flight finish. The revealed items and
		///   `uri` are stored; the test set stays pinned (results name the benchmark).
		/// - **Parameters**:
		///   - `items`: the test item hashes in leaf order; their Merkle root must be
		///     `test_set_root`.
		///   - `uri`: where the test items are published.
		///   - `successor`: another benchmark, proposed or approved, that replaces this one.
		/// - **Emits**: `BenchmarkRetired`.
		/// - **Errors**:
		///   - `UnknownBenchmark`: no benchmark has this id.
		///   - `BenchmarkNotApproved`: the benchmark is proposed or retired already.
		///   - `InvalidSuccessor`: the successor is this benchmark, or not an approved one.
		///   - `TestSetMismatch`: `items` do not have root `test_set_root`.
		///   - `UnknownTestSet` / `EmptyTestSet` / `TestSetRootMismatch`: the test-set dataset no
		///     longer matches `test_set_root`.
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

		/// Bond `amount` (more) as an evaluator and join the draw pool.
		///
		/// - **Origin**: signed by any account.
		/// - Holds `amount` (`HoldReason::EvaluatorBond`); the total bond must reach
		///   `MinEvaluatorBond`. When the pool (`MaxEvaluators`) is full, the caller takes the
		///   place of the member with the smallest bond below its own that holds no open seat; the
		///   displaced evaluator keeps its bond. An evaluator that left the pool rejoins it this
		///   way.
		/// - **Emits**: `EvaluatorBonded`; `EvaluatorDisplaced` when a member made room.
		/// - **Errors**:
		///   - `ZeroAmount`: `amount` is zero.
		///   - `BondBelowMinimum`: the total bond would be below `MinEvaluatorBond`.
		///   - `EvaluatorPoolFull`: the pool is full and no member without open seats has a smaller
		///     bond.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::bond_evaluator())]
		pub fn bond_evaluator(origin: OriginFor<T>, amount: BalanceOf<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_bond(who, amount)
		}

		/// Leave the draw pool, and take the bond back once no seat is open.
		///
		/// - **Origin**: signed by a bonded evaluator.
		/// - Without open seats, releases what slashes left of the bond at once. With open seats,
		///   the caller only leaves the pool (no new draws; the bond still answers for those seats)
		///   and calls again once they finished.
		/// - **Emits**: `EvaluatorUnbonded`, or `EvaluatorLeftPool` while seats are open.
		/// - **Errors**:
		///   - `NotEvaluator`: the caller is not a bonded evaluator.
		///   - `HasOpenRequests`: it left the pool already and its seats are still open.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::unbond_evaluator())]
		pub fn unbond_evaluator(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_unbond(who)
		}

		/// Ask for `version` to be evaluated on `benchmark`, paying `fee` to the evaluators.
		///
		/// - **Origin**: signed by any account, the requester.
		/// - Holds `fee` (`HoldReason::RequestFee`): split among the in-band evaluators when a
		///   score is attested, refunded when the request fails or is cancelled. The seats are
		///   drawn at the start of `draw_at` (in the event), the first block from the next one with
		///   room in the deadline queue; the requester and the accounts controlling the version are
		///   never drawn.
		/// - **Emits**: `EvaluationRequested`.
		/// - **Errors**:
		///   - `UnknownBenchmark`: no benchmark has this id.
		///   - `BenchmarkNotApproved`: the benchmark is proposed or retired.
		///   - `FeeTooLow`: `fee` is below `MinRequestFee`.
		///   - `UnknownModelVersion`: the version is not registered.
		///   - `VersionNotUsable`: the version is revoked.
		///   - `VersionTainted`: a revoked ancestor or flagged data in its lineage taints it.
		///   - `LineageTooLarge`: its lineage has more than `MaxLineageDatasets` datasets.
		///   - `Contaminated`: a dataset in its lineage is, or shares a shard with, the hidden test
		///     set.
		///   - `DeadlineQueueFull`: none of the next 16 blocks has room for the draw; retry later.
		///   - `NoMoreIds`: request ids are exhausted.
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

		/// Cancel a request before its draw block; the fee is refunded.
		///
		/// - **Origin**: signed by the requester.
		/// - Free, and frees the request's slot in the deadline queue. From the draw block on, the
		///   request runs its course.
		/// - **Emits**: `RequestCancelled`.
		/// - **Errors**:
		///   - `UnknownRequest`: no request has this id (never made, or finished).
		///   - `NotRequester`: the caller did not make the request.
		///   - `NotCancellable`: the draw block has come.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::cancel_request())]
		pub fn cancel_request(origin: OriginFor<T>, request: RequestId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_cancel(who, request)
		}

		// Call index 9 was `claim` (seats are drawn now); it stays unused.

		/// Commit to a score in a seat drawn for the caller.
		///
		/// - **Origin**: signed by an evaluator drawn for the request.
		/// - When every seat has committed, reveals open at once for `RevealPeriod` blocks. Seats
		///   that have not committed by the commit deadline are slashed (`NoShow`).
		/// - **Parameters**: `commitment` =
		///   `commitment(EVAL_SCORE, &request, &caller, &(score, contamination), &salt)` of
		///   `verity_primitives::commitment`; use a fresh random salt.
		/// - **Emits**: `ScoreCommitted`; `RevealStarted` when it was the last seat to commit.
		/// - **Errors**:
		///   - `UnknownRequest`: no request has this id (never made, or finished).
		///   - `NotAssigned`: the caller holds no seat in the request.
		///   - `NotCommitPhase`: the request is not taking commitments.
		///   - `AlreadyCommitted`: the caller committed already.
		///   - `CommitTooLate`: the commit deadline has passed.
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

		/// Reveal the committed score, contamination estimate and salt.
		///
		/// - **Origin**: signed by an evaluator that committed in the request.
		/// - The last reveal of the committed seats finalizes the request: if a majority of the
		///   quorum revealed scores within the benchmark's `tolerance` of the median, the median is
		///   attested, the fee is split among them and the others lose `EvaluatorSlash` of their
		///   bond (`Outlier`); otherwise the request fails unslashed and the fee is refunded.
		/// - **Emits**: `ScoreRevealed`; when it finalizes, `EvaluatorSlashed` per outlier and
		///   `ScoreAttested`, or `RequestFailed` (`NoMajority`).
		/// - **Errors**:
		///   - `UnknownRequest`: no request has this id (never made, or finished).
		///   - `NotAssigned`: the caller holds no seat in the request.
		///   - `NotRevealPhase`: the request is not taking reveals.
		///   - `RevealTooLate`: the reveal deadline has passed.
		///   - `AlreadyRevealed`: the caller revealed already.
		///   - `RevealMismatch`: the values and salt do not open the caller's commitment.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::reveal(T::MaxQuorum::get()))]
		pub fn reveal(
			origin: OriginFor<T>,
			request: RequestId,
			score: Score,
			contamination: Option<Perbill>,
			salt: ContentHash,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_reveal(who, request, Revealed { score, contamination }, salt)
		}

		/// End the current phase of a request whose deadline has passed.
		///
		/// - **Origin**: signed by any account.
		/// - The fallback when the deadline queue (`on_initialize`) has not done it. By phase:
		///   - draw block: draws the seats, or fails the request (fee refunded) when too few
		///     evaluators are eligible;
		///   - commit deadline: slashes seats that did not commit (`NoShow`); opens reveals when a
		///     majority of the quorum committed, else fails the request (fee refunded);
		///   - reveal deadline: slashes committed seats that did not reveal (`NoShow`); with a
		///     majority of reveals, finalizes as the last reveal does, else fails the request (fee
		///     refunded).
		/// - **Emits**: as the phase goes, `EvaluatorsDrawn`, `EvaluatorSlashed`, `RevealStarted`,
		///   `ScoreAttested` or `RequestFailed`.
		/// - **Errors**:
		///   - `UnknownRequest`: no request has this id (never made, or finished).
		///   - `DeadlineNotReached`: the current phase's deadline has not come.
		#[pallet::call_index(12)]
		#[pallet::weight(
			T::WeightInfo::finalize(T::MaxQuorum::get())
				.max(T::WeightInfo::on_initialize_draw(1))
		)]
		pub fn finalize(origin: OriginFor<T>, request: RequestId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_finalize(request)
		}
	}
}
