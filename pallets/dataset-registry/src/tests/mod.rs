//! Unit tests by feature; every test runs in `new_test_ext`, which checks the invariants after.

mod attacks;
mod commitments;
mod dedup;
mod invariants;
mod ownership;
mod pins;
mod registration;
mod revocation;
mod royalties;
mod upstreams;
mod verification;

use crate::{mock::*, DatasetDescription, DatasetKind, Event, HoldReason};
use frame_support::{assert_ok, traits::fungible::InspectHold};
use sp_core::H256;
use sp_runtime::{DispatchError, DispatchResult};
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

/// The salt of every test commitment.
pub fn salt() -> H256 {
	H256::repeat_byte(0xAA)
}

/// `who` commits to registering `shards` under `root` (unless it has) and the chain moves a
/// block on, so that `register` may open the commitment.
pub fn commit_to(who: u64, root: H256, shards: &[H256]) {
	let hash = DatasetRegistry::registration_commitment(&root, &who, shards, &salt());
	if !crate::RegistrationCommits::<Test>::contains_key(who, hash) {
		assert_ok!(DatasetRegistry::commit_registration(RuntimeOrigin::signed(who), hash));
	}
	run_to_block(System::block_number() + 1);
}

/// `register` with the test salt and the test description.
pub fn reveal(
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
		salt(),
	)
}

/// Commits, moves a block on and registers `shards` for `who` with the right root.
pub fn try_register(
	who: u64,
	shards: Vec<H256>,
	kind: DatasetKind,
	parents: Vec<DatasetId>,
) -> DispatchResult {
	commit_to(who, root_of(&shards), &shards);
	reveal(who, shards, kind, parents)
}

/// Commits and moves a block on, then asserts that registering is refused with `error` and
/// changes nothing.
pub fn refused(
	who: u64,
	shards: Vec<H256>,
	kind: DatasetKind,
	parents: Vec<DatasetId>,
	error: impl Into<sp_runtime::DispatchError>,
) {
	commit_to(who, root_of(&shards), &shards);
	frame_support::assert_noop!(reveal(who, shards, kind, parents), error.into());
}

/// What the paying pallet does for one paid use of `amount` by `payer`: asks for the payees
/// at the current rate, pays them, reports the use. Returns what was paid.
pub fn use_dataset(id: DatasetId, payer: u64, amount: u64) -> Result<u64, DispatchError> {
	use frame_support::traits::{fungible::Mutate, tokens::Preservation};
	use verity_primitives::traits::DatasetUsage;
	let payees = <DatasetRegistry as DatasetUsage<u64, u64>>::royalty_payees(
		id,
		amount,
		sp_runtime::Permill::one(),
	)?
	.payees;
	let mut paid = 0;
	for (who, value) in payees {
		<Balances as Mutate<u64>>::transfer(&payer, &who, value, Preservation::Preserve)?;
		paid += value;
	}
	<DatasetRegistry as DatasetUsage<u64, u64>>::note_usage(id, &payer, amount, paid);
	Ok(paid)
}

/// Registers a curated dataset of `shards` for `who` and returns its id.
pub fn register(who: u64, shards: Vec<H256>) -> DatasetId {
	let id = crate::NextDatasetId::<Test>::get();
	assert_ok!(try_register(who, shards, DatasetKind::Curated, vec![]));
	id
}

/// What `who` holds for dataset deposits.
/// The deposit dataset `id`'s ticket holds, as the runtime API reports it.
pub fn deposit_of(id: DatasetId) -> u64 {
	DatasetRegistry::dataset(id).unwrap().deposit
}

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
