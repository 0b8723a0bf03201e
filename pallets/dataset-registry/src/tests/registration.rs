use super::*;
use crate::{DatasetByRoot, Datasets, Derived, Error, ShardOwners, Shards, VerificationStatus};
use frame_support::{assert_noop, BoundedVec};
use sp_runtime::TokenError;
use verity_primitives::{testing, traits::DatasetInspect};

#[test]
fn registers_a_curated_dataset_and_holds_its_deposit() {
	new_test_ext(|| {
		let list = shards(1..=4);
		let id = register(1, list.clone());
		assert_eq!(id, 0);

		let record = Datasets::<Test>::get(id).unwrap();
		assert_eq!(record.owner, 1);
		assert_eq!(record.root, root_of(&list));
		assert_eq!(record.shard_count, 4);
		assert_eq!((record.record_count, record.byte_size), (1_000, 1 << 20));
		assert_eq!(record.license.to_vec(), b"CC-BY-4.0".to_vec());
		assert_eq!(record.status, VerificationStatus::Pending);
		assert!(!record.retired);
		assert_eq!(Shards::<Test>::get(id).into_inner(), list);
		assert_eq!(DatasetByRoot::<Test>::get(root_of(&list)), Some(id));
		for s in &list {
			assert_eq!(ShardOwners::<Test>::get(s).into_inner(), vec![id]);
		}

		let deposit = deposit_of(id);
		assert!(deposit > DepositBase::get());
		assert_eq!(held_deposit(1), deposit);
		assert_eq!(free(1), START - deposit);
		assert_eq!(
			events().last(),
			Some(&Event::Registered {
				id,
				owner: 1,
				root: record.root,
				shards: 4,
				kind: DatasetKind::Curated,
				overlaps: BoundedVec::new(),
				upstreams: BoundedVec::new(),
				deposit,
			})
		);
		assert!(DatasetRegistry::exists(id));
		assert!(DatasetRegistry::is_usable(id));
		assert_eq!(DatasetRegistry::shards(id), list);
	});
}

#[test]
fn the_deposit_grows_with_the_shards() {
	new_test_ext(|| {
		let small = register(1, shards(1..=4));
		let large = register(2, shards(11..=18));
		let small = deposit_of(small);
		let large = deposit_of(large);
		// Four more shards: 32-byte hash plus 8-byte index entry each, plus a longer list prefix
		// does not change (both below 64 entries).
		assert_eq!(large - small, 4 * 40 * DepositPerByte::get());
	});
}

#[test]
fn ids_are_sequential() {
	new_test_ext(|| {
		assert_eq!(register(1, shards([1])), 0);
		assert_eq!(register(1, shards([2])), 1);
		assert_eq!(register(2, shards([3])), 2);
		assert_eq!(crate::NextDatasetId::<Test>::get(), 3);
	});
}

#[test]
fn a_wrong_root_is_refused() {
	new_test_ext(|| {
		let list = shards(1..=4);
		let mut reversed = list.clone();
		reversed.reverse();
		commit_to(1, root_of(&reversed), &list);
		assert_noop!(
			DatasetRegistry::register(
				RuntimeOrigin::signed(1),
				root_of(&reversed),
				list,
				DatasetKind::Curated,
				vec![],
				description(),
				salt(),
			),
			Error::<Test>::RootMismatch
		);
	});
}

#[test]
fn shard_lists_must_be_non_empty_bounded_and_distinct() {
	new_test_ext(|| {
		refused(1, vec![], DatasetKind::Curated, vec![], Error::<Test>::NoShards);
		refused(1, shards(1..=17), DatasetKind::Curated, vec![], Error::<Test>::TooManyShards);
		refused(1, shards([1, 2, 1]), DatasetKind::Curated, vec![], Error::<Test>::RepeatedShard);
		// The maximum is accepted.
		assert_ok!(try_register(1, shards(1..=16), DatasetKind::Curated, vec![]));
	});
}

