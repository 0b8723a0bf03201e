//! Deadline queues: what a block's `on_initialize` must look at, kept the same way in every
//! pallet.
//!
//! A queue is a storage map from a block to a bounded list of items due then (eval
//! attestation's request deadlines, compute staking's deferred slashes). The rules:
//! - **Spill**: a block whose list is full passes the item to the next block with room, up to
//!   [`SPILL`] blocks on; beyond that [`schedule`] answers `None` and the caller has a named way
//!   out (refuse the call that asked, or apply at once). A due item handled a few blocks late is
//!   handled all the same; the per-block bound keeps `on_initialize`'s weight bounded.
//! - **No duplicates**: an item already listed at a block is not listed there again.
//! - **A failed step is retried next block**, logged, with its writes undone ([`step_or_retry`]):
//!   nothing due is left without an entry because one step failed.
//! - **A permissionless fallback**: every pallet with a queue has a call anyone may make to
//!   move a due object on when the queue could not take it (`finalize` for evaluation
//!   requests, `poke` for compute jobs), so a full queue delays, never strands.
//!
//! Compute staking's job deadlines are the one queue of another shape, for a reason: every job
//! in flight has exactly one entry keyed (block, job) that moves with the job, and each block
//! handles as many due jobs as their own sizes allow, carrying the rest over with a cursor. A job
//! never has to find room, so submitting never fails on a busy queue; it uses
//! [`step_or_retry`] too.

use core::fmt::Debug;
use frame_support::{storage::with_storage_layer, traits::Get, BoundedVec, StorageMap};
use sp_runtime::{
	traits::{One, Saturating},
	DispatchResult,
};

/// How many blocks from the wanted one an item may spill to, in every queue.
pub const SPILL: u32 = 16;

/// Lists `item` at the first block from `at`, up to [`SPILL`] blocks on, whose list has room or
/// holds it already; returns that block, or `None` when every one is full.
pub fn schedule<Q, B, I, S>(at: B, item: I) -> Option<B>
where
	Q: StorageMap<B, BoundedVec<I, S>, Query = BoundedVec<I, S>>,
	B: codec::FullCodec + Copy + Saturating + One,
	I: codec::FullCodec + PartialEq,
	S: Get<u32>,
{
	let (mut block, mut item) = (at, item);
	for _ in 0..SPILL {
		let listed = Q::mutate(block, |list| {
			if list.contains(&item) {
				return Ok(());
			}
			list.try_push(item)
		});
		match listed {
			Ok(()) => return Some(block),
			Err(back) => item = back,
		}
		block = block.saturating_add(One::one());
	}
	None
}

/// Takes the first item at `at` that `pick` accepts off its list (an emptied list is removed);
/// returns it.
pub fn unschedule<Q, B, I, S>(at: B, pick: impl Fn(&I) -> bool) -> Option<I>
where
	Q: StorageMap<B, BoundedVec<I, S>, Query = BoundedVec<I, S>>,
	B: codec::FullCodec + Copy,
	I: codec::FullCodec,
	S: Get<u32>,
{
	Q::mutate_exists(at, |entry| {
		let list = entry.as_mut()?;
		let index = list.iter().position(pick)?;
		let item = list.remove(index);
		if list.is_empty() {
			*entry = None;
		}
		Some(item)
	})
}

/// Runs `step` for `what` in its own storage layer. When it fails, its writes are undone, the
/// failure is logged under `target` and `retry` is given the next block to list `what` again.
pub fn step_or_retry<B: Copy + Saturating + One + Debug>(
	target: &str,
	what: impl Debug,
	now: B,
	step: impl FnOnce() -> DispatchResult,
	retry: impl FnOnce(B),
) {
	if let Err(e) = with_storage_layer(step) {
		log::error!(target: target, "{what:?} due at {now:?} failed, retried next block: {e:?}");
		retry(now.saturating_add(One::one()));
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use frame_support::{storage::types::ValueQuery, traits::ConstU32, Twox64Concat};

	struct Prefix;
	impl frame_support::traits::StorageInstance for Prefix {
		fn pallet_prefix() -> &'static str {
			"Test"
		}
		const STORAGE_PREFIX: &'static str = "Queue";
	}
	type Queue = frame_support::storage::types::StorageMap<
		Prefix,
		Twox64Concat,
		u32,
		BoundedVec<u8, ConstU32<2>>,
		ValueQuery,
	>;

	#[test]
	fn a_full_block_spills_to_the_next_with_room_up_to_the_limit() {
		sp_io::TestExternalities::default().execute_with(|| {
			assert_eq!(schedule::<Queue, _, _, _>(10, 1), Some(10));
			assert_eq!(schedule::<Queue, _, _, _>(10, 2), Some(10));
			assert_eq!(schedule::<Queue, _, _, _>(10, 3), Some(11));
			// Listed already: no second entry, wherever it stands.
			assert_eq!(schedule::<Queue, _, _, _>(10, 2), Some(10));
			assert_eq!(Queue::get(10).len(), 2);
			for block in 11..10 + SPILL {
				Queue::insert(block, BoundedVec::truncate_from(vec![100, 101]));
			}
			assert_eq!(schedule::<Queue, _, _, _>(10, 4), None);
			assert_eq!(schedule::<Queue, _, _, _>(11, 4), Some(10 + SPILL));
		});
	}

	#[test]
	fn unschedule_takes_only_the_picked_item() {
		sp_io::TestExternalities::default().execute_with(|| {
			schedule::<Queue, _, _, _>(5, 7);
			schedule::<Queue, _, _, _>(5, 8);
			assert_eq!(unschedule::<Queue, _, _, _>(5, |i| *i == 8), Some(8));
			assert_eq!(unschedule::<Queue, _, _, _>(5, |i| *i == 8), None);
			assert_eq!(Queue::get(5).into_inner(), vec![7]);
			assert_eq!(unschedule::<Queue, _, _, _>(5, |i| *i == 7), Some(7));
			assert!(!Queue::contains_key(5));
		});
	}

	#[test]
	fn a_failed_step_is_undone_and_retried_next_block() {
		sp_io::TestExternalities::default().execute_with(|| {
			let mut retried = None;
			step_or_retry(
				"test",
				3u8,
				20u32,
				|| {
					Queue::insert(1, BoundedVec::truncate_from(vec![9]));
					Err(sp_runtime::DispatchError::Other("no"))
				},
				|at| retried = Some(at),
			);
			assert_eq!(retried, Some(21));
			assert!(Queue::get(1).is_empty());
			step_or_retry("test", 4u8, 20u32, || Ok(()), |_| panic!("retried a success"));
		});
	}
}
