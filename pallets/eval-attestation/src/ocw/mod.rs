//! # Off-chain evaluation
//!
//! Runs on an evaluator's node (`--offchain-worker always` unless the node is a validator) when
//! a `vrev` key is in its keystore ([`crypto`]). Nobody types a score: the chain draws the
//! evaluator's seats and its worker serves them unattended. Each block, for each local key (at
//! most [`MAX_LOCAL_KEYS`]) and each request in flight (at most [`MAX_SCANNED`], more than the
//! chain lets be in flight at once) in which that key holds a seat:
//! - **evaluate and commit** (the request is committing and the seat has not committed): under a
//!   per-request lock in persistent offchain storage, run this block's share of the evaluation
//!   ([`evaluate::step`]: the benchmark's harness over the node-local hidden test set, checked
//!   against its `test_set_root`, at most `items_per_block` items to the evaluator's own
//!   inference server); once every item is done, keep `(score, salt)` (never replaced once kept)
//!   and submit `commit(request, commitment(EVAL_SCORE, request, evaluator, (score, None), salt))`;
//! - **reveal** (the request is revealing and the seat committed): submit
//!   `reveal(request, score, None, salt)` from what was kept.
//!
//! A sent transaction is not sent again for [`RESEND_AFTER`] blocks. A node that is offline, or
//! slower than the commit period allows, misses its commit and is slashed as a no-show.
//!
//! The harnesses are [`harness`], specified in `docs/eval-harnesses.md`.
//!
//! ## Node-local configuration (persistent offchain storage, raw values)
//! Set with the `offchain_localStorageSet` RPC (`scripts/set-ocw-config.sh`):
//! - `verity::eval::endpoint`: OpenAI-compatible base URL, e.g. `http://127.0.0.1:8080`;
//! - `verity::eval::model::<version id>` (else `verity::eval::model`, else `default`): the served
//!   model name of a model version;
//! - `verity::eval::test_set::<benchmark id>`: the benchmark's hidden test set, the file's bytes
//!   (one JSON item per line, `docs/eval-harnesses.md`), never on chain;
//! - `verity::eval::items_per_block` (default 8), `verity::eval::timeout_ms` (default 20000).

pub mod crypto;
pub mod evaluate;
pub mod harness;

use crate::{types::*, Benchmarks, Call, Config, Requests};
use alloc::vec::Vec;
use codec::Encode;
use evaluate::{key, Evaluated, Task};
use frame_system::{
	offchain::{Account, Signer},
	pallet_prelude::BlockNumberFor,
};
use sp_core::H256;
use sp_runtime::{
	offchain::storage_lock::{BlockAndTime, StorageLock},
	traits::UniqueSaturatedInto,
	Perbill,
};
use verity_primitives::{
	commitment::{commitment, EVAL_SCORE},
	offchain::{self, Phase},
};

pub use verity_primitives::offchain::{Step, MAX_LOCAL_KEYS, RESEND_AFTER};
/// Most requests in flight looked at per block.
pub const MAX_SCANNED: usize = 512;
/// Blocks a request's lock outlives its holder at most.
const LOCK_BLOCKS: u32 = 30;

/// Why the worker did nothing for a seat this block (logged, never fatal).
#[derive(Debug, PartialEq, Eq)]
pub enum OcwError {
	/// Another worker run holds the request's lock.
	Locked,
	/// The request's benchmark is gone.
	UnknownBenchmark,
	/// The evaluation could not go on (see [`evaluate::EvalError`]).
	Evaluate(evaluate::EvalError),
	/// Nothing kept to reveal.
	NothingToReveal,
	/// The transaction could not be built or entered the pool.
	Submit,
}

/// The step `who` owes `request` in its current state.
pub(crate) fn next_step<T: Config>(request: &RequestOf<T>, who: &T::AccountId) -> Step {
	let Some(seat) = request.assignments.iter().find(|a| &a.evaluator == who) else {
		return Step::Wait;
	};
	offchain::step(
		matches!(request.status, RequestStatus::Committing { .. }),
		matches!(request.status, RequestStatus::Revealing { .. }),
		seat.commitment.is_some(),
		seat.revealed.is_some(),
	)
}

