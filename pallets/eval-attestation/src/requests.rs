//! Evaluation requests: the request with its contamination check, cancellation, claims,
//! commitments and reveals.

use crate::{
	types::*, Benchmarks, Config, Error, Evaluators, Event, HoldReason, NextRequestId, Pallet,
	Requests,
};
use codec::{Decode, Encode};
use frame_support::{
	ensure,
	traits::{fungible::MutateHold, tokens::Precision, Get},
	BoundedVec,
};
use sp_runtime::{
	traits::{BlakeTwo256, Hash, Zero},
	DispatchError, DispatchResult, Perbill, Saturating,
};
use verity_primitives::{
	traits::{DatasetInspect, LineageInspect},
	BenchmarkId, ContentHash, DatasetId, ModelVersionId,
};

/// The commitment an evaluator submits for `(score, contamination, salt)` in `request`:
/// `blake2_256(SCALE((request, evaluator, score, contamination, salt)))`.
pub fn commitment_of<AccountId: Encode>(
	request: RequestId,
	evaluator: &AccountId,
	score: Score,
	contamination: Option<Perbill>,
	salt: &[u8; 32],
) -> ContentHash {
	BlakeTwo256::hash_of(&(request, evaluator, score, contamination, salt))
}

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
		Self::ensure_uncontaminated(version, benchmark.spec.test_set)?;

		let id = NextRequestId::<T>::get();
		let now = frame_system::Pallet::<T>::block_number();
		let commit_by = now.saturating_add(T::CommitPeriod::get());
		let seed = match benchmark.spec.seed {
			SeedPolicy::Fixed(seed) => seed,
			SeedPolicy::PerRequest => {
				let parent = frame_system::Pallet::<T>::parent_hash();
				let hash = BlakeTwo256::hash_of(&(b"verity/eval-seed", parent, id));
				u64::decode(&mut hash.as_bytes()).unwrap_or_default()
			},
		};
		T::Currency::hold(&HoldReason::RequestFee.into(), &who, fee)?;
		Self::schedule(commit_by, id)?;
		Requests::<T>::insert(
			id,
			Request {
				requester: who.clone(),
				version,
				benchmark: benchmark_id,
				fee,
				quorum: benchmark.spec.quorum,
				seed,
				created: now,
				commit_by,
				status: RequestStatus::Open,
				assignments: BoundedVec::new(),
			},
		);
		NextRequestId::<T>::put(id.saturating_add(1));
		Self::deposit_event(Event::EvaluationRequested {
			request: id,
			requester: who,
			version,
			benchmark: benchmark_id,
			fee,
			seed,
			commit_by,
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

	pub(crate) fn do_cancel(who: T::AccountId, id: RequestId) -> DispatchResult {
		let request = Requests::<T>::get(id).ok_or(Error::<T>::UnknownRequest)?;
		ensure!(request.requester == who, Error::<T>::NotRequester);
		ensure!(
			request.status == RequestStatus::Open && request.assignments.is_empty(),
			Error::<T>::RequestClaimed
		);
		let refunded = Self::refund(&request);
		Requests::<T>::remove(id);
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

	pub(crate) fn do_claim(who: T::AccountId, id: RequestId) -> DispatchResult {
		let mut request = Requests::<T>::get(id).ok_or(Error::<T>::UnknownRequest)?;
		ensure!(request.status == RequestStatus::Open, Error::<T>::NotCommitPhase);
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now < request.commit_by, Error::<T>::CommitTooLate);
		ensure!(
			!request.assignments.iter().any(|a| a.evaluator == who),
			Error::<T>::AlreadyClaimed
		);
		ensure!((request.assignments.len() as u32) < request.quorum, Error::<T>::RequestFull);
		ensure!(request.requester != who, Error::<T>::RequesterCannotEvaluate);
		let mut evaluator = Evaluators::<T>::get(&who).ok_or(Error::<T>::NotEvaluator)?;
		let min_bond = Benchmarks::<T>::get(request.benchmark)
			.map(|b| b.spec.min_evaluator_bond)
			.unwrap_or_default()
			.max(T::MinEvaluatorBond::get());
		ensure!(evaluator.bond >= min_bond, Error::<T>::BondTooLow);
		ensure!(
			evaluator.open_requests < T::MaxRequestsPerEvaluator::get(),
			Error::<T>::TooManyRequests
		);

		request
			.assignments
			.try_push(Assignment { evaluator: who.clone(), commitment: None, revealed: None })
			.map_err(|_| Error::<T>::RequestFull)?;
		evaluator.open_requests = evaluator.open_requests.saturating_add(1);
		Evaluators::<T>::insert(&who, evaluator);
		Requests::<T>::insert(id, request);
		Self::deposit_event(Event::SeatClaimed { request: id, evaluator: who });
		Ok(())
	}

	pub(crate) fn do_commit(
		who: T::AccountId,
		id: RequestId,
		commitment: ContentHash,
	) -> DispatchResult {
		let mut request = Requests::<T>::get(id).ok_or(Error::<T>::UnknownRequest)?;
		let seat = request
			.assignments
			.iter_mut()
			.find(|a| a.evaluator == who)
			.ok_or(Error::<T>::NotAssigned)?;
		ensure!(seat.commitment.is_none(), Error::<T>::AlreadyCommitted);
		ensure!(request.status == RequestStatus::Open, Error::<T>::NotCommitPhase);
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now < request.commit_by, Error::<T>::CommitTooLate);
		seat.commitment = Some(commitment);
		Self::deposit_event(Event::ScoreCommitted { request: id, evaluator: who });

		let all_committed = request.assignments.len() as u32 == request.quorum
			&& request.assignments.iter().all(|a| a.commitment.is_some());
		if all_committed {
			let until = now.saturating_add(T::RevealPeriod::get());
			request.status = RequestStatus::Revealing { until };
			// A full queue leaves the deadline to `finalize`, which anyone may call.
			let _ = Self::schedule(until, id);
			Self::deposit_event(Event::RevealStarted { request: id, until });
		}
		Requests::<T>::insert(id, request);
		Ok(())
	}

	pub(crate) fn do_reveal(
		who: T::AccountId,
		id: RequestId,
		revealed: Revealed,
		salt: [u8; 32],
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
		let expected = commitment_of(id, &who, revealed.score, revealed.contamination, &salt);
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
