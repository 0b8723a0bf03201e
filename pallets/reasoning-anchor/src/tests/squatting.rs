//! Squatting a root: EVE copies BOB's root from the transaction pool, anchors it first and
//! withdraws it. Anchors belong to their submitter, so BOB still anchors his root, his proofs
//! verify as anchored by him, and EVE's withdrawal answers for EVE's anchor only.

use super::*;
use crate::{pallet::*, AnchorStatus, Attribution, Proof, VerifyFailure, VerifyResult};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchResult;

fn anchor_batch(who: u64, root: ContentHash, traces: u32, steps: u64) -> DispatchResult {
	ReasoningAnchor::anchor_batch(RuntimeOrigin::signed(who), root, traces, steps, None, None, None)
}

fn withdraw(who: u64, anchor: u64) -> DispatchResult {
	ReasoningAnchor::withdraw(RuntimeOrigin::signed(who), anchor)
}

/// BOB's batch of two traces, with the proofs of step 2 of trace 1.
struct Batch {
	root: ContentHash,
	trace_root: ContentHash,
	trace_proof: Proof,
	step: Vec<u8>,
	step_proof: Proof,
}

fn bobs_batch() -> Batch {
	let traces = vec![trace("bob a", 4), trace("bob b", 3)];
	let (root, roots) = batch(&traces);
	Batch {
		root,
		trace_root: roots[1],
		trace_proof: merkle::proof(roots.iter().map(|r| r.as_bytes()), 1).unwrap(),
		step: traces[1][2].clone(),
		step_proof: merkle::proof(&traces[1], 2).unwrap(),
	}
}

fn verify(anchor: u64, b: &Batch) -> VerifyResult<u64, u64> {
	ReasoningAnchor::verify_step(
		anchor,
		b.trace_root,
		b.trace_proof.clone(),
		b.step.clone(),
		b.step_proof.clone(),
	)
}

#[test]
fn eve_front_runs_bobs_root_and_withdraws_yet_bobs_proof_verifies_as_his() {
	new_test_ext(|| {
		let bob = bobs_batch();
		// EVE's copy lands first, in the block BOB's transaction goes in, and she withdraws it.
		assert_ok!(anchor_batch(EVE, bob.root, 2, 7));
		assert_ok!(withdraw(EVE, 0));
		// BOB is not refused: his anchor is his own.
		assert_ok!(anchor_batch(BOB, bob.root, 2, 7));
		assert_eq!(ReasoningAnchor::anchor_by_root(BOB, bob.root), Some(1));
		assert_eq!(ReasoningAnchor::anchor_by_root(EVE, bob.root), Some(0));

		let answer = verify(1, &bob);
		assert!(answer.anchored, "{answer:?}");
		assert_eq!((answer.reason, answer.submitter, answer.block), (None, Some(BOB), Some(1)));
		// EVE's anchor answers for EVE: withdrawn, and hers.
		let eves = verify(0, &bob);
		assert_eq!((eves.reason, eves.submitter), (Some(VerifyFailure::Withdrawn), Some(EVE)));

		// She can neither withdraw BOB's anchor nor anchor the root again.
		assert_noop!(withdraw(EVE, 1), Error::<Test>::NotSubmitter);
		assert_noop!(anchor_batch(EVE, bob.root, 2, 7), Error::<Test>::RootAlreadyAnchored);
		// BOB's record is intact; EVE paid a fee for an anchor under her own name.
		let record = Anchors::<Test>::get(1).unwrap();
		assert_eq!((record.submitter, record.status), (BOB, AnchorStatus::Active));
		assert_eq!(balance(EVE), 1_000 - FEE);
		assert_eq!(balance(BOB), 1_000 - FEE);
	});
}

#[test]
fn eve_anchoring_and_withdrawing_later_leaves_bobs_answer_unchanged() {
	new_test_ext(|| {
		let bob = bobs_batch();
		assert_ok!(anchor_batch(BOB, bob.root, 2, 7));
		let before = verify(0, &bob);
		assert!(before.anchored);
		let record = Anchors::<Test>::get(0).unwrap();

		System::set_block_number(5);
		assert_ok!(anchor_batch(EVE, bob.root, 2, 7));
		assert_ok!(withdraw(EVE, 1));
		// Another of EVE's accounts tries the same: still nothing of BOB's changes.
		assert_ok!(anchor_batch(EVE_2, bob.root, 2, 7));
		assert_ok!(withdraw(EVE_2, 2));

		assert_eq!(verify(0, &bob), before);
		assert_eq!(Anchors::<Test>::get(0).unwrap(), record);
		assert_eq!(ReasoningAnchor::anchor_by_root(BOB, bob.root), Some(0));
		// Her anchors say what they are: later, and not BOB's.
		let eves = verify(1, &bob);
		assert_eq!(
			(eves.reason, eves.submitter, eves.block),
			(Some(VerifyFailure::Withdrawn), Some(EVE), Some(5))
		);
	});
}

#[test]
fn the_invariants_catch_an_anchor_indexed_under_another_submitter() {
	new_test_ext(|| {
		let bob = bobs_batch();
		assert_ok!(anchor_batch(BOB, bob.root, 2, 7));
		// What squatting used to be: BOB's anchor reachable under EVE.
		AnchorBySubmitterRoot::<Test>::insert(EVE, bob.root, 0);
		assert!(ReasoningAnchor::do_try_state().is_err());
		AnchorBySubmitterRoot::<Test>::remove(EVE, bob.root);
		// A job attribution on an anchor that names no job.
		Anchors::<Test>::mutate(0, |a| a.as_mut().unwrap().attribution = Attribution::JobOwner);
		assert!(ReasoningAnchor::do_try_state().is_err());
		Anchors::<Test>::mutate(0, |a| a.as_mut().unwrap().attribution = Attribution::NoJob);
	});
}
