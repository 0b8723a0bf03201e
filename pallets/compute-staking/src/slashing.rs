//! Slashing: provider slashes are decided, queued `SlashDeferral` blocks ahead and applied in
//! `on_initialize` unless `DisputeOrigin` cancels them; challenge bonds are slashed at once.

use crate::{types::*, Config, Error, Event, HoldReason, Pallet, Providers, SlashQueue};
use frame_support::traits::{
	fungible::{BalancedHold, MutateHold},
	tokens::Precision,
	Get, OnUnbalanced,
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{One, Zero},
	DispatchResult, Saturating,
};
use verity_primitives::JobId;

/// How many blocks past the due one a slash may be queued when that block is full.
const SLASH_SEARCH: u32 = 8;

impl<T: Config> Pallet<T> {
	/// Decides a slash of `SlashFraction` of `who`'s bond for `job`: queued for
	/// `now + SlashDeferral` (applied at once when the deferral is zero or the queue is full).
	pub(crate) fn decide_slash(who: &T::AccountId, job: JobId, cause: SlashCause) {
		let Some(mut provider) = Providers::<T>::get(who) else { return };
		let amount = T::SlashFraction::get().mul_floor(provider.bond);
		provider.slashed = provider.slashed.saturating_add(1);
		let now = frame_system::Pallet::<T>::block_number();
		let deferral = T::SlashDeferral::get();
		let queued_at = if deferral.is_zero() {
			None
		} else {
			let mut at = now.saturating_add(deferral);
			let mut found = None;
			for _ in 0..=SLASH_SEARCH {
				let pushed = SlashQueue::<T>::mutate(at, |queue| {
					queue.try_push(PendingSlash { who: who.clone(), amount, job }).is_ok()
				});
				if pushed {
					found = Some(at);
					break;
				}
				at = at.saturating_add(One::one());
			}
			found
		};
		match queued_at {
			Some(at) => {
				provider.pending_slashes = provider.pending_slashes.saturating_add(1);
				Providers::<T>::insert(who, provider);
				Self::deposit_event(Event::SlashScheduled {
					who: who.clone(),
					job,
					amount,
					cause,
					at,
				});
			},
			None => {
				Providers::<T>::insert(who, provider);
				Self::deposit_event(Event::SlashScheduled {
					who: who.clone(),
					job,
					amount,
					cause,
					at: now,
				});
				Self::apply_slash(who, job, amount, false);
			},
		}
	}

	/// Applies the slashes due at `now`; returns how many there were.
	pub(crate) fn apply_due_slashes(now: BlockNumberFor<T>) -> u32 {
		let due = SlashQueue::<T>::take(now);
		let count = due.len() as u32;
		for slash in due {
			Self::apply_slash(&slash.who, slash.job, slash.amount, true);
		}
		count
	}

	/// Takes up to `amount` from `who`'s held bond to `T::Slash`.
	fn apply_slash(who: &T::AccountId, job: JobId, amount: BalanceOf<T>, was_pending: bool) {
		let Some(mut provider) = Providers::<T>::get(who) else { return };
		if was_pending {
			provider.pending_slashes = provider.pending_slashes.saturating_sub(1);
		}
		let take = amount.min(provider.bond);
		let (credit, missing) = <T::Currency as BalancedHold<T::AccountId>>::slash(
			&HoldReason::ProviderBond.into(),
			who,
			take,
		);
		let taken = take.saturating_sub(missing);
		T::Slash::on_unbalanced(credit);
		provider.bond = provider.bond.saturating_sub(taken);
		Providers::<T>::insert(who, provider);
		Self::deposit_event(Event::ProviderSlashed { who: who.clone(), job, amount: taken });
	}

	pub(crate) fn do_cancel_slash(at: BlockNumberFor<T>, index: u32) -> DispatchResult {
		let slash = SlashQueue::<T>::try_mutate_exists(at, |queue| {
			let list = queue.as_mut().ok_or(Error::<T>::UnknownSlash)?;
			if (index as usize) >= list.len() {
				return Err(Error::<T>::UnknownSlash);
			}
			let slash = list.remove(index as usize);
			if list.is_empty() {
				*queue = None;
			}
			Ok(slash)
		})?;
		Providers::<T>::mutate(&slash.who, |p| {
			if let Some(p) = p {
				p.pending_slashes = p.pending_slashes.saturating_sub(1);
				p.slashed = p.slashed.saturating_sub(1);
			}
		});
		Self::deposit_event(Event::SlashCancelled { who: slash.who, job: slash.job });
		Ok(())
	}

	/// A losing or silent challenger forfeits its whole challenge bond to `T::Slash`.
	pub(crate) fn slash_challenge_bond(job: JobId, challenge: &Challenge<T>) {
		let (credit, missing) = <T::Currency as BalancedHold<T::AccountId>>::slash(
			&HoldReason::ChallengeBond.into(),
			&challenge.challenger,
			challenge.bond,
		);
		T::Slash::on_unbalanced(credit);
		Self::deposit_event(Event::ChallengeBondSlashed {
			job,
			challenger: challenge.challenger.clone(),
			amount: challenge.bond.saturating_sub(missing),
		});
	}

	/// Gives a challenger its bond back.
	pub(crate) fn return_challenge_bond(job: JobId, challenge: &Challenge<T>) {
		let amount = T::Currency::release(
			&HoldReason::ChallengeBond.into(),
			&challenge.challenger,
			challenge.bond,
			Precision::BestEffort,
		)
		.unwrap_or_else(|_| Zero::zero());
		Self::deposit_event(Event::ChallengeBondReturned {
			job,
			challenger: challenge.challenger.clone(),
			amount,
		});
	}
}
