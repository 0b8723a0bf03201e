//! Verity's binary Merkle tree: one format for reasoning traces, batches of traces and dataset
//! shards, rebuilt by clients in any language from this description.
//!
//! - Hash: blake2b-256.
//! - Leaf `i` (0-based) of data `d`: `H(0x00 ‖ u64_le(i) ‖ d)`. The index in the leaf makes a
//!   step's position part of what is proven; the `0x00` tag keeps leaves and nodes apart.
//! - Node: `H(0x01 ‖ left ‖ right)`.
//! - Levels are built left to right, pairing neighbours; an odd last node is promoted to the next
//!   level unchanged (never duplicated, so no two leaf lists share a root).
//! - The root of one leaf is that leaf's hash. The root of no leaves is `H(0x02)`, the empty root.
//! - A proof carries the leaf index, the number of leaves and the sibling hashes from the leaf
//!   level upwards, skipping levels where the node was promoted.

use crate::ids::ContentHash;
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_core::hashing::blake2_256;

const LEAF_TAG: u8 = 0x00;
const NODE_TAG: u8 = 0x01;
const EMPTY_TAG: u8 = 0x02;

/// The hash of leaf `index` holding `data`.
pub fn leaf_hash(index: u64, data: &[u8]) -> ContentHash {
	let mut buf = Vec::with_capacity(data.len().saturating_add(9));
	buf.push(LEAF_TAG);
	buf.extend_from_slice(&index.to_le_bytes());
	buf.extend_from_slice(data);
	ContentHash::from(blake2_256(&buf))
}

/// The hash of an inner node.
pub fn node_hash(left: &ContentHash, right: &ContentHash) -> ContentHash {
	let mut buf = [0u8; 65];
	let bytes = core::iter::once(&NODE_TAG).chain(left.as_bytes()).chain(right.as_bytes());
	for (slot, byte) in buf.iter_mut().zip(bytes) {
		*slot = *byte;
	}
	ContentHash::from(blake2_256(&buf))
}

/// The root of a tree without leaves.
pub fn empty_root() -> ContentHash {
	ContentHash::from(blake2_256(&[EMPTY_TAG]))
}

/// The next level up: neighbours paired, an odd last node promoted.
fn parent_level(level: &[ContentHash]) -> Vec<ContentHash> {
	level
		.chunks(2)
		.map(|pair| match pair {
			[left, right] => node_hash(left, right),
			[single] => *single,
			_ => empty_root(),
		})
		.collect()
}

/// The root over already hashed leaves.
pub fn root_of_leaves(leaves: Vec<ContentHash>) -> ContentHash {
	let mut level = leaves;
	if level.is_empty() {
		return empty_root();
	}
	while level.len() > 1 {
		level = parent_level(&level);
	}
	level.first().copied().unwrap_or_else(empty_root)
}

/// The root over `items`, leaf `i` holding `items[i]`.
pub fn root<I, D>(items: I) -> ContentHash
where
	I: IntoIterator<Item = D>,
	D: AsRef<[u8]>,
{
	root_of_leaves(
		items.into_iter().enumerate().map(|(i, d)| leaf_hash(i as u64, d.as_ref())).collect(),
	)
}

/// A proof that leaf `leaf_index` of a tree of `leaf_count` leaves is under a root.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen)]
pub struct MerkleProof<Siblings> {
	/// Position of the proven leaf, from 0.
	pub leaf_index: u64,
	/// Number of leaves in the tree.
	pub leaf_count: u64,
	/// Sibling hashes from the leaf level up.
	pub siblings: Siblings,
}

/// Why a proof does not hold.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub enum ProofError {
	/// The leaf index is not below the leaf count.
	IndexOutOfRange,
	/// The proof has fewer or more siblings than a tree of that size needs at that index.
	WrongDepth,
	/// The recomputed root differs from the expected one.
	RootMismatch,
}

/// The proof for leaf `index` among `leaves` (already hashed), `None` when out of range.
pub fn proof_of_leaves(leaves: Vec<ContentHash>, index: u64) -> Option<MerkleProof<Vec<ContentHash>>> {
	let leaf_count = leaves.len() as u64;
	if index >= leaf_count {
		return None;
	}
	let mut siblings = Vec::new();
	let mut level = leaves;
	let mut position = index;
	while level.len() > 1 {
		let sibling = position ^ 1;
		if let Some(hash) = usize::try_from(sibling).ok().and_then(|s| level.get(s)) {
			siblings.push(*hash);
		}
		position /= 2;
		level = parent_level(&level);
	}
	Some(MerkleProof { leaf_index: index, leaf_count, siblings })
}

