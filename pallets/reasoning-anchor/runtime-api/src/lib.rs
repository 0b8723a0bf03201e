//! Runtime API of the reasoning-anchor pallet.
#![cfg_attr(not(feature = "std"), no_std)]
