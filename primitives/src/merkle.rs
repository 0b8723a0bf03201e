//! Verity's binary Merkle tree: one format for reasoning traces, batches of traces and dataset
//! shards, rebuilt by clients in any language from this description (`docs/merkle-format.md`
//! has it in full, with a worked example from `primitives/tests/merkle-vectors.json`).
//!
//! - Hash `H`: blake2b with a 32-byte output (blake2b-256), no key.
//! - Leaf `i` (0-based) of data `d`: `H(0x00 ‖ u64_le(i) ‖ d)`. The index in the leaf makes a
//!   step's position part of what is proven; the `0x00` tag keeps leaves and nodes apart.
//! - Node: `H(0x01 ‖ left ‖ right)`.
//! - Levels are built left to right, pairing neighbours; an odd last node is promoted to the next
//!   level unchanged (never duplicated). The one node left at the top is the tree's *top*.
//! - Root of `n` leaves: `H(0x02 ‖ u64_le(n) ‖ top)`, where the top of no leaves is 32 zero
//!   bytes. Sealing the leaf count into the root means a proof cannot lie about the tree size
//!   (without it, leaf 0 of 3 and leaf 0 of 4 leaves share a path), so "step `i` of `n`" is
//!   proven, and "the last step" with it.
//! - A proof carries the leaf index, the number of leaves and the sibling hashes from the leaf
//!   level upwards, skipping levels where the node was promoted.

use crate::ids::ContentHash;
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// blake2b-256 (sp-core 43 has no `hashing` module; `BlakeTwo256` is the same function).
fn blake2_256(data: &[u8]) -> [u8; 32] {
	<sp_runtime::traits::BlakeTwo256 as sp_runtime::traits::Hash>::hash(data).0
}

const LEAF_TAG: u8 = 0x00;
const NODE_TAG: u8 = 0x01;
const ROOT_TAG: u8 = 0x02;

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

/// The root of a tree of `leaf_count` leaves whose top node is `top`.
pub fn root_hash(leaf_count: u64, top: &ContentHash) -> ContentHash {
	let mut buf = [0u8; 41];
	let count = leaf_count.to_le_bytes();
	let bytes = core::iter::once(&ROOT_TAG).chain(count.iter()).chain(top.as_bytes());
	for (slot, byte) in buf.iter_mut().zip(bytes) {
		*slot = *byte;
	}
	ContentHash::from(blake2_256(&buf))
}

/// The root of a tree without leaves.
pub fn empty_root() -> ContentHash {
	root_hash(0, &ContentHash::zero())
}

/// The next level up: neighbours paired, an odd last node promoted.
fn parent_level(level: &[ContentHash]) -> Vec<ContentHash> {
	level
		.chunks(2)
		.map(|pair| match pair {
			[left, right] => node_hash(left, right),
			[single] => *single,
			_ => ContentHash::zero(),
		})
		.collect()
}

/// The root over already hashed leaves.
pub fn root_of_leaves(leaves: Vec<ContentHash>) -> ContentHash {
	let leaf_count = leaves.len() as u64;
	let mut level = leaves;
	while level.len() > 1 {
		level = parent_level(&level);
	}
	root_hash(leaf_count, &level.first().copied().unwrap_or_default())
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
#[derive(
	Clone,
	PartialEq,
	Eq,
	Debug,
	Default,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct MerkleProof<Siblings> {
	/// Position of the proven leaf, from 0.
	pub leaf_index: u64,
	/// Number of leaves in the tree.
	pub leaf_count: u64,
	/// Sibling hashes from the leaf level up.
	pub siblings: Siblings,
}

/// Why a proof does not hold.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum ProofError {
	/// The leaf index is not below the leaf count.
	IndexOutOfRange,
	/// The proof has fewer or more siblings than a tree of that size needs at that index.
	WrongDepth,
	/// The recomputed root differs from the expected one.
	RootMismatch,
}

