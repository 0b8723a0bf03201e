//! Equal shares: how a payment is divided among the parties that earned it alike (the providers
//! of a completed job, the evaluators within tolerance of an attested score).
//!
//! Rule: each of `n` shares is `amount / n` rounded down; the rounding rest (fewer than `n`
//! units) goes to the first recipient, so the shares add up to exactly `amount` and nothing is
//! left behind. Recipients come in the order the chain drew them, so who gets the rest is not
//! the recipients' choice.

use sp_runtime::traits::{AtLeast32BitUnsigned, Zero};

/// The `n` equal shares of `amount`, first one carrying the rounding rest; none when `n` is 0.
pub fn equal_shares<B: AtLeast32BitUnsigned + Copy>(
	amount: B,
	n: usize,
) -> impl Iterator<Item = B> {
	let count = B::from(u32::try_from(n).unwrap_or(u32::MAX));
	let each = amount.checked_div(&count).unwrap_or_else(Zero::zero);
	let rest = amount.saturating_sub(each.saturating_mul(count));
	(0..n).map(move |i| if i == 0 { each.saturating_add(rest) } else { each })
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn shares_add_up_to_the_amount_and_the_rest_goes_first() {
		assert_eq!(equal_shares(10u64, 3).collect::<Vec<_>>(), vec![4, 3, 3]);
		assert_eq!(equal_shares(9u64, 3).collect::<Vec<_>>(), vec![3, 3, 3]);
		assert_eq!(equal_shares(2u64, 3).collect::<Vec<_>>(), vec![2, 0, 0]);
		assert_eq!(equal_shares(7u128, 0).count(), 0);
		for amount in [0u64, 1, 99, 1_000_003, u64::MAX] {
			for n in 1..12 {
				let shares: Vec<u64> = equal_shares(amount, n).collect();
				assert_eq!(shares.len(), n);
				assert_eq!(shares.iter().map(|s| u128::from(*s)).sum::<u128>(), u128::from(amount));
				assert!(shares.windows(2).all(|w| w[0] >= w[1]));
				assert!(shares[0] - shares[n - 1] < n as u64);
			}
		}
	}
}
