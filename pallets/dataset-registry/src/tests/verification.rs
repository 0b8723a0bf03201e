//! Drawn verifiers, commit-reveal votes, verdicts, slashes and the bond lock.

use super::*;
use crate::{
	Attestations, Datasets, DrawQueue, Error, Rounds, VerificationStatus, Verifiers, Vote,
};
use frame_support::assert_noop;
use sp_runtime::Permill;
use verity_primitives::traits::DatasetInspect;

pub const BOND: u64 = 1_000;

pub fn bond(who: u64, amount: u64) -> DispatchResult {
	DatasetRegistry::bond_verifier(RuntimeOrigin::signed(who), amount)
}

pub fn request(owner: u64, id: DatasetId) -> DispatchResult {
	DatasetRegistry::request_verification(RuntimeOrigin::signed(owner), id)
}

/// Moves a block on: the draw of rounds requested in this block.
pub fn next_block() {
	run_to_block(System::block_number() + 1);
}

/// The verifiers drawn for `id`'s open round.
pub fn seats(id: DatasetId) -> Vec<u64> {
	Rounds::<Test>::get(id)
		.map(|r| r.seats.iter().map(|s| s.verifier).collect())
		.unwrap_or_default()
}

pub fn vote(pass: bool) -> Vote {
	Vote {
		pass,
		score: Permill::from_percent(if pass { 90 } else { 20 }),
		report: H256::repeat_byte(if pass { 1 } else { 2 }),
	}
}

/// Each verifier's own salt.
pub fn salt_of(who: u64) -> H256 {
	H256::from_low_u64_be(who)
}

pub fn commit(who: u64, id: DatasetId, pass: bool) -> DispatchResult {
	let hash = DatasetRegistry::vote_commitment(id, &who, &vote(pass), &salt_of(who));
	DatasetRegistry::commit_vote(RuntimeOrigin::signed(who), id, hash)
}

pub fn reveal(who: u64, id: DatasetId, pass: bool) -> DispatchResult {
	let v = vote(pass);
	DatasetRegistry::reveal_vote(
		RuntimeOrigin::signed(who),
		id,
		v.pass,
		v.score,
		v.report,
		salt_of(who),
	)
}

pub fn status(id: DatasetId) -> VerificationStatus {
	Datasets::<Test>::get(id).unwrap().status
}

/// Verifiers 3, 4 and 5 bonded with `BOND`; a synthetic dataset of owner 1, its round drawn.
/// With three verifiers for three seats, all three sit.
pub fn drawn_round() -> DatasetId {
	for v in 3..=5 {
		assert_ok!(bond(v, BOND));
	}
	let id = crate::NextDatasetId::<Test>::get();
	assert_ok!(try_register(1, shards([1, 2]), synthetic(None), vec![]));
	assert_ok!(request(1, id));
	next_block();
	id
}

/// Commits then reveals `votes` (verifier, pass) in order.
pub fn vote_all(id: DatasetId, votes: &[(u64, bool)]) {
	for (who, pass) in votes {
		assert_ok!(commit(*who, id, *pass));
	}
	for (who, pass) in votes {
		assert_ok!(reveal(*who, id, *pass));
	}
}

#[test]
fn bonding_holds_at_least_the_minimum_and_unbonding_returns_it() {
	new_test_ext(|| {
		assert_noop!(bond(3, BOND - 1), Error::<Test>::BondBelowMinimum);
		assert_ok!(bond(3, BOND));
		assert_eq!(held_bond(3), BOND);
		assert_eq!(
			events().last(),
			Some(&Event::VerifierBonded { who: 3, amount: BOND, bond: BOND })
		);
		// Topping up needs no minimum of its own.
		assert_ok!(bond(3, 1));
		assert_eq!(Verifiers::<Test>::get(3).unwrap().bond, BOND + 1);
		assert_eq!(held_bond(3), BOND + 1);

		assert_noop!(
			DatasetRegistry::unbond_verifier(RuntimeOrigin::signed(4)),
			Error::<Test>::NotVerifier
		);
		assert_ok!(DatasetRegistry::unbond_verifier(RuntimeOrigin::signed(3)));
		assert_eq!((held_bond(3), free(3)), (0, START));
		assert!(!Verifiers::<Test>::contains_key(3));
	});
}

