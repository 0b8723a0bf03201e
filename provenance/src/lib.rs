//! The AI bill of materials: one runtime API call answers where a model version came from and
//! how much of that the chain has checked.
//!
//! `ProvenanceApi::provenance(version)` returns the version's lineage (ancestors with their
//! relations), every dataset of that lineage with its parents and prompt sets (root, license,
//! kind, verification status), the receipts of the jobs that trained lineage versions or
//! generated lineage datasets, the version's attested evaluations and the reasoning anchors that
//! name it. Each item carries a [`Grade`]: checked by the chain, attested by bonded parties,
//! only declared, or tainted. The answer's grade is the weakest among the lineage's versions,
//! datasets and jobs (evaluations and anchors describe the model's behaviour, not where it came
//! from, so they are graded but do not lower it), and `weakest` names that item: the taint's
//! cause when tainted. Taint is read as stored (model lineage marks versions below revoked
//! versions and flagged datasets) and also found here through datasets derived from flagged
//! data, which no stored mark records. docs/provenance.md has the grade table and the bounds.
//!
//! Pallets never depend on each other; this crate is glue, like the runtime's configs: it reads
//! the five pallets' storage for the runtime, which implements the API with
//! [`bill_of_materials`].
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

mod assemble;
mod types;

pub use assemble::{
	bill_of_materials, BillOf, Pallets, MAX_ANCHORS, MAX_DATASETS, MAX_EVALUATIONS,
};
pub use types::*;

use codec::Codec;
use verity_primitives::ModelVersionId;

sp_api::decl_runtime_apis! {
	/// A model version's bill of materials.
	pub trait ProvenanceApi<AccountId, BlockNumber>
	where
		AccountId: Codec,
		BlockNumber: Codec,
	{
		/// The version's lineage, datasets, receipts, evaluations and anchors, each graded, with
		/// the weakest link; `None` for an unknown version.
		fn provenance(version: ModelVersionId) -> Option<BillOfMaterials<AccountId, BlockNumber>>;
	}
}
