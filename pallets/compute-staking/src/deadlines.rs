//! The deadline queue at work. Each job in flight has one entry in `Deadlines` at the block it
//! is next due: its draw, a seat's commit deadline, the end of its reveal phase or of its
//! dispute. `on_initialize` handles due entries oldest first, at most `MaxJobsPerBlock` a block;
//! the rest carry over, and anyone may `poke` a due job meanwhile.

use crate::{types::*, Config, Deadlines, Error, Jobs, Pallet, QueueCursor};
use alloc::vec::Vec;
use frame_support::{ensure, storage::with_storage_layer, traits::Get};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{traits::One, DispatchResult, Saturating};
use verity_primitives::JobId;

impl<T: Config> Pallet<T> {
	/// Handles due entries from the cursor up to `now`. Returns (jobs handled, blocks scanned).
	pub(crate) fn process_deadlines(now: BlockNumberFor<T>) -> (u32, u32) {
		let budget = T::MaxJobsPerBlock::get();
		// Empty blocks cost one read each; a backlog of them is crossed a budget at a time.
		let scan_budget = budget.saturating_mul(2);
		let mut handled = 0u32;
		let mut scanned = 0u32;
		let mut block = QueueCursor::<T>::get();
		while block <= now && scanned < scan_budget {
			scanned = scanned.saturating_add(1);
			let due: Vec<JobId> = Deadlines::<T>::iter_key_prefix(block)
				.take(budget.saturating_sub(handled) as usize)
				.collect();
			for id in due.iter() {
				Self::step_due(*id, block, now);
				handled = handled.saturating_add(1);
			}
			if handled >= budget && Deadlines::<T>::iter_key_prefix(block).next().is_some() {
				break;
			}
			block = block.saturating_add(One::one());
		}
		QueueCursor::<T>::put(block);
		(handled, scanned)
	}

	/// Takes job `id`'s entry at `block` and moves the job on. A failure is logged and the job
	/// retried next block, never left without an entry.
	fn step_due(id: JobId, block: BlockNumberFor<T>, now: BlockNumberFor<T>) {
		Deadlines::<T>::remove(block, id);
		if let Err(e) = with_storage_layer(|| Self::process_job(id, now)) {
			log::error!(target: "runtime::compute-staking", "job {id} at {now:?}: {e:?}");
			if let Some(mut job) = Jobs::<T>::get(id) {
				Self::schedule(id, &mut job, now.saturating_add(One::one()));
				Jobs::<T>::insert(id, job);
			}
		}
	}

	pub(crate) fn do_poke(id: JobId) -> DispatchResult {
		let job = Jobs::<T>::get(id).ok_or(Error::<T>::UnknownJob)?;
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(job.due <= now, Error::<T>::NotDue);
		Deadlines::<T>::remove(job.due, id);
		Self::process_job(id, now)
	}

	/// Moves job `id` on at its due block; a job not yet due is left as it is.
	pub(crate) fn process_job(id: JobId, now: BlockNumberFor<T>) -> DispatchResult {
		let Some(mut job) = Jobs::<T>::get(id) else { return Ok(()) };
		if job.due > now {
			let due = job.due;
			Self::schedule(id, &mut job, due);
			Jobs::<T>::insert(id, job);
			return Ok(());
		}
		match job.status {
			JobStatus::Drawing => Self::draw_seats(id, job, now),
			JobStatus::Committing => Self::close_late_commits(id, job, now),
			JobStatus::Revealing { .. } => Self::tally(id, job, now),
			JobStatus::Disputed { .. } => Self::expire(id, job),
		}
	}

	/// Seats whose commit period passed without a commitment are slashed and leave; while the
	/// deadline allows, fresh draws replace them. When every remaining seat committed the reveal
	/// opens; with no seat left the job is refunded.
	fn close_late_commits(id: JobId, mut job: Job<T>, now: BlockNumberFor<T>) -> DispatchResult {
		let late: Vec<(T::AccountId, SeatRole)> = job
			.seats
			.iter()
			.filter(|s| s.commitment.is_none() && s.commit_by <= now)
			.map(|s| (s.provider.clone(), s.role))
			.collect();
		for (who, _) in late.iter() {
			Self::decide_slash(who, id, SlashCause::Silent, job.spec.payment);
			let _ = job.excluded.try_push(who.clone());
		}
		let gone: Vec<T::AccountId> = late.iter().map(|(who, _)| who.clone()).collect();
		Self::drop_job(&gone, id);
		job.seats.retain(|s| !late.iter().any(|(who, _)| who == &s.provider));
		if now < job.spec.deadline {
			for (_, role) in late.iter() {
				Self::seat(id, &mut job, *role, 1, now);
			}
		}
		if job.seats.is_empty() {
			return Self::expire(id, job);
		}
		if job.seats.iter().all(|s| s.commitment.is_some()) {
			Self::start_reveal(id, &mut job, now);
			Jobs::<T>::insert(id, job);
			return Ok(());
		}
		let due = Self::next_commit_due(&job);
		Self::schedule(id, &mut job, due);
		Jobs::<T>::insert(id, job);
		Ok(())
	}
}
