//! Bonded GPU providers, escrowed jobs, verified results, slashing and the off-chain bridge.
#![cfg_attr(not(feature = "std"), no_std)]