#[test]
fn the_verifier_set_is_bounded() {
	new_test_ext(|| {
		for v in 1..=16 {
			assert_ok!(bond(v, BOND));
		}
		assert_noop!(bond(17, BOND), Error::<Test>::TooManyVerifiers);
		// A bonded verifier still tops up.
		assert_ok!(bond(16, 1));
	});
}

#[test]
fn verifiers_are_drawn_in_the_next_block_leaving_out_owner_and_contributors() {
	new_test_ext(|| {
		for v in 1..=5 {
			assert_ok!(bond(v, BOND));
		}
		let id = register(1, shards([1]));
		assert_ok!(DatasetRegistry::set_royalties(
			RuntimeOrigin::signed(1),
			id,
			Permill::from_percent(5),
			vec![(2, Permill::one())],
		));
		assert_ok!(request(1, id));
		assert_eq!(events().last(), Some(&Event::VerificationRequested { id }));
		// Nothing is drawn in the block of the request.
		assert_eq!(Rounds::<Test>::get(id).unwrap().drawn_at, None);
		assert_eq!(DrawQueue::<Test>::get().into_inner(), vec![id]);
		assert_noop!(commit(3, id, true), Error::<Test>::NotSeated);

		next_block();
		let mut drawn = seats(id);
		drawn.sort();
		// Owner 1 and contributor 2 are bonded but never drawn: 3, 4, 5 are all that is left.
		assert_eq!(drawn, vec![3, 4, 5]);
		assert!(DrawQueue::<Test>::get().is_empty());
		assert!(events().iter().any(|e| matches!(e,
			Event::VerifiersDrawn { id: d, commit_deadline, reveal_deadline, .. }
				if *d == id && *commit_deadline == 3 + COMMIT_PERIOD
					&& *reveal_deadline == 3 + COMMIT_PERIOD + REVEAL_PERIOD
		)));
		assert!((3..=5).all(|v| Verifiers::<Test>::get(v).unwrap().open_votes == 1));
	});
}

#[test]
fn too_few_eligible_verifiers_lapse_the_request() {
	new_test_ext(|| {
		assert_ok!(bond(1, BOND));
		assert_ok!(bond(3, BOND));
		assert_ok!(bond(4, BOND));
		let id = register(1, shards([1]));
		assert_ok!(request(1, id));
		next_block();
		assert!(!Rounds::<Test>::contains_key(id));
		assert_eq!(events().last(), Some(&Event::VerifiersUnavailable { id, eligible: 2 }));
		// The owner asks again once there are enough.
		assert_ok!(bond(5, BOND));
		assert_ok!(request(1, id));
		next_block();
		assert_eq!(seats(id).len(), 3);
	});
}

#[test]
fn a_majority_of_passes_verifies_and_the_dissenter_is_slashed() {
	new_test_ext(|| {
		let id = drawn_round();
		assert!(!DatasetRegistry::is_usable(id));
		let treasury = free(TREASURY);
		vote_all(id, &[(3, true), (4, false), (5, true)]);

		assert_eq!(status(id), VerificationStatus::Verified);
		assert!(DatasetRegistry::is_usable(id));
		assert_ok!(use_dataset(id, 7, 100));
		// 10% of the dissenter's bond goes to the treasury; the majority keeps its bond.
		assert_eq!(held_bond(4), BOND - 100);
		assert_eq!(Verifiers::<Test>::get(4).unwrap().bond, BOND - 100);
		assert_eq!(free(TREASURY), treasury + 100);
		assert_eq!((held_bond(3), held_bond(5)), (BOND, BOND));
		let all = events();
		assert!(all.contains(&Event::VerifierSlashed { id, who: 4, amount: 100, no_show: false }));
		assert!(all.contains(&Event::VerificationConcluded {
			id,
			verified: true,
			passes: 2,
			fails: 1
		}));
		assert!((3..=5).all(|v| Verifiers::<Test>::get(v).unwrap().open_votes == 0));
		assert_eq!(Attestations::<Test>::get(id).len(), 3);
		assert!(!Rounds::<Test>::contains_key(id));
		// A decided dataset takes no new round.
		assert_noop!(request(1, id), Error::<Test>::VerificationClosed);
	});
}

