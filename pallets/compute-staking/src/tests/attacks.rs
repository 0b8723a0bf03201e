//! The attacks of issue 11, each played with the attacker's own accounts: each ends refused by
//! name or at a loss, with the honest parties paid exactly their share.

use super::*;
use crate::{Deadlines, Error, Event, HoldReason, Receipts, BAD_INPUT};
use frame_support::assert_noop;

#[test]
fn a_copied_commitment_does_not_open_for_the_copier() {
	new_test_ext(|| {
		let (honest, copier) = (register(2), register(3));
		let id = submit(2, 40);
		draw(id);
		commit(&honest, id, out(5));
		// The copier watches the mempool and commits the honest seat's commitment as its own.
		let copied = Jobs::<Test>::get(id)
			.unwrap()
			.seats
			.iter()
			.find(|s| s.provider == honest)
			.unwrap()
			.commitment
			.unwrap();
		assert_ok!(ComputeStaking::commit(RuntimeOrigin::signed(copier.clone()), id, copied));
		reveal(&honest, id, out(5));
		// Then replays the honest reveal: the commitment binds the honest provider, not it.
		assert_noop!(
			ComputeStaking::reveal(
				RuntimeOrigin::signed(copier.clone()),
				id,
				out(5),
				salt_of(&honest)
			),
			refused_reveal(Error::<Test>::RevealMismatch)
		);
	});
}

#[test]
fn a_commitment_cannot_be_replayed_on_another_job() {
	new_test_ext(|| {
		let (a, b) = (register(2), register(3));
		let (j1, j2) = (submit(2, 40), submit(2, 40));
		draw(j1);
		assert_eq!(seats(j2).len(), 2);
		let c1 = commitment_of(j1, &a, &out(5), &salt_of(&a));
		assert_ok!(ComputeStaking::commit(RuntimeOrigin::signed(a.clone()), j2, c1));
		commit(&b, j2, out(5));
		assert_noop!(
			ComputeStaking::reveal(RuntimeOrigin::signed(a.clone()), j2, out(5), salt_of(&a)),
			refused_reveal(Error::<Test>::RevealMismatch)
		);
	});
}

#[test]
fn the_submitter_never_serves_its_own_job() {
	new_test_ext(|| {
		// The submitter is also a provider, with ten times anyone else's bond.
		let owner = acc(1);
		assert_ok!(ComputeStaking::register_provider(
			RuntimeOrigin::signed(owner.clone()),
			10 * BOND,
			hardware(),
			all_kinds(),
			MAX_CAPACITY
		));
		let (a, b) = (register(2), register(3));
		for n in 0..30 {
			reseed(n);
			let id = submit_from(&owner, spec(1, System::block_number() + 60));
			let drawn = draw(id);
			assert_eq!(drawn.len(), 1);
			assert!(drawn[0] == a || drawn[0] == b, "the owner was drawn");
			run_job(id, |_| out(1));
			// A spot-checker, if sampled, is never the owner either.
			assert!(!seats(id).contains(&owner));
			run_job(id, |_| out(1));
		}
	});
}

#[test]
fn splitting_stake_over_accounts_buys_no_extra_seats() {
	// Party X holds 3 × BOND; the honest provider holds 3 × BOND. Over many r = 1 draws X's share
	// of seats is about one half whether X uses one account or three.
	let share_of_x = |split: bool| {
		let mut x_seats = 0;
		new_test_ext(|| {
			let honest = acc(2);
			assert_ok!(ComputeStaking::register_provider(
				RuntimeOrigin::signed(honest.clone()),
				3 * BOND,
				hardware(),
				all_kinds(),
				MAX_CAPACITY
			));
			let x_accounts: Vec<AccountId> = if split {
				(3..6).map(register).collect()
			} else {
				let x = acc(3);
				assert_ok!(ComputeStaking::register_provider(
					RuntimeOrigin::signed(x.clone()),
					3 * BOND,
					hardware(),
					all_kinds(),
					MAX_CAPACITY
				));
				vec![x]
			};
			let id = submit(1, 60);
			let job = Jobs::<Test>::get(id).unwrap();
			for n in 0..400 {
				reseed(n);
				let drawn = ComputeStaking::draw(id, &job, 0, 1, &[]);
				if x_accounts.contains(&drawn[0]) {
					x_seats += 1;
				}
			}
		});
		x_seats
	};
	let one = share_of_x(false);
	let three = share_of_x(true);
	assert!((160..=240).contains(&one), "one account: {one} of 400");
	assert!((160..=240).contains(&three), "three accounts: {three} of 400");
}

#[test]
fn stuffing_the_queue_with_submit_and_cancel_pairs_leaves_nothing_behind() {
	new_test_ext(|| {
		let (a, b) = (register(2), register(3));
		let honest = submit(2, 30);
		let attacker = acc(9);
		for _ in 0..2_000 {
			let id = submit_from(&attacker, spec(2, 30));
			assert_ok!(ComputeStaking::cancel_job(RuntimeOrigin::signed(attacker.clone()), id));
		}
		assert_eq!(Deadlines::<Test>::iter().count(), 1, "only the honest job is queued");
		assert_eq!(free(&attacker), START, "the pairs cost the attacker only fees");
		assert_eq!(draw(honest).len(), 2);
		run_job(honest, |_| out(1));
		assert!(Receipts::<Test>::contains_key(honest));
		let _ = (a, b);
	});
}

#[test]
fn a_seat_that_commits_and_never_reveals_cannot_lock_an_r2_job() {
	new_test_ext(|| {
		for n in 2..7 {
			register(n);
		}
		let id = submit(2, 60);
		let drawn = draw(id);
		let (honest, silent) = (drawn[0].clone(), drawn[1].clone());
		commit(&honest, id, out(1));
		commit(&silent, id, out(1));
		reveal(&honest, id, out(1));
		let Some(JobStatus::Revealing { until }) = status(id) else { panic!() };
		run_to_block(until);
		// No root needed: the silent seat is slashed and three fresh seats break the tie.
		assert!(events().contains(&Event::JobEscalated { job: id, seats: 3 }));
		assert!(!seats(id).contains(&silent));
		run_job(id, |_| out(1));
		let receipt = Receipts::<Test>::get(id).expect("completed by the escalated vote");
		assert_eq!(receipt.providers.len(), 4);
		assert!(events().iter().any(|e| matches!(
			e,
			Event::SlashScheduled { who, cause: SlashCause::Silent, .. } if who == &silent
		)));
	});
}

#[test]
fn an_input_switched_after_the_draw_costs_the_submitter_and_slashes_nobody() {
	new_test_ext(|| {
		let (a, b) = (register(2), register(3));
		let (a0, b0) = (free(&a), free(&b));
		let id = submit(2, 40);
		draw(id);
		// Both providers fetch an input that no longer matches its hash and say so.
		run_job(id, |_| BAD_INPUT);
		assert!(!Receipts::<Test>::contains_key(id), "no receipt for a job that never ran");
		let providers = PAYMENT - PAYMENT / 10;
		assert_eq!(
			events().last(),
			Some(&Event::InputRejected { job: id, providers: 2, provider_share: providers })
		);
		assert_eq!(free(&a) + free(&b), a0 + b0 + providers);
		assert_eq!(free(&acc(1)), START - PAYMENT, "the submitter is not refunded");
		assert_eq!(held(HoldReason::JobPayment, &acc(1)), 0);
		assert!(!events().iter().any(|e| matches!(e, Event::SlashScheduled { .. })));
	});
}
