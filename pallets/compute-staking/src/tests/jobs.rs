//! Jobs: submission checks, escrow, cancellation, the draw of seats.

use super::*;
use crate::{Deadlines, Error, Event, HoldReason};
use frame_support::assert_noop;
use sp_runtime::TokenError;
use verity_primitives::testing;

#[test]
fn submit_escrows_the_payment_and_queues_the_draw() {
	new_test_ext(|| {
		register(2);
		let owner = acc(1);
		let id = submit(2, 20);
		assert_eq!(id, 0);
		assert_eq!(held(HoldReason::JobPayment, &owner), PAYMENT);
		assert_eq!(free(&owner), START - PAYMENT);
		assert_eq!(status(id), Some(JobStatus::Drawing));
		assert!(Deadlines::<Test>::contains_key(2, id), "drawn in the next block");
		assert_eq!(
			events().last(),
			Some(&Event::JobSubmitted {
				job: 0,
				owner,
				kind: JobKind::Inference,
				redundancy: 2,
				payment: PAYMENT,
				deadline: 20,
				draw_at: 2,
			})
		);
		assert_eq!(submit(1, 20), 1);
	});
}

#[test]
fn submit_rejects_bad_input() {
	new_test_ext(|| {
		register(2);
		let o = || RuntimeOrigin::signed(acc(1));
		let with = |f: &dyn Fn(&mut JobSpec<Test>)| {
			let mut s = spec(1, 20);
			f(&mut s);
			s
		};
		assert_noop!(
			ComputeStaking::submit_job(o(), spec(0, 20)),
			Error::<Test>::InvalidRedundancy
		);
		assert_noop!(
			ComputeStaking::submit_job(o(), spec(MAX_REDUNDANCY + 1, 20)),
			Error::<Test>::InvalidRedundancy
		);
		// The draw happens at block 2: a deadline must lie after it.
		assert_noop!(ComputeStaking::submit_job(o(), spec(1, 2)), Error::<Test>::DeadlineInPast);
		assert_noop!(ComputeStaking::submit_job(o(), spec(1, 102)), Error::<Test>::DeadlineTooFar);
		assert_noop!(
			ComputeStaking::submit_job(o(), with(&|s| s.payment = MIN_PAYMENT - 1)),
			Error::<Test>::PaymentTooLow
		);
		assert_noop!(
			ComputeStaking::submit_job(o(), with(&|s| s.params.temperature_milli = 700)),
			Error::<Test>::NonZeroTemperature
		);
		assert_noop!(
			ComputeStaking::submit_job(
				o(),
				with(&|s| {
					s.kind = JobKind::Evaluation;
					s.params.temperature_milli = 1;
				})
			),
			Error::<Test>::NonZeroTemperature
		);
		assert_noop!(
			ComputeStaking::submit_job(o(), with(&|s| s.input_uri = BoundedVec::new())),
			Error::<Test>::EmptyInputUri
		);
		assert_noop!(
			ComputeStaking::submit_job(o(), with(&|s| s.model_version = Some(9))),
			Error::<Test>::UnknownModelVersion
		);
		testing::Lineage::insert(9, false, vec![], vec![]);
		assert_noop!(
			ComputeStaking::submit_job(o(), with(&|s| s.model_version = Some(9))),
			Error::<Test>::ModelVersionNotUsable
		);
		testing::Datasets::insert(3, false, vec![]);
		testing::Datasets::insert(4, true, vec![]);
		assert_noop!(
			ComputeStaking::submit_job(
				o(),
				with(&|s| s.datasets = BoundedVec::truncate_from(vec![4, 3]))
			),
			Error::<Test>::DatasetNotUsable
		);
		assert_noop!(
			ComputeStaking::submit_job(
				o(),
				with(&|s| s.datasets = BoundedVec::truncate_from(vec![5]))
			),
			Error::<Test>::DatasetNotUsable
		);
		assert_noop!(
			ComputeStaking::submit_job(
				o(),
				with(&|s| s.datasets = BoundedVec::truncate_from(vec![4, 4]))
			),
			Error::<Test>::DuplicateDataset
		);
		assert_noop!(
			ComputeStaking::submit_job(
				o(),
				with(&|s| {
					s.payment = START + 1;
					s.redundancy = 2;
				})
			),
			TokenError::FundsUnavailable
		);
		// r = 1 needs a bond covering 2 × payment / p = 2 × 251 / 25% = 2,008 > BOND.
		assert_noop!(
			ComputeStaking::submit_job(o(), with(&|s| s.payment = 251)),
			Error::<Test>::NeedsRedundancy
		);
		assert_ok!(ComputeStaking::submit_job(
			o(),
			with(&|s| {
				s.payment = 251;
				s.redundancy = 2;
			})
		));
		// Snapshotted rates above MaxRoyaltyShare (50%): a 60% model royalty.
		testing::Lineage::insert(8, true, vec![], vec![]);
		ROYALTY_RATES.with(|r| r.set((10, 60)));
		assert_noop!(
			ComputeStaking::submit_job(o(), with(&|s| s.model_version = Some(8))),
			Error::<Test>::RoyaltiesTooHigh
		);
		ROYALTY_RATES.with(|r| r.set((10, 5)));
		// Sampling is fine where it does not need to be reproduced greedily.
		assert_ok!(ComputeStaking::submit_job(
			o(),
			with(&|s| {
				s.kind = JobKind::SyntheticData;
				s.params.temperature_milli = 700;
				s.model_version = None;
				s.datasets = BoundedVec::truncate_from(vec![4]);
			})
		));
	});
}

