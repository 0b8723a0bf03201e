//! Anchoring traces and batches: records, fees, links to model versions and jobs, bad input.

use super::*;
use crate::{pallet::*, AnchorKind, AnchorStatus, Attribution};
use frame_support::{assert_noop, assert_ok, traits::fungible::Mutate};
use verity_primitives::testing::{Compute, Lineage};

#[test]
fn a_trace_is_anchored_with_its_record_fee_and_event() {
	new_test_ext(|| {
		let steps = trace("t", 5);
		let root = merkle::root(&steps);
		System::set_block_number(4);
		// The id is known before anchoring, and nothing is stored under it yet.
		let anchor = id(ALICE, root);
		assert_eq!(ReasoningAnchor::anchor_by_root(ALICE, root), None);
		assert_ok!(ReasoningAnchor::anchor_trace(
			RuntimeOrigin::signed(ALICE),
			root,
			5,
			None,
			None,
			uri("ipfs://x")
		));
		let record = Anchors::<Test>::get(anchor).unwrap();
		assert_eq!(record.submitter, ALICE);
		assert_eq!(record.block, 4);
		assert_eq!(record.kind, AnchorKind::Trace);
		assert_eq!((record.root, record.traces, record.steps), (root, 1, 5));
		assert_eq!(record.uri.unwrap().into_inner(), b"ipfs://x".to_vec());
		assert_eq!(record.status, AnchorStatus::Active);
		assert_eq!(record.attribution, Attribution::NoJob);
		assert_eq!(ReasoningAnchor::anchor_by_root(ALICE, root), Some(anchor));
		assert_eq!(Anchors::<Test>::iter().count(), 1);
		let fee = FEE + 8 * BYTE_FEE;
		assert_eq!(balance(ALICE), 1_000 - fee);
		assert_eq!(balance(TREASURY), fee);
		System::assert_last_event(
			Event::Anchored {
				anchor,
				submitter: ALICE,
				kind: AnchorKind::Trace,
				root,
				traces: 1,
				steps: 5,
				model_version: None,
				job: None,
				attribution: Attribution::NoJob,
				fee,
			}
			.into(),
		);
	});
}

#[test]
fn a_batch_is_anchored_and_ids_bind_submitter_and_root() {
	new_test_ext(|| {
		let (root_a, _) = batch(&[trace("a", 3), trace("b", 4)]);
		let (root_b, _) = batch(&[trace("c", 1)]);
		assert_ok!(ReasoningAnchor::anchor_batch(
			RuntimeOrigin::signed(ALICE),
			root_a,
			2,
			7,
			None,
			None,
			None
		));
		assert_ok!(ReasoningAnchor::anchor_batch(
			RuntimeOrigin::signed(BOB),
			root_b,
			1,
			1,
			None,
			None,
			None
		));
		// One id per (submitter, root): another submitter or another root is another id.
		let ids = [id(ALICE, root_a), id(BOB, root_b), id(ALICE, root_b), id(BOB, root_a)];
		for (i, a) in ids.iter().enumerate() {
			assert!(ids.iter().skip(i + 1).all(|b| a != b), "ids collide: {ids:?}");
		}
		assert!(Anchors::<Test>::contains_key(ids[0]) && Anchors::<Test>::contains_key(ids[1]));
		assert!(!Anchors::<Test>::contains_key(ids[2]) && !Anchors::<Test>::contains_key(ids[3]));
		let b = Anchors::<Test>::get(ids[1]).unwrap();
		assert_eq!(
			(b.submitter, b.kind, b.traces, b.steps, b.uri),
			(BOB, AnchorKind::Batch, 1, 1, None)
		);
		assert_eq!(balance(ALICE), 1_000 - FEE);
		assert_eq!(balance(TREASURY), 2 * FEE);
		// The view functions answer the same.
		assert_eq!(ReasoningAnchor::anchor_by_root(BOB, root_b), Some(ids[1]));
		assert_eq!(ReasoningAnchor::anchor_by_root(ALICE, root_b), None);
		assert_eq!(ReasoningAnchor::anchor(ids[1]).unwrap().root, root_b);
		assert_eq!(ReasoningAnchor::anchor(ids[2]), None);
	});
}

#[test]
fn the_fee_grows_with_the_uri() {
	new_test_ext(|| {
		assert_eq!(ReasoningAnchor::anchor_fee(0), FEE);
		assert_eq!(ReasoningAnchor::anchor_fee(64), FEE + 64 * BYTE_FEE);
		let long = "u".repeat(64);
		assert_ok!(ReasoningAnchor::anchor_trace(
			RuntimeOrigin::signed(BOB),
			ContentHash::repeat_byte(1),
			1,
			None,
			None,
			uri(&long)
		));
		assert_eq!(balance(BOB), 1_000 - FEE - 64 * BYTE_FEE);
	});
}

