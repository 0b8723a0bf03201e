//! The dataset registry as other pallets see it.

use crate::ids::{ContentHash, DatasetId};
use alloc::vec::Vec;
use frame_support::weights::Weight;
use sp_runtime::{DispatchError, Permill};

/// What other pallets may ask of the dataset registry.
pub trait DatasetInspect {
	/// Whether the dataset is registered at all (retired datasets still exist for lineage).
	fn exists(id: DatasetId) -> bool;
	/// Whether new jobs may use the dataset: registered, not retired, verified where required.
	fn is_usable(id: DatasetId) -> bool;
	/// The dataset's shard hashes, empty when unknown.
	fn shards(id: DatasetId) -> Vec<ContentHash>;
	/// How many shards two datasets share.
	fn overlap(a: DatasetId, b: DatasetId) -> u32;
}

impl DatasetInspect for () {
	fn exists(_: DatasetId) -> bool {
		false
	}
	fn is_usable(_: DatasetId) -> bool {
		false
	}
	fn shards(_: DatasetId) -> Vec<ContentHash> {
		Vec::new()
	}
	fn overlap(_: DatasetId, _: DatasetId) -> u32 {
		0
	}
}

/// Paid usage of a dataset, reported by the pallet that took the payment.
pub trait DatasetUsage<AccountId, Balance> {
	/// Pay the dataset's royalty out of `payer`'s funds for one paid use of `amount`;
	/// returns what was paid.
	fn record_usage(
		id: DatasetId,
		payer: &AccountId,
		amount: Balance,
	) -> Result<Balance, DispatchError>;

	/// The most `record_usage` can weigh, for the caller's own weight.
	fn record_usage_weight() -> Weight {
		Weight::zero()
	}
}

impl<AccountId, Balance: Default> DatasetUsage<AccountId, Balance> for () {
	fn record_usage(_: DatasetId, _: &AccountId, _: Balance) -> Result<Balance, DispatchError> {
		Ok(Balance::default())
	}
}

/// Who is paid when a dataset is used, for provenance queries.
pub trait DatasetContributors<AccountId> {
	/// The dataset's owner, `None` when unknown.
	fn owner(id: DatasetId) -> Option<AccountId>;
	/// The dataset's contributors and their shares of its royalty (summing to 100%), empty when
	/// unknown or when the owner takes the whole royalty.
	fn contributors(id: DatasetId) -> Vec<(AccountId, Permill)>;
}

impl<AccountId> DatasetContributors<AccountId> for () {
	fn owner(_: DatasetId) -> Option<AccountId> {
		None
	}
	fn contributors(_: DatasetId) -> Vec<(AccountId, Permill)> {
		Vec::new()
	}
}
