//! Evaluator bonds.

use super::*;
use crate::{Error, Event};
use frame_support::{assert_noop, assert_ok};

#[test]
fn bonding_holds_and_adds_up() {
	new_test_ext(|| {
		assert_noop!(
			EvalAttestation::bond_evaluator(RuntimeOrigin::signed(E1), 0),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			EvalAttestation::bond_evaluator(RuntimeOrigin::signed(E1), MIN_BOND - 1),
			Error::<Test>::BondBelowMinimum
		);
		assert_ok!(EvalAttestation::bond_evaluator(RuntimeOrigin::signed(E1), MIN_BOND));
		// Once bonded, small top-ups are fine.
		assert_ok!(EvalAttestation::bond_evaluator(RuntimeOrigin::signed(E1), 1));
		assert_eq!(bond_of(E1), MIN_BOND + 1);
		assert_eq!(held(HoldReason::EvaluatorBond, E1), MIN_BOND + 1);
		assert!(events().contains(&Event::EvaluatorBonded {
			who: E1,
			amount: 1,
			bond: MIN_BOND + 1
		}));
	});
}

#[test]
fn bonding_more_than_the_balance_fails() {
	new_test_ext(|| {
		assert!(EvalAttestation::bond_evaluator(RuntimeOrigin::signed(E1), START * 2).is_err());
		assert!(Evaluators::<Test>::get(E1).is_none());
	});
}

#[test]
fn unbonding_releases_everything_when_no_request_is_open() {
	new_test_ext(|| {
		let id = approved(spec());
		bond_all(&[E1]);
		let r = request(CLEAN, id);
		claim(E1, r);
		assert_noop!(
			EvalAttestation::unbond_evaluator(RuntimeOrigin::signed(E1)),
			Error::<Test>::HasOpenRequests
		);
		assert_noop!(
			EvalAttestation::unbond_evaluator(RuntimeOrigin::signed(E2)),
			Error::<Test>::NotEvaluator
		);
		// The commit deadline passes with one claim: the request fails and E1 (silent) is slashed.
		run_to_block(1 + COMMIT_PERIOD);
		assert!(Requests::<Test>::get(r).is_none());
		let left = BOND - BOND / 10;
		assert_eq!(bond_of(E1), left);
		assert_ok!(EvalAttestation::unbond_evaluator(RuntimeOrigin::signed(E1)));
		assert!(Evaluators::<Test>::get(E1).is_none());
		assert_eq!(held(HoldReason::EvaluatorBond, E1), 0);
		assert_eq!(free(E1), START - BOND / 10);
		assert!(events().contains(&Event::EvaluatorUnbonded { who: E1, amount: left }));
	});
}
