//! Builds a version's bill of materials from the five pallets' storage.
//!
//! Ids only grow and every parent (version or dataset), prompt set and generator is registered
//! before what names it, so walking each list in id order sees every cause before its effects:
//! one pass grades everything, including taint that reaches a version through a dataset derived
//! from flagged data (which no stored mark records).

use crate::types::*;
use alloc::{
	collections::{BTreeMap, BTreeSet},
	vec::Vec,
};
use frame_support::traits::Get;
use frame_system::pallet_prelude::BlockNumberFor;
use pallet_dataset_registry::{DatasetKind, VerificationStatus};
use pallet_model_lineage::Provenance;
use pallet_reasoning_anchor::Attribution;
use verity_primitives::{DatasetId, JobId, ModelId, ModelVersionId, TaintSource};

/// Most datasets in an answer: the lineage's own (at most `MaxLineageDatasets`) and the
/// parents and prompt sets reached from them.
pub const MAX_DATASETS: usize = 128;
/// Most evaluations in an answer (one per benchmark).
pub const MAX_EVALUATIONS: usize = 32;
/// Most anchors in an answer, and how many index entries are read to choose them.
pub const MAX_ANCHORS: usize = 16;
const ANCHORS_READ: usize = 64;

/// The pallets a bill of materials reads.
pub trait Pallets:
	pallet_model_lineage::Config
	+ pallet_dataset_registry::Config
	+ pallet_compute_staking::Config
	+ pallet_eval_attestation::Config
	+ pallet_reasoning_anchor::Config
{
}

impl<T> Pallets for T where
	T: pallet_model_lineage::Config
		+ pallet_dataset_registry::Config
		+ pallet_compute_staking::Config
		+ pallet_eval_attestation::Config
		+ pallet_reasoning_anchor::Config
{
}

/// The answer of `ProvenanceApi::provenance`.
pub type BillOf<T> = BillOfMaterials<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

/// `version`'s bill of materials, or `None` for an unknown version.
pub fn bill_of_materials<T: Pallets>(version: ModelVersionId) -> Option<BillOf<T>> {
	pallet_model_lineage::Versions::<T>::get(version)?;
	let max_depth = <T as pallet_model_lineage::Config>::MaxLineageDepth::get();
	let max_nodes = <T as pallet_model_lineage::Config>::MaxLineageNodes::get();
	let ancestors = pallet_model_lineage::Pallet::<T>::walk_ancestors(version, max_depth);
	let mut truncated = ancestors.len() >= max_nodes as usize;

	// The asked version first, then ancestors nearest first (the walk's order).
	let order: BTreeMap<ModelVersionId, usize> = core::iter::once(version)
		.chain(ancestors.iter().map(|n| n.version))
		.enumerate()
		.map(|(i, id)| (id, i))
		.collect();
	let (datasets, cut) = datasets::<T>(version);
	truncated |= cut;
	let mut versions = versions::<T>(order.keys(), &datasets);
	truncated |= versions.iter().any(|v| v.parents.iter().any(|p| !order.contains_key(&p.version)));
	let jobs = jobs::<T>(&versions, &datasets);
	versions.sort_by_key(|v| order.get(&v.id).copied().unwrap_or(usize::MAX));
	let datasets: Vec<DatasetNode<_>> = datasets.into_values().map(|(node, _)| node).collect();

	let mut licenses: Vec<Vec<u8>> = Vec::new();
	for license in versions.iter().map(|v| &v.license).chain(datasets.iter().map(|d| &d.license)) {
		if !licenses.contains(license) {
			licenses.push(license.clone());
		}
	}

	// The version node's mark is the stored one or the cause found through its data.
	let tainted_by = versions.first().and_then(|v| v.tainted_by);
	let candidates = versions
		.iter()
		.map(|v| (v.grade, Item::Version(v.id)))
		.chain(datasets.iter().map(|d| (d.grade, Item::Dataset(d.id))))
		.chain(jobs.iter().map(|j| (j.grade, Item::Job(j.id))));
	let (grade, weakest) = weakest_of(candidates, tainted_by);

	Some(BillOfMaterials {
		version,
		grade,
		weakest,
		tainted_by,
		licenses,
		truncated,
		versions,
		datasets,
		jobs,
		evaluations: evaluations::<T>(version),
		anchors: anchors::<T>(version),
	})
}

