//! Models and versions as a verifiable lineage DAG.
#![cfg_attr(not(feature = "std"), no_std)]
