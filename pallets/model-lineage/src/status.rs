//! Deprecation, revocation and the bounded walk that flags a revoked version's descendants.
//!
//! A version enters `RevocationQueue` when it first becomes flagged (revoked, or below a revoked
//! ancestor) and has children. One step visits the next child of a queued version and flags it,
//! queueing that child in turn when it was not flagged before and has children of its own. A
//! version becomes flagged once, so the walk visits each edge below a revocation at most once and
//! always ends. Flagged versions cannot gain children, so the queue never misses a late child.

use crate::{
	weights::WeightInfo, Children, Config, Error, Event, Pallet, RevocationQueue, VersionStatus,
	Versions,
};
use frame_support::{ensure, pallet_prelude::*};
use verity_primitives::ModelVersionId;

impl<T: Config> Pallet<T> {
	pub(crate) fn do_deprecate_version(who: T::AccountId, id: ModelVersionId) -> DispatchResult {
		let mut version = Versions::<T>::get(id).ok_or(Error::<T>::UnknownVersion)?;
		Self::maintained_model(&who, version.model)?;
		ensure!(version.status != VersionStatus::Revoked, Error::<T>::AlreadyRevoked);
		ensure!(version.status != VersionStatus::Deprecated, Error::<T>::AlreadyDeprecated);
		version.status = VersionStatus::Deprecated;
		Versions::<T>::insert(id, version);
		Self::deposit_event(Event::VersionDeprecated { version: id });
		Ok(())
	}

	/// Revokes and flags up to `MaxRevocationFanout` descendants; returns the steps taken.
	pub(crate) fn do_revoke_version(
		who: T::AccountId,
		id: ModelVersionId,
	) -> Result<u32, DispatchError> {
		let (mut version, _) = Self::version_owned_by(&who, id)?;
		ensure!(version.status != VersionStatus::Revoked, Error::<T>::AlreadyRevoked);
		let was_flagged = version.is_flagged();
		version.status = VersionStatus::Revoked;
		Versions::<T>::insert(id, version);
		// Below an already flagged version the walk has run or is queued.
		if !was_flagged {
			Self::enqueue_if_parent(id);
		}
		Self::deposit_event(Event::VersionRevoked { version: id });
		Ok(Self::propagate(T::MaxRevocationFanout::get()))
	}

	/// Takes up to `max_steps` steps of the walk; returns the steps taken.
	pub(crate) fn propagate(max_steps: u32) -> u32 {
		let mut steps: u32 = 0;
		let mut flagged: u32 = 0;
		while steps < max_steps {
			let Some((node, cursor)) = RevocationQueue::<T>::iter().next() else { break };
			steps = steps.saturating_add(1);
			let children = Children::<T>::get(node);
			let Some(child) = children.get(cursor as usize).copied() else {
				RevocationQueue::<T>::remove(node);
				continue;
			};
			let next = cursor.saturating_add(1);
			if next as usize >= children.len() {
				RevocationQueue::<T>::remove(node);
			} else {
				RevocationQueue::<T>::insert(node, next);
			}
			if Self::flag(child) {
				flagged = flagged.saturating_add(1);
			}
		}
		if steps > 0 {
			let pending = RevocationQueue::<T>::iter_keys().next().is_some();
			Self::deposit_event(Event::RevocationPropagated { flagged, pending });
		}
		steps
	}

	/// Marks `id` as below a revoked ancestor; true when it was not flagged before.
	fn flag(id: ModelVersionId) -> bool {
		let newly = Versions::<T>::mutate(id, |entry| match entry {
			Some(version) if !version.ancestor_revoked => {
				let newly = !version.is_flagged();
				version.ancestor_revoked = true;
				newly
			},
			_ => false,
		});
		if newly {
			Self::enqueue_if_parent(id);
		}
		newly
	}

	fn enqueue_if_parent(id: ModelVersionId) {
		if Children::<T>::decode_len(id).unwrap_or(0) > 0 {
			RevocationQueue::<T>::insert(id, 0);
		}
	}

	/// Spends idle block space on the walk, as many steps as the remaining weight allows.
	pub(crate) fn propagate_on_idle(remaining: Weight) -> Weight {
		let check = T::DbWeight::get().reads(1);
		if !remaining.all_gte(check) || RevocationQueue::<T>::iter_keys().next().is_none() {
			return check.min(remaining);
		}
		let mut steps: u32 = 0;
		while steps < T::MaxRevocationFanout::get()
			&& remaining.all_gte(T::WeightInfo::continue_revocation(steps.saturating_add(1)))
		{
			steps = steps.saturating_add(1);
		}
		if steps == 0 {
			return check;
		}
		T::WeightInfo::continue_revocation(Self::propagate(steps))
	}
}
