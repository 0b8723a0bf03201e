//! Model lineage as other pallets see it.

use crate::ids::{DatasetId, ModelVersionId};
use alloc::vec::Vec;
use frame_support::weights::Weight;
use sp_runtime::DispatchError;

/// What other pallets may ask of model lineage.
pub trait LineageInspect {
	/// Whether the version is registered.
	fn exists(version: ModelVersionId) -> bool;
	/// Whether new jobs and evaluations may use the version (not revoked).
	fn is_usable(version: ModelVersionId) -> bool;
	/// Ancestors of the version, nearest first, up to `max_depth` generations.
	fn ancestors(version: ModelVersionId, max_depth: u32) -> Vec<ModelVersionId>;
	/// Every dataset in the version's lineage, deduplicated.
	fn lineage_datasets(version: ModelVersionId) -> Vec<DatasetId>;
}

impl LineageInspect for () {
	fn exists(_: ModelVersionId) -> bool {
		false
	}
	fn is_usable(_: ModelVersionId) -> bool {
		false
	}
	fn ancestors(_: ModelVersionId, _: u32) -> Vec<ModelVersionId> {
		Vec::new()
	}
	fn lineage_datasets(_: ModelVersionId) -> Vec<DatasetId> {
		Vec::new()
	}
}

/// Paid usage of a model version, reported by the pallet that took the payment.
pub trait ModelUsage<AccountId, Balance> {
	/// Pay the version's (and its ancestors') royalty out of `payer`'s funds for one paid use of
	/// `amount`; returns what was paid.
	fn record_usage(
		version: ModelVersionId,
		payer: &AccountId,
		amount: Balance,
	) -> Result<Balance, DispatchError>;

	/// Upper bound of the weight of one `record_usage` call, for the caller's own weight.
	fn record_usage_weight() -> Weight {
		Weight::zero()
	}
}

impl<AccountId, Balance: Default> ModelUsage<AccountId, Balance> for () {
	fn record_usage(
		_: ModelVersionId,
		_: &AccountId,
		_: Balance,
	) -> Result<Balance, DispatchError> {
		Ok(Balance::default())
	}
}
