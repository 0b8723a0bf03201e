//! Benchmarks, each set up at its worst case: full shard-index entries, open verifications at
//! quorum minus one, the most slashes a verdict can bring.
//!
//! Components: `s` shards, `p` parents, `u` URI bytes, `n` name bytes, `c` contributors.

use super::*;
use crate::Pallet as DatasetRegistry;
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungible::{Inspect, Mutate},
		Get,
	},
	BoundedVec,
};
use frame_system::RawOrigin;
use sp_runtime::{
	traits::{Saturating, Zero},
	Permill,
};
use verity_primitives::{merkle, ContentHash, DatasetId};

/// A distinct shard hash per `(tag, index)`.
fn shard(tag: u32, index: u32) -> ContentHash {
	merkle::leaf_hash(u64::from(tag), &index.to_le_bytes())
}

/// An account with funds for deposits, bonds and royalties.
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	let amount = T::Currency::minimum_balance()
		.saturating_mul(1_000_000u32.into())
		.saturating_add(DatasetRegistry::<T>::deposit_for(1_000_000))
		.saturating_add(T::MinVerifierBond::get().saturating_mul(4u32.into()));
	T::Currency::set_balance(&who, amount);
	who
}

/// A description with `u` URI bytes, `n` name bytes and the longest license.
fn description<T: Config>(u: u32, n: u32) -> DatasetDescription {
	DatasetDescription {
		name: vec![b'n'; n as usize],
		uri: vec![b'u'; u as usize],
		license: vec![b'L'; T::MaxLicenseLen::get() as usize],
		record_count: 1_000,
		byte_size: 1 << 30,
	}
}

/// Registers a curated dataset of `s` fresh shards tagged `tag`.
fn seed<T: Config>(owner: &T::AccountId, tag: u32, s: u32) -> Result<DatasetId, BenchmarkError> {
	let shards: Vec<ContentHash> = (0..s).map(|i| shard(tag, i)).collect();
	let id = NextDatasetId::<T>::get();
	DatasetRegistry::<T>::do_register(
		owner.clone(),
		merkle::root(shards.iter()),
		shards,
		DatasetKind::Curated,
		Vec::new(),
		description::<T>(T::MaxUriLen::get(), T::MaxNameLen::get()),
	)?;
	Ok(id)
}

/// Lists `owners` made-up datasets in the index entry of each shard (ids far above real ones).
fn fill_index<T: Config>(shards: &[ContentHash], owners: u32) {
	for (i, s) in shards.iter().enumerate() {
		let base = 1_000_000_000u64.saturating_add((i as u64).saturating_mul(u64::from(owners)));
		let list: Vec<DatasetId> = (0..u64::from(owners)).map(|j| base.saturating_add(j)).collect();
		ShardOwners::<T>::insert(s, BoundedVec::truncate_from(list));
	}
}

/// Bonds `count` verifiers; the first `passes` attest a pass on `id`, the others a fail.
fn open_votes<T: Config>(id: DatasetId, count: u32, passes: u32) -> Result<(), BenchmarkError> {
	for i in 0..count {
		let verifier = funded::<T>("verifier", i);
		DatasetRegistry::<T>::do_bond_verifier(verifier.clone(), T::MinVerifierBond::get())?;
		DatasetRegistry::<T>::do_attest(verifier, id, i < passes, Permill::one(), shard(9, i))?;
	}
	Ok(())
}

