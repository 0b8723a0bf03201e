//! Jobs: submit, cancel, the draw of seats, and the deadline queue's scheduling.

use crate::{
	types::*, Config, Deadlines, Error, Event, HoldReason, Jobs, NextJobId, Pallet, QueueCursor,
};
use alloc::{collections::BTreeSet, vec::Vec};
use frame_support::{
	ensure,
	traits::{fungible::MutateHold, tokens::Precision, Get},
	weights::Weight,
	BoundedVec,
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{traits::One, DispatchError, DispatchResult, Permill, Saturating};
use verity_primitives::{
	traits::{DatasetInspect, DatasetUsage, LineageInspect, ModelUsage},
	JobId,
};

impl<T: Config> Pallet<T> {
	/// Submits `spec`; returns the job's id and the weight its settlement is charged now
	/// ([`Pallet::prepaid_settlement`]).
	pub(crate) fn do_submit(
		owner: T::AccountId,
		spec: JobSpec<T>,
	) -> Result<(JobId, Weight), DispatchError> {
		let now = frame_system::Pallet::<T>::block_number();
		let draw_at = now.saturating_add(One::one());
		ensure!(
			spec.redundancy >= 1 && spec.redundancy <= T::MaxRedundancy::get(),
			Error::<T>::InvalidRedundancy
		);
		ensure!(spec.deadline > draw_at, Error::<T>::DeadlineInPast);
		ensure!(
			spec.deadline <= now.saturating_add(T::MaxJobDuration::get()),
			Error::<T>::DeadlineTooFar
		);
		// Otherwise the deadline would cut the seats' commit period short, and honest providers
		// that cannot finish in time would be slashed as silent.
		ensure!(
			spec.deadline >= draw_at.saturating_add(Self::commit_period(&spec)),
			Error::<T>::DeadlineTooSoon
		);
		ensure!(spec.payment >= T::MinJobPayment::get(), Error::<T>::PaymentTooLow);
		ensure!(
			!spec.kind.requires_greedy() || spec.params.temperature_milli == 0,
			Error::<T>::NonZeroTemperature
		);
		ensure!(!spec.input_uri.is_empty(), Error::<T>::EmptyInputUri);
		let mut model_rate = Permill::zero();
		if let Some(version) = spec.model_version {
			ensure!(T::Lineage::exists(version), Error::<T>::UnknownModelVersion);
			ensure!(T::Lineage::is_usable(version), Error::<T>::ModelVersionNotUsable);
			model_rate = T::ModelUsage::royalty_rate(version).unwrap_or_default();
		}
		let mut seen = BTreeSet::new();
		let mut dataset_rates = Vec::new();
		for dataset in spec.datasets.iter() {
			ensure!(seen.insert(*dataset), Error::<T>::DuplicateDataset);
			ensure!(T::Datasets::is_usable(*dataset), Error::<T>::DatasetNotUsable);
			let rate =
				T::DatasetUsage::royalty_rate(*dataset).ok_or(Error::<T>::DatasetNotUsable)?;
			dataset_rates.push(rate);
		}
		ensure!(
			Self::royalty_share(&dataset_rates, model_rate) <= T::MaxRoyaltyShare::get(),
			Error::<T>::RoyaltiesTooHigh
		);
		if spec.redundancy == 1 {
			ensure!(
				Self::pool_covers(spec.kind, &owner, Self::min_bond_for(&spec)),
				Error::<T>::NeedsRedundancy
			);
		}

		let settlement = Self::prepaid_settlement(&spec, &dataset_rates, model_rate);
		let (id, next) =
			verity_primitives::peek_id::<NextJobId<T>, _>().ok_or(Error::<T>::NoMoreIds)?;
		T::Currency::hold(&HoldReason::JobPayment.into(), &owner, spec.payment)?;
		NextJobId::<T>::put(next);
		Self::deposit_event(Event::JobSubmitted {
			job: id,
			owner: owner.clone(),
			kind: spec.kind,
			redundancy: spec.redundancy,
			payment: spec.payment,
			deadline: spec.deadline,
			draw_at,
		});
		let mut job = Job {
			owner,
			spec,
			status: JobStatus::Drawing,
			seats: BoundedVec::new(),
			drawn: 0,
			excluded: BoundedVec::new(),
			escalated: false,
			draws: 0,
			dataset_rates: BoundedVec::truncate_from(dataset_rates),
			model_rate,
			due: draw_at,
		};
		Self::schedule(id, &mut job, draw_at);
		Jobs::<T>::insert(id, job);
		Ok((id, settlement))
	}

	/// The largest share of a payment the snapshotted rates can take: each of `n` datasets is
	/// paid on `payment / n`, the model on the whole payment.
	pub(crate) fn royalty_share(
		dataset_rates: &[Permill],
		model_rate: Permill,
	) -> sp_runtime::Perbill {
		let count = dataset_rates.len() as u64;
		let datasets = dataset_rates
			.iter()
			.map(|r| u64::from(r.deconstruct()))
			.sum::<u64>()
			.checked_div(count)
			.unwrap_or(0);
		let parts_per_million = datasets.saturating_add(u64::from(model_rate.deconstruct()));
		sp_runtime::Perbill::from_parts(
			u32::try_from(parts_per_million.saturating_mul(1_000)).unwrap_or(u32::MAX),
		)
	}

	pub(crate) fn do_cancel(who: T::AccountId, id: JobId) -> DispatchResult {
		let job = Jobs::<T>::get(id).ok_or(Error::<T>::UnknownJob)?;
		ensure!(job.owner == who, Error::<T>::NotJobOwner);
		ensure!(job.status == JobStatus::Drawing, Error::<T>::AlreadyDrawn);
		// From its draw block on, the draw's randomness is known; a job the queue has not reached
		// yet could otherwise be cancelled and resubmitted until a draw suits its owner.
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now < job.due, Error::<T>::DrawDue);
		Self::refund(&job)?;
		Deadlines::<T>::remove(job.due, id);
		Jobs::<T>::remove(id);
		Self::deposit_event(Event::JobCancelled { job: id });
		Ok(())
	}

	/// Blocks a seat of `spec` has to compute and commit: training gets `TrainingCommitPeriod`;
	/// other kinds `CommitPeriod` plus a block per `InferenceTokensPerBlock` of `max_tokens`,
	/// bounded by the training period so the longest job life `integrity_test` checks holds.
	pub(crate) fn commit_period(spec: &JobSpec<T>) -> BlockNumberFor<T> {
		let base = T::CommitPeriod::get();
		let longest = T::TrainingCommitPeriod::get().max(base);
		match spec.kind {
			JobKind::Training => T::TrainingCommitPeriod::get(),
			_ => {
				let extra = spec
					.params
					.max_tokens
					.checked_div(T::InferenceTokensPerBlock::get())
					.unwrap_or(u32::MAX);
				base.saturating_add(extra.into()).min(longest)
			},
		}
	}

	/// Draws `count` seats of `role` for job `id` (its next draw, so a fresh seed) and gives
	/// them until `commit_by` (never past the deadline). Returns how many were drawn.
	pub(crate) fn seat(
		id: JobId,
		job: &mut Job<T>,
		role: SeatRole,
		count: u32,
		now: BlockNumberFor<T>,
	) -> u32 {
		let mut exclude: Vec<T::AccountId> = job.excluded.iter().cloned().collect();
		exclude.extend(job.seats.iter().map(|s| s.provider.clone()));
		let drawn = Self::draw(id, job, job.draws, count, &exclude);
		job.draws = job.draws.saturating_add(1);
		let commit_by = now.saturating_add(Self::commit_period(&job.spec));
		let commit_by =
			if role == SeatRole::Original { commit_by.min(job.spec.deadline) } else { commit_by };
		let mut seated: Vec<T::AccountId> = Vec::new();
		for provider in drawn {
			let seat = Seat {
				provider: provider.clone(),
				role,
				commit_by,
				commitment: None,
				output: None,
			};
			if job.seats.try_push(seat).is_err() {
				break;
			}
			Self::deposit_event(Event::SeatAssigned {
				job: id,
				provider: provider.clone(),
				role,
				commit_by,
			});
			seated.push(provider);
		}
		Self::hold_job(&seated, id);
		seated.len() as u32
	}

	/// The draw of a submitted job's `r` seats. Too few eligible providers: the job is refunded.
	pub(crate) fn draw_seats(id: JobId, mut job: Job<T>, now: BlockNumberFor<T>) -> DispatchResult {
		let wanted = job.spec.redundancy;
		let seated = Self::seat(id, &mut job, SeatRole::Original, wanted, now);
		if seated < wanted {
			return Self::expire(id, job);
		}
		job.drawn = seated;
		job.status = JobStatus::Committing;
		let due = Self::next_commit_due(&job);
		Self::schedule(id, &mut job, due);
		Jobs::<T>::insert(id, job);
		Ok(())
	}

	/// The earliest `commit_by` among seats still to commit.
	pub(crate) fn next_commit_due(job: &Job<T>) -> BlockNumberFor<T> {
		job.seats
			.iter()
			.filter(|s| s.commitment.is_none())
			.map(|s| s.commit_by)
			.min()
			.unwrap_or(job.spec.deadline)
	}

	/// Moves job `id`'s one queue entry to block `at` (recorded in `job.due`). Never fails:
	/// the queue holds any number of entries per block and the cursor works through them.
	pub(crate) fn schedule(id: JobId, job: &mut Job<T>, at: BlockNumberFor<T>) {
		Deadlines::<T>::remove(job.due, id);
		Deadlines::<T>::insert(at, id, ());
		job.due = at;
		if QueueCursor::<T>::get() > at {
			QueueCursor::<T>::put(at);
		}
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

	/// Ends a job without result: seats are released, the payment refunded.
	pub(crate) fn expire(id: JobId, job: Job<T>) -> DispatchResult {
		let seated: Vec<T::AccountId> = job.seats.iter().map(|s| s.provider.clone()).collect();
		Self::drop_job(&seated, id);
		let refunded = Self::refund(&job)?;
		Deadlines::<T>::remove(job.due, id);
		Jobs::<T>::remove(id);
		Self::deposit_event(Event::JobExpired { job: id, refunded });
		Ok(())
	}
}
