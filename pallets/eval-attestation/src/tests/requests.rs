//! Requests: who may ask for what, contamination, fees, the draw block, cancellation.

use super::*;
use crate::{Deadlines, Error, Event};
use frame_support::{assert_noop, assert_ok};

fn try_request(version: ModelVersionId, benchmark: BenchmarkId) -> sp_runtime::DispatchResult {
	EvalAttestation::request_evaluation(RuntimeOrigin::signed(ALICE), version, benchmark, FEE)
}

#[test]
fn a_request_holds_the_fee_and_queues_its_draw_for_the_next_block() {
	new_test_ext(|| {
		let id = approved(spec());
		let r = request(CLEAN, id);
		let stored = Requests::<Test>::get(r).unwrap();
		assert_eq!(stored.quorum, 3);
		// No seats and no seed until the draw.
		assert_eq!(stored.seed, None);
		assert!(stored.assignments.is_empty());
		assert_eq!(stored.status, RequestStatus::Pending { draw_at: 2 });
		assert_eq!(held(HoldReason::RequestFee, ALICE), FEE);
		assert!(Deadlines::<Test>::get(2).contains(&r));
		assert!(events().contains(&Event::EvaluationRequested {
			request: r,
			requester: ALICE,
			version: CLEAN,
			benchmark: id,
			fee: FEE,
			draw_at: 2,
		}));
	});
}

#[test]
fn unapproved_or_unknown_benchmarks_take_no_requests() {
	new_test_ext(|| {
		setup_peers();
		let proposed = propose(spec());
		assert_noop!(try_request(CLEAN, proposed), Error::<Test>::BenchmarkNotApproved);
		assert_noop!(try_request(CLEAN, 77), Error::<Test>::UnknownBenchmark);
	});
}

#[test]
fn unknown_and_revoked_versions_are_refused() {
	new_test_ext(|| {
		let id = approved(spec());
		assert_noop!(try_request(999, id), Error::<Test>::UnknownModelVersion);
		assert_noop!(try_request(REVOKED, id), Error::<Test>::VersionNotUsable);
	});
}

#[test]
fn a_tainted_version_is_refused_and_the_leaderboard_shows_a_later_taint() {
	new_test_ext(|| {
		use verity_primitives::{testing::Lineage, TaintSource};
		let id = approved(spec());
		bond_all(&[E1, E2, E3]);
		let request = request(CLEAN, id);
		// The evaluation in flight finishes; then bad data in CLEAN's lineage comes to light.
		full_round(request, &[(E1, 800_000), (E2, 800_000), (E3, 800_000)]);
		assert_eq!(EvalAttestation::leaderboard(id)[0].tainted_by, None);
		Lineage::taint(CLEAN, TaintSource::Dataset(42));
		assert_eq!(EvalAttestation::leaderboard(id)[0].tainted_by, Some(TaintSource::Dataset(42)));
		// No new evaluation ranks it: a tainted model cannot buy a fresh score.
		assert_noop!(try_request(CLEAN, id), Error::<Test>::VersionTainted);
	});
}

#[test]
fn a_model_whose_lineage_overlaps_the_test_set_is_refused() {
	new_test_ext(|| {
		let id = approved(spec());
		// The overlap is in the parent's training data: one shared shard is enough.
		assert_noop!(try_request(CONTAMINATED, id), Error::<Test>::Contaminated);
		assert_noop!(try_request(LEAKY_PARENT, id), Error::<Test>::Contaminated);
		// Training on the test set itself.
		testing::Lineage::insert(30, true, vec![], vec![TEST_SET]);
		assert_noop!(try_request(30, id), Error::<Test>::Contaminated);
		// The same model is fine on a benchmark whose test set it never saw.
		testing::Datasets::insert(TEST_SET + 1, true, vec![H256::repeat_byte(0xab)]);
		let other_items = vec![H256::repeat_byte(0xab)];
		let other = propose(SpecOf::<Test> {
			test_set: TEST_SET + 1,
			test_set_root: merkle::root(other_items.iter()),
			test_items: 1,
			..spec()
		});
		assert_ok!(EvalAttestation::approve_benchmark(RuntimeOrigin::root(), other));
		assert_ok!(try_request(CONTAMINATED, other));
	});
}

