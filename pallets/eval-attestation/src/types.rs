//! Plain data types: benchmark standards, evaluators, requests, attestations.
//!
//! Types that hold byte strings or lists take them as type parameters: storage uses bounded
//! vectors, the runtime API the same types with plain `Vec`s (see `queries.rs`).

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::BoundedVec;
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use sp_runtime::Perbill;
use verity_primitives::{BenchmarkId, ContentHash, DatasetId, ModelVersionId, TaintSource};

use crate::Config;

verity_primitives::currency_types!();

/// Smallest quorum a benchmark may ask for: with three drawn seats one evaluator can neither
/// set the median alone nor veto the result by withholding (a majority of two still decides).
pub const MIN_QUORUM: u32 = 3;

/// Sequential id of an evaluation request.
pub type RequestId = u64;

/// A metric value in the fixed-point scale the benchmark's spec defines (for example accuracy
/// in parts per million: `873_000` = 87.3%). Scores and the tolerance band share that scale.
pub type Score = u32;

/// Which way a metric improves; orders the leaderboard.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum Direction {
	/// Accuracy, pass@k, BLEU …
	HigherIsBetter,
	/// Loss, perplexity, error rate …
	LowerIsBetter,
}

impl Direction {
	/// Whether score `a` ranks strictly above score `b`.
	pub fn better(&self, a: Score, b: Score) -> bool {
		match self {
			Direction::HigherIsBetter => a > b,
			Direction::LowerIsBetter => a < b,
		}
	}
}

/// Which seed evaluators run a request with.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum SeedPolicy {
	/// Every run uses this seed.
	Fixed(u64),
	/// Each request gets its own seed, taken from the runtime's randomness when its evaluators
	/// are drawn (a block after the request, when it can no longer be cancelled), so neither
	/// the requester nor the model owner knows it when asking, and nobody can re-roll it.
	PerRequest,
}

/// A benchmark standard as proposed. Immutable once proposed.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct BenchmarkSpec<Balance, Name, Uri> {
	/// Human-readable name, e.g. `b"mmlu-hidden-v1"`.
	pub name: Name,
	/// blake2-256 of the spec document (task, prompt template, scoring rule, score scale).
	pub spec_hash: ContentHash,
	/// Where the spec document lives.
	pub spec_uri: Uri,
	/// Metric name, e.g. `b"accuracy-ppm"`.
	pub metric: Name,
	/// Which way the metric improves.
	pub direction: Direction,
	/// Hash of the evaluation harness (container image digest or code hash).
	pub harness_hash: ContentHash,
	/// Seed policy.
	pub seed: SeedPolicy,
	/// Batch size every run uses (results can depend on it); at least 1.
	pub batch_size: u32,
	/// Half-width of the tolerance band: a revealed score within `tolerance` of the median is
	/// in band, any other is slashed.
	pub tolerance: Score,
	/// Evaluators drawn per request: odd (the median is a revealed score), `MIN_QUORUM` (3) to
	/// `MaxQuorum`.
	pub quorum: u32,
	/// Bond an evaluator needs to be drawn for a request; at least the global
	/// `MinEvaluatorBond`.
	pub min_evaluator_bond: Balance,
	/// The hidden test set's shard hashes, registered in the dataset registry: contamination is
	/// an overlap between it and a model's lineage datasets.
	pub test_set: DatasetId,
	/// Commitment to the hidden test items: `verity_primitives::merkle::root` over the items'
	/// 32-byte hashes, leaf `i` = the bytes of item hash `i`. The items are the `test_set`
	/// dataset's shards (checked at proposal, approval and retirement), revealed at retirement.
	pub test_set_root: ContentHash,
	/// Number of test items under the root (the dataset's shard count); 1 to `MaxTestItems`,
	/// so the set can be revealed.
	pub test_items: u32,
}

