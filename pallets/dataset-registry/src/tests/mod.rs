//! Unit tests by feature; every test runs in `new_test_ext`, which checks the invariants after.

mod dedup;
mod invariants;
mod ownership;
mod registration;
mod royalties;
mod verification;

use crate::{mock::*, DatasetDescription, DatasetKind, Event, HoldReason};
use frame_support::{assert_ok, traits::fungible::InspectHold};
use sp_core::H256;
use sp_runtime::DispatchResult;
use verity_primitives::{merkle, DatasetId};

/// Shard hash number `n`.
pub fn shard(n: u8) -> H256 {
	H256::repeat_byte(n)
}

/// Shard hashes for the numbers in `ns`.
pub fn shards(ns: impl IntoIterator<Item = u8>) -> Vec<H256> {
	ns.into_iter().map(shard).collect()
}

/// The content root of `shards`, as a client computes it.
pub fn root_of(shards: &[H256]) -> H256 {
	merkle::root(shards.iter())
}

/// A description with a valid license.
pub fn description() -> DatasetDescription {
	DatasetDescription {
		name: b"wiki-en".to_vec(),
		uri: b"ipfs://bafy-wiki-en".to_vec(),
		license: b"CC-BY-4.0".to_vec(),
		record_count: 1_000,
		byte_size: 1 << 20,
	}
}

/// A synthetic kind from the mock's usable generator.
pub fn synthetic(prompt_set: Option<DatasetId>) -> DatasetKind {
	DatasetKind::Synthetic { generator: GENERATOR, generation_job: Some(5), prompt_set }
}

/// Registers `shards` for `who` with the right root.
pub fn try_register(
	who: u64,
	shards: Vec<H256>,
	kind: DatasetKind,
	parents: Vec<DatasetId>,
) -> DispatchResult {
	let root = root_of(&shards);
	DatasetRegistry::register(
		RuntimeOrigin::signed(who),
		root,
		shards,
		kind,
		parents,
		description(),
	)
}

/// Registers a curated dataset of `shards` for `who` and returns its id.
pub fn register(who: u64, shards: Vec<H256>) -> DatasetId {
	let id = crate::NextDatasetId::<Test>::get();
	assert_ok!(try_register(who, shards, DatasetKind::Curated, vec![]));
	id
}

/// What `who` holds for dataset deposits.
pub fn held_deposit(who: u64) -> u64 {
	Balances::balance_on_hold(&HoldReason::DatasetDeposit.into(), &who)
}

/// What `who` holds as verifier bond.
pub fn held_bond(who: u64) -> u64 {
	Balances::balance_on_hold(&HoldReason::VerifierBond.into(), &who)
}

/// Free balance of `who`.
pub fn free(who: u64) -> u64 {
	Balances::free_balance(who)
}

/// This pallet's events so far.
pub fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::DatasetRegistry(e) => Some(e),
			_ => None,
		})
		.collect()
}
