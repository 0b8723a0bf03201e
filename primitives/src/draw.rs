//! Drawing seats at random, weighted by stake.
//!
//! Compute staking (job providers and spot-checkers), eval attestation (evaluators) and the
//! dataset registry (verifiers) do not let anyone pick a seat: the chain draws seats among the
//! eligible bonded accounts, each draw with probability proportional to the account's stake among
//! those not yet drawn. An entity that splits its stake over many accounts therefore has the same
//! chance of holding a seat as with one account (the sum of the weights is the same), and
//! interested parties are removed from the candidates before the draw.
//!
//! The seed comes from the runtime's randomness (see `docs/randomness.md`) mixed with the drawing
//! pallet's subject, so two draws in one block differ.

use alloc::vec::Vec;
use codec::Encode;
use sp_runtime::traits::{BlakeTwo256, Hash};

/// The `i`-th 128-bit number of the stream seeded by `seed`.
fn stream(seed: &[u8; 32], i: u32) -> u128 {
	let h = BlakeTwo256::hash(&(seed, i).encode()).0;
	let mut low = [0u8; 16];
	low.copy_from_slice(h.get(..16).unwrap_or(&[0u8; 16]));
	u128::from_le_bytes(low)
}

/// Draws up to `count` distinct candidates, each draw weighted by the weights of those not yet
/// drawn. Candidates of weight zero are never drawn. Fewer than `count` come back when fewer
/// have weight. Deterministic in `seed`. Costs `O(count × candidates)` arithmetic, no storage.
pub fn draw_weighted<A: Clone>(
	mut candidates: Vec<(A, u128)>,
	count: u32,
	seed: &[u8; 32],
) -> Vec<A> {
	candidates.retain(|(_, w)| *w > 0);
	let mut drawn = Vec::new();
	for i in 0..count {
		let total = candidates.iter().fold(0u128, |acc, (_, w)| acc.saturating_add(*w));
		let Some(mut point) = stream(seed, i).checked_rem(total) else { break };
		let mut pick = None;
		for (index, (_, weight)) in candidates.iter().enumerate() {
			if point < *weight {
				pick = Some(index);
				break;
			}
			point = point.saturating_sub(*weight);
		}
		// Saturation at `u128::MAX` total can leave the point past the end: take the last.
		let index = pick.unwrap_or(candidates.len().saturating_sub(1));
		if index >= candidates.len() {
			break;
		}
		let (who, _) = candidates.swap_remove(index);
		drawn.push(who);
	}
	drawn
}

#[cfg(test)]
mod tests {
	use super::*;

	fn seed(n: u32) -> [u8; 32] {
		BlakeTwo256::hash(&n.encode()).0
	}

	#[test]
	fn draws_distinct_candidates_and_never_zero_weights() {
		for n in 0..200 {
			let got = draw_weighted(vec![(1u8, 5), (2, 0), (3, 5), (4, 1)], 3, &seed(n));
			assert_eq!(got.len(), 3);
			assert!(!got.contains(&2));
			let mut sorted = got.clone();
			sorted.sort();
			sorted.dedup();
			assert_eq!(sorted.len(), 3);
		}
		assert_eq!(draw_weighted(vec![(1u8, 0)], 1, &seed(0)), Vec::<u8>::new());
		assert_eq!(draw_weighted(vec![(1u8, 3)], 4, &seed(0)), vec![1]);
	}

	#[test]
	fn first_draw_follows_the_weights() {
		// 3 : 1 weights over 4,000 seeds: the heavy one should win about 3,000 times.
		let wins = (0..4000)
			.filter(|n| draw_weighted(vec![('a', 300), ('b', 100)], 1, &seed(*n)) == vec!['a'])
			.count();
		assert!((2850..=3150).contains(&wins), "heavy candidate won {wins} of 4000");
	}

	#[test]
	fn splitting_stake_buys_no_extra_chance() {
		// Party X holds 300 in one account or 3 × 100; the honest party holds 300. The chance
		// that X holds the single seat is the same, about one half, either way.
		let one = (0..4000)
			.filter(|n| draw_weighted(vec![("x", 300), ("h", 300)], 1, &seed(*n)) == vec!["x"])
			.count();
		let split = (0..4000)
			.filter(|n| {
				draw_weighted(vec![("x", 100), ("x", 100), ("x", 100), ("h", 300)], 1, &seed(*n))
					== vec!["x"]
			})
			.count();
		assert!((1850..=2150).contains(&one), "one account: {one}");
		assert!((1850..=2150).contains(&split), "split accounts: {split}");
	}

	#[test]
	fn huge_weights_do_not_overflow() {
		let got = draw_weighted(vec![(1u8, u128::MAX), (2, u128::MAX)], 2, &seed(1));
		assert_eq!(got.len(), 2);
	}
}
