//! Stand-ins for the glue traits, for pallet unit tests: a test fills them with the facts the
//! other pallet would hold. State is per thread, so tests running in parallel do not meet.
//! Compiled with `std` only; no runtime uses them.

use crate::{
	ids::{ContentHash, DatasetId, JobId, ModelVersionId, TaintSource},
	traits::{
		ComputeReceipt, ComputeReceipts, DatasetInspect, DatasetUsage, LineageInspect, ModelUsage,
		RoyaltyPayees,
	},
};
use sp_runtime::{traits::AtLeast32BitUnsigned, DispatchError, Permill};
use std::{
	cell::RefCell,
	collections::{BTreeMap, BTreeSet},
};

#[derive(Clone, Default)]
struct FakeDataset {
	usable: bool,
	shards: Vec<ContentHash>,
	royalty: Option<(u64, Permill)>,
	license: Option<Vec<u8>>,
	flagged: bool,
}

#[derive(Clone, Default)]
struct FakeVersion {
	usable: bool,
	parents: Vec<ModelVersionId>,
	datasets: Vec<DatasetId>,
	royalty: Option<(u64, Permill)>,
	taint: Option<TaintSource>,
}

thread_local! {
	static DATASETS: RefCell<BTreeMap<DatasetId, FakeDataset>> = const { RefCell::new(BTreeMap::new()) };
	static PINS: RefCell<BTreeMap<DatasetId, u32>> = const { RefCell::new(BTreeMap::new()) };
	static DATASET_USES: RefCell<Vec<(DatasetId, u128)>> = const { RefCell::new(Vec::new()) };
	static VERSIONS: RefCell<BTreeMap<ModelVersionId, FakeVersion>> = const { RefCell::new(BTreeMap::new()) };
	static MODEL_USES: RefCell<Vec<(ModelVersionId, u128)>> = const { RefCell::new(Vec::new()) };
	static VERSION_OWNERS: RefCell<BTreeMap<ModelVersionId, Vec<u64>>> = const { RefCell::new(BTreeMap::new()) };
	static FLAGGED: RefCell<Vec<(DatasetId, DatasetId)>> = const { RefCell::new(Vec::new()) };
	static RECEIPTS: RefCell<BTreeMap<JobId, ComputeReceipt<u64>>> = const { RefCell::new(BTreeMap::new()) };
}

/// A dataset registry holding what the test put in it.
pub struct Datasets;