/// The off-chain worker's entry point.
pub fn run<T: Config>(now: BlockNumberFor<T>) {
	let now: u64 = now.unique_saturated_into();
	let accounts: Vec<Account<T>> =
		Signer::<T, T::AuthorityId>::keystore_accounts().take(MAX_LOCAL_KEYS).collect();
	if accounts.is_empty() {
		return;
	}
	for (id, request) in Requests::<T>::iter().take(MAX_SCANNED) {
		for account in &accounts {
			if let Err(e) = process::<T>(now, account, id, &request) {
				log::debug!(target: evaluate::TARGET, "request {id}: {e:?}");
			}
		}
	}
}

/// The score and salt committed (or about to be) for `request` by `who`.
pub fn kept<A: Encode>(request: RequestId, who: &A) -> Option<(Score, H256)> {
	sp_runtime::offchain::storage::StorageValueRef::persistent(&key(
		b"verity::eval::result",
		request,
		who,
	))
	.get()
	.ok()
	.flatten()
}

/// One step for one request in which one local key holds a seat.
pub(crate) fn process<T: Config>(
	now: u64,
	account: &Account<T>,
	id: RequestId,
	request: &RequestOf<T>,
) -> Result<(), OcwError> {
	let who = &account.id;
	let sent = key(b"verity::eval::sent", id, who);
	match next_step::<T>(request, who) {
		Step::Wait => Ok(()),
		Step::Reveal => {
			if offchain::recently_sent(&sent, Phase::Reveal, now, RESEND_AFTER) {
				return Ok(());
			}
			let (score, salt) = kept(id, who).ok_or(OcwError::NothingToReveal)?;
			send::<T>(account, Call::reveal { request: id, score, contamination: None, salt })?;
			offchain::mark_sent(&sent, Phase::Reveal, now);
			log::info!(target: evaluate::TARGET, "request {id}: reveal sent (score {score})");
			Ok(())
		},
		Step::Commit => {
			if offchain::recently_sent(&sent, Phase::Commit, now, RESEND_AFTER) {
				return Ok(());
			}
			// Held for at least a whole step: every item of the block at its HTTP deadline.
			let step_ms = u64::from(evaluate::items_per_block())
				.saturating_mul(evaluate::timeout_ms())
				.saturating_add(5_000);
			let lock_key = key(b"verity::eval::lock", id, who);
			let mut lock =
				StorageLock::<BlockAndTime<frame_system::Pallet<T>>>::with_block_and_time_deadline(
					&lock_key,
					LOCK_BLOCKS,
					sp_runtime::offchain::Duration::from_millis(step_ms),
				);
			let _guard = lock.try_lock().map_err(|_| OcwError::Locked)?;
			let (score, salt) = match kept(id, who) {
				Some(kept) => kept,
				None => {
					let benchmark = Benchmarks::<T>::get(request.benchmark)
						.ok_or(OcwError::UnknownBenchmark)?;
					let task = Task {
						request: id,
						version: request.version,
						benchmark: request.benchmark,
						harness_hash: benchmark.spec.harness_hash,
						test_set_root: benchmark.spec.test_set_root,
						test_items: benchmark.spec.test_items,
						seed: request.seed.unwrap_or_default(),
					};
					let score = match evaluate::step(&task, who).map_err(OcwError::Evaluate)? {
						Evaluated::Running(_) => return Ok(()),
						Evaluated::Done(score) => score,
					};
					let salt = H256(sp_io::offchain::random_seed());
					// A score kept by an earlier run wins: its commitment may be on its way.
					offchain::keep_once(&key(b"verity::eval::result", id, who), (score, salt))
				},
			};
			let value = (score, None::<Perbill>);
			send::<T>(
				account,
				Call::commit {
					request: id,
					commitment: commitment(EVAL_SCORE, &id, who, &value, &salt),
				},
			)?;
			offchain::mark_sent(&sent, Phase::Commit, now);
			log::info!(target: evaluate::TARGET, "request {id}: commit sent (score {score})");
			Ok(())
		},
	}
}

/// Signs `call` with exactly this evaluator's key and puts it in the pool.
fn send<T: Config>(account: &Account<T>, call: Call<T>) -> Result<(), OcwError> {
	offchain::send_signed::<T, T::AuthorityId, _>(account, call)
		.then_some(())
		.ok_or(OcwError::Submit)
}
