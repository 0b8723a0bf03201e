//! Finalization: the median of a majority, outliers and no-shows slashed, the fee split,
//! failures refunded, history and leaderboards ranked by the median of the kept results.

use super::*;
use crate::{Error, Event, Leaderboards, Results};
use frame_support::{assert_noop, assert_ok, traits::Hooks};

/// `EvaluatorSlash` (10%) of the test bond.
const SLASH: Balance = BOND / 10;

#[test]
fn quorum_of_three_attests_the_median_and_slashes_the_outlier() {
	new_test_ext(|| {
		let id = approved(spec());
		bond_all(&[E1, E2, E3]);
		let r = request(CLEAN, id);
		// E3 is 5 points off: outside the 1-point band around the median 0.812.
		draw_and_commit(r, &[(E1, 812_000), (E2, 815_000), (E3, 762_000)]);
		reveal(E1, r, 812_000);
		reveal(E3, r, 762_000);
		assert_eq!(status(r), Some(RequestStatus::Revealing { until: 2 + REVEAL_PERIOD }));
		reveal(E2, r, 815_000);

		assert!(Requests::<Test>::get(r).is_none());
		// The outlier lost 10% of its bond to the treasury and got no fee.
		assert_eq!(bond_of(E3), BOND - SLASH);
		assert_eq!(free(E3), START - BOND);
		assert_eq!(free(TREASURY), 1 + SLASH);
		// The in-band evaluators share the fee; their bonds are whole.
		assert_eq!(free(E1), START - BOND + FEE / 2);
		assert_eq!(free(E2), START - BOND + FEE / 2);
		assert_eq!(bond_of(E1), BOND);
		assert_eq!(held(HoldReason::RequestFee, ALICE), 0);
		assert_eq!(free(ALICE), START - FEE);
		let e1 = Evaluators::<Test>::get(E1).unwrap();
		assert_eq!((e1.open_requests, e1.served, e1.slashed), (0, 1, 0));
		let e3 = Evaluators::<Test>::get(E3).unwrap();
		assert_eq!((e3.open_requests, e3.served, e3.slashed), (0, 0, 1));

		let history = Results::<Test>::get(CLEAN, id).unwrap();
		assert_eq!(history.len(), 1);
		assert_eq!(history[0].score, 812_000);
		let mut paid = history[0].evaluators.to_vec();
		paid.sort();
		assert_eq!(paid, vec![E1, E2]);
		assert_eq!(history[0].at, 2);
		assert_eq!(board(id), vec![(CLEAN, 812_000, 2)]);
		let evs = events();
		assert!(evs.contains(&Event::EvaluatorSlashed {
			request: r,
			evaluator: E3,
			amount: SLASH,
			cause: SlashCause::Outlier
		}));
		assert!(evs.contains(&Event::ScoreAttested {
			request: r,
			version: CLEAN,
			benchmark: id,
			score: 812_000,
			contamination: None,
			in_band: 2,
			fee_paid: FEE
		}));
	});
}

#[test]
fn scores_on_the_band_edge_are_in_band_and_the_rounding_rest_goes_to_the_first() {
	new_test_ext(|| {
		let id = approved(spec());
		bond_all(&[E1, E2, E3]);
		let fee = 1_001;
		assert_ok!(EvalAttestation::request_evaluation(
			RuntimeOrigin::signed(ALICE),
			CLEAN,
			id,
			fee
		));
		let scores = [(E1, 500_000 - TOLERANCE), (E2, 500_000), (E3, 500_000 + TOLERANCE)];
		draw_and_commit(0, &scores);
		let order = seats(0);
		for (who, score) in scores {
			reveal(who, 0, score);
		}
		// Everyone in band; the first seat drawn gets the rest of 1,001 / 3.
		assert_eq!(free(order[0]), START - BOND + 333 + 2);
		assert_eq!(free(order[1]), START - BOND + 333);
		assert_eq!(free(order[2]), START - BOND + 333);
		assert_eq!(free(TREASURY), 1);
	});
}

