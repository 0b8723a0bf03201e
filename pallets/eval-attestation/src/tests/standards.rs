//! Benchmark standards: proposal, withdrawal, approval, rejection, retirement.

use super::*;
use crate::{Error, Event, RevealedTestSets};
use frame_support::{assert_noop, assert_ok, traits::fungible::Mutate};
use sp_runtime::DispatchError;

#[test]
fn proposal_holds_the_deposit_and_approval_returns_it() {
	new_test_ext(|| {
		setup_peers();
		let id = propose(spec());
		assert_eq!(benchmark_status(id), Some(BenchmarkStatus::Proposed));
		assert_eq!(held(HoldReason::BenchmarkDeposit, ALICE), DEPOSIT);
		assert!(events().contains(&Event::BenchmarkProposed {
			benchmark: id,
			proposer: ALICE,
			deposit: DEPOSIT
		}));

		System::set_block_number(4);
		assert_ok!(EvalAttestation::approve_benchmark(RuntimeOrigin::root(), id));
		assert_eq!(benchmark_status(id), Some(BenchmarkStatus::Approved { at: 4 }));
		assert_eq!(held(HoldReason::BenchmarkDeposit, ALICE), 0);
		assert_eq!(free(ALICE), START);
	});
}

#[test]
fn bad_specs_are_refused() {
	new_test_ext(|| {
		setup_peers();
		testing::Datasets::insert(101, true, vec![]);
		let cases: Vec<(SpecOf<Test>, Error<Test>)> = vec![
			(SpecOf::<Test> { name: bytes(b""), ..spec() }, Error::EmptyName),
			(SpecOf::<Test> { quorum: 0, ..spec() }, Error::QuorumBelowMinimum),
			(SpecOf::<Test> { quorum: 2, ..spec() }, Error::QuorumBelowMinimum),
			(SpecOf::<Test> { quorum: 4, ..spec() }, Error::InvalidQuorum),
			(SpecOf::<Test> { quorum: MAX_QUORUM + 2, ..spec() }, Error::InvalidQuorum),
			(SpecOf::<Test> { batch_size: 0, ..spec() }, Error::InvalidBatchSize),
			(
				SpecOf::<Test> { min_evaluator_bond: MIN_BOND - 1, ..spec() },
				Error::EvaluatorBondBelowFloor,
			),
			(SpecOf::<Test> { test_items: 0, ..spec() }, Error::InvalidTestItemCount),
			(
				SpecOf::<Test> { test_items: MAX_TEST_ITEMS + 1, ..spec() },
				Error::InvalidTestItemCount,
			),
			(SpecOf::<Test> { test_set: 555, ..spec() }, Error::UnknownTestSet),
			(SpecOf::<Test> { test_set: 101, ..spec() }, Error::EmptyTestSet),
		];
		for (bad, error) in cases {
			assert_noop!(
				EvalAttestation::propose_benchmark(RuntimeOrigin::signed(ALICE), bad),
				error
			);
		}
		// The largest odd quorum is fine.
		propose(SpecOf::<Test> { quorum: MAX_QUORUM, ..spec() });
	});
}

#[test]
fn proposal_needs_the_deposit() {
	new_test_ext(|| {
		setup_peers();
		let poor: AccountId = 77;
		Balances::set_balance(&poor, DEPOSIT);
		assert!(EvalAttestation::propose_benchmark(RuntimeOrigin::signed(poor), spec()).is_err());
		assert_eq!(NextBenchmarkId::<Test>::get(), 0);
	});
}

