//! Benchmarks, each set up at its worst case: full shard-index entries attributed to the most
//! upstreams, drawn rounds with every seat to release, the most slashes a round's end can bring.
//!
//! Components: `s` shards, `p` parents, `u` URI bytes (in `register`/`update_metadata`) or
//! upstream datasets (in `record_usage`), `n` name bytes, `c` contributors, `d` draws in a
//! block, `v` bonded verifiers.

use super::*;
use crate::Pallet as DatasetRegistry;
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungible::{Inspect, Mutate, MutateHold},
		Get,
	},
	BoundedVec,
};
use frame_system::RawOrigin;
use sp_core::H256;
use sp_runtime::{
	traits::{Saturating, Zero},
	Permill,
};
use verity_primitives::{bond, merkle, ContentHash, DatasetId};

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
	DatasetRegistry::<T>::insert_dataset(
		owner.clone(),
		merkle::root(shards.iter()),
		shards,
		DatasetKind::Curated,
		Vec::new(),
		description::<T>(T::MaxUriLen::get(), T::MaxNameLen::get()),
	)?;
	Ok(id)
}

/// Lists `owners` made-up datasets in the index entry of each shard (ids far above real ones),
/// the oldest of each entry one of `MaxUpstreams` made-up upstreams, so the attribution of the
/// known shards is as wide as a registration accepts.
fn fill_index<T: Config>(shards: &[ContentHash], owners: u32) {
	let upstreams = u64::from(T::MaxUpstreams::get().max(1));
	for (i, s) in shards.iter().enumerate() {
		let i = i as u64;
		let base = 2_000_000_000u64.saturating_add(i.saturating_mul(u64::from(owners)));
		let oldest = 1_000_000_000u64.saturating_add(i.checked_rem(upstreams).unwrap_or(0));
		let list: Vec<DatasetId> = core::iter::once(oldest)
			.chain((1..u64::from(owners)).map(|j| base.saturating_add(j)))
			.collect();
		ShardOwners::<T>::insert(s, BoundedVec::truncate_from(list));
	}
}

/// The salt every benchmark commitment uses.
fn salt() -> H256 {
	H256::repeat_byte(7)
}

/// Moves to the next block.
fn next_block<T: Config>() {
	let now = frame_system::Pallet::<T>::block_number();
	frame_system::Pallet::<T>::set_block_number(now.saturating_add(1u32.into()));
}

/// Bonds `count` verifiers with the minimum bond.
fn bond_verifiers<T: Config>(count: u32) -> Result<Vec<T::AccountId>, BenchmarkError> {
	(0..count)
		.map(|i| {
			let verifier = funded::<T>("verifier", i);
			DatasetRegistry::<T>::do_bond_verifier(verifier.clone(), T::MinVerifierBond::get())?;
			Ok(verifier)
		})
		.collect()
}

/// Requests verification of `id` and draws its seats; returns the drawn verifiers.
fn drawn<T: Config>(
	owner: &T::AccountId,
	id: DatasetId,
) -> Result<Vec<T::AccountId>, BenchmarkError> {
	DatasetRegistry::<T>::do_request_verification(owner.clone(), id)?;
	next_block::<T>();
	DatasetRegistry::<T>::draw_queued();
	let round = Rounds::<T>::get(id).ok_or(BenchmarkError::Stop("no round"))?;
	if round.seats.len() < T::VerificationQuorum::get() as usize {
		return Err(BenchmarkError::Stop("too few verifiers drawn"));
	}
	Ok(round.seats.into_iter().map(|s| s.verifier).collect())
}

/// A dataset of one shard with a drawn round (every seat is released when it leaves the draw),
/// and its owner.
fn owned_and_drawn<T: Config>() -> Result<(T::AccountId, DatasetId), BenchmarkError> {
	let owner = funded::<T>("owner", 0);
	let id = seed::<T>(&owner, 0, 1)?;
	bond_verifiers::<T>(T::VerificationQuorum::get())?;
	drawn::<T>(&owner, id)?;
	Ok((owner, id))
}

