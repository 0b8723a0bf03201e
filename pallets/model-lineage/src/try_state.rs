//! Invariants, checked by the `try_state` hook and after every unit test.

use crate::{
	BalanceOf, Children, Config, HoldReason, Models, NextModelId, NextVersionId, Pallet,
	RevocationQueue, VersionByWeights, Versions,
};
use alloc::collections::{BTreeMap, BTreeSet};
use frame_support::{ensure, traits::fungible::InspectHold};
use sp_runtime::{traits::Saturating, TryRuntimeError};

impl<T: Config> Pallet<T> {
	/// - every version belongs to an existing model, and each model counts its versions;
	/// - every parent exists and has a smaller id than its child (hence no cycles), no duplicates;
	/// - the weights index and the children index are exactly the inverse of the version records;
	/// - the deposits held under each reason equal the deposits the records account to each payer;
	/// - revocation flags are consistent: a flagged version's unflagged child is still queued.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let next_version = NextVersionId::<T>::get();
		let mut version_counts = BTreeMap::new();
		let mut version_deposits = BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		let mut versions = 0usize;
		for (id, version) in Versions::<T>::iter() {
			versions = versions.saturating_add(1);
			ensure!(id < next_version, "version id not below NextVersionId");
			ensure!(Models::<T>::contains_key(version.model), "version of an unknown model");
			let count = version_counts.entry(version.model).or_insert(0u32);
			*count = count.saturating_add(1);
			let held = version_deposits.entry(version.publisher.clone()).or_default();
			*held = held.saturating_add(version.deposit);
			ensure!(
				VersionByWeights::<T>::get(version.weights_hash) == Some(id),
				"weights index does not name the version"
			);
			let mut parents = BTreeSet::new();
			let mut flagged_parent = false;
			for link in version.parents.iter() {
				ensure!(link.version < id, "parent id not below child id: a cycle is possible");
				ensure!(parents.insert(link.version), "duplicate parent");
				let parent = Versions::<T>::get(link.version).ok_or("unknown parent")?;
				let siblings = Children::<T>::get(link.version);
				let position = siblings.iter().position(|c| *c == id).ok_or("child not indexed")?;
				if parent.is_flagged() {
					flagged_parent = true;
					let queued = RevocationQueue::<T>::get(link.version)
						.is_some_and(|cursor| cursor as usize <= position);
					ensure!(
						version.ancestor_revoked || queued,
						"descendant of revoked not flagged"
					);
				}
			}
			ensure!(
				!version.ancestor_revoked || flagged_parent,
				"flagged without a flagged parent"
			);
			let datasets: BTreeSet<_> = version.datasets.iter().collect();
			ensure!(datasets.len() == version.datasets.len(), "duplicate dataset");
		}
		ensure!(VersionByWeights::<T>::iter().count() == versions, "stale weights index entries");

		for (parent, children) in Children::<T>::iter() {
			ensure!(Versions::<T>::contains_key(parent), "children of an unknown version");
			let unique: BTreeSet<_> = children.iter().collect();
			ensure!(unique.len() == children.len(), "duplicate child");
			for child in children.iter() {
				let record = Versions::<T>::get(child).ok_or("unknown child")?;
				ensure!(
					record.parents.iter().any(|l| l.version == parent),
					"child does not name parent"
				);
			}
		}

		for (id, cursor) in RevocationQueue::<T>::iter() {
			let version = Versions::<T>::get(id).ok_or("queued unknown version")?;
			ensure!(version.is_flagged(), "queued version not flagged");
			ensure!(
				(cursor as usize) < Children::<T>::decode_len(id).unwrap_or(0),
				"cursor past end"
			);
		}

		let next_model = NextModelId::<T>::get();
		let mut model_deposits = BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		for (id, model) in Models::<T>::iter() {
			ensure!(id < next_model, "model id not below NextModelId");
			ensure!(
				version_counts.get(&id).copied().unwrap_or(0) == model.version_count,
				"model version count mismatch"
			);
			let unique: BTreeSet<_> = model.maintainers.iter().collect();
			ensure!(unique.len() == model.maintainers.len(), "duplicate maintainer");
			ensure!(!model.maintainers.contains(&model.owner), "owner listed as maintainer");
			ensure!(model.pending_owner.as_ref() != Some(&model.owner), "offered to its owner");
			let held = model_deposits.entry(model.owner.clone()).or_default();
			*held = held.saturating_add(model.deposit);
		}
		for (who, deposit) in model_deposits {
			let held = T::Currency::balance_on_hold(&HoldReason::ModelDeposit.into(), &who);
			ensure!(held == deposit, "model deposits held differ from records");
		}
		for (who, deposit) in version_deposits {
			let held = T::Currency::balance_on_hold(&HoldReason::VersionDeposit.into(), &who);
			ensure!(held == deposit, "version deposits held differ from records");
		}
		Ok(())
	}
}
