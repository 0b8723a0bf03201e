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

#[test]
fn nothing_new_derives_from_flagged_data() {
	new_test_ext(|| {
		use verity_primitives::{testing::Lineage, TaintSource};
		let a = register(1, shards([1, 2]));
		let prompts = register(1, shards([3]));
		assert_ok!(DatasetRegistry::revoke(RuntimeOrigin::signed(1), a, reason()));
		assert_ok!(DatasetRegistry::revoke(RuntimeOrigin::root(), prompts, reason()));
		refused(2, shards([5, 6]), DatasetKind::Curated, vec![a], Error::<Test>::FlaggedSource);
		refused(2, shards([5, 6]), synthetic(Some(prompts)), vec![], Error::<Test>::FlaggedSource);
		// A generator tainted by flagged data cannot seed new data either.
		Lineage::taint(GENERATOR, TaintSource::Dataset(a));
		refused(2, shards([5, 6]), synthetic(None), vec![], Error::<Test>::FlaggedSource);
	});
}

#[test]
fn a_flag_walks_down_derivations_and_lineage_hears_of_each_dataset() {
	new_test_ext(|| {
		use crate::{Error as E, TaintQueue};
		// a ← b ← c (parents), a ← p (prompt set of a synthetic dataset), x unrelated.
		let a = register(1, shards([1, 2]));
		let b = crate::NextDatasetId::<Test>::get();
		assert_ok!(try_register(2, shards([3]), DatasetKind::Curated, vec![a]));
		let c = crate::NextDatasetId::<Test>::get();
		assert_ok!(try_register(3, shards([4]), DatasetKind::Curated, vec![b]));
		let p = crate::NextDatasetId::<Test>::get();
		assert_ok!(try_register(4, shards([5]), synthetic(Some(a)), vec![]));
		let x = register(5, shards([6]));

		assert_ok!(DatasetRegistry::revoke(RuntimeOrigin::signed(1), a, reason()));
		assert!(TaintQueue::<Test>::contains_key(a));
		// 2 steps a call (the mock's MaxTaintFanout): a's two derived, then c below b.
		assert_ok!(DatasetRegistry::continue_taint(RuntimeOrigin::signed(9), 10));
		assert!(DatasetRegistry::is_flagged(b) && DatasetRegistry::is_flagged(p));
		assert!(!DatasetRegistry::is_flagged(c));
		assert_ok!(DatasetRegistry::continue_taint(RuntimeOrigin::signed(9), 10));
		assert_eq!(Datasets::<Test>::get(c).unwrap().tainted_by, Some(a));
		assert!(!DatasetRegistry::is_usable(c) && !DatasetRegistry::is_flagged(x));
		assert!(events().contains(&Event::Tainted { id: c, by: a }));
		// Lineage was told of every flagged dataset once, each with the root cause.
		let mut told = FlaggedDatasets::with_causes();
		told.sort();
		assert_eq!(told, vec![(a, a), (b, a), (c, a), (p, a)]);
		assert_noop!(
			DatasetRegistry::continue_taint(RuntimeOrigin::signed(9), 10),
			E::<Test>::NothingToPropagate
		);
		// The tainted may not be used, and still may not be removed while others derive from it.
		assert_noop!(use_dataset(c, 7, 100), E::<Test>::DatasetTainted);
		assert_noop!(DatasetRegistry::remove(RuntimeOrigin::signed(2), b), E::<Test>::DatasetInUse);
	});
}

#[test]
fn idle_blocks_finish_the_walk() {
	new_test_ext(|| {
		use frame_support::{traits::Hooks, weights::Weight};
		let mut last = register(1, shards([1]));
		let first = last;
		for n in 2..8u8 {
			let next = crate::NextDatasetId::<Test>::get();
			assert_ok!(try_register(1, shards([n]), DatasetKind::Curated, vec![last]));
			last = next;
		}
		assert_ok!(DatasetRegistry::revoke(RuntimeOrigin::signed(1), first, reason()));
		DatasetRegistry::on_idle(System::block_number(), Weight::MAX);
		assert_eq!(Datasets::<Test>::get(last).unwrap().tainted_by, Some(first));
		assert_eq!(crate::TaintQueue::<Test>::iter().count(), 0);
	});
}
