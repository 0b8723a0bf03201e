//! Versions: publication, parents, datasets, deposits and every refused input.

use super::*;
use crate::{
	Children, Error, Event, HoldReason, Models, NextVersionId, Provenance, VersionByWeights,
	VersionStatus, Versions,
};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::{DispatchError, TokenError};
use verity_primitives::TaintSource;
use Relation::*;

#[test]
fn a_base_version_is_recorded_with_its_deposit() {
	new_test_ext(|| {
		let model = new_model(1);
		datasets(&[5, 6]);
		let version = publish(1, model, VersionSpec { datasets: vec![6, 5], ..spec(1) });
		let record = Versions::<Test>::get(version).unwrap();
		assert_eq!(record.model, model);
		assert_eq!(record.weights_hash, weights(1));
		assert_eq!(record.datasets.to_vec(), vec![6, 5]);
		assert_eq!(record.provenance, Provenance::Declared);
		assert_eq!(record.status, VersionStatus::Active);
		assert_eq!(record.deposit, VERSION_DEPOSIT);
		assert_eq!(held(HoldReason::VersionDeposit, 1), VERSION_DEPOSIT);
		assert_eq!(VersionByWeights::<Test>::get(weights(1)), Some(version));
		assert_eq!(Models::<Test>::get(model).unwrap().version_count, 1);
		assert_eq!(NextVersionId::<Test>::get(), version + 1);
		System::assert_last_event(
			Event::VersionPublished {
				model,
				version,
				publisher: 1,
				weights_hash: weights(1),
				provenance: Provenance::Declared,
			}
			.into(),
		);
	});
}

#[test]
fn derived_versions_are_indexed_as_children_of_their_parents() {
	new_test_ext(|| {
		let model = new_model(1);
		let base = publish(1, model, spec(1));
		let other = publish(1, model, spec(2));
		let tuned = publish(1, model, child_spec(3, &[(base, FineTune)]));
		let merged = publish(1, model, child_spec(4, &[(tuned, Merge), (other, Merge)]));
		assert_eq!(children(base), vec![tuned]);
		assert_eq!(children(tuned), vec![merged]);
		assert_eq!(children(other), vec![merged]);
		assert_eq!(
			Versions::<Test>::get(merged).unwrap().parents.to_vec(),
			vec![link(tuned, Merge), link(other, Merge)]
		);
		// Versions of another model may derive from these.
		let other_model = new_model(2);
		let distilled = publish(2, other_model, child_spec(5, &[(merged, Distill)]));
		assert_eq!(children(merged), vec![distilled]);
	});
}

#[test]
fn parents_must_already_exist_so_no_cycle_can_form() {
	new_test_ext(|| {
		let model = new_model(1);
		let base = publish(1, model, spec(1));
		let next = NextVersionId::<Test>::get();
		let try_parents = |parents: &[(u64, Relation)]| {
			Lineage::publish_version(RuntimeOrigin::signed(1), model, child_spec(9, parents))
		};
		// Unknown parent.
		assert_noop!(try_parents(&[(500, FineTune)]), Error::<Test>::UnknownParent);
		// Self-parent: the id this version is about to get.
		assert_noop!(try_parents(&[(base, FineTune), (next, Merge)]), Error::<Test>::SelfParent);
		// Cycle attempt: naming a later version, to be published as a child of this one.
		assert_noop!(
			try_parents(&[(base, FineTune), (next + 1, Merge)]),
			Error::<Test>::UnknownParent
		);
		assert_noop!(
			try_parents(&[(base, FineTune), (base, Merge)]),
			Error::<Test>::DuplicateParent
		);
		let many: Vec<_> = (0..5).map(|i| (i, Merge)).collect();
		assert_noop!(try_parents(&many), Error::<Test>::TooManyParents);
	});
}

#[test]
fn a_weights_hash_is_registered_once() {
	new_test_ext(|| {
		let model = new_model(1);
		publish(1, model, spec(1));
		let other = new_model(2);
		assert_noop!(
			Lineage::publish_version(RuntimeOrigin::signed(2), other, spec(1)),
			Error::<Test>::DuplicateWeights
		);
	});
}

#[test]
fn revoked_parents_are_refused() {
	new_test_ext(|| {
		let model = new_model(1);
		let base = publish(1, model, spec(1));
		let tuned = publish(1, model, child_spec(2, &[(base, FineTune)]));
		assert_ok!(Lineage::revoke_version(RuntimeOrigin::signed(1), base));
		assert_noop!(
			Lineage::publish_version(
				RuntimeOrigin::signed(1),
				model,
				child_spec(3, &[(base, FineTune)])
			),
			Error::<Test>::RevokedParent
		);
		// Below a revoked ancestor the version is tainted, not revoked: it may gain children,
		// which inherit the taint.
		let below = publish(1, model, child_spec(3, &[(tuned, Quantize)]));
		assert_eq!(
			Versions::<Test>::get(below).unwrap().tainted_by,
			Some(TaintSource::Version(base))
		);
		System::assert_last_event(
			Event::VersionTainted { version: below, by: TaintSource::Version(base) }.into(),
		);
		// A deprecated parent is fine.
		let other = publish(1, model, spec(4));
		assert_ok!(Lineage::deprecate_version(RuntimeOrigin::signed(1), other));
		publish(1, model, child_spec(5, &[(other, Quantize)]));
	});
}

