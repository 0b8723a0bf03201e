//! The `verity-anchor` command line: see `tools/anchor/README.md`.

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};
use frame_support::BoundedVec;
use std::{
	path::PathBuf,
	time::{Duration, Instant},
};
use verity_anchor::{
	chain::{self, Chain},
	proof_file::{ProofFile, StepProof},
	stream, trace,
};
use verity_primitives::{AnchorId, ContentHash, JobId, ModelVersionId};
use verity_runtime::{AccountId, BlockNumber, RuntimeCall, RuntimeEvent};

#[derive(Parser)]
#[command(
	name = "verity-anchor",
	version,
	about = "Anchor reasoning traces on Verity and verify their steps"
)]
struct Cli {
	#[command(subcommand)]
	command: Command,
}

#[derive(Subcommand)]
enum Command {
	/// Build the trees of a trace file (or of every *.json in a folder), anchor them in one
	/// batch, and write one proof file per trace.
	Anchor {
		/// The node's WebSocket RPC.
		#[arg(long, default_value = "ws://127.0.0.1:9944")]
		url: String,
		/// Secret URI of the submitting account.
		#[arg(long, default_value = "//Alice")]
		suri: String,
		/// A trace file, or a folder of them.
		input: PathBuf,
		/// Folder for the proof files (created if missing).
		#[arg(long)]
		out: PathBuf,
		/// The model version that produced the traces.
		#[arg(long)]
		model_version: Option<ModelVersionId>,
		/// The compute job that produced the traces.
		#[arg(long)]
		job: Option<JobId>,
		/// Where the off-chain bundle can be fetched.
		#[arg(long)]
		uri: Option<String>,
	},
	/// Ask the chain whether a step of a proof file's trace is anchored. Exits with 0 when it
	/// is, 1 when it is not.
	Verify {
		/// The node's WebSocket RPC.
		#[arg(long, default_value = "ws://127.0.0.1:9944")]
		url: String,
		/// A proof file written by `anchor`.
		#[arg(long)]
		proof: PathBuf,
		/// The step's index, from 0.
		#[arg(long)]
		step: u64,
		/// Claim this text for the step instead of the one in the proof file.
		#[arg(long)]
		text: Option<String>,
	},
	/// Write synthetic trace files (`trace-00000.json`, …) for measurements.
	Generate {
		/// Folder to write them to (created if missing).
		#[arg(long)]
		out: PathBuf,
		/// Number of traces.
		#[arg(long, default_value_t = 1000)]
		traces: u32,
		/// Steps per trace.
		#[arg(long, default_value_t = 1000)]
		steps: u32,
	},
	/// The baseline the batch is measured against: anchor `count` hashes one per
	/// `System.remark_with_event` extrinsic, and print hashes per second until all are in blocks.
	RemarkBaseline {
		/// The node's WebSocket RPC.
		#[arg(long, default_value = "ws://127.0.0.1:9944")]
		url: String,
		/// Secret URI of the submitting account.
		#[arg(long, default_value = "//Alice")]
		suri: String,
		/// Number of hashes (extrinsics).
		#[arg(long, default_value_t = 1000)]
		count: u32,
	},
	/// Anchor a stream of synthetic batches, one per block, each built on every core while the
	/// previous one waits for its block; print the sustained steps per second.
	Stream {
		/// The node's WebSocket RPC.
		#[arg(long, default_value = "ws://127.0.0.1:9944")]
		url: String,
		/// Secret URI of the submitting account.
		#[arg(long, default_value = "//Alice")]
		suri: String,
		/// Batches to anchor (one per block).
		#[arg(long, default_value_t = 20)]
		blocks: u32,
		/// Traces per batch.
		#[arg(long, default_value_t = 8000)]
		traces: u32,
		/// Steps per trace.
		#[arg(long, default_value_t = 1000)]
		steps: u32,
		/// Tree-building threads (default: every core).
		#[arg(long)]
		threads: Option<usize>,
	},
	/// Print one step's proof as JSON (anchor, trace root and proof, step and proof): what a
	/// dApp passes to the runtime API, without the trace's other steps.
	Prove {
		/// A proof file written by `anchor`.
		#[arg(long)]
		proof: PathBuf,
		/// The step's index, from 0.
		#[arg(long)]
		step: u64,
		/// Claim this text for the step instead of the one in the proof file.
		#[arg(long)]
		text: Option<String>,
	},
}

fn per_second(count: u64, elapsed: Duration) -> f64 {
	count as f64 / elapsed.as_secs_f64().max(1e-9)
}

#[tokio::main]
async fn main() -> Result<()> {
	match Cli::parse().command {
		Command::Anchor { url, suri, input, out, model_version, job, uri } => {
			anchor(&url, &suri, input, out, model_version, job, uri).await
		},
		Command::Verify { url, proof, step, text } => {
			let anchored = verify(&url, proof, step, text).await?;
			std::process::exit(if anchored { 0 } else { 1 });
		},
		Command::Generate { out, traces, steps } => generate(out, traces, steps),
		Command::RemarkBaseline { url, suri, count } => remark_baseline(&url, &suri, count).await,
		Command::Stream { url, suri, blocks, traces, steps, threads } => {
			let threads = threads
				.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
			stream::run(&url, &suri, blocks, stream::Shape { traces, steps }, threads).await
		},
		Command::Prove { proof, step, text } => {
			let file = ProofFile::read(&proof)?;
			let step = file.step(step, text.as_deref())?;
			println!("{}", serde_json::to_string_pretty(&step)?);
			Ok(())
		},
	}
}

