use super::*;
use crate::{DatasetByRoot, Error, Overlaps, ShardOwners};
use verity_primitives::traits::DatasetInspect;

fn recorded(id: DatasetId) -> Vec<(DatasetId, u32)> {
	Overlaps::<Test>::get(id).into_inner()
}

#[test]
fn an_identical_root_is_refused_and_the_existing_dataset_found_by_root() {
	new_test_ext(|| {
		let list = shards(1..=3);
		let id = register(1, list.clone());
		refused(2, list.clone(), DatasetKind::Curated, vec![], Error::<Test>::AlreadyRegistered);
		assert_eq!(DatasetRegistry::dataset_by_root(root_of(&list)), Some(id));
		assert_eq!(DatasetRegistry::dataset_by_root(root_of(&shards([9]))), None);
	});
}

#[test]
fn a_dataset_made_only_of_registered_shards_is_refused() {
	new_test_ext(|| {
		register(1, shards(1..=3));
		register(1, shards(4..=5));
		// Same shards, another order: another root, no new shard.
		refused(2, shards([3, 2, 1]), DatasetKind::Curated, vec![], Error::<Test>::DuplicateShards);
		// A subset.
		refused(2, shards([2]), DatasetKind::Curated, vec![], Error::<Test>::DuplicateShards);
		// Spread over two datasets.
		refused(2, shards([1, 5]), DatasetKind::Curated, vec![], Error::<Test>::DuplicateShards);
	});
}

#[test]
fn a_partial_overlap_is_recorded_announced_and_queryable() {
	new_test_ext(|| {
		let a = register(1, shards([1, 2, 3, 4]));
		let b = register(2, shards([3, 4, 5]));
		assert_eq!(recorded(a), vec![]);
		assert_eq!(recorded(b), vec![(a, 2)]);
		let c = register(3, shards([1, 4, 5, 6]));
		// Shard 4 is in a and b, 1 only in a, 5 only in b: two each, lower id first.
		assert_eq!(recorded(c), vec![(a, 2), (b, 2)]);
		assert!(matches!(
			events().last(),
			Some(Event::Registered { id, overlaps, .. })
				if *id == c && overlaps.to_vec() == vec![(a, 2), (b, 2)]
		));

		// The live view sees later datasets too.
		assert_eq!(DatasetRegistry::overlaps(a), vec![(b, 2), (c, 2)]);
		assert_eq!(DatasetRegistry::overlaps(b), vec![(a, 2), (c, 2)]);
		assert_eq!(DatasetRegistry::overlaps(99), vec![]);
		assert_eq!(DatasetRegistry::overlap(a, b), 2);
		assert_eq!(DatasetRegistry::overlap(b, c), 2);
		assert_eq!(DatasetRegistry::overlap(a, c), 2);
		assert_eq!(DatasetRegistry::overlap(a, 99), 0);
		assert_eq!(ShardOwners::<Test>::get(shard(4)).into_inner(), vec![a, b, c]);
	});
}

#[test]
fn only_the_strongest_overlaps_are_recorded() {
	new_test_ext(|| {
		let d0 = register(1, shards([10, 11, 12]));
		let d1 = register(1, shards([20, 21]));
		let d2 = register(1, shards([30]));
		let _d3 = register(1, shards([40]));
		let new = register(2, shards([40, 30, 20, 11, 10, 99]));
		// d0 shares two; d1, d2 and d3 one each; three are kept (MaxOverlapsRecorded).
		assert_eq!(recorded(new), vec![(d0, 2), (d1, 1), (d2, 1)]);
		let deposit = deposit_of(new);
		let expected = {
			let record = crate::Datasets::<Test>::get(new).unwrap();
			// Three recorded overlaps and four upstreams (d0 to d3), 12 bytes each.
			DatasetRegistry::deposit_for(DatasetRegistry::footprint(&record, 3 + 4, 0))
		};
		assert_eq!(deposit, expected);
	});
}

#[test]
fn the_shard_index_keeps_a_bounded_list_per_shard() {
	new_test_ext(|| {
		let ids: Vec<_> = (1..=4).map(|n| register(1, shards([50, n]))).collect();
		// MaxShardOwners is 3: the fourth dataset is not listed, the shard stays known.
		assert_eq!(ShardOwners::<Test>::get(shard(50)).into_inner(), ids[..3].to_vec());
		assert_eq!(recorded(ids[3]), vec![(ids[0], 1), (ids[1], 1), (ids[2], 1)]);
		refused(2, shards([4, 50]), DatasetKind::Curated, vec![], Error::<Test>::DuplicateShards);
	});
}

#[test]
fn removing_a_dataset_frees_its_root_and_shards() {
	new_test_ext(|| {
		let a = register(1, shards([1, 2]));
		let b = register(2, shards([2, 3]));
		assert_ok!(DatasetRegistry::remove(RuntimeOrigin::signed(1), a));
		assert_eq!(DatasetByRoot::<Test>::get(root_of(&shards([1, 2]))), None);
		assert!(!ShardOwners::<Test>::contains_key(shard(1)));
		assert_eq!(ShardOwners::<Test>::get(shard(2)).into_inner(), vec![b]);
		assert!(!DatasetRegistry::exists(a));
		assert_eq!(DatasetRegistry::shards(a), vec![]);

		// The same content can be registered again, under a new id.
		let again = register(3, shards([1, 2]));
		assert_eq!(again, 2);
		assert_eq!(recorded(again), vec![(b, 1)]);
	});
}
