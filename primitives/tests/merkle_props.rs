//! Property tests of the Merkle format: every step of every random trace verifies, any change to
//! the step, its index, the leaf count or a sibling fails, and garbage proofs fail without panic.

use proptest::prelude::*;
use sp_core::H256;
use verity_primitives::merkle::{self, ProofError};

fn trace() -> impl Strategy<Value = Vec<Vec<u8>>> {
	prop::collection::vec(prop::collection::vec(any::<u8>(), 0..48), 1..200)
}

/// A trace with one of its step indices.
fn trace_and_index() -> impl Strategy<Value = (Vec<Vec<u8>>, u64)> {
	trace().prop_flat_map(|t| {
		let n = t.len() as u64;
		(Just(t), 0..n)
	})
}

fn hash() -> impl Strategy<Value = H256> {
	any::<[u8; 32]>().prop_map(H256)
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(256))]

	#[test]
	fn every_step_verifies((steps, i) in trace_and_index()) {
		let root = merkle::root(&steps);
		let p = merkle::proof(&steps, i).unwrap();
		prop_assert_eq!(p.leaf_count, steps.len() as u64);
		prop_assert!(p.siblings.len() as u32 <= merkle::max_depth(p.leaf_count));
		prop_assert_eq!(merkle::verify(&root, &steps[i as usize], i, p.leaf_count, &p.siblings), Ok(()));
	}

	#[test]
	fn altered_step_fails((steps, i) in trace_and_index(), other in prop::collection::vec(any::<u8>(), 0..48)) {
		prop_assume!(other != steps[i as usize]);
		let root = merkle::root(&steps);
		let p = merkle::proof(&steps, i).unwrap();
		prop_assert_eq!(
			merkle::verify(&root, &other, i, p.leaf_count, &p.siblings),
			Err(ProofError::RootMismatch)
		);
	}

	#[test]
	fn altered_index_fails((steps, i) in trace_and_index(), j in any::<u64>()) {
		prop_assume!(j != i);
		let root = merkle::root(&steps);
		let p = merkle::proof(&steps, i).unwrap();
		prop_assert!(merkle::verify(&root, &steps[i as usize], j, p.leaf_count, &p.siblings).is_err());
		// The same step at another position of the same trace does not pass either.
		let j = j % p.leaf_count;
		if j != i {
			prop_assert!(merkle::verify(&root, &steps[i as usize], j, p.leaf_count, &p.siblings).is_err());
		}
	}

	#[test]
	fn altered_leaf_count_fails((steps, i) in trace_and_index(), count in any::<u64>()) {
		let n = steps.len() as u64;
		prop_assume!(count != n);
		let root = merkle::root(&steps);
		let p = merkle::proof(&steps, i).unwrap();
		prop_assert!(merkle::verify(&root, &steps[i as usize], i, count, &p.siblings).is_err());
		// Near sizes share most of the path; they must fail too.
		for near in [n.saturating_sub(1), n + 1, n.next_power_of_two(), n * 2] {
			if near != n {
				prop_assert!(merkle::verify(&root, &steps[i as usize], i, near, &p.siblings).is_err());
			}
		}
	}

	#[test]
	fn altered_sibling_fails((steps, i) in trace_and_index(), pick in any::<usize>(), bit in 0usize..256) {
		let root = merkle::root(&steps);
		let mut p = merkle::proof(&steps, i).unwrap();
		prop_assume!(!p.siblings.is_empty());
		let k = pick % p.siblings.len();
		p.siblings[k].0[bit / 8] ^= 1 << (bit % 8);
		prop_assert_eq!(
			merkle::verify(&root, &steps[i as usize], i, p.leaf_count, &p.siblings),
			Err(ProofError::RootMismatch)
		);
	}

	#[test]
	fn added_or_dropped_sibling_fails((steps, i) in trace_and_index(), extra in hash()) {
		let root = merkle::root(&steps);
		let p = merkle::proof(&steps, i).unwrap();
		let mut longer = p.siblings.clone();
		longer.push(extra);
		prop_assert_eq!(
			merkle::verify(&root, &steps[i as usize], i, p.leaf_count, &longer),
			Err(ProofError::WrongDepth)
		);
		if let Some((_, rest)) = p.siblings.split_last() {
			prop_assert_eq!(
				merkle::verify(&root, &steps[i as usize], i, p.leaf_count, rest),
				Err(ProofError::WrongDepth)
			);
		}
	}

	#[test]
	fn another_traces_root_fails((steps, i) in trace_and_index(), other in trace()) {
		prop_assume!(other != steps);
		let p = merkle::proof(&steps, i).unwrap();
		prop_assert!(merkle::verify(&merkle::root(&other), &steps[i as usize], i, p.leaf_count, &p.siblings).is_err());
	}

	#[test]
	fn garbage_proofs_never_panic(
		root in hash(),
		data in prop::collection::vec(any::<u8>(), 0..64),
		index in any::<u64>(),
		count in prop_oneof![any::<u64>(), 0u64..70, Just(u64::MAX)],
		siblings in prop::collection::vec(hash(), 0..80),
	) {
		let result = merkle::verify(&root, &data, index, count, &siblings);
		prop_assert!(result.is_err());
		if index >= count {
			prop_assert_eq!(result, Err(ProofError::IndexOutOfRange));
		}
		let _ = merkle::root_from_proof(root, index, count, &siblings);
	}

	#[test]
	fn proofs_exist_exactly_for_indices_in_range(steps in trace(), index in any::<u64>()) {
		let n = steps.len() as u64;
		prop_assert_eq!(merkle::proof(&steps, index).is_some(), index < n);
		prop_assert!(merkle::proof(&steps, n).is_none());
	}
}
