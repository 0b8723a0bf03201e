//! Royalties on paid uses of a version, routed up its lineage.
//!
//! Rule: `royalty = min(rate(version), cap) × amount` (rounded down), where `cap` is the rate
//! the paying job snapshotted when it was submitted, so an owner cannot raise the rate on jobs
//! already running. Half of it (rounded down) is shared equally among the version's ancestors —
//! nearest first, deduplicated, at most `MaxRoyaltyDepth` generations and `MaxLineageNodes`
//! versions — each share going to that ancestor's model owner. The rest (the other half, plus
//! rounding dust, or everything when there are no ancestors) goes to the version's model owner.
//! Payouts to the same account are summed. This pallet moves no money: the paying pallet pays
//! the payees out of its own hold and reports the use (`note_usage`). Royalties to flagged
//! items stop: a revoked or tainted version earns nothing (its rate reads as zero, and a job
//! submitted before the flag pays no royalty when it settles), and a flagged ancestor's share
//! goes to the version's owner instead.

use crate::{weights::WeightInfo, BalanceOf, Config, Error, Event, Models, Pallet, Versions};
use alloc::collections::BTreeMap;
use frame_support::pallet_prelude::*;
use sp_runtime::{
	traits::{Saturating, Zero},
	Permill,
};
use verity_primitives::{
	traits::{ModelUsage, RoyaltyPayees},
	ModelVersionId,
};

/// Royalty payouts by recipient.
pub type Payouts<T> = BTreeMap<<T as frame_system::Config>::AccountId, BalanceOf<T>>;

impl<T: Config> Pallet<T> {
	/// Who receives what for one paid use of `amount` at the version's rate, never above
	/// `rate_cap`: (recipient → payout), the total, and how many ancestors were walked (what
	/// the lookup weighs).
	pub fn royalty_split(
		id: ModelVersionId,
		amount: BalanceOf<T>,
		rate_cap: Permill,
	) -> Result<(Payouts<T>, BalanceOf<T>, u32), DispatchError> {
		let version = Versions::<T>::get(id).ok_or(Error::<T>::UnknownVersion)?;
		let owner = Models::<T>::get(version.model).ok_or(Error::<T>::UnknownModel)?.owner;
		let royalty = version.earning_rate().min(rate_cap).mul_floor(amount);
		let mut payouts = BTreeMap::new();
		if royalty.is_zero() {
			return Ok((payouts, royalty, 0));
		}
		let ancestors = Self::walk_ancestors(id, T::MaxRoyaltyDepth::get());
		let walked = u32::try_from(ancestors.len()).unwrap_or(u32::MAX);
		let count = BalanceOf::<T>::from(walked);
		let half = royalty.checked_div(&2u32.into()).unwrap_or_else(Zero::zero);
		let share = half.checked_div(&count).unwrap_or_else(Zero::zero);
		let mut to_ancestors = BalanceOf::<T>::zero();
		if !share.is_zero() {
			for node in ancestors.iter() {
				let Some(model) =
					Versions::<T>::get(node.version).filter(|v| !v.is_flagged()).map(|v| v.model)
				else {
					continue;
				};
				let Some(ancestor_owner) = Models::<T>::get(model).map(|m| m.owner) else {
					continue;
				};
				let entry = payouts.entry(ancestor_owner).or_insert_with(Zero::zero);
				*entry = entry.saturating_add(share);
				to_ancestors = to_ancestors.saturating_add(share);
			}
		}
		let entry = payouts.entry(owner).or_insert_with(Zero::zero);
		*entry = entry.saturating_add(royalty.saturating_sub(to_ancestors));
		Ok((payouts, royalty, walked))
	}
}

impl<T: Config> ModelUsage<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn royalty_rate(version: ModelVersionId) -> Option<Permill> {
		Versions::<T>::get(version).map(|v| v.earning_rate())
	}

	fn royalty_payees(
		version: ModelVersionId,
		amount: BalanceOf<T>,
		rate_cap: Permill,
	) -> Result<RoyaltyPayees<T::AccountId, BalanceOf<T>>, DispatchError> {
		let (payouts, _, walked) = Self::royalty_split(version, amount, rate_cap)?;
		Ok(RoyaltyPayees {
			payees: payouts.into_iter().filter(|(_, value)| !value.is_zero()).collect(),
			weight: T::WeightInfo::record_usage(walked),
		})
	}

	fn note_usage(
		version: ModelVersionId,
		payer: &T::AccountId,
		amount: BalanceOf<T>,
		paid: BalanceOf<T>,
	) {
		Self::deposit_event(Event::RoyaltiesPaid { version, payer: payer.clone(), amount, paid });
	}

	fn record_usage_weight() -> Weight {
		T::WeightInfo::record_usage(Self::max_ancestors(T::MaxRoyaltyDepth::get()))
	}

	fn record_usage_base_weight() -> Weight {
		T::WeightInfo::record_usage(0)
	}
}
