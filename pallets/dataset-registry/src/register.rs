//! Registering and removing datasets: root check, dedup against the shard index, provenance
//! checks, deposit.

use crate::{
	Attestations, Config, Contributors, DatasetByRoot, DatasetDescription, DatasetKind,
	DatasetRecord, Datasets, Derived, Error, Event, NextDatasetId, Overlaps, Pallet, Pins,
	ShardOwners, Shards, Upstreams, Usage, VerificationStatus,
};
use alloc::{
	collections::{BTreeMap, BTreeSet},
	vec::Vec,
};
use frame_support::{ensure, traits::Consideration, BoundedVec};
use sp_core::H256;
use sp_runtime::{DispatchError, DispatchResult, Permill};
use verity_primitives::{merkle, traits::LineageInspect, ContentHash, DatasetId};

/// Overlaps of a new dataset, strongest first.
pub(crate) type OverlapList<T> = BoundedVec<(DatasetId, u32), <T as Config>::MaxOverlapsRecorded>;

/// Earlier datasets a new dataset's known shards are attributed to, with the shard counts.
pub(crate) type UpstreamList<T> = BoundedVec<(DatasetId, u32), <T as Config>::MaxUpstreams>;

/// Counts per dataset, largest first (ties: lower id first).
fn strongest_first(counts: BTreeMap<DatasetId, u32>) -> Vec<(DatasetId, u32)> {
	let mut list: Vec<(DatasetId, u32)> = counts.into_iter().collect();
	list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
	list
}

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
	/// Opens `owner`'s registration commitment and registers the dataset.
	pub(crate) fn do_register(
		owner: T::AccountId,
		root: ContentHash,
		shards: Vec<ContentHash>,
		kind: DatasetKind,
		parents: Vec<DatasetId>,
		description: DatasetDescription,
		salt: H256,
	) -> DispatchResult {
		let (hash, deposit) = Self::check_commitment(&owner, &root, &shards, &salt)?;
		Self::insert_dataset(owner.clone(), root, shards, kind, parents, description)?;
		Self::release_commit(&owner, hash, deposit)
	}

	/// Registers a dataset without a commitment, for other pallets' benchmark set-up.
	#[cfg(feature = "runtime-benchmarks")]
	pub fn register_for_benchmarks(
		owner: T::AccountId,
		shards: Vec<ContentHash>,
		description: DatasetDescription,
	) -> Result<DatasetId, DispatchError> {
		let id = NextDatasetId::<T>::get();
		let root = merkle::root(shards.iter());
		Self::insert_dataset(owner, root, shards, DatasetKind::Curated, Vec::new(), description)?;
		Ok(id)
	}

	/// Checks and stores a new dataset, holding its deposit from `owner`.
	pub(crate) fn insert_dataset(
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

		let (id, next_id) =
			verity_primitives::peek_id::<NextDatasetId<T>, _>().ok_or(Error::<T>::NoMoreIds)?;
		Self::check_parents(id, &root, &parents)?;
		Self::check_kind(id, &kind)?;
		ensure!(!DatasetByRoot::<T>::contains_key(root), Error::<T>::AlreadyRegistered);
		let (owner_lists, overlaps, upstreams) = Self::scan_shards(&shards)?;

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
			revoked: None,
			tainted_by: None,
			deposit: Self::open_deposit(&owner)?,
			registered_at: frame_system::Pallet::<T>::block_number(),
		};
		let recorded = overlaps.len().saturating_add(upstreams.len());
		let bytes = Self::footprint(&record, crate::len_u32(recorded), 0);
		Self::settle_deposit(&mut record, bytes)?;
		let deposit = Self::deposit_for(bytes);

		for (shard, mut owners) in shards.iter().zip(owner_lists) {
			// A full entry already marks the shard as known; the new dataset is left out of it.
			let _ = owners.try_push(id);
			ShardOwners::<T>::insert(shard, owners);
		}
		for parent in record.parents.iter().copied().chain(record.kind.prompt_set()) {
			Derived::<T>::insert(parent, id, ());
		}
		NextDatasetId::<T>::put(next_id);
		DatasetByRoot::<T>::insert(root, id);
		Shards::<T>::insert(id, shards);
		if !overlaps.is_empty() {
			Overlaps::<T>::insert(id, overlaps.clone());
		}
		if !upstreams.is_empty() {
			Upstreams::<T>::insert(id, upstreams.clone());
		}
		Self::deposit_event(Event::Registered {
			id,
			owner,
			root,
			shards: record.shard_count,
			kind: record.kind,
			overlaps,
			upstreams,
			deposit,
		});
		Datasets::<T>::insert(id, record);
		Ok(())
	}

	/// Parents are distinct registered, unflagged datasets other than the new one and other than
	/// content identical to it.
	fn check_parents(id: DatasetId, root: &ContentHash, parents: &[DatasetId]) -> DispatchResult {
		let mut seen = BTreeSet::new();
		for parent in parents {
			ensure!(*parent != id, Error::<T>::SelfDerivation);
			ensure!(seen.insert(*parent), Error::<T>::DuplicateParent);
			let record = Datasets::<T>::get(parent).ok_or(Error::<T>::UnknownParent)?;
			ensure!(record.root != *root, Error::<T>::SelfDerivation);
			ensure!(!record.is_flagged(), Error::<T>::FlaggedSource);
		}
		Ok(())
	}

	/// A synthetic dataset's generator is a usable, untainted model version and its prompt set a
	/// registered, unflagged dataset other than itself.
	fn check_kind(id: DatasetId, kind: &DatasetKind) -> DispatchResult {
		if let DatasetKind::Synthetic { generator, prompt_set, .. } = kind {
			ensure!(T::Lineage::exists(*generator), Error::<T>::UnknownGenerator);
			ensure!(T::Lineage::is_usable(*generator), Error::<T>::GeneratorNotUsable);
			ensure!(T::Lineage::taint(*generator).is_none(), Error::<T>::FlaggedSource);
			if let Some(set) = prompt_set {
				ensure!(*set != id, Error::<T>::SelfDerivation);
				let record = Datasets::<T>::get(set).ok_or(Error::<T>::UnknownPromptSet)?;
				ensure!(!record.is_flagged(), Error::<T>::FlaggedSource);
			}
		}
		Ok(())
	}

	/// Reads the shard index for every shard: refuses a dataset made only of known shards,
	/// counts shared shards per earlier dataset, and attributes each known shard to the oldest
	/// dataset holding it. Returns the index entries (to extend), the strongest overlaps and the
	/// attribution (refused beyond `MaxUpstreams` datasets, so no owner's share is dropped).
	#[allow(clippy::type_complexity)]
	fn scan_shards(
		shards: &[ContentHash],
	) -> Result<
		(Vec<BoundedVec<DatasetId, T::MaxShardOwners>>, OverlapList<T>, UpstreamList<T>),
		DispatchError,
	> {
		let mut known = 0usize;
		let mut shared: BTreeMap<DatasetId, u32> = BTreeMap::new();
		let mut attributed: BTreeMap<DatasetId, u32> = BTreeMap::new();
		let mut lists = Vec::with_capacity(shards.len());
		for shard in shards {
			let owners = ShardOwners::<T>::get(shard);
			if let Some(oldest) = owners.first() {
				known = known.saturating_add(1);
				let count = attributed.entry(*oldest).or_default();
				*count = count.saturating_add(1);
			}
			for owner in owners.iter() {
				let count = shared.entry(*owner).or_default();
				*count = count.saturating_add(1);
			}
			lists.push(owners);
		}
		ensure!(known < shards.len(), Error::<T>::DuplicateShards);
		let upstreams = strongest_first(attributed);
		let upstreams: UpstreamList<T> =
			upstreams.try_into().map_err(|_| Error::<T>::TooManyUpstreams)?;
		Ok((lists, BoundedVec::truncate_from(strongest_first(shared)), upstreams))
	}

	/// Deletes an unused dataset and returns its deposit. Returns the shard and parent counts
	/// for the actual weight.
	pub(crate) fn do_remove(who: T::AccountId, id: DatasetId) -> Result<(u32, u32), DispatchError> {
		let record = Self::owned(&who, id)?;
		ensure!(Usage::<T>::get(id).uses == 0, Error::<T>::DatasetInUse);
		ensure!(Derived::<T>::iter_key_prefix(id).next().is_none(), Error::<T>::DatasetInUse);
		ensure!(Pins::<T>::get(id) == 0, Error::<T>::Pinned);

		let deposit = Self::held_by(&record);
		Consideration::drop(record.deposit.clone(), &record.owner)?;
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
			Derived::<T>::remove(parent, id);
		}
		Self::close_round(id);
		Attestations::<T>::remove(id);
		Upstreams::<T>::remove(id);
		DatasetByRoot::<T>::remove(record.root);
		Overlaps::<T>::remove(id);
		Contributors::<T>::remove(id);
		Usage::<T>::remove(id);
		Datasets::<T>::remove(id);
		Self::deposit_event(Event::Removed { id, deposit });
		Ok((crate::len_u32(shards.len()), crate::len_u32(record.parents.len())))
	}
}