#[test]
fn without_a_majority_of_passes_the_dataset_is_rejected() {
	new_test_ext(|| {
		let id = drawn_round();
		let treasury = free(TREASURY);
		vote_all(id, &[(3, true), (4, false), (5, false)]);

		assert_eq!(status(id), VerificationStatus::Rejected);
		assert_eq!(held_bond(3), BOND - 100);
		assert_eq!(free(TREASURY), treasury + 100);
		assert!(!DatasetRegistry::is_usable(id));
		RequireSyntheticVerification::set(false);
		// Rejected stays unusable whatever the runtime requires of synthetic data.
		assert_noop!(use_dataset(id, 7, 100), Error::<Test>::DatasetRejected);
	});
}

#[test]
fn anyone_ends_an_expired_round_and_no_shows_are_slashed() {
	new_test_ext(|| {
		let id = drawn_round();
		// 5 never commits; 4 commits and never reveals.
		assert_ok!(commit(3, id, true));
		assert_ok!(commit(4, id, true));
		assert_noop!(
			DatasetRegistry::advance_verification(RuntimeOrigin::signed(9), id),
			Error::<Test>::RoundNotExpired
		);
		run_to_block(3 + COMMIT_PERIOD);
		assert_ok!(reveal(3, id, true));
		run_to_block(3 + COMMIT_PERIOD + REVEAL_PERIOD - 1);
		assert_noop!(
			DatasetRegistry::advance_verification(RuntimeOrigin::signed(9), id),
			Error::<Test>::RoundNotExpired
		);
		run_to_block(3 + COMMIT_PERIOD + REVEAL_PERIOD);
		assert_ok!(DatasetRegistry::advance_verification(RuntimeOrigin::signed(9), id));

		// One reveal of three seats is no majority: no verdict, the no-shows pay.
		assert_eq!(status(id), VerificationStatus::Pending);
		assert_eq!(events().last(), Some(&Event::VerificationInconclusive { id, revealed: 1 }));
		assert_eq!((held_bond(3), held_bond(4), held_bond(5)), (BOND, BOND - 100, BOND - 100));
		assert!(events().contains(&Event::VerifierSlashed {
			id,
			who: 5,
			amount: 100,
			no_show: true
		}));
		assert!(!Rounds::<Test>::contains_key(id));
		assert_noop!(
			DatasetRegistry::advance_verification(RuntimeOrigin::signed(9), id),
			Error::<Test>::NoRound
		);
		// The owner may ask again.
		assert_ok!(bond(4, 100));
		assert_ok!(bond(5, 100));
		assert_ok!(request(1, id));
	});
}

#[test]
fn a_majority_of_reveals_decides_after_the_deadline() {
	new_test_ext(|| {
		let id = drawn_round();
		assert_ok!(commit(3, id, false));
		assert_ok!(commit(4, id, false));
		run_to_block(3 + COMMIT_PERIOD);
		// 5 missed the commit period.
		assert_noop!(commit(5, id, true), Error::<Test>::CommitClosed);
		assert_ok!(reveal(3, id, false));
		// Every commitment is open and no seat can commit any more: the round ends at once.
		assert_ok!(reveal(4, id, false));
		assert_eq!(status(id), VerificationStatus::Rejected);
		assert_eq!(held_bond(5), BOND - 100);
		assert_eq!((held_bond(3), held_bond(4)), (BOND, BOND));
	});
}

