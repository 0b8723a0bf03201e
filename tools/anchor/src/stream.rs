//! Sustained anchoring: batches of traces built on every core while the previous batch waits
//! for its block, one `anchor_batch` per block.
//!
//! The batches are synthetic (step `i` of trace `t` of batch `b` is a sentence naming all
//! three), so a run measures the pipeline, not a disk: every step's text is formatted into a
//! reused buffer and hashed at once into its leaf, in the tree format of
//! `verity_primitives::merkle` (the same roots `trace::trace_root` gives for those texts).

use crate::chain::{self, Chain};
use anyhow::{bail, Context, Result};
use sp_core::{Pair, H256};
use std::{fmt::Write as _, sync::Arc, time::Instant};
use verity_primitives::{merkle, AnchorId, ContentHash};
use verity_runtime::{configs::RuntimeBlockWeights, AccountId, RuntimeCall};

/// The shape of every batch of a run.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
	/// Traces per batch.
	pub traces: u32,
	/// Steps per trace.
	pub steps: u32,
}

impl Shape {
	/// Steps per batch.
	pub fn batch_steps(&self) -> u64 {
		u64::from(self.traces).saturating_mul(u64::from(self.steps))
	}
}

/// Step `step` of trace `trace` of batch `batch`, written into `out` (cleared first).
pub fn step_text(out: &mut String, batch: u32, trace: u32, step: u32) {
	out.clear();
	let _ = write!(
		out,
		"Batch {batch}, trace {trace}, step {step}: therefore the claim follows from step {}.",
		step.saturating_sub(1)
	);
}

/// The root of one synthetic trace, its steps hashed as they are written.
pub fn synthetic_trace_root(batch: u32, trace: u32, steps: u32) -> ContentHash {
	let mut text = String::with_capacity(96);
	let leaves = (0..steps)
		.map(|i| {
			step_text(&mut text, batch, trace, i);
			merkle::leaf_hash(u64::from(i), text.as_bytes())
		})
		.collect();
	merkle::root_of_leaves(leaves)
}

/// A built batch: its root, and how long building took on `threads` threads.
pub struct Built {
	pub index: u32,
	pub root: ContentHash,
	pub seconds: f64,
	pub threads: usize,
}

/// Builds batch `index` on `threads` threads: the trace roots in parallel, then the batch root.
pub fn build_batch(index: u32, shape: Shape, threads: usize) -> Built {
	let started = Instant::now();
	let threads = threads.clamp(1, shape.traces.max(1) as usize);
	let per_thread = shape.traces.div_ceil(threads as u32).max(1);
	let roots: Vec<ContentHash> = std::thread::scope(|scope| {
		let handles: Vec<_> = (0..threads as u32)
			.map(|part| {
				let first = part.saturating_mul(per_thread);
				let last = first.saturating_add(per_thread).min(shape.traces);
				scope.spawn(move || {
					(first..last)
						.map(|t| synthetic_trace_root(index, t, shape.steps))
						.collect::<Vec<_>>()
				})
			})
			.collect();
		handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
	});
	let root = crate::trace::batch_root(&roots);
	Built { index, root, seconds: started.elapsed().as_secs_f64(), threads }
}

/// Raw BLAKE2b-256 speed on one core, in hashes per second, over inputs of `len` bytes: the
/// ceiling of tree building, which hashes about two inputs of that size per step (its leaf
/// and its share of the inner nodes).
pub fn blake2_rate(len: usize, seconds: f64) -> f64 {
	let mut input = vec![7u8; len];
	let started = Instant::now();
	let mut count: u64 = 0;
	while started.elapsed().as_secs_f64() < seconds {
		for _ in 0..10_000 {
			// The function the tree uses (`merkle`'s blake2b-256).
			let hash = <sp_runtime::traits::BlakeTwo256 as sp_runtime::traits::Hash>::hash(&input);
			input[0] = hash.0[0];
			count += 1;
		}
	}
	count as f64 / started.elapsed().as_secs_f64()
}

/// The typical leaf input of a synthetic step: tag, index and text.
pub fn typical_leaf_len() -> usize {
	let mut text = String::new();
	step_text(&mut text, 12, 1234, 567);
	text.len() + 9
}

/// One batch's way onto the chain.
struct Landed {
	root: ContentHash,
	block: H256,
	at: Instant,
}

