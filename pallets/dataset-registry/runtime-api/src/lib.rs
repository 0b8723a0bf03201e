//! Runtime API of the dataset registry, for dApps and the node's RPC.
//!
//! A refused duplicate leaves no event (the call fails with `AlreadyRegistered`); a client that
//! hits it asks `dataset_by_root` for the dataset already registered with that content.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
use verity_primitives::{ContentHash, DatasetId};

pub use pallet_dataset_registry::{DatasetInfo, DatasetKind, VerificationStatus};

sp_api::decl_runtime_apis! {
	/// Queries on registered datasets.
	pub trait DatasetRegistryApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// Everything about a dataset: record, shards, contributors, whether it is usable.
		fn dataset(id: DatasetId) -> Option<DatasetInfo<AccountId, Balance, BlockNumber>>;
		/// The dataset registered with content root `root`.
		fn dataset_by_root(root: ContentHash) -> Option<DatasetId>;
		/// Datasets sharing shards with `id`, with the number of shared shards, strongest first.
		fn overlaps(id: DatasetId) -> Vec<(DatasetId, u32)>;
		/// Paid uses of `id` and the royalties they paid.
		fn usage(id: DatasetId) -> (u64, Balance);
	}
}
