//! Plain data types of the pallet: providers, jobs, assignments, challenges, pending slashes.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::*, traits::fungible, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound,
	PartialEqNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use sp_core::H256;
pub use verity_primitives::traits::JobKind;
use verity_primitives::{ContentHash, DatasetId, ModelVersionId};

use crate::Config;

/// Balance of the pallet's currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;
/// A slashed amount on its way to `T::Slash`.
pub type CreditOf<T> =
	fungible::Credit<<T as frame_system::Config>::AccountId, <T as Config>::Currency>;

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
	/// Paused by the provider; finishes its claims but takes no new ones.
	Chilled,
	/// Leaving: takes no new claims; the bond can be withdrawn from `until` on.
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
	/// Most jobs held at once (claims plus challenges).
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

/// One provider's place in a job.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, DebugNoBound)]
#[scale_info(skip_type_params(T))]
pub struct Assignment<T: Config> {
	/// The provider.
	pub provider: T::AccountId,
	/// Last block at which the provider may commit.
	pub commit_by: BlockNumberFor<T>,
	/// `blake2_256(output_hash ‖ salt)`, once committed.
	pub commitment: Option<H256>,
	/// The revealed output hash.
	pub output: Option<ContentHash>,
}

/// A challenge of an `r = 1` result.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, DebugNoBound)]
#[scale_info(skip_type_params(T))]
pub struct Challenge<T: Config> {
	/// The bonded provider who re-runs the job.
	pub challenger: T::AccountId,
	/// `ChallengeBond` held from the challenger when it challenged.
	pub bond: BalanceOf<T>,
	/// The challenger's commitment.
	pub commitment: Option<H256>,
	/// The challenger's revealed output hash.
	pub output: Option<ContentHash>,
}

/// Where a job stands. Completed, cancelled and expired jobs leave `Jobs`.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub enum JobStatus<BlockNumber> {
	/// Fewer than `redundancy` providers hold it: open to claims.
	Open,
	/// Every slot is claimed; waiting for the commitments.
	Assigned,
	/// Assigned providers reveal until `until` (inclusive).
	Revealing {
		/// Last block for reveals.
		until: BlockNumber,
	},
	/// `r = 1`: the revealed result stands unless a bonded provider challenges by `until`.
	Challengeable {
		/// Last block to challenge.
		until: BlockNumber,
	},
	/// `r = 1`: a challenger re-runs; it must commit and reveal by `until`.
	Challenged {
		/// Last block for the challenger's commit and reveal.
		until: BlockNumber,
	},
	/// No majority, or a challenger disagreed: `DisputeOrigin` decides.
	Disputed,
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
	/// Last block for commitments; the job expires after it.
	pub deadline: BlockNumberFor<T>,
	/// Escrowed payment, held from the submitter until completion.
	pub payment: BalanceOf<T>,
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
	/// Providers holding the job, distinct, at most `spec.redundancy`.
	pub assignments: BoundedVec<Assignment<T>, T::MaxRedundancy>,
	/// The challenge of an `r = 1` result, if any.
	pub challenge: Option<Challenge<T>>,
}

impl<T: Config> Job<T> {
	/// Position of `who` among the assigned providers.
	pub fn position(&self, who: &T::AccountId) -> Option<usize> {
		self.assignments.iter().position(|a| &a.provider == who)
	}
	/// How many assigned providers have committed.
	pub fn committed(&self) -> u32 {
		self.assignments.iter().filter(|a| a.commitment.is_some()).count() as u32
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

/// A slash decided now and applied `SlashDeferral` blocks later, unless cancelled.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, DebugNoBound)]
#[scale_info(skip_type_params(T))]
pub struct PendingSlash<T: Config> {
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
	/// Claimed and never committed, or committed and never revealed.
	Silent,
	/// Revealed an output that lost the vote, the dispute or the challenge.
	WrongOutput,
}
