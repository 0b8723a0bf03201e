//! # Off-chain evaluation
//!
//! The harnesses an evaluator's node runs ([`harness`], specified in `docs/eval-harnesses.md`)
//! and one block's share of an evaluation ([`evaluate`]): the hidden test set read from the
//! node's persistent offchain storage and checked against the benchmark's committed root, items
//! sent to the evaluator's own inference server in batches, progress kept so a restart resumes.
//!
//! ## Node-local configuration (persistent offchain storage, raw values)
//! - `verity::eval::endpoint`: OpenAI-compatible base URL, e.g. `http://127.0.0.1:8080`;
//! - `verity::eval::model::<version id>` (else `verity::eval::model`, else `default`): the served
//!   model name of a model version;
//! - `verity::eval::test_set::<benchmark id>`: the benchmark's hidden test set, the file's bytes
//!   (one JSON item per line, `docs/eval-harnesses.md`), never on chain;
//! - `verity::eval::items_per_block` (default 8), `verity::eval::timeout_ms` (default 20000).

pub mod evaluate;
pub mod harness;
