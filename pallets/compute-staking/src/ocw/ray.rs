//! A job run on the operator's Ray cluster through the Ray Jobs REST API, one request per block:
//! submit (`POST /api/jobs/`), then poll (`GET /api/jobs/{id}`) until `SUCCEEDED`, then read
//! `GET /api/jobs/{id}/logs` for the last line `<marker>0x<64 hex digits>`. The submission id is
//! kept in offchain storage between blocks. Training and long inference both run this way.

use super::{http, state, state::RayRun, OcwError};
use crate::{types::*, Config};
use alloc::{format, string::String, vec::Vec};
use codec::Encode;
use serde_json::{json, Map, Value};
use sp_core::H256;
use verity_primitives::{ContentHash, JobId};

/// One step of `who`'s run of `job`: the first call submits `body(submission id)`, later calls
/// poll. `Some(hash)` once the Ray job succeeded, `None` while it runs.
pub fn step<A: Encode>(
	job: JobId,
	who: &A,
	timeout_ms: u64,
	marker: &str,
	body: impl FnOnce(&str) -> Result<Vec<u8>, OcwError>,
) -> Result<Option<ContentHash>, OcwError> {
	let base = state::base_url(state::RAY_KEY).ok_or(OcwError::NotConfigured("ray"))?;
	match state::ray_run(job, who) {
		None => {
			let submission = submission_id(job, who);
			http::post_json(&format!("{base}/api/jobs/"), body(&submission)?, timeout_ms)?;
			state::set_ray_run(job, who, &RayRun::Submitted(submission.into_bytes()));
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
					marked_hash(text, marker).map(Some).ok_or(OcwError::BadResponse)
				},
				Some("FAILED") | Some("STOPPED") => {
					state::set_ray_run(job, who, &RayRun::Failed);
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

/// The job's facts every entrypoint gets as environment variables.
pub fn job_env<T: Config>(id: JobId, job: &Job<T>) -> Result<Map<String, Value>, OcwError> {
	let uri = core::str::from_utf8(&job.spec.input_uri).map_err(|_| OcwError::BadUri)?;
	let mut env = Map::new();
	let mut set = |k: &str, v: String| env.insert(k.into(), Value::String(v));
	set("VERITY_JOB_ID", format!("{id}"));
	set("VERITY_INPUT_URI", uri.into());
	set("VERITY_INPUT_HASH", format!("{:#x}", job.spec.input_hash));
	set("VERITY_SEED", format!("{}", job.spec.params.seed));
	set("VERITY_MAX_TOKENS", format!("{}", job.spec.params.max_tokens));
	set("VERITY_MODEL", state::model_name(job.spec.model_version));
	Ok(env)
}

/// The submission: the operator's entrypoint, the job's facts as environment variables.
pub fn submit_body(
	entrypoint: &str,
	submission: &str,
	env: Map<String, Value>,
) -> Result<Vec<u8>, OcwError> {
	let value = json!({
		"entrypoint": entrypoint,
		"submission_id": submission,
		"runtime_env": { "env_vars": env },
	});
	serde_json::to_vec(&value).map_err(|_| OcwError::BadResponse)
}

/// The hash on the last `<marker>0x<64 hex>` line of `logs`.
pub fn marked_hash(logs: &str, marker: &str) -> Option<ContentHash> {
	logs.lines().rev().find_map(|line| {
		let hex = line.trim().strip_prefix(marker)?.trim();
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
