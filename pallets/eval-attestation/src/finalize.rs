//! Phase ends: the draw of a pending request, the end of the commit phase, and finalization —
//! no-shows and outliers slashed, the median of a majority attested, the fee split, the result
//! recorded in the history and the leaderboard — or the request failed and the fee refunded.

use crate::{
	types::*, Benchmarks, Config, Error, Event, HoldReason, Leaderboards, Pallet, Requests, Results,
};
use alloc::vec::Vec;
use frame_support::{
	ensure,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
		Get,
	},
	BoundedVec,
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{traits::Zero, DispatchResult, Perbill, Saturating};
use verity_primitives::{split::equal_shares, BenchmarkId, ModelVersionId};

/// The middle of `values` once sorted (the lower middle for an even count), `None` when empty.
pub(crate) fn median<V: Ord + Copy>(mut values: Vec<V>) -> Option<V> {
	values.sort_unstable();
	values.get(values.len().saturating_sub(1) / 2).copied()
}

/// Seats that decide a request: more than half of the quorum.
pub(crate) fn majority(quorum: u32) -> u32 {
	(quorum / 2).saturating_add(1)
}

impl<T: Config> Pallet<T> {
	pub(crate) fn do_finalize(id: RequestId) -> DispatchResult {
		let request = Requests::<T>::get(id).ok_or(Error::<T>::UnknownRequest)?;
		ensure!(
			frame_system::Pallet::<T>::block_number() >= Self::deadline_of(&request),
			Error::<T>::DeadlineNotReached
		);
		Self::conclude(id, request)
	}

	/// The deadline of the request's current phase.
	pub(crate) fn deadline_of(request: &RequestOf<T>) -> BlockNumberFor<T> {
		match request.status {
			RequestStatus::Pending { draw_at } => draw_at,
			RequestStatus::Committing { until } | RequestStatus::Revealing { until } => until,
		}
	}

	/// Ends the current phase of a request whose deadline came (or whose seats all revealed).
	pub(crate) fn conclude(id: RequestId, mut request: RequestOf<T>) -> DispatchResult {
		match request.status {
			RequestStatus::Pending { .. } => Self::draw(id, request),
			RequestStatus::Committing { .. } => {
				// Silent seats are slashed and leave; a majority that committed goes on to
				// reveal, so one silent seat cannot stop the request.
				let committed =
					request.assignments.iter().filter(|a| a.commitment.is_some()).count() as u32;
				for seat in request.assignments.iter().filter(|a| a.commitment.is_none()) {
					Self::slash_evaluator(&seat.evaluator, id, SlashCause::NoShow);
				}
				request.assignments.retain(|a| a.commitment.is_some());
				if committed >= majority(request.quorum) {
					let now = frame_system::Pallet::<T>::block_number();
					Self::start_reveals(id, &mut request, now);
					Requests::<T>::insert(id, request);
				} else {
					for seat in request.assignments.iter() {
						Self::free_seat(&seat.evaluator, false);
					}
					Self::fail(id, &request, FailReason::NotEnoughCommits);
				}
				Ok(())
			},
			RequestStatus::Revealing { .. } => {
				let mut revealed: Vec<(T::AccountId, Revealed)> = Vec::new();
				for seat in request.assignments.iter() {
					match seat.revealed {
						Some(r) => revealed.push((seat.evaluator.clone(), r)),
						None => Self::slash_evaluator(&seat.evaluator, id, SlashCause::NoShow),
					}
				}
				if (revealed.len() as u32) < majority(request.quorum) {
					for (who, _) in revealed.iter() {
						Self::free_seat(who, false);
					}
					Self::fail(id, &request, FailReason::NotEnoughReveals);
					Ok(())
				} else {
					Self::attest(id, request, revealed)
				}
			},
		}
	}

	/// Removes a failed request and refunds its fee.
	pub(crate) fn fail(id: RequestId, request: &RequestOf<T>, reason: FailReason) {
		let refunded = Self::refund(request);
		Requests::<T>::remove(id);
		Self::deposit_event(Event::RequestFailed { request: id, reason, refunded });
	}

