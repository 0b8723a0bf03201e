//! Versions: publication with parent, dataset, license and receipt checks; royalty rate.
//!
//! A version's whole-lineage dataset set is computed here, once: its own datasets and each
//! parent's stored set. Every parent's set already covers that parent's whole lineage, so the
//! union covers every generation, and `LineageInspect::lineage_datasets` is one read.

use crate::{
	Children, Config, DatasetUsers, Error, Event, HoldReason, LineageDatasets, ModelOf,
	ModelVersion, Models, NextVersionId, Pallet, ParentLink, Provenance, VerifiedByJob,
	VersionByWeights, VersionOf, VersionSpec, VersionStatus, Versions,
};
use alloc::{collections::BTreeSet, vec::Vec};
use frame_support::{ensure, pallet_prelude::*, traits::fungible::MutateHold};
use sp_runtime::{ArithmeticError, Permill};
use verity_primitives::{
	license,
	traits::{ComputeReceipts, DatasetInspect, DatasetPins, JobKind},
	ContentHash, DatasetId, JobId, ModelId, ModelVersionId, TaintSource,
};

impl<T: Config> Pallet<T> {
	/// Every check runs before the first write, so a refused version leaves no trace.
	pub(crate) fn do_publish_version(
		who: T::AccountId,
		model_id: ModelId,
		spec: VersionSpec,
	) -> DispatchResult {
		let mut model = Self::maintained_model(&who, model_id)?;
		let uri = spec.uri.try_into().map_err(|_| Error::<T>::UriTooLong)?;
		let parents: BoundedVec<ParentLink, T::MaxParents> =
			spec.parents.try_into().map_err(|_| Error::<T>::TooManyParents)?;
		let datasets: BoundedVec<DatasetId, T::MaxDatasets> =
			spec.datasets.try_into().map_err(|_| Error::<T>::TooManyDatasets)?;
		if let Some(job) = spec.training_job {
			ensure!(!VerifiedByJob::<T>::contains_key(job), Error::<T>::JobAlreadyUsed);
		}
		Self::check_weights_free(&spec.weights_hash, spec.training_job.is_some())?;

		let (id, next) =
			verity_primitives::peek_id::<NextVersionId<T>, _>().ok_or(Error::<T>::NoMoreIds)?;
		model.version_count =
			model.version_count.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		let license = match spec.license.is_empty() {
			true => model.license.clone(),
			false => Self::check_license(spec.license)?,
		};
		let tainted_by = Self::check_parents(id, &parents, &license)?;
		Self::check_datasets(&datasets, &license)?;
		let lineage = Self::lineage_union(&parents, &datasets)?;
		let provenance = match spec.training_job {
			None => Provenance::Declared,
			Some(job) => {
				Self::check_receipt(&who, job, &spec.weights_hash, &parents, &datasets)?;
				Provenance::Verified { job }
			},
		};

		let deposit = T::VersionDeposit::get();
		T::Currency::hold(&HoldReason::VersionDeposit.into(), &who, deposit)?;
		// Last fallible step: every dataset was checked to exist above.
		for dataset in datasets.iter() {
			T::DatasetPins::pin(*dataset)?;
		}
		for link in parents.iter() {
			Children::<T>::insert(link.version, id, ());
		}
		for dataset in datasets.iter() {
			DatasetUsers::<T>::insert(*dataset, id, ());
		}
		let version = ModelVersion {
			model: model_id,
			publisher: who.clone(),
			deposit,
			weights_hash: spec.weights_hash,
			format: spec.format,
			parameter_count: spec.parameter_count,
			uri,
			parents,
			datasets,
			license,
			provenance,
			status: VersionStatus::Active,
			tainted_by,
			royalty: spec.royalty,
		};
		Versions::<T>::insert(id, version);
		LineageDatasets::<T>::insert(id, lineage);
		// A verified version takes the index over from a version that only declared them.
		VersionByWeights::<T>::insert(spec.weights_hash, id);
		if let Some(job) = spec.training_job {
			VerifiedByJob::<T>::insert(job, id);
		}
		Models::<T>::insert(model_id, model);
		NextVersionId::<T>::put(next);
		Self::deposit_event(Event::VersionPublished {
			model: model_id,
			version: id,
			publisher: who,
			weights_hash: spec.weights_hash,
			provenance,
		});
		if let Some(by) = tainted_by {
			Self::deposit_event(Event::VersionTainted { version: id, by });
		}
		Ok(())
	}

	/// Weights are registered once, with one exception: a verified version may take over weights
	/// that another version only declared, so squatting a trainer's weights hash (public in its
	/// receipt) before the trainer publishes does not keep the trainer from publishing.
	fn check_weights_free(weights_hash: &ContentHash, verified: bool) -> DispatchResult {
		let Some(existing) = VersionByWeights::<T>::get(weights_hash) else { return Ok(()) };
		let declared_only = Versions::<T>::get(existing)
			.is_some_and(|v| matches!(v.provenance, Provenance::Declared));
		ensure!(verified && declared_only, Error::<T>::DuplicateWeights);
		Ok(())
	}