/// A vote that passes or fails.
fn vote(pass: bool) -> Vote {
	Vote { pass, score: Permill::from_percent(50), report: H256::repeat_byte(3) }
}

/// `who` commits to `vote` on `id`.
fn commit<T: Config>(who: &T::AccountId, id: DatasetId, v: &Vote) -> Result<(), BenchmarkError> {
	let hash = DatasetRegistry::<T>::vote_commitment(id, who, v, &salt());
	DatasetRegistry::<T>::do_commit_vote(who.clone(), id, hash)?;
	Ok(())
}

/// `c` funded contributors, numbered from `first`, with shares summing to 100%.
fn contributors_from<T: Config>(first: u32, c: u32) -> Vec<(T::AccountId, Permill)> {
	let share = Permill::from_parts(1_000_000u32.checked_div(c).unwrap_or(0));
	let mut list: Vec<(T::AccountId, Permill)> =
		(0..c).map(|i| (funded::<T>("contributor", first.saturating_add(i)), share)).collect();
	let given: u32 = list.iter().map(|(_, p)| p.deconstruct()).sum();
	if let Some((_, last)) = list.last_mut() {
		*last = Permill::from_parts(
			last.deconstruct().saturating_add(1_000_000u32.saturating_sub(given)),
		);
	}
	list
}

