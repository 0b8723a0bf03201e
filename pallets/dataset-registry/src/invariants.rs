//! Invariants checked by `try_state` and after every unit test.

use crate::{
	royalties::shares_are_whole, Attestations, BalanceOf, Config, Contributors, DatasetByRoot,
	Datasets, Dependents, HoldReason, NextDatasetId, Overlaps, Pallet, ShardOwners, Shards,
	VerificationStatus, Verifiers,
};
use alloc::collections::BTreeMap;
use frame_support::{ensure, traits::fungible::InspectHold, traits::Get};
use sp_runtime::{traits::Saturating, TryRuntimeError};
use verity_primitives::{merkle, DatasetId};

impl<T: Config> Pallet<T> {
	/// Checks that indexes, counters and held funds agree with the records.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let next = NextDatasetId::<T>::get();
		let mut deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut dependents: BTreeMap<DatasetId, u32> = BTreeMap::new();
		let mut open_votes: BTreeMap<T::AccountId, u32> = BTreeMap::new();

		for (id, record) in Datasets::<T>::iter() {
			ensure!(id < next, "a dataset id is not below NextDatasetId");
			let shards = Shards::<T>::get(id);
			ensure!(crate::len_u32(shards.len()) == record.shard_count, "shard count differs");
			ensure!(merkle::root(shards.iter()) == record.root, "root is not over the shards");
			ensure!(
				DatasetByRoot::<T>::get(record.root) == Some(id),
				"root index misses a dataset"
			);
			let contributors = Contributors::<T>::get(id);
			ensure!(
				contributors.is_empty() || shares_are_whole(&contributors),
				"contributor shares do not sum to 100%"
			);
			let held = deposits.entry(record.owner.clone()).or_default();
			*held = held.saturating_add(record.deposit);
			for parent in record.parents.iter().copied().chain(record.kind.prompt_set()) {
				ensure!(
					parent < id,
					"a dataset names a later or equal one as parent or prompt set"
				);
				let n = dependents.entry(parent).or_default();
				*n = n.saturating_add(1);
			}
			let attestations = Attestations::<T>::get(id);
			if record.status == VerificationStatus::Pending {
				ensure!(
					attestations.len() < T::VerificationQuorum::get() as usize,
					"an open verification reached its quorum"
				);
				if !record.retired {
					for attestation in attestations.iter() {
						let n = open_votes.entry(attestation.verifier.clone()).or_default();
						*n = n.saturating_add(1);
					}
				}
			}
		}

		for (owner, total) in deposits {
			let held = T::Currency::balance_on_hold(&HoldReason::DatasetDeposit.into(), &owner);
			ensure!(held == total, "held dataset deposits differ from the recorded ones");
		}
		for (shard, owners) in ShardOwners::<T>::iter() {
			ensure!(!owners.is_empty(), "empty shard index entry");
			for id in owners {
				ensure!(
					Shards::<T>::get(id).contains(&shard),
					"a shard index entry names a dataset without the shard"
				);
			}
		}
		for (root, id) in DatasetByRoot::<T>::iter() {
			ensure!(
				Datasets::<T>::get(id).is_some_and(|r| r.root == root),
				"root index names a dataset with another root"
			);
		}
		for (id, n) in Dependents::<T>::iter() {
			ensure!(dependents.remove(&id) == Some(n), "dependents counter differs");
		}
		ensure!(dependents.is_empty(), "a dataset with dependents has no counter");
		for id in Shards::<T>::iter_keys()
			.chain(Overlaps::<T>::iter_keys())
			.chain(Contributors::<T>::iter_keys())
			.chain(Attestations::<T>::iter_keys())
		{
			ensure!(Datasets::<T>::contains_key(id), "data left for a removed dataset");
		}
		for (who, info) in Verifiers::<T>::iter() {
			let held = T::Currency::balance_on_hold(&HoldReason::VerifierBond.into(), &who);
			ensure!(held == info.bond, "held verifier bond differs from the recorded one");
			ensure!(
				open_votes.remove(&who).unwrap_or(0) == info.open_votes,
				"open votes differ from the attestations on open datasets"
			);
		}
		ensure!(open_votes.is_empty(), "an attestation on an open dataset has no verifier");
		Ok(())
	}
}
