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
fn an_evaluator_with_open_seats_leaves_the_pool_first_and_unbonds_when_they_finish() {
	new_test_ext(|| {
		let id = approved(spec());
		bond_all(&[E1, E2, E3]);
		let r = request(CLEAN, id);
		assert_eq!(draw(r), vec![E1, E2, E3]);
		assert_noop!(
			EvalAttestation::unbond_evaluator(RuntimeOrigin::signed(E4)),
			Error::<Test>::NotEvaluator
		);
		// A seat is open: E1 leaves the pool (no new draws) but its bond stays held.
		assert_ok!(EvalAttestation::unbond_evaluator(RuntimeOrigin::signed(E1)));
		assert!(!EvalAttestation::evaluator_pool().contains(&E1));
		assert_eq!(held(HoldReason::EvaluatorBond, E1), BOND);
		assert!(events().contains(&Event::EvaluatorLeftPool { who: E1, open_requests: 1 }));
		assert_noop!(
			EvalAttestation::unbond_evaluator(RuntimeOrigin::signed(E1)),
			Error::<Test>::HasOpenRequests
		);
		// The commit deadline passes with nobody committed: every seat is slashed.
		run_to_block(2 + COMMIT_PERIOD);
		assert!(Requests::<Test>::get(r).is_none());
		let left = BOND - BOND / 10;
		assert_eq!(bond_of(E1), left);
		assert_ok!(EvalAttestation::unbond_evaluator(RuntimeOrigin::signed(E1)));
		assert!(Evaluators::<Test>::get(E1).is_none());
		assert_eq!(held(HoldReason::EvaluatorBond, E1), 0);
		assert_eq!(free(E1), START - BOND / 10);
		assert!(events().contains(&Event::EvaluatorUnbonded { who: E1, amount: left }));
		// An idle evaluator leaves at once.
		assert_ok!(EvalAttestation::unbond_evaluator(RuntimeOrigin::signed(E2)));
		assert_eq!(EvalAttestation::evaluator_pool(), vec![E3]);
	});
}

/// Filling the pool with minimum bonds does not lock out larger stakes: a newcomer bonding
/// more takes the place of the smallest idle bond.
#[test]
fn a_full_pool_of_small_bonds_gives_way_to_a_larger_bond() {
	new_test_ext(|| {
		let squatters: Vec<AccountId> = (21..21 + MAX_EVALUATORS as u64).collect();
		for who in squatters.iter() {
			assert_ok!(EvalAttestation::bond_evaluator(RuntimeOrigin::signed(*who), MIN_BOND));
		}
		// Another minimum bond finds nobody smaller to displace.
		assert_noop!(
			EvalAttestation::bond_evaluator(RuntimeOrigin::signed(E1), MIN_BOND),
			Error::<Test>::EvaluatorPoolFull
		);
		assert_ok!(EvalAttestation::bond_evaluator(RuntimeOrigin::signed(E1), BOND));
		let pool = EvalAttestation::evaluator_pool();
		assert_eq!(pool.len(), MAX_EVALUATORS as usize);
		assert!(pool.contains(&E1));
		let out = squatters.iter().find(|w| !pool.contains(w)).copied().unwrap();
		assert!(events().contains(&Event::EvaluatorDisplaced { who: out, by: E1 }));
		// The displaced squatter keeps its bond and may take it back.
		assert_eq!(bond_of(out), MIN_BOND);
		assert_ok!(EvalAttestation::unbond_evaluator(RuntimeOrigin::signed(out)));
		assert_eq!(free(out), START);
	});
}
