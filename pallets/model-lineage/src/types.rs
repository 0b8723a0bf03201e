//! Records kept in storage, the input of `publish_version`, and the views the runtime API returns.

use crate::Config;
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	traits::Get, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use scale_info::TypeInfo;
use sp_runtime::Permill;
use verity_primitives::{ContentHash, DatasetId, JobId, ModelId, ModelVersionId, TaintSource};

verity_primitives::currency_types!();

/// The file format of a version's weights artifact.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum ArtifactFormat {
	/// Hugging Face safetensors.
	Safetensors,
	/// llama.cpp GGUF.
	Gguf,
	/// ONNX.
	Onnx,
	/// Anything else; the URI's metadata says what.
	Other,
}

/// How a version was derived from one of its parents.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum Relation {
	/// Further training of the parent on new data for a task.
	FineTune,
	/// A student trained to imitate the parent (the teacher).
	Distill,
	/// One of several models whose weights were combined.
	Merge,
	/// The parent at a lower numeric precision.
	Quantize,
	/// The parent's pretraining continued on more data.
	ContinuedPretrain,
	/// Any other derivation.
	Other,
}

/// One parent edge of a version.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct ParentLink {
	/// The parent version.
	pub version: ModelVersionId,
	/// How the child derives from it.
	pub relation: Relation,
}

/// Whether a version's weights are backed by a compute receipt.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum Provenance {
	/// The publisher's word only.
	Declared,
	/// A completed training job produced exactly these weights from the declared first parent and
	/// datasets.
	Verified {
		/// The training job.
		job: JobId,
	},
}

/// Life-cycle status set by the model's maintainers (deprecate) or owner (revoke).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum VersionStatus {
	/// In use.
	Active,
	/// Discouraged but still usable.
	Deprecated,
	/// Withdrawn for good: no new jobs or evaluations, no new children.
	Revoked,
}

/// A model: the family its versions belong to.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(MaxName, MaxLicense, MaxUri, MaxMaintainers))]
#[codec(mel_bound(AccountId: MaxEncodedLen, Balance: MaxEncodedLen))]
pub struct Model<AccountId, Balance, MaxName, MaxLicense, MaxUri, MaxMaintainers>
where
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	Balance: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxName: Get<u32>,
	MaxLicense: Get<u32>,
	MaxUri: Get<u32>,
	MaxMaintainers: Get<u32>,
{
	/// Who controls the model; its deposit is held from this account.
	pub owner: AccountId,
	/// The account the owner offered the model to, until it accepts.
	pub pending_owner: Option<AccountId>,
	/// The deposit held from `owner` for this record.
	pub deposit: Balance,
	/// Display name.
	pub name: BoundedVec<u8, MaxName>,
	/// SPDX license identifier or expression, e.g. `Apache-2.0`.
	pub license: BoundedVec<u8, MaxLicense>,
	/// Where the model card lives.
	pub metadata_uri: BoundedVec<u8, MaxUri>,
	/// Accounts besides the owner that may publish and deprecate versions.
	pub maintainers: BoundedVec<AccountId, MaxMaintainers>,
	/// How many versions were published under the model.
	pub version_count: u32,
}

/// A published model version: one node of the lineage DAG.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(MaxUri, MaxParents, MaxDatasets, MaxLicense))]
#[codec(mel_bound(AccountId: MaxEncodedLen, Balance: MaxEncodedLen))]
pub struct ModelVersion<AccountId, Balance, MaxUri, MaxParents, MaxDatasets, MaxLicense>
where
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	Balance: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxUri: Get<u32>,
	MaxParents: Get<u32>,
	MaxDatasets: Get<u32>,
	MaxLicense: Get<u32>,
{
	/// The model the version belongs to.
	pub model: ModelId,
	/// Who published it; the version deposit is held from this account.
	pub publisher: AccountId,
	/// The deposit held from `publisher` for this record.
	pub deposit: Balance,
	/// Content hash of the weights artifact; unique across all versions.
	pub weights_hash: ContentHash,
	/// Format of the artifact.
	pub format: ArtifactFormat,
	/// Number of parameters.
	pub parameter_count: u64,
	/// Where the artifact can be fetched.
	pub uri: BoundedVec<u8, MaxUri>,
	/// Parent edges; every parent has a smaller id.
	pub parents: BoundedVec<ParentLink, MaxParents>,
	/// Datasets the version was trained on, without duplicates.
	pub datasets: BoundedVec<DatasetId, MaxDatasets>,
	/// SPDX license expression of the weights; checked against every parent's and training
	/// dataset's license when published.
	pub license: BoundedVec<u8, MaxLicense>,
	/// Declared, or verified by a training job's receipt.
	pub provenance: Provenance,
	/// Active, deprecated or revoked.
	pub status: VersionStatus,
	/// The revoked ancestor, or the rejected or revoked dataset (its own or an ancestor's),
	/// whose flag reached this version first, if any. A taint is a visible mark, not a loss of
	/// usability: new evaluations are refused and royalties stop, but jobs may still run it.
	pub tainted_by: Option<TaintSource>,
	/// Share of each paid use routed to the owners of this version and its ancestors.
	pub royalty: Permill,
}

