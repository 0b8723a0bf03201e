//! Glue traits between Verity pallets, one file per pallet that implements them.
//!
//! Each trait is the narrow view one pallet needs of another. The `()` implementations answer as
//! if the other pallet were absent: nothing exists, usage is not recorded, nothing is paid.

mod compute;
mod datasets;
mod lineage;
mod ownership;

pub use compute::*;
pub use datasets::*;
pub use lineage::*;
pub use ownership::*;

use alloc::vec::Vec;
use frame_support::weights::Weight;

/// Who is owed what for one paid use, and what finding them, paying each of them out of a hold
/// (`bond::pay`) and noting the use weigh at this item's own size (its ancestors, upstreams,
/// contributors), so the paying call is charged what it did rather than the worst case.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct RoyaltyPayees<AccountId, Balance> {
	/// Recipients and amounts; an account appears once.
	pub payees: Vec<(AccountId, Balance)>,
	/// The weight of `royalty_payees`, one payment out of a hold per payee, and `note_usage`
	/// together for this item: every payee costs the paying pallet a transfer, so a payee list
	/// an attacker grows (contributors, ancestors) is charged for.
	pub weight: Weight,
}

impl<AccountId, Balance> RoyaltyPayees<AccountId, Balance> {
	/// Payees whose lookup costs nothing worth charging (stand-ins and tests).
	pub fn unweighed(payees: Vec<(AccountId, Balance)>) -> Self {
		Self { payees, weight: Weight::zero() }
	}
}
