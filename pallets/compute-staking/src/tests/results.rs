//! Results: commit-reveal, the majority vote, disputes.

use super::*;
use crate::{Error, Event, HoldReason, Receipts, SlashQueue};
use frame_support::assert_noop;
use sp_runtime::DispatchError;

#[test]
fn two_agreeing_providers_complete_the_job() {
	new_test_ext(|| {
		let (a, b) = (register(2), register(3));
		let id = submit(2, 20);
		claim_and_commit(id, &[a.clone(), b.clone()], &[out(7), out(7)]);
		assert_eq!(status(id), Some(JobStatus::Revealing { until: 1 + REVEAL_PERIOD }));
		reveal(&a, id, out(7));
		assert_eq!(status(id), Some(JobStatus::Revealing { until: 1 + REVEAL_PERIOD }));
		reveal(&b, id, out(7));
		assert!(!Jobs::<Test>::contains_key(id));
		let receipt = Receipts::<Test>::get(id).expect("completed");
		assert_eq!(receipt.output_hash, out(7));
		assert_eq!(receipt.providers.into_inner(), vec![a.clone(), b.clone()]);
		assert_eq!(provider(&a).completed, 1);
		assert_eq!(provider(&b).completed, 1);
		assert!(held_jobs(&a).is_empty() && held_jobs(&b).is_empty());
		assert_eq!(held(HoldReason::JobPayment, &acc(1)), 0);
	});
}

#[test]
fn the_minority_is_slashed_after_the_deferral() {
	new_test_ext(|| {
		let (a, b, c) = (register(2), register(3), register(4));
		let id = submit(3, 20);
		claim_and_commit(id, &[a.clone(), b.clone(), c.clone()], &[out(7), out(7), out(8)]);
		reveal(&a, id, out(7));
		reveal(&c, id, out(8));
		reveal(&b, id, out(7));
		let receipt = Receipts::<Test>::get(id).expect("completed");
		assert_eq!(receipt.providers.into_inner(), vec![a.clone(), b.clone()]);
		let slash = BOND / 10;
		assert!(events().contains(&Event::SlashScheduled {
			who: c.clone(),
			job: id,
			amount: slash,
			cause: SlashCause::WrongOutput,
			at: 1 + SLASH_DEFERRAL
		}));
		assert_eq!(provider(&c).pending_slashes, 1);
		assert_eq!(provider(&c).slashed, 1);
		assert_eq!(bond(&c), BOND);
		let treasury_before = free(&acc(TREASURY));
		run_to_block(1 + SLASH_DEFERRAL);
		assert_eq!(bond(&c), BOND - slash);
		assert_eq!(held(HoldReason::ProviderBond, &c), BOND - slash);
		assert_eq!(provider(&c).pending_slashes, 0);
		assert_eq!(free(&acc(TREASURY)), treasury_before + slash);
		assert!(SlashQueue::<Test>::get(1 + SLASH_DEFERRAL).is_empty());
		assert_eq!(provider(&a).slashed, 0);
	});
}

#[test]
fn commit_rejects_bad_commits() {
	new_test_ext(|| {
		let (a, b, c) = (register(2), register(3), register(4));
		let id = submit(2, 20);
		let c_ = |who: &AccountId, job| {
			ComputeStaking::commit(
				RuntimeOrigin::signed(who.clone()),
				job,
				commitment_of(&out(1), &salt_of(who)),
			)
		};
		assert_noop!(c_(&a, 99), Error::<Test>::UnknownJob);
		claim(&a, id);
		assert_noop!(c_(&c, id), Error::<Test>::NotAssigned);
		commit(&a, id, out(1));
		assert_noop!(c_(&a, id), Error::<Test>::AlreadyCommitted);
		claim(&b, id);
		// b's commit period ends at block 6; without the queue having run, a later commit is late.
		System::set_block_number(1 + COMMIT_PERIOD + 1);
		assert_noop!(c_(&b, id), Error::<Test>::CommitTooLate);
	});
}

#[test]
fn commits_close_when_the_reveal_phase_starts() {
	new_test_ext(|| {
		let (a, b, c) = (register(2), register(3), register(4));
		let id = submit(3, 20);
		claim_and_commit(id, &[a.clone(), b.clone()], &[out(1), out(1)]);
		claim(&c, id);
		run_to_block(20);
		// c never committed: slashed at its commit-by, the job re-opened, then the deadline hit
		// with 2 of 3 committed: reveal.
		assert_eq!(status(id), Some(JobStatus::Revealing { until: 20 + REVEAL_PERIOD }));
		let d = register(5);
		assert_noop!(
			ComputeStaking::commit(RuntimeOrigin::signed(a.clone()), id, H256::zero()),
			Error::<Test>::NotCommitPhase
		);
		assert_noop!(
			ComputeStaking::claim(RuntimeOrigin::signed(d), id),
			Error::<Test>::JobNotOpen
		);
		reveal(&a, id, out(1));
		reveal(&b, id, out(1));
		assert!(Receipts::<Test>::contains_key(id));
	});
}