/// `c` funded contributors with shares summing to 100%.
fn contributors<T: Config>(c: u32) -> Vec<(T::AccountId, Permill)> {
	let mut list: Vec<(T::AccountId, Permill)> = (0..c)
		.map(|i| {
			(
				funded::<T>("contributor", i),
				Permill::from_parts(1_000_000u32.checked_div(c).unwrap_or(0)),
			)
		})
		.collect();
	let given: u32 = list.iter().map(|(_, p)| p.deconstruct()).sum();
	if let Some((_, last)) = list.last_mut() {
		*last = Permill::from_parts(
			last.deconstruct().saturating_add(1_000_000u32.saturating_sub(given)),
		);
	}
	list
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register(
		s: Linear<1, { T::MaxShards::get() }>,
		p: Linear<0, { T::MaxParents::get() }>,
		u: Linear<0, { T::MaxUriLen::get() }>,
		n: Linear<0, { T::MaxNameLen::get() }>,
	) -> Result<(), BenchmarkError> {
		let caller = funded::<T>("owner", 0);
		let parents: Vec<DatasetId> = (0..p)
			.map(|i| seed::<T>(&caller, 100u32.saturating_add(i), 1))
			.collect::<Result<_, _>>()?;
		let kind = match <T as Config>::BenchmarkHelper::generator() {
			Some(generator) => DatasetKind::Synthetic {
				generator,
				generation_job: Some(1),
				prompt_set: Some(seed::<T>(&caller, 99, 1)?),
			},
			None => DatasetKind::Curated,
		};
		// Every shard but the last is known to the most datasets the index lists per shard.
		let shards: Vec<ContentHash> = (0..s).map(|i| shard(0, i)).collect();
		let known = shards.len().saturating_sub(1);
		fill_index::<T>(shards.get(..known).unwrap_or_default(), T::MaxShardOwners::get());
		let root = merkle::root(shards.iter());

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), root, shards, kind, parents, description::<T>(u, n));

		assert!(DatasetByRoot::<T>::contains_key(root));
		Ok(())
	}

	#[benchmark]
	fn update_metadata(
		u: Linear<0, { T::MaxUriLen::get() }>,
		n: Linear<0, { T::MaxNameLen::get() }>,
	) -> Result<(), BenchmarkError> {
		let caller = funded::<T>("owner", 0);
		let id = seed::<T>(&caller, 0, 1)?;
		let d = description::<T>(u, n);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id, Some(d.name), Some(d.uri), Some(d.license));

		assert_eq!(Datasets::<T>::get(id).map(|r| r.uri.len() as u32), Some(u));
		Ok(())
	}

	#[benchmark]
	fn set_royalties(c: Linear<0, { T::MaxContributors::get() }>) -> Result<(), BenchmarkError> {
		let caller = funded::<T>("owner", 0);
		let id = seed::<T>(&caller, 0, 1)?;
		let list = contributors::<T>(c);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id, Permill::from_percent(10), list);

		assert_eq!(Contributors::<T>::decode_len(id).unwrap_or(0), c as usize);
		Ok(())
	}

	#[benchmark]
	fn transfer_ownership() -> Result<(), BenchmarkError> {
		let caller = funded::<T>("owner", 0);
		let to = funded::<T>("new-owner", 0);
		let id = seed::<T>(&caller, 0, 1)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id, to.clone());

		assert_eq!(Datasets::<T>::get(id).map(|r| r.owner), Some(to));
		Ok(())
	}

	#[benchmark]
	fn retire() -> Result<(), BenchmarkError> {
		let caller = funded::<T>("owner", 0);
		let id = seed::<T>(&caller, 0, 1)?;
		// An open verification one vote short of the quorum: every vote is closed.
		let q = T::VerificationQuorum::get().saturating_sub(1);
		open_votes::<T>(id, q, q)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);

		assert_eq!(Datasets::<T>::get(id).map(|r| r.retired), Some(true));
		Ok(())
	}

	#[benchmark]
	fn remove(
		s: Linear<1, { T::MaxShards::get() }>,
		p: Linear<0, { T::MaxParents::get() }>,
	) -> Result<(), BenchmarkError> {
		let caller = funded::<T>("owner", 0);
		let parents: Vec<DatasetId> = (0..p)
			.map(|i| seed::<T>(&caller, 100u32.saturating_add(i), 1))
			.collect::<Result<_, _>>()?;
		// Full index entries: the dataset is last in each but one.
		let shards: Vec<ContentHash> = (0..s).map(|i| shard(0, i)).collect();
		let known = shards.len().saturating_sub(1);
		fill_index::<T>(
			shards.get(..known).unwrap_or_default(),
			T::MaxShardOwners::get().saturating_sub(1),
		);
		let id = NextDatasetId::<T>::get();
		DatasetRegistry::<T>::do_register(
			caller.clone(),
			merkle::root(shards.iter()),
			shards,
			DatasetKind::Curated,
			parents,
			description::<T>(T::MaxUriLen::get(), T::MaxNameLen::get()),
		)?;
		DatasetRegistry::<T>::do_set_royalties(
			caller.clone(),
			id,
			Permill::from_percent(10),
			contributors::<T>(T::MaxContributors::get()),
		)?;
		let q = T::VerificationQuorum::get().saturating_sub(1);
		open_votes::<T>(id, q, q)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);

		assert!(!Datasets::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn bond_verifier() {
		let caller = funded::<T>("verifier", 0);
		let amount = T::MinVerifierBond::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), amount);

		assert!(Verifiers::<T>::contains_key(&caller));
	}

	#[benchmark]
	fn unbond_verifier() -> Result<(), BenchmarkError> {
		let caller = funded::<T>("verifier", 0);
		DatasetRegistry::<T>::do_bond_verifier(caller.clone(), T::MinVerifierBond::get())?;

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()));

		assert!(!Verifiers::<T>::contains_key(&caller));
		Ok(())
	}

	#[benchmark]
	fn attest() -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner", 0);
		let id = seed::<T>(&owner, 0, 1)?;
		// The concluding vote fails the dataset; the passes before it are all slashed, as many
		// as a verdict can slash.
		let quorum = T::VerificationQuorum::get();
		open_votes::<T>(id, quorum.saturating_sub(1), quorum / 2)?;
		let caller = funded::<T>("verifier", quorum);
		DatasetRegistry::<T>::do_bond_verifier(caller.clone(), T::MinVerifierBond::get())?;

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id, false, Permill::zero(), shard(9, quorum));

		assert_eq!(Datasets::<T>::get(id).map(|r| r.status), Some(VerificationStatus::Rejected));
		Ok(())
	}

	#[benchmark]
	fn record_usage(c: Linear<0, { T::MaxContributors::get() }>) -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner", 0);
		let id = seed::<T>(&owner, 0, 1)?;
		DatasetRegistry::<T>::do_set_royalties(
			owner,
			id,
			Permill::from_percent(50),
			contributors::<T>(c),
		)?;
		let payer = funded::<T>("payer", 0);
		let amount =
			T::Currency::minimum_balance().saturating_mul(1_000u32.into()).max(1_000_000u32.into());

		#[block]
		{
			DatasetRegistry::<T>::do_record_usage(id, &payer, amount)?;
		}

		assert!(!Usage::<T>::get(id).royalties.is_zero());
		Ok(())
	}

	impl_benchmark_test_suite!(DatasetRegistry, crate::mock::new_bench_ext(), crate::mock::Test);
}
