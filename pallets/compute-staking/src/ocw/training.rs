//! Training through the Ray Jobs REST API, one request per block: submit (`POST /api/jobs/`),
//! then poll (`GET /api/jobs/{id}`) until `SUCCEEDED`, then read `GET /api/jobs/{id}/logs` for
//! the line `VERITY_ARTIFACT_HASH=0x…`. The submission id is kept in offchain storage between
//! blocks.

use super::{http, state, state::RayRun, OcwError};
use crate::{types::*, Config};
use alloc::{format, string::String, vec::Vec};
use codec::Encode;
use serde_json::{json, Value};
use sp_core::H256;
use verity_primitives::{ContentHash, JobId};

/// The log line prefix carrying the artifact hash.
pub const ARTIFACT_PREFIX: &str = "VERITY_ARTIFACT_HASH=";

/// One step of the training run: `Some(hash)` once the Ray job succeeded, `None` while it runs.
pub fn step<T: Config>(
	id: JobId,
	job: &Job<T>,
	who: &T::AccountId,
	timeout_ms: u64,
) -> Result<Option<ContentHash>, OcwError> {
	let base = state::base_url(state::RAY_KEY).ok_or(OcwError::NotConfigured("ray"))?;
	match state::ray_run(id, who) {
		None => {
			let entrypoint = state::config(state::RAY_ENTRYPOINT_KEY)
				.ok_or(OcwError::NotConfigured("ray::entrypoint"))?;
			let submission = submission_id(id, who);
			let body = submit_body(id, job, &entrypoint, &submission)?;
			http::post_json(&format!("{base}/api/jobs/"), body, timeout_ms)?;
			state::set_ray_run(id, who, &RayRun::Submitted(submission.into_bytes()));
			Ok(None)
		},
		Some(RayRun::Failed) => Err(OcwError::ClusterJobFailed),
		Some(RayRun::Submitted(sub)) => {
			let sub = String::from_utf8(sub).map_err(|_| OcwError::BadResponse)?;
			let answer = http::get(&format!("{base}/api/jobs/{sub}"), timeout_ms)?;
			let value: Value =
				serde_json::from_slice(&answer).map_err(|_| OcwError::BadResponse)?;
			match value.get("status").and_then(Value::as_str) {
				Some("SUCCEEDED") => {
					let logs = http::get(&format!("{base}/api/jobs/{sub}/logs"), timeout_ms)?;
					let logs: Value =
						serde_json::from_slice(&logs).map_err(|_| OcwError::BadResponse)?;
					let text =
						logs.get("logs").and_then(Value::as_str).ok_or(OcwError::BadResponse)?;
					artifact_hash(text).map(Some).ok_or(OcwError::BadResponse)
				},
				Some("FAILED") | Some("STOPPED") => {
					state::set_ray_run(id, who, &RayRun::Failed);
					Err(OcwError::ClusterJobFailed)
				},
				Some(_) => Ok(None),
				None => Err(OcwError::BadResponse),
			}
		},
	}
}

/// `verity-<job>-<first 8 bytes of the provider account, hex>`: unique per job and provider.
pub fn submission_id<A: Encode>(job: JobId, who: &A) -> String {
	let account = who.encode();
	let short: String = account.iter().take(8).map(|b| format!("{b:02x}")).collect();
	format!("verity-{job}-{short}")
}

/// The submission: the operator's entrypoint, the job's facts as environment variables.
pub fn submit_body<T: Config>(
	id: JobId,
	job: &Job<T>,
	entrypoint: &str,
	submission: &str,
) -> Result<Vec<u8>, OcwError> {
	let uri = core::str::from_utf8(&job.spec.input_uri).map_err(|_| OcwError::BadUri)?;
	let value = json!({
		"entrypoint": entrypoint,
		"submission_id": submission,
		"runtime_env": { "env_vars": {
			"VERITY_JOB_ID": format!("{id}"),
			"VERITY_INPUT_URI": uri,
			"VERITY_INPUT_HASH": format!("{:#x}", job.spec.input_hash),
			"VERITY_SEED": format!("{}", job.spec.params.seed),
			"VERITY_MAX_TOKENS": format!("{}", job.spec.params.max_tokens),
			"VERITY_MODEL": state::model_name(job.spec.model_version),
		}},
	});
	serde_json::to_vec(&value).map_err(|_| OcwError::BadResponse)
}

/// The hash on the last `VERITY_ARTIFACT_HASH=0x<64 hex>` line of `logs`.
pub fn artifact_hash(logs: &str) -> Option<ContentHash> {
	logs.lines().rev().find_map(|line| {
		let hex = line.trim().strip_prefix(ARTIFACT_PREFIX)?.trim();
		let hex = hex.strip_prefix("0x").unwrap_or(hex);
		if hex.len() != 64 {
			return None;
		}
		let mut out = [0u8; 32];
		for (i, byte) in out.iter_mut().enumerate() {
			let pair = hex.get(i.checked_mul(2)?..i.checked_mul(2)?.checked_add(2)?)?;
			*byte = u8::from_str_radix(pair, 16).ok()?;
		}
		Some(H256(out))
	})
}
