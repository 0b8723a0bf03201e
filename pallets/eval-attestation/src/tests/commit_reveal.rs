//! Claims, commitments and reveals, with their windows.

use super::*;
use crate::{Error, Event};
use frame_support::{assert_noop, assert_ok};

/// An approved benchmark, `E1..E3` bonded and one request on `CLEAN`.
fn setup() -> RequestId {
	let id = approved(spec());
	bond_all(&[E1, E2, E3, E4]);
	request(CLEAN, id)
}

fn try_claim(who: AccountId, r: RequestId) -> sp_runtime::DispatchResult {
	EvalAttestation::claim(RuntimeOrigin::signed(who), r)
}

#[test]
fn claims_fill_the_quorum_once_each() {
	new_test_ext(|| {
		let r = setup();
		claim(E1, r);
		assert_noop!(try_claim(E1, r), Error::<Test>::AlreadyClaimed);
		claim(E2, r);
		claim(E3, r);
		assert_noop!(try_claim(E4, r), Error::<Test>::RequestFull);
		assert_noop!(try_claim(E1, r), Error::<Test>::AlreadyClaimed);
		assert_noop!(try_claim(E1, 77), Error::<Test>::UnknownRequest);
		assert_eq!(Evaluators::<Test>::get(E1).unwrap().open_requests, 1);
		assert!(events().contains(&Event::SeatClaimed { request: r, evaluator: E2 }));
	});
}

#[test]
fn claims_need_a_large_enough_bond_and_not_the_requester() {
	new_test_ext(|| {
		let r = setup();
		assert_noop!(try_claim(20, r), Error::<Test>::NotEvaluator);
		// Bonded above the global floor but below the benchmark's minimum.
		assert_ok!(EvalAttestation::bond_evaluator(RuntimeOrigin::signed(20), MIN_BOND));
		assert_noop!(try_claim(20, r), Error::<Test>::BondTooLow);
		assert_ok!(EvalAttestation::bond_evaluator(RuntimeOrigin::signed(ALICE), BOND));
		assert_noop!(try_claim(ALICE, r), Error::<Test>::RequesterCannotEvaluate);
	});
}

#[test]
fn an_evaluator_holds_a_bounded_number_of_requests() {
	new_test_ext(|| {
		let id = approved(spec());
		bond_all(&[E1]);
		for _ in 0..MAX_REQUESTS_PER_EVALUATOR {
			let r = request(CLEAN, id);
			claim(E1, r);
		}
		let r = request(CLEAN, id);
		assert_noop!(try_claim(E1, r), Error::<Test>::TooManyRequests);
	});
}

#[test]
fn late_claims_and_commits_are_refused() {
	new_test_ext(|| {
		let r = setup();
		claim(E1, r);
		// The deadline block has come but its queue has not run yet (as when it was full).
		System::set_block_number(1 + COMMIT_PERIOD);
		assert_noop!(try_claim(E2, r), Error::<Test>::CommitTooLate);
		let hash = commitment_of(r, &E1, 1, None, &salt(E1));
		assert_noop!(
			EvalAttestation::commit(RuntimeOrigin::signed(E1), r, hash),
			Error::<Test>::CommitTooLate
		);
	});
}

#[test]
fn commits_need_a_seat_once_and_the_last_one_opens_reveals() {
	new_test_ext(|| {
		let r = setup();
		let hash = H256::repeat_byte(1);
		assert_noop!(
			EvalAttestation::commit(RuntimeOrigin::signed(E1), r, hash),
			Error::<Test>::NotAssigned
		);
		claim(E1, r);
		claim(E2, r);
		commit(E1, r, 500_000);
		assert_noop!(
			EvalAttestation::commit(RuntimeOrigin::signed(E1), r, hash),
			Error::<Test>::AlreadyCommitted
		);
		commit(E2, r, 500_000);
		// Two of three seats committed: still open.
		assert_eq!(status(r), Some(RequestStatus::Open));
		System::set_block_number(3);
		claim(E3, r);
		commit(E3, r, 500_000);
		assert_eq!(status(r), Some(RequestStatus::Revealing { until: 3 + REVEAL_PERIOD }));
		assert!(events().contains(&Event::RevealStarted { request: r, until: 3 + REVEAL_PERIOD }));
		assert_noop!(try_claim(E4, r), Error::<Test>::NotCommitPhase);
	});
}

#[test]
fn reveals_wait_for_the_reveal_phase() {
	new_test_ext(|| {
		let r = setup();
		claim(E1, r);
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
		claim_and_commit(r, &[(E1, 500_000), (E2, 501_000), (E3, 499_000)]);
		let cases = [
			(E1, 500_001, None, salt(E1)),
			(E1, 500_000, Some(Perbill::from_percent(1)), salt(E1)),
			(E1, 500_000, None, [0u8; 32]),
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
		claim(E1, r);
		claim(E2, r);
		claim(E3, r);
		commit(E1, r, 500_000);
		// E2 copies E1's commitment from the chain.
		let copied = commitment_of(r, &E1, 500_000, None, &salt(E1));
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
fn late_reveals_are_refused() {
	new_test_ext(|| {
		let r = setup();
		claim_and_commit(r, &[(E1, 500_000), (E2, 501_000), (E3, 499_000)]);
		// The reveal deadline has come but its queue has not run yet.
		System::set_block_number(1 + REVEAL_PERIOD);
		assert_noop!(
			EvalAttestation::reveal(RuntimeOrigin::signed(E1), r, 500_000, None, salt(E1)),
			Error::<Test>::RevealTooLate
		);
	});
}

#[test]
fn the_commitment_is_blake2_of_the_documented_bytes() {
	new_test_ext(|| {
		// What a client computes: u64_le(request) ‖ account ‖ u32_le(score) ‖ option ‖ salt.
		let mut bytes = Vec::new();
		bytes.extend_from_slice(&7u64.to_le_bytes());
		bytes.extend_from_slice(&E1.to_le_bytes());
		bytes.extend_from_slice(&873_000u32.to_le_bytes());
		bytes.push(1);
		bytes.extend_from_slice(&25_000_000u32.to_le_bytes());
		bytes.extend_from_slice(&[9u8; 32]);
		let expected = H256(sp_io::hashing::blake2_256(&bytes));
		assert_eq!(
			commitment_of(7, &E1, 873_000, Some(Perbill::from_parts(25_000_000)), &[9u8; 32]),
			expected
		);
		let mut none = Vec::new();
		none.extend_from_slice(&7u64.to_le_bytes());
		none.extend_from_slice(&E1.to_le_bytes());
		none.extend_from_slice(&873_000u32.to_le_bytes());
		none.push(0);
		none.extend_from_slice(&[9u8; 32]);
		assert_eq!(
			commitment_of(7, &E1, 873_000, None, &[9u8; 32]),
			H256(sp_io::hashing::blake2_256(&none))
		);
	});
}
