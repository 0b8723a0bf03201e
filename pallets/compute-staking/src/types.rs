//! Plain data types of the pallet: providers, jobs, assignments, challenges, pending slashes.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::*, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use sp_core::H256;
use sp_runtime::Permill;
pub use verity_primitives::traits::JobKind;
use verity_primitives::{ContentHash, DatasetId, ModelVersionId};

use crate::Config;

verity_primitives::currency_types!();

/// Which OpenAI-compatible endpoint an inference-like job uses (ignored by training).
#[derive(
	Clone,
	Copy,
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
pub enum InferenceApi {
	/// `POST /v1/chat/completions`: the input is the user message.
	#[default]
	Chat,
	/// `POST /v1/completions`: the input is the prompt.
	Completion,
	/// `POST /v1/embeddings`: the input is the text to embed.
	Embedding,
}

/// Parameters that make a run reproducible.
#[derive(
	Clone,
	Copy,
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
pub struct JobParams {
	/// Sampler seed (and the training seed).
	pub seed: u64,
	/// Sampling temperature in thousandths; must be 0 for inference and evaluation.
	pub temperature_milli: u32,
	/// Most tokens to generate (for training: passed to the entrypoint as a step budget).
	pub max_tokens: u32,
	/// Endpoint for inference-like jobs.
	pub api: InferenceApi,
}

/// A provider's declared hardware.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	DebugNoBound,
)]
#[scale_info(skip_type_params(S))]
pub struct HardwareProfile<S: Get<u32>> {
	/// GPU model name, e.g. `b"H100-SXM"`.
	pub gpu_model: BoundedVec<u8, S>,
	/// Memory per GPU, GiB.
	pub vram_gib: u32,
	/// Number of GPUs.
	pub gpu_count: u32,
}

/// Whether a provider takes new work.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub enum ProviderStatus<BlockNumber> {
	/// Claims jobs.
	Active,
	/// Paused by the provider; finishes its seats but is not drawn for new ones.
	Chilled,
	/// Leaving: not drawn again; the bond can be withdrawn from `until` on.
	Unbonding {
		/// First block at which `withdraw` succeeds.
		until: BlockNumber,
	},
}

/// The job kinds a provider serves, sorted and without duplicates.
pub type KindSet = BoundedVec<JobKind, ConstU32<4>>;

/// A registered compute provider.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, DebugNoBound)]
#[scale_info(skip_type_params(T))]
pub struct Provider<T: Config> {
	/// Stake held under `HoldReason::ProviderBond`; slashes take from it.
	pub bond: BalanceOf<T>,
	/// Declared hardware.
	pub hardware: HardwareProfile<T::MaxGpuModelLen>,
	/// Job kinds served.
	pub kinds: KindSet,
	/// Most jobs held at once.
	pub capacity: u32,
	/// Active, chilled or unbonding.
	pub status: ProviderStatus<BlockNumberFor<T>>,
	/// Jobs this provider completed on the winning side.
	pub completed: u32,
	/// Slashes decided against this provider (cancelled ones are taken back).
	pub slashed: u32,
	/// Slashes decided but not yet applied; the bond cannot be withdrawn while any are pending.
	pub pending_slashes: u32,
}

/// Why a seat was drawn.
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
pub enum SeatRole {
	/// One of the job's `r` providers.
	Original,
	/// The second provider re-running a sampled `r = 1` job (proof of sampling).
	SpotCheck,
	/// A provider drawn to break a vote without majority.
	Escalation,
}

/// One drawn provider's place in a job.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, DebugNoBound)]
#[scale_info(skip_type_params(T))]
pub struct Seat<T: Config> {
	/// The provider.
	pub provider: T::AccountId,
	/// Why it was drawn.
	pub role: SeatRole,
	/// First block at which a commit is refused (exclusive deadline).
	pub commit_by: BlockNumberFor<T>,
	/// The bound commitment (`verity_primitives::commitment`), once committed.
	pub commitment: Option<H256>,
	/// The revealed output hash.
	pub output: Option<ContentHash>,
}

/// Where a job stands. Completed, cancelled and expired jobs leave `Jobs`. Every `until` is an
/// exclusive deadline: calls are accepted while `now < until`, and the deadline queue closes the
/// phase in `on_initialize` of block `until`.
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
pub enum JobStatus<BlockNumber> {
	/// Submitted; the chain draws its providers in a later block (the owner may still cancel).
	Drawing,
	/// Drawn seats compute and commit, each until its `commit_by`.
	Committing,
	/// Committed seats reveal until `until`.
	Revealing {
		/// First block at which a reveal is refused.
		until: BlockNumber,
	},
	/// No majority even after escalation: `DisputeOrigin` may settle it on a revealed output
	/// until `until`; then the job ends refunded (the documented default outcome).
	Disputed {
		/// First block at which the dispute times out.
		until: BlockNumber,
	},
	/// The last reveal found a majority for `output`; the deadline queue settles the job on it at
	/// the next block (slashes, payout, receipt), so the reveal itself stays light. The settlement
	/// was paid for by the job's submission.
	Decided {
		/// The output the majority revealed.
		output: ContentHash,
	},
}