	/// Attests the median of `revealed` (a majority of the quorum) when a majority of the
	/// quorum is within `tolerance` of it, slashing the outliers and paying the rest; without
	/// such a majority nobody can tell which side is right: the request fails unslashed.
	fn attest(
		id: RequestId,
		request: RequestOf<T>,
		revealed: Vec<(T::AccountId, Revealed)>,
	) -> DispatchResult {
		let benchmark =
			Benchmarks::<T>::get(request.benchmark).ok_or(Error::<T>::UnknownBenchmark)?;
		let score = median(revealed.iter().map(|(_, r)| r.score).collect())
			.ok_or(Error::<T>::UnknownRequest)?;
		let tolerance = benchmark.spec.tolerance;
		let agreeing =
			revealed.iter().filter(|(_, r)| r.score.abs_diff(score) <= tolerance).count() as u32;
		if agreeing < majority(request.quorum) {
			for (who, _) in revealed.iter() {
				Self::free_seat(who, false);
			}
			Self::fail(id, &request, FailReason::NoMajority);
			return Ok(());
		}

		let mut in_band: Vec<T::AccountId> = Vec::new();
		let mut estimates: Vec<Perbill> = Vec::new();
		for (who, r) in revealed {
			if r.score.abs_diff(score) <= tolerance {
				estimates.extend(r.contamination);
				in_band.push(who);
			} else {
				Self::slash_evaluator(&who, id, SlashCause::Outlier);
			}
		}
		let contamination = median(estimates);

		let fee_paid = Self::pay(&request, &in_band);
		for who in in_band.iter() {
			Self::free_seat(who, true);
		}

		let now = frame_system::Pallet::<T>::block_number();
		let ranked = Self::record(
			request.version,
			request.benchmark,
			Attestation {
				request: id,
				score,
				contamination,
				evaluators: BoundedVec::truncate_from(in_band.clone()),
				at: now,
			},
		);
		Self::place(request.benchmark, benchmark.spec.direction, request.version, ranked, now);
		Requests::<T>::remove(id);
		Self::deposit_event(Event::ScoreAttested {
			request: id,
			version: request.version,
			benchmark: request.benchmark,
			score,
			contamination,
			in_band: in_band.len() as u32,
			fee_paid,
		});
		Ok(())
	}

	/// Moves the held fee to `winners` in equal shares (`verity_primitives::split`).
	fn pay(request: &RequestOf<T>, winners: &[T::AccountId]) -> BalanceOf<T> {
		let mut paid: BalanceOf<T> = Zero::zero();
		for (who, share) in winners.iter().zip(equal_shares(request.fee, winners.len())) {
			if share.is_zero() {
				continue;
			}
			let moved = T::Currency::transfer_on_hold(
				&HoldReason::RequestFee.into(),
				&request.requester,
				who,
				share,
				Precision::BestEffort,
				Restriction::Free,
				Fortitude::Force,
			)
			.unwrap_or_else(|_| Zero::zero());
			paid = paid.saturating_add(moved);
		}
		// Whatever could not be moved (none in practice) goes back to the requester.
		let left = request.fee.saturating_sub(paid);
		if !left.is_zero() {
			let _ = T::Currency::release(
				&HoldReason::RequestFee.into(),
				&request.requester,
				left,
				Precision::BestEffort,
			);
		}
		paid
	}

	/// Appends to the (version, benchmark) history, dropping the oldest beyond `MaxHistory`;
	/// returns the score the version ranks by: the median of the kept results.
	fn record(
		version: ModelVersionId,
		benchmark: BenchmarkId,
		attestation: AttestationOf<T>,
	) -> Score {
		let fallback = attestation.score;
		Results::<T>::mutate(version, benchmark, |history| {
			let mut list = history.take().map(|h| h.into_inner()).unwrap_or_default();
			list.push(attestation);
			let excess = list.len().saturating_sub(T::MaxHistory::get() as usize);
			list.drain(..excess);
			let ranked = median(list.iter().map(|a| a.score).collect()).unwrap_or(fallback);
			*history = Some(BoundedVec::truncate_from(list));
			ranked
		})
	}

	/// Puts `version` on the benchmark's leaderboard with `score` (the median of its kept
	/// results), best first, ties by age; the worst entry drops out when the board is full.
	fn place(
		benchmark: BenchmarkId,
		direction: Direction,
		version: ModelVersionId,
		score: Score,
		at: BlockNumberFor<T>,
	) {
		Leaderboards::<T>::mutate(benchmark, |board| {
			let mut list = core::mem::take(board).into_inner();
			list.retain(|(v, _, _)| *v != version);
			let position =
				list.iter().position(|(_, s, _)| direction.better(score, *s)).unwrap_or(list.len());
			list.insert(position, (version, score, at));
			list.truncate(T::MaxLeaderboard::get() as usize);
			*board = BoundedVec::truncate_from(list);
		});
	}
}
