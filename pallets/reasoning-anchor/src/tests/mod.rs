//! Unit tests, one file per feature. Every test runs through `new_test_ext`, which checks the
//! storage invariants afterwards.

mod anchor;
mod attribution;
mod squatting;
mod verify;
mod withdraw;

use crate::{mock::*, pallet::UriOf};
use frame_support::BoundedVec;
use verity_primitives::{merkle, AnchorId, ContentHash};

/// A trace of `n` steps named after `tag`.
fn trace(tag: &str, n: usize) -> Vec<Vec<u8>> {
	(0..n).map(|i| format!("{tag}: step {i}").into_bytes()).collect()
}

/// The batch root over the roots of `traces`, and those roots.
fn batch(traces: &[Vec<Vec<u8>>]) -> (ContentHash, Vec<ContentHash>) {
	let roots: Vec<ContentHash> = traces.iter().map(merkle::root).collect();
	(merkle::root(roots.iter().map(|r| r.as_bytes())), roots)
}

/// The id `who`'s anchor of `root` has (or would have).
fn id(who: u64, root: ContentHash) -> AnchorId {
	ReasoningAnchor::anchor_id(&who, &root)
}

fn uri(text: &str) -> Option<UriOf<Test>> {
	Some(BoundedVec::truncate_from(text.as_bytes().to_vec()))
}

fn balance(who: u64) -> u64 {
	Balances::free_balance(who)
}
