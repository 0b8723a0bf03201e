//! One HTTP request with a deadline and a size limit; only 2xx answers count.

use super::OcwError;
use alloc::vec::Vec;
use sp_runtime::offchain::{
	http::{Method, Request},
	Duration,
};

/// Largest response body read (inference answers and Ray logs are far smaller).
pub const MAX_BODY: usize = 1 << 20;

/// Sends `body` (JSON) to `url` with `method`; returns the 2xx response body.
pub fn call(
	method: Method,
	url: &str,
	body: Option<Vec<u8>>,
	timeout_ms: u64,
) -> Result<Vec<u8>, OcwError> {
	let started = sp_io::offchain::timestamp();
	let deadline = started.add(Duration::from_millis(timeout_ms));
	let verb = if method == Method::Get { "GET" } else { "POST" };
	let mut request: Request<Vec<Vec<u8>>> = Request::new(url).method(method).deadline(deadline);
	if let Some(body) = body {
		request = request.add_header("Content-Type", "application/json").body(alloc::vec![body]);
	}
	let pending = request.send().map_err(|_| OcwError::Http)?;
	let response =
		pending.try_wait(deadline).map_err(|_| OcwError::Http)?.map_err(|_| OcwError::Http)?;
	// The operator's (and the e2e's) measure of the cluster's time per request.
	log::info!(
		target: "runtime::compute-staking::ocw",
		"{verb} {url} -> {} in {} ms",
		response.code,
		sp_io::offchain::timestamp().diff(&started).millis()
	);
	if !(200..300).contains(&response.code) {
		return Err(OcwError::Status(response.code));
	}
	let mut reader = response.body();
	reader.deadline(deadline);
	let bytes: Vec<u8> = reader.by_ref().take(MAX_BODY.saturating_add(1)).collect();
	if reader.error().is_some() || bytes.len() > MAX_BODY {
		return Err(OcwError::BadResponse);
	}
	Ok(bytes)
}

/// `GET url`.
pub fn get(url: &str, timeout_ms: u64) -> Result<Vec<u8>, OcwError> {
	call(Method::Get, url, None, timeout_ms)
}

/// `POST url` with a JSON body.
pub fn post_json(url: &str, body: Vec<u8>, timeout_ms: u64) -> Result<Vec<u8>, OcwError> {
	call(Method::Post, url, Some(body), timeout_ms)
}