#[test]
fn cancel_refunds_a_job_before_its_draw_only() {
	new_test_ext(|| {
		let (a, b) = (register(2), register(3));
		let id = submit(2, 20);
		assert_noop!(
			ComputeStaking::cancel_job(RuntimeOrigin::signed(acc(5)), id),
			Error::<Test>::NotJobOwner
		);
		assert_noop!(
			ComputeStaking::cancel_job(RuntimeOrigin::signed(acc(1)), 99),
			Error::<Test>::UnknownJob
		);
		assert_ok!(ComputeStaking::cancel_job(RuntimeOrigin::signed(acc(1)), id));
		assert_eq!(free(&acc(1)), START);
		assert!(!Jobs::<Test>::contains_key(id));
		assert_eq!(Deadlines::<Test>::iter().count(), 0, "a cancelled job leaves no queue entry");
		assert_eq!(events().last(), Some(&Event::JobCancelled { job: id }));

		// Once drawn, the owner can no longer take the payment back.
		let id = submit(2, 20);
		let mut drawn = draw(id);
		drawn.sort();
		assert_eq!(drawn, {
			let mut v = vec![a, b];
			v.sort();
			v
		});
		assert_noop!(
			ComputeStaking::cancel_job(RuntimeOrigin::signed(acc(1)), id),
			Error::<Test>::AlreadyDrawn
		);
	});
}

#[test]
fn the_draw_seats_distinct_providers_serving_the_kind_with_a_free_slot() {
	new_test_ext(|| {
		let (a, b) = (register(2), register(3));
		// c serves training only: never drawn for inference.
		let c = acc(4);
		assert_ok!(ComputeStaking::register_provider(
			RuntimeOrigin::signed(c.clone()),
			BOND,
			hardware(),
			BoundedVec::truncate_from(vec![JobKind::Training]),
			1
		));
		for n in 0..20 {
			reseed(n);
			let id = submit(2, 50);
			let drawn = draw(id);
			assert_eq!(drawn.len(), 2);
			assert!(drawn.contains(&a) && drawn.contains(&b));
			for who in drawn.iter() {
				assert!(events().contains(&Event::SeatAssigned {
					job: id,
					provider: who.clone(),
					role: SeatRole::Original,
					commit_by: System::block_number() + COMMIT_PERIOD,
				}));
			}
			run_job(id, |_| out(1));
		}
		// Capacity: a and b hold MAX_CAPACITY seats each, then nobody is left to draw.
		let held: Vec<JobId> = (0..MAX_CAPACITY).map(|_| submit(2, 50)).collect();
		run_to_block(System::block_number() + 1);
		assert!(held.iter().all(|id| seats(*id).len() == 2));
		let starved = submit(2, 50);
		draw(starved);
		assert!(!Jobs::<Test>::contains_key(starved), "no free provider: refunded");
		assert!(events()
			.iter()
			.any(|e| matches!(e, Event::JobExpired { job, .. } if *job == starved)));
	});
}

