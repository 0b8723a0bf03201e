//! Commit-reveal votes of the drawn verifiers, and the end of a round: the majority verdict
//! among the revealed votes, slashes of the losing side and of no-shows, and the bond lock.

use crate::{
	Attestation, Attestations, Config, Datasets, Error, Event, Pallet, Rounds, VerificationRound,
	VerificationStatus, Verifiers, Vote,
};
use alloc::vec::Vec;
use frame_support::{ensure, traits::Get, BoundedVec};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_core::H256;
use sp_runtime::{traits::Saturating, DispatchError, DispatchResult};
use verity_primitives::{
	commitment::{commitment, DATASET_VOTE},
	DatasetId,
};

impl<T: Config> Pallet<T> {
	/// The commitment a verifier makes for `vote` on dataset `id`.
	pub fn vote_commitment(
		id: DatasetId,
		verifier: &T::AccountId,
		vote: &Vote,
		salt: &H256,
	) -> H256 {
		commitment(DATASET_VOTE, &id, verifier, vote, salt)
	}

	/// Commit and reveal deadlines of a round drawn at `drawn_at`.
	pub(crate) fn deadlines(drawn_at: BlockNumberFor<T>) -> (BlockNumberFor<T>, BlockNumberFor<T>) {
		let commit = drawn_at.saturating_add(T::VoteCommitPeriod::get());
		(commit, commit.saturating_add(T::VoteRevealPeriod::get()))
	}

	/// The drawn round of `id` and its deadlines.
	#[allow(clippy::type_complexity)]
	fn drawn_round(
		id: DatasetId,
	) -> Result<(VerificationRound<T>, BlockNumberFor<T>, BlockNumberFor<T>), DispatchError> {
		let round = Rounds::<T>::get(id).ok_or(Error::<T>::NoRound)?;
		let drawn_at = round.drawn_at.ok_or(Error::<T>::NotSeated)?;
		let (commit, reveal) = Self::deadlines(drawn_at);
		Ok((round, commit, reveal))
	}

	pub(crate) fn do_commit_vote(who: T::AccountId, id: DatasetId, hash: H256) -> DispatchResult {
		let (mut round, commit_deadline, _) = Self::drawn_round(id)?;
		let seat =
			round.seats.iter_mut().find(|s| s.verifier == who).ok_or(Error::<T>::NotSeated)?;
		ensure!(seat.commitment.is_none(), Error::<T>::AlreadyCommitted);
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now < commit_deadline, Error::<T>::CommitClosed);
		seat.commitment = Some(hash);
		Rounds::<T>::insert(id, round);
		Self::deposit_event(Event::VoteCommitted { id, verifier: who });
		Ok(())
	}

	pub(crate) fn do_reveal_vote(
		who: T::AccountId,
		id: DatasetId,
		vote: Vote,
		salt: H256,
	) -> DispatchResult {
		let (mut round, commit_deadline, reveal_deadline) = Self::drawn_round(id)?;
		let now = frame_system::Pallet::<T>::block_number();
		let all_committed = round.seats.iter().all(|s| s.commitment.is_some());
		let seat =
			round.seats.iter_mut().find(|s| s.verifier == who).ok_or(Error::<T>::NotSeated)?;
		let committed = seat.commitment.ok_or(Error::<T>::NotCommitted)?;
		ensure!(seat.vote.is_none(), Error::<T>::AlreadyRevealed);
		ensure!(all_committed || now >= commit_deadline, Error::<T>::RevealNotOpen);
		ensure!(now < reveal_deadline, Error::<T>::RevealClosed);
		ensure!(Self::vote_commitment(id, &who, &vote, &salt) == committed, Error::<T>::BadReveal);
		seat.vote = Some(vote.clone());
		Self::deposit_event(Event::VoteRevealed {
			id,
			verifier: who,
			pass: vote.pass,
			score: vote.score,
			report: vote.report,
		});
		// Nothing left to wait for: every commitment is open and no seat can commit any more.
		if round.seats.iter().all(|s| s.commitment.is_none() || s.vote.is_some()) {
			Self::finish(id, round);
		} else {
			Rounds::<T>::insert(id, round);
		}
		Ok(())
	}

	pub(crate) fn do_advance_verification(id: DatasetId) -> DispatchResult {
		let round = Rounds::<T>::get(id).ok_or(Error::<T>::NoRound)?;
		let drawn_at = round.drawn_at.ok_or(Error::<T>::RoundNotExpired)?;
		let (_, reveal_deadline) = Self::deadlines(drawn_at);
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now >= reveal_deadline, Error::<T>::RoundNotExpired);
		Self::finish(id, round);
		Ok(())
	}

	/// Ends a drawn round. With a majority of the seats revealed, more passes than fails
	/// verifies the dataset, otherwise rejects it, and the revealed votes on the other side are
	/// slashed; with fewer, no verdict. No-shows are slashed either way. Every seat's verifier
	/// stays bonded for `VerdictLockPeriod`.
	fn finish(id: DatasetId, round: VerificationRound<T>) {
		let now = frame_system::Pallet::<T>::block_number();
		let locked_until = now.saturating_add(T::VerdictLockPeriod::get());
		let revealed: Vec<Attestation<T::AccountId>> = round
			.seats
			.iter()
			.filter_map(|s| {
				s.vote.as_ref().map(|v| Attestation {
					verifier: s.verifier.clone(),
					pass: v.pass,
					score: v.score,
					report: v.report,
				})
			})
			.collect();
		let seats = crate::len_u32(round.seats.len());
		let count = crate::len_u32(revealed.len());
		let passes = crate::len_u32(revealed.iter().filter(|a| a.pass).count());
		let fails = count.saturating_sub(passes);
		let verdict = (count > seats / 2).then_some(passes > fails);

		for seat in round.seats.iter() {
			let who = &seat.verifier;
			let Some(mut info) = Verifiers::<T>::get(who) else { continue };
			info.open_votes = info.open_votes.saturating_sub(1);
			info.locked_until = info.locked_until.max(locked_until);
			match (&seat.vote, verdict) {
				(None, _) => Self::slash_verifier(id, who, &mut info, true),
				(Some(vote), Some(verified)) if vote.pass != verified => {
					Self::slash_verifier(id, who, &mut info, false)
				},
				_ => {},
			}
			Verifiers::<T>::insert(who, info);
		}
		Rounds::<T>::remove(id);
		match verdict {
			Some(verified) => {
				let newly_flagged = Datasets::<T>::mutate(id, |record| {
					let Some(record) = record else { return false };
					let was_flagged = record.is_flagged();
					record.status = if verified {
						VerificationStatus::Verified
					} else {
						VerificationStatus::Rejected
					};
					!was_flagged && record.is_flagged()
				});
				if newly_flagged {
					Self::on_first_flag(id, id);
				}
				Attestations::<T>::insert(id, BoundedVec::truncate_from(revealed));
				Self::deposit_event(Event::VerificationConcluded { id, verified, passes, fails });
			},
			None => Self::deposit_event(Event::VerificationInconclusive { id, revealed: count }),
		}
	}
}