#[test]
fn the_median_ignores_where_the_outliers_are() {
	new_test_ext(|| {
		let id = approved(SpecOf::<Test> { quorum: 5, ..spec() });
		bond_all(&[E1, E2, E3, E4, E5]);
		let r = request(CLEAN, id);
		// Two wild scores on both sides cannot move the median.
		full_round(r, &[(E1, 0), (E2, 700_000), (E3, 701_000), (E4, 699_000), (E5, 1_000_000)]);
		assert_eq!(board(id), vec![(CLEAN, 700_000, 2)]);
		assert_eq!(bond_of(E1), BOND - SLASH);
		assert_eq!(bond_of(E5), BOND - SLASH);
		assert_eq!(bond_of(E3), BOND);
		assert_eq!(free(E2), START - BOND + FEE / 3 + 1);
	});
}

#[test]
fn contamination_estimates_are_attested_as_their_median() {
	new_test_ext(|| {
		let id = approved(spec());
		bond_all(&[E1, E2, E3]);
		let r = request(CLEAN, id);
		let p = Perbill::from_percent;
		let rounds = [(E1, Some(p(2))), (E2, Some(p(30))), (E3, None)];
		assert_eq!(draw(r), vec![E1, E2, E3]);
		for (who, c) in rounds {
			commit_with(who, r, 600_000, c);
		}
		for (who, c) in rounds {
			reveal_with(who, r, 600_000, c);
		}
		let latest = EvalAttestation::history(CLEAN, id).pop().unwrap();
		// Lower middle of the two estimates given.
		assert_eq!(latest.contamination, Some(p(2)));
	});
}

#[test]
fn a_silent_minority_is_slashed_and_the_majority_goes_on_to_reveal() {
	new_test_ext(|| {
		let id = approved(spec());
		bond_all(&[E1, E2, E3]);
		let r = request(CLEAN, id);
		assert_eq!(draw(r), vec![E1, E2, E3]);
		commit(E1, r, 500_000);
		commit(E2, r, 500_000);
		run_to_block(1 + COMMIT_PERIOD);
		assert_eq!(status(r), Some(RequestStatus::Committing { until: 2 + COMMIT_PERIOD }));
		// E3 never commits: it cannot hold the request up.
		run_to_block(2 + COMMIT_PERIOD);
		let until = 2 + COMMIT_PERIOD + REVEAL_PERIOD;
		assert_eq!(status(r), Some(RequestStatus::Revealing { until }));
		let mut left = seats(r);
		left.sort();
		assert_eq!(left, vec![E1, E2]);
		assert_eq!(bond_of(E3), BOND - SLASH);
		assert_eq!(Evaluators::<Test>::get(E3).unwrap().open_requests, 0);
		reveal(E1, r, 500_000);
		reveal(E2, r, 500_000);
		assert!(Requests::<Test>::get(r).is_none());
		assert_eq!(board(id), vec![(CLEAN, 500_000, 2 + COMMIT_PERIOD)]);
		assert_eq!(free(E1), START - BOND + FEE / 2);
	});
}

#[test]
fn without_a_majority_of_commitments_the_request_fails_and_is_refunded() {
	new_test_ext(|| {
		let id = approved(spec());
		bond_all(&[E1, E2, E3]);
		let r = request(CLEAN, id);
		assert_eq!(draw(r), vec![E1, E2, E3]);
		commit(E1, r, 500_000);
		run_to_block(2 + COMMIT_PERIOD);
		assert_eq!(bond_of(E1), BOND);
		assert_eq!(bond_of(E2), BOND - SLASH);
		assert_eq!(bond_of(E3), BOND - SLASH);
		assert_eq!(free(ALICE), START);
		assert_eq!(Evaluators::<Test>::get(E1).unwrap().open_requests, 0);
		assert_failed(r, FailReason::NotEnoughCommits);
		assert!(Results::<Test>::get(CLEAN, id).is_none());
	});
}

