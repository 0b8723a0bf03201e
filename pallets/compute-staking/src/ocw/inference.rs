//! Inference, evaluation and synthetic data: the job's input through the OpenAI-compatible API,
//! hashed in the canonical form documented in the module above; one HTTP request, or for a long
//! generation a Ray job running the operator's inference entrypoint, which prints that same hash.

use super::{http, ray, state, OcwError};
use crate::{types::*, Config};
use alloc::{format, string::String, vec::Vec};
use serde_json::{json, Value};
use sp_core::H256;
use verity_primitives::{ContentHash, JobId};

/// Separator between choices in the canonical form (ASCII record separator).
pub const CHOICE_SEPARATOR: u8 = 0x1E;
/// The log line prefix carrying the output hash of an inference run on Ray.
pub const OUTPUT_PREFIX: &str = "VERITY_OUTPUT_HASH=";

/// One step of the job: `Some(hash)` when done, `None` while its Ray run goes on. It runs on Ray
/// when the operator set an inference entrypoint and the job asks for at least `async_tokens`
/// tokens, so a long generation neither outlives one HTTP deadline nor holds a worker thread.
pub fn step<T: Config>(
	id: JobId,
	job: &Job<T>,
	who: &T::AccountId,
	timeout_ms: u64,
) -> Result<Option<ContentHash>, OcwError> {
	let entrypoint = state::config(state::RAY_INFERENCE_ENTRYPOINT_KEY)
		.filter(|_| job.spec.params.max_tokens >= state::async_tokens());
	let Some(entrypoint) = entrypoint else { return run(job, timeout_ms).map(Some) };
	ray::step(id, who, timeout_ms, OUTPUT_PREFIX, |submission| {
		// Checked here as on the synchronous path, before the cluster runs anything: a switched
		// input is committed as BAD_INPUT, an internal host needs the operator's allowlist.
		fetch_input(&job.spec.input_uri, &job.spec.input_hash, timeout_ms)?;
		let params = &job.spec.params;
		let mut env = ray::job_env::<T>(id, job)?;
		env.insert("VERITY_API".into(), api_name(params.api).into());
		env.insert(
			"VERITY_TEMPERATURE_MILLI".into(),
			format!("{}", params.temperature_milli).into(),
		);
		ray::submit_body(&entrypoint, submission, env)
	})
}

/// The name of `api` in `VERITY_API`.
pub fn api_name(api: InferenceApi) -> &'static str {
	match api {
		InferenceApi::Chat => "chat",
		InferenceApi::Completion => "completion",
		InferenceApi::Embedding => "embedding",
	}
}

/// Runs the job once on the configured endpoint; returns the output hash.
pub fn run<T: Config>(job: &Job<T>, timeout_ms: u64) -> Result<ContentHash, OcwError> {
	let base = state::base_url(state::ENDPOINT_KEY).ok_or(OcwError::NotConfigured("endpoint"))?;
	let input = fetch_input(&job.spec.input_uri, &job.spec.input_hash, timeout_ms)?;
	let text = String::from_utf8(input).map_err(|_| OcwError::BadUri)?;
	let model = state::model_name(job.spec.model_version);
	let (path, body) = request_body(&job.spec.params, &model, &text);
	let answer = http::post_json(&format!("{base}{path}"), body, timeout_ms)?;
	output_hash(job.spec.params.api, &answer)
}

/// The input bytes named by `uri`, checked against `expected`.
pub fn fetch_input(uri: &[u8], expected: &H256, timeout_ms: u64) -> Result<Vec<u8>, OcwError> {
	let bytes = if let Some(rest) = uri.strip_prefix(b"data:") {
		rest.splitn(2, |b| *b == b',').nth(1).ok_or(OcwError::BadUri)?.to_vec()
	} else if uri.starts_with(b"http://") || uri.starts_with(b"https://") {
		let url = core::str::from_utf8(uri).map_err(|_| OcwError::BadUri)?;
		if !state::input_host_allowed(url) {
			return Err(OcwError::HostNotAllowed);
		}
		http::get(url, timeout_ms)?
	} else {
		return Err(OcwError::BadUri);
	};
	if H256(sp_io::hashing::blake2_256(&bytes)) != *expected {
		return Err(OcwError::InputMismatch);
	}
	Ok(bytes)
}

/// The endpoint path and JSON body for `params` (keys sorted, as serde_json writes them).
pub fn request_body(params: &JobParams, model: &str, input: &str) -> (&'static str, Vec<u8>) {
	let seed = params.seed % 0xFFFF_FFFF;
	let temperature = f64::from(params.temperature_milli) / 1000.0;
	let (path, value) = match params.api {
		InferenceApi::Chat => (
			"/v1/chat/completions",
			json!({
				"model": model,
				"messages": [{ "role": "user", "content": input }],
				"temperature": temperature,
				"seed": seed,
				"max_tokens": params.max_tokens,
				"stream": false,
			}),
		),
		InferenceApi::Completion => (
			"/v1/completions",
			json!({
				"model": model,
				"prompt": input,
				"temperature": temperature,
				"seed": seed,
				"max_tokens": params.max_tokens,
				"stream": false,
			}),
		),
		InferenceApi::Embedding => ("/v1/embeddings", json!({ "model": model, "input": input })),
	};
	(path, serde_json::to_vec(&value).unwrap_or_default())
}

/// The canonical output hash of an answer from `api`.
pub fn output_hash(api: InferenceApi, answer: &[u8]) -> Result<ContentHash, OcwError> {
	let value: Value = serde_json::from_slice(answer).map_err(|_| OcwError::BadResponse)?;
	let canonical = match api {
		InferenceApi::Chat => join_choices(&value, |c| c.get("message")?.get("content")?.as_str())?,
		InferenceApi::Completion => join_choices(&value, |c| c.get("text")?.as_str())?,
		InferenceApi::Embedding => embeddings(&value)?,
	};
	Ok(H256(sp_io::hashing::blake2_256(&canonical)))
}

fn join_choices(value: &Value, text: impl Fn(&Value) -> Option<&str>) -> Result<Vec<u8>, OcwError> {
	let choices = value.get("choices").and_then(Value::as_array).ok_or(OcwError::BadResponse)?;
	if choices.is_empty() {
		return Err(OcwError::BadResponse);
	}
	let mut out = Vec::new();
	for (i, choice) in choices.iter().enumerate() {
		if i > 0 {
			out.push(CHOICE_SEPARATOR);
		}
		out.extend_from_slice(text(choice).ok_or(OcwError::BadResponse)?.as_bytes());
	}
	Ok(out)
}

fn embeddings(value: &Value) -> Result<Vec<u8>, OcwError> {
	let data = value.get("data").and_then(Value::as_array).ok_or(OcwError::BadResponse)?;
	if data.is_empty() {
		return Err(OcwError::BadResponse);
	}
	let mut out = Vec::new();
	for item in data {
		let vector =
			item.get("embedding").and_then(Value::as_array).ok_or(OcwError::BadResponse)?;
		out.extend_from_slice(&(vector.len() as u32).to_le_bytes());
		for x in vector {
			out.extend_from_slice(
				&quantize(x.as_f64().ok_or(OcwError::BadResponse)?).to_le_bytes(),
			);
		}
	}
	Ok(out)
}

/// `x` rounded to 4 decimals, times 10⁴, half away from zero; saturating at the i32 range.
pub fn quantize(x: f64) -> i32 {
	let scaled = x * 10_000.0;
	(if scaled >= 0.0 { scaled + 0.5 } else { scaled - 0.5 }) as i32
}
