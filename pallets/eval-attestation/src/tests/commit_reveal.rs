//! Commitments and reveals of the drawn seats, with their windows, and the commitment format.

use super::*;
use crate::{Error, Event};
use frame_support::{assert_noop, assert_ok};

/// An approved benchmark, `E1..E3` bonded and one request on `CLEAN`, drawn (at block 2).
fn setup() -> RequestId {
	let id = approved(spec());
	bond_all(&[E1, E2, E3]);
	let r = request(CLEAN, id);
	assert_eq!(draw(r), vec![E1, E2, E3]);
	r
}

fn try_commit(who: AccountId, r: RequestId) -> sp_runtime::DispatchResult {
	EvalAttestation::commit(RuntimeOrigin::signed(who), r, H256::repeat_byte(1))
}

#[test]
fn only_drawn_seats_commit_once_each_before_the_deadline() {
	new_test_ext(|| {
		let r = setup();
		bond_all(&[E4]);
		assert_noop!(try_commit(E4, r), Error::<Test>::NotAssigned);
		assert_noop!(try_commit(E1, 77), Error::<Test>::UnknownRequest);
		commit(E1, r, 500_000);
		assert_noop!(try_commit(E1, r), Error::<Test>::AlreadyCommitted);
		assert!(events().contains(&Event::ScoreCommitted { request: r, evaluator: E1 }));
		// The deadline block has come but its queue has not run yet (as when it was full).
		System::set_block_number(2 + COMMIT_PERIOD);
		assert_noop!(try_commit(E2, r), Error::<Test>::CommitTooLate);
	});
}

#[test]
fn nobody_commits_before_the_draw() {
	new_test_ext(|| {
		let id = approved(spec());
		bond_all(&[E1, E2, E3]);
		let r = request(CLEAN, id);
		// Not drawn yet: nobody holds a seat, so nobody can commit.
		assert_noop!(try_commit(E1, r), Error::<Test>::NotAssigned);
	});
}

#[test]
fn the_last_commitment_opens_reveals() {
	new_test_ext(|| {
		let r = setup();
		commit(E1, r, 500_000);
		commit(E2, r, 500_000);
		// Two of three seats committed: still committing.
		assert_eq!(status(r), Some(RequestStatus::Committing { until: 2 + COMMIT_PERIOD }));
		System::set_block_number(3);
		commit(E3, r, 500_000);
		assert_eq!(status(r), Some(RequestStatus::Revealing { until: 3 + REVEAL_PERIOD }));
		assert!(events().contains(&Event::RevealStarted { request: r, until: 3 + REVEAL_PERIOD }));
		assert_noop!(try_commit(E3, r), Error::<Test>::NotCommitPhase);
	});
}

#[test]
fn reveals_wait_for_the_reveal_phase() {
	new_test_ext(|| {
		let r = setup();
		commit(E1, r, 500_000);
		assert_noop!(
			EvalAttestation::reveal(RuntimeOrigin::signed(E1), r, 500_000, None, salt(E1)),
			Error::<Test>::NotRevealPhase
		);
		assert_noop!(
			EvalAttestation::reveal(RuntimeOrigin::signed(E4), r, 500_000, None, salt(E4)),
			Error::<Test>::NotAssigned
		);
	});
}

#[test]
fn a_reveal_must_match_its_commitment() {
	new_test_ext(|| {
		let r = setup();
		for (who, score) in [(E1, 500_000), (E2, 501_000), (E3, 499_000)] {
			commit(who, r, score);
		}
		let cases = [
			(E1, 500_001, None, salt(E1)),
			(E1, 500_000, Some(Perbill::from_percent(1)), salt(E1)),
			(E1, 500_000, None, H256::zero()),
			// E2 cannot open E1's commitment with E1's values: the evaluator is in the hash.
			(E2, 500_000, None, salt(E1)),
		];
		for (who, score, c, s) in cases {
			assert_noop!(
				EvalAttestation::reveal(RuntimeOrigin::signed(who), r, score, c, s),
				Error::<Test>::RevealMismatch
			);
		}
		assert_noop!(
			EvalAttestation::reveal(RuntimeOrigin::signed(E4), r, 500_000, None, salt(E4)),
			Error::<Test>::NotAssigned
		);
		reveal(E1, r, 500_000);
		assert_noop!(
			EvalAttestation::reveal(RuntimeOrigin::signed(E1), r, 500_000, None, salt(E1)),
			Error::<Test>::AlreadyRevealed
		);
		assert!(events().contains(&Event::ScoreRevealed {
			request: r,
			evaluator: E1,
			score: 500_000,
			contamination: None
		}));
	});
}