/// Issue 12, item 4: the last evaluator sees the other reveals and withholds its own to veto
/// the result. The majority's reveals are attested anyway; the withholder only loses its
/// slash and its share of the fee.
#[test]
fn the_last_evaluator_cannot_veto_by_withholding() {
	new_test_ext(|| {
		let id = approved(spec());
		bond_all(&[E1, E2, E3]);
		let r = request(CLEAN, id);
		draw_and_commit(r, &[(E1, 800_000), (E2, 801_000), (E3, 500_000)]);
		reveal(E1, r, 800_000);
		reveal(E2, r, 801_000);
		// E3 (the attacker) withholds.
		run_to_block(2 + REVEAL_PERIOD);
		assert!(Requests::<Test>::get(r).is_none());
		assert_eq!(board(id), vec![(CLEAN, 800_000, 2 + REVEAL_PERIOD)]);
		assert_eq!(bond_of(E3), BOND - SLASH);
		assert_eq!(free(E3), START - BOND);
		assert_eq!(free(E1), START - BOND + FEE / 2);
		assert_eq!(free(E2), START - BOND + FEE / 2);
		assert_eq!(free(ALICE), START - FEE);
		assert!(events().contains(&Event::EvaluatorSlashed {
			request: r,
			evaluator: E3,
			amount: SLASH,
			cause: SlashCause::NoShow
		}));
	});
}

#[test]
fn without_a_majority_of_reveals_the_request_fails_and_no_shows_are_slashed() {
	new_test_ext(|| {
		let id = approved(spec());
		bond_all(&[E1, E2, E3]);
		let r = request(CLEAN, id);
		draw_and_commit(r, &[(E1, 500_000), (E2, 500_000), (E3, 500_000)]);
		reveal(E1, r, 500_000);
		run_to_block(2 + REVEAL_PERIOD);
		assert_eq!(bond_of(E1), BOND);
		assert_eq!(bond_of(E2), BOND - SLASH);
		assert_eq!(bond_of(E3), BOND - SLASH);
		assert_eq!(free(E1), START - BOND);
		assert_eq!(free(ALICE), START);
		assert_failed(r, FailReason::NotEnoughReveals);
		assert!(board(id).is_empty());
	});
}

#[test]
fn reveals_without_a_majority_in_band_fail_unslashed() {
	new_test_ext(|| {
		let id = approved(spec());
		bond_all(&[E1, E2, E3]);
		let r = request(CLEAN, id);
		// Two reveals far apart, the third withheld: no two agree within the band.
		draw_and_commit(r, &[(E1, 100_000), (E2, 900_000), (E3, 500_000)]);
		reveal(E1, r, 100_000);
		reveal(E2, r, 900_000);
		run_to_block(2 + REVEAL_PERIOD);
		assert_eq!(bond_of(E1), BOND);
		assert_eq!(bond_of(E2), BOND);
		assert_eq!(bond_of(E3), BOND - SLASH);
		assert_eq!(free(ALICE), START);
		assert_failed(r, FailReason::NoMajority);
		assert!(board(id).is_empty());
	});
}

#[test]
fn anyone_may_finalize_after_a_deadline_and_not_before() {
	new_test_ext(|| {
		let id = approved(spec());
		bond_all(&[E1, E2, E3]);
		let r = request(CLEAN, id);
		draw_and_commit(r, &[(E1, 500_000), (E2, 500_000), (E3, 500_000)]);
		reveal(E1, r, 500_000);
		assert_noop!(
			EvalAttestation::finalize(RuntimeOrigin::signed(5), r),
			Error::<Test>::DeadlineNotReached
		);
		// The queue has not run (say it was full): a finalize call does its work.
		System::set_block_number(2 + REVEAL_PERIOD);
		assert_ok!(EvalAttestation::finalize(RuntimeOrigin::signed(5), r));
		assert_eq!(bond_of(E2), BOND - SLASH);
		assert_eq!(bond_of(E3), BOND - SLASH);
		assert_eq!(free(ALICE), START);
		assert_noop!(
			EvalAttestation::finalize(RuntimeOrigin::signed(5), r),
			Error::<Test>::UnknownRequest
		);
		// The stale queue entry finds nothing to do.
		EvalAttestation::on_initialize(2 + REVEAL_PERIOD);
	});
}

#[test]
fn finalize_ends_the_commit_phase_after_its_deadline() {
	new_test_ext(|| {
		let id = approved(spec());
		bond_all(&[E1, E2, E3]);
		let r = request(CLEAN, id);
		assert_eq!(draw(r).len(), 3);
		assert_noop!(
			EvalAttestation::finalize(RuntimeOrigin::signed(5), r),
			Error::<Test>::DeadlineNotReached
		);
		System::set_block_number(2 + COMMIT_PERIOD);
		assert_ok!(EvalAttestation::finalize(RuntimeOrigin::signed(5), r));
		assert_eq!(free(ALICE), START);
		assert_eq!(bond_of(E1), BOND - SLASH);
	});
}