/// Where a benchmark stands.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum BenchmarkStatus<BlockNumber> {
	/// Waiting for `BenchmarkOrigin`; the proposer's deposit is held.
	Proposed,
	/// Counts: takes evaluation requests.
	Approved {
		/// Block of approval.
		at: BlockNumber,
	},
	/// No longer takes requests; its test set is revealed (`RevealedTestSets`).
	Retired {
		/// Block of retirement.
		at: BlockNumber,
		/// The benchmark that replaces it, if any.
		successor: Option<BenchmarkId>,
	},
}

/// A benchmark standard on chain.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct BenchmarkInfo<AccountId, Balance, BlockNumber, Name, Uri> {
	/// Who proposed it.
	pub proposer: AccountId,
	/// Deposit held from the proposer while it is `Proposed` (zero once released).
	pub deposit: Balance,
	/// Block of the proposal.
	pub proposed_at: BlockNumber,
	/// Where it stands.
	pub status: BenchmarkStatus<BlockNumber>,
	/// The standard itself.
	pub spec: BenchmarkSpec<Balance, Name, Uri>,
}

/// The test set revealed at retirement.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct TestSetReveal<Items, Uri> {
	/// The item hashes, in leaf order; their Merkle root is the benchmark's `test_set_root`.
	pub items: Items,
	/// Where the items themselves are published.
	pub uri: Uri,
}

/// A bonded evaluator.
#[derive(
	Clone,
	PartialEq,
	Eq,
	Default,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct Evaluator<Balance> {
	/// Stake held under `HoldReason::EvaluatorBond`; slashes take from it.
	pub bond: Balance,
	/// Unfinished requests it was drawn for.
	pub open_requests: u32,
	/// Attestations it was in band for (and paid).
	pub served: u32,
	/// Times it was slashed.
	pub slashed: u32,
}

/// What an evaluator revealed.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct Revealed {
	/// The score it measured.
	pub score: Score,
	/// Its estimate of how contaminated the model is on the test set, if it measured one.
	pub contamination: Option<Perbill>,
}

/// One evaluator's seat in a request.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Assignment<AccountId> {
	/// Who was drawn for the seat.
	pub evaluator: AccountId,
	/// Its commitment (see the crate docs, "Commitment").
	pub commitment: Option<ContentHash>,
	/// What it revealed.
	pub revealed: Option<Revealed>,
}

/// Where a request stands.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum RequestStatus<BlockNumber> {
	/// Waiting for its evaluators to be drawn at the start of block `draw_at` (from that
	/// block's randomness); the requester may cancel for free until then.
	Pending {
		/// The block whose `on_initialize` draws the seats.
		draw_at: BlockNumber,
	},
	/// Seats drawn; taking commitments until `until` (exclusive).
	Committing {
		/// First block at which commitments are refused and the phase ends.
		until: BlockNumber,
	},
	/// A majority of seats committed; taking their reveals until `until` (exclusive).
	Revealing {
		/// First block at which reveals are refused and the request is finalized.
		until: BlockNumber,
	},
}

/// An evaluation request in flight. Finished requests leave storage; their outcome is an event
/// and, when attested, a result.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Request<AccountId, Balance, BlockNumber, Assignments> {
	/// Who asked and pays.
	pub requester: AccountId,
	/// The model version evaluated.
	pub version: ModelVersionId,
	/// The benchmark it is evaluated on.
	pub benchmark: BenchmarkId,
	/// Fee held from the requester, split among in-band evaluators.
	pub fee: Balance,
	/// Seat count, copied from the benchmark.
	pub quorum: u32,
	/// Seed the runs use, set when the seats are drawn (`None` before).
	pub seed: Option<u64>,
	/// Block the request was made.
	pub created: BlockNumber,
	/// Phase.
	pub status: RequestStatus<BlockNumber>,
	/// Drawn seats, in draw order (empty before the draw; seats that did not commit leave
	/// when the reveal phase opens).
	pub assignments: Assignments,
}

/// An attested score: the median of a quorum's reveals.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Attestation<BlockNumber, Evaluators> {
	/// The request it came from.
	pub request: RequestId,
	/// The median score.
	pub score: Score,
	/// Median of the in-band evaluators' contamination estimates, `None` when none gave one.
	pub contamination: Option<Perbill>,
	/// The in-band evaluators (paid).
	pub evaluators: Evaluators,
	/// Block of attestation.
	pub at: BlockNumber,
}

