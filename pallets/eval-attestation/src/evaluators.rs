//! Evaluators: bonding into the draw pool (a full pool's smallest idle bond makes room for a
//! larger one), leaving it, unbonding once no seat is open, slashing.

use crate::{types::*, Config, Error, EvaluatorPool, Evaluators, Event, HoldReason, Pallet};
use frame_support::{ensure, traits::Get};
use sp_runtime::{DispatchResult, Saturating};
use verity_primitives::bond;

impl<T: Config> Pallet<T> {
	/// The hold an evaluator's bond is under.
	fn bond_reason() -> T::RuntimeHoldReason {
		HoldReason::EvaluatorBond.into()
	}

	pub(crate) fn do_bond(who: T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		// Held first: a later refusal undoes it with the rest of the call.
		bond::add::<T::Currency, _>(&Self::bond_reason(), &who, amount, Error::<T>::ZeroAmount)?;
		let mut evaluator = Evaluators::<T>::get(&who).unwrap_or_default();
		let bond = evaluator.bond.saturating_add(amount);
		ensure!(bond >= T::MinEvaluatorBond::get(), Error::<T>::BondBelowMinimum);
		let mut pool = EvaluatorPool::<T>::get();
		let displaced = if pool.contains(&who) {
			None
		} else if pool.is_full() {
			let (index, out) =
				Self::displaceable(&pool, bond).ok_or(Error::<T>::EvaluatorPoolFull)?;
			pool.swap_remove(index);
			Some(out)
		} else {
			None
		};
		if !pool.contains(&who) {
			pool.try_push(who.clone()).map_err(|_| Error::<T>::EvaluatorPoolFull)?;
		}
		EvaluatorPool::<T>::put(pool);
		evaluator.bond = bond;
		Evaluators::<T>::insert(&who, evaluator);
		if let Some(out) = displaced {
			Self::deposit_event(Event::EvaluatorDisplaced { who: out, by: who.clone() });
		}
		Self::deposit_event(Event::EvaluatorBonded { who, amount, bond });
		Ok(())
	}

	/// The pool member with the smallest bond below `bond` and no open seat (ties: the later
	/// in the pool), with its index. Filling the pool with small bonds therefore cannot lock
	/// larger stakes out.
	fn displaceable(pool: &[T::AccountId], bond: BalanceOf<T>) -> Option<(usize, T::AccountId)> {
		let mut best: Option<(usize, T::AccountId, BalanceOf<T>)> = None;
		for (index, member) in pool.iter().enumerate() {
			let Some(record) = Evaluators::<T>::get(member) else { continue };
			let smaller = best.as_ref().is_none_or(|(_, _, b)| record.bond <= *b);
			if record.open_requests == 0 && record.bond < bond && smaller {
				best = Some((index, member.clone(), record.bond));
			}
		}
		best.map(|(index, who, _)| (index, who))
	}

	pub(crate) fn do_unbond(who: T::AccountId) -> DispatchResult {
		let evaluator = Evaluators::<T>::get(&who).ok_or(Error::<T>::NotEvaluator)?;
		let in_pool = EvaluatorPool::<T>::get().contains(&who);
		if evaluator.open_requests > 0 {
			// No new seats from now on; the bond answers for the open ones.
			ensure!(in_pool, Error::<T>::HasOpenRequests);
			Self::leave_pool(&who);
			Self::deposit_event(Event::EvaluatorLeftPool {
				who,
				open_requests: evaluator.open_requests,
			});
			return Ok(());
		}
		let amount = bond::release_all::<T::Currency, _>(&Self::bond_reason(), &who)?;
		if in_pool {
			Self::leave_pool(&who);
		}
		Evaluators::<T>::remove(&who);
		Self::deposit_event(Event::EvaluatorUnbonded { who, amount });
		Ok(())
	}

	fn leave_pool(who: &T::AccountId) {
		EvaluatorPool::<T>::mutate(|pool| pool.retain(|member| member != who));
	}

	/// Takes `EvaluatorSlash` of `who`'s bond to `T::Slash` and frees its seat in `request`.
	pub(crate) fn slash_evaluator(who: &T::AccountId, request: RequestId, cause: SlashCause) {
		let Some(mut evaluator) = Evaluators::<T>::get(who) else { return };
		let taken = bond::slash::<T::Currency, _, T::Slash>(
			&Self::bond_reason(),
			who,
			T::EvaluatorSlash::get().mul_floor(evaluator.bond),
		);
		evaluator.bond = evaluator.bond.saturating_sub(taken);
		evaluator.slashed = evaluator.slashed.saturating_add(1);
		evaluator.open_requests = evaluator.open_requests.saturating_sub(1);
		Evaluators::<T>::insert(who, evaluator);
		Self::deposit_event(Event::EvaluatorSlashed {
			request,
			evaluator: who.clone(),
			amount: taken,
			cause,
		});
	}

	/// Frees `who`'s seat in a finished request; `served` counts an in-band attestation.
	pub(crate) fn free_seat(who: &T::AccountId, served: bool) {
		Evaluators::<T>::mutate(who, |evaluator| {
			if let Some(evaluator) = evaluator {
				evaluator.open_requests = evaluator.open_requests.saturating_sub(1);
				if served {
					evaluator.served = evaluator.served.saturating_add(1);
				}
			}
		});
	}
}