/// `c` funded contributors with shares summing to 100%.
fn contributors<T: Config>(c: u32) -> Vec<(T::AccountId, Permill)> {
	contributors_from::<T>(0, c)
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
		let hash = DatasetRegistry::<T>::registration_commitment(&root, &caller, &shards, &salt());
		DatasetRegistry::<T>::do_commit_registration(caller.clone(), hash)?;
		next_block::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), root, shards, kind, parents, description::<T>(u, n), salt());

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
		let (caller, id) = owned_and_drawn::<T>()?;

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);

		assert_eq!(Datasets::<T>::get(id).map(|r| r.retired), Some(true));
		assert!(!Rounds::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn revoke() -> Result<(), BenchmarkError> {
		let (caller, id) = owned_and_drawn::<T>()?;
		let reason = ContentHash::repeat_byte(7);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id, reason);

		assert_eq!(Datasets::<T>::get(id).and_then(|r| r.revoked), Some(reason));
		assert!(!Rounds::<T>::contains_key(id));
		Ok(())
	}

	/// `n` steps down a line of `n` datasets each derived from the one before, from a revoked
	/// root: each step taints one, tells lineage and queues it for its own derived dataset.
	#[benchmark]
	fn continue_taint(n: Linear<1, { T::MaxTaintFanout::get() }>) -> Result<(), BenchmarkError> {
		let caller = funded::<T>("owner", 0);
		let root = seed::<T>(&caller, 0, 1)?;
		let mut last = root;
		for i in 0..n {
			let shards = vec![shard(1_000u32.saturating_add(i), 0)];
			let id = NextDatasetId::<T>::get();
			DatasetRegistry::<T>::insert_dataset(
				caller.clone(),
				merkle::root(shards.iter()),
				shards,
				DatasetKind::Curated,
				vec![last],
				description::<T>(1, 1),
			)?;
			last = id;
		}
		Datasets::<T>::mutate(root, |r| {
			if let Some(r) = r {
				r.revoked = Some(ContentHash::repeat_byte(7));
			}
		});
		crate::TaintQueue::<T>::insert(root, crate::TaintWalk { by: root, after: None });

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), n);

		assert_eq!(Datasets::<T>::get(last).and_then(|r| r.tainted_by), Some(root));
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
		DatasetRegistry::<T>::insert_dataset(
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
		bond_verifiers::<T>(T::VerificationQuorum::get())?;
		drawn::<T>(&caller, id)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);

		assert!(!Datasets::<T>::contains_key(id));
		Ok(())
	}

	/// A newcomer to a full verifier set: it reads every verifier to evict the smallest.
	#[benchmark]
	fn bond_verifier() -> Result<(), BenchmarkError> {
		let full = bond_verifiers::<T>(T::MaxVerifiers::get())?;
		let caller = funded::<T>("newcomer", 0);
		let amount = T::MinVerifierBond::get().saturating_add(1u32.into());

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), amount);

		assert!(Verifiers::<T>::contains_key(&caller));
		assert_eq!(full.iter().filter(|v| !Verifiers::<T>::contains_key(*v)).count(), 1);
		Ok(())
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

	/// The royalty path as the paying pallet runs it: the payees, each paid out of the payer's
	/// hold, then the use counted. `c` contributors of the dataset, `u` upstream datasets each
	/// with the most contributors.
	#[benchmark]
	fn record_usage(
		c: Linear<0, { T::MaxContributors::get() }>,
		u: Linear<0, { T::MaxUpstreams::get() }>,
	) -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner", 0);
		let most = T::MaxContributors::get();
		let mut shards = Vec::new();
		for i in 0..u {
			let up = seed::<T>(&owner, 200u32.saturating_add(i), 1)?;
			// Contributors of their own, after the dataset's: every payee is distinct.
			let list = contributors_from::<T>(most.saturating_mul(i.saturating_add(1)), most);
			DatasetRegistry::<T>::do_set_royalties(owner.clone(), up, Permill::one(), list)?;
			shards.push(shard(200u32.saturating_add(i), 0));
		}
		shards.push(shard(0, 0));
		let id = NextDatasetId::<T>::get();
		DatasetRegistry::<T>::insert_dataset(
			owner.clone(),
			merkle::root(shards.iter()),
			shards,
			DatasetKind::Curated,
			Vec::new(),
			description::<T>(0, 0),
		)?;
		DatasetRegistry::<T>::do_set_royalties(
			owner,
			id,
			Permill::from_percent(50),
			contributors::<T>(c),
		)?;
		let payer = funded::<T>("payer", 0);
		let amount =
			T::Currency::minimum_balance().saturating_mul(1_000u32.into()).max(1_000_000u32.into());
		let reason: T::RuntimeHoldReason = HoldReason::RegistrationCommit.into();
		T::Currency::hold(&reason, &payer, amount)?;
		let (payees, paid);

		#[block]
		{
			payees = DatasetRegistry::<T>::payees(id, amount, Permill::one())?.0;
			paid = bond::pay_all::<T::Currency, _>(&reason, &payer, payees.clone());
			DatasetRegistry::<T>::do_note_usage(id, &payer, amount, paid);
		}

		assert!(!Usage::<T>::get(id).royalties.is_zero());
		// Every payee was paid: the lookup's weight covers its transfers.
		let owed = payees.iter().fold(BalanceOf::<T>::zero(), |a, (_, v)| a.saturating_add(*v));
		assert!(!owed.is_zero() && paid == owed);
		Ok(())
	}

	#[benchmark]
	fn commit_registration() {
		let caller = funded::<T>("owner", 0);
		let hash = H256::repeat_byte(1);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), hash);

		assert!(RegistrationCommits::<T>::contains_key(&caller, hash));
	}

	#[benchmark]
	fn clear_registration_commit() -> Result<(), BenchmarkError> {
		let maker = funded::<T>("owner", 0);
		let caller = funded::<T>("cleaner", 0);
		let hash = H256::repeat_byte(1);
		DatasetRegistry::<T>::do_commit_registration(maker.clone(), hash)?;
		let now = frame_system::Pallet::<T>::block_number();
		frame_system::Pallet::<T>::set_block_number(
			now.saturating_add(T::RegistrationCommitExpiry::get()).saturating_add(1u32.into()),
		);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), maker.clone(), hash);

		assert!(!RegistrationCommits::<T>::contains_key(&maker, hash));
		Ok(())
	}

	#[benchmark]
	fn request_verification() -> Result<(), BenchmarkError> {
		let caller = funded::<T>("owner", 0);
		let id = seed::<T>(&caller, 0, 1)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);

		assert!(Rounds::<T>::contains_key(id));
		Ok(())
	}

	/// `on_initialize`'s draw: `d` queued requests, each dataset with the most contributors to
	/// leave out, among `v` bonded verifiers.
	#[benchmark]
	fn draw_verifiers(
		d: Linear<1, { T::MaxDrawsPerBlock::get() }>,
		v: Linear<{ T::VerificationQuorum::get() }, { T::MaxVerifiers::get() }>,
	) -> Result<(), BenchmarkError> {
		bond_verifiers::<T>(v)?;
		let owner = funded::<T>("owner", 0);
		let mut ids = Vec::new();
		for i in 0..d {
			let id = seed::<T>(&owner, 300u32.saturating_add(i), 1)?;
			DatasetRegistry::<T>::do_set_royalties(
				owner.clone(),
				id,
				Permill::from_percent(10),
				contributors::<T>(T::MaxContributors::get()),
			)?;
			DatasetRegistry::<T>::do_request_verification(owner.clone(), id)?;
			ids.push(id);
		}
		next_block::<T>();

		#[block]
		{
			DatasetRegistry::<T>::draw_queued();
		}

		for id in ids {
			assert!(Rounds::<T>::get(id).is_some_and(|r| r.drawn_at.is_some()));
		}
		Ok(())
	}

	#[benchmark]
	fn commit_vote() -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner", 0);
		let id = seed::<T>(&owner, 0, 1)?;
		bond_verifiers::<T>(T::VerificationQuorum::get())?;
		let seats = drawn::<T>(&owner, id)?;
		let caller = seats.last().cloned().ok_or(BenchmarkError::Stop("no seat"))?;
		let hash = DatasetRegistry::<T>::vote_commitment(id, &caller, &vote(true), &salt());

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id, hash);

		Ok(())
	}

	/// The reveal that concludes the round and rejects the dataset: the passes before it are
	/// slashed, as many as a verdict can slash.
	#[benchmark]
	fn reveal_vote() -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner", 0);
		let id = seed::<T>(&owner, 0, 1)?;
		let quorum = T::VerificationQuorum::get();
		bond_verifiers::<T>(quorum)?;
		let seats = drawn::<T>(&owner, id)?;
		let passes = (quorum.saturating_sub(1) / 2) as usize;
		for (i, who) in seats.iter().enumerate() {
			commit::<T>(who, id, &vote(i < passes))?;
		}
		let (caller, before) = seats.split_last().ok_or(BenchmarkError::Stop("no seat"))?;
		for (i, who) in before.iter().enumerate() {
			let v = vote(i < passes);
			DatasetRegistry::<T>::do_reveal_vote(who.clone(), id, v, salt())?;
		}
		let v = vote(false);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), id, v.pass, v.score, v.report, salt());

		assert_eq!(Datasets::<T>::get(id).map(|r| r.status), Some(VerificationStatus::Rejected));
		Ok(())
	}

	/// An expired round where nobody revealed: every seat is slashed as a no-show.
	#[benchmark]
	fn advance_verification() -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner", 0);
		let id = seed::<T>(&owner, 0, 1)?;
		bond_verifiers::<T>(T::VerificationQuorum::get())?;
		drawn::<T>(&owner, id)?;
		let now = frame_system::Pallet::<T>::block_number();
		let (_, reveal_deadline) = DatasetRegistry::<T>::deadlines(now);
		frame_system::Pallet::<T>::set_block_number(reveal_deadline);
		let caller = funded::<T>("anyone", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);

		assert!(!Rounds::<T>::contains_key(id));
		Ok(())
	}

	impl_benchmark_test_suite!(DatasetRegistry, crate::mock::new_bench_ext(), crate::mock::Test);
}
