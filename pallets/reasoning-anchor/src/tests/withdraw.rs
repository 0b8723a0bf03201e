//! Withdrawing: only the submitter, once; the record stays, flagged.

use super::*;
use crate::{pallet::*, AnchorStatus};
use frame_support::{assert_noop, assert_ok};

fn anchored_by_alice() -> ContentHash {
	let root = ContentHash::repeat_byte(9);
	assert_ok!(ReasoningAnchor::anchor_trace(
		RuntimeOrigin::signed(ALICE),
		root,
		2,
		None,
		None,
		None
	));
	root
}

#[test]
fn the_submitter_withdraws_and_the_record_stays() {
	new_test_ext(|| {
		let root = anchored_by_alice();
		System::set_block_number(6);
		assert_ok!(ReasoningAnchor::withdraw(RuntimeOrigin::signed(ALICE), 0));
		let record = Anchors::<Test>::get(0).unwrap();
		assert_eq!(record.status, AnchorStatus::Withdrawn { at: 6 });
		assert_eq!((record.root, record.block), (root, 1));
		assert_eq!(AnchorBySubmitterRoot::<Test>::get(ALICE, root), Some(0));
		assert_eq!(WithdrawnCount::<Test>::get(), 1);
		System::assert_last_event(Event::Withdrawn { anchor: 0, submitter: ALICE }.into());
		// The fee is not refunded: anchors are permanent records.
		assert_eq!(balance(ALICE), 1_000 - FEE);
	});
}

#[test]
fn others_unknown_and_repeated_withdrawals_are_refused() {
	new_test_ext(|| {
		anchored_by_alice();
		assert_noop!(
			ReasoningAnchor::withdraw(RuntimeOrigin::signed(BOB), 0),
			Error::<Test>::NotSubmitter
		);
		assert_noop!(
			ReasoningAnchor::withdraw(RuntimeOrigin::signed(ALICE), 1),
			Error::<Test>::UnknownAnchor
		);
		assert_ok!(ReasoningAnchor::withdraw(RuntimeOrigin::signed(ALICE), 0));
		assert_noop!(
			ReasoningAnchor::withdraw(RuntimeOrigin::signed(ALICE), 0),
			Error::<Test>::AlreadyWithdrawn
		);
	});
}
