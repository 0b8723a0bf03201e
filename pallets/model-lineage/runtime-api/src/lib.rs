//! Runtime API of model lineage: what dApps ask about models, versions and their lineage.
//!
//! Walks are breadth-first (nearest first), deduplicated, and bounded by the runtime's
//! `MaxLineageDepth` generations and `MaxLineageNodes` versions, whatever depth is asked.
//! Lineage datasets are not walked: each version stores its whole lineage's datasets (every
//! generation) when it is published.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
pub use pallet_model_lineage::{
	ArtifactFormat, LineageNode, LineageView, ModelView, ParentLink, Provenance, Relation,
	VersionStatus, VersionView,
};
use verity_primitives::{ContentHash, DatasetId, ModelId, ModelVersionId};

sp_api::decl_runtime_apis! {
	/// Models, versions and lineage queries.
	pub trait ModelLineageApi<AccountId, Balance>
	where
		AccountId: Codec,
		Balance: Codec,
	{
		/// The model, if it exists.
		fn model(id: ModelId) -> Option<ModelView<AccountId, Balance>>;
		/// The version, if it exists, with its owner and whether it is usable.
		fn version(id: ModelVersionId) -> Option<VersionView<AccountId, Balance>>;
		/// Ancestors up to `max_depth` generations, nearest first, each with the relation of the
		/// edge it was reached through.
		fn ancestors(version: ModelVersionId, max_depth: u32) -> Vec<LineageNode>;
		/// Descendants up to `max_depth` generations, nearest first, with relations.
		fn descendants(version: ModelVersionId, max_depth: u32) -> Vec<LineageNode>;
		/// Datasets of the version and all its ancestors (every generation), deduplicated and
		/// sorted.
		fn lineage_datasets(version: ModelVersionId) -> Vec<DatasetId>;
		/// Ancestors up to `max_depth` and the datasets of the version's whole lineage, in one
		/// call.
		fn lineage(version: ModelVersionId, max_depth: u32) -> LineageView;
		/// The version registered with these weights.
		fn version_by_weights(hash: ContentHash) -> Option<ModelVersionId>;
	}
}
