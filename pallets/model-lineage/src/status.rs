//! Deprecation, revocation and the bounded walk that taints what depends on a flagged version
//! or dataset.
//!
//! A version enters `RevocationQueue` (keyed `TaintSource::Version`) when it first becomes
//! flagged (revoked, or tainted) and has children; a dataset enters it (keyed
//! `TaintSource::Dataset`) when the registry first flags it and versions were trained on it. The
//! cursor names the cause and the dependent visited last. One step visits the next dependent of
//! a queued node (a child of a version, a user of a dataset, in the storage order of the
//! children or users index) and taints it, queueing that version in turn when it was not flagged
//! before and has children. A version is tainted once, so the walk visits each edge at most once
//! and always ends. A child published under a tainted parent inherits the taint at once; revoked
//! versions cannot gain children and flagged datasets cannot gain users (they are not usable).

use crate::{
	weights::WeightInfo, Children, Config, DatasetUsers, Error, Event, Pallet, RevocationQueue,
	TaintCursor, VersionStatus, Versions,
};
use frame_support::{ensure, pallet_prelude::*};
use verity_primitives::{
	traits::OnDatasetFlagged,
	walk::{self, first_two, Walk},
	DatasetId, ModelVersionId, TaintSource,
};

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
			Self::enqueue_if_parent(id, TaintSource::Version(id));
		}
		Self::deposit_event(Event::VersionRevoked { version: id });
		Ok(Self::propagate(T::MaxRevocationFanout::get()))
	}

	/// Takes up to `max_steps` steps of the walk; returns the steps taken.
	pub(crate) fn propagate(max_steps: u32) -> u32 {
		let (steps, tainted) = walk::propagate::<Pallet<T>>(max_steps);
		if steps > 0 {
			let pending = RevocationQueue::<T>::iter_keys().next().is_some();
			Self::deposit_event(Event::RevocationPropagated { tainted, pending });
		}
		steps
	}

	/// Marks `id` as tainted by `by`; true when it was not tainted before.
	fn taint(id: ModelVersionId, by: TaintSource) -> bool {
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

	fn enqueue_if_parent(id: ModelVersionId, by: TaintSource) {
		if Children::<T>::iter_key_prefix(id).next().is_some() {
			RevocationQueue::<T>::insert(TaintSource::Version(id), TaintCursor { by, after: None });
		}
	}

	/// Spends idle block space on the walk (`verity_primitives::walk::idle_rounds`).
	pub(crate) fn propagate_on_idle(remaining: Weight) -> Weight {
		verity_primitives::walk::idle_rounds(
			remaining,
			T::DbWeight::get().reads(1),
			T::MaxRevocationFanout::get(),
			|| RevocationQueue::<T>::iter_keys().next().is_some(),
			T::WeightInfo::continue_revocation,
			Self::propagate,
		)
	}
}

/// The registry flagged a dataset (rejected, revoked, or derived from flagged data `cause`):
/// queue the walk over its users.
impl<T: Config> OnDatasetFlagged for Pallet<T> {
	fn flagged(id: DatasetId, cause: DatasetId) {
		let node = TaintSource::Dataset(id);
		if DatasetUsers::<T>::iter_key_prefix(id).next().is_some()
			&& !RevocationQueue::<T>::contains_key(node)
		{
			let by = TaintSource::Dataset(cause);
			RevocationQueue::<T>::insert(node, TaintCursor { by, after: None });
		}
	}

	fn weight() -> Weight {
		T::DbWeight::get().reads_writes(2, 1)
	}
}

/// The lineage walk: queued flagged versions and datasets; a version's dependents are its
/// children, a dataset's the versions trained on it.
impl<T: Config> Walk for Pallet<T> {
	type Node = TaintSource;
	type By = TaintSource;
	type Dep = ModelVersionId;

	fn head() -> Option<(TaintSource, TaintCursor)> {
		RevocationQueue::<T>::iter().next()
	}

	fn set(node: TaintSource, cursor: Option<TaintCursor>) {
		RevocationQueue::<T>::set(node, cursor);
	}

	fn next(node: TaintSource, after: Option<ModelVersionId>) -> (Option<ModelVersionId>, bool) {
		match (node, after) {
			(TaintSource::Version(v), None) => first_two(Children::<T>::iter_key_prefix(v)),
			(TaintSource::Version(v), Some(a)) => first_two(Children::<T>::iter_key_prefix_from(
				v,
				Children::<T>::hashed_key_for(v, a),
			)),
			(TaintSource::Dataset(d), None) => first_two(DatasetUsers::<T>::iter_key_prefix(d)),
			(TaintSource::Dataset(d), Some(a)) => first_two(
				DatasetUsers::<T>::iter_key_prefix_from(d, DatasetUsers::<T>::hashed_key_for(d, a)),
			),
		}
	}

	fn visit(dep: ModelVersionId, by: TaintSource) -> bool {
		Self::taint(dep, by)
	}
}
