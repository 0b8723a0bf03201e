//! Verified lineage: a named training job's receipt must match the declared version.

use super::*;
use crate::{Error, Provenance, Versions};
use frame_support::assert_noop;
use verity_primitives::traits::{ComputeReceipt, JobKind};
use Relation::*;

const JOB: u64 = 3;

fn receipt(output: u64, base: Option<u64>, datasets: Vec<u64>) -> ComputeReceipt<u64> {
	ComputeReceipt {
		owner: 1,
		kind: JobKind::Training,
		providers: vec![7, 8],
		model_version: base,
		datasets,
		input_hash: weights(1_000),
		output_hash: weights(output),
	}
}

/// A model with a base version and datasets 1 to 3; returns (model, base).
fn setup() -> (u64, u64) {
	let model = new_model(1);
	let base = publish(1, model, spec(1));
	datasets(&[1, 2, 3]);
	(model, base)
}

fn trained(n: u64, base: u64, datasets: Vec<u64>) -> VersionSpec {
	VersionSpec { datasets, training_job: Some(JOB), ..child_spec(n, &[(base, FineTune)]) }
}

#[test]
fn a_matching_receipt_makes_the_version_verified() {
	new_test_ext(|| {
		let (model, base) = setup();
		// Datasets compare as sets: order and repetition in the receipt do not matter.
		testing::Compute::insert(JOB, receipt(2, Some(base), vec![3, 1, 3]));
		let parents = &[(base, FineTune)];
		let version = publish(
			1,
			model,
			VersionSpec { datasets: vec![1, 3], training_job: Some(JOB), ..child_spec(2, parents) },
		);
		assert_eq!(
			Versions::<Test>::get(version).unwrap().provenance,
			Provenance::Verified { job: JOB }
		);
	});
}

#[test]
fn a_from_scratch_training_names_no_base_model() {
	new_test_ext(|| {
		let (model, base) = setup();
		testing::Compute::insert(JOB, receipt(2, None, vec![1]));
		let version = publish(
			1,
			model,
			VersionSpec { datasets: vec![1], training_job: Some(JOB), ..spec(2) },
		);
		assert_eq!(
			Versions::<Test>::get(version).unwrap().provenance,
			Provenance::Verified { job: JOB }
		);
		// The same receipt cannot back a version that declares a parent.
		testing::Compute::insert(JOB + 1, receipt(3, None, vec![1]));
		assert_noop!(
			Lineage::publish_version(
				RuntimeOrigin::signed(1),
				model,
				VersionSpec {
					datasets: vec![1],
					training_job: Some(JOB + 1),
					..child_spec(3, &[(base, FineTune)])
				}
			),
			Error::<Test>::JobInputsMismatch
		);
	});
}

#[test]
fn an_unknown_or_unfinished_job_is_refused() {
	new_test_ext(|| {
		let (model, base) = setup();
		assert_noop!(
			Lineage::publish_version(RuntimeOrigin::signed(1), model, trained(2, base, vec![1])),
			Error::<Test>::JobNotCompleted
		);
	});
}

#[test]
fn the_job_output_must_be_the_weights() {
	new_test_ext(|| {
		let (model, base) = setup();
		testing::Compute::insert(JOB, receipt(9, Some(base), vec![1]));
		assert_noop!(
			Lineage::publish_version(RuntimeOrigin::signed(1), model, trained(2, base, vec![1])),
			Error::<Test>::JobOutputMismatch
		);
	});
}

#[test]
fn the_job_must_start_from_the_first_parent() {
	new_test_ext(|| {
		let (model, base) = setup();
		testing::Compute::insert(JOB, receipt(2, Some(base), vec![1]));
		let spec = VersionSpec {
			datasets: vec![1],
			training_job: Some(JOB),
			..child_spec(2, &[(base, FineTune)])
		};
		let other = publish(1, model, super::spec(5));
		// The job started from `base`, which the merge names second.
		let merged =
			VersionSpec { parents: vec![link(other, Merge), link(base, Merge)], ..spec.clone() };
		assert_noop!(
			Lineage::publish_version(RuntimeOrigin::signed(1), model, merged),
			Error::<Test>::JobInputsMismatch
		);
		// A receipt that names a model cannot back a version without parents.
		assert_noop!(
			Lineage::publish_version(
				RuntimeOrigin::signed(1),
				model,
				VersionSpec { parents: vec![], ..spec }
			),
			Error::<Test>::JobInputsMismatch
		);
	});
}

#[test]
fn the_job_datasets_must_be_the_declared_ones() {
	new_test_ext(|| {
		let (model, base) = setup();
		testing::Compute::insert(JOB, receipt(2, Some(base), vec![1, 2]));
		// One missing, one extra, one different.
		for declared in [vec![1], vec![1, 2, 3], vec![1, 3]] {
			assert_noop!(
				Lineage::publish_version(
					RuntimeOrigin::signed(1),
					model,
					trained(2, base, declared)
				),
				Error::<Test>::JobInputsMismatch
			);
		}
	});
}

