//! Versions: publication with parent, dataset and receipt checks; royalty rate.

use crate::{
	Children, Config, Error, Event, HoldReason, ModelOf, ModelVersion, Models, NextVersionId,
	Pallet, ParentLink, Provenance, VersionByWeights, VersionOf, VersionSpec, VersionStatus,
	Versions,
};
use alloc::collections::BTreeSet;
use frame_support::{ensure, pallet_prelude::*, traits::fungible::MutateHold};
use sp_runtime::{ArithmeticError, Permill};
use verity_primitives::{
	traits::{ComputeReceipts, DatasetInspect},
	ContentHash, DatasetId, JobId, ModelId, ModelVersionId,
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
		ensure!(
			!VersionByWeights::<T>::contains_key(spec.weights_hash),
			Error::<T>::DuplicateWeights
		);

		let id = NextVersionId::<T>::get();
		let next = id.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		model.version_count =
			model.version_count.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		Self::check_parents(id, &parents)?;
		Self::check_datasets(&datasets)?;
		let provenance = match spec.training_job {
			None => Provenance::Declared,
			Some(job) => {
				Self::check_receipt(job, &spec.weights_hash, &parents, &datasets)?;
				Provenance::Verified { job }
			},
		};

		let deposit = T::VersionDeposit::get();
		T::Currency::hold(&HoldReason::VersionDeposit.into(), &who, deposit)?;
		for link in parents.iter() {
			Children::<T>::try_append(link.version, id).map_err(|_| Error::<T>::TooManyChildren)?;
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
			provenance,
			status: VersionStatus::Active,
			ancestor_revoked: false,
			royalty: spec.royalty,
		};
		Versions::<T>::insert(id, version);
		VersionByWeights::<T>::insert(spec.weights_hash, id);
		Models::<T>::insert(model_id, model);
		NextVersionId::<T>::put(next);
		Self::deposit_event(Event::VersionPublished {
			model: model_id,
			version: id,
			publisher: who,
			weights_hash: spec.weights_hash,
			provenance,
		});
		Ok(())
	}

	/// Parents must already exist, so each has an id below `id`: this is what keeps the graph
	/// acyclic.
	fn check_parents(
		id: ModelVersionId,
		parents: &BoundedVec<ParentLink, T::MaxParents>,
	) -> DispatchResult {
		let mut seen = BTreeSet::new();
		for link in parents.iter() {
			ensure!(link.version != id, Error::<T>::SelfParent);
			let parent = Versions::<T>::get(link.version).ok_or(Error::<T>::UnknownParent)?;
			ensure!(seen.insert(link.version), Error::<T>::DuplicateParent);
			ensure!(!parent.is_flagged(), Error::<T>::RevokedParent);
			let children = Children::<T>::decode_len(link.version).unwrap_or(0);
			ensure!(children < T::MaxChildren::get() as usize, Error::<T>::TooManyChildren);
		}
		Ok(())
	}

	fn check_datasets(datasets: &BoundedVec<DatasetId, T::MaxDatasets>) -> DispatchResult {
		let mut seen = BTreeSet::new();
		for dataset in datasets.iter() {
			ensure!(seen.insert(*dataset), Error::<T>::DuplicateDataset);
			ensure!(T::Datasets::exists(*dataset), Error::<T>::UnknownDataset);
			ensure!(T::Datasets::is_usable(*dataset), Error::<T>::DatasetNotUsable);
		}
		Ok(())
	}

	/// The job must have produced exactly these weights, starting from the first parent (a
	/// from-scratch training names no model) and reading exactly the declared datasets.
	fn check_receipt(
		job: JobId,
		weights_hash: &ContentHash,
		parents: &BoundedVec<ParentLink, T::MaxParents>,
		datasets: &BoundedVec<DatasetId, T::MaxDatasets>,
	) -> DispatchResult {
		let receipt = T::Compute::receipt(job).ok_or(Error::<T>::JobNotCompleted)?;
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
