//! Benchmark standards: proposal with a deposit, withdrawal, and the governance decisions
//! (approve, reject, retire with the test set revealed).

use crate::RevealedTestSets;
use crate::{types::*, Benchmarks, Config, Error, Event, HoldReason, NextBenchmarkId, Pallet};
use frame_support::{
	ensure,
	traits::{
		fungible::{BalancedHold, MutateHold},
		tokens::Precision,
		Get, OnUnbalanced,
	},
};
use sp_runtime::{traits::Zero, DispatchError, DispatchResult, Saturating};
use verity_primitives::{
	merkle,
	traits::{DatasetInspect, DatasetPins},
	BenchmarkId,
};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_propose(
		who: T::AccountId,
		spec: SpecOf<T>,
	) -> Result<BenchmarkId, DispatchError> {
		ensure!(!spec.name.is_empty(), Error::<T>::EmptyName);
		Self::ensure_quorum(spec.quorum)?;
		ensure!(spec.batch_size >= 1, Error::<T>::InvalidBatchSize);
		ensure!(
			spec.min_evaluator_bond >= T::MinEvaluatorBond::get(),
			Error::<T>::EvaluatorBondBelowFloor
		);
		ensure!(
			spec.test_items >= 1 && spec.test_items <= T::MaxTestItems::get(),
			Error::<T>::InvalidTestItemCount
		);
		Self::ensure_test_set(&spec)?;

		let (id, next) =
			verity_primitives::peek_id::<NextBenchmarkId<T>, _>().ok_or(Error::<T>::NoMoreIds)?;
		let deposit = T::BenchmarkDeposit::get();
		T::Currency::hold(&HoldReason::BenchmarkDeposit.into(), &who, deposit)?;
		// The test set stays while the benchmark stands (until rejected or withdrawn).
		T::DatasetPins::pin(spec.test_set)?;
		Benchmarks::<T>::insert(
			id,
			BenchmarkInfo {
				proposer: who.clone(),
				deposit,
				proposed_at: frame_system::Pallet::<T>::block_number(),
				status: BenchmarkStatus::Proposed,
				spec,
			},
		);
		NextBenchmarkId::<T>::put(next);
		Self::deposit_event(Event::BenchmarkProposed { benchmark: id, proposer: who, deposit });
		Ok(id)
	}

	/// Odd, at least `MIN_QUORUM`, at most `MaxQuorum`.
	fn ensure_quorum(quorum: u32) -> DispatchResult {
		ensure!(quorum >= MIN_QUORUM, Error::<T>::QuorumBelowMinimum);
		ensure!(quorum <= T::MaxQuorum::get() && quorum % 2 == 1, Error::<T>::InvalidQuorum);
		Ok(())
	}

	/// The test set must be a registered dataset with shards (else contamination is
	/// undetectable) whose shards are the committed test items: their Merkle root is
	/// `test_set_root` (the root seals the count, checked against `test_items` too). Without
	/// this, a proposer could check contamination against one dataset and score on another.
	fn ensure_test_set(spec: &SpecOf<T>) -> DispatchResult {
		ensure!(T::Datasets::exists(spec.test_set), Error::<T>::UnknownTestSet);
		let shards = T::Datasets::shards(spec.test_set);
		ensure!(!shards.is_empty(), Error::<T>::EmptyTestSet);
		ensure!(
			shards.len() == spec.test_items as usize
				&& merkle::root(shards.iter()) == spec.test_set_root,
			Error::<T>::TestSetRootMismatch
		);
		Ok(())
	}

	/// A benchmark that is still a proposal.
	fn proposed(id: BenchmarkId) -> Result<BenchmarkOf<T>, DispatchError> {
		let benchmark = Benchmarks::<T>::get(id).ok_or(Error::<T>::UnknownBenchmark)?;
		ensure!(benchmark.status == BenchmarkStatus::Proposed, Error::<T>::NotProposed);
		Ok(benchmark)
	}

	fn release_deposit(benchmark: &BenchmarkOf<T>) {
		// Best effort: the hold is exactly the deposit (checked by the invariants).
		let _ = T::Currency::release(
			&HoldReason::BenchmarkDeposit.into(),
			&benchmark.proposer,
			benchmark.deposit,
			Precision::BestEffort,
		);
	}

	pub(crate) fn do_withdraw_proposal(who: T::AccountId, id: BenchmarkId) -> DispatchResult {
		let benchmark = Self::proposed(id)?;
		ensure!(benchmark.proposer == who, Error::<T>::NotProposer);
		Self::release_deposit(&benchmark);
		T::DatasetPins::unpin(benchmark.spec.test_set);
		Benchmarks::<T>::remove(id);
		Self::deposit_event(Event::ProposalWithdrawn { benchmark: id });
		Ok(())
	}

	pub(crate) fn do_approve(id: BenchmarkId) -> DispatchResult {
		let mut benchmark = Self::proposed(id)?;
		Self::ensure_quorum(benchmark.spec.quorum)?;
		Self::ensure_test_set(&benchmark.spec)?;
		Self::release_deposit(&benchmark);
		benchmark.deposit = Zero::zero();
		benchmark.status =
			BenchmarkStatus::Approved { at: frame_system::Pallet::<T>::block_number() };
		Benchmarks::<T>::insert(id, benchmark);
		Self::deposit_event(Event::BenchmarkApproved { benchmark: id });
		Ok(())
	}

	pub(crate) fn do_reject(id: BenchmarkId) -> DispatchResult {
		let benchmark = Self::proposed(id)?;
		let (credit, missing) = <T::Currency as BalancedHold<T::AccountId>>::slash(
			&HoldReason::BenchmarkDeposit.into(),
			&benchmark.proposer,
			benchmark.deposit,
		);
		T::Slash::on_unbalanced(credit);
		T::DatasetPins::unpin(benchmark.spec.test_set);
		Benchmarks::<T>::remove(id);
		Self::deposit_event(Event::BenchmarkRejected {
			benchmark: id,
			slashed: benchmark.deposit.saturating_sub(missing),
		});
		Ok(())
	}

	pub(crate) fn do_retire(
		id: BenchmarkId,
		items: TestItemsOf<T>,
		uri: UriOf<T>,
		successor: Option<BenchmarkId>,
	) -> DispatchResult {
		let mut benchmark = Benchmarks::<T>::get(id).ok_or(Error::<T>::UnknownBenchmark)?;
		ensure!(
			matches!(benchmark.status, BenchmarkStatus::Approved { .. }),
			Error::<T>::BenchmarkNotApproved
		);
		if let Some(next) = successor {
			// Only an approved one: a proposal could still be rejected or withdrawn, leaving the
			// retired benchmark pointing at nothing.
			let valid = next != id
				&& Benchmarks::<T>::get(next)
					.is_some_and(|b| matches!(b.status, BenchmarkStatus::Approved { .. }));
			ensure!(valid, Error::<T>::InvalidSuccessor);
		}
		// The root seals the leaf count, so a matching root also proves the item count.
		ensure!(
			merkle::root(items.iter()) == benchmark.spec.test_set_root,
			Error::<T>::TestSetMismatch
		);
		// The dataset contamination was checked against is still the revealed set.
		Self::ensure_test_set(&benchmark.spec)?;

		let test_items = items.len() as u32;
		benchmark.status =
			BenchmarkStatus::Retired { at: frame_system::Pallet::<T>::block_number(), successor };
		Benchmarks::<T>::insert(id, benchmark);
		RevealedTestSets::<T>::insert(id, TestSetReveal { items, uri });
		Self::deposit_event(Event::BenchmarkRetired { benchmark: id, successor, test_items });
		Ok(())
	}
}
