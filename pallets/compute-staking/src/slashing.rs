//! Slashing: provider slashes are decided, queued `SlashDeferral` blocks ahead under an id and
//! applied in `on_initialize` unless `DisputeOrigin` cancels them by that id.
//!
//! How much: a silent seat loses `SlashFraction` of its bond; a wrong output loses the larger of
//! that and `2 × payment / p` (p = `SpotCheckChance`), capped by the bond. `r = 1` jobs are drawn
//! only among providers whose bond covers `2 × payment / p`, so the cap never binds there.
//!
//! Why that makes cheating a losing bet: take a provider holding a share `s` of the eligible
//! stake that returns a made-up `r = 1` result and saves at most the payment's worth of work. It
//! is spot-checked with probability `p`, and the checker is one of its own accounts with
//! probability at most `s`, so it is caught with probability at least `p × (1 − s)` and then
//! loses at least `2 × payment / p`. Its expected gain is at most
//! `payment − p × (1 − s) × 2 × payment / p = payment × (2s − 1)`, negative for every `s < 1/2`
//! ([`cheating_gain`], tested below). A party with half the eligible stake could as well win
//! every redundant vote: that is the assumption the whole scheme rests on, as in any stake-based
//! system.

use crate::{types::*, Config, Error, Event, NextSlashId, Pallet, Providers, SlashAt, SlashQueue};
use frame_support::traits::Get;
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{traits::Zero, DispatchResult, Perbill, Saturating};
use verity_primitives::{deadline, JobId};

/// The expected gain, in parts per billion of the payment (negative: a loss), of returning a
/// made-up `r = 1` result, for a party holding `stake_share` of the eligible stake, when a wrong
/// output is caught with probability `p × (1 − stake_share)` and costs `2 × payment / p`.
pub fn cheating_gain(p: Perbill, stake_share: Perbill) -> i64 {
	let one = i64::from(Perbill::one().deconstruct());
	let p = i64::from(p.deconstruct());
	if p == 0 {
		return one;
	}
	let s = i64::from(stake_share.deconstruct());
	// gain = 1 − P(caught) × slash = 1 − p(1 − s) × 2/p = 1 − 2(1 − s), in billionths.
	let caught = p.saturating_mul(one.saturating_sub(s)).checked_div(one).unwrap_or(0);
	let slash = one.saturating_mul(2).saturating_mul(one).checked_div(p).unwrap_or(0);
	one.saturating_sub(caught.saturating_mul(slash).checked_div(one).unwrap_or(0))
}

impl<T: Config> Pallet<T> {
	/// `2 × payment / p`: the least a wrong output costs (see the module docs).
	pub(crate) fn wrong_output_slash_floor(payment: BalanceOf<T>) -> BalanceOf<T> {
		let p = T::SpotCheckChance::get();
		if p.is_zero() {
			return payment;
		}
		p.saturating_reciprocal_mul(payment.saturating_mul(2u32.into()))
	}

	/// Decides a slash of `who` for `job`: `SlashFraction` of the bond, and for a wrong output at
	/// least `2 × payment / p`, capped by the bond. Queued for `now + SlashDeferral` under a new
	/// id (applied at once when the deferral is zero or the queue is full).
	pub(crate) fn decide_slash(
		who: &T::AccountId,
		job: JobId,
		cause: SlashCause,
		payment: BalanceOf<T>,
	) {
		let Some(mut provider) = Providers::<T>::get(who) else { return };
		let mut amount = T::SlashFraction::get().mul_floor(provider.bond);
		if cause == SlashCause::WrongOutput {
			amount = amount.max(Self::wrong_output_slash_floor(payment)).min(provider.bond);
		}
		// 2^64 slashes cannot happen; if they did, a new slash must not overwrite a pending one.
		let Some((id, next)) = verity_primitives::peek_id::<NextSlashId<T>, _>() else { return };
		NextSlashId::<T>::put(next);
		provider.slashed = provider.slashed.saturating_add(1);
		let now = frame_system::Pallet::<T>::block_number();
		let deferral = T::SlashDeferral::get();
		// No deferral, or no room within reach: applied at once rather than lost.
		let queued_at = if deferral.is_zero() {
			None
		} else {
			deadline::schedule::<SlashQueue<T>, _, _, _>(
				now.saturating_add(deferral),
				PendingSlash { id, who: who.clone(), amount, job },
			)
		};
		if let Some(at) = queued_at {
			provider.pending_slashes = provider.pending_slashes.saturating_add(1);
			SlashAt::<T>::insert(id, at);
		}
		Providers::<T>::insert(who, provider);
		let at = queued_at.unwrap_or(now);
		Self::deposit_event(Event::SlashScheduled { id, who: who.clone(), job, amount, cause, at });
		if queued_at.is_none() {
			Self::apply_slash(who, job, amount, false);
		}
	}

	/// Applies the slashes due at `now`; returns how many there were.
	pub(crate) fn apply_due_slashes(now: BlockNumberFor<T>) -> u32 {
		let due = SlashQueue::<T>::take(now);
		let count = due.len() as u32;
		for slash in due {
			SlashAt::<T>::remove(slash.id);
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
		let taken = verity_primitives::bond::slash::<T::Currency, _, T::Slash>(
			&Self::bond_reason(),
			who,
			amount.min(provider.bond),
		);
		provider.bond = provider.bond.saturating_sub(taken);
		Providers::<T>::insert(who, provider);
		Self::resync_pool(who);
		Self::deposit_event(Event::ProviderSlashed { who: who.clone(), job, amount: taken });
	}

	pub(crate) fn do_cancel_slash(id: SlashId) -> DispatchResult {
		let at = SlashAt::<T>::take(id).ok_or(Error::<T>::UnknownSlash)?;
		let slash = deadline::unschedule::<SlashQueue<T>, _, _, _>(at, |s| s.id == id)
			.ok_or(Error::<T>::UnknownSlash)?;
		Providers::<T>::mutate(&slash.who, |p| {
			if let Some(p) = p {
				p.pending_slashes = p.pending_slashes.saturating_sub(1);
				p.slashed = p.slashed.saturating_sub(1);
			}
		});
		Self::deposit_event(Event::SlashCancelled { id, who: slash.who, job: slash.job });
		Ok(())
	}
}

#[cfg(test)]
mod tests {
	use super::cheating_gain;
	use sp_runtime::Perbill;

	#[test]
	fn cheating_loses_below_half_the_stake() {
		for p in [1u32, 5, 10, 25, 50, 100] {
			let p = Perbill::from_percent(p);
			for s in [0u32, 10, 25, 40, 49] {
				let gain = cheating_gain(p, Perbill::from_percent(s));
				// 1 − 2(1 − s): −100% at s = 0, −2% at s = 49%.
				let expected = 1_000_000_000i64 - 2 * (1_000_000_000 - i64::from(s) * 10_000_000);
				assert!((gain - expected).abs() < 1_000, "p={p:?} s={s}: {gain} vs {expected}");
				assert!(gain < 0, "cheating pays at p={p:?}, s={s}%");
			}
			assert!(cheating_gain(p, Perbill::from_percent(60)) > 0);
		}
	}
}
