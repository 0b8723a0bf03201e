//! The deadline queue and the slash queue: silent claimants, expiry, deferral, cancellation.

use super::*;
use crate::{Deadlines, Error, Event, HoldReason, SlashQueue};
use frame_support::assert_noop;
use sp_runtime::DispatchError;

#[test]
fn a_silent_claimant_is_slashed_and_the_slot_reopens() {
	new_test_ext(|| {
		let (a, b) = (register(2), register(3));
		let id = submit(1, 30);
		claim(&a, id);
		assert_eq!(status(id), Some(JobStatus::Assigned));
		run_to_block(1 + COMMIT_PERIOD);
		assert_eq!(status(id), Some(JobStatus::Open));
		assert!(held_jobs(&a).is_empty());
		assert!(events().contains(&Event::JobReopened { job: id, redundancy: 1 }));
		assert!(events().contains(&Event::SlashScheduled {
			who: a.clone(),
			job: id,
			amount: BOND / 10,
			cause: SlashCause::Silent,
			at: 1 + COMMIT_PERIOD + SLASH_DEFERRAL
		}));
		// Someone else takes it and finishes.
		claim(&b, id);
		commit(&b, id, out(3));
		reveal(&b, id, out(3));
		assert_eq!(status(id), Some(JobStatus::Challengeable { until: 6 + CHALLENGE_WINDOW }));
	});
}

#[test]
fn a_job_nobody_commits_to_is_refunded_at_its_deadline() {
	new_test_ext(|| {
		let id = submit(2, 8);
		run_to_block(7);
		assert!(Jobs::<Test>::contains_key(id));
		run_to_block(8);
		assert!(!Jobs::<Test>::contains_key(id));
		assert_eq!(free(&acc(1)), START);
		assert_eq!(held(HoldReason::JobPayment, &acc(1)), 0);
		assert!(events().contains(&Event::JobExpired { job: id, refunded: PAYMENT }));
	});
}

#[test]
fn at_the_deadline_a_possible_majority_goes_to_reveal() {
	new_test_ext(|| {
		let (a, b) = (register(2), register(3));
		let id = submit(3, 4);
		claim_and_commit(id, &[a.clone(), b.clone()], &[out(1), out(1)]);
		run_to_block(4);
		assert_eq!(status(id), Some(JobStatus::Revealing { until: 4 + REVEAL_PERIOD }));
	});
}

#[test]
fn at_the_deadline_an_impossible_majority_expires_without_slashing() {
	new_test_ext(|| {
		let a = register(2);
		let id = submit(3, 4);
		claim_and_commit(id, &[a.clone()], &[out(1)]);
		run_to_block(4);
		assert!(!Jobs::<Test>::contains_key(id));
		assert!(held_jobs(&a).is_empty());
		assert_eq!(provider(&a).slashed, 0);
		assert_eq!(free(&acc(1)), START);
	});
}

#[test]
fn each_block_handles_only_its_bounded_list() {
	new_test_ext(|| {
		let per_block = MAX_JOBS_PER_BLOCK as u64;
		let ids: Vec<_> =
			(0..per_block + 3).map(|i| submit_from(&acc(1 + i as u8), spec(1, 5))).collect();
		assert_eq!(Deadlines::<Test>::get(5).len() as u64, per_block);
		assert_eq!(Deadlines::<Test>::get(6).len(), 3);
		run_to_block(5);
		assert_eq!(ids.iter().filter(|id| Jobs::<Test>::contains_key(*id)).count(), 3);
		assert!(Deadlines::<Test>::get(5).is_empty());
		run_to_block(6);
		assert!(ids.iter().all(|id| !Jobs::<Test>::contains_key(*id)));
	});
}

#[test]
fn a_pending_slash_blocks_withdrawal_until_applied() {
	new_test_ext(|| {
		let a = register(2);
		let id = submit(1, 40);
		claim(&a, id);
		assert_ok!(ComputeStaking::unbond(RuntimeOrigin::signed(a.clone())));
		// Silent at block 6; the slash applies at 11.
		run_to_block(1 + COMMIT_PERIOD);
		assert_eq!(provider(&a).pending_slashes, 1);
		System::set_block_number(1 + UNBONDING);
		assert_noop!(
			ComputeStaking::withdraw(RuntimeOrigin::signed(a.clone())),
			Error::<Test>::HasPendingSlashes
		);
		System::set_block_number(1 + COMMIT_PERIOD);
		run_to_block(1 + UNBONDING);
		assert_eq!(provider(&a).pending_slashes, 0);
		assert_ok!(ComputeStaking::withdraw(RuntimeOrigin::signed(a.clone())));
		assert_eq!(free(&a), START - BOND / 10);
	});
}

#[test]
fn the_dispute_origin_cancels_a_pending_slash() {
	new_test_ext(|| {
		let a = register(2);
		let id = submit(1, 40);
		claim(&a, id);
		run_to_block(1 + COMMIT_PERIOD);
		let at = 1 + COMMIT_PERIOD + SLASH_DEFERRAL;
		assert_eq!(SlashQueue::<Test>::get(at).len(), 1);
		assert_noop!(
			ComputeStaking::cancel_slash(RuntimeOrigin::signed(a.clone()), at, 0),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ComputeStaking::cancel_slash(RuntimeOrigin::root(), at, 1),
			Error::<Test>::UnknownSlash
		);
		assert_noop!(
			ComputeStaking::cancel_slash(RuntimeOrigin::root(), at + 1, 0),
			Error::<Test>::UnknownSlash
		);
		assert_ok!(ComputeStaking::cancel_slash(RuntimeOrigin::root(), at, 0));
		assert_eq!(events().last(), Some(&Event::SlashCancelled { who: a.clone(), job: id }));
		assert_eq!(provider(&a).pending_slashes, 0);
		assert_eq!(provider(&a).slashed, 0);
		run_to_block(at);
		assert_eq!(bond(&a), BOND);
	});
}

#[test]
fn slashes_never_take_more_than_the_bond() {
	new_test_ext(|| {
		let a = register(2);
		// Twelve pending slashes of 10% each (all decided on the full bond) would take 120%;
		// the bond is all there is. Eight fit in block 6, the rest spill into block 7.
		for i in 0..12u8 {
			let id = submit_from(&acc(3 + i), spec(1, 40));
			ComputeStaking::decide_slash(&a, id, SlashCause::Silent);
		}
		assert_eq!(SlashQueue::<Test>::get(1 + SLASH_DEFERRAL).len(), 8);
		assert_eq!(SlashQueue::<Test>::get(2 + SLASH_DEFERRAL).len(), 4);
		let treasury = free(&acc(TREASURY));
		run_to_block(2 + SLASH_DEFERRAL);
		assert_eq!(bond(&a), 0);
		assert_eq!(held(HoldReason::ProviderBond, &a), 0);
		assert_eq!(free(&acc(TREASURY)), treasury + BOND);
		assert_eq!(provider(&a).slashed, 12);
	});
}
