//! # Off-chain worker bridge to the provider's cluster
//!
//! Runs on a provider's node (`--offchain-worker always` unless the node is a validator) when a
//! `vrty` key is in the keystore (see [`crypto`]). Nobody sends claims: the chain draws the
//! provider's seats, and the worker serves them unattended. Each block, for each local key (at
//! most [`MAX_LOCAL_KEYS`]) it walks the jobs that key's provider holds a seat in
//! (`ProviderJobs`, at most `MaxCapacity`) and does at most one step per job:
//! - **compute and commit**: under a per-job lock in persistent offchain storage (taken with
//!   compare-and-set, lasting two HTTP deadlines), run the job on the operator's cluster over
//!   HTTP with a deadline, keep `(output_hash, salt)` in offchain storage (never overwritten once
//!   kept) and submit `commit(job, commitment_of(job, provider, output_hash, salt))`;
//! - **reveal**: once the job is revealing, submit `reveal(job, output_hash, salt)` from what was
//!   kept.
//!
//! A provider that is offline misses its commit period and is slashed as silent: serving the
//! seats is the node's job, not a person's.
//!
//! A sent transaction is not sent again for [`RESEND_AFTER`] blocks. The worker never does heavy
//! work itself: inference is one HTTP call to the cluster; training, and inference asking for at
//! least `async_tokens` tokens when the operator set an inference entrypoint, is a Ray job the
//! worker only submits and then polls, one request per block, so a long generation is not cut
//! off by one HTTP deadline and holds none of the node's offchain-worker threads while it runs.
//! The chain gives such a seat the time: `CommitPeriod` plus a block per
//! `InferenceTokensPerBlock` of its `max_tokens`.
//!
//! ## Node-local configuration (persistent offchain storage, raw UTF-8 values)
//! Set with the `offchain_localStorageSet` RPC (`scripts/set-ocw-config.sh`; the node needs
//! `--rpc-methods unsafe` for it):
//! - `verity::compute::endpoint`: OpenAI-compatible base URL, e.g. `http://127.0.0.1:8080`.
//! - `verity::compute::model`: model name sent when no per-version name is set (default
//!   `default`; llama.cpp ignores it, vLLM needs its served name).
//! - `verity::compute::model::<version id>`: model name for a model version (decimal id).
//! - `verity::compute::ray`: Ray dashboard URL, e.g. `http://127.0.0.1:8265`.
//! - `verity::compute::ray::entrypoint`: the operator's training command, e.g.
//!   `python /opt/verity/train_tiny.py`. Training jobs are refused without it: the chain never
//!   decides what runs on the provider's cluster, it only passes the job's facts as environment
//!   variables `VERITY_JOB_ID`, `VERITY_INPUT_URI`, `VERITY_INPUT_HASH`, `VERITY_SEED`,
//!   `VERITY_MAX_TOKENS`, `VERITY_MODEL`.
//! - `verity::compute::ray::inference_entrypoint`: the operator's inference command, e.g.
//!   `python /opt/verity/infer_job.py` (`scripts/cluster/infer_job.py`). Unset (the default),
//!   every inference-like job is one HTTP request. Set, jobs whose `max_tokens` is at least
//!   `async_tokens` run as Ray jobs with the training variables above plus `VERITY_API`
//!   (`chat`, `completion` or `embedding`) and `VERITY_TEMPERATURE_MILLI`; the entrypoint must
//!   send the request described below and print the output hash (see "Output hash").
//! - `verity::compute::async_tokens`: smallest `max_tokens` run on Ray (default 512).
//! - `verity::compute::timeout_ms`: HTTP deadline per request (default 20000).
//! - `verity::compute::allow_hosts`: comma-separated hosts (`host` or `host:port`) on loopback,
//!   private or link-local addresses that job inputs may be fetched from. Without it such inputs
//!   are refused, so a submitter cannot point providers at their own internal services.
//!
//! ## Inputs
//! The job's input URI is `data:<media type>,<bytes>` (bytes taken literally: no percent or
//! base64 decoding) or an `http://`/`https://` URL fetched with GET. Either way the bytes must
//! hash (blake2-256) to the job's input hash; when they do not (the submitter changed the input
//! after the draw), the worker commits [`crate::BAD_INPUT`] instead of an output, and when the
//! seats agree on that the job ends with nobody slashed.
//!
//! ## Output hash (canonical forms; ids, timestamps, timings and usage are never hashed)
//! - chat (`POST /v1/chat/completions`, input = the user message): the `message.content` of each
//!   choice, in response order, joined with the byte `0x1E`; blake2-256 of those UTF-8 bytes.
//!   With one choice that is just `blake2_256(content)`.
//! - completion (`POST /v1/completions`, input = the prompt): the same over each choice's `text`.
//! - embedding (`POST /v1/embeddings`, input = the text): for each `data[i].embedding` in order,
//!   its length as u32 little-endian, then every value rounded to 4 decimals, times 10⁴, as i32
//!   little-endian; blake2-256 of it all.
//! - inference on Ray (any of the three above): the inference entrypoint fetches the input from
//!   `VERITY_INPUT_URI` and checks it against `VERITY_INPUT_HASH` as the worker does (on a
//!   mismatch its output is [`crate::BAD_INPUT`]), sends the same request to its own server and
//!   prints `VERITY_OUTPUT_HASH=0x<64 hex digits>` (the last such line counts) with the hash in
//!   the same canonical form, so seats on either path agree. `scripts/cluster/infer_job.py` is
//!   that entrypoint; `src/tests/output-hash-vectors.json` holds answers with their hashes, which
//!   both this code and the script's test compute.
//! - training (Ray Jobs REST API): the job's logs must print a line
//!   `VERITY_ARTIFACT_HASH=0x<64 hex digits>` (the last such line counts); that hash is the
//!   output — for a model, the weights hash `model-lineage` checks versions against.
//!
//! Requests send `temperature` = the job's temperature (0 for inference), `seed` = the job's
//! seed modulo 2³²−1 (llama.cpp reads 0xFFFFFFFF as "random"), `max_tokens`, `stream: false`
//! (embeddings: `model` and `input` only); as JSON with sorted keys and no spaces.

