//! Evaluators: bonding, unbonding (immediate, when no seat is open), slashing.

use crate::{types::*, Config, Error, Evaluators, Event, HoldReason, Pallet};
use frame_support::{
	ensure,
	traits::{
		fungible::{BalancedHold, MutateHold},
		tokens::Precision,
		Get, OnUnbalanced,
	},
};
use sp_runtime::{traits::Zero, DispatchResult, Saturating};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_bond(who: T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let mut evaluator = Evaluators::<T>::get(&who).unwrap_or_default();
		let bond = evaluator.bond.saturating_add(amount);
		ensure!(bond >= T::MinEvaluatorBond::get(), Error::<T>::BondBelowMinimum);
		T::Currency::hold(&HoldReason::EvaluatorBond.into(), &who, amount)?;
		evaluator.bond = bond;
		Evaluators::<T>::insert(&who, evaluator);
		Self::deposit_event(Event::EvaluatorBonded { who, amount, bond });
		Ok(())
	}

	pub(crate) fn do_unbond(who: T::AccountId) -> DispatchResult {
		let evaluator = Evaluators::<T>::get(&who).ok_or(Error::<T>::NotEvaluator)?;
		ensure!(evaluator.open_requests == 0, Error::<T>::HasOpenRequests);
		// A bond slashed to nothing has nothing to release.
		let amount = if evaluator.bond.is_zero() {
			Zero::zero()
		} else {
			T::Currency::release(
				&HoldReason::EvaluatorBond.into(),
				&who,
				evaluator.bond,
				Precision::BestEffort,
			)?
		};
		Evaluators::<T>::remove(&who);
		Self::deposit_event(Event::EvaluatorUnbonded { who, amount });
		Ok(())
	}

	/// Takes `EvaluatorSlash` of `who`'s bond to `T::Slash` and frees its seat in `request`.
	pub(crate) fn slash_evaluator(who: &T::AccountId, request: RequestId, cause: SlashCause) {
		let Some(mut evaluator) = Evaluators::<T>::get(who) else { return };
		let amount = T::EvaluatorSlash::get().mul_floor(evaluator.bond);
		let (credit, missing) = <T::Currency as BalancedHold<T::AccountId>>::slash(
			&HoldReason::EvaluatorBond.into(),
			who,
			amount,
		);
		T::Slash::on_unbalanced(credit);
		let taken = amount.saturating_sub(missing);
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
