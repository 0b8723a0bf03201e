//! Invariants, checked by `try_state` and after every unit test.

use crate::{
	finalize::{majority, median},
	types::*,
	Benchmarks, Config, Deadlines, EvaluatorPool, Evaluators, HoldReason, Leaderboards,
	NextBenchmarkId, NextRequestId, Pallet, Requests, Results, RevealedTestSets,
};
use alloc::{
	collections::{BTreeMap, BTreeSet},
	vec::Vec,
};
use frame_support::{
	ensure,
	traits::{fungible::InspectHold, Get},
};
use sp_runtime::{traits::Zero, Saturating, TryRuntimeError};
use verity_primitives::{
	traits::{LineageInspect, VersionOwners},
	BenchmarkId,
};

impl<T: Config> Pallet<T> {
	/// - Deposits: each account's `BenchmarkDeposit` hold equals the deposits of its proposals;
	///   decided benchmarks hold none.
	/// - Bonds: each evaluator's `EvaluatorBond` hold equals its bond; its `open_requests`
	///   equals its seats in requests.
	/// - Fees: each requester's `RequestFee` hold equals the fees of its requests.
	/// - Pool: distinct bonded evaluators, at most `MaxEvaluators`.
	/// - Seats: a pending request has none and is queued at its draw block; a committing one
	///   has exactly `quorum` distinct drawn seats, none revealed; a revealing one keeps only
	///   committed seats, a majority of the quorum, not all revealed. No seat is held by the
	///   requester or an owner of the version; `MIN_QUORUM ≤ quorum ≤ MaxQuorum`, odd.
	/// - Requests and results reference approved or retired benchmarks; results reference
	///   existing versions; a leaderboard entry is the median of the version's kept results
	///   (at its latest block), ordered best first.
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
		let next_request = NextRequestId::<T>::get();
		for (id, request) in Requests::<T>::iter() {
			ensure!(id < next_request, "request id not below NextRequestId");
			ensure!(Self::counts(request.benchmark), "request on a benchmark that does not count");
			let f = fees.entry(request.requester.clone()).or_default();
			*f = f.saturating_add(request.fee);

			let seats_held = request.assignments.len() as u32;
			let commits =
				request.assignments.iter().filter(|a| a.commitment.is_some()).count() as u32;
			let reveals =
				request.assignments.iter().filter(|a| a.revealed.is_some()).count() as u32;
			ensure!(request.quorum >= MIN_QUORUM, "quorum below MIN_QUORUM");
			ensure!(request.quorum <= T::MaxQuorum::get(), "quorum above MaxQuorum");
			ensure!(request.quorum % 2 == 1, "even quorum");
			ensure!(seats_held <= request.quorum, "more seats than quorum");
			ensure!(reveals <= commits, "more reveals than commitments");
			ensure!(
				request.assignments.iter().all(|a| a.revealed.is_none() || a.commitment.is_some()),
				"reveal without commitment"
			);
			let distinct: BTreeSet<_> =
				request.assignments.iter().map(|a| a.evaluator.clone()).collect();
			ensure!(distinct.len() == request.assignments.len(), "evaluator seated twice");
			let mut interested: Vec<T::AccountId> = T::VersionOwners::owners(request.version);
			interested.push(request.requester.clone());
			ensure!(
				!interested.iter().any(|who| distinct.contains(who)),
				"requester or owner holds a seat"
			);
			match request.status {
				RequestStatus::Pending { draw_at } => {
					ensure!(seats_held == 0, "seats before the draw");
					ensure!(request.seed.is_none(), "seed before the draw");
					ensure!(
						Deadlines::<T>::get(draw_at).contains(&id),
						"pending request not queued at its draw block"
					);
				},
				RequestStatus::Committing { .. } => {
					ensure!(seats_held == request.quorum, "drawn seats differ from quorum");
					ensure!(request.seed.is_some(), "drawn request without a seed");
					ensure!(reveals == 0, "reveal before the reveal phase");
				},
				RequestStatus::Revealing { .. } => {
					ensure!(commits == seats_held, "revealing seat without commitment");
					ensure!(commits >= majority(request.quorum), "revealing without a majority");
					ensure!(reveals < seats_held, "fully revealed request not finalized");
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
		let pool = EvaluatorPool::<T>::get();
		let members: BTreeSet<_> = pool.iter().cloned().collect();
		ensure!(members.len() == pool.len(), "evaluator twice in the pool");
		ensure!(pool.iter().all(Evaluators::<T>::contains_key), "pool member without a bond");

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
				let history = Results::<T>::get(version, benchmark)
					.ok_or("leaderboard entry without result")?;
				let latest = history.last().map(|a| a.at);
				let ranked = median(history.iter().map(|a| a.score).collect());
				ensure!(
					ranked == Some(*score) && latest == Some(*at),
					"leaderboard entry is not the median of the results"
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
