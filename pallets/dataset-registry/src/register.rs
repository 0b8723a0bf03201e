//! Registering and removing datasets: root check, dedup against the shard index, provenance
//! checks, deposit.

use crate::{
	Attestations, Config, Contributors, DatasetByRoot, DatasetDescription, DatasetKind,
	DatasetRecord, Datasets, Dependents, Error, Event, HoldReason, NextDatasetId, Overlaps, Pallet,
	ShardOwners, Shards, Usage, VerificationStatus,
};
use alloc::{
	collections::{BTreeMap, BTreeSet},
	vec::Vec,
};
use frame_support::{
	ensure,
	traits::{fungible::MutateHold, tokens::Precision},
	BoundedVec,
};
use sp_runtime::{traits::Zero, DispatchError, DispatchResult, Permill};
use verity_primitives::{merkle, traits::LineageInspect, ContentHash, DatasetId};

/// Overlaps of a new dataset, strongest first.
pub(crate) type OverlapList<T> = BoundedVec<(DatasetId, u32), <T as Config>::MaxOverlapsRecorded>;

/// Characters of SPDX license ids and expressions: `MIT`, `CC-BY-4.0`, `(MIT OR Apache-2.0)`.
fn is_spdx_char(c: u8) -> bool {
	c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'+' | b' ' | b'(' | b')' | b':')
}

/// Checks a license and bounds it.
pub(crate) fn bounded_license<T: Config>(
	license: Vec<u8>,
) -> Result<BoundedVec<u8, T::MaxLicenseLen>, DispatchError> {
	ensure!(
		!license.is_empty() && license.iter().all(|c| is_spdx_char(*c)),
		Error::<T>::InvalidLicense
	);
	Ok(license.try_into().map_err(|_| Error::<T>::LicenseTooLong)?)
}

impl<T: Config> Pallet<T> {
	pub(crate) fn do_register(
		owner: T::AccountId,
		root: ContentHash,
		shards: Vec<ContentHash>,
		kind: DatasetKind,
		parents: Vec<DatasetId>,
		description: DatasetDescription,
	) -> DispatchResult {
		ensure!(!shards.is_empty(), Error::<T>::NoShards);
		let shards: BoundedVec<ContentHash, T::MaxShards> =
			shards.try_into().map_err(|_| Error::<T>::TooManyShards)?;
		let parents: BoundedVec<DatasetId, T::MaxParents> =
			parents.try_into().map_err(|_| Error::<T>::TooManyParents)?;
		let name = description.name.try_into().map_err(|_| Error::<T>::NameTooLong)?;
		let uri = description.uri.try_into().map_err(|_| Error::<T>::UriTooLong)?;
		let license = bounded_license::<T>(description.license)?;

		let mut seen = BTreeSet::new();
		ensure!(shards.iter().all(|s| seen.insert(*s)), Error::<T>::RepeatedShard);
		ensure!(merkle::root(shards.iter()) == root, Error::<T>::RootMismatch);

		let id = NextDatasetId::<T>::get();
		let next_id = id.checked_add(1).ok_or(Error::<T>::NoMoreIds)?;
		Self::check_parents(id, &root, &parents)?;
		Self::check_kind(id, &kind)?;
		ensure!(!DatasetByRoot::<T>::contains_key(root), Error::<T>::AlreadyRegistered);
		let (owner_lists, overlaps) = Self::scan_shards(&shards)?;

		let mut record = DatasetRecord::<T> {
			owner: owner.clone(),
			root,
			shard_count: crate::len_u32(shards.len()),
			record_count: description.record_count,
			byte_size: description.byte_size,
			name,
			uri,
			license,
			kind,
			parents,
			royalty_rate: Permill::zero(),
			status: VerificationStatus::Pending,
			retired: false,
			deposit: Zero::zero(),
			registered_at: frame_system::Pallet::<T>::block_number(),
		};
		let deposit = Self::required_deposit(&record, crate::len_u32(overlaps.len()), 0);
		Self::settle_deposit(&mut record, deposit)?;

		for (shard, mut owners) in shards.iter().zip(owner_lists) {
			// A full entry already marks the shard as known; the new dataset is left out of it.
			let _ = owners.try_push(id);
			ShardOwners::<T>::insert(shard, owners);
		}
		for parent in record.parents.iter().copied().chain(record.kind.prompt_set()) {
			Dependents::<T>::mutate(parent, |n| *n = n.saturating_add(1));
		}
		NextDatasetId::<T>::put(next_id);
		DatasetByRoot::<T>::insert(root, id);
		Shards::<T>::insert(id, shards);
		if !overlaps.is_empty() {
			Overlaps::<T>::insert(id, overlaps.clone());
		}
		Self::deposit_event(Event::Registered {
			id,
			owner,
			root,
			shards: record.shard_count,
			kind: record.kind,
			overlaps,
			deposit,
		});
		Datasets::<T>::insert(id, record);
		Ok(())
	}