#[test]
fn history_keeps_the_latest_attestations() {
	new_test_ext(|| {
		let id = approved(spec());
		bond_all(&[E1, E2, E3]);
		for round in 0..(MAX_HISTORY + 2) {
			let r = request(CLEAN, id);
			let s = 500_000 + round * 1_000;
			full_round(r, &[(E1, s), (E2, s), (E3, s)]);
		}
		let scores: Vec<Score> =
			EvalAttestation::history(CLEAN, id).iter().map(|a| a.score).collect();
		assert_eq!(scores, vec![502_000, 503_000, 504_000]);
		// The leaderboard holds the version once, at the median of the kept results, dated
		// by the latest (rounds drawn at blocks 2 to 6).
		assert_eq!(board(id), vec![(CLEAN, 503_000, 6)]);
	});
}

/// Evaluates `version` on `benchmark` with everyone scoring `score`.
fn attest(version: ModelVersionId, benchmark: BenchmarkId, score: Score) {
	let r = request(version, benchmark);
	full_round(r, &[(E1, score), (E2, score), (E3, score)]);
}

#[test]
fn leaderboards_rank_by_direction_and_drop_the_worst() {
	new_test_ext(|| {
		let higher = approved(spec());
		let lower = propose(SpecOf::<Test> { direction: Direction::LowerIsBetter, ..spec() });
		assert_ok!(EvalAttestation::approve_benchmark(RuntimeOrigin::root(), lower));
		bond_all(&[E1, E2, E3]);
		// Version `n` is evaluated from block `start`: on `higher` attested at `start + 1`, on
		// `lower` at `start + 2`.
		for (n, score, start) in
			[(40u64, 300_000, 100), (41, 900_000, 110), (42, 600_000, 120), (43, 600_000, 130)]
		{
			testing::Lineage::insert(n, true, vec![], vec![CLEAN_DATA]);
			run_to_block(start);
			attest(n, higher, score);
			attest(n, lower, score);
		}
		// Best first; equal scores by age; the worst (4th) dropped.
		assert_eq!(board(higher), vec![(41, 900_000, 111), (42, 600_000, 121), (43, 600_000, 131)]);
		assert_eq!(board(lower), vec![(40, 300_000, 102), (42, 600_000, 122), (43, 600_000, 132)]);
		// A worse entry than the whole full board does not get on it.
		testing::Lineage::insert(44, true, vec![], vec![CLEAN_DATA]);
		run_to_block(140);
		attest(44, higher, 100_000);
		assert_eq!(Leaderboards::<Test>::get(higher).len(), 3);
		assert!(!board(higher).iter().any(|(v, _, _)| *v == 44));
		// One new result moves a version only as far as the median of its results: two
		// results (600k, 950k) rank at the lower middle, a third 950k moves it to the top.
		run_to_block(150);
		attest(43, higher, 950_000);
		assert_eq!(board(higher), vec![(41, 900_000, 111), (42, 600_000, 121), (43, 600_000, 151)]);
		run_to_block(160);
		attest(43, higher, 950_000);
		assert_eq!(board(higher), vec![(43, 950_000, 161), (41, 900_000, 111), (42, 600_000, 121)]);
	});
}

#[test]
fn the_commit_deadline_leaves_a_request_in_its_reveal_phase_alone() {
	new_test_ext(|| {
		let id = approved(spec());
		bond_all(&[E1, E2, E3]);
		let r = request(CLEAN, id);
		assert_eq!(draw(r).len(), 3);
		run_to_block(COMMIT_PERIOD - 1);
		for who in [E1, E2, E3] {
			commit(who, r, 500_000);
		}
		let until = COMMIT_PERIOD - 1 + REVEAL_PERIOD;
		assert!(until > 2 + COMMIT_PERIOD);
		run_to_block(2 + COMMIT_PERIOD);
		assert_eq!(status(r), Some(RequestStatus::Revealing { until }));
		reveal(E1, r, 500_000);
		reveal(E2, r, 500_000);
		reveal(E3, r, 500_000);
		assert_eq!(board(id), vec![(CLEAN, 500_000, 2 + COMMIT_PERIOD)]);
		run_to_block(until);
	});
}
