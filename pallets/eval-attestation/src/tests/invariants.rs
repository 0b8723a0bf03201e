//! The invariants catch broken state (these tests break it on purpose, so they do not run
//! through `new_test_ext`).

use super::*;
use crate::{Leaderboards, Results};
use frame_support::traits::fungible::MutateHold;

/// A finished attestation and a drawn request, then `corrupt`; the invariants must fail with
/// `message`.
fn broken(corrupt: impl FnOnce(BenchmarkId, RequestId), message: &'static str) {
	new_bench_ext().execute_with(|| {
		let id = approved(spec());
		bond_all(&[E1, E2, E3]);
		let done = request(CLEAN, id);
		full_round(done, &[(E1, 500_000), (E2, 500_000), (E3, 500_000)]);
		let r = request(CLEAN, id);
		assert_eq!(draw(r).len(), 3);
		assert_eq!(EvalAttestation::do_try_state(), Ok(()));
		corrupt(id, r);
		assert_eq!(EvalAttestation::do_try_state(), Err(message.into()));
	});
}

#[test]
fn a_bond_that_differs_from_its_hold_is_caught() {
	broken(
		|_, _| {
			assert_ok!(Balances::hold(&HoldReason::EvaluatorBond.into(), &E2, 1));
		},
		"evaluator bond differs from its hold",
	);
}

#[test]
fn an_unheld_fee_is_caught() {
	broken(
		|_, _| {
			assert_ok!(Balances::release(
				&HoldReason::RequestFee.into(),
				&ALICE,
				1,
				frame_support::traits::tokens::Precision::Exact
			));
		},
		"request fee hold differs from the open requests",
	);
}

#[test]
fn a_small_quorum_a_reveal_without_commitment_or_an_interested_seat_are_caught() {
	broken(
		|_, r| {
			Requests::<Test>::mutate(r, |req| req.as_mut().unwrap().quorum = 0);
		},
		"quorum below MIN_QUORUM",
	);
	broken(
		|_, r| {
			Requests::<Test>::mutate(r, |req| {
				req.as_mut().unwrap().assignments[0].evaluator = OWNER
			});
		},
		"requester or owner holds a seat",
	);
	broken(
		|_, r| {
			Requests::<Test>::mutate(r, |req| {
				let req = req.as_mut().unwrap();
				req.assignments[0].revealed = Some(Revealed { score: 1, contamination: None });
			});
		},
		"more reveals than commitments",
	);
}

#[test]
fn results_on_unknown_benchmarks_or_versions_are_caught() {
	broken(
		|id, _| {
			let history = Results::<Test>::get(CLEAN, id).unwrap();
			Results::<Test>::insert(CLEAN, 77, history);
		},
		"result on a benchmark that does not count",
	);
	broken(
		|id, _| {
			let history = Results::<Test>::get(CLEAN, id).unwrap();
			Results::<Test>::insert(999, id, history);
		},
		"result of an unknown model version",
	);
}

#[test]
fn a_stale_leaderboard_entry_is_caught() {
	broken(
		|id, _| {
			Leaderboards::<Test>::mutate(id, |board| board[0].1 += 1);
		},
		"leaderboard entry is not the median of the results",
	);
	broken(
		|id, _| {
			Results::<Test>::remove(CLEAN, id);
		},
		"leaderboard entry without result",
	);
}