/// The proof for item `index` of `items`.
pub fn proof<I, D>(items: I, index: u64) -> Option<MerkleProof<Vec<ContentHash>>>
where
	I: IntoIterator<Item = D>,
	D: AsRef<[u8]>,
{
	proof_of_leaves(
		items.into_iter().enumerate().map(|(i, d)| leaf_hash(i as u64, d.as_ref())).collect(),
		index,
	)
}

/// The root a proof leads to from `leaf` (a leaf hash), or why it cannot.
pub fn root_from_proof(
	leaf: ContentHash,
	leaf_index: u64,
	leaf_count: u64,
	siblings: &[ContentHash],
) -> Result<ContentHash, ProofError> {
	if leaf_index >= leaf_count {
		return Err(ProofError::IndexOutOfRange);
	}
	let mut hash = leaf;
	let mut position = leaf_index;
	let mut width = leaf_count;
	let mut used = 0usize;
	while width > 1 {
		let is_right = position % 2 == 1;
		// The last node of an odd level has no sibling: it is promoted.
		let promoted = !is_right && position.saturating_add(1) == width;
		if !promoted {
			let sibling = siblings.get(used).ok_or(ProofError::WrongDepth)?;
			used = used.saturating_add(1);
			hash = if is_right { node_hash(sibling, &hash) } else { node_hash(&hash, sibling) };
		}
		position /= 2;
		width = width.div_ceil(2);
	}
	if used != siblings.len() {
		return Err(ProofError::WrongDepth);
	}
	Ok(hash)
}

/// Checks that `data` is leaf `leaf_index` of a tree of `leaf_count` leaves with root `root`.
pub fn verify(
	root: &ContentHash,
	data: &[u8],
	leaf_index: u64,
	leaf_count: u64,
	siblings: &[ContentHash],
) -> Result<(), ProofError> {
	let computed = root_from_proof(leaf_hash(leaf_index, data), leaf_index, leaf_count, siblings)?;
	if &computed == root {
		Ok(())
	} else {
		Err(ProofError::RootMismatch)
	}
}

/// Depth of a proof (number of siblings) for any leaf is at most this for `leaf_count` leaves.
pub fn max_depth(leaf_count: u64) -> u32 {
	// ceil(log2(n)) for n ≥ 1.
	64u32.saturating_sub(leaf_count.saturating_sub(1).leading_zeros())
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn every_leaf_of_every_small_tree_verifies_and_tampering_fails() {
		for n in 1u64..=17 {
			let items: Vec<Vec<u8>> = (0..n).map(|i| alloc::format!("step {i}").into_bytes()).collect();
			let root = root(&items);
			for i in 0..n {
				let p = proof(&items, i).unwrap();
				assert!(p.siblings.len() as u32 <= max_depth(n));
				let data = &items[i as usize];
				assert_eq!(verify(&root, data, i, n, &p.siblings), Ok(()));
				assert_eq!(verify(&root, b"other", i, n, &p.siblings), Err(ProofError::RootMismatch));
				assert!(verify(&root, data, (i + 1) % n.max(2), n, &p.siblings).is_err() || n == 1);
				assert_eq!(verify(&root, data, n, n, &p.siblings), Err(ProofError::IndexOutOfRange));
				let mut longer = p.siblings.clone();
				longer.push(root);
				assert_eq!(verify(&root, data, i, n, &longer), Err(ProofError::WrongDepth));
			}
		}
	}

	#[test]
	fn leaves_and_nodes_are_domain_separated() {
		let a = leaf_hash(0, b"a");
		let b = leaf_hash(1, b"b");
		let mut as_leaf = Vec::new();
		as_leaf.extend_from_slice(a.as_bytes());
		as_leaf.extend_from_slice(b.as_bytes());
		assert_ne!(node_hash(&a, &b), leaf_hash(0, &as_leaf));
		assert_eq!(root([b"a", b"b"]), node_hash(&a, &b));
		assert_ne!(root::<[&[u8]; 0], &[u8]>([]), leaf_hash(0, b""));
	}
}