/// What a user asks for when submitting a job.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
pub struct JobSpec<T: Config> {
	/// What to run.
	pub kind: JobKind,
	/// The model version to run or to start from (checked with `T::Lineage`).
	pub model_version: Option<ModelVersionId>,
	/// Datasets the job consumes (checked with `T::Datasets`; each earns a royalty).
	pub datasets: BoundedVec<DatasetId, T::MaxDatasets>,
	/// blake2-256 of the input bytes; providers refuse input that does not match.
	pub input_hash: ContentHash,
	/// Where providers fetch the input: `data:,<bytes>` inline or an `http(s)://` URL.
	pub input_uri: BoundedVec<u8, T::MaxUriLen>,
	/// Reproducibility parameters.
	pub params: JobParams,
	/// Number of independent providers, `1..=MaxRedundancy`.
	pub redundancy: u32,
	/// Last block for commitments; the job expires after it. At least the job's commit period
	/// after the draw block (the block after submission).
	pub deadline: BlockNumberFor<T>,
	/// Escrowed payment, held from the submitter until completion.
	pub payment: BalanceOf<T>,
}

/// Most seats one job can hold: `r` originals (or one original and one spot-checker), then an
/// escalation of `seats + 1` more.
pub struct MaxSeatsOf<T>(core::marker::PhantomData<T>);
impl<T: Config> Get<u32> for MaxSeatsOf<T> {
	fn get() -> u32 {
		T::MaxRedundancy::get().max(2).saturating_mul(2).saturating_add(1)
	}
}

/// A job in flight.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, DebugNoBound)]
#[scale_info(skip_type_params(T))]
pub struct Job<T: Config> {
	/// Who submitted and pays.
	pub owner: T::AccountId,
	/// The request.
	pub spec: JobSpec<T>,
	/// Current phase.
	pub status: JobStatus<BlockNumberFor<T>>,
	/// Drawn providers still in the job, distinct.
	pub seats: BoundedVec<Seat<T>, MaxSeatsOf<T>>,
	/// Seats drawn so far that vote (silent ones keep counting against the majority).
	pub drawn: u32,
	/// Providers dropped from the job (silent), never drawn for it again.
	pub excluded: BoundedVec<T::AccountId, MaxSeatsOf<T>>,
	/// Whether a vote without majority already drew escalation seats.
	pub escalated: bool,
	/// Draws made for the job so far: each draw's seed subject, so no two draws share one.
	pub draws: u32,
	/// The datasets' royalty rates when the job was submitted (never charged more).
	pub dataset_rates: BoundedVec<Permill, T::MaxDatasets>,
	/// The model version's royalty rate when the job was submitted.
	pub model_rate: Permill,
	/// The block of the job's one entry in the deadline queue.
	pub due: BlockNumberFor<T>,
}

impl<T: Config> Job<T> {
	/// Position of `who` among the seats.
	pub fn position(&self, who: &T::AccountId) -> Option<usize> {
		self.seats.iter().position(|s| &s.provider == who)
	}
}

/// The lasting record of a completed job, what `ComputeReceipts` answers from.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, DebugNoBound)]
#[scale_info(skip_type_params(T))]
pub struct Receipt<T: Config> {
	/// Who submitted and paid.
	pub owner: T::AccountId,
	/// The job's kind.
	pub kind: JobKind,
	/// Providers whose output was accepted.
	pub providers: BoundedVec<T::AccountId, T::MaxRedundancy>,
	/// Model version run.
	pub model_version: Option<ModelVersionId>,
	/// Datasets consumed.
	pub datasets: BoundedVec<DatasetId, T::MaxDatasets>,
	/// Input commitment.
	pub input_hash: ContentHash,
	/// Accepted output hash.
	pub output_hash: ContentHash,
	/// Block of completion.
	pub completed_at: BlockNumberFor<T>,
}

/// Id of a pending slash, for `cancel_slash`.
pub type SlashId = u64;

/// A registered provider as the draw sees it: one entry of the bounded pool.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, DebugNoBound)]
#[scale_info(skip_type_params(T))]
pub struct PoolEntry<T: Config> {
	/// The provider.
	pub who: T::AccountId,
	/// Its bond: the weight of its draws.
	pub bond: BalanceOf<T>,
	/// Kinds it serves.
	pub kinds: KindSet,
	/// Seats it can still take (capacity less jobs held).
	pub free: u32,
}

/// A slash decided now and applied `SlashDeferral` blocks later, unless cancelled.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, DebugNoBound)]
#[scale_info(skip_type_params(T))]
pub struct PendingSlash<T: Config> {
	/// Its id, for `cancel_slash`.
	pub id: SlashId,
	/// The provider.
	pub who: T::AccountId,
	/// Amount decided (`SlashFraction` of the bond at decision time); capped by the bond left.
	pub amount: BalanceOf<T>,
	/// The job it is for.
	pub job: verity_primitives::JobId,
}

/// Why a slash was decided, carried in events.
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
	/// Drawn and never committed, or committed and never revealed.
	Silent,
	/// Revealed an output that lost the vote or the dispute.
	WrongOutput,
}