#[test]
fn a_lineage_beyond_the_bound_is_refused() {
	new_test_ext(|| {
		let id = approved(spec());
		let many: Vec<DatasetId> = (0..=MAX_LINEAGE_DATASETS as u64).map(|i| 500 + i).collect();
		testing::Lineage::insert(31, true, vec![], many.clone());
		assert_noop!(try_request(31, id), Error::<Test>::LineageTooLarge);
		testing::Lineage::insert(32, true, vec![], many[1..].to_vec());
		assert_ok!(try_request(32, id));
	});
}

#[test]
fn fees_below_the_minimum_or_the_balance_are_refused() {
	new_test_ext(|| {
		let id = approved(spec());
		assert_noop!(
			EvalAttestation::request_evaluation(
				RuntimeOrigin::signed(ALICE),
				CLEAN,
				id,
				MIN_FEE - 1
			),
			Error::<Test>::FeeTooLow
		);
		assert!(EvalAttestation::request_evaluation(
			RuntimeOrigin::signed(ALICE),
			CLEAN,
			id,
			START * 2
		)
		.is_err());
		assert_eq!(NextRequestId::<Test>::get(), 0);
	});
}

#[test]
fn a_full_deadline_queue_spills_to_later_blocks_then_refuses() {
	new_test_ext(|| {
		let id = approved(spec());
		let due = 2;
		for block in due..due + 16 {
			Deadlines::<Test>::insert(
				block,
				BoundedVec::truncate_from(vec![1_000; MAX_REQUESTS_PER_BLOCK as usize]),
			);
		}
		assert_noop!(try_request(CLEAN, id), Error::<Test>::DeadlineQueueFull);
		Deadlines::<Test>::remove(due + 15);
		let r = request(CLEAN, id);
		assert!(Deadlines::<Test>::get(due + 15).contains(&r));
		// Clean up the fillers so the invariants see only real entries.
		for block in due..due + 15 {
			Deadlines::<Test>::remove(block);
		}
	});
}

#[test]
fn only_the_requester_cancels_and_only_before_the_draw_block() {
	new_test_ext(|| {
		let id = approved(spec());
		bond_all(&[E1, E2, E3]);
		let r = request(CLEAN, id);
		let later = request(CLEAN, id);
		assert_noop!(
			EvalAttestation::cancel_request(RuntimeOrigin::signed(2), r),
			Error::<Test>::NotRequester
		);
		assert_ok!(EvalAttestation::cancel_request(RuntimeOrigin::signed(ALICE), r));
		assert!(Requests::<Test>::get(r).is_none());
		assert_eq!(held(HoldReason::RequestFee, ALICE), FEE);
		assert!(events().contains(&Event::RequestCancelled { request: r, refunded: FEE }));
		// Its queue slot is free again.
		assert!(!Deadlines::<Test>::get(2).contains(&r));
		assert_noop!(
			EvalAttestation::cancel_request(RuntimeOrigin::signed(ALICE), r),
			Error::<Test>::UnknownRequest
		);
		// The draw block has come even though its queue has not run: too late.
		System::set_block_number(2);
		assert_noop!(
			EvalAttestation::cancel_request(RuntimeOrigin::signed(ALICE), later),
			Error::<Test>::NotCancellable
		);
		// Drawn: too late as well. The stale queue entry of the cancelled one does nothing.
		System::set_block_number(1);
		run_to_block(2);
		assert_eq!(draw(later).len(), 3);
		assert_noop!(
			EvalAttestation::cancel_request(RuntimeOrigin::signed(ALICE), later),
			Error::<Test>::NotCancellable
		);
	});
}
