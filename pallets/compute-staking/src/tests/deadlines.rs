//! The deadline queue and the slash queue: silent seats, exclusive deadlines, the carried-over
//! backlog and `poke`, deferral, cancellation by id.

use super::*;
use crate::{Deadlines, Error, Event, HoldReason, QueueCursor, SlashAt, SlashQueue};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

/// The id of the first slash scheduled against `who`.
fn slash_of(who: &AccountId) -> (crate::SlashId, u64) {
	events()
		.into_iter()
		.find_map(|e| match e {
			Event::SlashScheduled { id, who: w, at, .. } if &w == who => Some((id, at)),
			_ => None,
		})
		.expect("a slash was scheduled")
}

#[test]
fn a_silent_seat_is_slashed_and_replaced_by_a_fresh_draw() {
	new_test_ext(|| {
		let (a, b) = (register(2), register(3));
		let id = submit(1, 30);
		let first = draw(id)[0].clone();
		let other = if first == a { b.clone() } else { a.clone() };
		// The drawn provider never commits; its commit period ends at block 2 + COMMIT_PERIOD.
		run_to_block(2 + COMMIT_PERIOD);
		assert!(held_jobs(&first).is_empty());
		assert_eq!(seats(id), vec![other.clone()], "replaced by the other provider");
		assert!(events().iter().any(|e| matches!(
			e,
			Event::SlashScheduled { who, cause: SlashCause::Silent, amount, .. }
				if who == &first && *amount == BOND / 10
		)));
		commit(&other, id, out(3));
		reveal(&other, id, out(3));
		// The silent one is excluded from this job for good, even as a spot-checker.
		assert!(!seats(id).contains(&first));
	});
}

#[test]
fn commit_and_reveal_deadlines_are_exclusive() {
	new_test_ext(|| {
		let (a, b) = (register(2), register(3));
		let id = submit(2, 50);
		draw(id);
		let commit_by = 2 + COMMIT_PERIOD;
		System::set_block_number(commit_by);
		assert_noop!(
			ComputeStaking::commit(
				RuntimeOrigin::signed(a.clone()),
				id,
				commitment_of(id, &a, &out(1), &salt_of(&a))
			),
			Error::<Test>::CommitTooLate
		);
		System::set_block_number(commit_by - 1);
		commit(&a, id, out(1));
		commit(&b, id, out(1));
		let until = commit_by - 1 + REVEAL_PERIOD;
		assert_eq!(status(id), Some(JobStatus::Revealing { until }));
		System::set_block_number(until);
		assert_noop!(
			ComputeStaking::reveal(RuntimeOrigin::signed(a.clone()), id, out(1), salt_of(&a)),
			refused_reveal(Error::<Test>::RevealTooLate)
		);
		System::set_block_number(until - 1);
		reveal(&a, id, out(1));
		// The queue closes the phase at `until`: b is silent, a's lone vote is no majority of 2,
		// so the vote escalates (nobody else to draw: disputed).
		run_to_block(until);
		assert!(matches!(status(id), Some(JobStatus::Disputed { .. })));
		assert_eq!(slash_of(&b).1, until + SLASH_DEFERRAL);
	});
}

#[test]
fn a_job_nobody_commits_to_is_refunded_after_its_deadline() {
	new_test_ext(|| {
		let (a, b) = (register(2), register(3));
		let id = submit(2, 2 + COMMIT_PERIOD);
		draw(id);
		run_to_block(2 + COMMIT_PERIOD);
		assert!(!Jobs::<Test>::contains_key(id));
		assert_eq!(free(&acc(1)), START);
		assert_eq!(provider(&a).pending_slashes + provider(&b).pending_slashes, 2);
		assert_eq!(Deadlines::<Test>::iter().count(), 0);
	});
}