#[test]
fn a_copied_commitment_cannot_be_opened() {
	new_test_ext(|| {
		let r = setup();
		commit(E1, r, 500_000);
		// E2 copies E1's commitment from the chain.
		let copied = commitment_of(r, E1, 500_000, None, &salt(E1));
		assert_ok!(EvalAttestation::commit(RuntimeOrigin::signed(E2), r, copied));
		commit(E3, r, 500_000);
		reveal(E1, r, 500_000);
		assert_noop!(
			EvalAttestation::reveal(RuntimeOrigin::signed(E2), r, 500_000, None, salt(E1)),
			Error::<Test>::RevealMismatch
		);
	});
}

#[test]
fn a_commitment_from_another_scheme_or_request_does_not_open() {
	new_test_ext(|| {
		let r = setup();
		// The same (object, party, value, salt) under the compute-result domain.
		let other_domain = commitment(
			verity_primitives::commitment::COMPUTE_RESULT,
			&r,
			&E1,
			&(500_000u32, None::<Perbill>),
			&salt(E1),
		);
		assert_ok!(EvalAttestation::commit(RuntimeOrigin::signed(E1), r, other_domain));
		// A commitment made for another request.
		let other_request = commitment_of(r + 1, E2, 500_000, None, &salt(E2));
		assert_ok!(EvalAttestation::commit(RuntimeOrigin::signed(E2), r, other_request));
		commit(E3, r, 500_000);
		for who in [E1, E2] {
			assert_noop!(
				EvalAttestation::reveal(RuntimeOrigin::signed(who), r, 500_000, None, salt(who)),
				Error::<Test>::RevealMismatch
			);
		}
	});
}

#[test]
fn late_reveals_are_refused() {
	new_test_ext(|| {
		let r = setup();
		for who in [E1, E2, E3] {
			commit(who, r, 500_000);
		}
		// The reveal deadline has come but its queue has not run yet.
		System::set_block_number(2 + REVEAL_PERIOD);
		assert_noop!(
			EvalAttestation::reveal(RuntimeOrigin::signed(E1), r, 500_000, None, salt(E1)),
			Error::<Test>::RevealTooLate
		);
	});
}

#[test]
fn the_commitment_is_blake2_of_the_documented_bytes() {
	new_test_ext(|| {
		// What a client computes: b"vrty/evl" ‖ u64_le(request) ‖ account ‖ u32_le(score) ‖
		// option ‖ salt.
		let salt = H256::repeat_byte(9);
		let mut bytes = b"vrty/evl".to_vec();
		bytes.extend_from_slice(&7u64.to_le_bytes());
		bytes.extend_from_slice(&E1.to_le_bytes());
		bytes.extend_from_slice(&873_000u32.to_le_bytes());
		bytes.push(1);
		bytes.extend_from_slice(&25_000_000u32.to_le_bytes());
		bytes.extend_from_slice(salt.as_bytes());
		let expected = H256(sp_io::hashing::blake2_256(&bytes));
		assert_eq!(
			commitment_of(7, E1, 873_000, Some(Perbill::from_parts(25_000_000)), &salt),
			expected
		);
		let mut none = b"vrty/evl".to_vec();
		none.extend_from_slice(&7u64.to_le_bytes());
		none.extend_from_slice(&E1.to_le_bytes());
		none.extend_from_slice(&873_000u32.to_le_bytes());
		none.push(0);
		none.extend_from_slice(salt.as_bytes());
		assert_eq!(
			commitment_of(7, E1, 873_000, None, &salt),
			H256(sp_io::hashing::blake2_256(&none))
		);
	});
}
