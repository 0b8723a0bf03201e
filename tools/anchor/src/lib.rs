//! verity-anchor: build reasoning-trace Merkle trees, anchor them in one `anchor_batch`
//! extrinsic, keep per-trace proof files, and verify steps against the chain.
//!
//! - [`trace`]: trace files and their trees (the format of `verity_primitives::merkle`).
//! - [`proof_file`]: what is kept per trace, and how a step's proof is recomputed from it.
//! - [`chain`]: RPC, signing with the runtime's own types, events, `state_call`.
//! - [`stream`]: sustained anchoring, a batch built per block while the last one is included.
//!
//! The binary's usage is in `tools/anchor/README.md`.

pub mod chain;
pub mod proof_file;
pub mod stream;
pub mod trace;
