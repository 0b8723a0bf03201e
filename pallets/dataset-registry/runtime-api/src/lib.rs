//! Runtime API of the dataset registry.
#![cfg_attr(not(feature = "std"), no_std)]
