//! Lineage datasets: pinned while named, the whole lineage's set stored at publication, bounded.

use super::*;
use crate::{Error, LineageDatasets};
use frame_support::assert_noop;
use verity_primitives::traits::LineageInspect;
use Relation::*;

#[test]
fn declared_datasets_are_pinned_by_the_version() {
	new_test_ext(|| {
		let model = new_model(1);
		datasets(&[1, 2, 3]);
		publish(1, model, VersionSpec { datasets: vec![1, 2], ..spec(1) });
		publish(1, model, VersionSpec { datasets: vec![2], ..spec(2) });
		assert_eq!(
			[1, 2, 3].map(testing::Datasets::pins),
			[1, 2, 0],
			"each version holds one pin on each dataset it names"
		);
		// A refused version pins nothing.
		assert_noop!(
			Lineage::publish_version(
				RuntimeOrigin::signed(1),
				model,
				VersionSpec { datasets: vec![3, 9], ..spec(3) }
			),
			Error::<Test>::UnknownDataset
		);
		assert_eq!(testing::Datasets::pins(3), 0);
	});
}

#[test]
fn contamination_at_the_root_of_a_deep_chain_is_found() {
	new_test_ext(|| {
		let model = new_model(1);
		datasets(&[7]);
		// Twenty generations, far past the walk's depth (4 here, 16 in the runtime); only the
		// root trained on dataset 7.
		let mut top = publish(1, model, VersionSpec { datasets: vec![7], ..spec(1) });
		for n in 2..=21 {
			top = publish(1, model, child_spec(n, &[(top, FineTune)]));
		}
		assert_eq!(Lineage::walk_ancestors(top, u32::MAX).len(), 4, "the walk stops early");
		assert_eq!(<Lineage as LineageInspect>::lineage_datasets(top), vec![7]);
		assert_eq!(Lineage::lineage_view(top, 1).datasets, vec![7]);
	});
}

#[test]
fn the_lineage_set_is_bounded_and_refused_by_name_beyond() {
	new_test_ext(|| {
		let model = new_model(1);
		datasets(&(1..=12).collect::<Vec<_>>());
		// Two lines of four datasets each: eight, the bound.
		let left = publish(1, model, VersionSpec { datasets: vec![1, 2, 3, 4], ..spec(1) });
		let right = publish(1, model, VersionSpec { datasets: vec![5, 6, 7, 8], ..spec(2) });
		let merged = publish(1, model, child_spec(3, &[(left, Merge), (right, Merge)]));
		assert_eq!(LineageDatasets::<Test>::get(merged).to_vec(), (1..=8).collect::<Vec<_>>());
		// Naming datasets already in the lineage adds nothing.
		publish(
			1,
			model,
			VersionSpec { datasets: vec![1, 8], ..child_spec(4, &[(merged, FineTune)]) },
		);
		// One more is refused, however it would come in.
		assert_noop!(
			Lineage::publish_version(
				RuntimeOrigin::signed(1),
				model,
				VersionSpec { datasets: vec![9], ..child_spec(5, &[(merged, FineTune)]) }
			),
			Error::<Test>::LineageTooManyDatasets
		);
		let other = publish(1, model, VersionSpec { datasets: vec![9], ..spec(6) });
		assert_noop!(
			Lineage::publish_version(
				RuntimeOrigin::signed(1),
				model,
				child_spec(7, &[(merged, Merge), (other, Merge)])
			),
			Error::<Test>::LineageTooManyDatasets
		);
	});
}
