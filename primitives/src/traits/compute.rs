//! Compute staking as other pallets see it.

use crate::ids::{ContentHash, DatasetId, JobId, ModelVersionId};
use alloc::vec::Vec;
use codec::{Decode, Encode};
use scale_info::TypeInfo;

/// A completed compute job as other pallets see it (and clients, through runtime APIs).
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct ComputeReceipt<AccountId> {
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
