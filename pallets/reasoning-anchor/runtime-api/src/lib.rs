//! Runtime API of the reasoning-anchor pallet: is a reasoning step anchored, and what is known
//! of an anchor. The same answers are available as the pallet's view functions.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
pub use pallet_reasoning_anchor::{
	AnchorInfo, AnchorKind, AnchorStatus, Attribution, Proof, VerifyFailure, VerifyResult,
};
pub use verity_primitives::{merkle::ProofError, AnchorId, ContentHash};

sp_api::decl_runtime_apis! {
	/// Step-inclusion proofs against anchored traces and batches.
	pub trait ReasoningAnchorApi<AccountId, BlockNumber>
	where
		AccountId: Codec,
		BlockNumber: Codec,
	{
		/// Whether `step` is step `step_proof.leaf_index` of the trace with root `trace_root`,
		/// which is trace `trace_proof.leaf_index` under anchor `anchor` (for a one-trace anchor
		/// the trace proof is index 0 of 1 with no siblings); with the anchor's block,
		/// submitter, model version, job and job attribution, or the reason it is not
		/// anchored. The answer is about this anchor, whose submitter it reports: anyone may
		/// anchor a root they have seen, so check that the submitter is the one you trust.
		fn verify_step(
			anchor: AnchorId,
			trace_root: ContentHash,
			trace_proof: Proof,
			step: Vec<u8>,
			step_proof: Proof,
		) -> VerifyResult<AccountId, BlockNumber>;

		/// The anchor with this id, withdrawn ones included.
		fn anchor(anchor: AnchorId) -> Option<AnchorInfo<AccountId, BlockNumber>>;

		/// The id of `submitter`'s anchor of `root` (each submitter anchors a root at most once).
		fn anchor_by_root(submitter: AccountId, root: ContentHash) -> Option<AnchorId>;
	}
}
