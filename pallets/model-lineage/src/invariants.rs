//! Invariants, checked by the `try_state` hook and after every unit test.

use crate::{
	BalanceOf, Children, Config, DatasetUsers, HoldReason, LineageDatasets, Models, NextModelId,
	NextVersionId, Pallet, Provenance, RevocationQueue, VerifiedByJob, VersionByWeights, Versions,
};
use alloc::{
	collections::{BTreeMap, BTreeSet},
	vec::Vec,
};
use frame_support::{ensure, traits::fungible::InspectHold};
use sp_runtime::{traits::Saturating, TryRuntimeError};
use verity_primitives::{traits::DatasetInspect, ModelVersionId, TaintSource};

impl<T: Config> Pallet<T> {
	/// - every version belongs to an existing model, and each model counts its versions;
	/// - every parent exists and has a smaller id than its child (hence no cycles), no duplicates;
	/// - the children index is exactly the inverse of the parent edges;
	/// - the weights index names, for each weights hash, the verified version with it if any,
	///   else the one version that declared it;
	/// - each training job verified exactly the version that names it;
	/// - each version's lineage datasets are its own and its parents' lineage datasets, sorted;
	/// - the deposits held under each reason equal the deposits the records account to each payer;
	/// - the users index is exactly the inverse of the versions' training datasets;
	/// - taints are consistent: a taint names a revoked, earlier version or a flagged dataset and
	///   comes through a flagged parent or (for a dataset) the version's own use of it; a flagged
	///   version's untainted child, and a flagged dataset's untainted user, are still ahead of
	///   their walk's cursor.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let next_version = NextVersionId::<T>::get();
		let mut version_counts = BTreeMap::new();
		let mut version_deposits = BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		let mut edges = 0usize;
		let mut uses = 0usize;
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
			for dataset in version.datasets.iter() {
				uses = uses.saturating_add(1);
				ensure!(DatasetUsers::<T>::contains_key(dataset, id), "dataset use not indexed");
				let node = TaintSource::Dataset(*dataset);
				ensure!(
					!T::Datasets::is_flagged(*dataset)
						|| version.tainted_by.is_some()
						|| Self::ahead_of_walk(node, id),
					"user of a flagged dataset neither tainted nor queued"
				);
			}
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
						version.tainted_by.is_some()
							|| Self::ahead_of_walk(TaintSource::Version(link.version), id),
						"descendant of a revoked version neither tainted nor queued"
					);
				}
			}
			let stored = LineageDatasets::<T>::get(id);
			ensure!(
				stored.iter().copied().eq(lineage.into_iter()),
				"lineage datasets are not the union of own and parents'"
			);
			match version.tainted_by {
				None => {},
				Some(TaintSource::Version(by)) => {
					ensure!(flagged_parent, "tainted without a flagged parent");
					ensure!(by < id, "tainted by a later version");
					let cause = Versions::<T>::get(by).ok_or("tainted by an unknown version")?;
					ensure!(cause.is_revoked(), "tainted by a version that is not revoked");
				},
				Some(TaintSource::Dataset(by)) => {
					ensure!(
						flagged_parent
							|| version.datasets.iter().any(|d| T::Datasets::is_flagged(*d)),
						"tainted by data it was not trained on"
					);
					ensure!(
						T::Datasets::is_flagged(by),
						"tainted by a dataset that is not flagged"
					);
				},
			}
		}
		ensure!(VersionByWeights::<T>::iter().count() == hashes.len(), "stale weights index");
		ensure!(VerifiedByJob::<T>::iter().count() == verified, "stale job entries");
		ensure!(Children::<T>::iter().count() == edges, "children index names extra edges");
		ensure!(DatasetUsers::<T>::iter().count() == uses, "users index names extra uses");
		ensure!(
			LineageDatasets::<T>::iter_keys().all(Versions::<T>::contains_key),
			"lineage datasets of an unknown version"
		);

		for (node, cursor) in RevocationQueue::<T>::iter() {
			let dependents: Vec<ModelVersionId> = match node {
				TaintSource::Version(id) => {
					let version = Versions::<T>::get(id).ok_or("queued unknown version")?;
					ensure!(version.is_flagged(), "queued version not flagged");
					Children::<T>::iter_key_prefix(id).collect()
				},
				TaintSource::Dataset(id) => {
					ensure!(T::Datasets::is_flagged(id), "queued dataset not flagged");
					DatasetUsers::<T>::iter_key_prefix(id).collect()
				},
			};
			match cursor.by {
				TaintSource::Version(by) => {
					let cause = Versions::<T>::get(by).ok_or("queued for an unknown cause")?;
					ensure!(cause.is_revoked(), "queued for a version that is not revoked");
				},
				TaintSource::Dataset(by) => {
					ensure!(T::Datasets::is_flagged(by), "queued for a dataset not flagged")
				},
			}
			ensure!(
				dependents.iter().any(|d| Self::ahead_of_walk(node, *d)),
				"queued with no dependent left to visit"
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

	/// Whether the walk queued for `node` has yet to visit its dependent `version`.
	fn ahead_of_walk(node: TaintSource, version: ModelVersionId) -> bool {
		RevocationQueue::<T>::get(node).is_some_and(|cursor| match (cursor.after, node) {
			(None, _) => true,
			(Some(after), TaintSource::Version(parent)) => {
				Children::<T>::hashed_key_for(parent, version)
					> Children::<T>::hashed_key_for(parent, after)
			},
			(Some(after), TaintSource::Dataset(dataset)) => {
				DatasetUsers::<T>::hashed_key_for(dataset, version)
					> DatasetUsers::<T>::hashed_key_for(dataset, after)
			},
		})
	}
}
