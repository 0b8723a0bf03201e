//! Who has a stake in how a model version fares, for pallets that must keep those accounts out of
//! judging it (evaluator draws).

use crate::ids::ModelVersionId;
use alloc::vec::Vec;

/// The accounts that control a model version.
pub trait VersionOwners<AccountId> {
	/// The version's model owner, its maintainers and the version's publisher (duplicates
	/// possible), empty when the version is unknown.
	fn owners(version: ModelVersionId) -> Vec<AccountId>;
}

impl<AccountId> VersionOwners<AccountId> for () {
	fn owners(_: ModelVersionId) -> Vec<AccountId> {
		Vec::new()
	}
}
