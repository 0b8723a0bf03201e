//! Queries: ancestors, descendants and lineage datasets, `LineageInspect`, and the views.

use super::*;
use crate::{LineageNode, VersionStatus};
use frame_support::assert_ok;
use verity_primitives::traits::LineageInspect;
use verity_primitives::TaintSource;
use Relation::*;

fn node(version: u64, depth: u32, relation: Relation, via: u64) -> LineageNode {
	LineageNode { version, depth, relation, via }
}

/// base ← left (fine-tune), base ← right (distill), left + right ← merged.
fn diamond(model: u64) -> (u64, u64, u64, u64) {
	let base = publish(1, model, spec(1));
	let left = publish(1, model, child_spec(2, &[(base, FineTune)]));
	let right = publish(1, model, child_spec(3, &[(base, Distill)]));
	let merged = publish(1, model, child_spec(4, &[(left, Merge), (right, Merge)]));
	(base, left, right, merged)
}

/// `len` versions, each a fine-tune of the previous; version `i` trained on dataset `i`.
fn chain(model: u64, len: u64) -> Vec<u64> {
	datasets(&(0..len).collect::<Vec<_>>());
	let mut versions: Vec<u64> = Vec::new();
	for i in 0..len {
		let parents: Vec<_> = versions.last().map(|p| (*p, FineTune)).into_iter().collect();
		versions.push(publish(
			1,
			model,
			VersionSpec { datasets: vec![i], ..child_spec(100 + i, &parents) },
		));
	}
	versions
}

#[test]
fn ancestors_come_nearest_first_once_each_with_relations() {
	new_test_ext(|| {
		let (base, left, right, merged) = diamond(new_model(1));
		assert_eq!(
			Lineage::walk_ancestors(merged, 10),
			vec![
				node(left, 1, Merge, merged),
				node(right, 1, Merge, merged),
				node(base, 2, FineTune, left),
			]
		);
		assert_eq!(<Lineage as LineageInspect>::ancestors(merged, 10), vec![left, right, base]);
		assert!(Lineage::walk_ancestors(base, 10).is_empty());
		assert!(Lineage::walk_ancestors(99, 10).is_empty());
	});
}

#[test]
fn ancestor_walks_stop_at_the_requested_and_the_maximum_depth() {
	new_test_ext(|| {
		let versions = chain(new_model(1), 7);
		let last = versions[6];
		assert_eq!(<Lineage as LineageInspect>::ancestors(last, 2), vec![versions[5], versions[4]]);
		assert_eq!(<Lineage as LineageInspect>::ancestors(last, 0), Vec::<u64>::new());
		// MaxLineageDepth is 4, whatever is asked.
		assert_eq!(
			<Lineage as LineageInspect>::ancestors(last, u32::MAX),
			vec![versions[5], versions[4], versions[3], versions[2]]
		);
	});
}

#[test]
fn ancestor_walks_stop_at_the_maximum_node_count() {
	new_test_ext(|| {
		let model = new_model(1);
		// Four parents with four parents each: 20 ancestors, MaxLineageNodes is 16.
		let mut seed = 0;
		let mut parents = Vec::new();
		for _ in 0..4 {
			let grandparents: Vec<_> = (0..4)
				.map(|_| {
					seed += 1;
					(publish(1, model, spec(seed)), Merge)
				})
				.collect();
			seed += 1;
			parents.push((publish(1, model, child_spec(seed, &grandparents)), Merge));
		}
		let top = publish(1, model, child_spec(1_000, &parents));
		let ancestors = Lineage::walk_ancestors(top, 10);
		assert_eq!(ancestors.len(), 16);
		let nearest: Vec<_> = ancestors.iter().take(4).map(|n| (n.version, n.depth)).collect();
		assert_eq!(nearest, parents.iter().map(|(p, _)| (*p, 1)).collect::<Vec<_>>());
		assert!(ancestors.iter().skip(4).all(|n| n.depth == 2));
	});
}

