//! The bill of materials as the runtime API returns it.

use alloc::vec::Vec;
use codec::{Decode, Encode};
use pallet_dataset_registry::{DatasetKind, VerificationStatus};
use pallet_eval_attestation::Score;
use pallet_model_lineage::{ParentLink, VersionStatus};
use pallet_reasoning_anchor::Attribution;
use scale_info::TypeInfo;
use sp_runtime::Perbill;
use verity_primitives::{
	traits::ComputeReceipt, AnchorId, BenchmarkId, ContentHash, DatasetId, JobId, ModelId,
	ModelVersionId, TaintSource,
};

/// What backs an item, weakest first: the order is the one `min` uses for the weakest link.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, Encode, Decode, TypeInfo)]
pub enum Grade {
	/// Flagged: revoked, rejected, or built on something that is.
	Tainted,
	/// Only the publisher's word.
	Declared,
	/// Vouched for by parties with something at stake: drawn, bonded verifiers voted on a
	/// dataset; a job's owner or provider vouched for an anchor.
	Attested,
	/// Checked by the chain itself: a training receipt matched the weights, redundant providers
	/// agreed on a job's output, a quorum of drawn evaluators agreed on a score, a trace root is
	/// a job's accepted output.
	Checked,
}

/// One item of the answer, by kind and id.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub enum Item {
	/// A model version.
	Version(ModelVersionId),
	/// A dataset.
	Dataset(DatasetId),
	/// A compute job (its receipt).
	Job(JobId),
	/// The version's evaluation on a benchmark.
	Evaluation(BenchmarkId),
	/// A reasoning anchor.
	Anchor(AnchorId),
}

/// A model version of the lineage.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct VersionNode<AccountId> {
	/// The version.
	pub id: ModelVersionId,
	/// Its model.
	pub model: ModelId,
	/// The model's name.
	pub model_name: Vec<u8>,
	/// The weights' SPDX license.
	pub license: Vec<u8>,
	/// Content hash of the weights.
	pub weights_hash: ContentHash,
	/// Who published it.
	pub publisher: AccountId,
	/// Parent edges with their relations.
	pub parents: Vec<ParentLink>,
	/// Its own training datasets.
	pub datasets: Vec<DatasetId>,
	/// The training job whose receipt matched the weights, if any.
	pub training_job: Option<JobId>,
	/// Active, deprecated or revoked.
	pub status: VersionStatus,
	/// What taints it, as stored.
	pub tainted_by: Option<TaintSource>,
	/// What backs it.
	pub grade: Grade,
}

/// A dataset of the lineage (a training dataset, or a parent or prompt set of one).
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct DatasetNode<AccountId> {
	/// The dataset.
	pub id: DatasetId,
	/// Its owner.
	pub owner: AccountId,
	/// Its name.
	pub name: Vec<u8>,
	/// Merkle root of its shards.
	pub root: ContentHash,
	/// Its SPDX license.
	pub license: Vec<u8>,
	/// Curated, or synthetic with generator, generation job and prompt set.
	pub kind: DatasetKind,
	/// The verifiers' verdict so far.
	pub status: VerificationStatus,
	/// Revoked for cause.
	pub revoked: bool,
	/// The flagged dataset it derives from, as stored.
	pub tainted_by: Option<DatasetId>,
	/// Datasets it derives from.
	pub parents: Vec<DatasetId>,
	/// What backs it.
	pub grade: Grade,
}

/// A completed job's receipt that backs part of the lineage.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct JobNode<AccountId> {
	/// The job.
	pub id: JobId,
	/// Its receipt: kind, owner, accepted providers, model version, datasets, input and output.
	pub receipt: ComputeReceipt<AccountId>,
	/// What backs it.
	pub grade: Grade,
}

/// The version's latest attested score on one benchmark.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct EvaluationNode<BlockNumber> {
	/// The benchmark.
	pub benchmark: BenchmarkId,
	/// Its name.
	pub name: Vec<u8>,
	/// Its metric.
	pub metric: Vec<u8>,
	/// The attested score (parts per million).
	pub score: Score,
	/// Seats the benchmark's requests draw.
	pub quorum: u32,
	/// Evaluators whose revealed scores were in band.
	pub evaluators: u32,
	/// The attested contamination estimate, if the harness gives one.
	pub contamination: Option<Perbill>,
	/// Block of the attestation.
	pub at: BlockNumber,
	/// What backs it.
	pub grade: Grade,
}

/// A reasoning anchor that names the version.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct AnchorNode {
	/// The anchor.
	pub id: AnchorId,
	/// The anchored Merkle root.
	pub root: ContentHash,
	/// Traces under it.
	pub traces: u32,
	/// Steps under it.
	pub steps: u64,
	/// The job it names, if any.
	pub job: Option<JobId>,
	/// How the chain checked its link to the job.
	pub attribution: Attribution,
	/// What backs it.
	pub grade: Grade,
}

/// A model version's bill of materials.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct BillOfMaterials<AccountId, BlockNumber> {
	/// The version asked about.
	pub version: ModelVersionId,
	/// The weakest grade among the lineage's versions, datasets and jobs.
	pub grade: Grade,
	/// The item with that grade (the cause, when tainted).
	pub weakest: Option<Item>,
	/// What taints the version, if anything (its stored taint, or a flagged dataset the answer
	/// found upstream of its data).
	pub tainted_by: Option<TaintSource>,
	/// Every distinct license in the lineage (versions and datasets).
	pub licenses: Vec<Vec<u8>>,
	/// Whether a bound cut the answer short.
	pub truncated: bool,
	/// The version first, then its ancestors, nearest first.
	pub versions: Vec<VersionNode<AccountId>>,
	/// Datasets of the whole lineage, with their parents and prompt sets.
	pub datasets: Vec<DatasetNode<AccountId>>,
	/// Receipts of the jobs that trained lineage versions or generated lineage datasets.
	pub jobs: Vec<JobNode<AccountId>>,
	/// The version's attested scores.
	pub evaluations: Vec<EvaluationNode<BlockNumber>>,
	/// Anchors naming the version, best graded first.
	pub anchors: Vec<AnchorNode>,
}