async fn anchor(
	url: &str,
	suri: &str,
	input: PathBuf,
	out: PathBuf,
	model_version: Option<ModelVersionId>,
	job: Option<JobId>,
	uri: Option<String>,
) -> Result<()> {
	let start = Instant::now();
	let pair = chain::pair_from_suri(suri)?;
	let uri = uri
		.map(|u| BoundedVec::try_from(u.into_bytes()))
		.transpose()
		.map_err(|_| anyhow::anyhow!("--uri is longer than the runtime's MaxUriLen"))?;

	let traces = trace::load(&input)?;
	let steps: u64 = traces.iter().map(|t| t.steps.len() as u64).sum();
	println!(
		"read {} traces, {steps} steps from {} in {:.2?}",
		traces.len(),
		input.display(),
		start.elapsed()
	);

	let built = Instant::now();
	let roots = trace::trace_roots(&traces);
	let batch_root = trace::batch_root(&roots);
	let tree_time = built.elapsed();
	println!(
		"built {} trace trees and the batch tree in {tree_time:.2?}: {:.0} steps/s",
		traces.len(),
		per_second(steps, tree_time)
	);
	println!("batch root {batch_root:?}");

	let chain = Chain::connect(url).await?;
	let who = AccountId::from(sp_core::Pair::public(&pair));
	let (anchor, block_hash) = match existing_anchor(&chain, &who, batch_root).await? {
		Some(id) => {
			println!(
				"{who} already anchored this batch root as anchor {id}; writing its proof files"
			);
			(id, None)
		},
		None => {
			let count = u32::try_from(traces.len()).context("too many traces for one batch")?;
			let call = RuntimeCall::ReasoningAnchor(pallet_reasoning_anchor::Call::anchor_batch {
				root: batch_root,
				traces: count,
				steps,
				model_version,
				job,
				uri,
			});
			let (id, block) = submit_anchor(&chain, &pair, call, batch_root).await?;
			(id, Some(chain::to_hex(block.as_bytes())))
		},
	};

	let writing = Instant::now();
	std::fs::create_dir_all(&out).with_context(|| format!("creating {}", out.display()))?;
	let files = ProofFile::for_batch(anchor, block_hash, &traces, &roots)?;
	for file in &files {
		file.write(&out)?;
	}
	println!("wrote {} proof files to {} in {:.2?}", files.len(), out.display(), writing.elapsed());
	let total = start.elapsed();
	println!("end to end: {steps} steps in {total:.2?} = {:.0} steps/s", per_second(steps, total));
	Ok(())
}

/// `who`'s own anchor of `root`: others may have anchored the same root, and theirs is not ours.
async fn existing_anchor(
	chain: &Chain,
	who: &AccountId,
	root: ContentHash,
) -> Result<Option<AnchorId>> {
	chain
		.state_call("ReasoningAnchorApi_anchor_by_root", &codec::Encode::encode(&(who, root)))
		.await
}

/// Signs and submits the call, waits for its block and reads the anchor id from its events.
async fn submit_anchor(
	chain: &Chain,
	pair: &sp_core::sr25519::Pair,
	call: RuntimeCall,
	batch_root: ContentHash,
) -> Result<(AnchorId, sp_core::H256)> {
	use sp_core::Pair;
	let ctx = chain.signing_context().await?;
	let who = AccountId::from(pair.public());
	let nonce = chain.next_nonce(&who).await?;
	let extrinsic = chain::sign(call, pair, nonce, &ctx);
	let encoded = chain::to_hex(&codec::Encode::encode(&extrinsic));

	let submitted = Instant::now();
	let block = chain.submit_and_wait(&extrinsic).await?;
	let inclusion = submitted.elapsed();
	let number = chain.block_number(block).await?;
	println!("submitted anchor_batch as {who}: in block #{number} ({block:?}) {inclusion:.2?} after submission");

	let index = chain
		.block_extrinsics(block)
		.await?
		.iter()
		.position(|x| *x == encoded)
		.context("the extrinsic is not in the block the node named")? as u32;
	for record in chain.events(block).await? {
		if record.phase != frame_system::Phase::ApplyExtrinsic(index) {
			continue;
		}
		match record.event {
			RuntimeEvent::ReasoningAnchor(pallet_reasoning_anchor::Event::Anchored {
				anchor,
				root,
				fee,
				..
			}) if root == batch_root => {
				println!("anchor id {anchor:?}, fee {fee}");
				return Ok((anchor, block));
			},
			RuntimeEvent::System(frame_system::Event::ExtrinsicFailed {
				dispatch_error, ..
			}) => bail!("anchor_batch failed: {}", describe(dispatch_error)),
			_ => {},
		}
	}
	bail!("no Anchored event for the batch root in block {block:?}")
}

