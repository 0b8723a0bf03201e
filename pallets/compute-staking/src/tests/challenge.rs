//! `r = 1`: the challenge window, challenges, and their outcomes.

use super::*;
use crate::{Error, Event, HoldReason, Receipts};
use frame_support::assert_noop;

/// A job with `r = 1` run by `p` to `output`, now in its challenge window (until block 11).
fn challengeable(p: &AccountId, output: H256) -> JobId {
	let id = submit(1, 50);
	claim_and_commit(id, &[p.clone()], &[output]);
	reveal(p, id, output);
	assert_eq!(status(id), Some(JobStatus::Challengeable { until: 1 + CHALLENGE_WINDOW }));
	id
}

#[test]
fn an_unchallenged_result_completes_after_the_window() {
	new_test_ext(|| {
		let p = register(2);
		let id = challengeable(&p, out(5));
		assert!(events().contains(&Event::ChallengeWindowOpened {
			job: id,
			output: out(5),
			until: 1 + CHALLENGE_WINDOW
		}));
		run_to_block(CHALLENGE_WINDOW);
		assert_eq!(status(id), Some(JobStatus::Challengeable { until: 1 + CHALLENGE_WINDOW }));
		run_to_block(1 + CHALLENGE_WINDOW);
		let receipt = Receipts::<Test>::get(id).expect("completed");
		assert_eq!(receipt.providers.into_inner(), vec![p.clone()]);
		assert_eq!(receipt.output_hash, out(5));
		assert!(free(&p) > START - BOND);
	});
}

#[test]
fn challenge_rejects_bad_challenges() {
	new_test_ext(|| {
		let (p, q) = (register(2), register(3));
		let c_ = |who: &AccountId, job| {
			ComputeStaking::challenge(RuntimeOrigin::signed(who.clone()), job)
		};
		assert_noop!(c_(&q, 99), Error::<Test>::UnknownJob);
		// Not in a challenge window: a redundant job.
		let other = submit(2, 50);
		assert_noop!(c_(&q, other), Error::<Test>::NotChallengeable);
		let id = challengeable(&p, out(5));
		assert_noop!(c_(&p, id), Error::<Test>::CannotChallengeOwnResult);
		assert_noop!(c_(&acc(9), id), Error::<Test>::NotProvider);
		assert_ok!(ComputeStaking::chill(RuntimeOrigin::signed(q.clone())));
		assert_noop!(c_(&q, id), Error::<Test>::ProviderChilled);
		assert_ok!(ComputeStaking::unchill(RuntimeOrigin::signed(q.clone())));
		// Outside the window (the queue has not closed it yet).
		System::set_block_number(2 + CHALLENGE_WINDOW);
		assert_noop!(c_(&q, id), Error::<Test>::ChallengeWindowClosed);
	});
}

#[test]
fn a_confirming_rerun_completes_the_job_and_returns_the_bond() {
	new_test_ext(|| {
		let (p, q) = (register(2), register(3));
		let id = challengeable(&p, out(5));
		run_to_block(3);
		assert_ok!(ComputeStaking::challenge(RuntimeOrigin::signed(q.clone()), id));
		let until = 3 + COMMIT_PERIOD + REVEAL_PERIOD;
		assert_eq!(status(id), Some(JobStatus::Challenged { until }));
		assert_eq!(held(HoldReason::ChallengeBond, &q), CHALLENGE_BOND);
		assert_eq!(held_jobs(&q), vec![id]);
		// Reveal before commit is refused; so is a second challenge.
		assert_noop!(
			ComputeStaking::reveal(RuntimeOrigin::signed(q.clone()), id, out(5), salt_of(&q)),
			Error::<Test>::NotCommitted
		);
		let r = register(4);
		assert_noop!(
			ComputeStaking::challenge(RuntimeOrigin::signed(r), id),
			Error::<Test>::NotChallengeable
		);
		commit(&q, id, out(5));
		assert_noop!(
			ComputeStaking::reveal(RuntimeOrigin::signed(q.clone()), id, out(6), salt_of(&q)),
			Error::<Test>::RevealMismatch
		);
		reveal(&q, id, out(5));
		let receipt = Receipts::<Test>::get(id).expect("completed");
		assert_eq!(receipt.providers.into_inner(), vec![p.clone()]);
		assert_eq!(held(HoldReason::ChallengeBond, &q), 0);
		assert_eq!(free(&q), START - BOND);
		assert!(held_jobs(&q).is_empty());
	});
}

