//! Results: commit, reveal, and the vote: spot checks of `r = 1` results, escalation of votes
//! without majority, disputes.

use crate::{types::*, Config, Error, Event, Jobs, Pallet, WeightInfo};
use alloc::vec::Vec;
use codec::Encode;
use frame_support::{
	ensure,
	traits::{Get, Randomness},
	weights::Weight,
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_core::H256;
use sp_runtime::{traits::One, DispatchError, DispatchResult, Saturating};
use verity_primitives::{
	commitment::{commitment, COMPUTE_RESULT},
	ContentHash, JobId,
};

/// The output a provider commits when the fetched input does not hash to the job's input hash:
/// `blake2_256("verity:bad-input")`.
pub const BAD_INPUT: ContentHash = H256([
	0x0e, 0xf2, 0x1c, 0x1c, 0x73, 0xc4, 0x13, 0x78, 0x29, 0xe3, 0xe3, 0x99, 0x99, 0x17, 0x14, 0x8d,
	0xeb, 0x47, 0x75, 0x5f, 0x45, 0xa3, 0x61, 0xde, 0x22, 0x81, 0x18, 0x17, 0x90, 0x9e, 0x68, 0xf0,
]);

/// Tag of the seed subject of spot-check decisions.
const SPOT_CHECK_SUBJECT: &[u8; 8] = b"vrty/spt";

/// The commitment a provider makes to `output` for `job`: bound to the compute domain, the job
/// and the provider, so it can neither be copied by another seat nor replayed on another job.
pub fn commitment_of<AccountId: Encode>(
	job: JobId,
	provider: &AccountId,
	output: &ContentHash,
	salt: &H256,
) -> H256 {
	commitment(COMPUTE_RESULT, &job, provider, output, salt)
}

/// When a tally that found a majority settles the job.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Settle {
	/// At once: the deadline queue's own tally at the end of a reveal phase.
	Now,
	/// In the deadline queue at the next block: a reveal's tally, which stays light.
	NextBlock,
}

/// What settling a job weighs: its seats, datasets and whether it names a model version.
#[derive(Clone, Copy)]
pub(crate) struct SettleShape {
	seats: u32,
	datasets: u32,
	model: bool,
}