#[test]
fn only_the_benchmark_origin_decides() {
	new_test_ext(|| {
		setup_peers();
		let id = propose(spec());
		let signed = RuntimeOrigin::signed(ALICE);
		assert_noop!(
			EvalAttestation::approve_benchmark(signed.clone(), id),
			DispatchError::BadOrigin
		);
		assert_noop!(
			EvalAttestation::reject_benchmark(signed.clone(), id),
			DispatchError::BadOrigin
		);
		assert_noop!(
			EvalAttestation::retire_benchmark(
				signed,
				id,
				BoundedVec::truncate_from(items()),
				bytes(b"u"),
				None
			),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn approval_and_rejection_need_a_pending_proposal() {
	new_test_ext(|| {
		setup_peers();
		assert_noop!(
			EvalAttestation::approve_benchmark(RuntimeOrigin::root(), 9),
			Error::<Test>::UnknownBenchmark
		);
		let id = propose(spec());
		assert_ok!(EvalAttestation::approve_benchmark(RuntimeOrigin::root(), id));
		assert_noop!(
			EvalAttestation::approve_benchmark(RuntimeOrigin::root(), id),
			Error::<Test>::NotProposed
		);
		assert_noop!(
			EvalAttestation::reject_benchmark(RuntimeOrigin::root(), id),
			Error::<Test>::NotProposed
		);
		assert_noop!(
			EvalAttestation::withdraw_proposal(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::NotProposed
		);
	});
}

#[test]
fn approval_refuses_a_test_set_that_disappeared() {
	new_test_ext(|| {
		setup_peers();
		let id = propose(spec());
		testing::reset();
		assert_noop!(
			EvalAttestation::approve_benchmark(RuntimeOrigin::root(), id),
			Error::<Test>::UnknownTestSet
		);
	});
}

#[test]
fn rejection_slashes_the_deposit_and_removes_the_proposal() {
	new_test_ext(|| {
		setup_peers();
		let id = propose(spec());
		assert_ok!(EvalAttestation::reject_benchmark(RuntimeOrigin::root(), id));
		assert!(!Benchmarks::<Test>::contains_key(id));
		assert_eq!(held(HoldReason::BenchmarkDeposit, ALICE), 0);
		assert_eq!(free(ALICE), START - DEPOSIT);
		assert_eq!(free(TREASURY), 1 + DEPOSIT);
		assert!(events().contains(&Event::BenchmarkRejected { benchmark: id, slashed: DEPOSIT }));
	});
}

#[test]
fn the_proposer_may_withdraw_before_a_decision() {
	new_test_ext(|| {
		setup_peers();
		let id = propose(spec());
		assert_noop!(
			EvalAttestation::withdraw_proposal(RuntimeOrigin::signed(2), id),
			Error::<Test>::NotProposer
		);
		assert_ok!(EvalAttestation::withdraw_proposal(RuntimeOrigin::signed(ALICE), id));
		assert!(!Benchmarks::<Test>::contains_key(id));
		assert_eq!(free(ALICE), START);
	});
}

fn retire(
	id: BenchmarkId,
	items: Vec<H256>,
	successor: Option<BenchmarkId>,
) -> sp_runtime::DispatchResult {
	EvalAttestation::retire_benchmark(
		RuntimeOrigin::root(),
		id,
		BoundedVec::truncate_from(items),
		bytes(b"ipfs://revealed"),
		successor,
	)
}

#[test]
fn retirement_reveals_the_committed_test_set() {
	new_test_ext(|| {
		let id = approved(spec());
		let next = approved(SpecOf::<Test> { name: bytes(b"hidden-qa-v2"), ..spec() });
		System::set_block_number(9);
		assert_ok!(retire(id, items(), Some(next)));
		assert_eq!(
			benchmark_status(id),
			Some(BenchmarkStatus::Retired { at: 9, successor: Some(next) })
		);
		let reveal = RevealedTestSets::<Test>::get(id).unwrap();
		assert_eq!(reveal.items.into_inner(), items());
		assert_eq!(reveal.uri.into_inner(), b"ipfs://revealed".to_vec());
		assert!(events().contains(&Event::BenchmarkRetired {
			benchmark: id,
			successor: Some(next),
			test_items: ITEMS as u32
		}));
	});
}

#[test]
fn retirement_refuses_items_that_do_not_match_the_commitment() {
	new_test_ext(|| {
		let id = approved(spec());
		let mut changed = items();
		changed[2] = H256::repeat_byte(0xff);
		let mut reordered = items();
		reordered.swap(0, 1);
		let mut fewer = items();
		fewer.pop();
		for bad in [changed, reordered, fewer, vec![]] {
			assert_noop!(retire(id, bad, None), Error::<Test>::TestSetMismatch);
		}
	});
}

#[test]
fn retirement_needs_an_approved_benchmark_and_a_valid_successor() {
	new_test_ext(|| {
		setup_peers();
		let proposed = propose(spec());
		assert_noop!(retire(proposed, items(), None), Error::<Test>::BenchmarkNotApproved);
		assert_noop!(retire(42, items(), None), Error::<Test>::UnknownBenchmark);
		assert_ok!(EvalAttestation::approve_benchmark(RuntimeOrigin::root(), proposed));
		let other = approved(spec());
		assert_ok!(retire(other, items(), None));
		// A successor still proposed could be rejected or withdrawn later.
		let pending = propose(SpecOf::<Test> { name: bytes(b"hidden-qa-v3"), ..spec() });
		for successor in [proposed, 42, other, pending] {
			assert_noop!(
				retire(proposed, items(), Some(successor)),
				Error::<Test>::InvalidSuccessor
			);
		}
		assert_noop!(retire(other, items(), None), Error::<Test>::BenchmarkNotApproved);
	});
}

#[test]
fn retired_benchmarks_take_no_requests_but_finish_open_ones() {
	new_test_ext(|| {
		let id = approved(spec());
		bond_all(&[E1, E2, E3]);
		let r = request(CLEAN, id);
		draw_and_commit(r, &[(E1, 800_000), (E2, 801_000), (E3, 799_000)]);
		assert_ok!(retire(id, items(), None));
		assert_noop!(
			EvalAttestation::request_evaluation(RuntimeOrigin::signed(ALICE), CLEAN, id, FEE),
			Error::<Test>::BenchmarkNotApproved
		);
		for (who, score) in [(E1, 800_000), (E2, 801_000), (E3, 799_000)] {
			reveal(who, r, score);
		}
		assert_eq!(board(id), vec![(CLEAN, 800_000, 2)]);
	});
}

/// Issue 12, item 3: a standard with a quorum of one would let one evaluator account attest any
/// score. Neither a proposal nor governance's approval accepts a quorum below three.
#[test]
fn a_quorum_below_three_is_refused_at_proposal_and_at_approval() {
	new_test_ext(|| {
		setup_peers();
		assert_noop!(
			EvalAttestation::propose_benchmark(
				RuntimeOrigin::signed(ALICE),
				SpecOf::<Test> { quorum: 1, ..spec() }
			),
			Error::<Test>::QuorumBelowMinimum
		);
		// A proposal stored before the rule (written straight into storage) is not approved.
		let id = propose(spec());
		Benchmarks::<Test>::mutate(id, |b| b.as_mut().unwrap().spec.quorum = 1);
		assert_noop!(
			EvalAttestation::approve_benchmark(RuntimeOrigin::root(), id),
			Error::<Test>::QuorumBelowMinimum
		);
	});
}

/// Issue 12, item 2 (a): the test-set dataset could be removed after approval, so the overlap
/// check read nothing. A proposal pins it; only rejection or withdrawal unpins it.
#[test]
fn the_test_set_is_pinned_while_the_benchmark_stands() {
	new_test_ext(|| {
		setup_peers();
		let withdrawn = propose(spec());
		let rejected = propose(spec());
		let kept = propose(spec());
		assert_eq!(testing::Datasets::pins(TEST_SET), 3);
		assert_ok!(EvalAttestation::withdraw_proposal(RuntimeOrigin::signed(ALICE), withdrawn));
		assert_ok!(EvalAttestation::reject_benchmark(RuntimeOrigin::root(), rejected));
		assert_eq!(testing::Datasets::pins(TEST_SET), 1);
		assert_ok!(EvalAttestation::approve_benchmark(RuntimeOrigin::root(), kept));
		assert_ok!(retire(kept, items(), None));
		// Approved and then retired: still pinned (results name it).
		assert_eq!(testing::Datasets::pins(TEST_SET), 1);
	});
}

/// Issue 12, item 2 (d): the attacker proposes a benchmark whose contamination check runs
/// against one dataset while the committed (scored, later revealed) items are another set —
/// e.g. a decoy dataset nobody trained on, so a model trained on the real items passes.
#[test]
fn the_test_set_dataset_must_be_the_committed_items() {
	new_test_ext(|| {
		setup_peers();
		// A decoy dataset of other shards.
		testing::Datasets::insert(
			102,
			true,
			vec![H256::repeat_byte(0xee), H256::repeat_byte(0xef)],
		);
		let decoy = SpecOf::<Test> { test_set: 102, ..spec() };
		assert_noop!(
			EvalAttestation::propose_benchmark(RuntimeOrigin::signed(ALICE), decoy),
			Error::<Test>::TestSetRootMismatch
		);
		// The right items but a wrong count.
		assert_noop!(
			EvalAttestation::propose_benchmark(
				RuntimeOrigin::signed(ALICE),
				SpecOf::<Test> { test_items: ITEMS as u32 - 1, ..spec() }
			),
			Error::<Test>::TestSetRootMismatch
		);
		assert_eq!(testing::Datasets::pins(102), 0);
	});
}

#[test]
fn retirement_checks_the_test_set_dataset_again() {
	new_test_ext(|| {
		let id = approved(spec());
		// The registry's record changed under the benchmark (it cannot, while pinned; this
		// stands for a registry that misbehaves): retirement refuses to reveal.
		testing::Datasets::insert(TEST_SET, true, vec![H256::repeat_byte(0xee)]);
		assert_noop!(retire(id, items(), None), Error::<Test>::TestSetRootMismatch);
		testing::Datasets::insert(TEST_SET, true, items());
		assert_ok!(retire(id, items(), None));
	});
}

#[test]
fn exhausted_benchmark_and_request_ids_are_refused_by_name() {
	new_test_ext(|| {
		setup_peers();
		crate::NextBenchmarkId::<Test>::put(u32::MAX);
		assert_noop!(
			EvalAttestation::propose_benchmark(RuntimeOrigin::signed(ALICE), spec()),
			Error::<Test>::NoMoreIds
		);
		crate::NextBenchmarkId::<Test>::put(0);
		let id = approved(spec());
		crate::NextRequestId::<Test>::put(u64::MAX);
		assert_noop!(
			EvalAttestation::request_evaluation(RuntimeOrigin::signed(ALICE), CLEAN, id, FEE),
			Error::<Test>::NoMoreIds
		);
		crate::NextRequestId::<Test>::put(0);
	});
}
