//! Runtime API of model lineage.
#![cfg_attr(not(feature = "std"), no_std)]
