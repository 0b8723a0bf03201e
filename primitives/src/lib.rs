//! Verity primitives: the small vocabulary every Verity pallet and client shares.
//!
//! - [`bond`]: stake bonds held, released and slashed the same way in every pallet.
//! - [`deadline`]: per-block deadline queues with spill, and retrying a failed step.
//! - [`ids`]: identifiers and the content-hash type.
//! - [`merkle`]: the binary Merkle format of traces, batches and dataset shards.
//! - [`commitment`]: commit-reveal commitments bound to (domain, object, party).
//! - [`draw`]: stake-weighted random draws of seats.
//! - [`license`]: the SPDX rule table deciding whether one license's work may derive from another's.
//! - [`offchain`]: the operator's configuration and HTTP with deadlines, for off-chain workers.
//! - [`walk`]: idle block space for the resumable taint walks.
//! - [`traits`]: glue traits through which pallets read each other's facts. Pallets never depend
//!   on each other; each declares a `Config` item bounded by one of these traits and the runtime
//!   wires the real pallet in `runtime/src/configs/`. Every trait has a `()` implementation that
//!   answers "nothing there", so a pallet works alone in tests and in runtimes without its peers.
//! - [`testing`] (std): stand-ins for the glue traits that pallet unit tests fill with facts.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod bond;
pub mod commitment;
pub mod deadline;
pub mod draw;
pub mod ids;
pub mod license;
pub mod merkle;
pub mod offchain;
pub mod split;
pub mod traits;
pub mod walk;

pub use ids::*;
#[cfg(feature = "std")]
pub mod testing;

/// Writes a pallet's `BalanceOf<T>` and `CreditOf<T>` (for a `Config` with a fungible
/// `Currency`), so that every pallet defines them alike. Expanded in the pallet's `types.rs`.
#[macro_export]
macro_rules! currency_types {
	() => {
		/// Balance of the pallet's currency.
		pub type BalanceOf<T> =
			<<T as Config>::Currency as frame_support::traits::fungible::Inspect<
				<T as frame_system::Config>::AccountId,
			>>::Balance;
		/// Funds on their way out of the pallet (a slash or a fee), handed to its `OnUnbalanced`.
		pub type CreditOf<T> = frame_support::traits::fungible::Credit<
			<T as frame_system::Config>::AccountId,
			<T as Config>::Currency,
		>;
	};
}
