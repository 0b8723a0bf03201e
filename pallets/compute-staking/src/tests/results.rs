//! Results: commit-reveal, the majority vote, spot checks, escalation, disputes.

use super::*;
use crate::{Error, Event, HoldReason, Receipts, SlashAt};
use frame_support::{assert_noop, assert_ok};

/// Picks a randomness salt under which job `id` is (or is not) spot-checked.
fn force_spot_check(id: JobId, wanted: bool) {
	for n in 0..1_000 {
		reseed(n);
		if ComputeStaking::sample_spot_check(id) == wanted {
			return;
		}
	}
	panic!("no seed gives spot check = {wanted}");
}

#[test]
fn agreeing_seats_complete_the_job() {
	new_test_ext(|| {
		let (a, b) = (register(2), register(3));
		let id = submit(2, 20);
		draw(id);
		commit(&a, id, out(7));
		assert_eq!(status(id), Some(JobStatus::Committing));
		commit(&b, id, out(7));
		assert_eq!(status(id), Some(JobStatus::Revealing { until: 2 + REVEAL_PERIOD }));
		reveal(&a, id, out(7));
		reveal(&b, id, out(7));
		// The last reveal decides; the deadline queue settles at the next block.
		let settles_at = System::block_number() + 1;
		assert_eq!(status(id), Some(JobStatus::Decided { output: out(7) }));
		assert!(events().contains(&Event::JobDecided { job: id, output: out(7), settles_at }));
		assert!(!Receipts::<Test>::contains_key(id));
		run_to_block(settles_at);
		assert!(!Jobs::<Test>::contains_key(id));
		let receipt = Receipts::<Test>::get(id).expect("completed");
		assert_eq!(receipt.output_hash, out(7));
		assert_eq!(receipt.owner, acc(1));
		let mut providers = receipt.providers.into_inner();
		providers.sort();
		assert_eq!(providers, vec![a.clone(), b.clone()]);
		assert_eq!(provider(&a).completed, 1);
		assert!(held_jobs(&a).is_empty() && held_jobs(&b).is_empty());
		assert_eq!(held(HoldReason::JobPayment, &acc(1)), 0);
		assert_eq!(crate::Deadlines::<Test>::iter().count(), 0);
	});
}

#[test]
fn the_minority_is_slashed_by_id_after_the_deferral() {
	new_test_ext(|| {
		let (a, b, c) = (register(2), register(3), register(4));
		let id = submit(3, 20);
		draw(id);
		run_job(id, |w| if w == &c { out(8) } else { out(7) });
		let receipt = Receipts::<Test>::get(id).expect("completed");
		assert_eq!(receipt.providers.len(), 2);
		assert!(!receipt.providers.contains(&c));
		// A wrong output costs max(10% of the bond, 2 × payment / p) = max(200, 1,600).
		let slash = 1_600;
		let scheduled = events()
			.into_iter()
			.find_map(|e| match e {
				Event::SlashScheduled { id: sid, who, amount, cause, at, .. } if who == c => {
					Some((sid, amount, cause, at))
				},
				_ => None,
			})
			.expect("slash scheduled");
		assert_eq!(scheduled.1, slash);
		assert_eq!(scheduled.2, SlashCause::WrongOutput);
		assert_eq!(SlashAt::<Test>::get(scheduled.0), Some(scheduled.3));
		assert_eq!(bond(&c), BOND);
		let treasury_before = free(&acc(TREASURY));
		run_to_block(scheduled.3);
		assert_eq!(bond(&c), BOND - slash);
		assert_eq!(held(HoldReason::ProviderBond, &c), BOND - slash);
		assert_eq!(free(&acc(TREASURY)), treasury_before + slash);
		assert_eq!(SlashAt::<Test>::get(scheduled.0), None);
		assert_eq!(provider(&a).slashed + provider(&b).slashed, 0);
	});
}

#[test]
fn commit_and_reveal_reject_bad_calls() {
	new_test_ext(|| {
		let (a, b, c) = (register(2), register(3), acc(9));
		let id = submit(2, 20);
		let c_ = |who: &AccountId, job| {
			ComputeStaking::commit(
				RuntimeOrigin::signed(who.clone()),
				job,
				commitment_of(job, who, &out(1), &salt_of(who)),
			)
		};
		assert_noop!(c_(&a, id), Error::<Test>::NotAssigned);
		draw(id);
		assert_noop!(c_(&a, 99), Error::<Test>::UnknownJob);
		assert_noop!(c_(&c, id), Error::<Test>::NotAssigned);
		commit(&a, id, out(1));
		assert_noop!(c_(&a, id), Error::<Test>::AlreadyCommitted);
		let r_ = |who: &AccountId, output, salt| {
			ComputeStaking::reveal(RuntimeOrigin::signed(who.clone()), id, output, salt)
		};
		assert_noop!(r_(&a, out(1), salt_of(&a)), refused_reveal(Error::<Test>::NotRevealPhase));
		commit(&b, id, out(1));
		assert_noop!(c_(&b, id), Error::<Test>::NotCommitPhase);
		assert_noop!(r_(&a, out(2), salt_of(&a)), refused_reveal(Error::<Test>::RevealMismatch));
		assert_noop!(r_(&a, out(1), H256::zero()), refused_reveal(Error::<Test>::RevealMismatch));
		assert_noop!(r_(&c, out(1), salt_of(&c)), refused_reveal(Error::<Test>::NotAssigned));
		reveal(&a, id, out(1));
		assert_noop!(r_(&a, out(1), salt_of(&a)), refused_reveal(Error::<Test>::AlreadyRevealed));
	});
}