impl SettleShape {
	pub(crate) fn of<T: Config>(job: &Job<T>) -> Self {
		SettleShape {
			seats: job.seats.len() as u32,
			datasets: job.spec.datasets.len() as u32,
			model: job.spec.model_version.is_some(),
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The shape of job `id` as it stands, for the weight of a reveal that may settle it.
	pub(crate) fn settle_shape(id: JobId) -> Option<SettleShape> {
		Jobs::<T>::get(id).map(|j| SettleShape::of(&j))
	}

	/// What a reveal used, refunded from the worst case it was charged: a reveal that leaves
	/// others to reveal, or whose tally decided the job (its settlement waits for the deadline
	/// queue, paid for at submission), weighs the benchmark of a deciding reveal at the job's own
	/// seats; one whose tally drew more seats or opened a dispute keeps the declared worst case
	/// (`None`).
	pub(crate) fn reveal_weight_used(id: JobId, seats: u32) -> Option<Weight> {
		match Jobs::<T>::get(id).map(|j| j.status) {
			Some(JobStatus::Revealing { .. }) => Some(T::WeightInfo::reveal(seats)),
			// An unchecked `r = 1` result also read the randomness that sampled it, which the
			// benchmark (two seats and more) does not.
			Some(JobStatus::Decided { .. }) => Some(
				T::WeightInfo::reveal(seats)
					.saturating_add(T::DbWeight::get().reads(u64::from(seats == 1))),
			),
			_ => None,
		}
	}

	/// The most a reveal can cost: a deciding reveal, or a tally that draws seats (a spot check
	/// or an escalation) over the full pool.
	pub fn reveal_weight_bound() -> Weight {
		let seats = MaxSeatsOf::<T>::get();
		T::WeightInfo::reveal(seats).saturating_add(T::WeightInfo::draw_seats(
			T::MaxPoolSize::get(),
			T::MaxRedundancy::get().saturating_add(1).min(seats),
		))
	}

	/// A settlement at `shape`'s size, with `royalties` the weight its royalty lookups used.
	pub(crate) fn settle_weight(shape: &SettleShape, royalties: Weight) -> Weight {
		T::WeightInfo::settle(shape.seats, shape.datasets).saturating_add(royalties)
	}

	/// The most a settlement at `shape`'s size can cost with its royalty hooks' worst cases.
	pub(crate) fn settle_weight_bound(shape: &SettleShape) -> Weight {
		Self::settle_weight(shape, Self::royalty_bound(shape.datasets, shape.model))
	}

	pub(crate) fn do_commit(who: T::AccountId, id: JobId, commitment: H256) -> DispatchResult {
		let mut job = Jobs::<T>::get(id).ok_or(Error::<T>::UnknownJob)?;
		let now = frame_system::Pallet::<T>::block_number();
		let index = job.position(&who).ok_or(Error::<T>::NotAssigned)?;
		ensure!(job.status == JobStatus::Committing, Error::<T>::NotCommitPhase);
		let seat = job.seats.get_mut(index).ok_or(Error::<T>::NotAssigned)?;
		ensure!(seat.commitment.is_none(), Error::<T>::AlreadyCommitted);
		ensure!(now < seat.commit_by, Error::<T>::CommitTooLate);
		seat.commitment = Some(commitment);
		Self::deposit_event(Event::ResultCommitted { job: id, provider: who });
		if job.seats.iter().all(|s| s.commitment.is_some()) {
			Self::start_reveal(id, &mut job, now);
		}
		Jobs::<T>::insert(id, job);
		Ok(())
	}

	/// Closes the commit phase: reveals are accepted before `now + RevealPeriod`.
	pub(crate) fn start_reveal(id: JobId, job: &mut Job<T>, now: BlockNumberFor<T>) {
		let until = now.saturating_add(T::RevealPeriod::get());
		Self::schedule(id, job, until);
		job.status = JobStatus::Revealing { until };
		Self::deposit_event(Event::RevealStarted { job: id, until });
	}

	/// Records the caller's reveal; the last one tallies the vote, deferring a settlement to the
	/// deadline queue. Returns the job's seats as the reveal found them (its weight's size).
	pub(crate) fn do_reveal(
		who: T::AccountId,
		id: JobId,
		output: ContentHash,
		salt: H256,
	) -> Result<u32, frame_support::dispatch::DispatchErrorWithPostInfo> {
		use frame_support::dispatch::WithPostDispatchInfo;
		// A refused reveal did a reveal's checks and no more: it is charged that, not the
		// worst case of a tally.
		let refused =
			|e: DispatchError| e.with_weight(T::WeightInfo::reveal(MaxSeatsOf::<T>::get()));
		let (mut job, index, now) =
			Self::check_reveal(&who, id, &output, &salt).map_err(refused)?;
		if let Some(seat) = job.seats.get_mut(index) {
			seat.output = Some(output);
		}
		Self::deposit_event(Event::ResultRevealed { job: id, provider: who, output });
		let seats = job.seats.len() as u32;
		if job.seats.iter().all(|s| s.output.is_some()) {
			Self::tally(id, job, now, Settle::NextBlock)?;
		} else {
			Jobs::<T>::insert(id, job);
		}
		Ok(seats)
	}

	/// The job and the caller's seat index when `output` and `salt` open the caller's commitment
	/// within the reveal phase.
	fn check_reveal(
		who: &T::AccountId,
		id: JobId,
		output: &ContentHash,
		salt: &H256,
	) -> Result<(Job<T>, usize, BlockNumberFor<T>), DispatchError> {
		let job = Jobs::<T>::get(id).ok_or(Error::<T>::UnknownJob)?;
		let now = frame_system::Pallet::<T>::block_number();
		let index = job.position(who).ok_or(Error::<T>::NotAssigned)?;
		let JobStatus::Revealing { until } = job.status else {
			return Err(Error::<T>::NotRevealPhase.into());
		};
		ensure!(now < until, Error::<T>::RevealTooLate);
		let seat = job.seats.get(index).ok_or(Error::<T>::NotAssigned)?;
		let committed = seat.commitment.ok_or(Error::<T>::NotCommitted)?;
		ensure!(seat.output.is_none(), Error::<T>::AlreadyRevealed);
		ensure!(commitment_of(id, who, output, salt) == committed, Error::<T>::RevealMismatch);
		Ok((job, index, now))
	}

	/// Ends a reveal phase. Silent seats are slashed and leave (their vote stays missing). Then:
	/// a strict majority of the drawn seats completes the job; an unchecked `r = 1` result is
	/// sampled for a spot check with probability `p`, else completes; otherwise the vote
	/// escalates once, then goes to dispute. Without any reveal the job is refunded. A decided
	/// job settles as `settle` says. Returns the weight the royalty lookups of a settlement used
	/// (zero without one).
	pub(crate) fn tally(
		id: JobId,
		mut job: Job<T>,
		now: BlockNumberFor<T>,
		settle: Settle,
	) -> Result<Weight, DispatchError> {
		let silent: Vec<T::AccountId> =
			job.seats.iter().filter(|s| s.output.is_none()).map(|s| s.provider.clone()).collect();
		for who in silent.iter() {
			Self::decide_slash(who, id, SlashCause::Silent, job.spec.payment);
			let _ = job.excluded.try_push(who.clone());
		}
		Self::drop_job(&silent, id);
		job.seats.retain(|s| s.output.is_some());
		if job.seats.is_empty() {
			return Self::expire(id, job).map(|()| Weight::zero());
		}
		if let Some(output) = Self::majority(&job) {
			let unchecked = job.drawn == 1;
			// Proof of sampling: with chance `p` one more provider re-runs the job; with nobody
			// eligible to check, the result stands, marked unchecked.
			if !unchecked
				|| !Self::sample_spot_check(id)
				|| Self::seat(id, &mut job, SeatRole::SpotCheck, 1, now) == 0
			{
				return match settle {
					Settle::Now => Self::settle_on(id, job, output),
					Settle::NextBlock => {
						Self::decide(id, job, output, now).map(|()| Weight::zero())
					},
				};
			}
			job.drawn = job.drawn.saturating_add(1);
			return Self::reopen_commits(id, job).map(|()| Weight::zero());
		}
		if !job.escalated {
			let extra = job.drawn.saturating_add(1);
			let seated = Self::seat(id, &mut job, SeatRole::Escalation, extra, now);
			if seated > 0 {
				job.escalated = true;
				job.drawn = job.drawn.saturating_add(seated);
				Self::deposit_event(Event::JobEscalated { job: id, seats: seated });
				return Self::reopen_commits(id, job).map(|()| Weight::zero());
			}
		}
		let until = now.saturating_add(T::DisputePeriod::get());
		job.status = JobStatus::Disputed { until };
		Self::schedule(id, &mut job, until);
		Jobs::<T>::insert(id, job);
		Self::deposit_event(Event::JobDisputed { job: id, until });
		Ok(Weight::zero())
	}

	/// Marks the job decided on `output` and lists it for the deadline queue's next block, which
	/// settles it ([`Pallet::settle_on`]).
	fn decide(
		id: JobId,
		mut job: Job<T>,
		output: ContentHash,
		now: BlockNumberFor<T>,
	) -> DispatchResult {
		let settles_at = now.saturating_add(One::one());
		job.status = JobStatus::Decided { output };
		Self::schedule(id, &mut job, settles_at);
		Jobs::<T>::insert(id, job);
		Self::deposit_event(Event::JobDecided { job: id, output, settles_at });
		Ok(())
	}

	/// Back to committing for the seats just drawn (the others keep their reveals).
	fn reopen_commits(id: JobId, mut job: Job<T>) -> DispatchResult {
		job.status = JobStatus::Committing;
		let due = Self::next_commit_due(&job);
		Self::schedule(id, &mut job, due);
		Jobs::<T>::insert(id, job);
		Ok(())
	}

	/// Whether this `r = 1` result is spot-checked: true with probability `SpotCheckChance`,
	/// from the randomness of the block that tallies it.
	pub(crate) fn sample_spot_check(id: JobId) -> bool {
		let (seed, _) = T::Randomness::random(&(SPOT_CHECK_SUBJECT, id).encode());
		let mut low = [0u8; 4];
		low.copy_from_slice(seed.as_bytes().get(..4).unwrap_or(&[0u8; 4]));
		let roll = u32::from_le_bytes(low) % 1_000_000_000;
		roll < T::SpotCheckChance::get().deconstruct()
	}

	/// The output revealed by more than half of the seats drawn so far (silent ones count as
	/// votes against every output), if any.
	pub(crate) fn majority(job: &Job<T>) -> Option<ContentHash> {
		let outputs: Vec<ContentHash> = job.seats.iter().filter_map(|s| s.output).collect();
		outputs.iter().copied().find(|candidate| {
			let votes = outputs.iter().filter(|o| *o == candidate).count() as u32;
			votes.saturating_mul(2) > job.drawn
		})
	}
}
