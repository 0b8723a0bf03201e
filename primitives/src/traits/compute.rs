//! Compute staking as other pallets see it.

use crate::ids::{ContentHash, DatasetId, JobId, ModelVersionId};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// What a compute job asks for. A provider lists the kinds it serves.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum JobKind {
	/// Greedy generation from a model: deterministic, checked by redundancy.
	Inference,
	/// Running a benchmark's prompts through a model: deterministic like inference.
	Evaluation,
	/// A training run whose output is the weights hash (`model-lineage` checks versions against it).
	Training,
	/// Generating data with a model; may sample (temperature > 0) with the job's seed.
	SyntheticData,
}

impl JobKind {
	/// Kinds whose answer must be greedy (temperature 0) to be reproducible by other providers.
	pub fn requires_greedy(&self) -> bool {
		matches!(self, JobKind::Inference | JobKind::Evaluation)
	}
}

/// A completed compute job as other pallets see it (and clients, through runtime APIs).
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct ComputeReceipt<AccountId> {
	/// Who submitted and paid for the job.
	pub owner: AccountId,
	/// What the job ran.
	pub kind: JobKind,
	/// Providers whose result was accepted.
	pub providers: Vec<AccountId>,
	/// Model version the job ran, if any.
	pub model_version: Option<ModelVersionId>,
	/// Datasets the job consumed.
	pub datasets: Vec<DatasetId>,
	/// Commitment to the job's input.
	pub input_hash: ContentHash,
	/// The accepted output hash (for training: the weights hash).
	pub output_hash: ContentHash,
}

/// What other pallets may ask of compute staking.
pub trait ComputeReceipts<AccountId> {
	/// The receipt of a completed job, `None` while it is open, disputed or unknown.
	fn receipt(job: JobId) -> Option<ComputeReceipt<AccountId>>;
}

impl<AccountId> ComputeReceipts<AccountId> for () {
	fn receipt(_: JobId) -> Option<ComputeReceipt<AccountId>> {
		None
	}
}
