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
use sp_runtime::{DispatchError, DispatchResult, Saturating};
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
	/// others to reveal weighs the benchmark of a reveal; one whose tally completed the job, the
	/// settlement at the job's own size plus what its royalty lookups reported (`tallied`, at
	/// the version's own ancestry and the datasets' own upstreams); one whose tally drew more
	/// seats or opened a dispute keeps the declared worst case (`None`).
	pub(crate) fn reveal_weight_used(
		id: JobId,
		tallied: Option<Weight>,
		shape: Option<SettleShape>,
	) -> Option<Weight> {
		let reveal = T::WeightInfo::reveal(MaxSeatsOf::<T>::get());
		let Some(royalties) = tallied else {
			return Some(reveal);
		};
		let shape = shape?;
		if Jobs::<T>::contains_key(id) {
			return None;
		}
		// The reveal's own benchmark at the job's seats; the job's record is read and written by
		// both the reveal and the settlement, and the database sees it once.
		let job_record = T::DbWeight::get().reads_writes(1, 1);
		Some(
			T::WeightInfo::reveal(shape.seats)
				.saturating_add(Self::settle_weight(&shape, royalties))
				.saturating_sub(job_record),
		)
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

	/// Returns whether the reveal tallied the vote, with the weight its royalty lookups used
	/// (the caller's weight depends on both).
	pub(crate) fn do_reveal(
		who: T::AccountId,
		id: JobId,
		output: ContentHash,
		salt: H256,
	) -> Result<Option<Weight>, frame_support::dispatch::DispatchErrorWithPostInfo> {
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
		if job.seats.iter().all(|s| s.output.is_some()) {
			Ok(Some(Self::tally(id, job, now)?))
		} else {
			Jobs::<T>::insert(id, job);
			Ok(None)
		}
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
	/// escalates once, then goes to dispute. Without any reveal the job is refunded. Returns the
	/// weight the royalty lookups of a settlement used (zero without one).
	pub(crate) fn tally(
		id: JobId,
		mut job: Job<T>,
		now: BlockNumberFor<T>,
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
			if !unchecked || !Self::sample_spot_check(id) {
				return Self::settle_on(id, job, output);
			}
			// Proof of sampling: one more provider re-runs the job.
			if Self::seat(id, &mut job, SeatRole::SpotCheck, 1, now) == 0 {
				// Nobody eligible to check: the result stands, marked unchecked.
				return Self::settle_on(id, job, output);
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