#[test]
fn a_usable_model_version_and_a_completed_job_are_recorded() {
	new_test_ext(|| {
		Lineage::insert(7, true, vec![], vec![]);
		Compute::insert(3, receipt(Some(7)));
		let root = ContentHash::repeat_byte(5);
		assert_ok!(ReasoningAnchor::anchor_batch(
			RuntimeOrigin::signed(ALICE),
			root,
			2,
			9,
			Some(7),
			Some(3),
			None
		));
		let record = Anchors::<Test>::get(id(ALICE, root)).unwrap();
		assert_eq!((record.model_version, record.job), (Some(7), Some(3)));
		// ALICE owns job 3, whose output is not this root: her word, flagged as such.
		assert_eq!(record.attribution, Attribution::JobOwner);
		// A job alone is enough.
		assert_ok!(ReasoningAnchor::anchor_trace(
			RuntimeOrigin::signed(ALICE),
			ContentHash::repeat_byte(7),
			1,
			None,
			Some(3),
			None
		));
		let second = id(ALICE, ContentHash::repeat_byte(7));
		assert_eq!(Anchors::<Test>::get(second).unwrap().attribution, Attribution::JobOwner);
	});
}

#[test]
fn bad_links_are_refused_without_state_change() {
	new_test_ext(|| {
		Lineage::insert(7, true, vec![], vec![]);
		Lineage::insert(8, false, vec![], vec![]);
		Compute::insert(3, receipt(Some(7)));
		Compute::insert(4, receipt(None));
		let root = ContentHash::repeat_byte(5);
		let anchor = |version, job| {
			ReasoningAnchor::anchor_trace(RuntimeOrigin::signed(ALICE), root, 1, version, job, None)
		};
		assert_noop!(anchor(Some(9), None), Error::<Test>::UnknownModelVersion);
		assert_noop!(anchor(Some(8), None), Error::<Test>::ModelVersionNotUsable);
		assert_noop!(anchor(None, Some(5)), Error::<Test>::JobNotCompleted);
		assert_noop!(anchor(Some(8), Some(3)), Error::<Test>::ModelVersionNotUsable);
		Lineage::insert(9, true, vec![], vec![]);
		assert_noop!(anchor(Some(9), Some(3)), Error::<Test>::JobModelMismatch);
		// A job that ran no model version cannot vouch for one.
		assert_noop!(anchor(Some(7), Some(4)), Error::<Test>::JobModelMismatch);
	});
}

#[test]
fn bad_shapes_are_refused_without_state_change() {
	new_test_ext(|| {
		let root = ContentHash::repeat_byte(5);
		let alice = || RuntimeOrigin::signed(ALICE);
		assert_noop!(
			ReasoningAnchor::anchor_trace(alice(), root, 0, None, None, None),
			Error::<Test>::NoSteps
		);
		assert_noop!(
			ReasoningAnchor::anchor_batch(alice(), root, 0, 5, None, None, None),
			Error::<Test>::NoTraces
		);
		assert_noop!(
			ReasoningAnchor::anchor_batch(alice(), root, 3, 2, None, None, None),
			Error::<Test>::EmptyTrace
		);
		let too_many_steps = (1u64 << MAX_DEPTH) + 1;
		assert_noop!(
			ReasoningAnchor::anchor_trace(alice(), root, too_many_steps, None, None, None),
			Error::<Test>::TraceTooLarge
		);
		let too_many_traces = (1u32 << MAX_DEPTH) + 1;
		assert_noop!(
			ReasoningAnchor::anchor_batch(alice(), root, too_many_traces, 10_000, None, None, None),
			Error::<Test>::TooManyTraces
		);
		// Two traces cannot hold more steps than two of the largest: one trace would be too large.
		assert_noop!(
			ReasoningAnchor::anchor_batch(alice(), root, 2, (2 << MAX_DEPTH) + 1, None, None, None),
			Error::<Test>::TraceTooLarge
		);
		assert_noop!(
			ReasoningAnchor::anchor_trace(alice(), root, 1, None, None, uri("")),
			Error::<Test>::EmptyUri
		);
		// The limits themselves pass.
		assert_ok!(ReasoningAnchor::anchor_trace(alice(), root, 1 << MAX_DEPTH, None, None, None));
		assert_ok!(ReasoningAnchor::anchor_batch(
			alice(),
			ContentHash::repeat_byte(6),
			1 << MAX_DEPTH,
			1 << MAX_DEPTH,
			None,
			None,
			None
		));
	});
}

#[test]
fn a_root_is_anchored_once_per_submitter() {
	new_test_ext(|| {
		let root = ContentHash::repeat_byte(5);
		let anchor_trace = |who| {
			ReasoningAnchor::anchor_trace(RuntimeOrigin::signed(who), root, 3, None, None, None)
		};
		assert_ok!(anchor_trace(ALICE));
		assert_noop!(anchor_trace(ALICE), Error::<Test>::RootAlreadyAnchored);
		assert_noop!(
			ReasoningAnchor::anchor_batch(
				RuntimeOrigin::signed(ALICE),
				root,
				1,
				3,
				None,
				None,
				None
			),
			Error::<Test>::RootAlreadyAnchored
		);
		// Withdrawing does not free the root for its submitter: the record stays.
		assert_ok!(ReasoningAnchor::withdraw(RuntimeOrigin::signed(ALICE), id(ALICE, root)));
		assert_noop!(anchor_trace(ALICE), Error::<Test>::RootAlreadyAnchored);
		// Another submitter anchors the same root under their own anchor.
		assert_ok!(anchor_trace(BOB));
		assert_eq!(ReasoningAnchor::anchor_by_root(BOB, root), Some(id(BOB, root)));
		assert_eq!(ReasoningAnchor::anchor_by_root(ALICE, root), Some(id(ALICE, root)));
		assert_noop!(anchor_trace(BOB), Error::<Test>::RootAlreadyAnchored);
	});
}