/// The weakest grade and its item: the taint's cause when tainted, else the first item with the
/// lowest grade (the asked version first, then ancestors, datasets, jobs).
fn weakest_of(
	items: impl Iterator<Item = (Grade, Item)>,
	tainted_by: Option<TaintSource>,
) -> (Grade, Option<Item>) {
	if let Some(cause) = tainted_by {
		let item = match cause {
			TaintSource::Version(v) => Item::Version(v),
			TaintSource::Dataset(d) => Item::Dataset(d),
		};
		return (Grade::Tainted, Some(item));
	}
	let mut weakest: Option<(Grade, Item)> = None;
	for (grade, item) in items {
		if weakest.is_none_or(|(g, _)| grade < g) {
			weakest = Some((grade, item));
		}
	}
	match weakest {
		Some((grade, item)) => (grade, Some(item)),
		None => (Grade::Declared, None),
	}
}

/// Datasets by id with the cause that taints each, if any; and whether the bound cut the set.
type DatasetsFound<A> = BTreeMap<DatasetId, (DatasetNode<A>, Option<TaintSource>)>;

fn datasets<T: Pallets>(version: ModelVersionId) -> (DatasetsFound<T::AccountId>, bool) {
	let mut records = BTreeMap::new();
	let mut queue: Vec<DatasetId> =
		pallet_model_lineage::LineageDatasets::<T>::get(version).into_inner();
	let mut truncated = false;
	while let Some(id) = queue.pop() {
		if records.contains_key(&id) {
			continue;
		}
		if records.len() >= MAX_DATASETS {
			truncated = true;
			break;
		}
		let Some(record) = pallet_dataset_registry::Datasets::<T>::get(id) else { continue };
		queue.extend(record.parents.iter().copied());
		queue.extend(record.kind.prompt_set());
		records.insert(id, record);
	}
	// In id order, every parent and prompt set is graded before the datasets naming it.
	let mut found: DatasetsFound<T::AccountId> = BTreeMap::new();
	for (id, record) in records {
		let upstream = record
			.parents
			.iter()
			.copied()
			.chain(record.kind.prompt_set())
			.find_map(|p| found.get(&p).and_then(|(_, cause)| *cause));
		let generator = match record.kind {
			DatasetKind::Synthetic { generator, .. } => {
				pallet_model_lineage::Versions::<T>::get(generator).and_then(|v| v.flag(generator))
			},
			DatasetKind::Curated => None,
		};
		// Derived from flagged data (stored), or flagged itself, or found upstream here.
		let cause = record
			.tainted_by
			.or(record.is_flagged().then_some(id))
			.map(TaintSource::Dataset)
			.or(upstream)
			.or(generator);
		let grade = match (cause, record.status) {
			(Some(_), _) => Grade::Tainted,
			(None, VerificationStatus::Verified) => Grade::Attested,
			(None, _) => Grade::Declared,
		};
		let node = DatasetNode {
			id,
			owner: record.owner,
			name: record.name.into_inner(),
			root: record.root,
			license: record.license.into_inner(),
			kind: record.kind,
			status: record.status,
			revoked: record.revoked.is_some(),
			tainted_by: record.tainted_by,
			parents: record.parents.into_inner(),
			grade,
		};
		found.insert(id, (node, cause));
	}
	(found, truncated)
}