#[test]
fn a_backlog_carries_over_and_anyone_can_poke_a_due_job() {
	new_test_ext(|| {
		for n in 2..6 {
			register(n);
		}
		// More jobs due at block 2 than one block handles (MAX_JOBS_PER_BLOCK).
		let ids: Vec<JobId> = (0..MAX_JOBS_PER_BLOCK + 3)
			.map(|i| submit_from(&acc(10 + (i % 5) as u8), spec(1, 60)))
			.collect();
		run_to_block(2);
		let drawn = ids.iter().filter(|id| status(**id) != Some(JobStatus::Drawing)).count() as u32;
		assert_eq!(drawn, MAX_JOBS_PER_BLOCK);
		assert_eq!(QueueCursor::<Test>::get(), 2, "the cursor waits on the unfinished block");
		let waiting = *ids.iter().find(|id| status(**id) == Some(JobStatus::Drawing)).unwrap();
		assert_noop!(
			ComputeStaking::poke(RuntimeOrigin::signed(acc(19)), 99),
			Error::<Test>::UnknownJob
		);
		assert_ok!(ComputeStaking::poke(RuntimeOrigin::signed(acc(19)), waiting));
		assert_ne!(status(waiting), Some(JobStatus::Drawing));
		assert_noop!(
			ComputeStaking::poke(RuntimeOrigin::signed(acc(19)), waiting),
			Error::<Test>::NotDue
		);
		run_to_block(3);
		assert!(ids.iter().all(|id| status(*id) != Some(JobStatus::Drawing)));
	});
}

#[test]
fn a_pending_slash_blocks_withdrawal_until_applied() {
	new_test_ext(|| {
		let a = register(2);
		let id = submit(1, 40);
		draw(id);
		assert_ok!(ComputeStaking::unbond(RuntimeOrigin::signed(a.clone())));
		run_to_block(2 + COMMIT_PERIOD);
		assert_eq!(provider(&a).pending_slashes, 1);
		let (_, at) = slash_of(&a);
		System::set_block_number(2 + UNBONDING);
		assert_noop!(
			ComputeStaking::withdraw(RuntimeOrigin::signed(a.clone())),
			Error::<Test>::HasPendingSlashes
		);
		System::set_block_number(at - 1);
		run_to_block(2 + UNBONDING);
		assert_eq!(provider(&a).pending_slashes, 0);
		assert_ok!(ComputeStaking::withdraw(RuntimeOrigin::signed(a.clone())));
		assert_eq!(free(&a), START - BOND / 10);
	});
}

#[test]
fn the_dispute_origin_cancels_a_pending_slash_by_id() {
	new_test_ext(|| {
		let a = register(2);
		// Two silent seats of a: two slashes in the same block.
		let (j1, j2) = (submit(1, 40), submit(1, 40));
		draw(j1);
		assert_eq!(seats(j2), vec![a.clone()]);
		run_to_block(2 + COMMIT_PERIOD);
		let ids: Vec<(crate::SlashId, u64, JobId)> = events()
			.into_iter()
			.filter_map(|e| match e {
				Event::SlashScheduled { id, at, job, .. } => Some((id, at, job)),
				_ => None,
			})
			.collect();
		assert_eq!(ids.len(), 2);
		let ((first, at, first_job), (second, _, _)) = (ids[0], ids[1]);
		assert_noop!(
			ComputeStaking::cancel_slash(RuntimeOrigin::signed(a.clone()), first),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ComputeStaking::cancel_slash(RuntimeOrigin::root(), 999),
			Error::<Test>::UnknownSlash
		);
		assert_ok!(ComputeStaking::cancel_slash(RuntimeOrigin::root(), first));
		assert_eq!(
			events().last(),
			Some(&Event::SlashCancelled { id: first, who: a.clone(), job: first_job })
		);
		assert_noop!(
			ComputeStaking::cancel_slash(RuntimeOrigin::root(), first),
			Error::<Test>::UnknownSlash
		);
		// The other id still names its slash, though its position in the queue moved.
		assert_eq!(SlashAt::<Test>::get(second), Some(at));
		assert_eq!(provider(&a).pending_slashes, 1);
		run_to_block(at);
		assert_eq!(bond(&a), BOND - BOND / 10);
		assert_eq!(SlashAt::<Test>::get(second), None);
	});
}

