//! What every Verity off-chain worker needs from the node: the operator's configuration in
//! persistent offchain storage (raw UTF-8 values, set with the `offchain_localStorageSet` RPC),
//! one HTTP request with a deadline and a size limit, where only a 2xx answer counts, and the
//! bookkeeping of a commit-reveal step: a value kept once, a transaction not sent twice.

use alloc::{string::String, vec::Vec};
use codec::{Decode, Encode};
use frame_system::offchain::{
	Account, AppCrypto, CreateSignedTransaction, SendSignedTransaction, Signer,
};
use sp_core::offchain::StorageKind;
use sp_runtime::offchain::{
	http::{Method, Request},
	storage::{MutateStorageError, StorageValueRef},
	Duration,
};

/// Largest response body read (inference answers and Ray logs are far smaller).
pub const MAX_BODY: usize = 1 << 20;

/// Why a request gave no answer.
#[derive(Debug, PartialEq, Eq)]
pub enum HttpError {
	/// It could not be made or answered in time.
	Unreachable,
	/// The server answered with this non-2xx status.
	Status(u16),
	/// The body could not be read in time or is larger than [`MAX_BODY`].
	Body,
}

/// A raw configuration value as UTF-8, trimmed; `None` when unset, empty or not UTF-8.
pub fn config(key: &[u8]) -> Option<String> {
	let raw = sp_io::offchain::local_storage_get(StorageKind::PERSISTENT, key)?;
	let text = core::str::from_utf8(&raw).ok()?.trim();
	(!text.is_empty()).then(|| String::from(text))
}

/// A configuration value parsed as `V`, or `default` when unset or unparsable.
pub fn config_or<V: core::str::FromStr>(key: &[u8], default: V) -> V {
	config(key).and_then(|text| text.parse().ok()).unwrap_or(default)
}

/// The served model name for model `version`: the value of `<prefix><version>`, else of
/// `default_key`, else `default` (llama.cpp ignores the name; vLLM needs its served name).
pub fn model_name(prefix: &str, default_key: &[u8], version: Option<u64>) -> String {
	version
		.and_then(|v| config(alloc::format!("{prefix}{v}").as_bytes()))
		.or_else(|| config(default_key))
		.unwrap_or_else(|| String::from("default"))
}

/// A configured base URL without trailing slashes.
pub fn base_url(key: &[u8]) -> Option<String> {
	config(key).map(|u| String::from(u.trim_end_matches('/')))
}

/// Sends `body` (JSON) to `url` with `method`; returns the 2xx response body. The time taken is
/// logged under `target` (the operator's measure of the cluster).
pub fn call(
	target: &str,
	method: Method,
	url: &str,
	body: Option<Vec<u8>>,
	timeout_ms: u64,
) -> Result<Vec<u8>, HttpError> {
	let started = sp_io::offchain::timestamp();
	let deadline = started.add(Duration::from_millis(timeout_ms));
	let verb = if method == Method::Get { "GET" } else { "POST" };
	let mut request: Request<Vec<Vec<u8>>> = Request::new(url).method(method).deadline(deadline);
	if let Some(body) = body {
		request = request.add_header("Content-Type", "application/json").body(alloc::vec![body]);
	}
	let pending = request.send().map_err(|_| HttpError::Unreachable)?;
	let response = pending
		.try_wait(deadline)
		.map_err(|_| HttpError::Unreachable)?
		.map_err(|_| HttpError::Unreachable)?;
	log::info!(
		target: target,
		"{verb} {url} -> {} in {} ms",
		response.code,
		sp_io::offchain::timestamp().diff(&started).millis()
	);
	if !(200..300).contains(&response.code) {
		return Err(HttpError::Status(response.code));
	}
	let mut reader = response.body();
	reader.deadline(deadline);
	let bytes: Vec<u8> = reader.by_ref().take(MAX_BODY.saturating_add(1)).collect();
	if reader.error().is_some() || bytes.len() > MAX_BODY {
		return Err(HttpError::Body);
	}
	Ok(bytes)
}

/// Keeps `value` under `key` in persistent offchain storage unless a value is already kept
/// there (compare-and-set: a concurrent worker run cannot overwrite it); returns the kept one.
/// What a worker commits to must be what it later reveals, so a kept value is never replaced.
pub fn keep_once<V: Encode + Decode + Clone>(key: &[u8], value: V) -> V {
	let kept =
		StorageValueRef::persistent(key).mutate(|stored: Result<Option<V>, _>| match stored {
			Ok(Some(earlier)) => Err(earlier),
			_ => Ok(value.clone()),
		});
	match kept {
		Ok(new) => new,
		Err(MutateStorageError::ValueFunctionFailed(earlier)) => earlier,
		Err(_) => value,
	}
}

/// The transaction a worker's step sends for an object.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, Debug)]
pub enum Phase {
	/// A commitment.
	Commit,
	/// Its reveal.
	Reveal,
}

/// Whether `phase` was sent (noted under `key`) less than `resend_after` blocks before `now`:
/// a sent transaction waits that long for the chain before it is sent again.
pub fn recently_sent(key: &[u8], phase: Phase, now: u64, resend_after: u64) -> bool {
	let sent: Option<(Phase, u64)> = StorageValueRef::persistent(key).get().ok().flatten();
	matches!(sent, Some((p, at)) if p == phase && now < at.saturating_add(resend_after))
}

/// Notes under `key` that `phase` was sent at `now`.
pub fn mark_sent(key: &[u8], phase: Phase, now: u64) {
	StorageValueRef::persistent(key).set(&(phase, now));
}

/// Most local keys a worker serves per block.
pub const MAX_LOCAL_KEYS: usize = 4;
/// Blocks before a sent commit or reveal is sent again if the chain has not seen it.
pub const RESEND_AFTER: u64 = 5;

/// What a worker does next for one seat.
#[derive(Debug, PartialEq, Eq)]
pub enum Step {
	/// Do the work and commit to its result.
	Commit,
	/// Reveal what was committed.
	Reveal,
	/// Nothing for this seat now.
	Wait,
}

/// The step a seat owes: commit while its object takes commitments and the seat has none,
/// reveal while it takes reveals and the seat committed but has not revealed.
pub fn step(committing: bool, revealing: bool, committed: bool, revealed: bool) -> Step {
	match (committing, revealing, committed, revealed) {
		(true, _, false, _) => Step::Commit,
		(_, true, true, false) => Step::Reveal,
		_ => Step::Wait,
	}
}

/// Signs `call` with exactly `account`'s key (of app crypto `A`) and puts it in the pool;
/// whether it entered the pool.
pub fn send_signed<T, A, C>(account: &Account<T>, call: C) -> bool
where
	T: CreateSignedTransaction<C>,
	A: AppCrypto<T::Public, T::Signature>,
	C: Clone,
{
	let sent = Signer::<T, A>::any_account()
		.with_filter(alloc::vec![account.public.clone()])
		.send_signed_transaction(|_| call.clone());
	matches!(sent, Some((_, Ok(()))))
}
