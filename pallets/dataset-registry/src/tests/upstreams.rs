//! Royalty sharing by overlap: a dataset holding earlier datasets' shards pays their owners
//! the fraction of its shards that is theirs.

use super::*;
use crate::{Error, Upstreams};
use sp_runtime::Permill;

fn set_rate(who: u64, id: DatasetId, rate: u32) {
	assert_ok!(DatasetRegistry::set_royalties(
		RuntimeOrigin::signed(who),
		id,
		Permill::from_percent(rate),
		vec![],
	));
}

#[test]
fn known_shards_are_attributed_to_the_oldest_dataset_holding_them() {
	new_test_ext(|| {
		let a = register(1, shards(1..=4));
		let b = register(2, shards([3, 4, 5, 6]));
		// b's shards 3 and 4 are a's.
		assert_eq!(Upstreams::<Test>::get(b).into_inner(), vec![(a, 2)]);
		let c = register(3, shards([1, 3, 5, 6, 7, 8]));
		// 1 and 3 to a (oldest holder), 5 and 6 to b; 7 and 8 are c's own.
		assert_eq!(Upstreams::<Test>::get(c).into_inner(), vec![(a, 2), (b, 2)]);
		assert!(matches!(
			events().last(),
			Some(Event::Registered { id, upstreams, .. })
				if *id == c && upstreams.to_vec() == vec![(a, 2), (b, 2)]
		));
	});
}

#[test]
fn royalties_are_shared_by_overlap() {
	new_test_ext(|| {
		let a = register(1, shards(1..=4));
		let c = register(3, shards([1, 2, 3, 9, 10, 11]));
		assert_ok!(DatasetRegistry::set_royalties(
			RuntimeOrigin::signed(1),
			a,
			Permill::from_percent(1),
			vec![(4, Permill::from_percent(50)), (5, Permill::from_percent(50))],
		));
		set_rate(3, c, 10);
		// 3 of c's 6 shards are a's: half of c's royalty goes to a's contributors.
		let (c4, c5, o3) = (free(4), free(5), free(3));
		assert_eq!(use_dataset(c, 7, 1_000), Ok(100));
		assert_eq!((free(4) - c4, free(5) - c5, free(3) - o3), (25, 25, 50));
	});
}

#[test]
fn an_upstream_removed_since_leaves_its_share_to_the_dataset() {
	new_test_ext(|| {
		let a = register(1, shards([1, 2]));
		let c = register(3, shards([1, 2, 9, 10]));
		set_rate(3, c, 10);
		assert_ok!(DatasetRegistry::remove(RuntimeOrigin::signed(1), a));
		let o3 = free(3);
		assert_eq!(use_dataset(c, 7, 1_000), Ok(100));
		assert_eq!(free(3) - o3, 100);
	});
}

#[test]
fn more_upstreams_than_the_bound_are_refused() {
	new_test_ext(|| {
		for n in 1..=5 {
			register(1, shards([n]));
		}
		refused(
			2,
			shards([1, 2, 3, 4, 5, 6]),
			DatasetKind::Curated,
			vec![],
			Error::<Test>::TooManyUpstreams,
		);
		assert_ok!(try_register(2, shards([1, 2, 3, 4, 6]), DatasetKind::Curated, vec![]));
	});
}