#[test]
fn a_disagreeing_rerun_goes_to_dispute_and_the_provider_loses() {
	new_test_ext(|| {
		let (p, q) = (register(2), register(3));
		let id = challengeable(&p, out(5));
		assert_ok!(ComputeStaking::challenge(RuntimeOrigin::signed(q.clone()), id));
		commit(&q, id, out(6));
		reveal(&q, id, out(6));
		assert_eq!(status(id), Some(JobStatus::Disputed));
		assert_ok!(ComputeStaking::resolve_dispute(RuntimeOrigin::root(), id, out(6)));
		let receipt = Receipts::<Test>::get(id).expect("completed");
		// The challenger's re-run is the accepted result, and it is paid for it.
		assert_eq!(receipt.providers.into_inner(), vec![q.clone()]);
		assert_eq!(receipt.output_hash, out(6));
		assert_eq!(held(HoldReason::ChallengeBond, &q), 0);
		assert!(free(&q) > START - BOND);
		assert_eq!(provider(&p).pending_slashes, 1);
		run_to_block(1 + SLASH_DEFERRAL);
		assert_eq!(bond(&p), BOND - BOND / 10);
	});
}

#[test]
fn a_disagreeing_rerun_goes_to_dispute_and_the_challenger_loses() {
	new_test_ext(|| {
		let (p, q) = (register(2), register(3));
		let id = challengeable(&p, out(5));
		assert_ok!(ComputeStaking::challenge(RuntimeOrigin::signed(q.clone()), id));
		commit(&q, id, out(6));
		reveal(&q, id, out(6));
		let treasury = free(&acc(TREASURY));
		assert_ok!(ComputeStaking::resolve_dispute(RuntimeOrigin::root(), id, out(5)));
		assert_eq!(
			Receipts::<Test>::get(id).expect("completed").providers.into_inner(),
			vec![p.clone()]
		);
		assert_eq!(held(HoldReason::ChallengeBond, &q), 0);
		assert_eq!(free(&q), START - BOND - CHALLENGE_BOND);
		assert!(free(&acc(TREASURY)) >= treasury + CHALLENGE_BOND);
		assert!(events().contains(&Event::ChallengeBondSlashed {
			job: id,
			challenger: q.clone(),
			amount: CHALLENGE_BOND
		}));
		assert_eq!(provider(&p).pending_slashes, 0);
	});
}

#[test]
fn a_silent_challenger_loses_its_bond_and_the_result_stands() {
	new_test_ext(|| {
		let (p, q) = (register(2), register(3));
		let id = challengeable(&p, out(5));
		assert_ok!(ComputeStaking::challenge(RuntimeOrigin::signed(q.clone()), id));
		commit(&q, id, out(6));
		let until = 1 + COMMIT_PERIOD + REVEAL_PERIOD;
		run_to_block(until);
		assert_eq!(Receipts::<Test>::get(id).expect("completed").providers.into_inner(), vec![p]);
		assert_eq!(held(HoldReason::ChallengeBond, &q), 0);
		assert_eq!(free(&q), START - BOND - CHALLENGE_BOND);
		assert!(held_jobs(&q).is_empty());
	});
}

#[test]
fn reopening_a_challenged_dispute_returns_the_challenge_bond() {
	new_test_ext(|| {
		let (p, q) = (register(2), register(3));
		let id = challengeable(&p, out(5));
		assert_ok!(ComputeStaking::challenge(RuntimeOrigin::signed(q.clone()), id));
		commit(&q, id, out(6));
		reveal(&q, id, out(6));
		assert_ok!(ComputeStaking::reopen_dispute(RuntimeOrigin::root(), id, 3, 60));
		assert_eq!(held(HoldReason::ChallengeBond, &q), 0);
		assert_eq!(free(&q), START - BOND);
		assert!(held_jobs(&p).is_empty() && held_jobs(&q).is_empty());
		assert_eq!(Jobs::<Test>::get(id).map(|j| j.spec.redundancy), Some(3));
	});
}
