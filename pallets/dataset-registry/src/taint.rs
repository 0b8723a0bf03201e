//! Flags reach what derives from flagged data: a bounded walk down the derivation index.
//!
//! A dataset is flagged once: rejected by its verifiers, revoked, or tainted by a flagged
//! dataset it derives from. The first flag tells `T::OnFlagged` (model lineage taints what was
//! trained on it) and, when datasets derive from it, queues it in `TaintQueue` with the cause.
//! One step visits the next derived dataset (in the index's storage order, the cursor being the
//! one visited last) and taints it unless it is flagged already, which flags it in turn. Each
//! dataset is flagged once, so the walk visits each derivation edge at most once and ends; ids
//! only grow along derivations, so no cycle exists. `on_idle` and anyone's `continue_taint`
//! advance it.

use crate::{weights::WeightInfo, Config, Datasets, Derived, Event, Pallet, TaintQueue, TaintWalk};
use frame_support::{pallet_prelude::*, traits::Get};
use verity_primitives::{traits::OnDatasetFlagged, DatasetId};

impl<T: Config> Pallet<T> {
	/// What follows the first flag of `id`, whose flag comes from `cause` (itself, or the
	/// flagged dataset upstream).
	pub(crate) fn on_first_flag(id: DatasetId, cause: DatasetId) {
		T::OnFlagged::flagged(id, cause);
		if Derived::<T>::iter_key_prefix(id).next().is_some() {
			TaintQueue::<T>::insert(id, TaintWalk { by: cause, after: None });
		}
	}

	/// The weight `on_first_flag` adds to a call that flags.
	pub(crate) fn first_flag_weight() -> Weight {
		T::OnFlagged::weight().saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}

	/// The weight of `steps` steps: as benchmarked, plus lineage's hook at its declared worst
	/// (the benchmark's datasets have no users, so the hook's queue write is not measured).
	pub(crate) fn taint_weight(steps: u32) -> Weight {
		T::WeightInfo::continue_taint(steps)
			.saturating_add(T::OnFlagged::weight().saturating_mul(steps.into()))
	}

	/// Takes up to `max_steps` steps of the walk; returns the steps taken.
	pub(crate) fn propagate(max_steps: u32) -> u32 {
		let mut steps: u32 = 0;
		let mut tainted: u32 = 0;
		while steps < max_steps {
			let Some((node, walk)) = TaintQueue::<T>::iter().next() else { break };
			steps = steps.saturating_add(1);
			let mut derived = match walk.after {
				None => Derived::<T>::iter_key_prefix(node),
				Some(after) => Derived::<T>::iter_key_prefix_from(
					node,
					Derived::<T>::hashed_key_for(node, after),
				),
			};
			let Some(next) = derived.next() else {
				TaintQueue::<T>::remove(node);
				continue;
			};
			if derived.next().is_some() {
				TaintQueue::<T>::insert(node, TaintWalk { by: walk.by, after: Some(next) });
			} else {
				TaintQueue::<T>::remove(node);
			}
			if Self::taint(next, walk.by) {
				tainted = tainted.saturating_add(1);
			}
		}
		if steps > 0 {
			let pending = TaintQueue::<T>::iter_keys().next().is_some();
			Self::deposit_event(Event::TaintPropagated { tainted, pending });
		}
		steps
	}

	/// Flags `id` as derived from flagged `by`; true when it was not flagged before.
	fn taint(id: DatasetId, by: DatasetId) -> bool {
		let newly = Datasets::<T>::mutate(id, |entry| match entry {
			Some(record) if !record.is_flagged() => {
				record.tainted_by = Some(by);
				true
			},
			_ => false,
		});
		// A round in progress may go on: its verdict cannot unflag the dataset.
		if newly {
			Self::deposit_event(Event::Tainted { id, by });
			Self::on_first_flag(id, by);
		}
		newly
	}

	/// Spends idle block space on the walk (`verity_primitives::walk::idle_rounds`).
	pub(crate) fn propagate_on_idle(remaining: Weight) -> Weight {
		verity_primitives::walk::idle_rounds(
			remaining,
			T::DbWeight::get().reads(1),
			T::MaxTaintFanout::get(),
			|| TaintQueue::<T>::iter_keys().next().is_some(),
			Self::taint_weight,
			Self::propagate,
		)
	}
}
