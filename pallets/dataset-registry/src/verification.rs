//! Verifier bonds, verification requests and the draw of each round's verifiers.
//!
//! Seats are never claimed: the owner requests a round, and at the start of the next block the
//! chain draws `VerificationQuorum` verifiers among the bonded ones, weighted by bond, leaving
//! out the owner and the contributors (`draw_weighted`, seeded by `T::Randomness` of the drawing
//! block with subject `(DATASET_VOTE, id)`). The requester signs before that seed exists.

use crate::{
	BalanceOf, Config, Contributors, Datasets, DrawQueue, Error, Event, HoldReason, Pallet, Rounds,
	Seat, VerificationRound, VerificationStatus, VerifierInfo, Verifiers, WeightInfo,
};
use alloc::{collections::BTreeSet, vec::Vec};
use codec::Encode;
use frame_support::{
	ensure,
	traits::{Get, Randomness},
	weights::Weight,
	BoundedVec,
};
use sp_runtime::{
	traits::{Saturating, Zero},
	DispatchResult, SaturatedConversion,
};
use verity_primitives::{bond, commitment::DATASET_VOTE, draw::draw_weighted, DatasetId};

impl<T: Config> Pallet<T> {
	/// The hold a verifier's bond is under.
	fn bond_reason() -> T::RuntimeHoldReason {
		HoldReason::VerifierBond.into()
	}

	pub(crate) fn do_bond_verifier(who: T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		// Held first: a later refusal undoes it with the rest of the call.
		bond::add::<T::Currency, _>(&Self::bond_reason(), &who, amount, Error::<T>::ZeroAmount)?;
		let existing = Verifiers::<T>::get(&who);
		let mut info = existing.clone().unwrap_or_default();
		let bond = info.bond.saturating_add(amount);
		ensure!(bond >= T::MinVerifierBond::get(), Error::<T>::BondBelowMinimum);
		if existing.is_none() && Verifiers::<T>::count() >= T::MaxVerifiers::get() {
			Self::evict_smallest_verifier(&who, bond)?;
		}
		info.bond = bond;
		Verifiers::<T>::insert(&who, info);
		Self::deposit_event(Event::VerifierBonded { who, amount, bond });
		Ok(())
	}

	/// A full verifier set admits a newcomer only by out-bonding the smallest verifier that holds
	/// no seat and no locked bond; that one is released and leaves. Filling the set with minimum
	/// bonds therefore cannot lock out a better-bonded verifier.
	fn evict_smallest_verifier(newcomer: &T::AccountId, bond: BalanceOf<T>) -> DispatchResult {
		let now = frame_system::Pallet::<T>::block_number();
		let (smallest, info) = Verifiers::<T>::iter()
			.filter(|(_, info)| info.open_votes == 0 && now >= info.locked_until)
			.min_by_key(|(_, info)| info.bond)
			.ok_or(Error::<T>::TooManyVerifiers)?;
		ensure!(bond > info.bond, Error::<T>::TooManyVerifiers);
		bond::release_all::<T::Currency, _>(&Self::bond_reason(), &smallest)?;
		Verifiers::<T>::remove(&smallest);
		Self::deposit_event(Event::VerifierEvicted { who: smallest, by: newcomer.clone() });
		Ok(())
	}