#[test]
fn training_seats_get_the_longer_commit_period() {
	new_test_ext(|| {
		let a = register(2);
		let mut s = spec(1, 90);
		s.kind = JobKind::Training;
		let id = submit_from(&acc(1), s);
		assert_eq!(draw(id), vec![a.clone()]);
		let seat = Jobs::<Test>::get(id).unwrap().seats[0].clone();
		assert_eq!(seat.commit_by, 2 + TRAINING_COMMIT_PERIOD);
	});
}

/// An inference job over `INPUT` asking for `max_tokens`, of `kind`.
fn generating(kind: JobKind, max_tokens: u32, r: u32, deadline: u64) -> JobSpec<Test> {
	let mut s = spec(r, deadline);
	s.kind = kind;
	s.params.max_tokens = max_tokens;
	s
}

#[test]
fn the_commit_period_grows_with_the_tokens_asked_for() {
	new_test_ext(|| {
		let a = register(2);
		let per = INFERENCE_TOKENS_PER_BLOCK;
		for (kind, max_tokens, period) in [
			(JobKind::Inference, per - 1, COMMIT_PERIOD),
			(JobKind::Inference, 3 * per, COMMIT_PERIOD + 3),
			(JobKind::Evaluation, 4 * per - 1, COMMIT_PERIOD + 3),
			(JobKind::SyntheticData, 4 * per, COMMIT_PERIOD + 4),
			// Never more than the training period, the longest any seat gets.
			(JobKind::Inference, u32::MAX, TRAINING_COMMIT_PERIOD),
			// Training's max_tokens is a step budget: its period does not move.
			(JobKind::Training, 0, TRAINING_COMMIT_PERIOD),
			(JobKind::Training, u32::MAX, TRAINING_COMMIT_PERIOD),
		] {
			let id = submit_from(&acc(1), generating(kind, max_tokens, 1, 90));
			let drawn_at = System::block_number() + 1;
			assert_eq!(draw(id), vec![a.clone()]);
			let seat = Jobs::<Test>::get(id).unwrap().seats[0].clone();
			assert_eq!(seat.commit_by, drawn_at + period, "{kind:?}, {max_tokens} tokens");
			run_job(id, |_| out(1));
		}
	});
}

#[test]
fn a_long_generation_commits_after_the_base_period_unslashed() {
	new_test_ext(|| {
		register(2);
		register(3);
		let id = submit_from(
			&acc(1),
			generating(JobKind::Inference, 3 * INFERENCE_TOKENS_PER_BLOCK, 2, 40),
		);
		draw(id);
		// Past the base period both seats still stand; they commit inside their own.
		run_to_block(2 + COMMIT_PERIOD + 2);
		assert_eq!(seats(id).len(), 2);
		assert!(!events().iter().any(|e| matches!(e, Event::SlashScheduled { .. })));
		run_job(id, |_| out(1));
		assert!(crate::Receipts::<Test>::contains_key(id));
	});
}

#[test]
fn the_deadline_must_leave_the_whole_commit_period() {
	new_test_ext(|| {
		register(2);
		let o = || RuntimeOrigin::signed(acc(1));
		// Drawn at block 2, the seats of a 3-blocks-longer generation commit before this block.
		let commit_by = 2 + COMMIT_PERIOD + 3;
		let long =
			|deadline| generating(JobKind::Inference, 3 * INFERENCE_TOKENS_PER_BLOCK, 1, deadline);
		assert_noop!(
			ComputeStaking::submit_job(o(), long(commit_by - 1)),
			Error::<Test>::DeadlineTooSoon
		);
		let id = submit_from(&acc(1), long(commit_by));
		draw(id);
		assert_eq!(Jobs::<Test>::get(id).unwrap().seats[0].commit_by, commit_by);
		let short_training = generating(JobKind::Training, 0, 1, 3 + TRAINING_COMMIT_PERIOD - 1);
		assert_noop!(
			ComputeStaking::submit_job(o(), short_training),
			Error::<Test>::DeadlineTooSoon
		);
	});
}

#[test]
fn exhausted_job_ids_are_refused_by_name() {
	new_test_ext(|| {
		register(2);
		register(3);
		crate::NextJobId::<Test>::put(u64::MAX);
		assert_noop!(
			ComputeStaking::submit_job(RuntimeOrigin::signed(acc(1)), spec(2, 100)),
			Error::<Test>::NoMoreIds
		);
		crate::NextJobId::<Test>::put(0);
	});
}
