//! Verifying steps against anchors: every step of every trace of a batch holds; any change to
//! the step, a position, a tree size or a sibling is answered false with its reason.

use super::*;
use crate::{Attribution, Proof, VerifyFailure, VerifyResult};
use frame_support::assert_ok;
use verity_primitives::{merkle::ProofError, testing::Lineage};

fn batch_traces() -> Vec<Vec<Vec<u8>>> {
	vec![trace("a", 5), trace("b", 1), trace("c", 12)]
}

/// The id of ALICE's batch anchor.
fn ours() -> AnchorId {
	id(ALICE, batch(&batch_traces()).0)
}

/// Three traces of different lengths anchored by ALICE as one batch with model version 7.
fn anchored_batch() -> (Vec<Vec<Vec<u8>>>, Vec<ContentHash>) {
	let traces = batch_traces();
	let (root, roots) = batch(&traces);
	Lineage::insert(7, true, vec![], vec![]);
	assert_ok!(ReasoningAnchor::anchor_batch(
		RuntimeOrigin::signed(ALICE),
		root,
		3,
		18,
		Some(7),
		None,
		None
	));
	(traces, roots)
}

fn trace_proof(roots: &[ContentHash], t: usize) -> Proof {
	merkle::proof(roots.iter().map(|r| r.as_bytes()), t as u64).unwrap()
}

fn step_proof(steps: &[Vec<u8>], i: usize) -> Proof {
	merkle::proof(steps, i as u64).unwrap()
}

fn verify(
	anchor: AnchorId,
	trace_root: ContentHash,
	tp: &Proof,
	step: &[u8],
	sp: &Proof,
) -> VerifyResult<u64, u64> {
	// Through the view function, as the runtime API calls it.
	ReasoningAnchor::verify_step(anchor, trace_root, tp.clone(), step.to_vec(), sp.clone())
}

fn reason(result: VerifyResult<u64, u64>) -> VerifyFailure {
	assert!(!result.anchored);
	result.reason.unwrap()
}

#[test]
fn every_step_of_every_trace_of_a_batch_is_anchored() {
	new_test_ext(|| {
		let (traces, roots) = anchored_batch();
		for (t, steps) in traces.iter().enumerate() {
			let tp = trace_proof(&roots, t);
			for (i, step) in steps.iter().enumerate() {
				let result = verify(ours(), roots[t], &tp, step, &step_proof(steps, i));
				assert_eq!(
					result,
					VerifyResult {
						anchored: true,
						reason: None,
						block: Some(1),
						submitter: Some(ALICE),
						model_version: Some(7),
						job: None,
						attribution: Some(Attribution::NoJob),
					}
				);
			}
		}
	});
}

