//! Commitments of Verity's commit-reveal schemes, bound to their domain, object and party.
//!
//! A commitment hashes `(domain, object, party, value, salt)` in SCALE. Binding the domain keeps a
//! commitment from one scheme from opening in another; binding the object (job, request,
//! dataset) stops replay across objects; binding the party stops a seat holder from copying a
//! peer's commitment and revealing the peer's value after it: the copy opens only for the peer.
//! Compute staking, eval attestation, the dataset registry and the off-chain worker all call
//! [`commitment`], so the chain and the workers agree byte for byte.

use codec::Encode;
use sp_core::H256;
use sp_runtime::traits::{BlakeTwo256, Hash};

/// An 8-byte tag naming one commit-reveal scheme.
pub type Domain = [u8; 8];

/// A compute job's result: object = job id, value = output hash.
pub const COMPUTE_RESULT: Domain = *b"vrty/job";
/// An evaluator's score: object = request id, value = (score, contamination flag).
pub const EVAL_SCORE: Domain = *b"vrty/evl";
/// A dataset registration: object = dataset root, value = the shard list's hash.
pub const DATASET_REGISTRATION: Domain = *b"vrty/dsr";
/// A dataset verifier's vote: object = dataset id, value = the verdict.
pub const DATASET_VOTE: Domain = *b"vrty/dsv";

/// `blake2_256(SCALE(domain, object, party, value, salt))`.
pub fn commitment<O: Encode, P: Encode, V: Encode>(
	domain: Domain,
	object: &O,
	party: &P,
	value: &V,
	salt: &H256,
) -> H256 {
	BlakeTwo256::hash(&(domain, object, party, value, salt).encode())
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn each_binding_changes_the_commitment() {
		let salt = H256::repeat_byte(7);
		let base = commitment(COMPUTE_RESULT, &1u64, &10u64, &H256::repeat_byte(1), &salt);
		assert_eq!(base, commitment(COMPUTE_RESULT, &1u64, &10u64, &H256::repeat_byte(1), &salt));
		assert_ne!(base, commitment(EVAL_SCORE, &1u64, &10u64, &H256::repeat_byte(1), &salt));
		assert_ne!(base, commitment(COMPUTE_RESULT, &2u64, &10u64, &H256::repeat_byte(1), &salt));
		assert_ne!(base, commitment(COMPUTE_RESULT, &1u64, &11u64, &H256::repeat_byte(1), &salt));
		assert_ne!(base, commitment(COMPUTE_RESULT, &1u64, &10u64, &H256::repeat_byte(2), &salt));
		assert_ne!(
			base,
			commitment(COMPUTE_RESULT, &1u64, &10u64, &H256::repeat_byte(1), &H256::zero())
		);
	}

	#[test]
	fn the_hashed_bytes_are_the_scale_tuple() {
		let salt = H256::repeat_byte(9);
		let mut bytes = b"vrty/job".to_vec();
		bytes.extend_from_slice(&5u64.to_le_bytes());
		bytes.extend_from_slice(&6u64.to_le_bytes());
		bytes.extend_from_slice(H256::repeat_byte(3).as_bytes());
		bytes.extend_from_slice(salt.as_bytes());
		assert_eq!(
			commitment(COMPUTE_RESULT, &5u64, &6u64, &H256::repeat_byte(3), &salt),
			BlakeTwo256::hash(&bytes)
		);
	}
}
