//! Providers: registration, bonds, chill, unbond, withdraw.

use super::*;
use crate::{Error, Event, HoldReason};
use frame_support::{assert_noop, traits::Hooks};
use sp_runtime::TokenError;

#[test]
fn register_holds_the_bond_and_records_the_profile() {
	new_test_ext(|| {
		let who = acc(2);
		let kinds = BoundedVec::truncate_from(vec![JobKind::Training, JobKind::Inference]);
		assert_ok!(ComputeStaking::register_provider(
			RuntimeOrigin::signed(who.clone()),
			MIN_BOND,
			hardware(),
			kinds,
			2
		));
		assert_eq!(held(HoldReason::ProviderBond, &who), MIN_BOND);
		assert_eq!(free(&who), START - MIN_BOND);
		let p = provider(&who);
		assert_eq!(p.bond, MIN_BOND);
		assert_eq!(p.capacity, 2);
		assert_eq!(p.status, ProviderStatus::Active);
		// Kinds are kept sorted.
		assert_eq!(p.kinds.into_inner(), vec![JobKind::Inference, JobKind::Training]);
		assert_eq!(p.hardware.gpu_model.into_inner(), b"H100".to_vec());
		assert_eq!(
			events().last(),
			Some(&Event::ProviderRegistered { who, bond: MIN_BOND, capacity: 2 })
		);
	});
}

#[test]
fn register_rejects_bad_input() {
	new_test_ext(|| {
		let o = || RuntimeOrigin::signed(acc(2));
		assert_noop!(
			ComputeStaking::register_provider(o(), MIN_BOND - 1, hardware(), all_kinds(), 1),
			Error::<Test>::BondBelowMinimum
		);
		assert_noop!(
			ComputeStaking::register_provider(o(), MIN_BOND, hardware(), BoundedVec::new(), 1),
			Error::<Test>::NoJobKinds
		);
		let twice = BoundedVec::truncate_from(vec![JobKind::Inference, JobKind::Inference]);
		assert_noop!(
			ComputeStaking::register_provider(o(), MIN_BOND, hardware(), twice, 1),
			Error::<Test>::DuplicateJobKind
		);
		assert_noop!(
			ComputeStaking::register_provider(o(), MIN_BOND, hardware(), all_kinds(), 0),
			Error::<Test>::InvalidCapacity
		);
		assert_noop!(
			ComputeStaking::register_provider(
				o(),
				MIN_BOND,
				hardware(),
				all_kinds(),
				MAX_CAPACITY + 1
			),
			Error::<Test>::InvalidCapacity
		);
		let mut no_gpu = hardware();
		no_gpu.gpu_count = 0;
		assert_noop!(
			ComputeStaking::register_provider(o(), MIN_BOND, no_gpu, all_kinds(), 1),
			Error::<Test>::InvalidHardware
		);
		let mut no_name = hardware();
		no_name.gpu_model = BoundedVec::new();
		assert_noop!(
			ComputeStaking::register_provider(o(), MIN_BOND, no_name, all_kinds(), 1),
			Error::<Test>::InvalidHardware
		);
		assert_noop!(
			ComputeStaking::register_provider(o(), START + 1, hardware(), all_kinds(), 1),
			TokenError::FundsUnavailable
		);
		register(2);
		assert_noop!(
			ComputeStaking::register_provider(o(), MIN_BOND, hardware(), all_kinds(), 1),
			Error::<Test>::AlreadyProvider
		);
	});
}

#[test]
fn bond_more_adds_to_the_hold() {
	new_test_ext(|| {
		let who = register(2);
		assert_ok!(ComputeStaking::bond_more(RuntimeOrigin::signed(who.clone()), 300));
		assert_eq!(bond(&who), BOND + 300);
		assert_eq!(held(HoldReason::ProviderBond, &who), BOND + 300);
		assert_noop!(
			ComputeStaking::bond_more(RuntimeOrigin::signed(who.clone()), 0),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			ComputeStaking::bond_more(RuntimeOrigin::signed(acc(3)), 10),
			Error::<Test>::NotProvider
		);
		assert_ok!(ComputeStaking::unbond(RuntimeOrigin::signed(who.clone())));
		assert_noop!(
			ComputeStaking::bond_more(RuntimeOrigin::signed(who), 10),
			Error::<Test>::ProviderUnbonding
		);
	});
}

