//! Evaluation requests: the request with its contamination check, cancellation before the
//! draw, commitments and reveals of the drawn seats.

use crate::{
	types::*, Benchmarks, Config, Deadlines, Error, Event, HoldReason, NextRequestId, Pallet,
	Requests,
};
use frame_support::{
	ensure,
	traits::{fungible::MutateHold, tokens::Precision, Get},
	BoundedVec,
};
use sp_runtime::{
	traits::{One, Zero},
	DispatchError, DispatchResult, Saturating,
};
use verity_primitives::{
	commitment::{commitment, EVAL_SCORE},
	traits::{DatasetInspect, LineageInspect},
	BenchmarkId, ContentHash, DatasetId, ModelVersionId,
};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_request(
		who: T::AccountId,
		version: ModelVersionId,
		benchmark_id: BenchmarkId,
		fee: BalanceOf<T>,
	) -> Result<RequestId, DispatchError> {
		let benchmark = Benchmarks::<T>::get(benchmark_id).ok_or(Error::<T>::UnknownBenchmark)?;
		ensure!(
			matches!(benchmark.status, BenchmarkStatus::Approved { .. }),
			Error::<T>::BenchmarkNotApproved
		);
		ensure!(fee >= T::MinRequestFee::get(), Error::<T>::FeeTooLow);
		ensure!(T::Lineage::exists(version), Error::<T>::UnknownModelVersion);
		ensure!(T::Lineage::is_usable(version), Error::<T>::VersionNotUsable);
		ensure!(T::Lineage::taint(version).is_none(), Error::<T>::VersionTainted);
		Self::ensure_uncontaminated(version, benchmark.spec.test_set)?;

		let (id, next) =
			verity_primitives::peek_id::<NextRequestId<T>, _>().ok_or(Error::<T>::NoMoreIds)?;
		let now = frame_system::Pallet::<T>::block_number();
		T::Currency::hold(&HoldReason::RequestFee.into(), &who, fee)?;
		// The draw comes in a later block, from randomness the requester cannot see now.
		let draw_at = Self::schedule(now.saturating_add(One::one()), id)?;
		Requests::<T>::insert(
			id,
			Request {
				requester: who.clone(),
				version,
				benchmark: benchmark_id,
				fee,
				quorum: benchmark.spec.quorum,
				seed: None,
				created: now,
				status: RequestStatus::Pending { draw_at },
				assignments: BoundedVec::new(),
			},
		);
		NextRequestId::<T>::put(next);
		Self::deposit_event(Event::EvaluationRequested {
			request: id,
			requester: who,
			version,
			benchmark: benchmark_id,
			fee,
			draw_at,
		});
		Ok(id)
	}

	/// Refuses a version whose lineage datasets share a shard with the test set.
	pub(crate) fn ensure_uncontaminated(
		version: ModelVersionId,
		test_set: DatasetId,
	) -> DispatchResult {
		let datasets = T::Lineage::lineage_datasets(version);
		ensure!(
			datasets.len() <= T::MaxLineageDatasets::get() as usize,
			Error::<T>::LineageTooLarge
		);
		for dataset in datasets {
			ensure!(
				dataset != test_set && T::Datasets::overlap(dataset, test_set) == 0,
				Error::<T>::Contaminated
			);
		}
		Ok(())
	}

	/// Cancelling is free but only before the draw block: once the randomness that fixes the
	/// seats and the seed exists, the request runs its course (no re-rolling the seed).
	pub(crate) fn do_cancel(who: T::AccountId, id: RequestId) -> DispatchResult {
		let request = Requests::<T>::get(id).ok_or(Error::<T>::UnknownRequest)?;
		ensure!(request.requester == who, Error::<T>::NotRequester);
		let now = frame_system::Pallet::<T>::block_number();
		let draw_at = match request.status {
			RequestStatus::Pending { draw_at } if now < draw_at => draw_at,
			_ => return Err(Error::<T>::NotCancellable.into()),
		};
		let refunded = Self::refund(&request);
		Requests::<T>::remove(id);
		// Free the queue slot, so requests cancelled at once cannot keep a block's queue full.
		Deadlines::<T>::mutate(draw_at, |queue| queue.retain(|queued| *queued != id));
		Self::deposit_event(Event::RequestCancelled { request: id, refunded });
		Ok(())
	}

	/// Gives the requester its fee back; returns what was released.
	pub(crate) fn refund(request: &RequestOf<T>) -> BalanceOf<T> {
		T::Currency::release(
			&HoldReason::RequestFee.into(),
			&request.requester,
			request.fee,
			Precision::BestEffort,
		)
		.unwrap_or_else(|_| Zero::zero())
	}

	pub(crate) fn do_commit(
		who: T::AccountId,
		id: RequestId,
		commitment: ContentHash,
	) -> DispatchResult {
		let mut request = Requests::<T>::get(id).ok_or(Error::<T>::UnknownRequest)?;
		let RequestStatus::Committing { until } = request.status else {
			// Say `NotAssigned` to outsiders whatever the phase.
			ensure!(
				request.assignments.iter().any(|a| a.evaluator == who),
				Error::<T>::NotAssigned
			);
			return Err(Error::<T>::NotCommitPhase.into());
		};
		let seat = request
			.assignments
			.iter_mut()
			.find(|a| a.evaluator == who)
			.ok_or(Error::<T>::NotAssigned)?;
		ensure!(seat.commitment.is_none(), Error::<T>::AlreadyCommitted);
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now < until, Error::<T>::CommitTooLate);
		seat.commitment = Some(commitment);
		Self::deposit_event(Event::ScoreCommitted { request: id, evaluator: who });

		if request.assignments.iter().all(|a| a.commitment.is_some()) {
			Self::start_reveals(id, &mut request, now);
		}
		Requests::<T>::insert(id, request);
		Ok(())
	}

	/// Opens the reveal phase of `request` at `now`.
	pub(crate) fn start_reveals(
		id: RequestId,
		request: &mut RequestOf<T>,
		now: frame_system::pallet_prelude::BlockNumberFor<T>,
	) {
		let until = now.saturating_add(T::RevealPeriod::get());
		request.status = RequestStatus::Revealing { until };
		// A full queue leaves the deadline to `finalize`, which anyone may call.
		let _ = Self::schedule(until, id);
		Self::deposit_event(Event::RevealStarted { request: id, until });
	}

	pub(crate) fn do_reveal(
		who: T::AccountId,
		id: RequestId,
		revealed: Revealed,
		salt: ContentHash,
	) -> DispatchResult {
		let mut request = Requests::<T>::get(id).ok_or(Error::<T>::UnknownRequest)?;
		let RequestStatus::Revealing { until } = request.status else {
			// Say `NotAssigned` to outsiders even before the reveal phase.
			ensure!(
				request.assignments.iter().any(|a| a.evaluator == who),
				Error::<T>::NotAssigned
			);
			return Err(Error::<T>::NotRevealPhase.into());
		};
		let seat = request
			.assignments
			.iter_mut()
			.find(|a| a.evaluator == who)
			.ok_or(Error::<T>::NotAssigned)?;
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now < until, Error::<T>::RevealTooLate);
		ensure!(seat.revealed.is_none(), Error::<T>::AlreadyRevealed);
		let value = (revealed.score, revealed.contamination);
		let expected = commitment(EVAL_SCORE, &id, &who, &value, &salt);
		ensure!(seat.commitment == Some(expected), Error::<T>::RevealMismatch);
		seat.revealed = Some(revealed);
		Self::deposit_event(Event::ScoreRevealed {
			request: id,
			evaluator: who,
			score: revealed.score,
			contamination: revealed.contamination,
		});

		if request.assignments.iter().all(|a| a.revealed.is_some()) {
			Self::conclude(id, request)
		} else {
			Requests::<T>::insert(id, request);
			Ok(())
		}
	}
}