#[test]
fn an_unchecked_r1_result_completes_at_once() {
	new_test_ext(|| {
		let (a, _b) = (register(2), register(3));
		let id = submit(1, 20);
		let drawn = draw(id);
		assert_eq!(drawn.len(), 1);
		force_spot_check(id, false);
		run_job(id, |_| out(3));
		assert_eq!(Receipts::<Test>::get(id).unwrap().output_hash, out(3));
		assert!(events().iter().any(|e| matches!(
			e,
			Event::JobCompleted { job, checked: false, providers: 1, .. } if *job == id
		)));
		let _ = a;
	});
}

#[test]
fn a_sampled_r1_result_is_rerun_by_a_drawn_checker_and_stands_when_it_agrees() {
	new_test_ext(|| {
		let (a, b) = (register(2), register(3));
		let id = submit(1, 20);
		let first = draw(id)[0].clone();
		force_spot_check(id, true);
		run_job(id, |_| out(3));
		let job = Jobs::<Test>::get(id).expect("checking");
		assert_eq!(job.status, JobStatus::Committing);
		let checker = job.seats.iter().find(|s| s.role == SeatRole::SpotCheck).unwrap();
		assert_ne!(checker.provider, first);
		assert!([a.clone(), b.clone()].contains(&checker.provider));
		run_job(id, |_| out(3));
		assert!(events().iter().any(|e| matches!(
			e,
			Event::JobCompleted { job, checked: true, providers: 2, .. } if *job == id
		)));
	});
}

#[test]
fn a_lying_r1_provider_caught_by_the_spot_check_loses_the_escalated_vote() {
	new_test_ext(|| {
		let providers: Vec<AccountId> = (2..8).map(register).collect();
		let id = submit(1, 50);
		let liar = draw(id)[0].clone();
		force_spot_check(id, true);
		let honest = |w: &AccountId| if w == &liar { out(66) } else { out(1) };
		run_job(id, honest);
		// The checker disagrees: no majority of 2, so 3 more are drawn (5 seats in all).
		run_job(id, honest);
		assert!(events().contains(&Event::JobEscalated { job: id, seats: 3 }));
		run_job(id, honest);
		let receipt = Receipts::<Test>::get(id).expect("settled on the honest output");
		assert_eq!(receipt.output_hash, out(1));
		assert_eq!(receipt.providers.len(), 4);
		assert!(events().iter().any(|e| matches!(
			e,
			Event::SlashScheduled { who, cause: SlashCause::WrongOutput, amount: 1_600, .. }
				if who == &liar
		)));
		assert!(providers.contains(&liar));
	});
}

/// An `r = 2` job whose every seat, escalation included, answers something different: disputed.
/// Returns the job and the end of its dispute period.
fn disputed_job() -> (JobId, u64) {
	for n in 2..8 {
		register(n);
	}
	let id = submit(2, 50);
	draw(id);
	let distinct = |w: &AccountId| H256(sp_io::hashing::blake2_256(w.as_ref()));
	run_job(id, distinct);
	run_job(id, distinct);
	let Some(JobStatus::Disputed { until }) = status(id) else { panic!("not disputed") };
	(id, until)
}