#[test]
fn a_version_without_a_job_is_declared() {
	new_test_ext(|| {
		let (model, base) = setup();
		// A receipt exists for these weights, but the version does not name the job.
		testing::Compute::insert(JOB, receipt(2, Some(base), vec![]));
		let version = publish(1, model, child_spec(2, &[(base, FineTune)]));
		assert_eq!(Versions::<Test>::get(version).unwrap().provenance, Provenance::Declared);
	});
}

/// Bob (account 2) trained weights 2 from `base` on dataset 1; Eve (account 5) has her own model.
fn bob_and_eve() -> (u64, u64, u64) {
	let (_, base) = setup();
	let bob_model = new_model(BOB);
	let eve_model = new_model(EVE);
	testing::Compute::insert(JOB, ComputeReceipt { owner: BOB, ..receipt(2, Some(base), vec![1]) });
	(base, bob_model, eve_model)
}

const BOB: u64 = 2;
const EVE: u64 = 5;

#[test]
fn another_trainers_receipt_cannot_verify_the_attackers_version() {
	new_test_ext(|| {
		let (base, bob_model, eve_model) = bob_and_eve();
		assert_noop!(
			Lineage::publish_version(
				RuntimeOrigin::signed(EVE),
				eve_model,
				trained(2, base, vec![1])
			),
			Error::<Test>::NotJobOwner
		);
		// Bob's record is intact: he publishes his weights, verified by his job.
		let version = publish(BOB, bob_model, trained(2, base, vec![1]));
		assert_eq!(
			Versions::<Test>::get(version).unwrap().provenance,
			Provenance::Verified { job: JOB }
		);
		assert_eq!(crate::VerifiedByJob::<Test>::get(JOB), Some(version));
	});
}

#[test]
fn squatting_the_trainers_weights_as_declared_does_not_block_the_trainer() {
	new_test_ext(|| {
		let (base, bob_model, eve_model) = bob_and_eve();
		// Eve reads weights 2 from Bob's receipt and declares them first.
		let squat = publish(EVE, eve_model, child_spec(2, &[(base, FineTune)]));
		assert_eq!(Lineage::version_by_weights(weights(2)), Some(squat));
		// Bob's verified version takes the weights over; Eve paid a deposit for nothing.
		let version = publish(BOB, bob_model, trained(2, base, vec![1]));
		assert_eq!(Lineage::version_by_weights(weights(2)), Some(version));
		assert_eq!(Versions::<Test>::get(squat).unwrap().provenance, Provenance::Declared);
		assert_eq!(held(crate::HoldReason::VersionDeposit, EVE), VERSION_DEPOSIT);
		// Nobody registers those weights again, declared or verified.
		assert_noop!(
			Lineage::publish_version(
				RuntimeOrigin::signed(EVE),
				eve_model,
				child_spec(2, &[(base, FineTune)])
			),
			Error::<Test>::DuplicateWeights
		);
		testing::Compute::insert(
			JOB + 1,
			ComputeReceipt { owner: EVE, ..receipt(2, Some(base), vec![1]) },
		);
		assert_noop!(
			Lineage::publish_version(
				RuntimeOrigin::signed(EVE),
				eve_model,
				VersionSpec { training_job: Some(JOB + 1), ..trained(2, base, vec![1]) }
			),
			Error::<Test>::DuplicateWeights
		);
	});
}

#[test]
fn a_receipt_verifies_one_version_only() {
	new_test_ext(|| {
		let (base, bob_model, _) = bob_and_eve();
		publish(BOB, bob_model, trained(2, base, vec![1]));
		let second = new_model(BOB);
		assert_noop!(
			Lineage::publish_version(RuntimeOrigin::signed(BOB), second, trained(3, base, vec![1])),
			Error::<Test>::JobAlreadyUsed
		);
	});
}

#[test]
fn only_a_training_job_verifies() {
	new_test_ext(|| {
		let (model, base) = setup();
		for kind in [JobKind::Inference, JobKind::Evaluation, JobKind::SyntheticData] {
			testing::Compute::insert(
				JOB,
				ComputeReceipt { kind, ..receipt(2, Some(base), vec![1]) },
			);
			assert_noop!(
				Lineage::publish_version(
					RuntimeOrigin::signed(1),
					model,
					trained(2, base, vec![1])
				),
				Error::<Test>::NotTrainingJob
			);
		}
	});
}

#[test]
fn a_self_served_job_cannot_verify_undeclared_data() {
	new_test_ext(|| {
		let (model, base) = setup();
		// The publisher's own job trained on datasets 1 and 2; the version hides dataset 2.
		testing::Compute::insert(JOB, receipt(2, Some(base), vec![1, 2]));
		assert_noop!(
			Lineage::publish_version(RuntimeOrigin::signed(1), model, trained(2, base, vec![1])),
			Error::<Test>::JobInputsMismatch
		);
		// Declaring what the job read verifies.
		let version = publish(1, model, trained(2, base, vec![1, 2]));
		assert_eq!(
			crate::LineageDatasets::<Test>::get(version).to_vec(),
			vec![1, 2],
			"the hidden dataset is in the lineage"
		);
	});
}
