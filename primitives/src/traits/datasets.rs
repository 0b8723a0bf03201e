//! The dataset registry as other pallets see it.

use crate::ids::{ContentHash, DatasetId};
use alloc::vec::Vec;
use frame_support::weights::Weight;
use sp_runtime::{DispatchError, DispatchResult, Permill};

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
	/// The dataset's SPDX license expression.
	fn license(id: DatasetId) -> Option<Vec<u8>>;
	/// Rejected by its verifiers or revoked: what was trained on it is tainted.
	fn is_flagged(id: DatasetId) -> bool;
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
	fn license(_: DatasetId) -> Option<Vec<u8>> {
		None
	}
	fn is_flagged(_: DatasetId) -> bool {
		false
	}
}

/// Told when a dataset becomes flagged, once per dataset, so that what was trained on it can be
/// tainted: `cause` is the dataset itself when rejected or revoked, or the flagged dataset it
/// derives from. Implementations only queue the work; `weight` is what that costs.
pub trait OnDatasetFlagged {
	fn flagged(id: DatasetId, cause: DatasetId);
	fn weight() -> Weight {
		Weight::zero()
	}
}

impl OnDatasetFlagged for () {
	fn flagged(_: DatasetId, _: DatasetId) {}
}

/// Paid usage of a dataset. The paying pallet moves the money itself, out of the payer's hold,
/// to the payees this trait names, then reports the use: a royalty is never taken from a free
/// balance the payer could have frozen.
pub trait DatasetUsage<AccountId, Balance> {
	/// The dataset's royalty rate now, `None` when it refuses paid use (unknown, retired, rejected,
	/// unverified where verification is required). A job snapshots it when it is submitted.
	fn royalty_rate(id: DatasetId) -> Option<Permill>;

	/// Who is owed what for one paid use of `amount`, at the dataset's rate now but never above
	/// `rate_cap` (the rate snapshotted when the use was agreed): the contributors by share, the
	/// owner the rest, with the weight of this lookup and `note_usage` at the dataset's own size.
	/// An error when the dataset refuses the use.
	fn royalty_payees(
		id: DatasetId,
		amount: Balance,
		rate_cap: Permill,
	) -> Result<super::RoyaltyPayees<AccountId, Balance>, DispatchError>;

	/// Counts one paid use of `amount` by `payer`, of which `paid` reached the payees.
	fn note_usage(id: DatasetId, payer: &AccountId, amount: Balance, paid: Balance);

	/// The most `royalty_payees` and `note_usage` weigh together, charged before the call; the
	/// weight `royalty_payees` returns is what the caller refunds down to.
	fn record_usage_weight() -> Weight {
		Weight::zero()
	}

	/// The weight of the smallest use (no upstream, no contributor). A paying pallet whose own benchmark ran
	/// this hook at that size charges only what a use reports above it.
	fn record_usage_base_weight() -> Weight {
		Weight::zero()
	}
}

impl<AccountId, Balance> DatasetUsage<AccountId, Balance> for () {
	fn royalty_rate(_: DatasetId) -> Option<Permill> {
		None
	}
	fn royalty_payees(
		_: DatasetId,
		_: Balance,
		_: Permill,
	) -> Result<super::RoyaltyPayees<AccountId, Balance>, DispatchError> {
		Ok(super::RoyaltyPayees::unweighed(Vec::new()))
	}
	fn note_usage(_: DatasetId, _: &AccountId, _: Balance, _: Balance) {}
}

/// What a check depends on stays: a dataset named by a benchmark (its hidden test set) or by a
/// model version (its training data) is pinned, and a pinned dataset cannot be removed (retiring
/// keeps the record and its shards, so checks still read them).
pub trait DatasetPins {
	/// Adds one pin to `id`; an error when the dataset is unknown.
	fn pin(id: DatasetId) -> DispatchResult;
	/// Takes one pin off `id` (nothing when it has none).
	fn unpin(id: DatasetId);
}

impl DatasetPins for () {
	fn pin(_: DatasetId) -> DispatchResult {
		Ok(())
	}
	fn unpin(_: DatasetId) {}
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
