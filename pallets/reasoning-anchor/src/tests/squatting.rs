//! Squatting a root: EVE copies BOB's root from the transaction pool, anchors it first and
//! withdraws it. Anchors belong to their submitter, so BOB still anchors his root, his proofs
//! verify as anchored by him, and EVE's withdrawal answers for EVE's anchor only.

use super::*;
use crate::{pallet::*, AnchorStatus, Attribution, Proof, VerifyFailure, VerifyResult};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchResult;
use verity_primitives::AnchorId;

fn anchor_batch(who: u64, root: ContentHash, traces: u32, steps: u64) -> DispatchResult {
	ReasoningAnchor::anchor_batch(RuntimeOrigin::signed(who), root, traces, steps, None, None, None)
}

fn withdraw(who: u64, anchor: AnchorId) -> DispatchResult {
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

fn verify(anchor: AnchorId, b: &Batch) -> VerifyResult<u64, u64> {
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
		let (bobs, eves) = (id(BOB, bob.root), id(EVE, bob.root));
		assert_ne!(bobs, eves);
		assert_ok!(anchor_batch(EVE, bob.root, 2, 7));
		assert_ok!(withdraw(EVE, eves));
		// BOB is not refused: his anchor is his own.
		assert_ok!(anchor_batch(BOB, bob.root, 2, 7));
		assert_eq!(ReasoningAnchor::anchor_by_root(BOB, bob.root), Some(bobs));
		assert_eq!(ReasoningAnchor::anchor_by_root(EVE, bob.root), Some(eves));

		let answer = verify(bobs, &bob);
		assert!(answer.anchored, "{answer:?}");
		assert_eq!((answer.reason, answer.submitter, answer.block), (None, Some(BOB), Some(1)));
		// EVE's anchor answers for EVE: withdrawn, and hers.
		let answer = verify(eves, &bob);
		assert_eq!((answer.reason, answer.submitter), (Some(VerifyFailure::Withdrawn), Some(EVE)));

		// She can neither withdraw BOB's anchor nor anchor the root again.
		assert_noop!(withdraw(EVE, bobs), Error::<Test>::NotSubmitter);
		assert_noop!(anchor_batch(EVE, bob.root, 2, 7), Error::<Test>::RootAlreadyAnchored);
		// BOB's record is intact; EVE paid a fee for an anchor under her own name.
		let record = Anchors::<Test>::get(bobs).unwrap();
		assert_eq!((record.submitter, record.status), (BOB, AnchorStatus::Active));
		assert_eq!(balance(EVE), 1_000 - FEE);
		assert_eq!(balance(BOB), 1_000 - FEE);
	});
}

#[test]
fn eve_anchoring_and_withdrawing_later_leaves_bobs_answer_unchanged() {
	new_test_ext(|| {
		let bob = bobs_batch();
		let bobs = id(BOB, bob.root);
		assert_ok!(anchor_batch(BOB, bob.root, 2, 7));
		let before = verify(bobs, &bob);
		assert!(before.anchored);
		let record = Anchors::<Test>::get(bobs).unwrap();

		System::set_block_number(5);
		assert_ok!(anchor_batch(EVE, bob.root, 2, 7));
		assert_ok!(withdraw(EVE, id(EVE, bob.root)));
		// Another of EVE's accounts tries the same: still nothing of BOB's changes.
		assert_ok!(anchor_batch(EVE_2, bob.root, 2, 7));
		assert_ok!(withdraw(EVE_2, id(EVE_2, bob.root)));

		assert_eq!(verify(bobs, &bob), before);
		assert_eq!(Anchors::<Test>::get(bobs).unwrap(), record);
		assert_eq!(ReasoningAnchor::anchor_by_root(BOB, bob.root), Some(bobs));
		// Her anchors say what they are: later, and not BOB's.
		let eves = verify(id(EVE, bob.root), &bob);
		assert_eq!(
			(eves.reason, eves.submitter, eves.block),
			(Some(VerifyFailure::Withdrawn), Some(EVE), Some(5))
		);
	});
}

#[test]
fn the_invariants_catch_an_anchor_stored_under_another_submitters_id() {
	new_test_ext(|| {
		let bob = bobs_batch();
		let bobs = id(BOB, bob.root);
		assert_ok!(anchor_batch(BOB, bob.root, 2, 7));
		// What squatting would be: BOB's anchor reachable under EVE's id.
		let record = Anchors::<Test>::get(bobs).unwrap();
		Anchors::<Test>::insert(id(EVE, bob.root), record);
		assert!(ReasoningAnchor::do_try_state().is_err());
		Anchors::<Test>::remove(id(EVE, bob.root));
		assert_eq!(ReasoningAnchor::do_try_state(), Ok(()));
		// A job attribution on an anchor that names no job.
		Anchors::<Test>::mutate(bobs, |a| a.as_mut().unwrap().attribution = Attribution::JobOwner);
		assert!(ReasoningAnchor::do_try_state().is_err());
		Anchors::<Test>::mutate(bobs, |a| a.as_mut().unwrap().attribution = Attribution::NoJob);
	});
}
