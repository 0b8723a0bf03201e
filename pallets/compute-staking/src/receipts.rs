//! What other pallets and clients read: `ComputeReceipts` for the pallets, plain functions (and
//! plain view types) for the runtime API.

use crate::{types::*, Config, Jobs, Pallet, ProviderJobs, Providers, Receipts};
use alloc::vec::Vec;
use codec::{Decode, Encode};
use scale_info::TypeInfo;
use sp_core::H256;
use verity_primitives::{
	traits::{ComputeReceipt, ComputeReceipts},
	ContentHash, DatasetId, JobId, ModelVersionId,
};

impl<T: Config> ComputeReceipts<T::AccountId> for Pallet<T> {
	fn receipt(job: JobId) -> Option<ComputeReceipt<T::AccountId>> {
		Receipts::<T>::get(job).map(|r| ComputeReceipt {
			owner: r.owner,
			kind: r.kind,
			providers: r.providers.into_inner(),
			model_version: r.model_version,
			datasets: r.datasets.into_inner(),
			input_hash: r.input_hash,
			output_hash: r.output_hash,
		})
	}
}

/// A provider as the runtime API shows it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct ProviderView<Balance, BlockNumber> {
	/// Held bond.
	pub bond: Balance,
	/// GPU model name.
	pub gpu_model: Vec<u8>,
	/// Memory per GPU, GiB.
	pub vram_gib: u32,
	/// Number of GPUs.
	pub gpu_count: u32,
	/// Job kinds served.
	pub kinds: Vec<JobKind>,
	/// Most jobs held at once.
	pub capacity: u32,
	/// Active, chilled or unbonding.
	pub status: ProviderStatus<BlockNumber>,
	/// Jobs completed on the winning side.
	pub completed: u32,
	/// Slashes decided against it.
	pub slashed: u32,
	/// Jobs held now.
	pub jobs: Vec<JobId>,
}

/// A job in flight as the runtime API shows it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct JobView<AccountId, Balance, BlockNumber> {
	/// Who pays.
	pub owner: AccountId,
	/// What runs.
	pub kind: JobKind,
	/// Model version.
	pub model_version: Option<ModelVersionId>,
	/// Datasets.
	pub datasets: Vec<DatasetId>,
	/// Input commitment.
	pub input_hash: ContentHash,
	/// Input location.
	pub input_uri: Vec<u8>,
	/// Reproducibility parameters.
	pub params: JobParams,
	/// Redundancy.
	pub redundancy: u32,
	/// Commit deadline.
	pub deadline: BlockNumber,
	/// Escrowed payment.
	pub payment: Balance,
	/// Phase.
	pub status: JobStatus<BlockNumber>,
	/// Drawn providers still in the job with their role, commitment and revealed output.
	pub seats: Vec<(AccountId, SeatRole, Option<H256>, Option<ContentHash>)>,
	/// Seats drawn so far that vote.
	pub drawn: u32,
}

impl<T: Config> Pallet<T> {
	/// A provider's record and held jobs.
	pub fn provider_view(
		who: T::AccountId,
	) -> Option<ProviderView<BalanceOf<T>, frame_system::pallet_prelude::BlockNumberFor<T>>> {
		let p = Providers::<T>::get(&who)?;
		Some(ProviderView {
			bond: p.bond,
			gpu_model: p.hardware.gpu_model.into_inner(),
			vram_gib: p.hardware.vram_gib,
			gpu_count: p.hardware.gpu_count,
			kinds: p.kinds.into_inner(),
			capacity: p.capacity,
			status: p.status,
			completed: p.completed,
			slashed: p.slashed,
			jobs: ProviderJobs::<T>::get(&who).into_inner(),
		})
	}

	/// A job in flight.
	pub fn job_view(
		id: JobId,
	) -> Option<JobView<T::AccountId, BalanceOf<T>, frame_system::pallet_prelude::BlockNumberFor<T>>>
	{
		let j = Jobs::<T>::get(id)?;
		Some(JobView {
			owner: j.owner,
			kind: j.spec.kind,
			model_version: j.spec.model_version,
			datasets: j.spec.datasets.into_inner(),
			input_hash: j.spec.input_hash,
			input_uri: j.spec.input_uri.into_inner(),
			params: j.spec.params,
			redundancy: j.spec.redundancy,
			deadline: j.spec.deadline,
			payment: j.spec.payment,
			status: j.status,
			seats: j
				.seats
				.into_iter()
				.map(|s| (s.provider, s.role, s.commitment, s.output))
				.collect(),
			drawn: j.drawn,
		})
	}

	/// The receipt of a completed job.
	pub fn receipt_of(id: JobId) -> Option<ComputeReceipt<T::AccountId>> {
		<Self as ComputeReceipts<T::AccountId>>::receipt(id)
	}
}
