//! Model lineage as other pallets see it.

use crate::ids::{DatasetId, ModelVersionId, TaintSource};
use alloc::vec::Vec;
use frame_support::weights::Weight;
use sp_runtime::{DispatchError, Permill};

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
	/// What the version's taint comes from, if it is tainted or revoked itself.
	fn taint(version: ModelVersionId) -> Option<TaintSource>;
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
	fn taint(_: ModelVersionId) -> Option<TaintSource> {
		None
	}
}

/// Paid usage of a model version. The paying pallet moves the money itself, out of the payer's
/// hold, to the payees this trait names, then reports the use.
pub trait ModelUsage<AccountId, Balance> {
	/// The version's royalty rate now, `None` when the version is unknown. A job snapshots it
	/// when it is submitted.
	fn royalty_rate(version: ModelVersionId) -> Option<Permill>;

	/// Who is owed what for one paid use of `amount` (the version's owner and its ancestors'
	/// owners), at the version's rate now but never above `rate_cap`, with the weight of this
	/// lookup and `note_usage` at the version's own ancestry.
	fn royalty_payees(
		version: ModelVersionId,
		amount: Balance,
		rate_cap: Permill,
	) -> Result<super::RoyaltyPayees<AccountId, Balance>, DispatchError>;

	/// Counts one paid use of `amount` by `payer`, of which `paid` reached the payees.
	fn note_usage(version: ModelVersionId, payer: &AccountId, amount: Balance, paid: Balance);

	/// Upper bound of `royalty_payees` and `note_usage` together, charged before the call;
	/// the weight `royalty_payees` returns is what the caller refunds down to.
	fn record_usage_weight() -> Weight {
		Weight::zero()
	}

	/// The weight of the smallest use (no ancestor). A paying pallet whose own benchmark ran
	/// this hook at that size charges only what a use reports above it.
	fn record_usage_base_weight() -> Weight {
		Weight::zero()
	}
}

impl<AccountId, Balance> ModelUsage<AccountId, Balance> for () {
	fn royalty_rate(_: ModelVersionId) -> Option<Permill> {
		None
	}
	fn royalty_payees(
		_: ModelVersionId,
		_: Balance,
		_: Permill,
	) -> Result<super::RoyaltyPayees<AccountId, Balance>, DispatchError> {
		Ok(super::RoyaltyPayees::unweighed(Vec::new()))
	}
	fn note_usage(_: ModelVersionId, _: &AccountId, _: Balance, _: Balance) {}
}
