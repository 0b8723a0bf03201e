//! Benchmarks, each at its worst case: records at their longest, a full maintainer list, parents
//! whose lineage dataset sets are full, a verified training job taking over declared weights,
//! and lineage walks over as many versions as the bounds allow.
//!
//! Walk components count versions, not generations: the cost of a walk is one record read per
//! version reached, and `MaxLineageNodes` caps that count whatever the depth.

use super::*;
use crate::Pallet as Lineage;
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungible::{Inspect, InspectHold, Mutate, MutateHold},
		Get,
	},
	BoundedVec,
};
use frame_system::RawOrigin;
use sp_runtime::{traits::Saturating, Permill};
use verity_primitives::{
	bond,
	traits::{ComputeReceipt, ModelUsage},
	DatasetId, ModelId, ModelVersionId, TaintSource,
};

fn fund<T: Config>(who: &T::AccountId) {
	let deposits = T::ModelDeposit::get().saturating_add(T::VersionDeposit::get());
	let amount =
		deposits.saturating_add(T::Currency::minimum_balance()).saturating_mul(1_000_000u32.into());
	T::Currency::set_balance(who, amount);
}

fn bytes<S: Get<u32>>(byte: u8) -> BoundedVec<u8, S> {
	BoundedVec::truncate_from(vec![byte; S::get() as usize])
}

/// A model owned by `owner`, with the longest name, license and URI.
fn new_model<T: Config>(owner: &T::AccountId) -> Result<ModelId, BenchmarkError> {
	fund::<T>(owner);
	let id = NextModelId::<T>::get();
	Lineage::<T>::do_create_model(owner.clone(), bytes(b'n'), bytes(b'L'), bytes(b'u'))?;
	Ok(id)
}

/// Fills the model's maintainer list, leaving `free` places.
fn add_maintainers<T: Config>(model: ModelId, free: u32) -> Vec<T::AccountId> {
	let count = T::MaxMaintainers::get().saturating_sub(free);
	let maintainers: Vec<T::AccountId> = (0..count).map(|i| account("maintainer", i, 0)).collect();
	Models::<T>::mutate(model, |m| {
		if let Some(m) = m {
			m.maintainers = BoundedVec::truncate_from(maintainers.clone());
		}
	});
	maintainers
}

fn spec(seed: u64, parents: Vec<ParentLink>, datasets: Vec<DatasetId>) -> VersionSpec {
	VersionSpec {
		weights_hash: verity_primitives::merkle::leaf_hash(seed, b"bench"),
		format: ArtifactFormat::Safetensors,
		parameter_count: 7_000_000_000,
		uri: vec![],
		parents,
		datasets,
		license: vec![],
		training_job: None,
		royalty: Permill::from_percent(10),
	}
}

/// Publishes through the pallet's own checks; the URI is the longest allowed.
fn publish<T: Config>(
	who: &T::AccountId,
	model: ModelId,
	spec: VersionSpec,
) -> Result<ModelVersionId, BenchmarkError> {
	let id = NextVersionId::<T>::get();
	let spec = VersionSpec { uri: vec![b'u'; T::MaxUriLen::get() as usize], ..spec };
	Lineage::<T>::do_publish_version(who.clone(), model, spec)?;
	Ok(id)
}

fn fine_tune(version: ModelVersionId) -> Vec<ParentLink> {
	vec![ParentLink { version, relation: Relation::FineTune }]
}