/// Why an evaluator was slashed.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum SlashCause {
	/// Drawn but did not commit, or committed but did not reveal, in time.
	NoShow,
	/// Revealed a score outside the tolerance band around the median.
	Outlier,
}

/// Why a request ended without an attestation.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum FailReason {
	/// Fewer than `quorum` eligible evaluators (bonded enough, not at their request limit, not
	/// the requester or an owner of the version) could be drawn.
	NotEnoughEvaluators,
	/// No majority of the quorum (more than `quorum / 2`) committed in time.
	NotEnoughCommits,
	/// No majority of the quorum revealed in time.
	NotEnoughReveals,
	/// The reveals had no majority of the quorum within `tolerance` of their median.
	NoMajority,
}

/// Bytes bounded by `MaxNameLen`.
pub type NameOf<T> = BoundedVec<u8, <T as Config>::MaxNameLen>;
/// Bytes bounded by `MaxUriLen`.
pub type UriOf<T> = BoundedVec<u8, <T as Config>::MaxUriLen>;
/// A benchmark spec as a call takes it.
pub type SpecOf<T> = BenchmarkSpec<BalanceOf<T>, NameOf<T>, UriOf<T>>;
/// A benchmark as stored.
pub type BenchmarkOf<T> = BenchmarkInfo<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	BlockNumberFor<T>,
	NameOf<T>,
	UriOf<T>,
>;
/// Revealed test items as a call takes them.
pub type TestItemsOf<T> = BoundedVec<ContentHash, <T as Config>::MaxTestItems>;
/// A revealed test set as stored.
pub type TestSetRevealOf<T> = TestSetReveal<TestItemsOf<T>, UriOf<T>>;
/// A request as stored.
pub type RequestOf<T> = Request<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	BlockNumberFor<T>,
	BoundedVec<Assignment<<T as frame_system::Config>::AccountId>, <T as Config>::MaxQuorum>,
>;
/// An attestation as stored.
pub type AttestationOf<T> = Attestation<
	BlockNumberFor<T>,
	BoundedVec<<T as frame_system::Config>::AccountId, <T as Config>::MaxQuorum>,
>;
/// A version's place on a benchmark's leaderboard: (version, the median of its kept attested
/// scores, block of its latest attestation).
pub type LeaderboardEntry<BlockNumber> = (ModelVersionId, Score, BlockNumber);

/// A leaderboard row as the runtime API returns it: the stored entry and the version's taint,
/// read when asked (a taint that arrives after the attestation shows at once).
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct LeaderboardRow<BlockNumber> {
	/// The version ranked.
	pub version: ModelVersionId,
	/// The median of its kept attested scores.
	pub score: Score,
	/// Block of its latest attestation.
	pub at: BlockNumber,
	/// What taints the version, if anything: a revoked ancestor (or itself) or flagged data.
	pub tainted_by: Option<TaintSource>,
}

/// A benchmark as the runtime API returns it.
pub type BenchmarkView<AccountId, Balance, BlockNumber> =
	BenchmarkInfo<AccountId, Balance, BlockNumber, Vec<u8>, Vec<u8>>;
/// A request as the runtime API returns it.
pub type RequestView<AccountId, Balance, BlockNumber> =
	Request<AccountId, Balance, BlockNumber, Vec<Assignment<AccountId>>>;
/// An attestation as the runtime API returns it.
pub type AttestationView<AccountId, BlockNumber> = Attestation<BlockNumber, Vec<AccountId>>;
/// A revealed test set as the runtime API returns it.
pub type TestSetView = TestSetReveal<Vec<ContentHash>, Vec<u8>>;
/// A version's latest attestation on one benchmark, as `scores` returns it.
pub type BenchmarkScore<AccountId, BlockNumber> =
	(BenchmarkId, AttestationView<AccountId, BlockNumber>);
