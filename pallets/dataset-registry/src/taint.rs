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
use verity_primitives::{
	traits::OnDatasetFlagged,
	walk::{self, first_two, Walk},
	DatasetId,
};

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
		let (steps, tainted) = walk::propagate::<Pallet<T>>(max_steps);
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

/// The registry's walk: queued flagged datasets; a dataset's dependents are the datasets that
/// name it as parent or prompt set.
impl<T: Config> Walk for Pallet<T> {
	type Node = DatasetId;
	type By = DatasetId;
	type Dep = DatasetId;

	fn head() -> Option<(DatasetId, TaintWalk)> {
		TaintQueue::<T>::iter().next()
	}

	fn set(node: DatasetId, cursor: Option<TaintWalk>) {
		TaintQueue::<T>::set(node, cursor);
	}

	fn next(node: DatasetId, after: Option<DatasetId>) -> (Option<DatasetId>, bool) {
		match after {
			None => first_two(Derived::<T>::iter_key_prefix(node)),
			Some(a) => first_two(Derived::<T>::iter_key_prefix_from(
				node,
				Derived::<T>::hashed_key_for(node, a),
			)),
		}
	}

	fn visit(dep: DatasetId, by: DatasetId) -> bool {
		Self::taint(dep, by)
	}
}
