//! Training: the operator's training entrypoint as a Ray job ([`super::ray`]); its logs carry
//! the line `VERITY_ARTIFACT_HASH=0x…`.

use super::{ray, state, OcwError};
use crate::{types::*, Config};
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
	ray::step(id, who, timeout_ms, ARTIFACT_PREFIX, |submission| {
		let entrypoint = state::config(state::RAY_ENTRYPOINT_KEY)
			.ok_or(OcwError::NotConfigured("ray::entrypoint"))?;
		ray::submit_body(&entrypoint, submission, ray::job_env::<T>(id, job)?)
	})
}
