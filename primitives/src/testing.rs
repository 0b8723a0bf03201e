//! Stand-ins for the glue traits, for pallet unit tests: a test fills them with the facts the
//! other pallet would hold. State is per thread, so tests running in parallel do not meet.
//! Compiled with `std` only; no runtime uses them.

use crate::{
	ids::{ContentHash, DatasetId, JobId, ModelVersionId},
	traits::{
		ComputeReceipt, ComputeReceipts, DatasetInspect, DatasetUsage, LineageInspect, ModelUsage,
	},
};
use sp_runtime::DispatchError;
use std::{
	cell::RefCell,
	collections::{BTreeMap, BTreeSet},
};

#[derive(Clone, Default)]
struct FakeDataset {
	usable: bool,
	shards: Vec<ContentHash>,
}

#[derive(Clone, Default)]
struct FakeVersion {
	usable: bool,
	parents: Vec<ModelVersionId>,
	datasets: Vec<DatasetId>,
}

thread_local! {
	static DATASETS: RefCell<BTreeMap<DatasetId, FakeDataset>> = const { RefCell::new(BTreeMap::new()) };
	static DATASET_USES: RefCell<Vec<(DatasetId, u128)>> = const { RefCell::new(Vec::new()) };
	static VERSIONS: RefCell<BTreeMap<ModelVersionId, FakeVersion>> = const { RefCell::new(BTreeMap::new()) };
	static MODEL_USES: RefCell<Vec<(ModelVersionId, u128)>> = const { RefCell::new(Vec::new()) };
	static RECEIPTS: RefCell<BTreeMap<JobId, ComputeReceipt<u64>>> = const { RefCell::new(BTreeMap::new()) };
}

/// A dataset registry holding what the test put in it.
pub struct Datasets;

impl Datasets {
	/// Registers dataset `id` with its shards; `usable: false` models a retired or unverified one.
	pub fn insert(id: DatasetId, usable: bool, shards: Vec<ContentHash>) {
		DATASETS.with(|d| d.borrow_mut().insert(id, FakeDataset { usable, shards }));
	}
	/// Paid uses reported so far, as (dataset, amount).
	pub fn uses() -> Vec<(DatasetId, u128)> {
		DATASET_USES.with(|u| u.borrow().clone())
	}
}

impl DatasetInspect for Datasets {
	fn exists(id: DatasetId) -> bool {
		DATASETS.with(|d| d.borrow().contains_key(&id))
	}
	fn is_usable(id: DatasetId) -> bool {
		DATASETS.with(|d| d.borrow().get(&id).is_some_and(|x| x.usable))
	}
	fn shards(id: DatasetId) -> Vec<ContentHash> {
		DATASETS.with(|d| d.borrow().get(&id).map(|x| x.shards.clone()).unwrap_or_default())
	}
	fn overlap(a: DatasetId, b: DatasetId) -> u32 {
		let a: BTreeSet<_> = Self::shards(a).into_iter().collect();
		Self::shards(b).iter().filter(|s| a.contains(s)).count() as u32
	}
}

impl<AccountId, Balance: Into<u128> + Default> DatasetUsage<AccountId, Balance> for Datasets {
	fn record_usage(
		id: DatasetId,
		_: &AccountId,
		amount: Balance,
	) -> Result<Balance, DispatchError> {
		DATASET_USES.with(|u| u.borrow_mut().push((id, amount.into())));
		Ok(Balance::default())
	}
}

/// A model-lineage registry holding what the test put in it.
pub struct Lineage;

impl Lineage {
	/// Registers `version` with its parents and training datasets.
	pub fn insert(
		version: ModelVersionId,
		usable: bool,
		parents: Vec<ModelVersionId>,
		datasets: Vec<DatasetId>,
	) {
		VERSIONS
			.with(|v| v.borrow_mut().insert(version, FakeVersion { usable, parents, datasets }));
	}
	/// Paid uses reported so far, as (version, amount).
	pub fn uses() -> Vec<(ModelVersionId, u128)> {
		MODEL_USES.with(|u| u.borrow().clone())
	}
	fn get(version: ModelVersionId) -> Option<FakeVersion> {
		VERSIONS.with(|v| v.borrow().get(&version).cloned())
	}
}