#[test]
fn training_datasets_must_exist_be_usable_and_distinct() {
	new_test_ext(|| {
		let model = new_model(1);
		datasets(&[1, 2, 3, 4, 5]);
		testing::Datasets::insert(7, false, vec![]);
		let try_datasets = |datasets: Vec<u64>| {
			Lineage::publish_version(
				RuntimeOrigin::signed(1),
				model,
				VersionSpec { datasets, ..spec(1) },
			)
		};
		assert_noop!(try_datasets(vec![1, 8]), Error::<Test>::UnknownDataset);
		assert_noop!(try_datasets(vec![1, 7]), Error::<Test>::DatasetNotUsable);
		assert_noop!(try_datasets(vec![1, 2, 1]), Error::<Test>::DuplicateDataset);
		assert_noop!(try_datasets(vec![1, 2, 3, 4, 5]), Error::<Test>::TooManyDatasets);
		assert_ok!(try_datasets(vec![1, 2, 3, 4]));
	});
}

#[test]
fn other_bad_version_inputs_are_refused() {
	new_test_ext(|| {
		let model = new_model(1);
		assert_noop!(
			Lineage::publish_version(RuntimeOrigin::signed(1), 9, spec(1)),
			Error::<Test>::UnknownModel
		);
		assert_noop!(
			Lineage::publish_version(RuntimeOrigin::signed(2), model, spec(1)),
			Error::<Test>::NotMaintainer
		);
		assert_noop!(
			Lineage::publish_version(
				RuntimeOrigin::signed(1),
				model,
				VersionSpec { uri: vec![b'u'; 65], ..spec(1) }
			),
			Error::<Test>::UriTooLong
		);
		assert_noop!(
			Lineage::publish_version(RuntimeOrigin::none(), model, spec(1)),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn publishing_needs_the_deposit() {
	new_test_ext(|| {
		let model = new_model(1);
		// 42 has no funds.
		assert_ok!(Lineage::add_maintainer(RuntimeOrigin::signed(1), model, 42));
		assert_noop!(
			Lineage::publish_version(RuntimeOrigin::signed(42), model, spec(1)),
			TokenError::FundsUnavailable
		);
	});
}

#[test]
fn the_owner_sets_the_royalty_rate() {
	new_test_ext(|| {
		let model = new_model(1);
		assert_ok!(Lineage::add_maintainer(RuntimeOrigin::signed(1), model, 2));
		let version =
			publish(2, model, VersionSpec { royalty: Permill::from_percent(5), ..spec(1) });
		assert_eq!(Versions::<Test>::get(version).unwrap().royalty, Permill::from_percent(5));
		let rate = Permill::from_percent(10);
		assert_noop!(
			Lineage::set_royalty(RuntimeOrigin::signed(2), version, rate),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			Lineage::set_royalty(RuntimeOrigin::signed(1), 9, rate),
			Error::<Test>::UnknownVersion
		);
		assert_ok!(Lineage::set_royalty(RuntimeOrigin::signed(1), version, rate));
		System::assert_last_event(Event::RoyaltySet { version, rate }.into());
		assert_eq!(Versions::<Test>::get(version).unwrap().royalty, rate);
	});
}

#[test]
fn the_invariants_catch_broken_lineage() {
	new_test_ext(|| {
		let model = new_model(1);
		let base = publish(1, model, spec(1));
		let tuned = publish(1, model, child_spec(2, &[(base, FineTune)]));
		assert_ok!(Lineage::do_try_state());
		let saved = Versions::<Test>::get(base).unwrap();
		// An edge to a later version would allow a cycle.
		Versions::<Test>::mutate(base, |v| {
			v.as_mut().unwrap().parents = vec![link(tuned, Merge)].try_into().unwrap()
		});
		Children::<Test>::insert(tuned, base, ());
		assert!(Lineage::do_try_state().is_err());
		Versions::<Test>::insert(base, saved);
		Children::<Test>::remove(tuned, base);
		assert_ok!(Lineage::do_try_state());
		// A stale weights index entry.
		VersionByWeights::<Test>::insert(weights(9), tuned);
		assert!(Lineage::do_try_state().is_err());
		VersionByWeights::<Test>::remove(weights(9));
		// A child missing from its parent's index.
		Children::<Test>::remove(base, tuned);
		assert!(Lineage::do_try_state().is_err());
		Children::<Test>::insert(base, tuned, ());
		// A lineage dataset set that is not the union of the version's and its parents'.
		crate::LineageDatasets::<Test>::insert(
			tuned,
			frame_support::BoundedVec::truncate_from(vec![7]),
		);
		assert!(Lineage::do_try_state().is_err());
		crate::LineageDatasets::<Test>::remove(tuned);
		// A taint without a revoked cause.
		Versions::<Test>::mutate(tuned, |v| {
			v.as_mut().unwrap().tainted_by = Some(TaintSource::Version(base))
		});
		assert!(Lineage::do_try_state().is_err());
		Versions::<Test>::mutate(tuned, |v| v.as_mut().unwrap().tainted_by = None);
		// A deposit not matching the records.
		Versions::<Test>::mutate(tuned, |v| v.as_mut().unwrap().deposit += 1);
		assert!(Lineage::do_try_state().is_err());
		Versions::<Test>::mutate(tuned, |v| v.as_mut().unwrap().deposit -= 1);
	});
}