#[test]
fn slashes_never_take_more_than_the_bond() {
	new_test_ext(|| {
		let a = register(2);
		// Twelve pending slashes of 10% each (all decided on the full bond) would take 120%;
		// the bond is all there is. Eight fit in one block, the rest spill into the next.
		for i in 0..12u8 {
			let id = submit_from(&acc(3 + i), spec(2, 40));
			ComputeStaking::decide_slash(&a, id, SlashCause::Silent, PAYMENT);
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

#[test]
fn a_due_job_is_charged_at_its_own_size_not_the_largest_jobs() {
	use crate::weights::WeightInfo;
	use frame_support::traits::Hooks;
	new_test_ext(|| {
		let (_a, _b) = (register(2), register(3));
		let id = submit(2, 50);
		let job = crate::Jobs::<Test>::get(id).expect("submitted");
		let at = System::block_number() + 1;
		let scanned = (at + 1 - QueueCursor::<Test>::get()) as u32;
		System::set_block_number(at);
		let charged = ComputeStaking::on_initialize(at);
		assert_eq!(seats(id).len(), 2, "the draw ran");
		let own = ComputeStaking::step_weight(&job);
		assert_eq!(
			charged,
			<() as WeightInfo>::on_initialize_slashes(0)
				.saturating_add(<() as WeightInfo>::on_initialize_scan(scanned))
				.saturating_add(own)
		);
		// An r = 2 job without datasets costs well under the largest job's step, which a block
		// of 64 due jobs would otherwise charge 64 times.
		assert!(own.ref_time() * 2 < ComputeStaking::job_step_weight().ref_time());
	});
}

#[test]
fn poke_is_charged_at_the_jobs_own_size() {
	use crate::weights::WeightInfo;
	new_test_ext(|| {
		let (_a, _b) = (register(2), register(3));
		let id = submit(2, 50);
		let job = crate::Jobs::<Test>::get(id).expect("submitted");
		// Due at the next block; poked there before the queue gets to it.
		System::set_block_number(System::block_number() + 1);
		let info = ComputeStaking::poke(RuntimeOrigin::signed(acc(9)), id).expect("due");
		assert_eq!(seats(id).len(), 2);
		assert_eq!(
			info.actual_weight,
			Some(<() as WeightInfo>::poke().saturating_add(ComputeStaking::step_weight(&job)))
		);
	});
}

#[test]
fn a_replacement_is_not_drawn_when_the_deadline_would_cut_its_commit_period_short() {
	new_test_ext(|| {
		let _providers = (register(2), register(3), register(4));
		// Just enough for the first draw's period, two blocks short of a replacement's.
		let id = submit(2, 2 + COMMIT_PERIOD + 2);
		let drawn = draw(id);
		let (quick, silent) = (drawn[0].clone(), drawn[1].clone());
		commit(&quick, id, out(1));
		run_to_block(2 + COMMIT_PERIOD);
		assert!(events().iter().any(|e| matches!(
			e,
			Event::SlashScheduled { who, cause: SlashCause::Silent, .. } if who == &silent
		)));
		// Before the fix the third provider was seated with two blocks to compute in.
		assert_eq!(seats(id), vec![quick.clone()]);
		let assigned_after_draw = events()
			.into_iter()
			.filter(|e| matches!(e, Event::SeatAssigned { job, .. } if *job == id))
			.count();
		assert_eq!(assigned_after_draw, 2, "only the first draw's seats");
	});
}

#[test]
fn a_job_cannot_be_cancelled_once_its_draw_block_has_come() {
	new_test_ext(|| {
		let _providers = (register(2), register(3));
		let id = submit(2, 50);
		let due = crate::Jobs::<Test>::get(id).expect("submitted").due;
		// The queue has not drawn it (as when it runs behind), yet the draw's randomness is out.
		System::set_block_number(due);
		assert_noop!(
			ComputeStaking::cancel_job(RuntimeOrigin::signed(acc(1)), id),
			Error::<Test>::DrawDue
		);
		System::set_block_number(due - 1);
		assert_ok!(ComputeStaking::cancel_job(RuntimeOrigin::signed(acc(1)), id));
	});
}
