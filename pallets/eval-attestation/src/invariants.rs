//! Invariants, checked by `try_state` and after every unit test.

use crate::{
	types::*, Benchmarks, Config, Deadlines, Evaluators, HoldReason, Leaderboards, NextBenchmarkId,
	NextRequestId, Pallet, Requests, Results, RevealedTestSets,
};
use alloc::collections::{BTreeMap, BTreeSet};
use frame_support::{
	ensure,
	traits::{fungible::InspectHold, Get},
};
use sp_runtime::{traits::Zero, Saturating, TryRuntimeError};
use verity_primitives::{traits::LineageInspect, BenchmarkId};

impl<T: Config> Pallet<T> {
	/// - Deposits: each account's `BenchmarkDeposit` hold equals the deposits of its proposals;
	///   decided benchmarks hold none.
	/// - Bonds: each evaluator's `EvaluatorBond` hold equals its bond; its `open_requests`
	///   equals its seats in requests.
	/// - Fees: each requester's `RequestFee` hold equals the fees of its requests.
	/// - Quorum arithmetic: reveals ≤ commitments ≤ claims ≤ quorum ≤ `MaxQuorum`, distinct
	///   evaluators; a revealing request has every seat committed; open requests are queued.
	/// - Requests and results reference approved or retired benchmarks; results reference
	///   existing versions; leaderboards match the latest results and are ordered best first.
	/// - Revealed test sets belong to retired benchmarks; ids are below the next ids.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let mut deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let next_benchmark = NextBenchmarkId::<T>::get();
		for (id, benchmark) in Benchmarks::<T>::iter() {
			ensure!(id < next_benchmark, "benchmark id not below NextBenchmarkId");
			if benchmark.status == BenchmarkStatus::Proposed {
				let d = deposits.entry(benchmark.proposer.clone()).or_default();
				*d = d.saturating_add(benchmark.deposit);
			} else {
				ensure!(benchmark.deposit.is_zero(), "decided benchmark still has a deposit");
			}
			ensure!(
				RevealedTestSets::<T>::contains_key(id)
					== matches!(benchmark.status, BenchmarkStatus::Retired { .. }),
				"revealed test set without retirement, or retirement without reveal"
			);
		}
		for (who, total) in deposits.iter() {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::BenchmarkDeposit.into(), who) == *total,
				"benchmark deposit hold differs from the proposals"
			);
		}
		for (id, _) in RevealedTestSets::<T>::iter() {
			ensure!(Benchmarks::<T>::contains_key(id), "revealed test set of an unknown benchmark");
		}

		let mut fees: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut seats: BTreeMap<T::AccountId, u32> = BTreeMap::new();
		let queued: BTreeSet<RequestId> = Deadlines::<T>::iter_values().flatten().collect();
		let next_request = NextRequestId::<T>::get();
		for (id, request) in Requests::<T>::iter() {
			ensure!(id < next_request, "request id not below NextRequestId");
			ensure!(Self::counts(request.benchmark), "request on a benchmark that does not count");
			let f = fees.entry(request.requester.clone()).or_default();
			*f = f.saturating_add(request.fee);

			let claims = request.assignments.len() as u32;
			let commits =
				request.assignments.iter().filter(|a| a.commitment.is_some()).count() as u32;
			let reveals =
				request.assignments.iter().filter(|a| a.revealed.is_some()).count() as u32;
			ensure!(request.quorum >= 1, "quorum below 1");
			ensure!(request.quorum <= T::MaxQuorum::get(), "quorum above MaxQuorum");
			ensure!(claims <= request.quorum, "more claims than quorum");
			ensure!(commits <= claims, "more commitments than claims");
			ensure!(reveals <= commits, "more reveals than commitments");
			ensure!(
				request.assignments.iter().all(|a| a.revealed.is_none() || a.commitment.is_some()),
				"reveal without commitment"
			);
			let distinct: BTreeSet<_> =
				request.assignments.iter().map(|a| a.evaluator.clone()).collect();
			ensure!(distinct.len() == request.assignments.len(), "evaluator seated twice");
			match request.status {
				RequestStatus::Open => {
					ensure!(reveals == 0, "reveal before the reveal phase");
					ensure!(queued.contains(&id), "open request not in the deadline queue");
				},
				RequestStatus::Revealing { .. } => {
					ensure!(commits == request.quorum, "revealing without every commitment");
					ensure!(reveals < request.quorum, "fully revealed request not finalized");
				},
			}
			for who in distinct {
				let s = seats.entry(who).or_default();
				*s = s.saturating_add(1);
			}
		}
		for (who, total) in fees.iter() {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::RequestFee.into(), who) == *total,
				"request fee hold differs from the open requests"
			);
		}

		for (who, evaluator) in Evaluators::<T>::iter() {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::EvaluatorBond.into(), &who)
					== evaluator.bond,
				"evaluator bond differs from its hold"
			);
			ensure!(
				evaluator.open_requests == seats.remove(&who).unwrap_or(0),
				"open request count differs from the seats"
			);
			ensure!(
				evaluator.open_requests <= T::MaxRequestsPerEvaluator::get(),
				"evaluator over MaxRequestsPerEvaluator"
			);
		}
		ensure!(seats.is_empty(), "seat held by an account that is not an evaluator");

		for (version, benchmark, history) in Results::<T>::iter() {
			ensure!(Self::counts(benchmark), "result on a benchmark that does not count");
			ensure!(T::Lineage::exists(version), "result of an unknown model version");
			ensure!(!history.is_empty(), "empty history stored");
		}
		for (benchmark, board) in Leaderboards::<T>::iter() {
			let direction = Benchmarks::<T>::get(benchmark)
				.map(|b| b.spec.direction)
				.ok_or("leaderboard of an unknown benchmark")?;
			let versions: BTreeSet<_> = board.iter().map(|(v, _, _)| *v).collect();
			ensure!(versions.len() == board.len(), "version twice on a leaderboard");
			for pair in board.windows(2) {
				if let [(_, a, _), (_, b, _)] = pair {
					ensure!(!direction.better(*b, *a), "leaderboard out of order");
				}
			}
			for (version, score, at) in board.iter() {
				let latest = Results::<T>::get(version, benchmark)
					.and_then(|h| h.last().cloned())
					.ok_or("leaderboard entry without result")?;
				ensure!(
					latest.score == *score && latest.at == *at,
					"leaderboard entry is not the latest result"
				);
			}
		}
		Ok(())
	}

	/// Whether results may reference `benchmark`: approved or retired.
	fn counts(benchmark: BenchmarkId) -> bool {
		Benchmarks::<T>::get(benchmark).is_some_and(|b| b.status != BenchmarkStatus::Proposed)
	}
}
