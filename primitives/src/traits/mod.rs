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

/// Who is owed what for one paid use, and what finding them and noting the use weigh at this
/// item's own size (its ancestors, upstreams), so the paying call is charged what it did rather
/// than the worst case.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct RoyaltyPayees<AccountId, Balance> {
	/// Recipients and amounts; an account appears once.
	pub payees: Vec<(AccountId, Balance)>,
	/// The weight of `royalty_payees` and `note_usage` together for this item.
	pub weight: Weight,
}

impl<AccountId, Balance> RoyaltyPayees<AccountId, Balance> {
	/// Payees whose lookup costs nothing worth charging (stand-ins and tests).
	pub fn unweighed(payees: Vec<(AccountId, Balance)>) -> Self {
		Self { payees, weight: Weight::zero() }
	}
}