	/// Parents must already exist, so each has an id below `id`: this is what keeps the graph
	/// acyclic. Returns the taint the new version inherits from its first tainted parent.
	fn check_parents(
		id: ModelVersionId,
		parents: &BoundedVec<ParentLink, T::MaxParents>,
		own_license: &[u8],
	) -> Result<Option<TaintSource>, DispatchError> {
		let mut seen = BTreeSet::new();
		let mut tainted_by = None;
		for link in parents.iter() {
			ensure!(link.version != id, Error::<T>::SelfParent);
			let parent = Versions::<T>::get(link.version).ok_or(Error::<T>::UnknownParent)?;
			ensure!(seen.insert(link.version), Error::<T>::DuplicateParent);
			ensure!(!parent.is_revoked(), Error::<T>::RevokedParent);
			ensure!(
				license::check(&parent.license, own_license).is_ok(),
				Error::<T>::IncompatibleParentLicense
			);
			tainted_by = tainted_by.or(parent.tainted_by);
		}
		Ok(tainted_by)
	}

	fn check_datasets(
		datasets: &BoundedVec<DatasetId, T::MaxDatasets>,
		own_license: &[u8],
	) -> DispatchResult {
		let mut seen = BTreeSet::new();
		for dataset in datasets.iter() {
			ensure!(seen.insert(*dataset), Error::<T>::DuplicateDataset);
			ensure!(T::Datasets::exists(*dataset), Error::<T>::UnknownDataset);
			ensure!(T::Datasets::is_usable(*dataset), Error::<T>::DatasetNotUsable);
			let upstream = T::Datasets::license(*dataset).unwrap_or_default();
			ensure!(
				license::check(&upstream, own_license).is_ok(),
				Error::<T>::IncompatibleDatasetLicense
			);
		}
		Ok(())
	}

	/// The version's own datasets and every parent's whole-lineage datasets, sorted.
	fn lineage_union(
		parents: &BoundedVec<ParentLink, T::MaxParents>,
		datasets: &BoundedVec<DatasetId, T::MaxDatasets>,
	) -> Result<BoundedVec<DatasetId, T::MaxLineageDatasets>, DispatchError> {
		let mut all: BTreeSet<DatasetId> = datasets.iter().copied().collect();
		for link in parents.iter() {
			all.extend(LineageDatasets::<T>::get(link.version));
		}
		let sorted: Vec<DatasetId> = all.into_iter().collect();
		sorted.try_into().map_err(|_| Error::<T>::LineageTooManyDatasets.into())
	}

	/// The publisher's own training job must have produced exactly these weights, starting from
	/// the first parent (a from-scratch training names no model) and reading exactly the
	/// declared datasets.
	fn check_receipt(
		who: &T::AccountId,
		job: JobId,
		weights_hash: &ContentHash,
		parents: &BoundedVec<ParentLink, T::MaxParents>,
		datasets: &BoundedVec<DatasetId, T::MaxDatasets>,
	) -> DispatchResult {
		let receipt = T::Compute::receipt(job).ok_or(Error::<T>::JobNotCompleted)?;
		ensure!(receipt.kind == JobKind::Training, Error::<T>::NotTrainingJob);
		ensure!(&receipt.owner == who, Error::<T>::NotJobOwner);
		ensure!(&receipt.output_hash == weights_hash, Error::<T>::JobOutputMismatch);
		let base = parents.first().map(|link| link.version);
		ensure!(receipt.model_version == base, Error::<T>::JobInputsMismatch);
		let declared: BTreeSet<_> = datasets.iter().collect();
		let used: BTreeSet<_> = receipt.datasets.iter().collect();
		ensure!(declared == used, Error::<T>::JobInputsMismatch);
		Ok(())
	}

	pub(crate) fn do_set_royalty(
		who: T::AccountId,
		id: ModelVersionId,
		rate: Permill,
	) -> DispatchResult {
		let (mut version, _) = Self::version_owned_by(&who, id)?;
		version.royalty = rate;
		Versions::<T>::insert(id, version);
		Self::deposit_event(Event::RoyaltySet { version: id, rate });
		Ok(())
	}

	/// The version and its model, if `who` owns the model.
	pub(crate) fn version_owned_by(
		who: &T::AccountId,
		id: ModelVersionId,
	) -> Result<(VersionOf<T>, ModelOf<T>), DispatchError> {
		let version = Versions::<T>::get(id).ok_or(Error::<T>::UnknownVersion)?;
		let model = Self::owned_model(who, version.model)?;
		Ok((version, model))
	}
}
