//! Benchmark set-up across pallets: the real dataset registry, model lineage and compute
//! staking create what another pallet's benchmark names (a usable dataset, a model version, a
//! completed job), so each pallet is measured with its glue traits doing their full work.

use alloc::{vec, vec::Vec};
use frame_support::{traits::fungible::Mutate, BoundedVec};
use frame_system::RawOrigin;
use sp_runtime::Permill;
use verity_primitives::{
	merkle, traits::ComputeReceipt, ContentHash, DatasetId, JobId, ModelVersionId,
};

use super::super::{AccountId, Balances, ModelLineage, Runtime, RuntimeOrigin, UNIT};

/// The one helper type every pallet's `BenchmarkHelper` names.
pub struct Helper;

/// A funded account, different for each `seed`.
fn funded(seed: u32) -> AccountId {
	let who: AccountId = frame_benchmarking::account("bench-helper", seed, 0);
	let _ = Balances::mint_into(&who, 1_000_000 * UNIT);
	who
}

fn signed(who: &AccountId) -> RuntimeOrigin {
	RawOrigin::Signed(who.clone()).into()
}

/// Registers a curated dataset of `shards` (or finds it registered); `None` if refused.
fn register(seed: u32, shards: Vec<ContentHash>) -> Option<DatasetId> {
	let root = merkle::root(shards.iter());
	if let Some(id) = pallet_dataset_registry::DatasetByRoot::<Runtime>::get(root) {
		return Some(id);
	}
	// Set-up only: registers without the commit-reveal round trip (no block to wait for).
	pallet_dataset_registry::Pallet::<Runtime>::register_for_benchmarks(
		funded(seed),
		shards,
		pallet_dataset_registry::DatasetDescription {
			name: b"bench".to_vec(),
			uri: b"ipfs://bench".to_vec(),
			license: b"CC-BY-4.0".to_vec(),
			record_count: 16,
			byte_size: 1 << 20,
		},
	)
	.ok()
}

/// `count` shard hashes unique to `tag`.
fn shards(tag: u64, count: u32) -> Vec<ContentHash> {
	(0..count).map(|s| merkle::leaf_hash(tag, &s.to_le_bytes())).collect()
}

/// Registers a curated dataset of 16 shards unique to `i`.
fn register_dataset(i: u32) -> Option<DatasetId> {
	register(i, shards(u64::from(i), 16))
}

/// Publishes a version of a fresh model naming `datasets` and fine-tuned from `parents`.
fn publish(
	datasets: Vec<DatasetId>,
	parents: Vec<ModelVersionId>,
	royalty: Permill,
) -> Option<ModelVersionId> {
	let who = funded(u32::MAX);
	let model = pallet_model_lineage::NextModelId::<Runtime>::get();
	ModelLineage::create_model(signed(&who), b"bench".to_vec(), b"MIT".to_vec(), vec![]).ok()?;
	let version = pallet_model_lineage::NextVersionId::<Runtime>::get();
	ModelLineage::publish_version(
		signed(&who),
		model,
		pallet_model_lineage::VersionSpec {
			weights_hash: merkle::leaf_hash(model, b"bench-weights"),
			format: pallet_model_lineage::ArtifactFormat::Safetensors,
			parameter_count: 1,
			uri: vec![],
			parents: parents
				.into_iter()
				.map(|version| pallet_model_lineage::ParentLink {
					version,
					relation: pallet_model_lineage::Relation::FineTune,
				})
				.collect(),
			datasets,
			license: vec![],
			training_job: None,
			royalty,
		},
	)
	.ok()?;
	Some(version)
}

/// A version with a royalty, so paid uses walk the royalty path.
fn publish_version() -> Option<ModelVersionId> {
	publish(vec![], vec![], Permill::from_percent(5))
}

/// Records `receipt` as a completed job, as compute staking does on completion.
fn complete_job(receipt: ComputeReceipt<AccountId>) -> Option<JobId> {
	let id = pallet_compute_staking::NextJobId::<Runtime>::get();
	pallet_compute_staking::NextJobId::<Runtime>::put(id.checked_add(1)?);
	let max_datasets = <Runtime as pallet_compute_staking::Config>::MaxDatasets::get();
	let max_providers = <Runtime as pallet_compute_staking::Config>::MaxRedundancy::get();
	if receipt.datasets.len() > max_datasets as usize
		|| receipt.providers.len() > max_providers as usize
	{
		return None;
	}
	pallet_compute_staking::Receipts::<Runtime>::insert(
		id,
		pallet_compute_staking::Receipt::<Runtime> {
			owner: receipt.owner,
			kind: receipt.kind,
			providers: BoundedVec::truncate_from(receipt.providers),
			model_version: receipt.model_version,
			datasets: BoundedVec::truncate_from(receipt.datasets),
			input_hash: receipt.input_hash,
			output_hash: receipt.output_hash,
			completed_at: frame_system::Pallet::<Runtime>::block_number(),
		},
	);
	Some(id)
}