/// Anchors `blocks` batches of `shape`, one a block: batch `k + 1` is built while batch `k`
/// waits for its block, and submitted once `k` is in one. Prints the sustained rate.
pub async fn run(url: &str, suri: &str, blocks: u32, shape: Shape, threads: usize) -> Result<()> {
	if blocks < 2 {
		bail!("--blocks must be at least 2 to measure a sustained rate");
	}
	let leaf_len = typical_leaf_len();
	let raw = blake2_rate(leaf_len, 1.0);
	println!(
		"BLAKE2b-256 on one core: {raw:.0} hashes/s of {leaf_len} bytes, so at most {:.0} steps/s per core (two hashes a step)",
		raw / 2.0
	);
	let pair = chain::pair_from_suri(suri)?;
	let chain = Arc::new(Chain::connect(url).await?);
	let ctx = chain.signing_context().await?;
	let who = AccountId::from(pair.public());
	let first_nonce = chain.next_nonce(&who).await?;
	let batch_steps = shape.batch_steps();
	println!(
		"streaming {blocks} batches of {} traces × {} steps = {batch_steps} steps, built on {threads} threads",
		shape.traces, shape.steps
	);

	let started = Instant::now();
	let build =
		move |index| tokio::task::spawn_blocking(move || build_batch(index, shape, threads));
	let mut building = Some(build(0));
	let mut pending: Option<(ContentHash, tokio::task::JoinHandle<Result<H256>>)> = None;
	let mut landed: Vec<Landed> = Vec::new();
	let mut build_seconds: Vec<f64> = Vec::new();
	for k in 0..blocks {
		let built = building.take().context("no batch in the making")?.await?;
		build_seconds.push(built.seconds);
		if k + 1 < blocks {
			building = Some(build(k + 1));
		}
		// One batch a block: the next goes to the pool once the last is in a block.
		if let Some((root, wait)) = pending.take() {
			landed.push(Landed { root, block: wait.await??, at: Instant::now() });
		}
		let call = RuntimeCall::ReasoningAnchor(pallet_reasoning_anchor::Call::anchor_batch {
			root: built.root,
			traces: shape.traces,
			steps: batch_steps,
			model_version: None,
			job: None,
			uri: None,
		});
		let extrinsic = chain::sign(call, &pair, first_nonce.saturating_add(k), &ctx);
		let chain = chain.clone();
		pending = Some((
			built.root,
			tokio::spawn(async move { chain.submit_and_wait(&extrinsic).await }),
		));
	}
	if let Some((root, wait)) = pending.take() {
		landed.push(Landed { root, block: wait.await??, at: Instant::now() });
	}
	let total = started.elapsed().as_secs_f64();
	report(&chain, &who, &landed, batch_steps, total, &build_seconds, threads, raw).await
}

/// Checks every batch is anchored by `who` and prints the rates and the blocks' weight.
#[allow(clippy::too_many_arguments)]
async fn report(
	chain: &Chain,
	who: &AccountId,
	landed: &[Landed],
	batch_steps: u64,
	total: f64,
	build_seconds: &[f64],
	threads: usize,
	raw: f64,
) -> Result<()> {
	let max_block = RuntimeBlockWeights::get().max_block.ref_time() as f64;
	let mut numbers = Vec::new();
	let mut shares = Vec::new();
	for batch in landed {
		let id: Option<AnchorId> = chain
			.state_call(
				"ReasoningAnchorApi_anchor_by_root",
				&codec::Encode::encode(&(who, batch.root)),
			)
			.await?;
		if id.is_none() {
			bail!("batch root {:?} is not anchored by {who}", batch.root);
		}
		numbers.push(chain.block_number(batch.block).await?);
		shares.push(chain.block_weight(batch.block).await?.ref_time() as f64 / max_block);
	}
	let (Some(first), Some(last)) = (landed.first(), landed.last()) else {
		bail!("nothing was anchored");
	};
	let span = last.at.duration_since(first.at).as_secs_f64().max(1e-9);
	let sustained = batch_steps as f64 * (landed.len() as f64 - 1.0) / span;
	let (lo, hi) = (numbers.iter().min().copied(), numbers.iter().max().copied());
	let blocks_spanned = hi.zip(lo).map_or(0, |(hi, lo)| hi.saturating_sub(lo) + 1);
	let per_core = batch_steps as f64 / median(build_seconds) / threads as f64;
	println!(
		"{} batches anchored in {blocks_spanned} blocks (#{} to #{}), every root checked through ReasoningAnchorApi_anchor_by_root",
		landed.len(),
		lo.unwrap_or_default(),
		hi.unwrap_or_default()
	);
	println!(
		"tree building: median {:.2} s a batch = {per_core:.0} steps/s per core ({:.0}% of the BLAKE2b ceiling {:.0})",
		median(build_seconds),
		per_core * 100.0 / (raw / 2.0),
		raw / 2.0
	);
	println!(
		"block weight used (all classes, of max_block): median {:.1}%",
		median(&shares) * 100.0
	);
	println!(
		"sustained: {sustained:.0} steps/s between the first and the last inclusion; end to end: {:.0} steps/s ({} steps in {total:.1} s)",
		batch_steps as f64 * landed.len() as f64 / total,
		batch_steps * landed.len() as u64
	);
	Ok(())
}

fn median(values: &[f64]) -> f64 {
	let mut sorted = values.to_vec();
	sorted.sort_by(|a, b| a.total_cmp(b));
	sorted.get(sorted.len() / 2).copied().unwrap_or_default()
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn synthetic_roots_are_the_roots_of_their_texts() {
		let texts = |batch, trace, steps| -> Vec<String> {
			(0..steps)
				.map(|i| {
					let mut s = String::new();
					step_text(&mut s, batch, trace, i);
					s
				})
				.collect()
		};
		assert_eq!(synthetic_trace_root(3, 5, 7), crate::trace::trace_root(&texts(3, 5, 7)));
		let shape = Shape { traces: 9, steps: 4 };
		let roots: Vec<_> = (0..9).map(|t| crate::trace::trace_root(&texts(2, t, 4))).collect();
		for threads in [1, 2, 4, 16] {
			let built = build_batch(2, shape, threads);
			assert_eq!(built.root, crate::trace::batch_root(&roots), "{threads} threads");
		}
		// Every batch differs: a stream never anchors the same root twice.
		assert_ne!(build_batch(1, shape, 2).root, build_batch(2, shape, 2).root);
	}
}