#[test]
fn a_copied_commitment_does_not_open() {
	new_test_ext(|| {
		let id = drawn_round();
		// 3 commits honestly; 4 copies 3's commitment to vote like 3 without checking.
		assert_ok!(commit(3, id, false));
		let copied = DatasetRegistry::vote_commitment(id, &3, &vote(false), &salt_of(3));
		assert_ok!(DatasetRegistry::commit_vote(RuntimeOrigin::signed(4), id, copied));
		assert_ok!(commit(5, id, false));
		assert_ok!(reveal(3, id, false));
		// 3's vote and salt are public now; the copy still does not open for 4.
		let v = vote(false);
		assert_noop!(
			DatasetRegistry::reveal_vote(
				RuntimeOrigin::signed(4),
				id,
				v.pass,
				v.score,
				v.report,
				salt_of(3)
			),
			Error::<Test>::BadReveal
		);
		assert_ok!(reveal(5, id, false));
		run_to_block(3 + COMMIT_PERIOD + REVEAL_PERIOD);
		assert_ok!(DatasetRegistry::advance_verification(RuntimeOrigin::signed(9), id));
		assert_eq!(status(id), VerificationStatus::Rejected);
		// The copier is a no-show.
		assert_eq!(held_bond(4), BOND - 100);
		assert!(events().contains(&Event::VerifierSlashed {
			id,
			who: 4,
			amount: 100,
			no_show: true
		}));
	});
}

#[test]
fn bad_requests_and_votes_are_refused() {
	new_test_ext(|| {
		let id = drawn_round();
		assert_noop!(request(2, id), Error::<Test>::NotOwner);
		assert_noop!(request(1, 9), Error::<Test>::UnknownDataset);
		assert_noop!(request(1, id), Error::<Test>::VerificationInProgress);
		assert_noop!(commit(6, id, true), Error::<Test>::NotSeated);
		assert_noop!(commit(3, 9, true), Error::<Test>::NoRound);
		assert_noop!(reveal(3, id, true), Error::<Test>::NotCommitted);
		assert_ok!(commit(3, id, true));
		assert_noop!(commit(3, id, false), Error::<Test>::AlreadyCommitted);
		// Before every seat has committed, and inside the commit period, nobody reveals.
		assert_noop!(reveal(3, id, true), Error::<Test>::RevealNotOpen);
		assert_ok!(commit(4, id, true));
		assert_ok!(commit(5, id, true));
		// Another vote than committed does not open.
		assert_noop!(reveal(3, id, false), Error::<Test>::BadReveal);
		assert_ok!(reveal(3, id, true));
		assert_noop!(reveal(3, id, true), Error::<Test>::AlreadyRevealed);
		run_to_block(3 + COMMIT_PERIOD + REVEAL_PERIOD);
		assert_noop!(reveal(4, id, true), Error::<Test>::RevealClosed);

		// Retired datasets take no request; the draw queue is bounded per block.
		let retired = register(2, shards([9]));
		assert_ok!(DatasetRegistry::retire(RuntimeOrigin::signed(2), retired));
		assert_noop!(request(2, retired), Error::<Test>::DatasetRetired);
		let a = register(2, shards([10]));
		let b = register(2, shards([11]));
		let c = register(2, shards([12]));
		assert_ok!(request(2, a));
		assert_ok!(request(2, b));
		assert_noop!(request(2, c), Error::<Test>::DrawQueueFull);
		next_block();
		assert_ok!(request(2, c));
	});
}

#[test]
fn verifiers_stay_bonded_through_the_round_and_the_challenge_window() {
	new_test_ext(|| {
		let id = drawn_round();
		let unbond = |who| DatasetRegistry::unbond_verifier(RuntimeOrigin::signed(who));
		assert_noop!(unbond(3), Error::<Test>::VerifierBusy);
		vote_all(id, &[(3, true), (4, true), (5, true)]);
		let ended = System::block_number();
		assert_eq!(Verifiers::<Test>::get(3).unwrap().locked_until, ended + VERDICT_LOCK);
		assert_noop!(unbond(3), Error::<Test>::BondLocked);
		run_to_block(ended + VERDICT_LOCK - 1);
		assert_noop!(unbond(3), Error::<Test>::BondLocked);
		run_to_block(ended + VERDICT_LOCK);
		assert_ok!(unbond(3));
		assert_eq!(held_bond(3), 0);
	});
}

