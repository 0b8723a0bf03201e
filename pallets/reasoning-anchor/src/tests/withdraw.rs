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
		let anchor = id(ALICE, root);
		System::set_block_number(6);
		assert_ok!(ReasoningAnchor::withdraw(RuntimeOrigin::signed(ALICE), anchor));
		let record = Anchors::<Test>::get(anchor).unwrap();
		assert_eq!(record.status, AnchorStatus::Withdrawn { at: 6 });
		assert_eq!((record.root, record.block), (root, 1));
		assert_eq!(ReasoningAnchor::anchor_by_root(ALICE, root), Some(anchor));
		assert_eq!(WithdrawnCount::<Test>::get(), 1);
		System::assert_last_event(Event::Withdrawn { anchor, submitter: ALICE }.into());
		// The fee is not refunded: anchors are permanent records.
		assert_eq!(balance(ALICE), 1_000 - FEE);
	});
}

#[test]
fn others_unknown_and_repeated_withdrawals_are_refused() {
	new_test_ext(|| {
		let root = anchored_by_alice();
		let anchor = id(ALICE, root);
		assert_noop!(
			ReasoningAnchor::withdraw(RuntimeOrigin::signed(BOB), anchor),
			Error::<Test>::NotSubmitter
		);
		// BOB's id of the same root names no anchor: he never anchored it.
		assert_noop!(
			ReasoningAnchor::withdraw(RuntimeOrigin::signed(BOB), id(BOB, root)),
			Error::<Test>::UnknownAnchor
		);
		assert_ok!(ReasoningAnchor::withdraw(RuntimeOrigin::signed(ALICE), anchor));
		assert_noop!(
			ReasoningAnchor::withdraw(RuntimeOrigin::signed(ALICE), anchor),
			Error::<Test>::AlreadyWithdrawn
		);
	});
}
