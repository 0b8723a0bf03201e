//! Pins: what a benchmark or a model version names cannot be removed.

use super::*;
use crate::{Error, Pins};
use frame_support::assert_noop;
use verity_primitives::traits::DatasetPins;

#[test]
fn a_pinned_dataset_cannot_be_removed_until_every_pin_is_gone() {
	new_test_ext(|| {
		let id = register(1, shards([1]));
		assert_ok!(<DatasetRegistry as DatasetPins>::pin(id));
		assert_ok!(<DatasetRegistry as DatasetPins>::pin(id));
		assert_eq!(Pins::<Test>::get(id), 2);
		assert_noop!(DatasetRegistry::remove(RuntimeOrigin::signed(1), id), Error::<Test>::Pinned);
		// Retiring stays possible and keeps record and shards for the checks that pinned it.
		assert_ok!(DatasetRegistry::retire(RuntimeOrigin::signed(1), id));
		<DatasetRegistry as DatasetPins>::unpin(id);
		assert_noop!(DatasetRegistry::remove(RuntimeOrigin::signed(1), id), Error::<Test>::Pinned);
		<DatasetRegistry as DatasetPins>::unpin(id);
		assert!(!Pins::<Test>::contains_key(id));
		// Unpinning what has no pin does nothing.
		<DatasetRegistry as DatasetPins>::unpin(id);
		assert!(!Pins::<Test>::contains_key(id));
		assert_ok!(DatasetRegistry::remove(RuntimeOrigin::signed(1), id));
	});
}

#[test]
fn pinning_an_unknown_dataset_is_refused() {
	new_test_ext(|| {
		assert_noop!(<DatasetRegistry as DatasetPins>::pin(9), Error::<Test>::UnknownDataset);
	});
}