#[test]
fn chill_and_unchill_toggle_claiming() {
	new_test_ext(|| {
		let who = register(2);
		let o = || RuntimeOrigin::signed(who.clone());
		assert_noop!(ComputeStaking::unchill(o()), Error::<Test>::NotChilled);
		assert_ok!(ComputeStaking::chill(o()));
		assert_eq!(provider(&who).status, ProviderStatus::Chilled);
		assert_noop!(ComputeStaking::chill(o()), Error::<Test>::AlreadyChilled);
		let id = submit(1, 20);
		assert_noop!(ComputeStaking::claim(o(), id), Error::<Test>::ProviderChilled);
		assert_ok!(ComputeStaking::unchill(o()));
		claim(&who, id);
		assert_ok!(ComputeStaking::unbond(o()));
		assert_noop!(ComputeStaking::chill(o()), Error::<Test>::ProviderUnbonding);
		assert_noop!(ComputeStaking::unchill(o()), Error::<Test>::ProviderUnbonding);
		assert_noop!(
			ComputeStaking::chill(RuntimeOrigin::signed(acc(3))),
			Error::<Test>::NotProvider
		);
	});
}

#[test]
fn unbond_then_withdraw_after_the_period() {
	new_test_ext(|| {
		let who = register(2);
		let o = || RuntimeOrigin::signed(who.clone());
		assert_noop!(ComputeStaking::withdraw(o()), Error::<Test>::NotUnbonding);
		assert_ok!(ComputeStaking::unbond(o()));
		assert_eq!(provider(&who).status, ProviderStatus::Unbonding { until: 1 + UNBONDING });
		assert_noop!(ComputeStaking::unbond(o()), Error::<Test>::AlreadyUnbonding);
		run_to_block(UNBONDING);
		assert_noop!(ComputeStaking::withdraw(o()), Error::<Test>::StillUnbonding);
		run_to_block(1 + UNBONDING);
		assert_ok!(ComputeStaking::withdraw(o()));
		assert!(!Providers::<Test>::contains_key(&who));
		assert_eq!(held(HoldReason::ProviderBond, &who), 0);
		assert_eq!(free(&who), START);
		assert_eq!(
			events().last(),
			Some(&Event::ProviderWithdrawn { who: who.clone(), amount: BOND })
		);
		assert_noop!(ComputeStaking::withdraw(o()), Error::<Test>::NotProvider);
		assert_noop!(ComputeStaking::unbond(o()), Error::<Test>::NotProvider);
	});
}

#[test]
fn claim_while_unbonding_is_refused_and_withdraw_waits_for_held_jobs() {
	new_test_ext(|| {
		let who = register(2);
		let id = submit(1, 90);
		claim(&who, id);
		assert_ok!(ComputeStaking::unbond(RuntimeOrigin::signed(who.clone())));
		let other = submit(1, 90);
		assert_noop!(
			ComputeStaking::claim(RuntimeOrigin::signed(who.clone()), other),
			Error::<Test>::ProviderUnbonding
		);
		// The held job still runs to its end: commit, reveal, challenge window.
		commit(&who, id, out(1));
		reveal(&who, id, out(1));
		run_to_block(1 + UNBONDING);
		// The challenge window (10 blocks) ended long before the unbonding period (30).
		assert!(crate::Receipts::<Test>::contains_key(id));
		assert_ok!(ComputeStaking::withdraw(RuntimeOrigin::signed(who)));
	});
}

#[test]
fn withdraw_refused_while_holding_a_job() {
	new_test_ext(|| {
		let who = register(2);
		let id = submit(2, 90);
		claim(&who, id);
		assert_ok!(ComputeStaking::unbond(RuntimeOrigin::signed(who.clone())));
		System::set_block_number(1 + UNBONDING);
		assert_noop!(
			ComputeStaking::withdraw(RuntimeOrigin::signed(who)),
			Error::<Test>::HasOpenJobs
		);
	});
}

#[test]
fn integrity_test_holds_for_the_mock() {
	new_test_ext(|| {
		<ComputeStaking as Hooks<u64>>::integrity_test();
		assert!(UNBONDING > CHALLENGE_WINDOW + SLASH_DEFERRAL);
	});
}
