//! Models: creation, maintainers, two-step ownership transfer, destruction.

use crate::{Config, Error, Event, HoldReason, Model, ModelOf, Models, NextModelId, Pallet};
use alloc::vec::Vec;
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{fungible::MutateHold, tokens::Precision},
};
use verity_primitives::ModelId;

impl<T: Config> Pallet<T> {
	pub(crate) fn do_create_model(
		owner: T::AccountId,
		name: BoundedVec<u8, T::MaxNameLen>,
		license: BoundedVec<u8, T::MaxLicenseLen>,
		metadata_uri: BoundedVec<u8, T::MaxUriLen>,
	) -> DispatchResult {
		let (id, next) =
			verity_primitives::peek_id::<NextModelId<T>, _>().ok_or(Error::<T>::NoMoreIds)?;
		let deposit = T::ModelDeposit::get();
		T::Currency::hold(&HoldReason::ModelDeposit.into(), &owner, deposit)?;
		let model = Model {
			owner: owner.clone(),
			pending_owner: None,
			deposit,
			name,
			license,
			metadata_uri,
			maintainers: BoundedVec::new(),
			version_count: 0,
		};
		Models::<T>::insert(id, model);
		NextModelId::<T>::put(next);
		Self::deposit_event(Event::ModelCreated { model: id, owner });
		Ok(())
	}

	pub(crate) fn do_destroy_model(who: T::AccountId, id: ModelId) -> DispatchResult {
		let model = Self::owned_model(&who, id)?;
		ensure!(model.version_count == 0, Error::<T>::ModelHasVersions);
		Self::release_model_deposit(&model.owner, model.deposit)?;
		Models::<T>::remove(id);
		Self::deposit_event(Event::ModelDestroyed { model: id });
		Ok(())
	}

	pub(crate) fn do_add_maintainer(
		owner: T::AccountId,
		id: ModelId,
		who: T::AccountId,
	) -> DispatchResult {
		let mut model = Self::owned_model(&owner, id)?;
		ensure!(
			who != model.owner && !model.maintainers.contains(&who),
			Error::<T>::AlreadyMaintainer
		);
		model.maintainers.try_push(who.clone()).map_err(|_| Error::<T>::TooManyMaintainers)?;
		Models::<T>::insert(id, model);
		Self::deposit_event(Event::MaintainerAdded { model: id, who });
		Ok(())
	}

	pub(crate) fn do_remove_maintainer(
		owner: T::AccountId,
		id: ModelId,
		who: T::AccountId,
	) -> DispatchResult {
		let mut model = Self::owned_model(&owner, id)?;
		let position = model
			.maintainers
			.iter()
			.position(|m| m == &who)
			.ok_or(Error::<T>::MaintainerNotFound)?;
		model.maintainers.remove(position);
		Models::<T>::insert(id, model);
		Self::deposit_event(Event::MaintainerRemoved { model: id, who });
		Ok(())
	}

	pub(crate) fn do_transfer_ownership(
		owner: T::AccountId,
		id: ModelId,
		to: Option<T::AccountId>,
	) -> DispatchResult {
		let mut model = Self::owned_model(&owner, id)?;
		ensure!(to.as_ref() != Some(&owner), Error::<T>::AlreadyOwner);
		model.pending_owner = to.clone();
		Models::<T>::insert(id, model);
		Self::deposit_event(Event::OwnershipOffered { model: id, to });
		Ok(())
	}

	/// The deposit moves with the model: held from the new owner first (so a new owner without
	/// funds fails cleanly), then released to the old one.
	pub(crate) fn do_accept_ownership(who: T::AccountId, id: ModelId) -> DispatchResult {
		let mut model = Models::<T>::get(id).ok_or(Error::<T>::UnknownModel)?;
		ensure!(model.pending_owner.as_ref() == Some(&who), Error::<T>::NotPendingOwner);
		T::Currency::hold(&HoldReason::ModelDeposit.into(), &who, model.deposit)?;
		Self::release_model_deposit(&model.owner, model.deposit)?;
		let from = core::mem::replace(&mut model.owner, who.clone());
		model.pending_owner = None;
		// The owner has every maintainer right already; keep the list to the others.
		model.maintainers.retain(|m| m != &who);
		Models::<T>::insert(id, model);
		Self::deposit_event(Event::OwnershipTransferred { model: id, from, to: who });
		Ok(())
	}

	fn release_model_deposit(owner: &T::AccountId, deposit: crate::BalanceOf<T>) -> DispatchResult {
		T::Currency::release(&HoldReason::ModelDeposit.into(), owner, deposit, Precision::Exact)?;
		Ok(())
	}

	/// The model, if `who` owns it.
	pub(crate) fn owned_model(
		who: &T::AccountId,
		id: ModelId,
	) -> Result<ModelOf<T>, DispatchError> {
		let model = Models::<T>::get(id).ok_or(Error::<T>::UnknownModel)?;
		ensure!(&model.owner == who, Error::<T>::NotOwner);
		Ok(model)
	}

	/// The model, if `who` owns or maintains it.
	pub(crate) fn maintained_model(
		who: &T::AccountId,
		id: ModelId,
	) -> Result<ModelOf<T>, DispatchError> {
		let model = Models::<T>::get(id).ok_or(Error::<T>::UnknownModel)?;
		ensure!(Self::is_maintainer(&model, who), Error::<T>::NotMaintainer);
		Ok(model)
	}

	pub(crate) fn is_maintainer(model: &ModelOf<T>, who: &T::AccountId) -> bool {
		&model.owner == who || model.maintainers.contains(who)
	}

	pub(crate) fn check_name(
		name: Vec<u8>,
	) -> Result<BoundedVec<u8, T::MaxNameLen>, DispatchError> {
		ensure!(!name.is_empty(), Error::<T>::BadName);
		Ok(name.try_into().map_err(|_| Error::<T>::BadName)?)
	}

	/// Accepts the characters of SPDX license expressions (`Apache-2.0`, `MIT OR Apache-2.0`,
	/// `LicenseRef-llama3`); the registry of ids itself is not kept on chain.
	pub(crate) fn check_license(
		license: Vec<u8>,
	) -> Result<BoundedVec<u8, T::MaxLicenseLen>, DispatchError> {
		let spdx_char = |c: &u8| {
			c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'+' | b':' | b'(' | b')' | b' ')
		};
		ensure!(!license.is_empty() && license.iter().all(spdx_char), Error::<T>::BadLicense);
		Ok(license.try_into().map_err(|_| Error::<T>::BadLicense)?)
	}

	/// A length as a weight component, clamped to its bound (longer inputs fail before any work).
	pub(crate) fn clamp_len(len: usize, max: u32) -> u32 {
		u32::try_from(len).unwrap_or(u32::MAX).min(max)
	}
}
