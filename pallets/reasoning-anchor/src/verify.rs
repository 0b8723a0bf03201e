//! Verification of steps against anchors, for the view functions and the runtime API.

use crate::{
	pallet::{Anchors, Config, Pallet},
	AnchorKind, AnchorStatus, Proof, VerifyFailure, VerifyResult,
};
use frame_support::traits::Get;
use frame_system::pallet_prelude::BlockNumberFor;
use verity_primitives::{
	merkle::{self, ProofError},
	AnchorId, ContentHash,
};

impl<T: Config> Pallet<T> {
	/// See the `verify_step` view function. Proofs are checked before the anchor's status, so
	/// `Withdrawn` means "was anchored, then withdrawn" — by this anchor's submitter, who is
	/// reported with the answer.
	pub fn do_verify_step(
		anchor: AnchorId,
		trace_root: ContentHash,
		trace_proof: &Proof,
		step: &[u8],
		step_proof: &Proof,
	) -> VerifyResult<T::AccountId, BlockNumberFor<T>> {
		let Some(record) = Anchors::<T>::get(anchor) else {
			return VerifyResult::unknown();
		};
		let failure =
			Self::check_trace(record.kind, &record.root, record.traces, &trace_root, trace_proof)
				.and_then(|()| Self::check_step(&trace_root, step, step_proof))
				.err()
				.or(match record.status {
					AnchorStatus::Active => None,
					AnchorStatus::Withdrawn { .. } => Some(VerifyFailure::Withdrawn),
				});
		VerifyResult {
			anchored: failure.is_none(),
			reason: failure,
			block: Some(record.block),
			submitter: Some(record.submitter),
			model_version: record.model_version,
			job: record.job,
			attribution: Some(record.attribution),
		}
	}

	/// Whether `trace_root` is under the anchored `root` as `proof` says.
	pub fn check_trace(
		kind: AnchorKind,
		root: &ContentHash,
		traces: u32,
		trace_root: &ContentHash,
		proof: &Proof,
	) -> Result<(), VerifyFailure> {
		Self::check_depth(proof)?;
		if proof.leaf_count != u64::from(traces) {
			return Err(VerifyFailure::WrongTraceCount);
		}
		let in_batch = match kind {
			// A trace anchor is its own one-trace "batch": the trace root is the anchored root.
			AnchorKind::Trace => Self::check_single(root, trace_root, proof),
			AnchorKind::Batch => merkle::verify(
				root,
				trace_root.as_bytes(),
				proof.leaf_index,
				proof.leaf_count,
				&proof.siblings,
			),
		};
		in_batch.map_err(VerifyFailure::TraceNotInBatch)
	}

	/// The trace proof of a trace anchor: index 0 of 1, no siblings, the same root.
	fn check_single(
		root: &ContentHash,
		trace_root: &ContentHash,
		proof: &Proof,
	) -> Result<(), ProofError> {
		if proof.leaf_index >= proof.leaf_count {
			return Err(ProofError::IndexOutOfRange);
		}
		if !proof.siblings.is_empty() {
			return Err(ProofError::WrongDepth);
		}
		if root != trace_root {
			return Err(ProofError::RootMismatch);
		}
		Ok(())
	}

	/// Whether `step` is in the trace with root `trace_root` as `proof` says.
	pub fn check_step(
		trace_root: &ContentHash,
		step: &[u8],
		proof: &Proof,
	) -> Result<(), VerifyFailure> {
		Self::check_depth(proof)?;
		merkle::verify(trace_root, step, proof.leaf_index, proof.leaf_count, &proof.siblings)
			.map_err(VerifyFailure::StepNotInTrace)
	}

	/// Refuses proofs longer than `MaxProofDepth` before any hashing.
	fn check_depth(proof: &Proof) -> Result<(), VerifyFailure> {
		let limit = usize::try_from(T::MaxProofDepth::get()).unwrap_or(usize::MAX);
		if proof.siblings.len() > limit {
			return Err(VerifyFailure::ProofTooDeep);
		}
		Ok(())
	}
}