#[test]
fn a_submitter_who_cannot_pay_is_refused() {
	new_test_ext(|| {
		let anchor = || {
			let root = ContentHash::repeat_byte(5);
			ReasoningAnchor::anchor_trace(RuntimeOrigin::signed(POOR), root, 1, None, None, None)
		};
		assert_noop!(anchor(), Error::<Test>::CannotPayFee);
		// The fee may not reap the account either.
		pallet_balances::Pallet::<Test>::set_balance(&POOR, FEE);
		assert_noop!(anchor(), Error::<Test>::CannotPayFee);
	});
}

#[test]
fn unsigned_origins_are_refused() {
	new_test_ext(|| {
		let root = ContentHash::repeat_byte(5);
		assert_noop!(
			ReasoningAnchor::anchor_trace(RuntimeOrigin::none(), root, 1, None, None, None),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_noop!(
			ReasoningAnchor::anchor_batch(RuntimeOrigin::root(), root, 1, 1, None, None, None),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_noop!(
			ReasoningAnchor::withdraw(RuntimeOrigin::none(), id(ALICE, root)),
			sp_runtime::DispatchError::BadOrigin
		);
	});
}

#[test]
fn an_id_is_the_domain_tagged_hash_of_submitter_and_root() {
	new_test_ext(|| {
		use sp_runtime::traits::{BlakeTwo256, Hash};
		let root = merkle::root(&trace("t", 5));
		// Exactly BLAKE2b-256 over the tag, the submitter's encoding and the root: a client
		// computes it the same way before submitting.
		let mut bytes = b"verity/anchor".to_vec();
		bytes.extend(ALICE.to_le_bytes());
		bytes.extend(root.as_bytes());
		assert_eq!(id(ALICE, root), BlakeTwo256::hash(&bytes));
		// Untagged, the same bytes hash elsewhere: no other hash can name an anchor.
		assert_ne!(id(ALICE, root), BlakeTwo256::hash(&bytes[13..]));
		let anchor_trace = |who| {
			ReasoningAnchor::anchor_trace(RuntimeOrigin::signed(who), root, 5, None, None, None)
		};
		assert_ok!(anchor_trace(ALICE));
		// The chain stored it under that id, and the event names it.
		assert_eq!(ReasoningAnchor::anchor_by_root(ALICE, root), Some(BlakeTwo256::hash(&bytes)));
		assert!(System::events().iter().any(|r| matches!(
			&r.event,
			RuntimeEvent::ReasoningAnchor(Event::Anchored { anchor, .. })
				if *anchor == BlakeTwo256::hash(&bytes)
		)));
	});
}

#[test]
fn a_versions_anchors_are_indexed_by_place_not_by_the_id_a_submitter_can_grind() {
	new_test_ext(|| {
		Lineage::insert(7, true, vec![], vec![]);
		// Ids are hashes a submitter steers by choosing roots; places follow anchoring order.
		let anchors = [(EVE, 1u8), (BOB, 2), (EVE, 3)];
		for (who, byte) in anchors {
			let root = ContentHash::repeat_byte(byte);
			assert_ok!(ReasoningAnchor::anchor_trace(
				RuntimeOrigin::signed(who),
				root,
				1,
				Some(7),
				None,
				None
			));
		}
		let places: Vec<_> = (0..3).map(|p| AnchorsByVersion::<Test>::get(7, p)).collect();
		let expected: Vec<_> =
			anchors.iter().map(|(who, b)| Some(id(*who, ContentHash::repeat_byte(*b)))).collect();
		assert_eq!(places, expected);
		assert_eq!(VersionAnchorCount::<Test>::get(7), 3);
		// An anchor naming no version takes no place.
		assert_ok!(ReasoningAnchor::anchor_trace(
			RuntimeOrigin::signed(BOB),
			ContentHash::repeat_byte(4),
			1,
			None,
			None,
			None
		));
		assert_eq!(VersionAnchorCount::<Test>::get(7), 3);
	});
}

#[test]
fn a_version_whose_index_is_full_refuses_more_anchors_by_name() {
	new_test_ext(|| {
		Lineage::insert(7, true, vec![], vec![]);
		let root = ContentHash::repeat_byte(1);
		let anchor = |version| {
			ReasoningAnchor::anchor_trace(
				RuntimeOrigin::signed(ALICE),
				root,
				1,
				version,
				None,
				None,
			)
		};
		VersionAnchorCount::<Test>::insert(7, u32::MAX);
		assert_noop!(anchor(Some(7)), Error::<Test>::TooManyVersionAnchors);
		VersionAnchorCount::<Test>::remove(7);
		assert_ok!(anchor(Some(7)));
	});
}