#[test]
fn reveal_rejects_bad_reveals() {
	new_test_ext(|| {
		let (a, b, c) = (register(2), register(3), register(4));
		let id = submit(2, 20);
		let r_ = |who: &AccountId, job, output| {
			ComputeStaking::reveal(RuntimeOrigin::signed(who.clone()), job, output, salt_of(who))
		};
		claim(&a, id);
		commit(&a, id, out(1));
		assert_noop!(r_(&a, id, out(1)), Error::<Test>::NotRevealPhase);
		claim(&b, id);
		commit(&b, id, out(1));
		assert_noop!(r_(&a, 99, out(1)), Error::<Test>::UnknownJob);
		assert_noop!(r_(&c, id, out(1)), Error::<Test>::NotAssigned);
		// Reveal that does not match the commitment: wrong output, or wrong salt.
		assert_noop!(r_(&a, id, out(2)), Error::<Test>::RevealMismatch);
		assert_noop!(
			ComputeStaking::reveal(RuntimeOrigin::signed(a.clone()), id, out(1), salt_of(&b)),
			Error::<Test>::RevealMismatch
		);
		reveal(&a, id, out(1));
		assert_noop!(r_(&a, id, out(1)), Error::<Test>::AlreadyRevealed);
		// Late: the reveal phase ended at block 4 (the queue has not run yet).
		System::set_block_number(1 + REVEAL_PERIOD + 1);
		assert_noop!(r_(&b, id, out(1)), Error::<Test>::RevealTooLate);
	});
}

#[test]
fn non_revealers_are_slashed_and_the_revealed_majority_wins() {
	new_test_ext(|| {
		let (a, b, c) = (register(2), register(3), register(4));
		let id = submit(3, 20);
		claim_and_commit(id, &[a.clone(), b.clone(), c.clone()], &[out(1), out(1), out(1)]);
		reveal(&a, id, out(1));
		reveal(&b, id, out(1));
		run_to_block(1 + REVEAL_PERIOD);
		let receipt = Receipts::<Test>::get(id).expect("completed");
		assert_eq!(receipt.providers.into_inner(), vec![a, b]);
		assert!(events().contains(&Event::SlashScheduled {
			who: c.clone(),
			job: id,
			amount: BOND / 10,
			cause: SlashCause::Silent,
			at: 1 + REVEAL_PERIOD + SLASH_DEFERRAL
		}));
		assert!(held_jobs(&c).is_empty());
	});
}

#[test]
fn nobody_revealing_refunds_the_job() {
	new_test_ext(|| {
		let (a, b) = (register(2), register(3));
		let id = submit(2, 20);
		claim_and_commit(id, &[a.clone(), b.clone()], &[out(1), out(1)]);
		run_to_block(1 + REVEAL_PERIOD);
		assert!(!Jobs::<Test>::contains_key(id));
		assert_eq!(free(&acc(1)), START);
		assert_eq!(provider(&a).pending_slashes, 1);
		assert_eq!(provider(&b).pending_slashes, 1);
		assert!(events().contains(&Event::JobExpired { job: id, refunded: PAYMENT }));
	});
}

#[test]
fn no_majority_is_disputed_and_resolved_by_the_dispute_origin() {
	new_test_ext(|| {
		let (a, b) = (register(2), register(3));
		let id = submit(2, 20);
		claim_and_commit(id, &[a.clone(), b.clone()], &[out(1), out(2)]);
		reveal(&a, id, out(1));
		reveal(&b, id, out(2));
		assert_eq!(status(id), Some(JobStatus::Disputed));
		assert_eq!(events().last(), Some(&Event::JobDisputed { job: id }));
		// A disputed job waits: no deadline moves it.
		run_to_block(30);
		assert_eq!(status(id), Some(JobStatus::Disputed));

		assert_noop!(
			ComputeStaking::resolve_dispute(RuntimeOrigin::signed(a.clone()), id, out(1)),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ComputeStaking::resolve_dispute(RuntimeOrigin::root(), id, out(3)),
			Error::<Test>::OutputNotRevealed
		);
		assert_noop!(
			ComputeStaking::resolve_dispute(RuntimeOrigin::root(), 99, out(1)),
			Error::<Test>::UnknownJob
		);
		assert_ok!(ComputeStaking::resolve_dispute(RuntimeOrigin::root(), id, out(2)));
		let receipt = Receipts::<Test>::get(id).expect("completed");
		assert_eq!(receipt.providers.into_inner(), vec![b.clone()]);
		assert_eq!(provider(&a).pending_slashes, 1);
		assert_eq!(provider(&b).completed, 1);
		assert_noop!(
			ComputeStaking::resolve_dispute(RuntimeOrigin::root(), id, out(2)),
			Error::<Test>::UnknownJob
		);
	});
}