/// A version with exactly `count` ancestors within `depth` generations, laid out in layers as
/// wide as `MaxParents` allows. Each ancestor is in its own model (with its own owner when
/// `owners`), and every version names `datasets`. Returns the version at the bottom.
fn version_with_ancestors<T: Config>(
	count: u32,
	depth: u32,
	owners: bool,
	datasets: Vec<DatasetId>,
) -> Result<ModelVersionId, BenchmarkError> {
	let width = T::MaxParents::get();
	// Layer sizes, nearest generation first.
	let mut sizes: Vec<u32> = Vec::new();
	let (mut left, mut previous) = (count, 1u32);
	for _ in 0..depth {
		let size = previous.saturating_mul(width).min(left);
		if size == 0 {
			break;
		}
		sizes.push(size);
		left = left.saturating_sub(size);
		previous = size;
	}
	if left > 0 {
		return Err(BenchmarkError::Stop("MaxParents and depth cannot hold that many ancestors"));
	}
	let shared: T::AccountId = account("owner", 0, 0);
	let mut seed: u64 = 1_000_000;
	let mut owner_index: u32 = 0;
	let mut publish_in_new_model =
		|parents: Vec<ParentLink>| -> Result<ModelVersionId, BenchmarkError> {
			owner_index = owner_index.saturating_add(1);
			seed = seed.saturating_add(1);
			let owner = if owners { account("owner", owner_index, 0) } else { shared.clone() };
			let model = new_model::<T>(&owner)?;
			publish::<T>(&owner, model, spec(seed, parents, datasets.clone()))
		};
	// Publish the farthest generation first: parents must exist before their children.
	let mut below: Vec<ModelVersionId> = Vec::new();
	for size in sizes.iter().rev() {
		let mut layer = Vec::new();
		for i in 0..*size {
			// Version `j` of the previous (farther) layer is a parent of version `j % size`.
			let parents = below
				.iter()
				.enumerate()
				.filter(|(j, _)| (*j as u32).checked_rem(*size) == Some(i))
				.map(|(_, v)| ParentLink { version: *v, relation: Relation::Merge })
				.collect();
			layer.push(publish_in_new_model(parents)?);
		}
		below = layer;
	}
	let parents =
		below.iter().map(|v| ParentLink { version: *v, relation: Relation::Merge }).collect();
	publish_in_new_model(parents)
}

/// `root` and a chain of `n` fine-tunes below it; returns (owner, root, last of the chain).
fn chain<T: Config>(
	n: u32,
) -> Result<(T::AccountId, ModelVersionId, ModelVersionId), BenchmarkError> {
	let owner: T::AccountId = whitelisted_caller();
	let model = new_model::<T>(&owner)?;
	let root = publish::<T>(&owner, model, spec(1, vec![], vec![]))?;
	let mut last = root;
	for i in 0..n {
		last = publish::<T>(
			&owner,
			model,
			spec(u64::from(i).saturating_add(2), fine_tune(last), vec![]),
		)?;
	}
	Ok((owner, root, last))
}

fn helper_dataset<T: Config>(i: u32) -> Option<DatasetId> {
	<T::BenchmarkHelper as BenchmarkHelper<T::AccountId>>::dataset(i)
}

fn flagged<T: Config>(version: ModelVersionId) -> bool {
	Versions::<T>::get(version).is_some_and(|v| v.is_flagged())
}

