//! Identifiers shared across pallets.

/// A 32-byte content hash (blake2-256 unless a format says otherwise) naming an artifact by what
/// it contains: a dataset shard, model weights, a reasoning trace, a job output.
pub type ContentHash = sp_core::H256;

/// Sequential id of a registered dataset.
pub type DatasetId = u64;
/// Sequential id of a model (the family that versions belong to).
pub type ModelId = u64;
/// Sequential id of a model version.
pub type ModelVersionId = u64;
/// Sequential id of a compute job.
pub type JobId = u64;
/// Id of a reasoning anchor (one trace or one batch of traces): not sequential, but the hash of
/// its submitter and root (`pallet_reasoning_anchor::Pallet::anchor_id`), known before anchoring.
pub type AnchorId = sp_core::H256;
/// Sequential id of a benchmark standard.
pub type BenchmarkId = u32;

/// What a tainted model version's taint comes from: a revoked version up its lineage, or a
/// dataset (rejected by its verifiers or revoked) that it or an ancestor was trained on.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	codec::Encode,
	codec::Decode,
	codec::DecodeWithMemTracking,
	codec::MaxEncodedLen,
	scale_info::TypeInfo,
)]
pub enum TaintSource {
	/// A revoked model version.
	Version(ModelVersionId),
	/// A rejected or revoked dataset.
	Dataset(DatasetId),
}

/// The id counter `S` hands out next, and the value the counter takes once that id is used
/// (the caller stores it after its last fallible step, so a refused call leaves the counter as
/// it was). `None` when the id type is exhausted: every pallet answers that with its
/// `NoMoreIds` error rather than wrapping around or saturating onto a used id.
pub fn peek_id<S, I>() -> Option<(I, I)>
where
	S: frame_support::storage::StorageValue<I, Query = I>,
	I: codec::FullCodec + sp_runtime::traits::CheckedAdd + sp_runtime::traits::One + Copy,
{
	let id = S::get();
	id.checked_add(&I::one()).map(|next| (id, next))
}
