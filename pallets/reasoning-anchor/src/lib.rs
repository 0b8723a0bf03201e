//! Merkle-anchored reasoning traces with step-inclusion proofs.
#![cfg_attr(not(feature = "std"), no_std)]