#[test]
fn tampered_steps_and_positions_are_not_anchored() {
	new_test_ext(|| {
		let (traces, roots) = anchored_batch();
		let steps = &traces[2];
		let tp = trace_proof(&roots, 2);
		let sp = step_proof(steps, 4);
		assert!(verify(ours(), roots[2], &tp, &steps[4], &sp).anchored);

		// Another step's text at this position.
		let r = verify(ours(), roots[2], &tp, b"c: step 4 (edited)", &sp);
		assert_eq!(reason(r.clone()), VerifyFailure::StepNotInTrace(ProofError::RootMismatch));
		// The anchor's facts are still reported, so a verifier knows what it was checked against.
		assert_eq!((r.block, r.submitter, r.model_version), (Some(1), Some(ALICE), Some(7)));
		// The right step claimed at another position.
		let moved = Proof { leaf_index: 5, ..sp.clone() };
		assert!(matches!(
			reason(verify(ours(), roots[2], &tp, &steps[4], &moved)),
			VerifyFailure::StepNotInTrace(_)
		));
		// A wrong step count.
		for count in [11, 13, 16] {
			let resized = Proof { leaf_count: count, ..sp.clone() };
			assert!(matches!(
				reason(verify(ours(), roots[2], &tp, &steps[4], &resized)),
				VerifyFailure::StepNotInTrace(_)
			));
		}
		// An index beyond the trace.
		let beyond = Proof { leaf_index: 12, ..sp.clone() };
		assert_eq!(
			reason(verify(ours(), roots[2], &tp, &steps[4], &beyond)),
			VerifyFailure::StepNotInTrace(ProofError::IndexOutOfRange)
		);
		// A changed, missing or extra sibling.
		let mut flipped = sp.clone();
		flipped.siblings[1].0[31] ^= 0x80;
		assert_eq!(
			reason(verify(ours(), roots[2], &tp, &steps[4], &flipped)),
			VerifyFailure::StepNotInTrace(ProofError::RootMismatch)
		);
		let mut shorter = sp.clone();
		shorter.siblings.pop();
		assert_eq!(
			reason(verify(ours(), roots[2], &tp, &steps[4], &shorter)),
			VerifyFailure::StepNotInTrace(ProofError::WrongDepth)
		);
		let mut longer = sp.clone();
		longer.siblings.push(roots[0]);
		assert_eq!(
			reason(verify(ours(), roots[2], &tp, &steps[4], &longer)),
			VerifyFailure::StepNotInTrace(ProofError::WrongDepth)
		);
		// The step proven against the wrong trace of the same batch.
		let tp0 = trace_proof(&roots, 0);
		assert!(matches!(
			reason(verify(ours(), roots[0], &tp0, &steps[4], &sp)),
			VerifyFailure::StepNotInTrace(_)
		));
	});
}

#[test]
fn tampered_trace_proofs_are_not_in_the_batch() {
	new_test_ext(|| {
		let (traces, roots) = anchored_batch();
		let steps = &traces[0];
		let tp = trace_proof(&roots, 0);
		let sp = step_proof(steps, 2);
		// A trace root that is not in the batch, with its own valid step proof.
		let stranger = trace("x", 5);
		assert_eq!(
			reason(verify(
				ours(),
				merkle::root(&stranger),
				&tp,
				&stranger[2],
				&step_proof(&stranger, 2)
			)),
			VerifyFailure::TraceNotInBatch(ProofError::RootMismatch)
		);
		// The right trace root at another position.
		let moved = Proof { leaf_index: 1, ..tp.clone() };
		assert!(matches!(
			reason(verify(ours(), roots[0], &moved, &steps[2], &sp)),
			VerifyFailure::TraceNotInBatch(_)
		));
		let beyond = Proof { leaf_index: 3, ..tp.clone() };
		assert_eq!(
			reason(verify(ours(), roots[0], &beyond, &steps[2], &sp)),
			VerifyFailure::TraceNotInBatch(ProofError::IndexOutOfRange)
		);
		// A batch size other than the anchored one.
		let resized = Proof { leaf_count: 4, ..tp.clone() };
		assert_eq!(
			reason(verify(ours(), roots[0], &resized, &steps[2], &sp)),
			VerifyFailure::WrongTraceCount
		);
		// A changed or extra sibling.
		let mut flipped = tp.clone();
		flipped.siblings[0].0[0] ^= 1;
		assert_eq!(
			reason(verify(ours(), roots[0], &flipped, &steps[2], &sp)),
			VerifyFailure::TraceNotInBatch(ProofError::RootMismatch)
		);
		let mut longer = tp.clone();
		longer.siblings.push(roots[1]);
		assert_eq!(
			reason(verify(ours(), roots[0], &longer, &steps[2], &sp)),
			VerifyFailure::TraceNotInBatch(ProofError::WrongDepth)
		);
	});
}

