//! The anchor record and the answers of the verification functions.

use crate::Config;
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use verity_primitives::{
	merkle::{MerkleProof, ProofError},
	ContentHash, JobId, ModelVersionId,
};

verity_primitives::currency_types!();

/// What an anchor's root commits to.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum AnchorKind {
	/// The root is one trace's root over its steps.
	Trace,
	/// The root is a batch root over trace roots.
	Batch,
}

/// Whether the submitter still stands by an anchor.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum AnchorStatus<BlockNumber> {
	/// The anchor holds.
	Active,
	/// The submitter withdrew the anchor at block `at`; the record stays for history.
	Withdrawn {
		/// The block of the withdrawal.
		at: BlockNumber,
	},
}

/// How far the chain vouches for the compute job an anchor names. Fixed when the anchor is made
/// (a job's receipt does not change once it is completed).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum Attribution {
	/// The anchor names no job. A model version it names is the submitter's word: the chain
	/// checked only that the version existed and was usable.
	NoJob,
	/// Checked: the anchored root is the job's accepted output hash, so the compute pallet's
	/// consensus vouches that the job produced it, whoever anchored it. The job ran the model
	/// version the anchor names, if it names one.
	JobOutput,
	/// The root is not the job's output (a batch of its traces, say); the job's owner, who
	/// paid for it, anchored it and vouches for the link. The chain checked the job and its
	/// model version, not the root.
	JobOwner,
	/// As `JobOwner`, vouched by one of the job's accepted providers.
	JobProvider,
}

/// One anchored trace or batch. `Uri` is a bounded byte vector in storage and a plain one in
/// the runtime API's answer; both encode the same.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub struct AnchorRecord<AccountId, BlockNumber, Uri> {
	/// Who anchored it and paid the fee. Anchors are the submitter's statements: several
	/// submitters may anchor the same root, each under their own anchor.
	pub submitter: AccountId,
	/// The block it was anchored in.
	pub block: BlockNumber,
	/// Whether `root` is a trace root or a batch root.
	pub kind: AnchorKind,
	/// The anchored Merkle root.
	pub root: ContentHash,
	/// Number of traces under the root (1 for a trace). A batch root commits to this count.
	pub traces: u32,
	/// Total number of steps as the submitter declared it (each trace root commits to its own).
	pub steps: u64,
	/// The model version that produced the traces, checked to exist and be usable.
	pub model_version: Option<ModelVersionId>,
	/// The compute job that produced the traces, checked to be completed and to have run
	/// `model_version`.
	pub job: Option<JobId>,
	/// Whether the chain checked the link to `job`, or which party of the job vouches for it.
	pub attribution: Attribution,
	/// Where the off-chain bundle (the traces and their proofs) can be fetched.
	pub uri: Option<Uri>,
	/// Active or withdrawn.
	pub status: AnchorStatus<BlockNumber>,
}

/// An anchor as the runtime API returns it.
pub type AnchorInfo<AccountId, BlockNumber> = AnchorRecord<AccountId, BlockNumber, Vec<u8>>;

/// A Merkle proof as callers pass it in.
pub type Proof = MerkleProof<Vec<ContentHash>>;

impl<AccountId, BlockNumber, Uri: Into<Vec<u8>>> AnchorRecord<AccountId, BlockNumber, Uri> {
	/// The record with its URI as a plain byte vector.
	pub fn into_info(self) -> AnchorInfo<AccountId, BlockNumber> {
		AnchorRecord {
			submitter: self.submitter,
			block: self.block,
			kind: self.kind,
			root: self.root,
			traces: self.traces,
			steps: self.steps,
			model_version: self.model_version,
			job: self.job,
			attribution: self.attribution,
			uri: self.uri.map(Into::into),
			status: self.status,
		}
	}
}

/// Why a step does not count as anchored.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum VerifyFailure {
	/// No anchor has this id.
	UnknownAnchor,
	/// The proofs hold, but the submitter withdrew this anchor. Only this anchor: another
	/// submitter's anchor of the same root answers for itself.
	Withdrawn,
	/// A proof has more siblings than `MaxProofDepth`; it was not evaluated.
	ProofTooDeep,
	/// The trace proof's leaf count differs from the anchor's number of traces.
	WrongTraceCount,
	/// The trace root is not under the anchored root at that position.
	TraceNotInBatch(ProofError),
	/// The step is not in the trace at that position.
	StepNotInTrace(ProofError),
}

/// The answer to "is this step anchored?".
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub struct VerifyResult<AccountId, BlockNumber> {
	/// Whether the step is in an active anchor.
	pub anchored: bool,
	/// Why not, when `anchored` is false.
	pub reason: Option<VerifyFailure>,
	/// The block of the anchor (known whenever the anchor exists).
	pub block: Option<BlockNumber>,
	/// Who anchored it (known whenever the anchor exists).
	pub submitter: Option<AccountId>,
	/// The model version the anchor names.
	pub model_version: Option<ModelVersionId>,
	/// The compute job the anchor names.
	pub job: Option<JobId>,
	/// How far the chain vouches for that job (known whenever the anchor exists).
	pub attribution: Option<Attribution>,
}

impl<AccountId, BlockNumber> VerifyResult<AccountId, BlockNumber> {
	/// The answer for an anchor id that does not exist.
	pub fn unknown() -> Self {
		VerifyResult {
			anchored: false,
			reason: Some(VerifyFailure::UnknownAnchor),
			block: None,
			submitter: None,
			model_version: None,
			job: None,
			attribution: None,
		}
	}
}