impl<AccountId, Balance, MaxUri, MaxParents, MaxDatasets, MaxLicense>
	ModelVersion<AccountId, Balance, MaxUri, MaxParents, MaxDatasets, MaxLicense>
where
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	Balance: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxUri: Get<u32>,
	MaxParents: Get<u32>,
	MaxDatasets: Get<u32>,
	MaxLicense: Get<u32>,
{
	/// Revoked itself or below a revoked ancestor: its descendants are (or are being) tainted.
	pub fn is_flagged(&self) -> bool {
		self.is_revoked() || self.tainted_by.is_some()
	}

	/// Revoked by its owner: no new jobs, evaluations or children.
	pub fn is_revoked(&self) -> bool {
		self.status == VersionStatus::Revoked
	}

	/// The royalty rate it earns: none while revoked or tainted.
	pub fn earning_rate(&self) -> Permill {
		if self.is_flagged() {
			Permill::zero()
		} else {
			self.royalty
		}
	}

	/// What flags the version with id `id`: itself when revoked, else its taint.
	pub fn flag(&self, id: ModelVersionId) -> Option<TaintSource> {
		if self.is_revoked() {
			Some(TaintSource::Version(id))
		} else {
			self.tainted_by
		}
	}
}

/// What a maintainer submits to publish a version (see `Pallet::publish_version`).
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct VersionSpec {
	/// Content hash of the weights artifact.
	pub weights_hash: ContentHash,
	/// Format of the artifact.
	pub format: ArtifactFormat,
	/// Number of parameters.
	pub parameter_count: u64,
	/// Where the artifact can be fetched (at most `MaxUriLen` bytes).
	pub uri: Vec<u8>,
	/// Parent edges (at most `MaxParents`); the first one is the base a training job started from.
	pub parents: Vec<ParentLink>,
	/// Training datasets (at most `MaxDatasets`), each registered and usable.
	pub datasets: Vec<DatasetId>,
	/// SPDX license expression of the weights; empty for the model's license.
	pub license: Vec<u8>,
	/// The training job that produced the weights, if it ran on Verity.
	pub training_job: Option<JobId>,
	/// Royalty rate on paid uses.
	pub royalty: Permill,
}

/// A model as the runtime API returns it.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct ModelView<AccountId, Balance> {
	/// The model id.
	pub id: ModelId,
	/// Current owner.
	pub owner: AccountId,
	/// Account offered ownership, until it accepts.
	pub pending_owner: Option<AccountId>,
	/// Deposit held from the owner.
	pub deposit: Balance,
	/// Display name.
	pub name: Vec<u8>,
	/// SPDX license identifier.
	pub license: Vec<u8>,
	/// Model card URI.
	pub metadata_uri: Vec<u8>,
	/// Maintainers besides the owner.
	pub maintainers: Vec<AccountId>,
	/// Versions published under the model.
	pub version_count: u32,
}

/// A version as the runtime API returns it.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct VersionView<AccountId, Balance> {
	/// The version id.
	pub id: ModelVersionId,
	/// The model it belongs to.
	pub model: ModelId,
	/// Owner of the model (receives the version's royalty share).
	pub owner: AccountId,
	/// Who published it.
	pub publisher: AccountId,
	/// Deposit held from the publisher.
	pub deposit: Balance,
	/// Content hash of the weights.
	pub weights_hash: ContentHash,
	/// Artifact format.
	pub format: ArtifactFormat,
	/// Number of parameters.
	pub parameter_count: u64,
	/// Artifact URI.
	pub uri: Vec<u8>,
	/// Parent edges.
	pub parents: Vec<ParentLink>,
	/// Training datasets.
	pub datasets: Vec<DatasetId>,
	/// SPDX license expression of the weights.
	pub license: Vec<u8>,
	/// Declared or verified.
	pub provenance: Provenance,
	/// Active, deprecated or revoked.
	pub status: VersionStatus,
	/// The revoked ancestor or flagged dataset whose flag tainted it, if any.
	pub tainted_by: Option<TaintSource>,
	/// Whether new jobs and evaluations may use it (not revoked; a taint does not count).
	pub usable: bool,
	/// Royalty rate.
	pub royalty: Permill,
}

/// Where the walk that taints the dependents of a flagged version (its children) or dataset
/// (the versions trained on it) stands: the cause and the dependent visited last.
pub type TaintCursor = verity_primitives::walk::Cursor<TaintSource, ModelVersionId>;

/// One version reached by a lineage walk.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct LineageNode {
	/// The version reached.
	pub version: ModelVersionId,
	/// Generations from the queried version (1 = parent or child).
	pub depth: u32,
	/// The relation on the edge the walk first reached it through.
	pub relation: Relation,
	/// The version at the other end of that edge, one generation nearer the queried version.
	pub via: ModelVersionId,
}

/// Ancestors and lineage datasets in one answer.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct LineageView {
	/// Ancestors, nearest first.
	pub ancestors: Vec<LineageNode>,
	/// Datasets of the version's whole lineage (every generation, not only the ancestors
	/// listed), deduplicated and sorted.
	pub datasets: Vec<DatasetId>,
}
