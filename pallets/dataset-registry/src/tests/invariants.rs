//! The invariant checker notices broken state (so that passing it after every test means
//! something).

use super::*;
use crate::{
	Contributors, Datasets, Pins, RegistrationCommits, Rounds, ShardOwners, Upstreams, Verifiers,
};
use frame_support::{traits::fungible::MutateHold, BoundedVec};
use sp_runtime::Permill;

/// Runs `break_it` on a registry with one dataset (owner 1, contributors set) and one verifier,
/// and returns whether the checker still passes.
fn still_holds(break_it: impl FnOnce(DatasetId)) -> bool {
	new_bench_ext().execute_with(|| {
		let id = register(1, shards([1, 2]));
		assert_ok!(DatasetRegistry::set_royalties(
			RuntimeOrigin::signed(1),
			id,
			Permill::from_percent(10),
			vec![(2, Permill::from_percent(100))],
		));
		assert_ok!(DatasetRegistry::bond_verifier(RuntimeOrigin::signed(3), 1_000));
		assert_ok!(DatasetRegistry::do_try_state());
		break_it(id);
		DatasetRegistry::do_try_state().is_ok()
	})
}

#[test]
fn the_checker_passes_untouched_state() {
	assert!(still_holds(|_| {}));
}

#[test]
fn a_deposit_held_apart_from_the_record_is_noticed() {
	assert!(!still_holds(|_| {
		assert_ok!(Balances::hold(&HoldReason::DatasetDeposit.into(), &1, 5));
	}));
	assert!(!still_holds(|id| {
		// The record grows without its ticket being settled to the new size.
		Datasets::<Test>::mutate(id, |r| r.as_mut().unwrap().name.try_push(b'x').unwrap());
	}));
}

#[test]
fn a_shard_index_entry_without_the_shard_is_noticed() {
	assert!(!still_holds(|id| {
		ShardOwners::<Test>::insert(shard(9), BoundedVec::truncate_from(vec![id]));
	}));
}

#[test]
fn shares_off_one_hundred_percent_are_noticed() {
	assert!(!still_holds(|id| {
		Contributors::<Test>::insert(
			id,
			BoundedVec::truncate_from(vec![(2, Permill::from_percent(99))]),
		);
	}));
}

#[test]
fn a_verifier_bond_apart_from_the_record_is_noticed() {
	assert!(!still_holds(|_| {
		Verifiers::<Test>::mutate(3, |v| v.as_mut().unwrap().bond += 1);
	}));
	assert!(!still_holds(|_| {
		Verifiers::<Test>::mutate(3, |v| v.as_mut().unwrap().open_votes = 1);
	}));
}

#[test]
fn pins_on_a_missing_dataset_are_noticed() {
	assert!(!still_holds(|_| Pins::<Test>::insert(9, 1)));
	assert!(!still_holds(|id| Pins::<Test>::insert(id, 0)));
}

#[test]
fn upstreams_that_are_later_or_hold_every_shard_are_noticed() {
	assert!(!still_holds(|id| {
		Upstreams::<Test>::insert(id, BoundedVec::truncate_from(vec![(id + 1, 1)]));
	}));
	assert!(!still_holds(|id| {
		Upstreams::<Test>::insert(id, BoundedVec::truncate_from(vec![(id, 2)]));
	}));
}

#[test]
fn a_commitment_deposit_apart_from_the_record_is_noticed() {
	assert!(!still_holds(|_| {
		assert_ok!(DatasetRegistry::commit_registration(RuntimeOrigin::signed(1), H256::zero()));
		assert_ok!(Balances::hold(&HoldReason::RegistrationCommit.into(), &1, 5));
	}));
	assert!(!still_holds(|_| {
		RegistrationCommits::<Test>::insert(
			1,
			H256::zero(),
			crate::RegistrationCommit { made_at: 1, deposit: 5 },
		);
	}));
}

#[test]
fn a_round_out_of_step_with_the_queue_or_the_seats_is_noticed() {
	// An undrawn round nobody will draw.
	assert!(!still_holds(|id| {
		Rounds::<Test>::insert(
			id,
			crate::VerificationRound::<Test> {
				requested_at: 1,
				drawn_at: None,
				seats: BoundedVec::new(),
			},
		);
	}));
	// A drawn round whose seats the verifier does not count.
	assert!(!still_holds(|id| {
		let seat = |v| crate::Seat { verifier: v, commitment: None, vote: None };
		Rounds::<Test>::insert(
			id,
			crate::VerificationRound::<Test> {
				requested_at: 1,
				drawn_at: Some(2),
				seats: BoundedVec::truncate_from(vec![seat(3), seat(4), seat(5)]),
			},
		);
	}));
}