/// Version nodes, graded in id order so that parents come first.
fn versions<'a, T: Pallets>(
	sorted: impl Iterator<Item = &'a ModelVersionId>,
	datasets: &DatasetsFound<T::AccountId>,
) -> Vec<VersionNode<T::AccountId>> {
	let mut causes: BTreeMap<ModelVersionId, Option<TaintSource>> = BTreeMap::new();
	// Versions of a lineage mostly share a few models: each model's name is read once.
	let mut names: BTreeMap<ModelId, Vec<u8>> = BTreeMap::new();
	let mut out = Vec::new();
	for &id in sorted {
		let Some(v) = pallet_model_lineage::Versions::<T>::get(id) else { continue };
		let cause = v
			.flag(id)
			.or_else(|| v.parents.iter().find_map(|p| causes.get(&p.version).copied().flatten()))
			.or_else(|| v.datasets.iter().find_map(|d| datasets.get(d).and_then(|(_, c)| *c)));
		causes.insert(id, cause);
		let training_job = match v.provenance {
			Provenance::Verified { job } => Some(job),
			Provenance::Declared => None,
		};
		let grade = match (cause, training_job) {
			(Some(_), _) => Grade::Tainted,
			(None, Some(_)) => Grade::Checked,
			(None, None) => Grade::Declared,
		};
		let model_name = names
			.entry(v.model)
			.or_insert_with(|| {
				pallet_model_lineage::Models::<T>::get(v.model)
					.map(|m| m.name.into_inner())
					.unwrap_or_default()
			})
			.clone();
		out.push(VersionNode {
			id,
			model: v.model,
			model_name,
			license: v.license.into_inner(),
			weights_hash: v.weights_hash,
			publisher: v.publisher,
			parents: v.parents.into_inner(),
			datasets: v.datasets.into_inner(),
			training_job,
			status: v.status,
			// The stored mark, or the cause the answer found through derived data.
			tainted_by: v.tainted_by.or(cause),
			grade,
		});
	}
	out
}

/// Receipts of the training jobs behind verified versions and the generation jobs synthetic
/// datasets name (a claim: only a receipt that exists is listed).
fn jobs<T: Pallets>(
	versions: &[VersionNode<T::AccountId>],
	datasets: &DatasetsFound<T::AccountId>,
) -> Vec<JobNode<T::AccountId>> {
	let mut ids: BTreeSet<JobId> = versions.iter().filter_map(|v| v.training_job).collect();
	ids.extend(datasets.values().filter_map(|(d, _)| match d.kind {
		DatasetKind::Synthetic { generation_job, .. } => generation_job,
		DatasetKind::Curated => None,
	}));
	ids.into_iter()
		.filter_map(|id| {
			let receipt = pallet_compute_staking::Pallet::<T>::receipt_of(id)?;
			Some(JobNode { id, receipt, grade: Grade::Checked })
		})
		.collect()
}

fn evaluations<T: Pallets>(version: ModelVersionId) -> Vec<EvaluationNode<BlockNumberFor<T>>> {
	pallet_eval_attestation::Pallet::<T>::scores(version)
		.into_iter()
		.take(MAX_EVALUATIONS)
		.filter_map(|(benchmark, a)| {
			let info = pallet_eval_attestation::Benchmarks::<T>::get(benchmark)?;
			Some(EvaluationNode {
				benchmark,
				name: info.spec.name.into_inner(),
				metric: info.spec.metric.into_inner(),
				score: a.score,
				quorum: info.spec.quorum,
				evaluators: u32::try_from(a.evaluators.len()).unwrap_or(u32::MAX),
				contamination: a.contamination,
				at: a.at,
				grade: Grade::Checked,
			})
		})
		.collect()
}

/// Anyone may anchor a trace naming a usable version, so the list is chosen by grade among a
/// bounded read of the index (in the hashed order of the anchors' places, which no submitter
/// picks: a place is taken by every earlier anchor of the version, each paying a fee).
fn anchors<T: Pallets>(version: ModelVersionId) -> Vec<AnchorNode> {
	let mut list: Vec<AnchorNode> =
		pallet_reasoning_anchor::AnchorsByVersion::<T>::iter_prefix_values(version)
			.take(ANCHORS_READ)
			.filter_map(|id| {
				let a = pallet_reasoning_anchor::Anchors::<T>::get(id)?;
				let grade = match a.attribution {
					Attribution::JobOutput => Grade::Checked,
					Attribution::JobOwner | Attribution::JobProvider => Grade::Attested,
					Attribution::NoJob => Grade::Declared,
				};
				Some(AnchorNode {
					id,
					root: a.root,
					traces: a.traces,
					steps: a.steps,
					job: a.job,
					attribution: a.attribution,
					grade,
				})
			})
			.collect();
	list.sort_by(|a, b| b.grade.cmp(&a.grade).then(a.id.cmp(&b.id)));
	list.truncate(MAX_ANCHORS);
	list
}