impl pallet_dataset_registry::BenchmarkHelper for Helper {
	fn generator() -> Option<ModelVersionId> {
		publish_version()
	}
}

impl pallet_model_lineage::BenchmarkHelper<AccountId> for Helper {
	fn dataset(i: u32) -> Option<DatasetId> {
		register_dataset(i)
	}
	fn completed_job(receipt: ComputeReceipt<AccountId>) -> Option<JobId> {
		complete_job(receipt)
	}
}

impl pallet_reasoning_anchor::BenchmarkHelper<AccountId> for Helper {
	fn usable_model_version() -> Option<ModelVersionId> {
		publish_version()
	}
	fn fee_account() -> Option<AccountId> {
		Some(crate::configs::TreasuryAccount::get())
	}
	/// A job of another owner with `MaxRedundancy` providers, `provider` the last, so the
	/// anchor's attribution check scans them all.
	fn completed_job(model_version: Option<ModelVersionId>, provider: &AccountId) -> Option<JobId> {
		let max_providers = <Runtime as pallet_compute_staking::Config>::MaxRedundancy::get();
		let mut providers: Vec<AccountId> = (1..max_providers)
			.map(|i| frame_benchmarking::account("bench-provider", i, 0))
			.collect();
		providers.push(provider.clone());
		complete_job(ComputeReceipt {
			owner: funded(0),
			kind: pallet_compute_staking::JobKind::Inference,
			providers,
			model_version,
			datasets: vec![],
			input_hash: merkle::leaf_hash(0, b"bench-input"),
			output_hash: merkle::leaf_hash(0, b"bench-output"),
		})
	}
}

impl pallet_compute_staking::BenchmarkHelper<AccountId> for Helper {
	/// A dataset paying a royalty to its owner: the royalty lookups' base size (no contributors,
	/// no upstreams) pays one payee, so the `settle` benchmark pays it too, and a settlement is
	/// charged only the payees above it.
	fn dataset(i: u32) -> Option<DatasetId> {
		let id = register_dataset(i)?;
		let owner: AccountId = frame_benchmarking::account("bench-helper", i, 0);
		pallet_dataset_registry::Pallet::<Runtime>::set_royalties(
			signed(&owner),
			id,
			Permill::from_percent(10),
			vec![],
		)
		.ok()?;
		Some(id)
	}
	fn model_version() -> Option<ModelVersionId> {
		publish_version()
	}
	/// The treasury: every signed extrinsic's transaction fee already credits it.
	fn fee_account() -> Option<AccountId> {
		Some(crate::configs::TreasuryAccount::get())
	}
}

/// Shards of each lineage dataset in eval attestation's benchmarks: the registry's `MaxShards`,
/// so every overlap check reads the largest shard list.
const LINEAGE_SHARDS: u32 = 1024;
/// Datasets a model version may name (model lineage's `MaxDatasets`).
const DATASETS_PER_VERSION: usize = 16;

impl pallet_eval_attestation::BenchmarkHelper for Helper {
	fn test_set(shards: Vec<ContentHash>) -> Option<DatasetId> {
		register(u32::MAX.saturating_sub(1), shards)
	}

	/// `datasets` datasets of `LINEAGE_SHARDS` unique shards each, named by parent versions (16
	/// per parent) of the returned version.
	fn model_version(datasets: u32) -> Option<ModelVersionId> {
		let ids: Vec<DatasetId> = (0..datasets)
			.map(|i| register(i, shards(u64::from(i).saturating_add(1 << 32), LINEAGE_SHARDS)))
			.collect::<Option<_>>()?;
		if ids.len() <= DATASETS_PER_VERSION {
			return publish(ids, vec![], Permill::zero());
		}
		let parents = ids
			.chunks(DATASETS_PER_VERSION)
			.map(|chunk| publish(chunk.to_vec(), vec![], Permill::zero()))
			.collect::<Option<Vec<_>>>()?;
		publish(vec![], parents, Permill::zero())
	}
}
