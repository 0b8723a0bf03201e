//! The deadline queue at work: each block looks at the (at most `MaxJobsPerBlock`) jobs queued
//! for it and moves them on: silent claimants are slashed, reveal phases close, challenge windows
//! end, expired jobs are refunded.

use crate::{types::*, Config, Deadlines, Event, Jobs, Pallet};
use alloc::vec::Vec;
use frame_support::storage::with_storage_layer;
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{traits::One, DispatchResult, Saturating};
use verity_primitives::JobId;

impl<T: Config> Pallet<T> {
	/// Handles the jobs queued for `now`; returns how many entries there were.
	pub(crate) fn process_deadlines(now: BlockNumberFor<T>) -> u32 {
		let due = Deadlines::<T>::take(now);
		let count = due.len() as u32;
		for id in due {
			if let Err(e) = with_storage_layer(|| Self::process_job(id, now)) {
				// Try again next block rather than leave the job without a deadline.
				log::error!(target: "runtime::compute-staking", "job {id} at {now:?}: {e:?}");
				let _ = Self::schedule(now.saturating_add(One::one()), id);
			}
		}
		count
	}

	/// Moves job `id` on if one of its deadlines has come; does nothing otherwise.
	pub(crate) fn process_job(id: JobId, now: BlockNumberFor<T>) -> DispatchResult {
		let Some(mut job) = Jobs::<T>::get(id) else { return Ok(()) };
		match job.status {
			JobStatus::Open | JobStatus::Assigned => {
				let late: Vec<T::AccountId> = job
					.assignments
					.iter()
					.filter(|a| a.commitment.is_none() && a.commit_by <= now)
					.map(|a| a.provider.clone())
					.collect();
				for who in late.iter() {
					Self::decide_slash(who, id, SlashCause::Silent);
					Self::drop_job(who, id);
				}
				job.assignments.retain(|a| !late.contains(&a.provider));

				if now >= job.spec.deadline {
					Self::close_commits(id, job, now)
				} else {
					if !late.is_empty() {
						job.status = JobStatus::Open;
						Self::deposit_event(Event::JobReopened {
							job: id,
							redundancy: job.spec.redundancy,
						});
					}
					Jobs::<T>::insert(id, job);
					Ok(())
				}
			},
			JobStatus::Revealing { until } if now >= until => Self::tally(id, job, now),
			JobStatus::Challengeable { until } if now >= until => {
				let output = job.assignments.first().and_then(|a| a.output);
				match output {
					Some(output) => Self::settle_on(id, job, output),
					None => Self::expire(id, job),
				}
			},
			JobStatus::Challenged { until } if now >= until => {
				// The challenger did not finish its re-run in time: it loses its bond and the
				// original result stands.
				let output = job.assignments.first().and_then(|a| a.output);
				if let Some(challenge) = job.challenge.take() {
					Self::slash_challenge_bond(id, &challenge);
					Self::drop_job(&challenge.challenger, id);
				}
				match output {
					Some(output) => Self::settle_on(id, job, output),
					None => Self::expire(id, job),
				}
			},
			_ => Ok(()),
		}
	}

	/// At the deadline (every remaining assignment has committed): reveal if a majority is still
	/// possible, otherwise give up and refund without slashing the committed providers.
	fn close_commits(id: JobId, mut job: Job<T>, now: BlockNumberFor<T>) -> DispatchResult {
		let committed = job.assignments.len() as u32;
		if committed > 0 && committed.saturating_mul(2) > job.spec.redundancy {
			Self::start_reveal(id, &mut job, now)?;
			Jobs::<T>::insert(id, job);
			Ok(())
		} else {
			Self::expire(id, job)
		}
	}

	/// Ends a job without result: assigned providers are released, the payment refunded.
	pub(crate) fn expire(id: JobId, job: Job<T>) -> DispatchResult {
		for assignment in job.assignments.iter() {
			Self::drop_job(&assignment.provider, id);
		}
		if let Some(challenge) = job.challenge.as_ref() {
			Self::drop_job(&challenge.challenger, id);
			Self::return_challenge_bond(id, challenge);
		}
		let refunded = Self::refund(&job)?;
		Jobs::<T>::remove(id);
		Self::deposit_event(Event::JobExpired { job: id, refunded });
		Ok(())
	}
}