pub mod crypto;
pub(crate) mod http;
pub(crate) mod inference;
pub(crate) mod ray;
pub(crate) mod state;
pub(crate) mod training;

use crate::{results::commitment_of, types::*, Call, Config, Jobs, ProviderJobs, BAD_INPUT};
use frame_system::{
	offchain::{Account, Signer},
	pallet_prelude::BlockNumberFor,
};
use sp_core::H256;
use sp_runtime::{
	offchain::storage_lock::{BlockAndTime, StorageLock},
	traits::UniqueSaturatedInto,
};
use verity_primitives::{ContentHash, JobId};

pub use verity_primitives::offchain::{Step, MAX_LOCAL_KEYS, RESEND_AFTER};
/// Blocks a job's lock outlives its holder at most (two HTTP deadlines of 20 s at 6 s blocks).
const LOCK_BLOCKS: u32 = 10;

/// Why the worker did nothing for a job this block (logged, never fatal).
#[derive(Debug, PartialEq, Eq)]
pub enum OcwError {
	/// Another worker run holds the job's lock.
	Locked,
	/// A needed `verity::compute::*` key is not set.
	NotConfigured(&'static str),
	/// The request could not be made or answered in time.
	Http,
	/// The cluster answered with this non-2xx status.
	Status(u16),
	/// The answer was not what the API promises.
	BadResponse,
	/// The input URI is neither `data:` nor `http(s)://`, or not UTF-8.
	BadUri,
	/// The input does not hash to the job's input hash.
	InputMismatch,
	/// The input URL is on a loopback, private or link-local host the operator did not allow.
	HostNotAllowed,
	/// The Ray job failed or was stopped.
	ClusterJobFailed,
	/// Nothing kept to reveal.
	NothingToReveal,
	/// The transaction could not be built or entered the pool.
	Submit,
}

/// The step `who` owes job `job` in its current state.
pub(crate) fn next_step<T: Config>(job: &Job<T>, who: &T::AccountId) -> Step {
	let Some(seat) = job.seats.iter().find(|s| &s.provider == who) else { return Step::Wait };
	verity_primitives::offchain::step(
		job.status == JobStatus::Committing,
		matches!(job.status, JobStatus::Revealing { .. }),
		seat.commitment.is_some(),
		seat.output.is_some(),
	)
}

/// The off-chain worker's entry point.
pub fn run<T: Config>(now: BlockNumberFor<T>) {
	let now: u64 = now.unique_saturated_into();
	for account in Signer::<T, T::AuthorityId>::keystore_accounts().take(MAX_LOCAL_KEYS) {
		for id in ProviderJobs::<T>::get(&account.id) {
			if let Err(e) = process::<T>(now, &account, id) {
				log::debug!(target: "runtime::compute-staking::ocw", "job {id}: {e:?}");
			}
		}
	}
}

/// One step for one job held by one local provider key.
pub(crate) fn process<T: Config>(
	now: u64,
	account: &Account<T>,
	id: JobId,
) -> Result<(), OcwError> {
	let Some(job) = Jobs::<T>::get(id) else { return Ok(()) };
	let who = account.id.clone();
	match next_step::<T>(&job, &who) {
		Step::Wait => Ok(()),
		Step::Reveal => {
			if state::recently_sent(id, &who, state::Phase::Reveal, now) {
				return Ok(());
			}
			let (output, salt) = state::result::<T>(id, &who).ok_or(OcwError::NothingToReveal)?;
			send::<T>(account, Call::reveal { job: id, output, salt })?;
			state::mark_sent(id, &who, state::Phase::Reveal, now);
			log::info!(target: "runtime::compute-staking::ocw", "job {id}: reveal sent ({output:?})");
			Ok(())
		},
		Step::Commit => {
			if state::recently_sent(id, &who, state::Phase::Commit, now) {
				return Ok(());
			}
			let key = state::lock_key(id, &who);
			let timeout = state::timeout_ms();
			let mut lock =
				StorageLock::<BlockAndTime<frame_system::Pallet<T>>>::with_block_and_time_deadline(
					&key,
					LOCK_BLOCKS,
					sp_runtime::offchain::Duration::from_millis(
						timeout.saturating_mul(2).saturating_add(5_000),
					),
				);
			let _guard = lock.try_lock().map_err(|_| OcwError::Locked)?;
			let (output, salt) = match state::result::<T>(id, &who) {
				Some(kept) => kept,
				None => {
					let Some(output) = compute::<T>(id, &job, &who, timeout)? else {
						return Ok(());
					};
					let salt = H256(sp_io::offchain::random_seed());
					// A result kept by an earlier run wins: its commitment may be on its way.
					state::keep_result::<T>(id, &who, output, salt)
				},
			};
			send::<T>(
				account,
				Call::commit { job: id, commitment: commitment_of(id, &who, &output, &salt) },
			)?;
			state::mark_sent(id, &who, state::Phase::Commit, now);
			log::info!(target: "runtime::compute-staking::ocw", "job {id}: commit sent ({output:?})");
			Ok(())
		},
	}
}

/// Runs the job on the cluster: `Some(output hash)` when done, `None` while a Ray run goes on.
fn compute<T: Config>(
	id: JobId,
	job: &Job<T>,
	who: &T::AccountId,
	timeout: u64,
) -> Result<Option<ContentHash>, OcwError> {
	match job.spec.kind {
		JobKind::Training => training::step::<T>(id, job, who, timeout),
		JobKind::Inference | JobKind::Evaluation | JobKind::SyntheticData => {
			match inference::step::<T>(id, job, who, timeout) {
				// The input changed after the draw: say so instead of computing.
				Err(OcwError::InputMismatch) => Ok(Some(BAD_INPUT)),
				other => other,
			}
		},
	}
}

/// Signs `call` with exactly this provider's key and puts it in the pool.
fn send<T: Config>(account: &Account<T>, call: Call<T>) -> Result<(), OcwError> {
	verity_primitives::offchain::send_signed::<T, T::AuthorityId, _>(account, call)
		.then_some(())
		.ok_or(OcwError::Submit)
}
