//! Bonded verifiers, attestations, the quorum verdict and slashing of the losing side.

use crate::{
	Attestation, Attestations, Config, Datasets, Error, Event, HoldReason, Pallet,
	VerificationStatus, Verifiers,
};
use frame_support::{
	ensure,
	traits::{
		fungible::{BalancedHold, MutateHold},
		tokens::{imbalance::Imbalance, Precision},
		Get, OnUnbalanced,
	},
};
use sp_runtime::{traits::Saturating, DispatchResult, Permill};
use verity_primitives::{ContentHash, DatasetId};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_bond_verifier(
		who: T::AccountId,
		amount: crate::BalanceOf<T>,
	) -> DispatchResult {
		let mut info = Verifiers::<T>::get(&who).unwrap_or_default();
		let bond = info.bond.saturating_add(amount);
		ensure!(bond >= T::MinVerifierBond::get(), Error::<T>::BondBelowMinimum);
		T::Currency::hold(&HoldReason::VerifierBond.into(), &who, amount)?;
		info.bond = bond;
		Verifiers::<T>::insert(&who, info);
		Self::deposit_event(Event::VerifierBonded { who, amount, bond });
		Ok(())
	}

	pub(crate) fn do_unbond_verifier(who: T::AccountId) -> DispatchResult {
		let info = Verifiers::<T>::get(&who).ok_or(Error::<T>::NotVerifier)?;
		ensure!(info.open_votes == 0, Error::<T>::VerifierBusy);
		T::Currency::release(&HoldReason::VerifierBond.into(), &who, info.bond, Precision::Exact)?;
		Verifiers::<T>::remove(&who);
		Self::deposit_event(Event::VerifierUnbonded { who, amount: info.bond });
		Ok(())
	}

	pub(crate) fn do_attest(
		who: T::AccountId,
		id: DatasetId,
		pass: bool,
		score: Permill,
		report: ContentHash,
	) -> DispatchResult {
		let mut info = Verifiers::<T>::get(&who).ok_or(Error::<T>::NotVerifier)?;
		ensure!(info.bond >= T::MinVerifierBond::get(), Error::<T>::BondBelowMinimum);
		let record = Datasets::<T>::get(id).ok_or(Error::<T>::UnknownDataset)?;
		ensure!(!record.retired, Error::<T>::DatasetRetired);
		ensure!(record.owner != who, Error::<T>::OwnerCannotAttest);
		ensure!(record.status == VerificationStatus::Pending, Error::<T>::VerificationClosed);
		let mut attestations = Attestations::<T>::get(id);
		ensure!(!attestations.iter().any(|a| a.verifier == who), Error::<T>::AlreadyAttested);
		attestations
			.try_push(Attestation { verifier: who.clone(), pass, score, report })
			.map_err(|_| Error::<T>::VerificationClosed)?;

		info.open_votes = info.open_votes.saturating_add(1);
		Verifiers::<T>::insert(&who, info);
		let reached = attestations.len() >= T::VerificationQuorum::get() as usize;
		Attestations::<T>::insert(id, &attestations);
		Self::deposit_event(Event::Attested { id, verifier: who, pass, score, report });
		if reached {
			Self::conclude(id, &attestations);
		}
		Ok(())
	}

	/// Records the majority verdict, closes the votes and slashes the verifiers who voted
	/// against it.
	fn conclude(id: DatasetId, attestations: &[Attestation<T::AccountId>]) {
		let passes = crate::len_u32(attestations.iter().filter(|a| a.pass).count());
		let fails = crate::len_u32(attestations.len()).saturating_sub(passes);
		let verified = passes > fails;
		Datasets::<T>::mutate(id, |record| {
			if let Some(record) = record {
				record.status = if verified {
					VerificationStatus::Verified
				} else {
					VerificationStatus::Rejected
				};
			}
		});
		for attestation in attestations {
			let who = &attestation.verifier;
			let Some(mut info) = Verifiers::<T>::get(who) else { continue };
			info.open_votes = info.open_votes.saturating_sub(1);
			if attestation.pass != verified {
				let (credit, _) = T::Currency::slash(
					&HoldReason::VerifierBond.into(),
					who,
					T::VerifierSlash::get().mul_floor(info.bond),
				);
				let amount = credit.peek();
				info.bond = info.bond.saturating_sub(amount);
				T::Slash::on_unbalanced(credit);
				Self::deposit_event(Event::VerifierSlashed { id, who: who.clone(), amount });
			}
			Verifiers::<T>::insert(who, info);
		}
		Self::deposit_event(Event::VerificationConcluded { id, verified, passes, fails });
	}

	/// Releases the votes on a dataset whose verification ends without a verdict (retired or
	/// removed while open); its attestations stay as a record until removal.
	pub(crate) fn close_open_votes(id: DatasetId) {
		for attestation in Attestations::<T>::get(id) {
			Verifiers::<T>::mutate(&attestation.verifier, |info| {
				if let Some(info) = info {
					info.open_votes = info.open_votes.saturating_sub(1);
				}
			});
		}
	}
}
