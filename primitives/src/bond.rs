//! Stake bonds: the one way every Verity pallet whose accounts stake (compute providers, dataset
//! verifiers, evaluators) holds, releases and slashes a bond.
//!
//! - A bond is a **hold** under the pallet's own reason, never a lock or a freeze: a slash moves
//!   held funds, so an account cannot spend its stake out from under a coming slash, and nothing
//!   is ever paid out of free balance after a release.
//! - **Adding zero is refused** with the pallet's own error: it would change nothing and emit a
//!   bond event all the same.
//! - **Release gives back everything still held under the reason** (`balance_on_hold`), not the
//!   amount the pallet's record says: what slashes took is gone, the rest returns, and a record
//!   that disagreed with the hold could neither strand funds nor make the release fail. Each
//!   reason holds one bond per account, so "everything held" is exactly the bond.
//! - **A slash takes up to the amount asked from the hold** (never more than is held) and hands
//!   the credit to the pallet's `OnUnbalanced` (the treasury in the runtime); it returns what it
//!   took. Whether a slash is applied at once or queued first is each pallet's parameter:
//!   compute staking defers its slashes (`SlashDeferral`, through [`crate::deadline`]) because a
//!   spot-check verdict can be disputed and cancelled by `DisputeOrigin`; verifier and evaluator
//!   slashes punish a missed commit or reveal, a fact on chain with nothing to dispute, and are
//!   applied at once.
//! - **A payment out of a hold** ([`pay`]) moves held funds straight to the payee's free balance
//!   (`transfer_on_hold`): compute staking pays providers, royalties and the treasury from the
//!   job owner's payment hold this way, and the royalty lookups' benchmarks pay their payees the
//!   same way, so the weight they report covers the payouts.

use frame_support::{
	storage::with_storage_layer,
	traits::{
		fungible::{BalancedHold, Credit, MutateHold},
		tokens::{imbalance::Imbalance, Fortitude, Precision, Restriction},
		OnUnbalanced,
	},
};
use sp_runtime::{
	traits::{Saturating, Zero},
	DispatchError, DispatchResult,
};

/// Holds `amount` more of `who`'s balance under `reason`; a zero `amount` is refused with
/// `if_zero`.
pub fn add<C: MutateHold<A>, A>(
	reason: &C::Reason,
	who: &A,
	amount: C::Balance,
	if_zero: impl Into<DispatchError>,
) -> DispatchResult {
	if amount.is_zero() {
		return Err(if_zero.into());
	}
	C::hold(reason, who, amount)
}

/// Releases all `who` still has held under `reason`; returns the amount released.
pub fn release_all<C: MutateHold<A>, A>(
	reason: &C::Reason,
	who: &A,
) -> Result<C::Balance, DispatchError> {
	let held = C::balance_on_hold(reason, who);
	if held.is_zero() {
		return Ok(held);
	}
	C::release(reason, who, held, Precision::Exact)
}

/// Takes up to `amount` of what `who` holds under `reason` to `S`; returns the amount taken.
pub fn slash<C: BalancedHold<A>, A, S: OnUnbalanced<Credit<A, C>>>(
	reason: &C::Reason,
	who: &A,
	amount: C::Balance,
) -> C::Balance {
	let (credit, _missing) = C::slash(reason, who, amount);
	let taken = credit.peek();
	S::on_unbalanced(credit);
	taken
}

/// Pays `amount` of what `from` holds under `reason` to `to`'s free balance; returns what was
/// paid: nothing for a zero amount or a payment to oneself, and nothing, with its writes undone,
/// when the transfer fails (e.g. a payee that would stay below the existential deposit).
pub fn pay<C: MutateHold<A>, A: PartialEq>(
	reason: &C::Reason,
	from: &A,
	to: &A,
	amount: C::Balance,
) -> C::Balance {
	if amount.is_zero() || from == to {
		return Zero::zero();
	}
	with_storage_layer(|| {
		C::transfer_on_hold(
			reason,
			from,
			to,
			amount,
			Precision::Exact,
			Restriction::Free,
			Fortitude::Force,
		)
	})
	.unwrap_or_else(|_| Zero::zero())
}

/// [`pay`]s each `(payee, amount)` out of `from`'s hold under `reason`; returns the total paid.
pub fn pay_all<C: MutateHold<A>, A: PartialEq>(
	reason: &C::Reason,
	from: &A,
	payees: impl IntoIterator<Item = (A, C::Balance)>,
) -> C::Balance {
	payees.into_iter().fold(Zero::zero(), |total: C::Balance, (to, amount)| {
		total.saturating_add(pay::<C, A>(reason, from, &to, amount))
	})
}