	/// Parents are distinct registered datasets other than the new one and other than content
	/// identical to it.
	fn check_parents(id: DatasetId, root: &ContentHash, parents: &[DatasetId]) -> DispatchResult {
		let mut seen = BTreeSet::new();
		for parent in parents {
			ensure!(*parent != id, Error::<T>::SelfDerivation);
			ensure!(seen.insert(*parent), Error::<T>::DuplicateParent);
			let record = Datasets::<T>::get(parent).ok_or(Error::<T>::UnknownParent)?;
			ensure!(record.root != *root, Error::<T>::SelfDerivation);
		}
		Ok(())
	}

	/// A synthetic dataset's generator is a usable model version and its prompt set a registered
	/// dataset other than itself.
	fn check_kind(id: DatasetId, kind: &DatasetKind) -> DispatchResult {
		if let DatasetKind::Synthetic { generator, prompt_set, .. } = kind {
			ensure!(T::Lineage::exists(*generator), Error::<T>::UnknownGenerator);
			ensure!(T::Lineage::is_usable(*generator), Error::<T>::GeneratorNotUsable);
			if let Some(set) = prompt_set {
				ensure!(*set != id, Error::<T>::SelfDerivation);
				ensure!(Datasets::<T>::contains_key(set), Error::<T>::UnknownPromptSet);
			}
		}
		Ok(())
	}

	/// Reads the shard index for every shard: refuses a dataset made only of known shards and
	/// counts shared shards per earlier dataset. Returns the index entries (to extend) and the
	/// strongest overlaps.
	#[allow(clippy::type_complexity)]
	fn scan_shards(
		shards: &[ContentHash],
	) -> Result<(Vec<BoundedVec<DatasetId, T::MaxShardOwners>>, OverlapList<T>), DispatchError> {
		let mut known = 0usize;
		let mut shared: BTreeMap<DatasetId, u32> = BTreeMap::new();
		let mut lists = Vec::with_capacity(shards.len());
		for shard in shards {
			let owners = ShardOwners::<T>::get(shard);
			if !owners.is_empty() {
				known = known.saturating_add(1);
			}
			for owner in owners.iter() {
				let count = shared.entry(*owner).or_default();
				*count = count.saturating_add(1);
			}
			lists.push(owners);
		}
		ensure!(known < shards.len(), Error::<T>::DuplicateShards);
		let mut overlaps: Vec<(DatasetId, u32)> = shared.into_iter().collect();
		overlaps.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
		Ok((lists, BoundedVec::truncate_from(overlaps)))
	}

	/// Deletes an unused dataset and returns its deposit. Returns the shard and parent counts
	/// for the actual weight.
	pub(crate) fn do_remove(who: T::AccountId, id: DatasetId) -> Result<(u32, u32), DispatchError> {
		let record = Self::owned(&who, id)?;
		ensure!(Usage::<T>::get(id).uses == 0, Error::<T>::DatasetInUse);
		ensure!(Dependents::<T>::get(id) == 0, Error::<T>::DatasetInUse);

		T::Currency::release(
			&HoldReason::DatasetDeposit.into(),
			&record.owner,
			record.deposit,
			Precision::Exact,
		)?;
		let shards = Shards::<T>::take(id);
		for shard in shards.iter() {
			let mut owners = ShardOwners::<T>::get(shard);
			owners.retain(|d| *d != id);
			if owners.is_empty() {
				ShardOwners::<T>::remove(shard);
			} else {
				ShardOwners::<T>::insert(shard, owners);
			}
		}
		for parent in record.parents.iter().copied().chain(record.kind.prompt_set()) {
			Dependents::<T>::mutate_exists(parent, |n| {
				*n = n.and_then(|n| n.checked_sub(1)).filter(|n| *n > 0);
			});
		}
		// A retired dataset's votes were closed when it retired.
		if record.status == VerificationStatus::Pending && !record.retired {
			Self::close_open_votes(id);
		}
		Attestations::<T>::remove(id);
		DatasetByRoot::<T>::remove(record.root);
		Overlaps::<T>::remove(id);
		Contributors::<T>::remove(id);
		Usage::<T>::remove(id);
		Datasets::<T>::remove(id);
		Self::deposit_event(Event::Removed { id, deposit: record.deposit });
		Ok((crate::len_u32(shards.len()), crate::len_u32(record.parents.len())))
	}
}