/// The proof for leaf `index` among `leaves` (already hashed), `None` when out of range.
pub fn proof_of_leaves(
	leaves: Vec<ContentHash>,
	index: u64,
) -> Option<MerkleProof<Vec<ContentHash>>> {
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

/// The proofs of every leaf among `leaves` (already hashed), in leaf order: one pass over the
/// tree instead of one per leaf.
pub fn proofs_of_leaves(leaves: Vec<ContentHash>) -> Vec<MerkleProof<Vec<ContentHash>>> {
	let leaf_count = leaves.len() as u64;
	let mut levels = Vec::new();
	let mut level = leaves;
	while level.len() > 1 {
		let next = parent_level(&level);
		levels.push(level);
		level = next;
	}
	(0..leaf_count)
		.map(|leaf_index| {
			let mut position = leaf_index;
			let mut siblings = Vec::with_capacity(levels.len());
			for level in &levels {
				if let Some(hash) = usize::try_from(position ^ 1).ok().and_then(|s| level.get(s)) {
					siblings.push(*hash);
				}
				position /= 2;
			}
			MerkleProof { leaf_index, leaf_count, siblings }
		})
		.collect()
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
	// At most 64 rounds: `width` halves (rounding up) each time.
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
	Ok(root_hash(leaf_count, &hash))
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
			let items: Vec<Vec<u8>> =
				(0..n).map(|i| alloc::format!("step {i}").into_bytes()).collect();
			let root = root(&items);
			for i in 0..n {
				let p = proof(&items, i).unwrap();
				assert!(p.siblings.len() as u32 <= max_depth(n));
				let data = &items[i as usize];
				assert_eq!(verify(&root, data, i, n, &p.siblings), Ok(()));
				assert_eq!(
					verify(&root, b"other", i, n, &p.siblings),
					Err(ProofError::RootMismatch)
				);
				if n > 1 {
					assert!(verify(&root, data, (i + 1) % n, n, &p.siblings).is_err());
				}
				assert!(verify(&root, data, i, n + 1, &p.siblings).is_err());
				assert_eq!(
					verify(&root, data, n, n, &p.siblings),
					Err(ProofError::IndexOutOfRange)
				);
				let mut longer = p.siblings.clone();
				longer.push(root);
				assert_eq!(verify(&root, data, i, n, &longer), Err(ProofError::WrongDepth));
			}
		}
	}

	#[test]
	fn leaf_count_is_part_of_the_root() {
		// Leaf 0 has the same path in trees of 3 and 4 leaves; only the sealed count tells them apart.
		let four = [b"a", b"b", b"c", b"d"];
		let p = proof(four, 0).unwrap();
		let computed = root_from_proof(leaf_hash(0, b"a"), 0, 4, &p.siblings).unwrap();
		assert_eq!(computed, root(four));
		assert_eq!(verify(&root(four), b"a", 0, 3, &p.siblings), Err(ProofError::RootMismatch));
	}

	#[test]
	fn leaves_nodes_and_roots_are_domain_separated() {
		let a = leaf_hash(0, b"a");
		let b = leaf_hash(1, b"b");
		let mut as_leaf = Vec::new();
		as_leaf.extend_from_slice(a.as_bytes());
		as_leaf.extend_from_slice(b.as_bytes());
		assert_ne!(node_hash(&a, &b), leaf_hash(0, &as_leaf));
		assert_eq!(root([b"a", b"b"]), root_hash(2, &node_hash(&a, &b)));
		assert_eq!(root([b"a"]), root_hash(1, &a));
		assert_ne!(root([b"a"]), a);
		assert_eq!(root::<[&[u8]; 0], &[u8]>([]), empty_root());
		assert_ne!(empty_root(), root([b""]));
	}

	#[test]
	fn all_proofs_at_once_equal_one_at_a_time() {
		for n in 0u64..=33 {
			let leaves: Vec<ContentHash> = (0..n).map(|i| leaf_hash(i, &i.to_le_bytes())).collect();
			let all = proofs_of_leaves(leaves.clone());
			assert_eq!(all.len() as u64, n);
			for (i, p) in all.into_iter().enumerate() {
				assert_eq!(Some(p), proof_of_leaves(leaves.clone(), i as u64));
			}
		}
	}

	#[test]
	fn max_depth_is_ceil_log2() {
		assert_eq!(max_depth(0), 0);
		assert_eq!(max_depth(1), 0);
		assert_eq!(max_depth(2), 1);
		assert_eq!(max_depth(3), 2);
		assert_eq!(max_depth(4), 2);
		assert_eq!(max_depth(5), 3);
		assert_eq!(max_depth(1 << 40), 40);
		assert_eq!(max_depth((1 << 40) + 1), 41);
		assert_eq!(max_depth(u64::MAX), 64);
	}
}
