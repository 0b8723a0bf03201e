//! Runtime API of compute staking: a provider's record and held jobs, a job in flight, the
//! receipt of a completed job. The runtime implements it with the pallet's plain functions
//! `provider_view`, `job_view` and `receipt_of`.
#![cfg_attr(not(feature = "std"), no_std)]

use codec::Codec;
pub use pallet_compute_staking::{JobView, ProviderView};
pub use verity_primitives::{traits::ComputeReceipt, JobId};

sp_api::decl_runtime_apis! {
	/// Reads of compute staking for clients.
	pub trait ComputeStakingApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// A provider's bond, hardware, kinds, capacity, status, record and held jobs.
		fn provider(who: AccountId) -> Option<ProviderView<Balance, BlockNumber>>;
		/// A job in flight (open, assigned, revealing, challengeable, challenged or disputed).
		fn job(id: JobId) -> Option<JobView<AccountId, Balance, BlockNumber>>;
		/// The receipt of a completed job: accepted providers, inputs, output hash.
		fn receipt(id: JobId) -> Option<ComputeReceipt<AccountId>>;
	}
}
