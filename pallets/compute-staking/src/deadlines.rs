//! The deadline queue at work. Each job in flight has one entry in `Deadlines` at the block it
//! is next due: its draw, a seat's commit deadline, the end of its reveal phase or of its
//! dispute. `on_initialize` handles due entries oldest first, at most `MaxJobsPerBlock` a block;
//! the rest carry over, and anyone may `poke` a due job meanwhile. Each due job is charged at its
//! own size ([`Pallet::step_weight`]), not at the largest job's: a block full of small due jobs
//! leaves the block's normal transactions their room.

use crate::weights::WeightInfo;
use crate::{
	results::{Settle, SettleShape},
	types::*,
	Config, Deadlines, Error, Jobs, Pallet, Pool, QueueCursor,
};
use alloc::vec::Vec;
use frame_support::{ensure, traits::Get, weights::Weight};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{traits::One, DispatchError, DispatchResult, Saturating};
use verity_primitives::{deadline, JobId};

const LOG_TARGET: &str = "runtime::compute-staking";

impl<T: Config> Pallet<T> {
	/// Handles due entries from the cursor up to `now`. Returns (the weight of the jobs handled,
	/// blocks scanned).
	pub(crate) fn process_deadlines(now: BlockNumberFor<T>) -> (Weight, u32) {
		let budget = T::MaxJobsPerBlock::get();
		// Empty blocks cost one read each; a backlog of them is crossed a budget at a time.
		let scan_budget = budget.saturating_mul(2);
		let mut handled = 0u32;
		let mut used = Weight::zero();
		let mut scanned = 0u32;
		let mut block = QueueCursor::<T>::get();
		while block <= now && scanned < scan_budget {
			scanned = scanned.saturating_add(1);
			let due: Vec<JobId> = Deadlines::<T>::iter_key_prefix(block)
				.take(budget.saturating_sub(handled) as usize)
				.collect();
			for id in due.iter() {
				used = used.saturating_add(Self::step_due(*id, block, now));
				handled = handled.saturating_add(1);
			}
			if handled >= budget && Deadlines::<T>::iter_key_prefix(block).next().is_some() {
				break;
			}
			block = block.saturating_add(One::one());
		}
		QueueCursor::<T>::put(block);
		(used, scanned)
	}

	/// What moving `job` on can cost at its own size: a draw of up to `drawn + 1` seats (an
	/// escalation) over the pool as it is, a settlement of its seats and datasets with their
	/// royalty hooks, or its expiry. [`Pallet::job_step_weight`] is the same over every job.
	pub(crate) fn step_weight(job: &Job<T>) -> Weight {
		let seats = job.seats.len() as u32;
		let draws =
			job.drawn.saturating_add(1).max(job.spec.redundancy).min(MaxSeatsOf::<T>::get());
		let pool = Pool::<T>::decode_len().unwrap_or(0) as u32;
		T::WeightInfo::draw_seats(pool, draws)
			.max(Self::settle_weight_bound(&SettleShape::of(job)))
			.max(T::WeightInfo::expire(seats))
	}

	/// Takes job `id`'s entry at `block` and moves the job on; returns what that weighed: a
	/// settlement at its own size and royalty lookups, any other step at its bound. A failure is
	/// logged and the job retried next block, never left without an entry.
	fn step_due(id: JobId, block: BlockNumberFor<T>, now: BlockNumberFor<T>) -> Weight {
		Deadlines::<T>::remove(block, id);
		let Some(job) = Jobs::<T>::get(id) else { return Weight::zero() };
		let mut weight = Self::step_weight(&job);
		let retry = |next| {
			if let Some(mut job) = Jobs::<T>::get(id) {
				Self::schedule(id, &mut job, next);
				Jobs::<T>::insert(id, job);
			}
		};
		deadline::step_or_retry(
			LOG_TARGET,
			("job", id),
			now,
			|| {
				weight = Self::advance(id, job, now)?.unwrap_or(weight);
				Ok(())
			},
			retry,
		);
		weight
	}

	/// Moves due job `id` on; returns what that weighed at the job's size.
	pub(crate) fn do_poke(id: JobId) -> Result<Weight, DispatchError> {
		let job = Jobs::<T>::get(id).ok_or(Error::<T>::UnknownJob)?;
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(job.due <= now, Error::<T>::NotDue);
		let bound = Self::step_weight(&job);
		Deadlines::<T>::remove(job.due, id);
		Ok(Self::advance(id, job, now)?.unwrap_or(bound))
	}

	/// Moves job `id` on at its due block; a job not yet due is left as it is. The benchmarks'
	/// entry to one job's deadline.
	#[cfg(feature = "runtime-benchmarks")]
	pub(crate) fn process_job(id: JobId, now: BlockNumberFor<T>) -> DispatchResult {
		match Jobs::<T>::get(id) {
			Some(job) => Self::advance(id, job, now).map(|_| ()),
			None => Ok(()),
		}
	}

	/// Moves job `id` (already read by the caller) on at its due block. Returns the weight of a
	/// decided job's settlement at its own size (`None` for the other steps, charged at their
	/// bound).
	fn advance(
		id: JobId,
		mut job: Job<T>,
		now: BlockNumberFor<T>,
	) -> Result<Option<Weight>, DispatchError> {
		if job.due > now {
			let due = job.due;
			Self::schedule(id, &mut job, due);
			Jobs::<T>::insert(id, job);
			return Ok(None);
		}
		match job.status {
			JobStatus::Drawing => Self::draw_seats(id, job, now).map(|()| None),
			JobStatus::Committing => Self::close_late_commits(id, job, now).map(|()| None),
			JobStatus::Revealing { .. } => Self::tally(id, job, now, Settle::Now).map(|_| None),
			JobStatus::Disputed { .. } => Self::expire(id, job).map(|()| None),
			JobStatus::Decided { output } => {
				let shape = SettleShape::of(&job);
				let royalties = Self::settle_on(id, job, output)?;
				Ok(Some(Self::settle_weight(&shape, royalties)))
			},
		}
	}

	/// Seats whose commit period passed without a commitment are slashed and leave; while the
	/// deadline allows, fresh draws replace them. When every remaining seat committed the reveal
	/// opens; with no seat left the job is refunded.
	fn close_late_commits(id: JobId, mut job: Job<T>, now: BlockNumberFor<T>) -> DispatchResult {
		let (late, roles): (Vec<T::AccountId>, Vec<SeatRole>) = job
			.seats
			.iter()
			.filter(|s| s.commitment.is_none() && s.commit_by <= now)
			.map(|s| (s.provider.clone(), s.role))
			.unzip();
		for who in late.iter() {
			Self::decide_slash(who, id, SlashCause::Silent, job.spec.payment);
			let _ = job.excluded.try_push(who.clone());
		}
		Self::drop_job(&late, id);
		job.seats.retain(|s| !late.contains(&s.provider));
		if now < job.spec.deadline {
			// An original seat's replacement is given the whole commit period or is not drawn:
			// cut short by the deadline, an honest provider could not finish and be slashed.
			let whole_period =
				now.saturating_add(Self::commit_period(&job.spec)) <= job.spec.deadline;
			for role in roles {
				if role != SeatRole::Original || whole_period {
					Self::seat(id, &mut job, role, 1, now);
				}
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
