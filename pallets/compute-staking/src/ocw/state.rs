//! What the worker keeps in the node's persistent offchain storage: the operator's configuration
//! (raw UTF-8 values under `verity::compute::*`), and its own per-job state (SCALE values under
//! keys that are SCALE tuples `(tag, job, account)`): the committed output and salt, the Ray
//! submission, the last sent transaction, the lock.

use crate::Config;
use alloc::{string::String, vec::Vec};
use codec::{Decode, Encode};
use sp_core::H256;
use sp_runtime::offchain::storage::StorageValueRef;
use verity_primitives::{ContentHash, JobId, ModelVersionId};

use super::RESEND_AFTER;

/// OpenAI-compatible base URL.
pub const ENDPOINT_KEY: &[u8] = b"verity::compute::endpoint";
/// Default model name.
pub const MODEL_KEY: &[u8] = b"verity::compute::model";
/// Per-version model name: this prefix and the decimal version id.
pub const MODEL_PREFIX: &str = "verity::compute::model::";
/// Ray dashboard URL.
pub const RAY_KEY: &[u8] = b"verity::compute::ray";
/// The operator's training entrypoint.
pub const RAY_ENTRYPOINT_KEY: &[u8] = b"verity::compute::ray::entrypoint";
/// The operator's inference entrypoint: long inference runs on Ray only when it is set.
pub const RAY_INFERENCE_ENTRYPOINT_KEY: &[u8] = b"verity::compute::ray::inference_entrypoint";
/// Smallest `max_tokens` of an inference-like job run on Ray instead of one HTTP request.
pub const ASYNC_TOKENS_KEY: &[u8] = b"verity::compute::async_tokens";
/// Default of `async_tokens`: about what a fast server generates within the default deadline.
pub const DEFAULT_ASYNC_TOKENS: u32 = 512;
/// Hosts on loopback, private or link-local addresses that job inputs may come from.
pub const ALLOW_HOSTS_KEY: &[u8] = b"verity::compute::allow_hosts";
/// HTTP deadline per request, milliseconds.
pub const TIMEOUT_KEY: &[u8] = b"verity::compute::timeout_ms";
/// Default HTTP deadline.
pub const DEFAULT_TIMEOUT_MS: u64 = 20_000;

use verity_primitives::offchain;
pub use verity_primitives::offchain::{base_url, config, Phase};

/// The model name for `version`, else the default one, else `default`.
pub fn model_name(version: Option<ModelVersionId>) -> String {
	offchain::model_name(MODEL_PREFIX, MODEL_KEY, version)
}

/// HTTP deadline per request.
pub fn timeout_ms() -> u64 {
	offchain::config_or(TIMEOUT_KEY, DEFAULT_TIMEOUT_MS)
}

/// Smallest `max_tokens` run on Ray.
pub fn async_tokens() -> u32 {
	offchain::config_or(ASYNC_TOKENS_KEY, DEFAULT_ASYNC_TOKENS)
}

fn key<A: Encode>(tag: &[u8], job: JobId, who: &A) -> Vec<u8> {
	(tag, job, who).encode()
}

/// Key of the per-job lock.
pub fn lock_key<A: Encode>(job: JobId, who: &A) -> Vec<u8> {
	key(b"verity::compute::lock", job, who)
}

/// The output and salt committed (or about to be) for `job` by `who`.
pub fn result<T: Config>(job: JobId, who: &T::AccountId) -> Option<(ContentHash, H256)> {
	StorageValueRef::persistent(&key(b"verity::compute::result", job, who)).get().ok().flatten()
}

/// Keeps the output and salt before the commit goes out, so the reveal can follow; a result
/// kept earlier is never overwritten (returns the kept one).
pub fn keep_result<T: Config>(
	job: JobId,
	who: &T::AccountId,
	output: ContentHash,
	salt: H256,
) -> (ContentHash, H256) {
	offchain::keep_once(&key(b"verity::compute::result", job, who), (output, salt))
}

/// Whether `phase` was sent for `job` less than `RESEND_AFTER` blocks ago.
pub fn recently_sent<A: Encode>(job: JobId, who: &A, phase: Phase, now: u64) -> bool {
	offchain::recently_sent(&key(b"verity::compute::sent", job, who), phase, now, RESEND_AFTER)
}

/// Notes that `phase` was sent at `now`.
pub fn mark_sent<A: Encode>(job: JobId, who: &A, phase: Phase, now: u64) {
	offchain::mark_sent(&key(b"verity::compute::sent", job, who), phase, now)
}

/// Where a job's Ray run (training or long inference) stands.
#[derive(Clone, PartialEq, Eq, Encode, Decode, Debug)]
pub enum RayRun {
	/// Submitted under this submission id; poll it.
	Submitted(Vec<u8>),
	/// Failed or stopped; not retried.
	Failed,
}

/// The Ray run of `job` by `who`.
pub fn ray_run<A: Encode>(job: JobId, who: &A) -> Option<RayRun> {
	StorageValueRef::persistent(&key(b"verity::compute::ray::run", job, who)).get().ok().flatten()
}

/// Records the Ray run of `job` by `who`.
pub fn set_ray_run<A: Encode>(job: JobId, who: &A, run: &RayRun) {
	StorageValueRef::persistent(&key(b"verity::compute::ray::run", job, who)).set(run);
}

/// Whether job inputs may be fetched from `url`: public hosts always; `localhost` and IPv4
/// literals on loopback (127/8), private (10/8, 172.16/12, 192.168/16), link-local (169.254/16)
/// or unspecified (0/8) addresses, and IPv6 literals, only when `allow_hosts` names the host
/// (`host` or `host:port`). Hostnames are not resolved: an operator whose DNS maps public names
/// to internal addresses must filter at its own egress.
pub fn input_host_allowed(url: &str) -> bool {
	let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
	let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
	let authority = authority.rsplit_once('@').map(|(_, h)| h).unwrap_or(authority);
	let host = if authority.starts_with('[') {
		authority.split(']').next().map(|h| h.trim_start_matches('[')).unwrap_or("")
	} else {
		authority.split(':').next().unwrap_or("")
	};
	if !is_internal(host) {
		return true;
	}
	config(ALLOW_HOSTS_KEY).is_some_and(|list| {
		list.split(',').map(str::trim).any(|allowed| allowed == host || allowed == authority)
	})
}

/// Whether `host` names this machine or a private network.
fn is_internal(host: &str) -> bool {
	let host = host.to_ascii_lowercase();
	if host == "localhost" || host.ends_with(".localhost") || host.contains(':') {
		return true;
	}
	let octets: Vec<u8> = host.split('.').filter_map(|p| p.parse().ok()).collect();
	if octets.len() != 4 || host.split('.').count() != 4 {
		return false;
	}
	matches!(
		(octets.first().copied(), octets.get(1).copied()),
		(Some(0 | 10 | 127), _)
			| (Some(169), Some(254))
			| (Some(192), Some(168))
			| (Some(172), Some(16..=31))
	)
}
