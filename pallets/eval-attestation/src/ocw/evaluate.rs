//! One block's share of an evaluation: up to `items_per_block` more items of the hidden test set
//! sent to the evaluator's inference server, the running count kept in persistent offchain
//! storage (so a restarted node resumes where it stopped), and the score once every item is done.

use super::harness::{self, Harness, HarnessError, Item};
use crate::types::{RequestId, Score};
use alloc::{format, vec::Vec};
use codec::{Decode, Encode};
use sp_runtime::offchain::{http::Method, storage::StorageValueRef};
use verity_primitives::{
	offchain::{self, HttpError},
	BenchmarkId, ContentHash, ModelVersionId,
};

/// Log target of the evaluation worker.
pub const TARGET: &str = "runtime::eval-attestation::ocw";
/// OpenAI-compatible base URL of the evaluator's inference server.
pub const ENDPOINT_KEY: &[u8] = b"verity::eval::endpoint";
/// Default served model name.
pub const MODEL_KEY: &[u8] = b"verity::eval::model";
/// Per-version served model name: this prefix and the decimal version id.
pub const MODEL_PREFIX: &str = "verity::eval::model::";
/// A benchmark's hidden test set (the file's bytes, one JSON item per line): this prefix and
/// the decimal benchmark id.
pub const TEST_SET_PREFIX: &str = "verity::eval::test_set::";
/// Items sent per block.
pub const ITEMS_PER_BLOCK_KEY: &[u8] = b"verity::eval::items_per_block";
/// Default items per block: at about 4 items/s on one CPU thread, within a 6 s block.
pub const DEFAULT_ITEMS_PER_BLOCK: u32 = 8;
/// HTTP deadline per item, milliseconds.
pub const TIMEOUT_KEY: &[u8] = b"verity::eval::timeout_ms";
/// Default HTTP deadline.
pub const DEFAULT_TIMEOUT_MS: u64 = 20_000;

/// Why no progress was made this block (logged; the next block tries again).
#[derive(Debug, PartialEq, Eq)]
pub enum EvalError {
	/// A needed `verity::eval::*` key is not set.
	NotConfigured(&'static str),
	/// The benchmark's `harness_hash` names no harness this node knows.
	UnknownHarness(ContentHash),
	/// The node-local test set is not the benchmark's: this root and count instead.
	TestSetMismatch { root: ContentHash, items: u32 },
	/// A line of the node-local test set is not an item of the harness.
	BadItem(u32),
	/// The server did not answer an item.
	Http(HttpError),
	/// The server's answer is not the endpoint's shape.
	BadResponse,
}

impl From<HarnessError> for EvalError {
	fn from(e: HarnessError) -> Self {
		match e {
			HarnessError::BadItem(line) => EvalError::BadItem(line),
			HarnessError::BadResponse => EvalError::BadResponse,
		}
	}
}

/// What an evaluation needs from the chain.
pub struct Task {
	pub request: RequestId,
	pub version: ModelVersionId,
	pub benchmark: BenchmarkId,
	pub harness_hash: ContentHash,
	pub test_set_root: ContentHash,
	pub test_items: u32,
	pub seed: u64,
}

/// Items done and correct so far.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode)]
pub struct Progress {
	pub done: u32,
	pub correct: u32,
}

/// Where an evaluation stands after this block's step.
#[derive(Debug, PartialEq, Eq)]
pub enum Evaluated {
	/// More items to go.
	Running(Progress),
	/// Every item done: the score.
	Done(Score),
}

/// A key of the worker's own state: SCALE of `(tag, request, account)`, the tag as bytes.
pub(crate) fn key<A: Encode>(tag: &[u8], request: RequestId, who: &A) -> Vec<u8> {
	(tag, request, who).encode()
}

fn progress_key<A: Encode>(request: RequestId, who: &A) -> Vec<u8> {
	key(b"verity::eval::progress", request, who)
}

/// The progress kept for `request` by `who`.
pub fn progress<A: Encode>(request: RequestId, who: &A) -> Progress {
	StorageValueRef::persistent(&progress_key(request, who))
		.get()
		.ok()
		.flatten()
		.unwrap_or_default()
}

/// The node-local test set of `task`'s benchmark, checked against its committed root and count.
pub fn test_set(task: &Task) -> Result<Vec<Item>, EvalError> {
	let harness = Harness::from_hash(&task.harness_hash)
		.ok_or(EvalError::UnknownHarness(task.harness_hash))?;
	let key = format!("{TEST_SET_PREFIX}{}", task.benchmark);
	let file = sp_io::offchain::local_storage_get(
		sp_core::offchain::StorageKind::PERSISTENT,
		key.as_bytes(),
	)
	.ok_or(EvalError::NotConfigured("test_set"))?;
	let items = harness::parse_items(harness, &file)?;
	let (root, count) = harness::test_set_root(&items);
	if root != task.test_set_root || count != task.test_items {
		return Err(EvalError::TestSetMismatch { root, items: count });
	}
	Ok(items)
}

/// Runs this block's share of `task` for evaluator `who` (the caller holds the request's lock).
pub fn step<A: Encode>(task: &Task, who: &A) -> Result<Evaluated, EvalError> {
	let items = test_set(task).inspect_err(
		|e| log::warn!(target: TARGET, "request {}: refusing to evaluate: {e:?}", task.request),
	)?;
	let base = offchain::base_url(ENDPOINT_KEY).ok_or(EvalError::NotConfigured("endpoint"))?;
	let model = offchain::model_name(MODEL_PREFIX, MODEL_KEY, Some(task.version));
	let timeout = timeout_ms();
	let batch = items_per_block();
	let total = u32::try_from(items.len()).unwrap_or(u32::MAX);
	let key = progress_key(task.request, who);
	let stored = StorageValueRef::persistent(&key);
	let mut progress: Progress = stored.get().ok().flatten().unwrap_or_default();
	let end = progress.done.saturating_add(batch).min(total);
	let mut result = Ok(());
	for item in items.iter().take(end as usize).skip(progress.done as usize) {
		let (path, body) = harness::request(item, &model, task.seed);
		let answer =
			offchain::call(TARGET, Method::Post, &format!("{base}{path}"), Some(body), timeout)
				.map_err(EvalError::Http)
				.and_then(|answer| harness::is_correct(item, &answer).map_err(EvalError::from));
		match answer {
			Ok(correct) => {
				progress.done = progress.done.saturating_add(1);
				progress.correct = progress.correct.saturating_add(u32::from(correct));
			},
			Err(e) => {
				result = Err(e);
				break;
			},
		}
	}
	// What was answered counts even when a later item failed: the next block resumes after it.
	stored.set(&progress);
	log::info!(
		target: TARGET,
		"request {}: {}/{} items, running score {}",
		task.request,
		progress.done,
		total,
		harness::score(progress.correct, progress.done)
	);
	result?;
	Ok(if progress.done >= total {
		Evaluated::Done(harness::score(progress.correct, total))
	} else {
		Evaluated::Running(progress)
	})
}

/// HTTP deadline per item.
pub fn timeout_ms() -> u64 {
	offchain::config_or(TIMEOUT_KEY, DEFAULT_TIMEOUT_MS)
}

/// Items sent per block (at least one).
pub fn items_per_block() -> u32 {
	offchain::config_or(ITEMS_PER_BLOCK_KEY, DEFAULT_ITEMS_PER_BLOCK).max(1)
}
