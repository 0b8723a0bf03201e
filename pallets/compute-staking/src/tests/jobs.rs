//! Jobs: submission checks, escrow, cancellation, claims.

use super::*;
use crate::{Deadlines, Error, Event, HoldReason};
use frame_support::assert_noop;
use sp_runtime::TokenError;
use verity_primitives::testing;

#[test]
fn submit_escrows_the_payment_and_queues_the_deadline() {
	new_test_ext(|| {
		let owner = acc(1);
		let id = submit(2, 20);
		assert_eq!(id, 0);
		assert_eq!(held(HoldReason::JobPayment, &owner), PAYMENT);
		assert_eq!(free(&owner), START - PAYMENT);
		assert_eq!(status(id), Some(JobStatus::Open));
		assert!(Deadlines::<Test>::get(20).contains(&id));
		assert_eq!(
			events().last(),
			Some(&Event::JobSubmitted {
				job: 0,
				owner,
				kind: JobKind::Inference,
				redundancy: 2,
				payment: PAYMENT,
				deadline: 20
			})
		);
		assert_eq!(submit(1, 20), 1);
	});
}

#[test]
fn submit_rejects_bad_input() {
	new_test_ext(|| {
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
		assert_noop!(ComputeStaking::submit_job(o(), spec(1, 1)), Error::<Test>::DeadlineInPast);
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
			ComputeStaking::submit_job(o(), with(&|s| s.payment = START + 1)),
			TokenError::FundsUnavailable
		);
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
fn a_full_deadline_block_spills_over_then_refuses() {
	new_test_ext(|| {
		// Each block holds MAX_JOBS_PER_BLOCK; submission looks 8 blocks further.
		let per_block = MAX_JOBS_PER_BLOCK as u64;
		for i in 0..per_block * 9 {
			let id = submit_from(&acc(1 + (i % 10) as u8), spec(1, 20));
			let block = 20 + i / per_block;
			assert!(Deadlines::<Test>::get(block).contains(&id));
		}
		assert_noop!(
			ComputeStaking::submit_job(RuntimeOrigin::signed(acc(1)), spec(1, 20)),
			Error::<Test>::DeadlineQueueFull
		);
		assert_eq!(Deadlines::<Test>::get(20).len() as u32, MAX_JOBS_PER_BLOCK);
	});
}

#[test]
fn cancel_refunds_an_unclaimed_job() {
	new_test_ext(|| {
		let owner = acc(1);
		let id = submit(1, 20);
		assert_noop!(
			ComputeStaking::cancel_job(RuntimeOrigin::signed(acc(2)), id),
			Error::<Test>::NotJobOwner
		);
		assert_noop!(
			ComputeStaking::cancel_job(RuntimeOrigin::signed(owner.clone()), 99),
			Error::<Test>::UnknownJob
		);
		assert_ok!(ComputeStaking::cancel_job(RuntimeOrigin::signed(owner.clone()), id));
		assert!(!Jobs::<Test>::contains_key(id));
		assert_eq!(held(HoldReason::JobPayment, &owner), 0);
		assert_eq!(free(&owner), START);
		assert_eq!(events().last(), Some(&Event::JobCancelled { job: id }));
	});
}

#[test]
fn cancel_refused_once_claimed() {
	new_test_ext(|| {
		let p = register(2);
		let id = submit(2, 20);
		claim(&p, id);
		assert_noop!(
			ComputeStaking::cancel_job(RuntimeOrigin::signed(acc(1)), id),
			Error::<Test>::JobAlreadyClaimed
		);
	});
}

#[test]
fn claims_fill_the_slots_with_distinct_providers() {
	new_test_ext(|| {
		let (a, b, c) = (register(2), register(3), register(4));
		let id = submit(2, 20);
		claim(&a, id);
		assert_eq!(status(id), Some(JobStatus::Open));
		assert_eq!(held_jobs(&a), vec![id]);
		assert_eq!(
			events().last(),
			Some(&Event::JobClaimed { job: id, provider: a.clone(), commit_by: 1 + COMMIT_PERIOD })
		);
		assert_noop!(
			ComputeStaking::claim(RuntimeOrigin::signed(a.clone()), id),
			Error::<Test>::AlreadyClaimed
		);
		claim(&b, id);
		assert_eq!(status(id), Some(JobStatus::Assigned));
		assert_noop!(
			ComputeStaking::claim(RuntimeOrigin::signed(c), id),
			Error::<Test>::JobNotOpen
		);
		// The commit-by block is queued too.
		assert!(Deadlines::<Test>::get(1 + COMMIT_PERIOD).contains(&id));
	});
}

#[test]
fn claim_rejects_bad_claims() {
	new_test_ext(|| {
		let p = register(2);
		let id = submit(1, 20);
		assert_noop!(
			ComputeStaking::claim(RuntimeOrigin::signed(p.clone()), 99),
			Error::<Test>::UnknownJob
		);
		assert_noop!(
			ComputeStaking::claim(RuntimeOrigin::signed(acc(3)), id),
			Error::<Test>::NotProvider
		);

		// A provider serving training only.
		let trainer = acc(4);
		assert_ok!(ComputeStaking::register_provider(
			RuntimeOrigin::signed(trainer.clone()),
			MIN_BOND,
			hardware(),
			BoundedVec::truncate_from(vec![JobKind::Training]),
			1
		));
		assert_noop!(
			ComputeStaking::claim(RuntimeOrigin::signed(trainer), id),
			Error::<Test>::KindNotServed
		);

		System::set_block_number(20);
		assert_noop!(
			ComputeStaking::claim(RuntimeOrigin::signed(p), id),
			Error::<Test>::DeadlinePassed
		);
	});
}

#[test]
fn claims_stop_at_capacity() {
	new_test_ext(|| {
		let p = acc(2);
		assert_ok!(ComputeStaking::register_provider(
			RuntimeOrigin::signed(p.clone()),
			MIN_BOND,
			hardware(),
			all_kinds(),
			2
		));
		let ids: Vec<_> = (0..3).map(|_| submit(1, 20)).collect();
		claim(&p, ids[0]);
		claim(&p, ids[1]);
		assert_noop!(
			ComputeStaking::claim(RuntimeOrigin::signed(p.clone()), ids[2]),
			Error::<Test>::OverCapacity
		);
		assert_eq!(held_jobs(&p), vec![ids[0], ids[1]]);
	});
}

#[test]
fn a_provider_slashed_below_the_minimum_cannot_claim() {
	new_test_ext(|| {
		let p = acc(2);
		assert_ok!(ComputeStaking::register_provider(
			RuntimeOrigin::signed(p.clone()),
			MIN_BOND,
			hardware(),
			all_kinds(),
			2
		));
		let id = submit(1, 40);
		claim(&p, id);
		// Silent past its commit period: slashed 10% at commit_by + deferral.
		run_to_block(1 + COMMIT_PERIOD + SLASH_DEFERRAL);
		assert_eq!(bond(&p), MIN_BOND - MIN_BOND / 10);
		assert_noop!(
			ComputeStaking::claim(RuntimeOrigin::signed(p.clone()), id),
			Error::<Test>::BondTooLow
		);
		assert_ok!(ComputeStaking::bond_more(RuntimeOrigin::signed(p.clone()), MIN_BOND / 10));
		claim(&p, id);
	});
}