#[test]
fn metadata_is_bounded_and_the_license_checked() {
	new_test_ext(|| {
		let list = shards(1..=2);
		let root = root_of(&list);
		commit_to(1, root, &list);
		let with = |d: DatasetDescription| {
			DatasetRegistry::register(
				RuntimeOrigin::signed(1),
				root,
				list.clone(),
				DatasetKind::Curated,
				vec![],
				d,
				salt(),
			)
		};
		assert_noop!(
			with(DatasetDescription { name: vec![b'n'; 33], ..description() }),
			Error::<Test>::NameTooLong
		);
		assert_noop!(
			with(DatasetDescription { uri: vec![b'u'; 65], ..description() }),
			Error::<Test>::UriTooLong
		);
		assert_noop!(
			with(DatasetDescription { license: vec![b'L'; 25], ..description() }),
			Error::<Test>::LicenseTooLong
		);
		assert_noop!(
			with(DatasetDescription { license: vec![], ..description() }),
			Error::<Test>::InvalidLicense
		);
		assert_noop!(
			with(DatasetDescription { license: b"MIT;rm".to_vec(), ..description() }),
			Error::<Test>::InvalidLicense
		);
		assert_ok!(with(DatasetDescription {
			license: b"(MIT OR Apache-2.0)".to_vec(),
			..description()
		}));
	});
}

#[test]
fn synthetic_datasets_name_a_usable_generator_and_a_registered_prompt_set() {
	new_test_ext(|| {
		let prompts = register(1, shards([1]));
		let unknown =
			DatasetKind::Synthetic { generator: 99, generation_job: None, prompt_set: None };
		refused(2, shards([2]), unknown, vec![], Error::<Test>::UnknownGenerator);
		testing::Lineage::insert(8, false, vec![], vec![]);
		let revoked =
			DatasetKind::Synthetic { generator: 8, generation_job: None, prompt_set: None };
		refused(2, shards([2]), revoked, vec![], Error::<Test>::GeneratorNotUsable);
		refused(2, shards([2]), synthetic(Some(5)), vec![], Error::<Test>::UnknownPromptSet);
		// The id the new dataset would get.
		refused(2, shards([2]), synthetic(Some(1)), vec![], Error::<Test>::SelfDerivation);

		assert_ok!(try_register(2, shards([2]), synthetic(Some(prompts)), vec![]));
		assert_eq!(Datasets::<Test>::get(1).unwrap().kind, synthetic(Some(prompts)));
		assert!(Derived::<Test>::contains_key(prompts, 1));
	});
}

#[test]
fn parents_are_distinct_registered_datasets_other_than_itself() {
	new_test_ext(|| {
		let a = register(1, shards([1, 2]));
		let b = register(1, shards([3]));
		refused(2, shards([4]), DatasetKind::Curated, vec![a, 7], Error::<Test>::UnknownParent);
		refused(2, shards([4]), DatasetKind::Curated, vec![a, a], Error::<Test>::DuplicateParent);
		// Its own future id.
		refused(2, shards([4]), DatasetKind::Curated, vec![2], Error::<Test>::SelfDerivation);
		// Content identical to a parent derives from itself.
		refused(2, shards([1, 2]), DatasetKind::Curated, vec![a], Error::<Test>::SelfDerivation);
		refused(
			2,
			shards([4]),
			DatasetKind::Curated,
			vec![a, b, a + 10, b + 10, 20],
			Error::<Test>::TooManyParents,
		);

		assert_ok!(try_register(2, shards([1, 4]), DatasetKind::Curated, vec![a, b]));
		assert_eq!(Datasets::<Test>::get(2).unwrap().parents.into_inner(), vec![a, b]);
		assert!(Derived::<Test>::contains_key(a, 2) && Derived::<Test>::contains_key(b, 2));
	});
}

#[test]
fn a_caller_without_funds_for_the_deposit_is_refused() {
	new_test_ext(|| {
		// Enough for the commitment's deposit, not for the dataset's.
		assert_ok!(<Balances as frame_support::traits::fungible::Mutate<u64>>::transfer(
			&1,
			&42,
			CommitDeposit::get() + 10,
			frame_support::traits::tokens::Preservation::Preserve,
		));
		refused(42, shards([1]), DatasetKind::Curated, vec![], TokenError::FundsUnavailable);
	});
}
