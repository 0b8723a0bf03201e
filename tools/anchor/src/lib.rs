//! Command-line tool: build reasoning-trace Merkle trees, anchor them, verify steps.
#![cfg_attr(not(feature = "std"), no_std)]