#[test]
fn retiring_or_removing_closes_the_round_without_slashes() {
	new_test_ext(|| {
		let id = drawn_round();
		assert_ok!(commit(3, id, true));
		assert_ok!(DatasetRegistry::retire(RuntimeOrigin::signed(1), id));
		assert!(!Rounds::<Test>::contains_key(id));
		assert_eq!(status(id), VerificationStatus::Pending);
		assert!((3..=5).all(|v| Verifiers::<Test>::get(v).unwrap().open_votes == 0));
		assert_ok!(DatasetRegistry::unbond_verifier(RuntimeOrigin::signed(3)));

		let other = register(2, shards([7]));
		assert_ok!(bond(3, BOND));
		assert_ok!(request(2, other));
		next_block();
		assert_ok!(DatasetRegistry::remove(RuntimeOrigin::signed(2), other));
		assert!(!Rounds::<Test>::contains_key(other));
		assert_eq!((held_bond(3), held_bond(4), held_bond(5)), (BOND, BOND, BOND));

		// Removal while the request waits for its draw takes it out of the queue.
		let queued = register(2, shards([8]));
		assert_ok!(request(2, queued));
		assert_ok!(DatasetRegistry::remove(RuntimeOrigin::signed(2), queued));
		assert!(DrawQueue::<Test>::get().is_empty());
	});
}

#[test]
fn a_dataset_in_a_round_cannot_pass_to_a_seated_verifier() {
	new_test_ext(|| {
		let id = drawn_round();
		assert_noop!(
			DatasetRegistry::transfer_ownership(RuntimeOrigin::signed(1), id, 3),
			Error::<Test>::VerificationInProgress
		);
		vote_all(id, &[(3, true), (4, true), (5, true)]);
		assert_ok!(DatasetRegistry::transfer_ownership(RuntimeOrigin::signed(1), id, 3));
	});
}

#[test]
fn curated_datasets_can_be_verified_too() {
	new_test_ext(|| {
		for v in 3..=5 {
			assert_ok!(bond(v, BOND));
		}
		let id = register(2, shards([7]));
		assert!(DatasetRegistry::is_usable(id));
		assert_ok!(request(2, id));
		next_block();
		vote_all(id, &[(3, true), (4, true), (5, true)]);
		assert_eq!(status(id), VerificationStatus::Verified);
		assert_eq!(DatasetRegistry::dataset(id).unwrap().status, VerificationStatus::Verified);
	});
}

#[test]
fn a_full_verifier_set_admits_only_a_larger_bond_which_evicts_the_smallest_free_one() {
	new_test_ext(|| {
		// One party fills the whole set (16) with minimum bonds: accounts 1..=16 (funded), 3 of
		// them holding seats of an open round.
		let id = drawn_round();
		let seated = seats(id);
		for who in 1..=16u64 {
			if !Verifiers::<Test>::contains_key(who) {
				assert_ok!(bond(who, BOND));
			}
		}
		assert_eq!(Verifiers::<Test>::count(), 16);
		assert_noop!(bond(17, BOND), Error::<Test>::TooManyVerifiers);
		assert_ok!(bond(17, BOND + 1));
		assert_eq!(Verifiers::<Test>::count(), 16);
		let evicted: Vec<u64> = (1..=16).filter(|v| !Verifiers::<Test>::contains_key(v)).collect();
		assert_eq!(evicted.len(), 1);
		assert!(!seated.contains(&evicted[0]), "a seated verifier is never evicted");
		assert_eq!(held_bond(evicted[0]), 0);
		assert!(events().contains(&Event::VerifierEvicted { who: evicted[0], by: 17 }));
	});
}
