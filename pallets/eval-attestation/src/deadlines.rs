//! The deadline queue ([`verity_primitives::deadline`]): each block looks at the (at most
//! `MaxRequestsPerBlock`) requests queued for it and, for those whose current deadline has
//! come, draws the seats of a pending request or ends the commit or reveal phase.

use crate::{types::RequestId, Config, Deadlines, Error, Pallet, Requests};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::DispatchError;
use verity_primitives::deadline;

impl<T: Config> Pallet<T> {
	/// Queues `id` at the first block from `at` with room; returns that block.
	pub(crate) fn schedule(
		at: BlockNumberFor<T>,
		id: RequestId,
	) -> Result<BlockNumberFor<T>, DispatchError> {
		deadline::schedule::<Deadlines<T>, _, _, _>(at, id)
			.ok_or_else(|| Error::<T>::DeadlineQueueFull.into())
	}

	/// Concludes the requests queued for `now` whose deadline has come; returns how many
	/// entries there were.
	pub(crate) fn process_deadlines(now: BlockNumberFor<T>) -> u32 {
		let due = Deadlines::<T>::take(now);
		let count = due.len() as u32;
		for id in due {
			// Gone (finished or cancelled), or an old entry of a request that moved on.
			let Some(request) = Requests::<T>::get(id) else { continue };
			if now < Self::deadline_of(&request) {
				continue;
			}
			// A retry that finds no room leaves the request to `finalize`, which anyone may call.
			let retry = |next| {
				let _ = Self::schedule(next, id);
			};
			deadline::step_or_retry(
				"runtime::eval-attestation",
				("request", id),
				now,
				|| Self::conclude(id, request),
				retry,
			);
		}
		count
	}
}