/// A full lineage dataset set: `own` first, then ids no registry hands out.
fn full_lineage<T: Config>(own: &[DatasetId]) -> BoundedVec<DatasetId, T::MaxLineageDatasets> {
	let mut all: alloc::collections::BTreeSet<DatasetId> = own.iter().copied().collect();
	let mut fake = u64::MAX;
	while all.len() < T::MaxLineageDatasets::get() as usize {
		all.insert(fake);
		fake = fake.saturating_sub(1);
	}
	BoundedVec::truncate_from(all.into_iter().collect())
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_model() -> Result<(), BenchmarkError> {
		let caller: T::AccountId = whitelisted_caller();
		fund::<T>(&caller);
		let id = NextModelId::<T>::get();
		let name = vec![b'n'; T::MaxNameLen::get() as usize];
		let license = vec![b'L'; T::MaxLicenseLen::get() as usize];
		let uri = vec![b'u'; T::MaxUriLen::get() as usize];

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), name, license, uri);

		assert!(Models::<T>::get(id).is_some_and(|m| m.owner == caller));
		Ok(())
	}

	#[benchmark]
	fn destroy_model() -> Result<(), BenchmarkError> {
		let caller: T::AccountId = whitelisted_caller();
		let model = new_model::<T>(&caller)?;
		add_maintainers::<T>(model, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), model);

		assert!(!Models::<T>::contains_key(model));
		Ok(())
	}

	#[benchmark]
	fn add_maintainer() -> Result<(), BenchmarkError> {
		let caller: T::AccountId = whitelisted_caller();
		let model = new_model::<T>(&caller)?;
		add_maintainers::<T>(model, 1);
		let who: T::AccountId = account("new", 0, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), model, who.clone());

		assert!(Models::<T>::get(model).is_some_and(|m| m.maintainers.contains(&who)));
		Ok(())
	}

	#[benchmark]
	fn remove_maintainer() -> Result<(), BenchmarkError> {
		let caller: T::AccountId = whitelisted_caller();
		let model = new_model::<T>(&caller)?;
		let maintainers = add_maintainers::<T>(model, 0);
		let who = maintainers.last().cloned().ok_or("MaxMaintainers is zero")?;

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), model, who.clone());

		assert!(Models::<T>::get(model).is_some_and(|m| !m.maintainers.contains(&who)));
		Ok(())
	}

	#[benchmark]
	fn transfer_ownership() -> Result<(), BenchmarkError> {
		let caller: T::AccountId = whitelisted_caller();
		let model = new_model::<T>(&caller)?;
		add_maintainers::<T>(model, 0);
		let to: T::AccountId = account("new", 0, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), model, Some(to.clone()));

		assert!(Models::<T>::get(model).is_some_and(|m| m.pending_owner == Some(to)));
		Ok(())
	}

	#[benchmark]
	fn accept_ownership() -> Result<(), BenchmarkError> {
		let owner: T::AccountId = account("owner", 0, 0);
		let model = new_model::<T>(&owner)?;
		// The new owner is the last maintainer: the longest scan to drop it from the list.
		let to = add_maintainers::<T>(model, 0).last().cloned().ok_or("MaxMaintainers is zero")?;
		fund::<T>(&to);
		Lineage::<T>::do_transfer_ownership(owner, model, Some(to.clone()))?;

		#[extrinsic_call]
		_(RawOrigin::Signed(to.clone()), model);

		assert!(Models::<T>::get(model).is_some_and(|m| m.owner == to));
		Ok(())
	}

	/// `p` parents, each with a full lineage dataset set (the union read and merged), `d`
	/// datasets to check and pin, and a training job whose receipt is checked against both and
	/// whose weights another version declared first (the takeover path reads it).
	#[benchmark]
	fn publish_version(
		p: Linear<0, { T::MaxParents::get() }>,
		d: Linear<0, { T::MaxDatasets::get() }>,
	) -> Result<(), BenchmarkError> {
		let caller: T::AccountId = whitelisted_caller();
		let model = new_model::<T>(&caller)?;
		let maintainer = add_maintainers::<T>(model, 0).last().cloned().ok_or("no maintainers")?;
		fund::<T>(&maintainer);
		let datasets: Vec<DatasetId> = (0..d).filter_map(helper_dataset::<T>).collect();
		let mut parents = Vec::new();
		for i in 0..p {
			let parent =
				publish::<T>(&caller, model, spec(u64::from(i).saturating_add(1), vec![], vec![]))?;
			LineageDatasets::<T>::insert(parent, full_lineage::<T>(&datasets));
			parents.push(ParentLink { version: parent, relation: Relation::Merge });
		}
		let weights = verity_primitives::merkle::leaf_hash(0, b"bench");
		let job =
			<T::BenchmarkHelper as BenchmarkHelper<T::AccountId>>::completed_job(ComputeReceipt {
				owner: maintainer.clone(),
				kind: verity_primitives::traits::JobKind::Training,
				providers: vec![account("provider", 0, 0)],
				model_version: parents.first().map(|l| l.version),
				// Reversed: the check compares sets.
				datasets: datasets.iter().rev().copied().collect(),
				input_hash: verity_primitives::merkle::leaf_hash(1, b"bench"),
				output_hash: weights,
			});
		if job.is_some() {
			// A squatter declared the trainer's weights first.
			let squatter: T::AccountId = account("squatter", 0, 0);
			let other = new_model::<T>(&squatter)?;
			publish::<T>(&squatter, other, spec(0, vec![], vec![]))?;
		}
		let mut version_spec = spec(0, parents, datasets);
		version_spec.uri = vec![b'u'; T::MaxUriLen::get() as usize];
		version_spec.training_job = job;
		let id = NextVersionId::<T>::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(maintainer), model, version_spec);

		let version = Versions::<T>::get(id).ok_or("not published")?;
		if let Some(job) = job {
			assert_eq!(version.provenance, Provenance::Verified { job });
		}
		assert_eq!(VersionByWeights::<T>::get(weights), Some(id));
		Ok(())
	}

	#[benchmark]
	fn set_royalty() -> Result<(), BenchmarkError> {
		let (caller, root, _) = chain::<T>(0)?;
		let rate = Permill::from_percent(20);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), root, rate);

		assert!(Versions::<T>::get(root).is_some_and(|v| v.royalty == rate));
		Ok(())
	}

	#[benchmark]
	fn deprecate_version() -> Result<(), BenchmarkError> {
		let (_, root, _) = chain::<T>(0)?;
		let model = Versions::<T>::get(root).ok_or("no version")?.model;
		// The last maintainer: the longest membership scan.
		let who = add_maintainers::<T>(model, 0).last().cloned().ok_or("no maintainers")?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who), root);

		assert!(Versions::<T>::get(root).is_some_and(|v| v.status == VersionStatus::Deprecated));
		Ok(())
	}

	/// Revokes a version with a chain of `n` descendants: `n` steps of the walk, each tainting
	/// a version that has children of its own and so enters the queue.
	#[benchmark]
	fn revoke_version(
		n: Linear<0, { T::MaxRevocationFanout::get() }>,
	) -> Result<(), BenchmarkError> {
		let (caller, root, last) = chain::<T>(n)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), root);

		assert!(flagged::<T>(root) && flagged::<T>(last));
		assert!(RevocationQueue::<T>::iter().next().is_none());
		Ok(())
	}

	/// `n` steps of a walk already queued by an earlier revocation.
	#[benchmark]
	fn continue_revocation(
		n: Linear<0, { T::MaxRevocationFanout::get() }>,
	) -> Result<(), BenchmarkError> {
		let (_, root, last) = chain::<T>(n)?;
		Versions::<T>::mutate(root, |v| {
			if let Some(v) = v {
				v.status = VersionStatus::Revoked;
			}
		});
		let node = TaintSource::Version(root);
		RevocationQueue::<T>::insert(node, TaintCursor { by: node, after: None });
		let caller: T::AccountId = account("anyone", 0, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), n);

		assert!(n == 0 || flagged::<T>(last));
		Ok(())
	}

	/// A paid use of a version with `a` ancestors, each with its own owner: the payee list
	/// (`a + 1` payees), each paid out of the payer's hold, and the usage note, as the paying
	/// pallet calls them.
	#[benchmark]
	fn record_usage(
		a: Linear<0, { Lineage::<T>::max_ancestors(T::MaxRoyaltyDepth::get()) }>,
	) -> Result<(), BenchmarkError> {
		let depth = T::MaxRoyaltyDepth::get().min(T::MaxLineageDepth::get());
		let version = version_with_ancestors::<T>(a, depth, true, vec![])?;
		let payer: T::AccountId = account("payer", 0, 0);
		fund::<T>(&payer);
		let amount = T::Currency::minimum_balance().saturating_mul(100_000u32.into());
		let reason: <T::Currency as InspectHold<T::AccountId>>::Reason =
			HoldReason::VersionDeposit.into();
		T::Currency::hold(&reason, &payer, amount)?;
		let (payees, paid);

		#[block]
		{
			payees = <Lineage<T> as ModelUsage<T::AccountId, BalanceOf<T>>>::royalty_payees(
				version,
				amount,
				Permill::one(),
			)?
			.payees;
			paid = bond::pay_all::<T::Currency, _>(&reason, &payer, payees.clone());
			<Lineage<T> as ModelUsage<T::AccountId, BalanceOf<T>>>::note_usage(
				version, &payer, amount, paid,
			);
		}

		assert_eq!(payees.len(), (a as usize).saturating_add(1));
		// Every payee was paid: the lookup's weight covers its transfers.
		let owed =
			payees.iter().fold(BalanceOf::<T>::default(), |sum, (_, v)| sum.saturating_add(*v));
		assert_eq!(paid, owed);
		Ok(())
	}

	/// Ancestors of a version with `a` ancestors, and its lineage datasets at their bound
	/// (`MaxLineageDatasets`, one read).
	#[benchmark]
	fn lineage_view(
		a: Linear<0, { Lineage::<T>::max_ancestors(T::MaxLineageDepth::get()) }>,
	) -> Result<(), BenchmarkError> {
		let datasets: Vec<DatasetId> =
			(0..T::MaxDatasets::get()).filter_map(helper_dataset::<T>).collect();
		let version =
			version_with_ancestors::<T>(a, T::MaxLineageDepth::get(), false, datasets.clone())?;
		LineageDatasets::<T>::insert(version, full_lineage::<T>(&datasets));
		let view;

		#[block]
		{
			view = Lineage::<T>::lineage_view(version, u32::MAX);
		}

		assert_eq!(view.ancestors.len(), a as usize);
		assert_eq!(view.datasets.len(), T::MaxLineageDatasets::get() as usize);
		Ok(())
	}

	impl_benchmark_test_suite!(Lineage, crate::mock::new_bench_ext(), crate::mock::Test);
}
