//! Contributors, royalty rate and paid usage.

use crate::{
	BalanceOf, Config, Contributors, DatasetKind, DatasetRecord, Datasets, Error, Event, Pallet,
	Rounds, Upstreams, Usage, VerificationStatus,
};
use alloc::{collections::BTreeSet, vec::Vec};
use frame_support::{ensure, traits::Get, BoundedVec};
use sp_runtime::{
	helpers_128bit::multiply_by_rational_with_rounding,
	traits::{Saturating, Zero},
	DispatchError, DispatchResult, Permill, Rounding, SaturatedConversion,
};
use verity_primitives::DatasetId;

/// Payees and what each is owed.
pub(crate) type Payees<T> = Vec<(<T as frame_system::Config>::AccountId, BalanceOf<T>)>;

/// Whether shares add up to exactly 100%.
pub(crate) fn shares_are_whole<A>(contributors: &[(A, Permill)]) -> bool {
	let total: u64 = contributors.iter().map(|(_, share)| u64::from(share.deconstruct())).sum();
	total == u64::from(Permill::one().deconstruct())
}

/// The size of one royalty lookup, which its weight depends on.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub struct UsageSize {
	/// Contributors of the used dataset.
	pub contributors: u32,
	/// Upstream datasets owed a part.
	pub upstreams: u32,
}

impl<T: Config> Pallet<T> {
	/// Why new jobs may not use the dataset, if they may not.
	pub(crate) fn ensure_usable(record: &DatasetRecord<T>) -> DispatchResult {
		ensure!(!record.retired, Error::<T>::DatasetRetired);
		ensure!(record.status != VerificationStatus::Rejected, Error::<T>::DatasetRejected);
		ensure!(record.revoked.is_none(), Error::<T>::DatasetRevoked);
		ensure!(record.tainted_by.is_none(), Error::<T>::DatasetTainted);
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
		// The draw excluded the contributors: adding a seated verifier as a paid contributor
		// mid-round would give it a stake in its own verdict.
		ensure!(!Rounds::<T>::contains_key(id), Error::<T>::VerificationInProgress);
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
		Self::refresh_deposit(id, &mut record)?;
		Datasets::<T>::insert(id, record);
		Self::deposit_event(Event::RoyaltiesSet { id, royalty_rate, contributors: count });
		Ok(())
	}

	/// The dataset's rate if it accepts paid use now.
	pub(crate) fn usable_rate(id: DatasetId) -> Option<Permill> {
		let record = Datasets::<T>::get(id)?;
		Self::ensure_usable(&record).ok()?;
		Some(record.royalty_rate)
	}

	/// Who is owed what for one paid use of `amount` at `min(rate, rate_cap)`. Each upstream
	/// dataset (an earlier one whose shards this one holds) is owed the royalty's fraction
	/// `its shards / all shards`, split among its contributors and owner; the rest is split
	/// among this dataset's contributors by share (rounded down), its owner taking the rounding
	/// rest (the whole rest without contributors). The part of an upstream removed or flagged
	/// since goes to this dataset. Moves no money: the paying pallet pays out of its own hold.
	pub(crate) fn payees(
		id: DatasetId,
		amount: BalanceOf<T>,
		rate_cap: Permill,
	) -> Result<(Payees<T>, UsageSize), DispatchError> {
		let record = Datasets::<T>::get(id).ok_or(Error::<T>::UnknownDataset)?;
		Self::ensure_usable(&record)?;
		let royalty = record.royalty_rate.min(rate_cap).mul_floor(amount);
		let mut payees = Vec::new();
		let mut own = royalty;
		let upstreams = Upstreams::<T>::get(id);
		let size = UsageSize { upstreams: crate::len_u32(upstreams.len()), ..Default::default() };
		for (upstream, shards) in upstreams {
			// A flagged upstream is paid nothing: its part stays with this dataset.
			let Some(up) = Datasets::<T>::get(upstream).filter(|up| !up.is_flagged()) else {
				continue;
			};
			let part: BalanceOf<T> = multiply_by_rational_with_rounding(
				royalty.saturated_into::<u128>(),
				u128::from(shards),
				u128::from(record.shard_count),
				Rounding::Down,
			)
			.unwrap_or_default()
			.saturated_into();
			own = own.saturating_sub(part);
			Self::split_to(&mut payees, upstream, &up.owner, part);
		}
		let contributors = Self::split_to(&mut payees, id, &record.owner, own);
		Ok((payees, UsageSize { contributors, ..size }))
	}

	/// Adds `royalty` split among `id`'s contributors by share to `payees`, the rounding rest to
	/// `owner`; an account already listed gets the sum. Returns how many contributors `id` has.
	pub(crate) fn split_to(
		payees: &mut Payees<T>,
		id: DatasetId,
		owner: &T::AccountId,
		royalty: BalanceOf<T>,
	) -> u32 {
		let mut rest = royalty;
		let contributors = Contributors::<T>::get(id);
		let count = crate::len_u32(contributors.len());
		for (contributor, share) in contributors {
			let part = share.mul_floor(royalty);
			rest = rest.saturating_sub(part);
			add_payee::<T>(payees, contributor, part);
		}
		add_payee::<T>(payees, owner.clone(), rest);
		count
	}

	/// Counts one paid use of `amount` by `payer`, of which `paid` reached the payees.
	pub(crate) fn do_note_usage(
		id: DatasetId,
		payer: &T::AccountId,
		amount: BalanceOf<T>,
		paid: BalanceOf<T>,
	) {
		if !Datasets::<T>::contains_key(id) {
			return;
		}
		Usage::<T>::mutate(id, |usage| {
			usage.uses = usage.uses.saturating_add(1);
			usage.royalties = usage.royalties.saturating_add(paid);
		});
		Self::deposit_event(Event::UsageRecorded {
			id,
			payer: payer.clone(),
			amount,
			royalty: paid,
		});
	}
}

/// Adds `value` for `who` to `payees` (nothing for zero).
fn add_payee<T: Config>(payees: &mut Payees<T>, who: T::AccountId, value: BalanceOf<T>) {
	if value.is_zero() {
		return;
	}
	match payees.iter_mut().find(|(a, _)| *a == who) {
		Some((_, v)) => *v = v.saturating_add(value),
		None => payees.push((who, value)),
	}
}
