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
fn chill_and_unchill_toggle_drawing() {
	new_test_ext(|| {
		let who = register(2);
		let other = register(3);
		let o = || RuntimeOrigin::signed(who.clone());
		assert_noop!(ComputeStaking::unchill(o()), Error::<Test>::NotChilled);
		assert_ok!(ComputeStaking::chill(o()));
		assert_eq!(provider(&who).status, ProviderStatus::Chilled);
		assert!(!pooled(&who));
		assert_noop!(ComputeStaking::chill(o()), Error::<Test>::AlreadyChilled);
		// Chilled: never drawn, whatever the seed.
		for n in 0..10 {
			reseed(n);
			let id = submit(1, 90);
			assert_eq!(draw(id), vec![other.clone()]);
			run_job(id, |_| out(1));
		}
		assert_ok!(ComputeStaking::unchill(o()));
		assert!(pooled(&who));
		assert_ok!(ComputeStaking::unbond(o()));
		assert!(!pooled(&who));
		assert_noop!(ComputeStaking::chill(o()), Error::<Test>::ProviderUnbonding);
		assert_noop!(ComputeStaking::unchill(o()), Error::<Test>::ProviderUnbonding);
		assert_noop!(
			ComputeStaking::chill(RuntimeOrigin::signed(acc(4))),
			Error::<Test>::NotProvider
		);
	});
}

/// Whether `who` stands in the pool the draws read.
fn pooled(who: &AccountId) -> bool {
	crate::Pool::<Test>::get().iter().any(|e| &e.who == who)
}

#[test]
fn a_full_pool_admits_only_a_larger_bond_which_evicts_the_smallest() {
	new_test_ext(|| {
		// One party fills the whole pool with minimum-bond accounts.
		let sybils: Vec<AccountId> = (2..2 + MAX_POOL as u8).map(acc).collect();
		for who in sybils.iter() {
			assert_ok!(ComputeStaking::register_provider(
				RuntimeOrigin::signed(who.clone()),
				MIN_BOND,
				hardware(),
				all_kinds(),
				1
			));
		}
		assert_eq!(crate::Pool::<Test>::get().len() as u32, MAX_POOL);
		let honest = acc(19);
		let reg = |bond| {
			ComputeStaking::register_provider(
				RuntimeOrigin::signed(honest.clone()),
				bond,
				hardware(),
				all_kinds(),
				1,
			)
		};
		assert_noop!(reg(MIN_BOND), Error::<Test>::PoolFull);
		assert_ok!(reg(MIN_BOND + 1));
		assert!(pooled(&honest));
		assert_eq!(crate::Pool::<Test>::get().len() as u32, MAX_POOL);
		let evicted: Vec<_> = sybils.iter().filter(|w| !pooled(w)).cloned().collect();
		assert_eq!(evicted.len(), 1);
		assert!(events()
			.contains(&Event::ProviderEvicted { who: evicted[0].clone(), by: honest.clone() }));
		// The evicted provider is still registered and re-enters by out-bonding the smallest.
		assert_ok!(ComputeStaking::bond_more(RuntimeOrigin::signed(evicted[0].clone()), 2));
		assert!(pooled(&evicted[0]));
	});
}

#[test]
fn a_slash_below_the_minimum_takes_the_provider_out_of_the_pool() {
	new_test_ext(|| {
		let (a, b, c) = (register(2), register(3), register(4));
		let id = submit(3, 20);
		assert_eq!(draw(id).len(), 3);
		// a lies against b and c; its wrong-output slash (2 x 200 / 25% = 1,600) leaves 400.
		run_job(id, |w| if w == &a { out(9) } else { out(1) });
		run_to_block(System::block_number() + SLASH_DEFERRAL);
		assert_eq!(bond(&a), BOND - 1_600);
		assert!(!pooled(&a));
		assert!(pooled(&b) && pooled(&c));
		assert_ok!(ComputeStaking::bond_more(RuntimeOrigin::signed(a.clone()), MIN_BOND));
		assert!(pooled(&a));
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
fn an_unbonding_provider_finishes_its_seats_and_withdraws_after() {
	new_test_ext(|| {
		let who = register(2);
		let id = submit(1, 90);
		assert_eq!(draw(id), vec![who.clone()]);
		assert_ok!(ComputeStaking::unbond(RuntimeOrigin::signed(who.clone())));
		assert_noop!(
			ComputeStaking::submit_job(RuntimeOrigin::signed(acc(1)), spec(1, 90)),
			Error::<Test>::NeedsRedundancy
		);
		commit(&who, id, out(1));
		System::set_block_number(2 + UNBONDING);
		assert_noop!(
			ComputeStaking::withdraw(RuntimeOrigin::signed(who.clone())),
			Error::<Test>::HasOpenJobs
		);
		System::set_block_number(3);
		reveal(&who, id, out(1));
		settle_if_decided(id);
		assert!(crate::Receipts::<Test>::contains_key(id), "no other provider to check: completed");
		run_to_block(2 + UNBONDING);
		assert_ok!(ComputeStaking::withdraw(RuntimeOrigin::signed(who.clone())));
	});
}

#[test]
fn integrity_test_holds_for_the_mock() {
	new_test_ext(|| {
		<ComputeStaking as Hooks<u64>>::integrity_test();
	});
}
