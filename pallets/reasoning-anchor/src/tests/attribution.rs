//! Job attribution: an anchor naming a job is checked against the job's receipt. The job's
//! output is attributed to it whoever anchors it; any other root may name the job only when
//! its owner or one of its providers anchors it, and is flagged as their word.

use super::*;
use crate::{pallet::*, Attribution, Proof};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchResult;
use verity_primitives::{
	testing::{Compute, Lineage},
	JobId, ModelVersionId,
};

/// The job BOB paid for and CAROL ran, on model version 7.
const JOB: JobId = 3;

/// The trace BOB's job output, registered as job `JOB`'s receipt.
fn bobs_job() -> Vec<Vec<u8>> {
	let output = trace("bob's answer", 5);
	Lineage::insert(7, true, vec![], vec![]);
	let mut receipt = job(BOB, vec![CAROL], Some(7));
	receipt.output_hash = merkle::root(&output);
	Compute::insert(JOB, receipt);
	output
}

fn anchor_trace(
	who: u64,
	root: ContentHash,
	steps: u64,
	version: Option<ModelVersionId>,
	job: Option<JobId>,
) -> DispatchResult {
	ReasoningAnchor::anchor_trace(RuntimeOrigin::signed(who), root, steps, version, job, None)
}

fn attribution(who: u64, root: ContentHash) -> Attribution {
	Anchors::<Test>::get(id(who, root)).unwrap().attribution
}

#[test]
fn eve_cannot_name_bobs_job_for_an_unrelated_root() {
	new_test_ext(|| {
		bobs_job();
		let junk = merkle::root(trace("eve's junk", 3));
		assert_noop!(anchor_trace(EVE, junk, 3, None, Some(JOB)), Error::<Test>::NotJobParty);
		assert_noop!(anchor_trace(EVE, junk, 3, Some(7), Some(JOB)), Error::<Test>::NotJobParty);
		assert_noop!(
			ReasoningAnchor::anchor_batch(
				RuntimeOrigin::signed(EVE),
				junk,
				2,
				9,
				Some(7),
				Some(JOB),
				None
			),
			Error::<Test>::NotJobParty
		);
		// Without the job, her root is her word only, and says so.
		assert_ok!(anchor_trace(EVE, junk, 3, Some(7), None));
		assert_eq!(attribution(EVE, junk), Attribution::NoJob);
		assert_eq!(ReasoningAnchor::anchor(id(EVE, junk)).unwrap().job, None);
	});
}

#[test]
fn the_jobs_output_is_attributed_to_it_whoever_anchors_it() {
	new_test_ext(|| {
		let output = bobs_job();
		let root = merkle::root(&output);
		assert_ok!(anchor_trace(BOB, root, 5, Some(7), Some(JOB)));
		assert_eq!(attribution(BOB, root), Attribution::JobOutput);
		System::assert_last_event(
			Event::Anchored {
				anchor: id(BOB, root),
				submitter: BOB,
				kind: crate::AnchorKind::Trace,
				root,
				traces: 1,
				steps: 5,
				model_version: Some(7),
				job: Some(JOB),
				attribution: Attribution::JobOutput,
				fee: FEE,
			}
			.into(),
		);
		// EVE anchoring the job's real output states a fact, under her own anchor.
		assert_ok!(anchor_trace(EVE, root, 5, None, Some(JOB)));
		assert_eq!(attribution(EVE, root), Attribution::JobOutput);
		// The version's index lists the anchor naming it, not the one that names none.
		let naming: Vec<_> = crate::AnchorsByVersion::<Test>::iter_prefix(7).collect();
		assert_eq!(naming, vec![(0, id(BOB, root))]);
		assert_eq!(crate::VersionAnchorCount::<Test>::get(7), 1);

		// The runtime API reports the checked attribution with the step.
		let single = Proof { leaf_index: 0, leaf_count: 1, siblings: vec![] };
		let step = merkle::proof(&output, 4).unwrap();
		let answer =
			ReasoningAnchor::verify_step(id(BOB, root), root, single, output[4].clone(), step);
		assert!(answer.anchored);
		assert_eq!(
			(answer.submitter, answer.job, answer.model_version, answer.attribution),
			(Some(BOB), Some(JOB), Some(7), Some(Attribution::JobOutput))
		);
	});
}

#[test]
fn the_jobs_owner_and_providers_vouch_for_other_roots_visibly() {
	new_test_ext(|| {
		bobs_job();
		// A batch of the job's traces: its root cannot be the job's output hash.
		let traces = vec![trace("bob x", 2), trace("bob y", 3)];
		let (root, roots) = batch(&traces);
		let anchor_batch = |who| {
			ReasoningAnchor::anchor_batch(
				RuntimeOrigin::signed(who),
				root,
				2,
				5,
				Some(7),
				Some(JOB),
				None,
			)
		};
		assert_ok!(anchor_batch(BOB));
		assert_eq!(attribution(BOB, root), Attribution::JobOwner);
		assert_ok!(anchor_batch(CAROL));
		assert_eq!(attribution(CAROL, root), Attribution::JobProvider);
		assert_noop!(anchor_batch(EVE), Error::<Test>::NotJobParty);

		let tp = merkle::proof(roots.iter().map(|r| r.as_bytes()), 0).unwrap();
		let sp = merkle::proof(&traces[0], 1).unwrap();
		let carols = id(CAROL, root);
		let answer = ReasoningAnchor::verify_step(carols, roots[0], tp, traces[0][1].clone(), sp);
		assert!(answer.anchored);
		assert_eq!(
			(answer.submitter, answer.attribution),
			(Some(CAROL), Some(Attribution::JobProvider))
		);
	});
}

#[test]
fn a_named_model_version_must_be_the_one_the_job_ran() {
	new_test_ext(|| {
		let root = merkle::root(bobs_job());
		Lineage::insert(8, true, vec![], vec![]);
		// Even the job's own output cannot be credited to another model version.
		assert_noop!(
			anchor_trace(BOB, root, 5, Some(8), Some(JOB)),
			Error::<Test>::JobModelMismatch
		);
		assert_noop!(
			anchor_trace(EVE, root, 5, Some(8), Some(JOB)),
			Error::<Test>::JobModelMismatch
		);
		assert_ok!(anchor_trace(BOB, root, 5, Some(7), Some(JOB)));
	});
}
