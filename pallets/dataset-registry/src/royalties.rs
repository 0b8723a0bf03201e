//! Contributors, royalty rate and paid usage.

use crate::{
	BalanceOf, Config, Contributors, DatasetKind, DatasetRecord, Datasets, Error, Event, Pallet,
	Usage, VerificationStatus,
};
use alloc::{collections::BTreeSet, vec::Vec};
use frame_support::{
	ensure,
	storage::with_storage_layer,
	traits::{fungible::Mutate, tokens::Preservation, Get},
	BoundedVec,
};
use sp_runtime::{
	traits::{Saturating, Zero},
	DispatchError, DispatchResult, Permill,
};
use verity_primitives::DatasetId;

/// Whether shares add up to exactly 100%.
pub(crate) fn shares_are_whole<A>(contributors: &[(A, Permill)]) -> bool {
	let total: u64 = contributors.iter().map(|(_, share)| u64::from(share.deconstruct())).sum();
	total == u64::from(Permill::one().deconstruct())
}

impl<T: Config> Pallet<T> {
	/// Why new jobs may not use the dataset, if they may not.
	pub(crate) fn ensure_usable(record: &DatasetRecord<T>) -> DispatchResult {
		ensure!(!record.retired, Error::<T>::DatasetRetired);
		ensure!(record.status != VerificationStatus::Rejected, Error::<T>::DatasetRejected);
		if matches!(record.kind, DatasetKind::Synthetic { .. })
			&& T::RequireSyntheticVerification::get()
		{
			ensure!(record.status == VerificationStatus::Verified, Error::<T>::NotVerified);
		}
		Ok(())
	}

	pub(crate) fn do_set_royalties(
		who: T::AccountId,
		id: DatasetId,
		royalty_rate: Permill,
		contributors: Vec<(T::AccountId, Permill)>,
	) -> DispatchResult {
		let mut record = Self::owned_active(&who, id)?;
		let contributors: BoundedVec<(T::AccountId, Permill), T::MaxContributors> =
			contributors.try_into().map_err(|_| Error::<T>::TooManyContributors)?;
		let mut seen = BTreeSet::new();
		ensure!(contributors.iter().all(|(c, _)| seen.insert(c)), Error::<T>::DuplicateContributor);
		ensure!(
			contributors.is_empty() || shares_are_whole(&contributors),
			Error::<T>::SharesNotWhole
		);

		let count = crate::len_u32(contributors.len());
		record.royalty_rate = royalty_rate;
		if contributors.is_empty() {
			Contributors::<T>::remove(id);
		} else {
			Contributors::<T>::insert(id, contributors);
		}
		let deposit = Self::current_deposit(id, &record);
		Self::settle_deposit(&mut record, deposit)?;
		Datasets::<T>::insert(id, record);
		Self::deposit_event(Event::RoyaltiesSet { id, royalty_rate, contributors: count });
		Ok(())
	}

	/// Pays the royalty on a use of `amount` from `payer` and counts the use. All or nothing.
	pub(crate) fn do_record_usage(
		id: DatasetId,
		payer: &T::AccountId,
		amount: BalanceOf<T>,
	) -> Result<BalanceOf<T>, DispatchError> {
		with_storage_layer(|| {
			let record = Datasets::<T>::get(id).ok_or(Error::<T>::UnknownDataset)?;
			Self::ensure_usable(&record)?;
			let royalty = record.royalty_rate.mul_floor(amount);
			let mut to_owner = royalty;
			for (contributor, share) in Contributors::<T>::get(id) {
				let part = share.mul_floor(royalty);
				if part.is_zero() {
					continue;
				}
				// A share the chain refuses (e.g. below the existential deposit of a missing
				// account) falls to the owner rather than blocking the job that pays it.
				let paid = with_storage_layer(|| {
					T::Currency::transfer(payer, &contributor, part, Preservation::Preserve)
				});
				if paid.is_ok() {
					to_owner = to_owner.saturating_sub(part);
				}
			}
			if !to_owner.is_zero() {
				T::Currency::transfer(payer, &record.owner, to_owner, Preservation::Preserve)?;
			}
			Usage::<T>::mutate(id, |usage| {
				usage.uses = usage.uses.saturating_add(1);
				usage.royalties = usage.royalties.saturating_add(royalty);
			});
			Self::deposit_event(Event::UsageRecorded { id, payer: payer.clone(), amount, royalty });
			Ok(royalty)
		})
	}
}
