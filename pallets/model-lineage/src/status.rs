//! Deprecation, revocation and the bounded walk that taints a revoked version's descendants.
//!
//! A version enters `RevocationQueue` when it first becomes flagged (revoked, or tainted by a
//! revoked ancestor) and has children, with the revoked version the taint comes from. One step
//! visits the next child of a queued version (in the storage order of the children index, the
//! cursor being the child visited last) and taints it, queueing that child in turn when it was
//! not flagged before and has children of its own. A version is tainted once, so the walk visits
//! each edge below a revocation at most once and always ends. A child published under a tainted
//! parent inherits the taint at once; revoked versions cannot gain children.

use crate::{
	weights::WeightInfo, Children, Config, Error, Event, Pallet, RevocationQueue, TaintCursor,
	VersionStatus, Versions,
};
use frame_support::{ensure, pallet_prelude::*};
use verity_primitives::ModelVersionId;

impl<T: Config> Pallet<T> {
	pub(crate) fn do_deprecate_version(who: T::AccountId, id: ModelVersionId) -> DispatchResult {
		let mut version = Versions::<T>::get(id).ok_or(Error::<T>::UnknownVersion)?;
		Self::maintained_model(&who, version.model)?;
		ensure!(!version.is_revoked(), Error::<T>::AlreadyRevoked);
		ensure!(version.status != VersionStatus::Deprecated, Error::<T>::AlreadyDeprecated);
		version.status = VersionStatus::Deprecated;
		Versions::<T>::insert(id, version);
		Self::deposit_event(Event::VersionDeprecated { version: id });
		Ok(())
	}

	/// Revokes and taints up to `MaxRevocationFanout` descendants; returns the steps taken.
	pub(crate) fn do_revoke_version(
		who: T::AccountId,
		id: ModelVersionId,
	) -> Result<u32, DispatchError> {
		let (mut version, _) = Self::version_owned_by(&who, id)?;
		ensure!(!version.is_revoked(), Error::<T>::AlreadyRevoked);
		let was_flagged = version.is_flagged();
		version.status = VersionStatus::Revoked;
		Versions::<T>::insert(id, version);
		// Below an already tainted version the walk has run or is queued.
		if !was_flagged {
			Self::enqueue_if_parent(id, id);
		}
		Self::deposit_event(Event::VersionRevoked { version: id });
		Ok(Self::propagate(T::MaxRevocationFanout::get()))
	}

	/// Takes up to `max_steps` steps of the walk; returns the steps taken.
	pub(crate) fn propagate(max_steps: u32) -> u32 {
		let mut steps: u32 = 0;
		let mut tainted: u32 = 0;
		while steps < max_steps {
			let Some((node, cursor)) = RevocationQueue::<T>::iter().next() else { break };
			steps = steps.saturating_add(1);
			let mut children = match cursor.after {
				None => Children::<T>::iter_key_prefix(node),
				Some(after) => Children::<T>::iter_key_prefix_from(
					node,
					Children::<T>::hashed_key_for(node, after),
				),
			};
			let Some(child) = children.next() else {
				RevocationQueue::<T>::remove(node);
				continue;
			};
			if children.next().is_some() {
				RevocationQueue::<T>::insert(
					node,
					TaintCursor { by: cursor.by, after: Some(child) },
				);
			} else {
				RevocationQueue::<T>::remove(node);
			}
			if Self::taint(child, cursor.by) {
				tainted = tainted.saturating_add(1);
			}
		}
		if steps > 0 {
			let pending = RevocationQueue::<T>::iter_keys().next().is_some();
			Self::deposit_event(Event::RevocationPropagated { tainted, pending });
		}
		steps
	}

	/// Marks `id` as tainted by the revocation of `by`; true when it was not tainted before.
	fn taint(id: ModelVersionId, by: ModelVersionId) -> bool {
		let (newly, was_flagged) = Versions::<T>::mutate(id, |entry| match entry {
			Some(version) if version.tainted_by.is_none() => {
				let was_flagged = version.is_flagged();
				version.tainted_by = Some(by);
				(true, was_flagged)
			},
			_ => (false, true),
		});
		if newly {
			Self::deposit_event(Event::VersionTainted { version: id, by });
		}
		// A version revoked before the taint reached it has its own walk.
		if !was_flagged {
			Self::enqueue_if_parent(id, by);
		}
		newly
	}

	fn enqueue_if_parent(id: ModelVersionId, by: ModelVersionId) {
		if Children::<T>::iter_key_prefix(id).next().is_some() {
			RevocationQueue::<T>::insert(id, TaintCursor { by, after: None });
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
