//! Results: commit, reveal, the vote among revealers, and challenges of `r = 1` results.

use crate::{types::*, Config, Error, Event, HoldReason, Jobs, Pallet, WeightInfo};
use alloc::vec::Vec;
use frame_support::{
	ensure,
	traits::{fungible::MutateHold, Get},
	weights::Weight,
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_core::H256;
use sp_runtime::{DispatchError, DispatchResult, Saturating};
use verity_primitives::traits::{DatasetUsage, ModelUsage};
use verity_primitives::{ContentHash, JobId};

/// The commitment to an output: `blake2_256(output_hash ‖ salt)`, 64 bytes hashed.
pub fn commitment_of(output: &ContentHash, salt: &H256) -> H256 {
	let mut bytes = [0u8; 64];
	let (left, right) = bytes.split_at_mut(32);
	left.copy_from_slice(output.as_bytes());
	right.copy_from_slice(salt.as_bytes());
	H256(sp_io::hashing::blake2_256(&bytes))
}

/// What the weight of a reveal depends on: the job's redundancy, its dataset count and whether
/// it names a model version. Only known for a job in the reveal phase.
pub(crate) struct RevealShape {
	redundancy: u32,
	datasets: u32,
	model: bool,
}

impl<T: Config> Pallet<T> {
	/// The shape of job `id` if a provider's reveal is due (not a challenger's, which the
	/// declared weight covers whole).
	pub(crate) fn reveal_shape(id: JobId) -> Option<RevealShape> {
		Jobs::<T>::get(id).filter(|j| matches!(j.status, JobStatus::Revealing { .. })).map(|j| {
			RevealShape {
				redundancy: j.spec.redundancy,
				datasets: j.spec.datasets.len() as u32,
				model: j.spec.model_version.is_some(),
			}
		})
	}

	/// What a reveal used, refunded from the worst case it was charged (`None`: no refund, the
	/// challenger's case): a reveal that leaves the job in flight weighs the benchmark without
	/// datasets; one that completes it, the benchmark at the job's own size plus the royalty
	/// hooks it actually called.
	pub(crate) fn reveal_weight_used(id: JobId, shape: Option<RevealShape>) -> Option<Weight> {
		let RevealShape { redundancy, datasets, model } = shape?;
		if Jobs::<T>::contains_key(id) {
			return Some(T::WeightInfo::reveal(redundancy, 0));
		}
		let royalties = T::DatasetUsage::record_usage_weight().saturating_mul(datasets.into());
		let model = if model { T::ModelUsage::record_usage_weight() } else { Weight::zero() };
		Some(
			T::WeightInfo::reveal(redundancy, datasets)
				.saturating_add(royalties)
				.saturating_add(model),
		)
	}

	pub(crate) fn do_commit(who: T::AccountId, id: JobId, commitment: H256) -> DispatchResult {
		let mut job = Jobs::<T>::get(id).ok_or(Error::<T>::UnknownJob)?;
		let now = frame_system::Pallet::<T>::block_number();
		if let JobStatus::Challenged { until } = job.status {
			let challenge = job.challenge.as_mut().ok_or(Error::<T>::NotCommitPhase)?;
			ensure!(challenge.challenger == who, Error::<T>::NotAssigned);
			ensure!(challenge.commitment.is_none(), Error::<T>::AlreadyCommitted);
			ensure!(now <= until, Error::<T>::CommitTooLate);
			challenge.commitment = Some(commitment);
			Jobs::<T>::insert(id, job);
			Self::deposit_event(Event::ChallengeCommitted { job: id, challenger: who });
			return Ok(());
		}
		let index = job.position(&who).ok_or(Error::<T>::NotAssigned)?;
		ensure!(
			matches!(job.status, JobStatus::Open | JobStatus::Assigned),
			Error::<T>::NotCommitPhase
		);
		let assignment = job.assignments.get_mut(index).ok_or(Error::<T>::NotAssigned)?;
		ensure!(assignment.commitment.is_none(), Error::<T>::AlreadyCommitted);
		ensure!(now <= assignment.commit_by, Error::<T>::CommitTooLate);
		assignment.commitment = Some(commitment);
		Self::deposit_event(Event::ResultCommitted { job: id, provider: who });
		if job.status == JobStatus::Assigned && job.committed() >= job.spec.redundancy {
			Self::start_reveal(id, &mut job, now)?;
		}
		Jobs::<T>::insert(id, job);
		Ok(())
	}

	/// Closes the commit phase: reveals run for `RevealPeriod` blocks from the next block on.
	pub(crate) fn start_reveal(
		id: JobId,
		job: &mut Job<T>,
		now: BlockNumberFor<T>,
	) -> DispatchResult {
		let until = now.saturating_add(T::RevealPeriod::get());
		Self::schedule(until, id)?;
		job.status = JobStatus::Revealing { until };
		Self::deposit_event(Event::RevealStarted { job: id, until });
		Ok(())
	}

	pub(crate) fn do_reveal(
		who: T::AccountId,
		id: JobId,
		output: ContentHash,
		salt: H256,
	) -> DispatchResult {
		let mut job = Jobs::<T>::get(id).ok_or(Error::<T>::UnknownJob)?;
		let now = frame_system::Pallet::<T>::block_number();
		if let JobStatus::Challenged { until } = job.status {
			return Self::challenger_reveal(who, id, job, until, now, output, salt);
		}
		let index = job.position(&who).ok_or(Error::<T>::NotAssigned)?;
		let JobStatus::Revealing { until } = job.status else {
			return Err(Error::<T>::NotRevealPhase.into());
		};
		ensure!(now <= until, Error::<T>::RevealTooLate);
		let assignment = job.assignments.get_mut(index).ok_or(Error::<T>::NotAssigned)?;
		let committed = assignment.commitment.ok_or(Error::<T>::NotCommitted)?;
		ensure!(assignment.output.is_none(), Error::<T>::AlreadyRevealed);
		ensure!(commitment_of(&output, &salt) == committed, Error::<T>::RevealMismatch);
		assignment.output = Some(output);
		Self::deposit_event(Event::ResultRevealed { job: id, provider: who, output });
		let all_revealed = job.assignments.iter().all(|a| a.output.is_some());
		if all_revealed {
			Self::tally(id, job, now)
		} else {
			Jobs::<T>::insert(id, job);
			Ok(())
		}
	}

	/// Ends the reveal phase. Non-revealers are slashed. With `r = 1` the result enters its
	/// challenge window; otherwise an output revealed by more than `r / 2` providers wins, the
	/// rest are slashed and the job completes; without one the job is disputed. With no reveal at
	/// all the job is refunded.
	pub(crate) fn tally(id: JobId, mut job: Job<T>, now: BlockNumberFor<T>) -> DispatchResult {
		let silent: Vec<T::AccountId> = job
			.assignments
			.iter()
			.filter(|a| a.output.is_none())
			.map(|a| a.provider.clone())
			.collect();
		for who in silent.iter() {
			Self::decide_slash(who, id, SlashCause::Silent);
			Self::drop_job(who, id);
		}
		job.assignments.retain(|a| a.output.is_some());

		if job.assignments.is_empty() {
			let refunded = Self::refund(&job)?;
			Jobs::<T>::remove(id);
			Self::deposit_event(Event::JobExpired { job: id, refunded });
			return Ok(());
		}
		if job.spec.redundancy == 1 {
			let output =
				job.assignments.first().and_then(|a| a.output).ok_or(Error::<T>::NotRevealPhase)?;
			let until = now.saturating_add(T::ChallengeWindow::get());
			Self::schedule(until, id)?;
			job.status = JobStatus::Challengeable { until };
			Jobs::<T>::insert(id, job);
			Self::deposit_event(Event::ChallengeWindowOpened { job: id, output, until });
			return Ok(());
		}
		match Self::majority(&job) {
			Some(output) => Self::settle_on(id, job, output),
			None => {
				job.status = JobStatus::Disputed;
				Jobs::<T>::insert(id, job);
				Self::deposit_event(Event::JobDisputed { job: id });
				Ok(())
			},
		}
	}

	/// The output revealed by more than `r / 2` of the job's `r` providers, if any.
	pub(crate) fn majority(job: &Job<T>) -> Option<ContentHash> {
		let outputs: Vec<ContentHash> = job.assignments.iter().filter_map(|a| a.output).collect();
		outputs.iter().copied().find(|candidate| {
			let votes = outputs.iter().filter(|o| *o == candidate).count() as u32;
			votes.saturating_mul(2) > job.spec.redundancy
		})
	}

	pub(crate) fn do_challenge(who: T::AccountId, id: JobId) -> DispatchResult {
		let mut job = Jobs::<T>::get(id).ok_or(Error::<T>::UnknownJob)?;
		let now = frame_system::Pallet::<T>::block_number();
		let JobStatus::Challengeable { until } = job.status else {
			return Err(Error::<T>::NotChallengeable.into());
		};
		ensure!(now <= until, Error::<T>::ChallengeWindowClosed);
		ensure!(job.position(&who).is_none(), Error::<T>::CannotChallengeOwnResult);
		let provider = Self::ensure_can_take_job(&who)?;
		ensure!(provider.kinds.contains(&job.spec.kind), Error::<T>::KindNotServed);

		let bond = T::ChallengeBond::get();
		let rerun_until =
			now.saturating_add(T::CommitPeriod::get()).saturating_add(T::RevealPeriod::get());
		Self::schedule(rerun_until, id)?;
		T::Currency::hold(&HoldReason::ChallengeBond.into(), &who, bond)?;
		Self::hold_job(&who, id)?;
		job.challenge =
			Some(Challenge { challenger: who.clone(), bond, commitment: None, output: None });
		job.status = JobStatus::Challenged { until: rerun_until };
		Jobs::<T>::insert(id, job);
		Self::deposit_event(Event::JobChallenged { job: id, challenger: who, until: rerun_until });
		Ok(())
	}

	fn challenger_reveal(
		who: T::AccountId,
		id: JobId,
		mut job: Job<T>,
		until: BlockNumberFor<T>,
		now: BlockNumberFor<T>,
		output: ContentHash,
		salt: H256,
	) -> DispatchResult {
		let original =
			job.assignments.first().and_then(|a| a.output).ok_or(Error::<T>::NotRevealPhase)?;
		let challenge = job.challenge.as_mut().ok_or(Error::<T>::NotRevealPhase)?;
		ensure!(challenge.challenger == who, Error::<T>::NotAssigned);
		ensure!(now <= until, Error::<T>::RevealTooLate);
		let committed = challenge.commitment.ok_or(Error::<T>::NotCommitted)?;
		ensure!(challenge.output.is_none(), Error::<T>::AlreadyRevealed);
		ensure!(commitment_of(&output, &salt) == committed, Error::<T>::RevealMismatch);
		challenge.output = Some(output);
		Self::deposit_event(Event::ChallengeRevealed { job: id, challenger: who, output });
		if output == original {
			// The re-run confirms the result: the challenger gets its bond back, the job completes.
			Self::settle_on(id, job, original)
		} else {
			job.status = JobStatus::Disputed;
			Jobs::<T>::insert(id, job);
			Self::deposit_event(Event::JobDisputed { job: id });
			Ok(())
		}
	}

	/// Completes the job on `output`: assigned providers (and a challenger) that revealed it win
	/// and are paid; the others are slashed (a challenger loses its challenge bond).
	pub(crate) fn settle_on(
		id: JobId,
		job: Job<T>,
		output: ContentHash,
	) -> Result<(), DispatchError> {
		let mut winners: Vec<T::AccountId> = Vec::new();
		for assignment in job.assignments.iter() {
			if assignment.output == Some(output) {
				winners.push(assignment.provider.clone());
			} else {
				let cause = if assignment.output.is_some() {
					SlashCause::WrongOutput
				} else {
					SlashCause::Silent
				};
				Self::decide_slash(&assignment.provider, id, cause);
			}
			Self::drop_job(&assignment.provider, id);
		}
		if let Some(challenge) = job.challenge.as_ref() {
			Self::drop_job(&challenge.challenger, id);
			if challenge.output == Some(output) {
				Self::return_challenge_bond(id, challenge);
				if winners.is_empty() {
					winners.push(challenge.challenger.clone());
				}
			} else {
				Self::slash_challenge_bond(id, challenge);
			}
		}
		Self::complete(id, job, winners, output)
	}
}
