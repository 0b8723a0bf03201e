//! Bad data taints down the lineage: a flagged dataset taints the versions trained on it and
//! their descendants, by the same bounded walk as a revocation.

use super::*;
use crate::{Error, Event, RevocationQueue, Versions};
use frame_support::assert_noop;
use verity_primitives::{
	traits::{LineageInspect, OnDatasetFlagged},
	TaintSource,
};

fn taint_of(version: ModelVersionId) -> Option<TaintSource> {
	Versions::<Test>::get(version).unwrap().tainted_by
}

/// What the registry does when its verifiers reject dataset `id` (or it is revoked).
fn flag(id: DatasetId) {
	testing::Datasets::flag(id);
	<Lineage as OnDatasetFlagged>::flagged(id, id);
}

/// `len` versions in a line, each fine-tuned from the one before, the first trained on `data`.
fn line(owner: u64, data: DatasetId, len: u64) -> Vec<ModelVersionId> {
	let model = new_model(owner);
	let first = VersionSpec { datasets: vec![data], ..spec(owner * 100) };
	let mut versions = vec![publish(owner, model, first)];
	for n in 1..len {
		let parent = *versions.last().unwrap();
		let child = child_spec(owner * 100 + n, &[(parent, Relation::FineTune)]);
		versions.push(publish(owner, model, child));
	}
	versions
}

#[test]
fn a_flagged_dataset_taints_its_users_and_every_descendant() {
	new_test_ext(|| {
		datasets(&[1, 2]);
		let versions = line(1, 1, 8);
		// Another party's model on other data, and one trained on both.
		let clean = publish(3, new_model(3), VersionSpec { datasets: vec![2], ..spec(50) });
		let both = publish(3, new_model(3), VersionSpec { datasets: vec![1, 2], ..spec(51) });

		flag(1);
		// Queued only: the hook does constant work.
		assert!(RevocationQueue::<Test>::contains_key(TaintSource::Dataset(1)));
		assert_eq!(taint_of(versions[0]), None);

		// `on_idle` and anyone's `continue_revocation` finish it, MaxRevocationFanout (3) steps
		// a call: 2 users + 7 edges down the line.
		let mut calls = 0;
		while RevocationQueue::<Test>::iter().next().is_some() {
			assert_ok!(Lineage::continue_revocation(RuntimeOrigin::signed(9), 10));
			calls += 1;
		}
		assert_eq!(calls, 3);
		for v in versions.iter().chain([&both]) {
			assert_eq!(taint_of(*v), Some(TaintSource::Dataset(1)), "version {v}");
			assert_eq!(Lineage::taint(*v), Some(TaintSource::Dataset(1)));
		}
		assert_eq!(taint_of(clean), None);
		System::assert_has_event(
			Event::VersionTainted { version: versions[7], by: TaintSource::Dataset(1) }.into(),
		);
		// Tainted versions stay usable for jobs.
		assert!(Lineage::is_usable(versions[7]));
		assert_noop!(
			Lineage::continue_revocation(RuntimeOrigin::signed(9), 10),
			Error::<Test>::NothingToPropagate
		);
	});
}

#[test]
fn the_first_flag_to_arrive_is_the_one_named_and_a_second_hook_call_adds_nothing() {
	new_test_ext(|| {
		datasets(&[1]);
		let versions = line(1, 1, 3);
		assert_ok!(Lineage::revoke_version(RuntimeOrigin::signed(1), versions[0]));
		assert_eq!(taint_of(versions[2]), Some(TaintSource::Version(versions[0])));
		flag(1);
		<Lineage as OnDatasetFlagged>::flagged(1, 1);
		assert_eq!(RevocationQueue::<Test>::iter().count(), 1);
		finish_revocations();
		assert_eq!(taint_of(versions[2]), Some(TaintSource::Version(versions[0])));
		// The revoked version names itself.
		assert_eq!(Lineage::taint(versions[0]), Some(TaintSource::Version(versions[0])));
	});
}

#[test]
fn a_dataset_nobody_trained_on_queues_nothing_and_flagged_data_takes_no_new_users() {
	new_test_ext(|| {
		datasets(&[1]);
		flag(1);
		assert_eq!(RevocationQueue::<Test>::iter().count(), 0);
		let model = new_model(1);
		assert_noop!(
			Lineage::publish_version(
				RuntimeOrigin::signed(1),
				model,
				VersionSpec { datasets: vec![1], ..spec(1) }
			),
			Error::<Test>::DatasetNotUsable
		);
	});
}

#[test]
fn a_child_published_under_a_data_tainted_parent_inherits_the_taint() {
	new_test_ext(|| {
		datasets(&[1]);
		let versions = line(1, 1, 1);
		flag(1);
		finish_revocations();
		let model = new_model(2);
		let child = publish(2, model, child_spec(9, &[(versions[0], Relation::Distill)]));
		assert_eq!(taint_of(child), Some(TaintSource::Dataset(1)));
		System::assert_last_event(
			Event::VersionTainted { version: child, by: TaintSource::Dataset(1) }.into(),
		);
	});
}

#[test]
fn idle_block_space_takes_several_rounds_of_the_walk() {
	new_test_ext(|| {
		use frame_support::{traits::Hooks, weights::Weight};
		datasets(&[1]);
		let versions = line(1, 1, 8);
		flag(1);
		// 9 steps, 3 a round: one idle block with room finishes the walk.
		Lineage::on_idle(2, Weight::MAX);
		assert!(versions.iter().all(|v| taint_of(*v) == Some(TaintSource::Dataset(1))));
		assert_eq!(RevocationQueue::<Test>::iter().count(), 0);
		// Without room, nothing moves.
		datasets(&[2]);
		let more = line(2, 2, 2);
		flag(2);
		Lineage::on_idle(3, Weight::zero());
		assert_eq!(taint_of(more[0]), None);
	});
}

#[test]
fn data_derived_from_flagged_data_taints_naming_the_root_cause() {
	new_test_ext(|| {
		// Dataset 2 derives from 1; the registry flags 1, then (walking down) 2, naming 1.
		datasets(&[1, 2]);
		let versions = line(1, 2, 2);
		testing::Datasets::flag(1);
		<Lineage as OnDatasetFlagged>::flagged(1, 1);
		testing::Datasets::flag(2);
		<Lineage as OnDatasetFlagged>::flagged(2, 1);
		finish_revocations();
		assert!(versions.iter().all(|v| taint_of(*v) == Some(TaintSource::Dataset(1))));
	});
}