#[test]
fn without_majority_after_escalation_the_job_is_disputed_then_refunded() {
	new_test_ext(|| {
		let (id, until) = disputed_job();
		assert_noop!(
			ComputeStaking::resolve_dispute(RuntimeOrigin::signed(acc(1)), id, out(1)),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_noop!(
			ComputeStaking::resolve_dispute(RuntimeOrigin::root(), id, out(1)),
			Error::<Test>::OutputNotRevealed
		);
		run_to_block(until);
		assert!(!Jobs::<Test>::contains_key(id));
		assert_eq!(free(&acc(1)), START, "the default outcome refunds the owner");
		assert!(events().iter().any(|e| matches!(e, Event::JobExpired { job, .. } if *job == id)));
		assert_noop!(
			ComputeStaking::resolve_dispute(RuntimeOrigin::root(), id, out(1)),
			Error::<Test>::UnknownJob
		);
	});
}

#[test]
fn dispute_origin_settles_within_the_dispute_period_only() {
	new_test_ext(|| {
		let (id, until) = disputed_job();
		let chosen = Jobs::<Test>::get(id).unwrap().seats[0].output.unwrap();
		System::set_block_number(until);
		assert_noop!(
			ComputeStaking::resolve_dispute(RuntimeOrigin::root(), id, chosen),
			Error::<Test>::DisputeOver
		);
		System::set_block_number(until - 1);
		assert_ok!(ComputeStaking::resolve_dispute(RuntimeOrigin::root(), id, chosen));
		assert_eq!(Receipts::<Test>::get(id).unwrap().output_hash, chosen);
		assert_noop!(
			ComputeStaking::resolve_dispute(RuntimeOrigin::root(), 99, chosen),
			Error::<Test>::UnknownJob
		);
	});
}

#[test]
fn a_reveal_is_charged_for_what_it_did_not_the_worst_case() {
	use crate::weights::WeightInfo;
	use frame_support::dispatch::GetDispatchInfo;
	new_test_ext(|| {
		let (a, b) = (register(2), register(3));
		let id = submit(2, 20);
		draw(id);
		commit(&a, id, out(1));
		commit(&b, id, out(1));
		let declared = crate::Call::<Test>::reveal { job: id, output: out(1), salt: salt_of(&a) }
			.get_dispatch_info()
			.call_weight;
		let first =
			ComputeStaking::reveal(RuntimeOrigin::signed(a.clone()), id, out(1), salt_of(&a))
				.unwrap()
				.actual_weight
				.unwrap();
		let last =
			ComputeStaking::reveal(RuntimeOrigin::signed(b.clone()), id, out(1), salt_of(&b))
				.unwrap()
				.actual_weight
				.unwrap();
		// Both are charged a deciding reveal at the job's two seats: the settlement is not the
		// reveal's to pay (the submission paid it) and runs in the next block.
		let reveal = <Test as crate::Config>::WeightInfo::reveal(2);
		assert_eq!((first, last), (reveal, reveal));
		assert!(!Receipts::<Test>::contains_key(id));
		assert!(last.ref_time() < declared.ref_time(), "refunded below the worst case");
		settle_if_decided(id);
		assert!(Receipts::<Test>::contains_key(id));
	});
}

#[test]
fn a_decided_job_takes_no_more_calls_and_anyone_settles_it_when_the_queue_is_behind() {
	new_test_ext(|| {
		let (a, b) = (register(2), register(3));
		let id = submit(2, 20);
		draw(id);
		commit_all(id, |_| out(4));
		reveal(&a, id, out(4));
		reveal(&b, id, out(4));
		assert_eq!(status(id), Some(JobStatus::Decided { output: out(4) }));
		// Nobody can reopen or redirect the decided vote meanwhile: not a seat, not the owner,
		// not the dispute origin.
		assert_noop!(
			ComputeStaking::reveal(RuntimeOrigin::signed(a.clone()), id, out(4), salt_of(&a)),
			refused_reveal(Error::<Test>::NotRevealPhase)
		);
		assert_noop!(
			ComputeStaking::commit(RuntimeOrigin::signed(b.clone()), id, H256::zero()),
			Error::<Test>::NotCommitPhase
		);
		assert_noop!(
			ComputeStaking::cancel_job(RuntimeOrigin::signed(acc(1)), id),
			Error::<Test>::AlreadyDrawn
		);
		assert_noop!(
			ComputeStaking::resolve_dispute(RuntimeOrigin::root(), id, out(4)),
			Error::<Test>::NotDisputed
		);
		// The invariants hold the decision to its majority.
		let decided = Jobs::<Test>::get(id).unwrap();
		Jobs::<Test>::mutate(id, |j| {
			j.as_mut().unwrap().status = JobStatus::Decided { output: out(5) }
		});
		assert!(ComputeStaking::do_try_state().is_err());
		Jobs::<Test>::insert(id, decided);
		// Not due before the next block.
		assert_noop!(
			ComputeStaking::poke(RuntimeOrigin::signed(acc(9)), id),
			Error::<Test>::NotDue
		);
		// The queue did not run (as when it is behind): any account settles it.
		System::set_block_number(System::block_number() + 1);
		assert_ok!(ComputeStaking::poke(RuntimeOrigin::signed(acc(9)), id));
		assert_eq!(Receipts::<Test>::get(id).map(|r| r.output_hash), Some(out(4)));
		assert!(!Jobs::<Test>::contains_key(id) && held_jobs(&a).is_empty());
	});
}
