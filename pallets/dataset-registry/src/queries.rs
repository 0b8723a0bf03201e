//! What other pallets (glue traits) and dApps (runtime API) ask of the registry.

use crate::{
	BalanceOf, Config, Contributors, DatasetByRoot, DatasetInfo, Datasets, Error, Pallet, Pins,
	ShardOwners, Shards, Usage, WeightInfo,
};
use alloc::{
	collections::{BTreeMap, BTreeSet},
	vec::Vec,
};
use frame_support::{traits::Get, weights::Weight};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{DispatchError, DispatchResult, Permill};
use verity_primitives::{
	traits::{DatasetContributors, DatasetInspect, DatasetPins, DatasetUsage, RoyaltyPayees},
	ContentHash, DatasetId,
};

impl<T: Config> Pallet<T> {
	/// Everything about a dataset, for the runtime API.
	pub fn dataset(
		id: DatasetId,
	) -> Option<DatasetInfo<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>> {
		let record = Datasets::<T>::get(id)?;
		let deposit = Self::held_by(&record);
		Some(DatasetInfo {
			id,
			usable: Self::ensure_usable(&record).is_ok(),
			owner: record.owner,
			root: record.root,
			shards: Shards::<T>::get(id).into_inner(),
			record_count: record.record_count,
			byte_size: record.byte_size,
			name: record.name.into_inner(),
			uri: record.uri.into_inner(),
			license: record.license.into_inner(),
			kind: record.kind,
			parents: record.parents.into_inner(),
			status: record.status,
			retired: record.retired,
			revoked: record.revoked,
			tainted_by: record.tainted_by,
			royalty_rate: record.royalty_rate,
			contributors: Contributors::<T>::get(id).into_inner(),
			deposit,
			registered_at: record.registered_at,
		})
	}

	/// The dataset registered with content root `root`.
	pub fn dataset_by_root(root: ContentHash) -> Option<DatasetId> {
		DatasetByRoot::<T>::get(root)
	}

	/// Every dataset in the shard index sharing shards with `id` (registered before or after it),
	/// with the number of shared shards, strongest first. The registration-time record is in
	/// [`crate::Overlaps`].
	pub fn overlaps(id: DatasetId) -> Vec<(DatasetId, u32)> {
		let mut shared: BTreeMap<DatasetId, u32> = BTreeMap::new();
		for shard in Shards::<T>::get(id).iter() {
			for other in ShardOwners::<T>::get(shard).into_iter().filter(|d| *d != id) {
				let count = shared.entry(other).or_default();
				*count = count.saturating_add(1);
			}
		}
		let mut list: Vec<(DatasetId, u32)> = shared.into_iter().collect();
		list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
		list
	}

	/// Paid uses of `id` and the royalties they paid.
	pub fn usage(id: DatasetId) -> (u64, BalanceOf<T>) {
		let usage = Usage::<T>::get(id);
		(usage.uses, usage.royalties)
	}
}

impl<T: Config> DatasetInspect for Pallet<T> {
	fn exists(id: DatasetId) -> bool {
		Datasets::<T>::contains_key(id)
	}

	fn is_usable(id: DatasetId) -> bool {
		Datasets::<T>::get(id).is_some_and(|record| Self::ensure_usable(&record).is_ok())
	}

	fn shards(id: DatasetId) -> Vec<ContentHash> {
		Shards::<T>::get(id).into_inner()
	}

	fn overlap(a: DatasetId, b: DatasetId) -> u32 {
		let of_a: BTreeSet<ContentHash> = Shards::<T>::get(a).into_iter().collect();
		crate::len_u32(Shards::<T>::get(b).iter().filter(|s| of_a.contains(s)).count())
	}

	fn license(id: DatasetId) -> Option<Vec<u8>> {
		Datasets::<T>::get(id).map(|record| record.license.into_inner())
	}

	fn is_flagged(id: DatasetId) -> bool {
		Datasets::<T>::get(id).is_some_and(|record| record.is_flagged())
	}
}

impl<T: Config> DatasetUsage<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn royalty_rate(id: DatasetId) -> Option<Permill> {
		Self::usable_rate(id)
	}

	fn royalty_payees(
		id: DatasetId,
		amount: BalanceOf<T>,
		rate_cap: Permill,
	) -> Result<RoyaltyPayees<T::AccountId, BalanceOf<T>>, DispatchError> {
		let (payees, size) = Self::payees(id, amount, rate_cap)?;
		Ok(RoyaltyPayees {
			payees,
			weight: T::WeightInfo::record_usage(size.contributors, size.upstreams),
		})
	}

	fn note_usage(id: DatasetId, payer: &T::AccountId, amount: BalanceOf<T>, paid: BalanceOf<T>) {
		Self::do_note_usage(id, payer, amount, paid)
	}

	fn record_usage_weight() -> Weight {
		T::WeightInfo::record_usage(T::MaxContributors::get(), T::MaxUpstreams::get())
	}

	fn record_usage_base_weight() -> Weight {
		T::WeightInfo::record_usage(0, 0)
	}
}

impl<T: Config> DatasetPins for Pallet<T> {
	fn pin(id: DatasetId) -> DispatchResult {
		frame_support::ensure!(Datasets::<T>::contains_key(id), Error::<T>::UnknownDataset);
		Pins::<T>::mutate(id, |n| *n = n.saturating_add(1));
		Ok(())
	}

	fn unpin(id: DatasetId) {
		Pins::<T>::mutate_exists(id, |n| {
			*n = n.and_then(|n| n.checked_sub(1)).filter(|n| *n > 0);
		});
	}
}

impl<T: Config> DatasetContributors<T::AccountId> for Pallet<T> {
	fn owner(id: DatasetId) -> Option<T::AccountId> {
		Datasets::<T>::get(id).map(|record| record.owner)
	}

	fn contributors(id: DatasetId) -> Vec<(T::AccountId, Permill)> {
		Contributors::<T>::get(id).into_inner()
	}
}
