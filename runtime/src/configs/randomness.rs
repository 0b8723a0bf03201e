//! The randomness every seat draw uses (compute providers and spot-checkers, evaluators, dataset
//! verifiers): `blake2_256(subject ‖ parent hash)`, reported as of the parent block.
//!
//! The draw happens in a block after the request that asks for it, so the requester cannot know
//! the seed when it signs. What the parent block's author can do is choose among the blocks it
//! could produce (which extrinsics, in which order) and so grind the seed; the solochain trusts
//! its validator set (root-managed, `pallet-validator-set`) not to, and a validator that
//! withholds its block to re-roll loses its slot. See `docs/randomness.md` for what each party
//! can gain. The parachain flavour uses the same seed (its collators have the same power); the
//! relay chain's BABE randomness, from the relay state proof, is the next step there
//! (`docs/parachain.md`).

use frame_support::traits::Randomness;
use sp_core::H256;
use sp_runtime::traits::{BlakeTwo256, Hash};

use super::super::{BlockNumber, Runtime};

/// `blake2_256(subject ‖ parent hash)`, as of the parent block.
pub struct ParentHashRandomness;

impl Randomness<H256, BlockNumber> for ParentHashRandomness {
	fn random(subject: &[u8]) -> (H256, BlockNumber) {
		let parent = frame_system::Pallet::<Runtime>::parent_hash();
		let mut bytes = subject.to_vec();
		bytes.extend_from_slice(parent.as_ref());
		let now = frame_system::Pallet::<Runtime>::block_number();
		(BlakeTwo256::hash(&bytes), now.saturating_sub(1))
	}
}