	pub(crate) fn do_unbond_verifier(who: T::AccountId) -> DispatchResult {
		let info = Verifiers::<T>::get(&who).ok_or(Error::<T>::NotVerifier)?;
		ensure!(info.open_votes == 0, Error::<T>::VerifierBusy);
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now >= info.locked_until, Error::<T>::BondLocked);
		let amount = bond::release_all::<T::Currency, _>(&Self::bond_reason(), &who)?;
		Verifiers::<T>::remove(&who);
		Self::deposit_event(Event::VerifierUnbonded { who, amount });
		Ok(())
	}

	/// Slashes `VerifierSlash` of `info`'s bond to `T::Slash`.
	pub(crate) fn slash_verifier(
		id: DatasetId,
		who: &T::AccountId,
		info: &mut VerifierInfo<BalanceOf<T>, frame_system::pallet_prelude::BlockNumberFor<T>>,
		no_show: bool,
	) {
		let amount = bond::slash::<T::Currency, _, T::Slash>(
			&Self::bond_reason(),
			who,
			T::VerifierSlash::get().mul_floor(info.bond),
		);
		info.bond = info.bond.saturating_sub(amount);
		Self::deposit_event(Event::VerifierSlashed { id, who: who.clone(), amount, no_show });
	}

	pub(crate) fn do_request_verification(who: T::AccountId, id: DatasetId) -> DispatchResult {
		let record = Self::owned_active(&who, id)?;
		ensure!(record.status == VerificationStatus::Pending, Error::<T>::VerificationClosed);
		ensure!(!Rounds::<T>::contains_key(id), Error::<T>::VerificationInProgress);
		DrawQueue::<T>::try_mutate(|queue| queue.try_push(id))
			.map_err(|_| Error::<T>::DrawQueueFull)?;
		Rounds::<T>::insert(
			id,
			VerificationRound::<T> {
				requested_at: frame_system::Pallet::<T>::block_number(),
				drawn_at: None,
				seats: BoundedVec::new(),
			},
		);
		Self::deposit_event(Event::VerificationRequested { id });
		Ok(())
	}

	/// Draws the rounds requested in the previous block; returns the weight used.
	pub(crate) fn draw_queued() -> Weight {
		let queue = DrawQueue::<T>::take();
		if queue.is_empty() {
			return T::DbWeight::get().reads(1);
		}
		let candidates = Self::candidates();
		for id in queue.iter() {
			Self::draw_round(*id, &candidates);
		}
		// Every bonded verifier was read, eligible or not.
		T::WeightInfo::draw_verifiers(crate::len_u32(queue.len()), Verifiers::<T>::count())
	}

	/// Every verifier bonded at least `MinVerifierBond`, weighted by bond.
	pub(crate) fn candidates() -> Vec<(T::AccountId, u128)> {
		let min = T::MinVerifierBond::get();
		Verifiers::<T>::iter()
			.filter(|(_, info)| info.bond >= min && !info.bond.is_zero())
			.map(|(who, info)| (who, info.bond.saturated_into::<u128>()))
			.collect()
	}

	/// Draws the seats of `id`'s requested round among `candidates` minus its owner and
	/// contributors; too few eligible verifiers lapse the request.
	pub(crate) fn draw_round(id: DatasetId, candidates: &[(T::AccountId, u128)]) {
		let Some(mut round) = Rounds::<T>::get(id) else { return };
		let Some(record) = Datasets::<T>::get(id) else { return };
		if round.drawn_at.is_some() {
			return;
		}
		let mut interested: BTreeSet<T::AccountId> =
			Contributors::<T>::get(id).into_iter().map(|(who, _)| who).collect();
		interested.insert(record.owner);
		let eligible: Vec<(T::AccountId, u128)> =
			candidates.iter().filter(|(who, _)| !interested.contains(who)).cloned().collect();
		let seats = T::VerificationQuorum::get();
		let eligible_count = crate::len_u32(eligible.len());
		let (seed, _) = T::Randomness::random(&(DATASET_VOTE, id).encode());
		let drawn = draw_weighted(eligible, seats, seed.as_fixed_bytes());
		if crate::len_u32(drawn.len()) < seats {
			Rounds::<T>::remove(id);
			Self::deposit_event(Event::VerifiersUnavailable { id, eligible: eligible_count });
			return;
		}
		let now = frame_system::Pallet::<T>::block_number();
		for who in drawn.iter() {
			Verifiers::<T>::mutate(who, |info| {
				if let Some(info) = info {
					info.open_votes = info.open_votes.saturating_add(1);
				}
			});
		}
		let verifiers: BoundedVec<T::AccountId, T::VerificationQuorum> =
			BoundedVec::truncate_from(drawn);
		round.seats = BoundedVec::truncate_from(
			verifiers
				.iter()
				.map(|who| Seat { verifier: who.clone(), commitment: None, vote: None })
				.collect::<Vec<_>>(),
		);
		round.drawn_at = Some(now);
		let (commit_deadline, reveal_deadline) = Self::deadlines(now);
		Rounds::<T>::insert(id, round);
		Self::deposit_event(Event::VerifiersDrawn {
			id,
			verifiers,
			commit_deadline,
			reveal_deadline,
		});
	}

	/// Ends the open round of `id` without a verdict or slashes (retired or removed dataset).
	pub(crate) fn close_round(id: DatasetId) {
		let Some(round) = Rounds::<T>::take(id) else { return };
		for seat in round.seats.iter() {
			Verifiers::<T>::mutate(&seat.verifier, |info| {
				if let Some(info) = info {
					info.open_votes = info.open_votes.saturating_sub(1);
				}
			});
		}
		DrawQueue::<T>::mutate(|queue| queue.retain(|d| *d != id));
	}
}
