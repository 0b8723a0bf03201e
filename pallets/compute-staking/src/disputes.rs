//! Disputes: `DisputeOrigin` settles a disputed job on one of the revealed outputs, or re-opens
//! it with a larger redundancy.

use crate::{types::*, Config, Error, Event, Jobs, Pallet};
use frame_support::{ensure, traits::Get, BoundedVec};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{DispatchResult, Saturating};
use verity_primitives::{ContentHash, JobId};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_resolve(id: JobId, output: ContentHash) -> DispatchResult {
		let job = Jobs::<T>::get(id).ok_or(Error::<T>::UnknownJob)?;
		ensure!(job.status == JobStatus::Disputed, Error::<T>::NotDisputed);
		let revealed = job.assignments.iter().any(|a| a.output == Some(output))
			|| job.challenge.as_ref().is_some_and(|c| c.output == Some(output));
		ensure!(revealed, Error::<T>::OutputNotRevealed);
		Self::settle_on(id, job, output)
	}

	pub(crate) fn do_reopen(
		id: JobId,
		redundancy: u32,
		deadline: BlockNumberFor<T>,
	) -> DispatchResult {
		let mut job = Jobs::<T>::get(id).ok_or(Error::<T>::UnknownJob)?;
		ensure!(job.status == JobStatus::Disputed, Error::<T>::NotDisputed);
		ensure!(redundancy > job.spec.redundancy, Error::<T>::RedundancyNotLarger);
		ensure!(redundancy <= T::MaxRedundancy::get(), Error::<T>::InvalidRedundancy);
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(deadline > now, Error::<T>::DeadlineInPast);
		ensure!(
			deadline <= now.saturating_add(T::MaxJobDuration::get()),
			Error::<T>::DeadlineTooFar
		);
		Self::schedule(deadline, id)?;

		for assignment in job.assignments.iter() {
			Self::drop_job(&assignment.provider, id);
		}
		if let Some(challenge) = job.challenge.take() {
			Self::drop_job(&challenge.challenger, id);
			Self::return_challenge_bond(id, &challenge);
		}
		job.assignments = BoundedVec::new();
		job.spec.redundancy = redundancy;
		job.spec.deadline = deadline;
		job.status = JobStatus::Open;
		Jobs::<T>::insert(id, job);
		Self::deposit_event(Event::JobReopened { job: id, redundancy });
		Ok(())
	}
}