#[test]
fn resolve_requires_a_disputed_job() {
	new_test_ext(|| {
		let a = register(2);
		let id = submit(2, 20);
		claim(&a, id);
		assert_noop!(
			ComputeStaking::resolve_dispute(RuntimeOrigin::root(), id, out(1)),
			Error::<Test>::NotDisputed
		);
		assert_noop!(
			ComputeStaking::reopen_dispute(RuntimeOrigin::root(), id, 3, 50),
			Error::<Test>::NotDisputed
		);
	});
}

#[test]
fn a_dispute_reopens_with_larger_redundancy_without_slashing() {
	new_test_ext(|| {
		let (a, b, c) = (register(2), register(3), register(4));
		let id = submit(2, 20);
		claim_and_commit(id, &[a.clone(), b.clone()], &[out(1), out(2)]);
		reveal(&a, id, out(1));
		reveal(&b, id, out(2));
		let root = || RuntimeOrigin::root();
		assert_noop!(
			ComputeStaking::reopen_dispute(root(), id, 2, 50),
			Error::<Test>::RedundancyNotLarger
		);
		assert_noop!(
			ComputeStaking::reopen_dispute(root(), id, MAX_REDUNDANCY + 1, 50),
			Error::<Test>::InvalidRedundancy
		);
		assert_noop!(
			ComputeStaking::reopen_dispute(root(), id, 3, 1),
			Error::<Test>::DeadlineInPast
		);
		assert_noop!(
			ComputeStaking::reopen_dispute(root(), id, 3, 500),
			Error::<Test>::DeadlineTooFar
		);
		assert_noop!(
			ComputeStaking::reopen_dispute(RuntimeOrigin::signed(a.clone()), id, 3, 50),
			DispatchError::BadOrigin
		);
		assert_ok!(ComputeStaking::reopen_dispute(root(), id, 3, 50));
		assert_eq!(status(id), Some(JobStatus::Open));
		assert!(held_jobs(&a).is_empty() && held_jobs(&b).is_empty());
		assert_eq!(provider(&a).pending_slashes + provider(&b).pending_slashes, 0);
		// Three providers run it again; two agree.
		claim_and_commit(id, &[a.clone(), b.clone(), c.clone()], &[out(1), out(2), out(1)]);
		reveal(&a, id, out(1));
		reveal(&b, id, out(2));
		reveal(&c, id, out(1));
		let receipt = Receipts::<Test>::get(id).expect("completed");
		assert_eq!(receipt.providers.into_inner(), vec![a, c]);
		assert_eq!(provider(&b).pending_slashes, 1);
	});
}

#[test]
fn a_reveal_is_charged_for_what_it_did_not_the_worst_case() {
	use crate::WeightInfo;
	use frame_support::dispatch::GetDispatchInfo;
	new_test_ext(|| {
		let (a, b) = (register(2), register(3));
		let id = submit(2, 20);
		claim_and_commit(id, &[a.clone(), b.clone()], &[out(7), out(7)]);
		let declared = crate::Call::<Test>::reveal { job: id, output: out(7), salt: salt_of(&a) }
			.get_dispatch_info()
			.call_weight;
		let reveal_by = |who: &AccountId| {
			ComputeStaking::reveal(RuntimeOrigin::signed(who.clone()), id, out(7), salt_of(who))
				.expect("reveals")
				.actual_weight
				.expect("a post-dispatch weight")
		};
		// The first reveal only records; the second completes a job without datasets or model.
		let expected = <() as WeightInfo>::reveal(2, 0);
		assert_eq!(reveal_by(&a), expected);
		assert_eq!(reveal_by(&b), expected);
		assert!(!Jobs::<Test>::contains_key(id));
		assert!(expected.all_lte(declared) && expected.any_lt(declared));
	});
}
