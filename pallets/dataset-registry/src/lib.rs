//! Content-addressed datasets with shard-level dedup, verification and royalties.
#![cfg_attr(not(feature = "std"), no_std)]