impl Datasets {
	/// Registers dataset `id` with its shards; `usable: false` models a retired or unverified one.
	pub fn insert(id: DatasetId, usable: bool, shards: Vec<ContentHash>) {
		DATASETS.with(|d| {
			d.borrow_mut().insert(id, FakeDataset { usable, shards, ..Default::default() })
		});
	}
	/// Gives dataset `id` (which must be inserted) an SPDX license.
	pub fn set_license(id: DatasetId, license: &[u8]) {
		Self::update(id, |x| x.license = Some(license.to_vec()));
	}
	/// Marks dataset `id` rejected or revoked (and so not usable).
	pub fn flag(id: DatasetId) {
		Self::update(id, |x| {
			x.flagged = true;
			x.usable = false;
		});
	}
	fn update(id: DatasetId, f: impl FnOnce(&mut FakeDataset)) {
		DATASETS.with(|d| d.borrow_mut().get_mut(&id).map(f));
	}
	/// Pins held on dataset `id`.
	pub fn pins(id: DatasetId) -> u32 {
		PINS.with(|p| p.borrow().get(&id).copied().unwrap_or(0))
	}
	/// Pays `rate` of every paid use of dataset `id` to `payee` (the dataset must be inserted).
	pub fn set_royalty(id: DatasetId, payee: u64, rate: Permill) {
		DATASETS.with(|d| {
			if let Some(x) = d.borrow_mut().get_mut(&id) {
				x.royalty = Some((payee, rate));
			}
		});
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
	fn license(id: DatasetId) -> Option<Vec<u8>> {
		DATASETS.with(|d| {
			d.borrow().get(&id).map(|x| x.license.clone().unwrap_or_else(|| b"MIT".to_vec()))
		})
	}
	fn is_flagged(id: DatasetId) -> bool {
		DATASETS.with(|d| d.borrow().get(&id).is_some_and(|x| x.flagged))
	}
}

impl crate::traits::DatasetPins for Datasets {
	fn pin(id: DatasetId) -> sp_runtime::DispatchResult {
		if !<Self as DatasetInspect>::exists(id) {
			return Err(DispatchError::Other("unknown dataset"));
		}
		PINS.with(|p| {
			let mut pins = p.borrow_mut();
			let n = pins.entry(id).or_insert(0);
			*n = n.saturating_add(1);
		});
		Ok(())
	}
	fn unpin(id: DatasetId) {
		PINS.with(|p| {
			if let Some(n) = p.borrow_mut().get_mut(&id) {
				*n = n.saturating_sub(1);
			}
		});
	}
}

/// The payee list of a stand-in royalty `(payee, rate)` capped at `cap`.
fn payees<AccountId: From<u64>, Balance: AtLeast32BitUnsigned + Copy>(
	royalty: Option<(u64, Permill)>,
	amount: Balance,
	cap: Permill,
) -> Vec<(AccountId, Balance)> {
	royalty
		.map(|(payee, rate)| (AccountId::from(payee), rate.min(cap).mul_floor(amount)))
		.filter(|(_, value)| !value.is_zero())
		.into_iter()
		.collect()
}

impl<AccountId: From<u64>, Balance: AtLeast32BitUnsigned + Copy + Into<u128>>
	DatasetUsage<AccountId, Balance> for Datasets
{
	fn royalty_rate(id: DatasetId) -> Option<Permill> {
		DATASETS.with(|d| {
			d.borrow()
				.get(&id)
				.filter(|x| x.usable)
				.map(|x| x.royalty.map(|(_, r)| r).unwrap_or_default())
		})
	}
	fn royalty_payees(
		id: DatasetId,
		amount: Balance,
		cap: Permill,
	) -> Result<RoyaltyPayees<AccountId, Balance>, DispatchError> {
		let record = DATASETS.with(|d| d.borrow().get(&id).cloned());
		let record =
			record.filter(|x| x.usable).ok_or(DispatchError::Other("dataset not usable"))?;
		Ok(RoyaltyPayees::unweighed(payees(record.royalty, amount, cap)))
	}
	fn note_usage(id: DatasetId, _: &AccountId, amount: Balance, _: Balance) {
		DATASET_USES.with(|u| u.borrow_mut().push((id, amount.into())));
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
		VERSIONS.with(|v| {
			v.borrow_mut().insert(
				version,
				FakeVersion { usable, parents, datasets, royalty: None, taint: None },
			)
		});
	}
	/// Marks `version` (which must be inserted) tainted by `by`.
	pub fn taint(version: ModelVersionId, by: TaintSource) {
		VERSIONS.with(|v| v.borrow_mut().get_mut(&version).map(|x| x.taint = Some(by)));
	}
	/// Pays `rate` of every paid use of `version` to `payee` (the version must be inserted).
	pub fn set_royalty(version: ModelVersionId, payee: u64, rate: Permill) {
		VERSIONS.with(|v| {
			if let Some(x) = v.borrow_mut().get_mut(&version) {
				x.royalty = Some((payee, rate));
			}
		});
	}
	/// Paid uses reported so far, as (version, amount).
	pub fn uses() -> Vec<(ModelVersionId, u128)> {
		MODEL_USES.with(|u| u.borrow().clone())
	}
	/// Makes `owners` the accounts that control `version` (`VersionOwners`).
	pub fn set_owners(version: ModelVersionId, owners: Vec<u64>) {
		VERSION_OWNERS.with(|o| o.borrow_mut().insert(version, owners));
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
	fn taint(version: ModelVersionId) -> Option<TaintSource> {
		Self::get(version).and_then(|v| v.taint)
	}
}

impl<AccountId: From<u64>, Balance: AtLeast32BitUnsigned + Copy + Into<u128>>
	ModelUsage<AccountId, Balance> for Lineage
{
	fn royalty_rate(version: ModelVersionId) -> Option<Permill> {
		Self::get(version).map(|v| v.royalty.map(|(_, r)| r).unwrap_or_default())
	}
	fn royalty_payees(
		version: ModelVersionId,
		amount: Balance,
		cap: Permill,
	) -> Result<RoyaltyPayees<AccountId, Balance>, DispatchError> {
		let record = Self::get(version).ok_or(DispatchError::Other("unknown version"))?;
		Ok(RoyaltyPayees::unweighed(payees(record.royalty, amount, cap)))
	}
	fn note_usage(version: ModelVersionId, _: &AccountId, amount: Balance, _: Balance) {
		MODEL_USES.with(|u| u.borrow_mut().push((version, amount.into())));
	}
}

impl<AccountId: From<u64>> crate::traits::VersionOwners<AccountId> for Lineage {
	fn owners(version: ModelVersionId) -> Vec<AccountId> {
		VERSION_OWNERS
			.with(|o| o.borrow().get(&version).cloned().unwrap_or_default())
			.into_iter()
			.map(AccountId::from)
			.collect()
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
	PINS.with(|p| p.borrow_mut().clear());
	VERSIONS.with(|v| v.borrow_mut().clear());
	MODEL_USES.with(|u| u.borrow_mut().clear());
	VERSION_OWNERS.with(|o| o.borrow_mut().clear());
	RECEIPTS.with(|r| r.borrow_mut().clear());
	FLAGGED.with(|f| f.borrow_mut().clear());
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
		(<sp_runtime::traits::BlakeTwo256 as sp_runtime::traits::Hash>::hash(&bytes), B::default())
	}
}

/// The off-chain signing a pallet's mock needs for its worker's tests: `$test` signs with keys
/// of type `$public`/`$signature`, and a signed transaction is the mock's `Extrinsic` (its
/// `RuntimeCall` and `Extrinsic` types, in scope where this is used) with no signature check.
#[macro_export]
macro_rules! impl_test_signing {
	($test:ty, $public:ty, $signature:ty) => {
		impl frame_system::offchain::SigningTypes for $test {
			type Public = $public;
			type Signature = $signature;
		}

		impl<C> frame_system::offchain::CreateTransactionBase<C> for $test
		where
			RuntimeCall: From<C>,
		{
			type Extrinsic = Extrinsic;
			type RuntimeCall = RuntimeCall;
		}

		impl<C> frame_system::offchain::CreateSignedTransaction<C> for $test
		where
			RuntimeCall: From<C>,
		{
			fn create_signed_transaction<
				A: frame_system::offchain::AppCrypto<Self::Public, Self::Signature>,
			>(
				call: RuntimeCall,
				_public: $public,
				account: <$test as frame_system::Config>::AccountId,
				_nonce: <$test as frame_system::Config>::Nonce,
			) -> Option<Extrinsic> {
				Some(Extrinsic::new_signed(call, account, (), ()))
			}
		}
	};
}

/// Records the datasets `OnDatasetFlagged` was told of, in order.
pub struct FlaggedDatasets;

impl FlaggedDatasets {
	/// The datasets flagged so far.
	pub fn all() -> Vec<DatasetId> {
		FLAGGED.with(|f| f.borrow().iter().map(|(id, _)| *id).collect())
	}
	/// The datasets flagged so far, each with its cause.
	pub fn with_causes() -> Vec<(DatasetId, DatasetId)> {
		FLAGGED.with(|f| f.borrow().clone())
	}
}

impl crate::traits::OnDatasetFlagged for FlaggedDatasets {
	fn flagged(id: DatasetId, cause: DatasetId) {
		FLAGGED.with(|f| f.borrow_mut().push((id, cause)));
	}
}

/// Checks that every off-chain key starting `prefix` that the operator tools in `files` (paths
/// from the repository root) set is one the worker reads: one of `keys`, or a key of one of the
/// families in `families` (a family is a prefix ending in `::`, e.g. a per-version model name).
/// Keys are read as the longest run of `[a-z_:]` after the prefix. Panics naming the first stray
/// key; returns how many keys it checked.
pub fn assert_operator_keys_known(
	prefix: &str,
	keys: &[&[u8]],
	families: &[&str],
	files: &[&str],
) -> usize {
	let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
	let mut checked = 0usize;
	for file in files {
		let text = std::fs::read_to_string(root.join(file))
			.unwrap_or_else(|e| panic!("{file} cannot be read: {e}"));
		for (at, _) in text.match_indices(prefix) {
			let key: String = text[at..]
				.chars()
				.take_while(|c| c.is_ascii_lowercase() || *c == '_' || *c == ':')
				.collect();
			let known = keys.contains(&key.as_bytes())
				|| families.iter().any(|family| key.starts_with(family));
			assert!(known, "{file} sets `{key}`, which the worker never reads");
			checked = checked.saturating_add(1);
		}
	}
	checked
}