#[test]
fn a_single_trace_anchor_takes_an_empty_trace_proof() {
	new_test_ext(|| {
		let steps = trace("solo", 6);
		let root = merkle::root(&steps);
		assert_ok!(ReasoningAnchor::anchor_trace(
			RuntimeOrigin::signed(BOB),
			root,
			6,
			None,
			None,
			None
		));
		let bobs = id(BOB, root);
		let single = Proof { leaf_index: 0, leaf_count: 1, siblings: vec![] };
		for (i, step) in steps.iter().enumerate() {
			let r = verify(bobs, root, &single, step, &step_proof(&steps, i));
			assert!(r.anchored);
			assert_eq!(r.submitter, Some(BOB));
		}
		let sp = step_proof(&steps, 3);
		let other = merkle::root(trace("other", 6));
		assert_eq!(
			reason(verify(bobs, other, &single, &steps[3], &sp)),
			VerifyFailure::TraceNotInBatch(ProofError::RootMismatch)
		);
		let indexed = Proof { leaf_index: 1, ..single.clone() };
		assert_eq!(
			reason(verify(bobs, root, &indexed, &steps[3], &sp)),
			VerifyFailure::TraceNotInBatch(ProofError::IndexOutOfRange)
		);
		let sized = Proof { leaf_count: 2, ..single.clone() };
		assert_eq!(
			reason(verify(bobs, root, &sized, &steps[3], &sp)),
			VerifyFailure::WrongTraceCount
		);
		let deeper = Proof { siblings: vec![root], ..single.clone() };
		assert_eq!(
			reason(verify(bobs, root, &deeper, &steps[3], &sp)),
			VerifyFailure::TraceNotInBatch(ProofError::WrongDepth)
		);
		assert_eq!(
			reason(verify(bobs, root, &single, b"solo: step 9", &sp)),
			VerifyFailure::StepNotInTrace(ProofError::RootMismatch)
		);
	});
}

#[test]
fn unknown_and_withdrawn_anchors_are_not_anchored() {
	new_test_ext(|| {
		let (traces, roots) = anchored_batch();
		let tp = trace_proof(&roots, 1);
		let sp = step_proof(&traces[1], 0);
		assert_eq!(
			verify(id(BOB, roots[1]), roots[1], &tp, &traces[1][0], &sp),
			VerifyResult::unknown()
		);
		assert_ok!(ReasoningAnchor::withdraw(RuntimeOrigin::signed(ALICE), ours()));
		let r = verify(ours(), roots[1], &tp, &traces[1][0], &sp);
		assert_eq!(r.reason, Some(VerifyFailure::Withdrawn));
		assert!(!r.anchored);
		assert_eq!(r.submitter, Some(ALICE));
		// A bad proof against a withdrawn anchor reports the proof, not the withdrawal.
		assert!(matches!(
			reason(verify(ours(), roots[1], &tp, b"forged", &sp)),
			VerifyFailure::StepNotInTrace(_)
		));
	});
}

#[test]
fn proofs_deeper_than_the_limit_are_refused_unread() {
	new_test_ext(|| {
		let (traces, roots) = anchored_batch();
		let tp = trace_proof(&roots, 0);
		let sp = step_proof(&traces[0], 0);
		let deep = vec![ContentHash::zero(); MAX_DEPTH as usize + 1];
		let deep_step = Proof { siblings: deep.clone(), ..sp.clone() };
		assert_eq!(
			reason(verify(ours(), roots[0], &tp, &traces[0][0], &deep_step)),
			VerifyFailure::ProofTooDeep
		);
		let deep_trace = Proof { siblings: deep, ..tp.clone() };
		assert_eq!(
			reason(verify(ours(), roots[0], &deep_trace, &traces[0][0], &sp)),
			VerifyFailure::ProofTooDeep
		);
	});
}

#[test]
fn garbage_never_panics() {
	new_test_ext(|| {
		anchored_batch();
		let garbage = [
			Proof {
				leaf_index: u64::MAX,
				leaf_count: u64::MAX,
				siblings: vec![ContentHash::zero(); 8],
			},
			Proof { leaf_index: 0, leaf_count: 0, siblings: vec![] },
			Proof { leaf_index: 7, leaf_count: 3, siblings: vec![ContentHash::repeat_byte(1)] },
			Proof { leaf_index: 2, leaf_count: 3, siblings: vec![] },
		];
		for tp in &garbage {
			for sp in &garbage {
				for anchor in [ours(), AnchorId::zero(), AnchorId::repeat_byte(0xff)] {
					assert!(!verify(anchor, ContentHash::zero(), tp, b"", sp).anchored);
				}
			}
		}
	});
}
