//! Jobs: submit, cancel, claim, and the deadline queue's scheduling.

use crate::{types::*, Config, Deadlines, Error, Event, HoldReason, Jobs, NextJobId, Pallet};
use alloc::collections::BTreeSet;
use frame_support::{
	ensure,
	traits::{fungible::MutateHold, tokens::Precision, Get},
	BoundedVec,
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{traits::One, DispatchError, DispatchResult, Saturating};
use verity_primitives::{
	traits::{DatasetInspect, LineageInspect},
	JobId,
};

/// How many blocks past the wanted one `schedule` looks for room in the queue.
pub(crate) const SCHEDULE_SEARCH: u32 = 8;

impl<T: Config> Pallet<T> {
	pub(crate) fn do_submit(owner: T::AccountId, spec: JobSpec<T>) -> Result<JobId, DispatchError> {
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(
			spec.redundancy >= 1 && spec.redundancy <= T::MaxRedundancy::get(),
			Error::<T>::InvalidRedundancy
		);
		ensure!(spec.deadline > now, Error::<T>::DeadlineInPast);
		ensure!(
			spec.deadline <= now.saturating_add(T::MaxJobDuration::get()),
			Error::<T>::DeadlineTooFar
		);
		ensure!(spec.payment >= T::MinJobPayment::get(), Error::<T>::PaymentTooLow);
		ensure!(
			!spec.kind.requires_greedy() || spec.params.temperature_milli == 0,
			Error::<T>::NonZeroTemperature
		);
		ensure!(!spec.input_uri.is_empty(), Error::<T>::EmptyInputUri);
		if let Some(version) = spec.model_version {
			ensure!(T::Lineage::exists(version), Error::<T>::UnknownModelVersion);
			ensure!(T::Lineage::is_usable(version), Error::<T>::ModelVersionNotUsable);
		}
		let mut seen = BTreeSet::new();
		for dataset in spec.datasets.iter() {
			ensure!(seen.insert(*dataset), Error::<T>::DuplicateDataset);
			ensure!(T::Datasets::is_usable(*dataset), Error::<T>::DatasetNotUsable);
		}

		let id = NextJobId::<T>::get();
		Self::schedule(spec.deadline, id)?;
		T::Currency::hold(&HoldReason::JobPayment.into(), &owner, spec.payment)?;
		NextJobId::<T>::put(id.saturating_add(1));
		Self::deposit_event(Event::JobSubmitted {
			job: id,
			owner: owner.clone(),
			kind: spec.kind,
			redundancy: spec.redundancy,
			payment: spec.payment,
			deadline: spec.deadline,
		});
		Jobs::<T>::insert(
			id,
			Job {
				owner,
				spec,
				status: JobStatus::Open,
				assignments: BoundedVec::new(),
				challenge: None,
			},
		);
		Ok(id)
	}

	pub(crate) fn do_cancel(who: T::AccountId, id: JobId) -> DispatchResult {
		let job = Jobs::<T>::get(id).ok_or(Error::<T>::UnknownJob)?;
		ensure!(job.owner == who, Error::<T>::NotJobOwner);
		ensure!(
			job.assignments.is_empty() && job.status == JobStatus::Open,
			Error::<T>::JobAlreadyClaimed
		);
		Self::refund(&job)?;
		Jobs::<T>::remove(id);
		Self::deposit_event(Event::JobCancelled { job: id });
		Ok(())
	}

	pub(crate) fn do_claim(who: T::AccountId, id: JobId) -> DispatchResult {
		let mut job = Jobs::<T>::get(id).ok_or(Error::<T>::UnknownJob)?;
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(job.status == JobStatus::Open, Error::<T>::JobNotOpen);
		ensure!(now < job.spec.deadline, Error::<T>::DeadlinePassed);
		ensure!(job.position(&who).is_none(), Error::<T>::AlreadyClaimed);
		let provider = Self::ensure_can_take_job(&who)?;
		ensure!(provider.kinds.contains(&job.spec.kind), Error::<T>::KindNotServed);

		let commit_by = now.saturating_add(T::CommitPeriod::get()).min(job.spec.deadline);
		if commit_by < job.spec.deadline {
			Self::schedule(commit_by, id)?;
		}
		job.assignments
			.try_push(Assignment {
				provider: who.clone(),
				commit_by,
				commitment: None,
				output: None,
			})
			.map_err(|_| Error::<T>::JobNotOpen)?;
		if job.assignments.len() as u32 >= job.spec.redundancy {
			job.status = JobStatus::Assigned;
		}
		Self::hold_job(&who, id)?;
		Jobs::<T>::insert(id, job);
		Self::deposit_event(Event::JobClaimed { job: id, provider: who, commit_by });
		Ok(())
	}

	/// Puts `id` in the queue at `at`, or the first later block with room (at most
	/// `SCHEDULE_SEARCH` blocks later). Returns the block used.
	pub(crate) fn schedule(
		at: BlockNumberFor<T>,
		id: JobId,
	) -> Result<BlockNumberFor<T>, DispatchError> {
		let mut block = at;
		for _ in 0..=SCHEDULE_SEARCH {
			let added = Deadlines::<T>::mutate(block, |list| {
				if list.contains(&id) {
					return true;
				}
				list.try_push(id).is_ok()
			});
			if added {
				return Ok(block);
			}
			block = block.saturating_add(One::one());
		}
		Err(Error::<T>::DeadlineQueueFull.into())
	}

	/// Gives the job's payment back to its owner.
	pub(crate) fn refund(job: &Job<T>) -> Result<BalanceOf<T>, DispatchError> {
		T::Currency::release(
			&HoldReason::JobPayment.into(),
			&job.owner,
			job.spec.payment,
			Precision::BestEffort,
		)
	}
}
