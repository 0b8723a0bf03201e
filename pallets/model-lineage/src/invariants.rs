//! Invariants, checked by the `try_state` hook and after every unit test.

use crate::{
	BalanceOf, Children, Config, HoldReason, LineageDatasets, Models, NextModelId, NextVersionId,
	Pallet, Provenance, RevocationQueue, VerifiedByJob, VersionByWeights, Versions,
};
use alloc::{
	collections::{BTreeMap, BTreeSet},
	vec::Vec,
};
use frame_support::{ensure, traits::fungible::InspectHold};
use sp_runtime::{traits::Saturating, TryRuntimeError};
use verity_primitives::ModelVersionId;

impl<T: Config> Pallet<T> {
	/// - every version belongs to an existing model, and each model counts its versions;
	/// - every parent exists and has a smaller id than its child (hence no cycles), no duplicates;
	/// - the children index is exactly the inverse of the parent edges;
	/// - the weights index names, for each weights hash, the verified version with it if any,
	///   else the one version that declared it;
	/// - each training job verified exactly the version that names it;
	/// - each version's lineage datasets are its own and its parents' lineage datasets, sorted;
	/// - the deposits held under each reason equal the deposits the records account to each payer;
	/// - taints are consistent: a taint names a revoked, earlier version and comes through a
	///   flagged parent; a flagged version's untainted child is still ahead of its walk's cursor.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let next_version = NextVersionId::<T>::get();
		let mut version_counts = BTreeMap::new();
		let mut version_deposits = BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		let mut edges = 0usize;
		let mut hashes = BTreeSet::new();
		let mut verified = 0usize;
		for (id, version) in Versions::<T>::iter() {
			ensure!(id < next_version, "version id not below NextVersionId");
			ensure!(Models::<T>::contains_key(version.model), "version of an unknown model");
			let count = version_counts.entry(version.model).or_insert(0u32);
			*count = count.saturating_add(1);
			let held = version_deposits.entry(version.publisher.clone()).or_default();
			*held = held.saturating_add(version.deposit);

			hashes.insert(version.weights_hash);
			let indexed = VersionByWeights::<T>::get(version.weights_hash)
				.ok_or("weights of a version not indexed")?;
			let named = Versions::<T>::get(indexed).ok_or("weights index names no version")?;
			ensure!(
				named.weights_hash == version.weights_hash,
				"weights index names other weights"
			);
			match version.provenance {
				Provenance::Verified { job } => {
					verified = verified.saturating_add(1);
					ensure!(indexed == id, "weights index does not name the verified version");
					ensure!(VerifiedByJob::<T>::get(job) == Some(id), "job not recorded as used");
				},
				Provenance::Declared => ensure!(
					indexed == id || matches!(named.provenance, Provenance::Verified { .. }),
					"weights declared twice"
				),
			}

			let mut parents = BTreeSet::new();
			let mut flagged_parent = false;
			let mut lineage: BTreeSet<_> = version.datasets.iter().copied().collect();
			ensure!(lineage.len() == version.datasets.len(), "duplicate dataset");
			for link in version.parents.iter() {
				edges = edges.saturating_add(1);
				ensure!(link.version < id, "parent id not below child id: a cycle is possible");
				ensure!(parents.insert(link.version), "duplicate parent");
				let parent = Versions::<T>::get(link.version).ok_or("unknown parent")?;
				ensure!(Children::<T>::contains_key(link.version, id), "child not indexed");
				lineage.extend(LineageDatasets::<T>::get(link.version));
				if parent.is_flagged() {
					flagged_parent = true;
					ensure!(
						version.tainted_by.is_some() || Self::ahead_of_walk(link.version, id),
						"descendant of a revoked version neither tainted nor queued"
					);
				}
			}
			let stored = LineageDatasets::<T>::get(id);
			ensure!(
				stored.iter().copied().eq(lineage.into_iter()),
				"lineage datasets are not the union of own and parents'"
			);
			if let Some(by) = version.tainted_by {
				ensure!(flagged_parent, "tainted without a flagged parent");
				ensure!(by < id, "tainted by a later version");
				let cause = Versions::<T>::get(by).ok_or("tainted by an unknown version")?;
				ensure!(cause.is_revoked(), "tainted by a version that is not revoked");
			}
		}
		ensure!(VersionByWeights::<T>::iter().count() == hashes.len(), "stale weights index");
		ensure!(VerifiedByJob::<T>::iter().count() == verified, "stale job entries");
		ensure!(Children::<T>::iter().count() == edges, "children index names extra edges");
		ensure!(
			LineageDatasets::<T>::iter_keys().all(Versions::<T>::contains_key),
			"lineage datasets of an unknown version"
		);

		for (id, cursor) in RevocationQueue::<T>::iter() {
			let version = Versions::<T>::get(id).ok_or("queued unknown version")?;
			ensure!(version.is_flagged(), "queued version not flagged");
			let cause = Versions::<T>::get(cursor.by).ok_or("queued for an unknown cause")?;
			ensure!(cause.is_revoked(), "queued for a version that is not revoked");
			let children: Vec<ModelVersionId> = Children::<T>::iter_key_prefix(id).collect();
			ensure!(
				children.iter().any(|child| Self::ahead_of_walk(id, *child)),
				"queued with no child left to visit"
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

	/// Whether the walk queued for `parent` has yet to visit `child`.
	fn ahead_of_walk(parent: ModelVersionId, child: ModelVersionId) -> bool {
		RevocationQueue::<T>::get(parent).is_some_and(|cursor| match cursor.after {
			None => true,
			Some(after) => {
				Children::<T>::hashed_key_for(parent, child)
					> Children::<T>::hashed_key_for(parent, after)
			},
		})
	}
}