impl LineageInspect for Lineage {
	fn exists(version: ModelVersionId) -> bool {
		Self::get(version).is_some()
	}
	fn is_usable(version: ModelVersionId) -> bool {
		Self::get(version).is_some_and(|v| v.usable)
	}
	fn ancestors(version: ModelVersionId, max_depth: u32) -> Vec<ModelVersionId> {
		let mut seen = BTreeSet::new();
		let mut out = Vec::new();
		let mut frontier = vec![version];
		for _ in 0..max_depth {
			let next: Vec<_> = frontier
				.iter()
				.flat_map(|v| Self::get(*v).map(|x| x.parents).unwrap_or_default())
				.filter(|p| seen.insert(*p))
				.collect();
			out.extend(next.iter().copied());
			frontier = next;
		}
		out
	}
	fn lineage_datasets(version: ModelVersionId) -> Vec<DatasetId> {
		let mut all: BTreeSet<DatasetId> = BTreeSet::new();
		for v in core::iter::once(version).chain(Self::ancestors(version, 64)) {
			all.extend(Self::get(v).map(|x| x.datasets).unwrap_or_default());
		}
		all.into_iter().collect()
	}
}

impl<AccountId, Balance: Into<u128> + Default> ModelUsage<AccountId, Balance> for Lineage {
	fn record_usage(
		version: ModelVersionId,
		_: &AccountId,
		amount: Balance,
	) -> Result<Balance, DispatchError> {
		MODEL_USES.with(|u| u.borrow_mut().push((version, amount.into())));
		Ok(Balance::default())
	}
}

/// A compute-staking pallet whose completed jobs are the receipts the test put in it.
pub struct Compute;

impl Compute {
	/// Records `job` as completed with `receipt`.
	pub fn insert(job: JobId, receipt: ComputeReceipt<u64>) {
		RECEIPTS.with(|r| r.borrow_mut().insert(job, receipt));
	}
}

impl ComputeReceipts<u64> for Compute {
	fn receipt(job: JobId) -> Option<ComputeReceipt<u64>> {
		RECEIPTS.with(|r| r.borrow().get(&job).cloned())
	}
}

/// Empties every stand-in (each test starts from nothing).
pub fn reset() {
	DATASETS.with(|d| d.borrow_mut().clear());
	DATASET_USES.with(|u| u.borrow_mut().clear());
	VERSIONS.with(|v| v.borrow_mut().clear());
	MODEL_USES.with(|u| u.borrow_mut().clear());
	RECEIPTS.with(|r| r.borrow_mut().clear());
	RANDOM_SALT.with(|s| *s.borrow_mut() = 0);
}

thread_local! {
	static RANDOM_SALT: RefCell<u64> = const { RefCell::new(0) };
}

/// Randomness for tests: `blake2_256(subject ‖ salt)`, where a test may change the salt
/// (`TestRandomness::set`) to see another draw. Block number 0 is reported as its age.
pub struct TestRandomness;

impl TestRandomness {
	/// Changes every later answer.
	pub fn set(salt: u64) {
		RANDOM_SALT.with(|s| *s.borrow_mut() = salt);
	}
}

impl<B: Default> frame_support::traits::Randomness<sp_core::H256, B> for TestRandomness {
	fn random(subject: &[u8]) -> (sp_core::H256, B) {
		let salt = RANDOM_SALT.with(|s| *s.borrow());
		let mut bytes = subject.to_vec();
		bytes.extend_from_slice(&salt.to_le_bytes());
		(sp_core::H256(sp_core::hashing::blake2_256(&bytes)), B::default())
	}
}
