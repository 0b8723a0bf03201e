//! # Off-chain evaluation
//!
//! The harnesses an evaluator's node runs ([`harness`], specified in `docs/eval-harnesses.md`).

pub mod harness;
