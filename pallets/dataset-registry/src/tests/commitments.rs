//! Registration commitments: made a block ahead, bound to their maker, expiring, cleared.

use super::*;
use crate::{Error, RegistrationCommits};
use frame_support::assert_noop;

fn commitment_of(who: u64, list: &[H256]) -> H256 {
	DatasetRegistry::registration_commitment(&root_of(list), &who, list, &salt())
}

fn commit(who: u64, hash: H256) -> DispatchResult {
	DatasetRegistry::commit_registration(RuntimeOrigin::signed(who), hash)
}

fn held_commits(who: u64) -> u64 {
	Balances::balance_on_hold(&HoldReason::RegistrationCommit.into(), &who)
}

#[test]
fn a_commitment_holds_a_deposit_that_registering_returns() {
	new_test_ext(|| {
		let list = shards([1, 2]);
		let hash = commitment_of(1, &list);
		assert_ok!(commit(1, hash));
		assert_eq!(held_commits(1), CommitDeposit::get());
		assert_eq!(
			events().last(),
			Some(&Event::RegistrationCommitted {
				who: 1,
				commitment: hash,
				expires_at: 1 + COMMIT_EXPIRY
			})
		);
		assert_noop!(commit(1, hash), Error::<Test>::CommitmentExists);
		// In the block of the commitment it does not open yet.
		assert_noop!(
			reveal(1, list.clone(), DatasetKind::Curated, vec![]),
			Error::<Test>::CommitmentTooRecent
		);
		run_to_block(2);
		assert_ok!(reveal(1, list, DatasetKind::Curated, vec![]));
		assert_eq!(held_commits(1), 0);
		assert!(!RegistrationCommits::<Test>::contains_key(1, hash));
	});
}

#[test]
fn registering_needs_the_callers_own_commitment_to_this_content_and_salt() {
	new_test_ext(|| {
		let list = shards([1, 2]);
		assert_noop!(
			reveal(1, list.clone(), DatasetKind::Curated, vec![]),
			Error::<Test>::NoCommitment
		);
		// Committed to other shards, or with another salt: no match.
		assert_ok!(commit(1, commitment_of(1, &shards([1, 3]))));
		assert_ok!(commit(
			1,
			DatasetRegistry::registration_commitment(&root_of(&list), &1, &list, &H256::zero())
		));
		run_to_block(2);
		assert_noop!(
			reveal(1, list.clone(), DatasetKind::Curated, vec![]),
			Error::<Test>::NoCommitment
		);
	});
}

#[test]
fn a_commitment_expires_and_anyone_may_clear_it_for_its_maker() {
	new_test_ext(|| {
		let list = shards([1]);
		let hash = commitment_of(1, &list);
		assert_ok!(commit(1, hash));
		let clear = |who: u64| {
			DatasetRegistry::clear_registration_commit(RuntimeOrigin::signed(who), 1, hash)
		};
		assert_noop!(clear(2), Error::<Test>::CommitmentNotExpired);
		run_to_block(1 + COMMIT_EXPIRY + 1);
		assert_noop!(
			reveal(1, list.clone(), DatasetKind::Curated, vec![]),
			Error::<Test>::CommitmentExpired
		);
		let before = free(1);
		assert_ok!(clear(2));
		assert_eq!(free(1), before + CommitDeposit::get());
		assert_eq!(
			events().last(),
			Some(&Event::RegistrationCommitCleared { who: 1, commitment: hash })
		);
		assert_noop!(clear(2), Error::<Test>::NoCommitment);
	});
}

#[test]
fn the_maker_clears_its_commitment_at_any_time() {
	new_test_ext(|| {
		let hash = commitment_of(1, &shards([1]));
		assert_ok!(commit(1, hash));
		assert_ok!(DatasetRegistry::clear_registration_commit(RuntimeOrigin::signed(1), 1, hash));
		assert_eq!(held_commits(1), 0);
	});
}
