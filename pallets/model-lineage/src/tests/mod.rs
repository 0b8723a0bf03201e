//! Unit tests, one file per feature. Every test runs through `new_test_ext`, which checks the
//! pallet's invariants (`do_try_state`) at the end.

mod griefing;
mod licenses;
mod lineage_datasets;
mod models;
mod queries;
mod royalties;
mod status;
mod taint;
mod verification;
mod versions;

use crate::{mock::*, ParentLink, Relation, VersionSpec};
use frame_support::assert_ok;
use sp_runtime::Permill;
use verity_primitives::{testing, ContentHash, DatasetId, ModelId, ModelVersionId};

/// Weights hash number `n`.
pub fn weights(n: u64) -> ContentHash {
	ContentHash::from_low_u64_be(n)
}

/// A parent edge.
pub fn link(version: ModelVersionId, relation: Relation) -> ParentLink {
	ParentLink { version, relation }
}

/// A version with weights `n`, no parents, datasets or job.
pub fn spec(n: u64) -> VersionSpec {
	VersionSpec {
		weights_hash: weights(n),
		format: crate::ArtifactFormat::Safetensors,
		parameter_count: 7_000_000_000,
		uri: b"ipfs://weights".to_vec(),
		parents: vec![],
		datasets: vec![],
		license: vec![],
		training_job: None,
		royalty: Permill::zero(),
	}
}

/// `spec(n)` with these parents.
pub fn child_spec(n: u64, parents: &[(ModelVersionId, Relation)]) -> VersionSpec {
	VersionSpec { parents: parents.iter().map(|(v, r)| link(*v, *r)).collect(), ..spec(n) }
}

/// A model owned by `owner`.
pub fn new_model(owner: u64) -> ModelId {
	let id = crate::NextModelId::<Test>::get();
	assert_ok!(Lineage::create_model(
		RuntimeOrigin::signed(owner),
		b"llama".to_vec(),
		b"Apache-2.0".to_vec(),
		b"ipfs://card".to_vec()
	));
	id
}

/// Publishes `spec` under `model` as `who`; returns the new version's id.
pub fn publish(who: u64, model: ModelId, spec: VersionSpec) -> ModelVersionId {
	let id = crate::NextVersionId::<Test>::get();
	assert_ok!(Lineage::publish_version(RuntimeOrigin::signed(who), model, spec));
	id
}

/// Registers usable datasets.
pub fn datasets(ids: &[DatasetId]) {
	for id in ids {
		testing::Datasets::insert(*id, true, vec![]);
	}
}

/// Funds on hold under `reason` for `who`.
pub fn held(reason: crate::HoldReason, who: u64) -> u64 {
	use frame_support::traits::fungible::InspectHold;
	Balances::balance_on_hold(&reason.into(), &who)
}

/// Runs the revocation walk to its end.
pub fn finish_revocations() {
	while crate::RevocationQueue::<Test>::iter().next().is_some() {
		assert_ok!(Lineage::continue_revocation(RuntimeOrigin::signed(9), 10));
	}
}

/// Direct children of `version` in the children index, sorted.
pub fn children(version: ModelVersionId) -> Vec<ModelVersionId> {
	let mut out: Vec<_> = crate::Children::<Test>::iter_key_prefix(version).collect();
	out.sort();
	out
}