/// A dispatch error with this pallet's errors by name.
fn describe(error: sp_runtime::DispatchError) -> String {
	if let sp_runtime::DispatchError::Module(module) = error {
		let ours =
			<verity_runtime::ReasoningAnchor as frame_support::traits::PalletInfoAccess>::index();
		if usize::from(module.index) == ours {
			if let Ok(e) =
				<pallet_reasoning_anchor::Error<verity_runtime::Runtime> as codec::Decode>::decode(
					&mut &module.error[..],
				) {
				return format!("ReasoningAnchor.{e:?}");
			}
		}
	}
	format!("{error:?}")
}

async fn verify(url: &str, proof: PathBuf, step: u64, text: Option<String>) -> Result<bool> {
	let file = ProofFile::read(&proof)?;
	let claim: StepProof = file.step(step, text.as_deref())?;
	match claim.check_locally(&file.batch_root) {
		Ok(()) => println!(
			"local check: step {step} is in trace {:?} under batch root {:?}",
			claim.trace_root, file.batch_root
		),
		Err(why) => println!("local check: {why}"),
	}

	let chain = Chain::connect(url).await?;
	let asked = Instant::now();
	let result: pallet_reasoning_anchor::VerifyResult<AccountId, BlockNumber> =
		chain.state_call("ReasoningAnchorApi_verify_step", &claim.encode_call_args()).await?;
	let elapsed = asked.elapsed();
	println!("anchor {:?} step {step}: anchored: {}", claim.anchor, result.anchored);
	if let Some(reason) = result.reason {
		println!("  reason: {reason:?}");
	}
	let show = |v: Option<String>| v.unwrap_or_else(|| "-".into());
	println!("  block: {}", show(result.block.map(|b| format!("#{b}"))));
	println!("  submitter: {}", show(result.submitter.map(|s| s.to_string())));
	println!("  model version: {}", show(result.model_version.map(|v| v.to_string())));
	println!("  job: {}", show(result.job.map(|j| j.to_string())));
	println!("  attribution: {}", show(result.attribution.map(|a| format!("{a:?}"))));
	println!("  runtime API answered in {elapsed:.2?}");
	Ok(result.anchored)
}

fn generate(out: PathBuf, traces: u32, steps: u32) -> Result<()> {
	std::fs::create_dir_all(&out).with_context(|| format!("creating {}", out.display()))?;
	for t in 0..traces {
		let trace: Vec<String> = (0..steps)
			.map(|i| {
				format!(
					"Trace {t}, step {i}: therefore the claim follows from step {}.",
					i.saturating_sub(1)
				)
			})
			.collect();
		let path = out.join(format!("trace-{t:05}.json"));
		std::fs::write(&path, serde_json::to_string(&serde_json::json!({ "steps": trace }))?)?;
	}
	println!("wrote {traces} traces of {steps} steps to {}", out.display());
	Ok(())
}

async fn remark_baseline(url: &str, suri: &str, count: u32) -> Result<()> {
	use futures::StreamExt;
	use sp_core::Pair;
	let pair = chain::pair_from_suri(suri)?;
	let chain = Chain::connect(url).await?;
	let ctx = chain.signing_context().await?;
	let who = AccountId::from(pair.public());
	let first = chain.next_nonce(&who).await?;
	let extrinsics: Vec<_> = (0..count)
		.map(|i| {
			let hash =
				verity_primitives::merkle::leaf_hash(u64::from(i), b"remark-baseline").0.to_vec();
			let call = RuntimeCall::System(frame_system::Call::remark_with_event { remark: hash });
			chain::sign(call, &pair, first.saturating_add(i), &ctx)
		})
		.collect();
	let start = Instant::now();
	// Everything goes to the pool at once, as a busy dApp would send it; inclusion is read from
	// the account's nonce at the best block, so no subscription per transaction is needed.
	let sent: Vec<Result<sp_core::H256>> = futures::stream::iter(extrinsics.iter())
		.map(|x| chain.submit(x))
		.buffered(64)
		.collect()
		.await;
	if let Some(Err(e)) = sent.iter().find(|r| r.is_err()) {
		println!("first refusal: {e:#}");
	}
	let accepted = u32::try_from(sent.iter().filter(|r| r.is_ok()).count()).unwrap_or(u32::MAX);
	let target = first.saturating_add(accepted);
	let mut nonce = first;
	while nonce < target {
		if start.elapsed() > Duration::from_secs(600) {
			bail!(
				"only {} of {accepted} remarks included after 10 minutes",
				nonce.saturating_sub(first)
			);
		}
		tokio::time::sleep(Duration::from_millis(100)).await;
		nonce =
			chain.state_call("AccountNonceApi_account_nonce", &codec::Encode::encode(&who)).await?;
	}
	let elapsed = start.elapsed();
	let included = nonce.saturating_sub(first);
	println!(
		"remark_with_event baseline: {included}/{count} hashes in blocks in {elapsed:.2?} = {:.0} hashes/s",
		per_second(u64::from(included), elapsed)
	);
	Ok(())
}
