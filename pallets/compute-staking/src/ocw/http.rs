//! The cluster's HTTP requests, through `verity_primitives::offchain::call`.

use super::OcwError;
use alloc::vec::Vec;
use sp_runtime::offchain::http::Method;
use verity_primitives::offchain::{self, HttpError};

const TARGET: &str = "runtime::compute-staking::ocw";

fn call(
	method: Method,
	url: &str,
	body: Option<Vec<u8>>,
	timeout_ms: u64,
) -> Result<Vec<u8>, OcwError> {
	offchain::call(TARGET, method, url, body, timeout_ms).map_err(|e| match e {
		HttpError::Unreachable => OcwError::Http,
		HttpError::Status(code) => OcwError::Status(code),
		HttpError::Body => OcwError::BadResponse,
	})
}

/// `GET url`.
pub fn get(url: &str, timeout_ms: u64) -> Result<Vec<u8>, OcwError> {
	call(Method::Get, url, None, timeout_ms)
}

/// `POST url` with a JSON body.
pub fn post_json(url: &str, body: Vec<u8>, timeout_ms: u64) -> Result<Vec<u8>, OcwError> {
	call(Method::Post, url, Some(body), timeout_ms)
}
