//! The deadline queue: each block looks at the (at most `MaxRequestsPerBlock`) requests queued
//! for it and, for those whose current deadline has come, draws the seats of a pending request
//! or ends the commit or reveal phase.

use crate::{Config, Deadlines, Error, Pallet, Requests};
use frame_support::storage::with_storage_layer;
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{traits::One, DispatchError, Saturating};

use crate::types::RequestId;

/// How many blocks from the wanted one `schedule` looks for room.
const SEARCH: u32 = 16;

impl<T: Config> Pallet<T> {
	/// Queues `id` at the first block from `at` with room; returns that block.
	pub(crate) fn schedule(
		at: BlockNumberFor<T>,
		id: RequestId,
	) -> Result<BlockNumberFor<T>, DispatchError> {
		let mut block = at;
		for _ in 0..SEARCH {
			if Deadlines::<T>::mutate(block, |queue| queue.try_push(id).is_ok()) {
				return Ok(block);
			}
			block = block.saturating_add(One::one());
		}
		Err(Error::<T>::DeadlineQueueFull.into())
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
			if with_storage_layer(|| Self::conclude(id, request)).is_err() {
				// Try again next block rather than leave the request without a deadline.
				let _ = Self::schedule(now.saturating_add(One::one()), id);
			}
		}
		count
	}
}
