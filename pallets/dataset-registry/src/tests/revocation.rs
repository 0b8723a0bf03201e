//! Revocation for cause, and the flag lineage is told of (rejection or revocation, once).

use super::{verification::*, *};
use crate::{Datasets, Error, Rounds};
use frame_support::assert_noop;
use sp_runtime::Permill;
use verity_primitives::{testing::FlaggedDatasets, traits::DatasetInspect};

fn reason() -> H256 {
	H256::repeat_byte(0x5E)
}

#[test]
fn the_owner_revokes_and_lineage_is_told_once() {
	new_test_ext(|| {
		let id = register(1, shards([1, 2]));
		let deposit = held_deposit(1);
		assert_ok!(DatasetRegistry::revoke(RuntimeOrigin::signed(1), id, reason()));

		assert_eq!(Datasets::<Test>::get(id).unwrap().revoked, Some(reason()));
		assert!(DatasetRegistry::is_flagged(id) && !DatasetRegistry::is_usable(id));
		assert_eq!(FlaggedDatasets::all(), vec![id]);
		assert_eq!(
			events().last(),
			Some(&Event::Revoked { id, reason: reason(), by_governance: false })
		);
		// Final, and the record and its deposit stay for lineage.
		assert_eq!(held_deposit(1), deposit);
		assert_noop!(
			DatasetRegistry::revoke(RuntimeOrigin::signed(1), id, reason()),
			Error::<Test>::AlreadyRevoked
		);
		assert_noop!(use_dataset(id, 7, 100), Error::<Test>::DatasetRevoked);
		assert_eq!(FlaggedDatasets::all(), vec![id]);
	});
}

#[test]
fn only_the_owner_or_governance_revokes() {
	new_test_ext(|| {
		let id = register(1, shards([1, 2]));
		// Eve (9) would profit from knocking a rival's data out: refused.
		assert_noop!(
			DatasetRegistry::revoke(RuntimeOrigin::signed(9), id, reason()),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			DatasetRegistry::revoke(RuntimeOrigin::root(), 99, reason()),
			Error::<Test>::UnknownDataset
		);
		assert_ok!(DatasetRegistry::revoke(RuntimeOrigin::root(), id, reason()));
		assert_eq!(
			events().last(),
			Some(&Event::Revoked { id, reason: reason(), by_governance: true })
		);
		assert_eq!(FlaggedDatasets::all(), vec![id]);
	});
}

#[test]
fn a_rejection_flags_once_and_a_later_revocation_does_not_flag_again() {
	new_test_ext(|| {
		let id = drawn_round();
		vote_all(id, &[(3, false), (4, false), (5, true)]);
		assert_eq!(FlaggedDatasets::all(), vec![id]);
		assert_ok!(DatasetRegistry::revoke(RuntimeOrigin::signed(1), id, reason()));
		assert_eq!(FlaggedDatasets::all(), vec![id]);
	});
}

#[test]
fn a_verified_dataset_is_not_flagged_and_revoking_closes_an_open_round() {
	new_test_ext(|| {
		let id = drawn_round();
		assert!(Rounds::<Test>::contains_key(id));
		assert_ok!(DatasetRegistry::revoke(RuntimeOrigin::signed(1), id, reason()));
		assert!(!Rounds::<Test>::contains_key(id));
		// The seats were released: the verifiers may leave once no round holds them.
		assert!(seats(id).is_empty());
		assert_eq!(FlaggedDatasets::all(), vec![id]);

		let other = {
			let id = crate::NextDatasetId::<Test>::get();
			assert_ok!(try_register(1, shards([7, 8]), synthetic(None), vec![]));
			assert_ok!(request(1, id));
			next_block();
			vote_all(id, &[(3, true), (4, true), (5, true)]);
			id
		};
		assert!(!DatasetRegistry::is_flagged(other));
		assert_eq!(FlaggedDatasets::all(), vec![id]);
	});
}

#[test]
fn a_flagged_upstream_is_paid_nothing() {
	new_test_ext(|| {
		let a = register(1, shards([1, 2]));
		let c = register(3, shards([1, 2, 9, 10]));
		assert_ok!(DatasetRegistry::set_royalties(
			RuntimeOrigin::signed(3),
			c,
			Permill::from_percent(10),
			vec![]
		));
		let (a_owner, c_owner) = (free(1), free(3));
		assert_eq!(use_dataset(c, 7, 1_000), Ok(100));
		assert_eq!((free(1) - a_owner, free(3) - c_owner), (50, 50));

		assert_ok!(DatasetRegistry::revoke(RuntimeOrigin::signed(1), a, reason()));
		let (a_owner, c_owner) = (free(1), free(3));
		assert_eq!(use_dataset(c, 7, 1_000), Ok(100));
		assert_eq!((free(1) - a_owner, free(3) - c_owner), (0, 100));
	});
}
