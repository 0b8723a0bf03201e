//! What an owner does with a dataset after registering it: metadata, ownership, retirement,
//! revocation for cause.

use crate::{
	register::bounded_license, Config, DatasetRecord, Datasets, Error, Event, HoldReason, Pallet,
	Rounds,
};
use alloc::vec::Vec;
use frame_support::{
	ensure,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
	},
};
use sp_runtime::{DispatchError, DispatchResult};
use verity_primitives::{ContentHash, DatasetId};

impl<T: Config> Pallet<T> {
	/// The dataset, if `who` owns it.
	pub(crate) fn owned(
		who: &T::AccountId,
		id: DatasetId,
	) -> Result<DatasetRecord<T>, DispatchError> {
		let record = Datasets::<T>::get(id).ok_or(Error::<T>::UnknownDataset)?;
		ensure!(record.owner == *who, Error::<T>::NotOwner);
		Ok(record)
	}

	/// The dataset, if `who` owns it and it is not retired.
	pub(crate) fn owned_active(
		who: &T::AccountId,
		id: DatasetId,
	) -> Result<DatasetRecord<T>, DispatchError> {
		let record = Self::owned(who, id)?;
		ensure!(!record.retired, Error::<T>::DatasetRetired);
		Ok(record)
	}

	pub(crate) fn do_update_metadata(
		who: T::AccountId,
		id: DatasetId,
		name: Option<Vec<u8>>,
		uri: Option<Vec<u8>>,
		license: Option<Vec<u8>>,
	) -> DispatchResult {
		let mut record = Self::owned_active(&who, id)?;
		if let Some(name) = name {
			record.name = name.try_into().map_err(|_| Error::<T>::NameTooLong)?;
		}
		if let Some(uri) = uri {
			record.uri = uri.try_into().map_err(|_| Error::<T>::UriTooLong)?;
		}
		if let Some(license) = license {
			record.license = bounded_license::<T>(license)?;
		}
		Self::refresh_deposit(id, &mut record)?;
		let deposit = Self::held_by(&record);
		Datasets::<T>::insert(id, record);
		Self::deposit_event(Event::MetadataUpdated { id, deposit });
		Ok(())
	}

	/// Moves the dataset and its held deposit to `to`, who must be able to hold it (an existing
	/// account).
	pub(crate) fn do_transfer_ownership(
		who: T::AccountId,
		id: DatasetId,
		to: T::AccountId,
	) -> DispatchResult {
		let mut record = Self::owned(&who, id)?;
		ensure!(to != who, Error::<T>::SameOwner);
		// The draw left the owner out; a new owner could be one of the seated verifiers.
		ensure!(!Rounds::<T>::contains_key(id), Error::<T>::VerificationInProgress);
		T::Currency::transfer_on_hold(
			&HoldReason::DatasetDeposit.into(),
			&who,
			&to,
			Self::held_by(&record),
			Precision::Exact,
			Restriction::OnHold,
			Fortitude::Polite,
		)?;
		record.owner = to.clone();
		Datasets::<T>::insert(id, record);
		Self::deposit_event(Event::OwnershipTransferred { id, from: who, to });
		Ok(())
	}

	/// Revokes `id` for the cause whose published reason hashes to `reason`. `who` is the owner,
	/// or `None` for governance.
	pub(crate) fn do_revoke(
		who: Option<T::AccountId>,
		id: DatasetId,
		reason: ContentHash,
	) -> DispatchResult {
		let mut record = match &who {
			Some(owner) => Self::owned(owner, id)?,
			None => Datasets::<T>::get(id).ok_or(Error::<T>::UnknownDataset)?,
		};
		ensure!(record.revoked.is_none(), Error::<T>::AlreadyRevoked);
		let was_flagged = record.is_flagged();
		record.revoked = Some(reason);
		// A round's verdict no longer matters: the dataset is out whatever the verifiers say.
		Self::close_round(id);
		Datasets::<T>::insert(id, record);
		if !was_flagged {
			Self::on_first_flag(id, id);
		}
		Self::deposit_event(Event::Revoked { id, reason, by_governance: who.is_none() });
		Ok(())
	}

	/// Retires the dataset; an open verification round closes without a verdict.
	pub(crate) fn do_retire(who: T::AccountId, id: DatasetId) -> DispatchResult {
		let mut record = Self::owned_active(&who, id)?;
		record.retired = true;
		Self::close_round(id);
		Datasets::<T>::insert(id, record);
		Self::deposit_event(Event::Retired { id });
		Ok(())
	}
}