#[test]
fn lineage_datasets_are_deduplicated_across_ancestors() {
	new_test_ext(|| {
		let model = new_model(1);
		datasets(&[1, 2, 3, 4, 5]);
		let with = |n: u64, parents: &[(u64, Relation)], datasets: Vec<u64>| VersionSpec {
			datasets,
			..child_spec(n, parents)
		};
		let base = publish(1, model, with(1, &[], vec![2, 1]));
		let tuned = publish(1, model, with(2, &[(base, FineTune)], vec![3, 2]));
		let other = publish(1, model, with(3, &[], vec![5]));
		let merged = publish(1, model, with(4, &[(tuned, Merge), (other, Merge)], vec![4, 1]));
		assert_eq!(<Lineage as LineageInspect>::lineage_datasets(merged), vec![1, 2, 3, 4, 5]);
		assert_eq!(<Lineage as LineageInspect>::lineage_datasets(tuned), vec![1, 2, 3]);
		assert_eq!(<Lineage as LineageInspect>::lineage_datasets(99), Vec::<u64>::new());
	});
}

#[test]
fn lineage_datasets_reach_past_the_walk_depth() {
	new_test_ext(|| {
		let versions = chain(new_model(1), 6);
		// Five generations up, past MaxLineageDepth (4): version 0's dataset is there.
		assert_eq!(
			<Lineage as LineageInspect>::lineage_datasets(versions[5]),
			vec![0, 1, 2, 3, 4, 5]
		);
		// The view's ancestors stop at the asked depth; its datasets are the whole lineage's.
		let view = Lineage::lineage_view(versions[5], 2);
		assert_eq!(
			view.ancestors.iter().map(|n| n.version).collect::<Vec<_>>(),
			vec![versions[4], versions[3]]
		);
		assert_eq!(view.datasets, vec![0, 1, 2, 3, 4, 5]);
	});
}

#[test]
fn descendants_come_nearest_first_with_relations() {
	new_test_ext(|| {
		let (base, left, right, merged) = diamond(new_model(1));
		assert_eq!(
			Lineage::walk_descendants(base, 10),
			vec![
				node(left, 1, FineTune, base),
				node(right, 1, Distill, base),
				node(merged, 2, Merge, left),
			]
		);
		assert_eq!(Lineage::walk_descendants(base, 1).len(), 2);
		assert!(Lineage::walk_descendants(merged, 10).is_empty());
		assert!(Lineage::walk_descendants(99, 10).is_empty());
	});
}

#[test]
fn views_show_records_and_usability() {
	new_test_ext(|| {
		let model = new_model(1);
		assert_ok!(Lineage::add_maintainer(RuntimeOrigin::signed(1), model, 2));
		let (base, left, _, _) = diamond(model);
		let tuned = publish(2, model, child_spec(5, &[(left, FineTune)]));

		let view = Lineage::model_view(model).unwrap();
		assert_eq!((view.owner, view.maintainers, view.version_count), (1, vec![2], 5));
		assert_eq!(view.name, b"llama".to_vec());
		assert!(Lineage::model_view(9).is_none());

		assert_eq!(Lineage::version_by_weights(weights(5)), Some(tuned));
		assert_eq!(Lineage::version_by_weights(weights(99)), None);
		let version = Lineage::version_view(tuned).unwrap();
		assert_eq!((version.owner, version.publisher), (1, 2));
		assert_eq!(version.parents, vec![link(left, FineTune)]);
		assert!(version.usable);

		assert_ok!(Lineage::revoke_version(RuntimeOrigin::signed(1), base));
		finish_revocations();
		let version = Lineage::version_view(tuned).unwrap();
		assert!(version.usable && version.tainted_by == Some(TaintSource::Version(base)));
		assert_eq!(version.status, VersionStatus::Active);
		assert!(<Lineage as LineageInspect>::exists(tuned));
		assert!(<Lineage as LineageInspect>::is_usable(tuned));
		assert!(!Lineage::version_view(base).unwrap().usable);
		assert!(!<Lineage as LineageInspect>::is_usable(base));
		assert!(!<Lineage as LineageInspect>::exists(99));
	});
}

#[test]
fn version_owners_are_the_publisher_the_owner_and_the_maintainers() {
	new_test_ext(|| {
		use verity_primitives::traits::VersionOwners;
		let model = new_model(1);
		assert_ok!(Lineage::add_maintainer(RuntimeOrigin::signed(1), model, 2));
		assert_ok!(Lineage::add_maintainer(RuntimeOrigin::signed(1), model, 3));
		let version = publish(3, model, spec(1));
		assert_eq!(<Lineage as VersionOwners<u64>>::owners(version), vec![3, 1, 2, 3]);
		assert!(<Lineage as VersionOwners<u64>>::owners(99).is_empty());
	});
}
