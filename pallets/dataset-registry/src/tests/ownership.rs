use super::*;
use crate::{Datasets, Derived, Error, Shards, Usage};
use frame_support::assert_noop;
use verity_primitives::traits::DatasetInspect;

fn update(who: u64, id: DatasetId, name: Option<&[u8]>, uri: Option<&[u8]>) -> DispatchResult {
	DatasetRegistry::update_metadata(
		RuntimeOrigin::signed(who),
		id,
		name.map(|n| n.to_vec()),
		uri.map(|u| u.to_vec()),
		None,
	)
}

#[test]
fn ownership_moves_with_the_held_deposit() {
	new_test_ext(|| {
		let id = register(1, shards([1, 2]));
		let deposit = held_deposit(1);
		assert_ok!(DatasetRegistry::transfer_ownership(RuntimeOrigin::signed(1), id, 2));
		assert_eq!(Datasets::<Test>::get(id).unwrap().owner, 2);
		assert_eq!((held_deposit(1), held_deposit(2)), (0, deposit));
		assert_eq!(free(1), START - deposit);
		assert_eq!(events().last(), Some(&Event::OwnershipTransferred { id, from: 1, to: 2 }));

		// The old owner has no say any more; the new one does.
		assert_noop!(update(1, id, Some(b"x"), None), Error::<Test>::NotOwner);
		assert_ok!(update(2, id, Some(b"x"), None));
		// The new owner gets the deposit back on removal.
		assert_ok!(DatasetRegistry::remove(RuntimeOrigin::signed(2), id));
		assert_eq!((held_deposit(2), free(2)), (0, START + deposit));
	});
}

#[test]
fn bad_transfers_are_refused() {
	new_test_ext(|| {
		let id = register(1, shards([1]));
		assert_noop!(
			DatasetRegistry::transfer_ownership(RuntimeOrigin::signed(1), id, 1),
			Error::<Test>::SameOwner
		);
		assert_noop!(
			DatasetRegistry::transfer_ownership(RuntimeOrigin::signed(2), id, 3),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			DatasetRegistry::transfer_ownership(RuntimeOrigin::signed(1), 9, 3),
			Error::<Test>::UnknownDataset
		);
	});
}

#[test]
fn the_owner_updates_metadata_and_the_deposit_follows() {
	new_test_ext(|| {
		let id = register(1, shards([1]));
		let before = held_deposit(1);
		assert_ok!(update(1, id, Some(b"wiki-en-2024-long-name"), Some(b"s3://bucket/wiki")));
		let record = Datasets::<Test>::get(id).unwrap();
		assert_eq!(record.name.to_vec(), b"wiki-en-2024-long-name".to_vec());
		assert_eq!(record.uri.to_vec(), b"s3://bucket/wiki".to_vec());
		// Name grew by 15 bytes, URI shrank by 3.
		assert_eq!(held_deposit(1), before + 12 * DepositPerByte::get());
		assert_eq!(deposit_of(id), held_deposit(1));

		assert_ok!(DatasetRegistry::update_metadata(
			RuntimeOrigin::signed(1),
			id,
			None,
			None,
			Some(b"MIT".to_vec())
		));
		assert_eq!(Datasets::<Test>::get(id).unwrap().license.to_vec(), b"MIT".to_vec());
		assert_eq!(held_deposit(1), before + 6 * DepositPerByte::get());
	});
}

#[test]
fn bad_metadata_updates_are_refused() {
	new_test_ext(|| {
		let id = register(1, shards([1]));
		assert_noop!(update(1, id, Some(&[b'n'; 33]), None), Error::<Test>::NameTooLong);
		assert_noop!(update(1, id, None, Some(&[b'u'; 65])), Error::<Test>::UriTooLong);
		assert_noop!(
			DatasetRegistry::update_metadata(
				RuntimeOrigin::signed(1),
				id,
				None,
				None,
				Some(b"no/slash".to_vec())
			),
			Error::<Test>::InvalidLicense
		);
		assert_noop!(update(2, id, Some(b"x"), None), Error::<Test>::NotOwner);
		assert_noop!(update(1, 9, Some(b"x"), None), Error::<Test>::UnknownDataset);
	});
}

#[test]
fn a_retired_dataset_stays_for_lineage_but_is_not_usable() {
	new_test_ext(|| {
		let id = register(1, shards([1]));
		let deposit = held_deposit(1);
		assert_noop!(
			DatasetRegistry::retire(RuntimeOrigin::signed(2), id),
			Error::<Test>::NotOwner
		);
		assert_ok!(DatasetRegistry::retire(RuntimeOrigin::signed(1), id));
		assert_eq!(events().last(), Some(&Event::Retired { id }));
		assert!(DatasetRegistry::exists(id));
		assert!(!DatasetRegistry::is_usable(id));
		assert_eq!(DatasetRegistry::shards(id), shards([1]));
		assert_eq!(held_deposit(1), deposit);
		assert!(!DatasetRegistry::dataset(id).unwrap().usable);

		assert_noop!(
			DatasetRegistry::retire(RuntimeOrigin::signed(1), id),
			Error::<Test>::DatasetRetired
		);
		assert_noop!(update(1, id, Some(b"x"), None), Error::<Test>::DatasetRetired);
		assert_noop!(
			DatasetRegistry::set_royalties(
				RuntimeOrigin::signed(1),
				id,
				Default::default(),
				vec![]
			),
			Error::<Test>::DatasetRetired
		);
		// Still a valid parent: lineage may keep deriving from history.
		assert_ok!(try_register(2, shards([2]), DatasetKind::Curated, vec![id]));
	});
}

#[test]
fn only_unused_datasets_nobody_derives_from_can_be_removed() {
	new_test_ext(|| {
		let used = register(1, shards([1]));
		assert_ok!(use_dataset(used, 5, 100));
		assert_noop!(
			DatasetRegistry::remove(RuntimeOrigin::signed(1), used),
			Error::<Test>::DatasetInUse
		);

		let parent = register(1, shards([2]));
		let child = crate::NextDatasetId::<Test>::get();
		assert_ok!(try_register(2, shards([3]), DatasetKind::Curated, vec![parent]));
		assert_noop!(
			DatasetRegistry::remove(RuntimeOrigin::signed(1), parent),
			Error::<Test>::DatasetInUse
		);
		assert_noop!(
			DatasetRegistry::remove(RuntimeOrigin::signed(1), child),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			DatasetRegistry::remove(RuntimeOrigin::signed(1), 9),
			Error::<Test>::UnknownDataset
		);

		// Removing the child frees the parent.
		assert_ok!(DatasetRegistry::remove(RuntimeOrigin::signed(2), child));
		assert_eq!(Derived::<Test>::iter_prefix(parent).count(), 0);
		let before = free(1);
		let deposit = deposit_of(parent);
		assert_ok!(DatasetRegistry::remove(RuntimeOrigin::signed(1), parent));
		assert_eq!(free(1), before + deposit);
		assert!(!Datasets::<Test>::contains_key(parent));
		assert!(!Shards::<Test>::contains_key(parent));
		assert!(!Usage::<Test>::contains_key(parent));
		assert_eq!(events().last(), Some(&Event::Removed { id: parent, deposit }));
	});
}

#[test]
fn the_deposit_cannot_move_to_an_account_that_does_not_exist() {
	new_test_ext(|| {
		let id = register(1, shards([1]));
		assert_noop!(
			DatasetRegistry::transfer_ownership(RuntimeOrigin::signed(1), id, 42),
			sp_runtime::TokenError::CannotCreateHold
		);
	});
}
