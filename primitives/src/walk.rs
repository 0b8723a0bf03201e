//! The resumable taint walks of model lineage (down children and dataset users) and the dataset
//! registry (down derivations): one queue of flagged nodes, each with a cursor, and one step
//! visiting one dependent. [`propagate`] takes steps; [`idle_rounds`] spends idle block space on
//! them: rounds of at most `fanout` steps, the range a walk's step weight is benchmarked over,
//! each charged at that weight, while the remaining weight allows one more step.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::weights::Weight;
use scale_info::TypeInfo;

/// Where a walk stands for one queued node: the cause it spreads and the dependent visited last
/// (in storage order), `None` before the first.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct Cursor<By, Dep> {
	/// What the taint comes from.
	pub by: By,
	/// The dependent visited last.
	pub after: Option<Dep>,
}

/// A walk's storage: its queue, its dependents index, and what a visit does.
pub trait Walk {
	/// A queued node (a flagged item).
	type Node: Copy;
	/// The cause a walk spreads.
	type By: Copy;
	/// A dependent of a node.
	type Dep: Copy;
	/// The first queued node in storage order, with its cursor.
	fn head() -> Option<(Self::Node, CursorOf<Self>)>;
	/// Stores a node's cursor, or removes the node when `None`.
	fn set(node: Self::Node, cursor: Option<CursorOf<Self>>);
	/// The dependent of `node` after `after` (the first with `None`), and whether another
	/// follows it.
	fn next(node: Self::Node, after: Option<Self::Dep>) -> (Option<Self::Dep>, bool);
	/// Taints `dep` with `by` (queueing it in turn when it has dependents); true when it was
	/// not tainted before.
	fn visit(dep: Self::Dep, by: Self::By) -> bool;
}

/// A walk's cursor type.
pub type CursorOf<W> = Cursor<<W as Walk>::By, <W as Walk>::Dep>;

/// The first item of `keys` and whether a second follows: what [`Walk::next`] answers from a
/// storage iterator.
pub fn first_two<K>(mut keys: impl Iterator<Item = K>) -> (Option<K>, bool) {
	let first = keys.next();
	(first, keys.next().is_some())
}

/// Takes up to `max_steps` steps; returns (steps taken, dependents newly tainted). A step visits
/// one dependent of the head node, or drops a head with none left.
pub fn propagate<W: Walk>(max_steps: u32) -> (u32, u32) {
	let mut steps: u32 = 0;
	let mut tainted: u32 = 0;
	while steps < max_steps {
		let Some((node, cursor)) = W::head() else { break };
		steps = steps.saturating_add(1);
		let (next, more) = W::next(node, cursor.after);
		let Some(dep) = next else {
			W::set(node, None);
			continue;
		};
		W::set(node, more.then_some(Cursor { by: cursor.by, after: Some(dep) }));
		if W::visit(dep, cursor.by) {
			tainted = tainted.saturating_add(1);
		}
	}
	(steps, tainted)
}

/// Most rounds one `on_idle` takes.
pub const MAX_IDLE_ROUNDS: u32 = 16;

/// Runs `propagate(steps)` (which returns the steps it took) in rounds within `remaining`;
/// `pending` says whether there is work (one read, `check`). Returns the weight used.
pub fn idle_rounds(
	remaining: Weight,
	check: Weight,
	fanout: u32,
	pending: impl Fn() -> bool,
	weight_of: impl Fn(u32) -> Weight,
	mut propagate: impl FnMut(u32) -> u32,
) -> Weight {
	if !remaining.all_gte(check) || !pending() {
		return check.min(remaining);
	}
	let mut used = check;
	for _ in 0..MAX_IDLE_ROUNDS {
		let left = remaining.saturating_sub(used);
		let mut steps: u32 = 0;
		while steps < fanout && left.all_gte(weight_of(steps.saturating_add(1))) {
			steps = steps.saturating_add(1);
		}
		if steps == 0 {
			break;
		}
		let taken = propagate(steps);
		used = used.saturating_add(weight_of(taken));
		if taken < steps {
			break;
		}
	}
	used
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn rounds_stop_at_the_weight_the_work_or_the_round_limit() {
		let per_step = |n: u32| Weight::from_parts(10 * u64::from(n) + 5, 0);
		let check = Weight::from_parts(1, 0);
		let mut taken = 0u32;
		// 1,000 steps of work, 3 a round: 16 rounds, 48 steps.
		let used = idle_rounds(
			Weight::MAX,
			check,
			3,
			|| true,
			per_step,
			|n| {
				taken += n;
				n
			},
		);
		assert_eq!(taken, 48);
		assert_eq!(used, check + per_step(3) * 16);
		// Room for 2 steps and a half: one round of 2.
		taken = 0;
		let room = check + per_step(2) + Weight::from_parts(5, 0);
		idle_rounds(
			room,
			check,
			3,
			|| true,
			per_step,
			|n| {
				taken += n;
				n
			},
		);
		assert_eq!(taken, 2);
		// The work ends inside a round: no further round.
		let mut rounds = 0;
		idle_rounds(
			Weight::MAX,
			check,
			3,
			|| true,
			per_step,
			|_| {
				rounds += 1;
				1
			},
		);
		assert_eq!(rounds, 1);
		// Nothing pending: only the check.
		assert_eq!(idle_rounds(Weight::MAX, check, 3, || false, per_step, |n| n), check);
	}

	use std::{cell::RefCell, collections::BTreeMap};

	thread_local! {
		static QUEUE: RefCell<BTreeMap<u32, Cursor<u32, u32>>> = RefCell::new(BTreeMap::new());
		static TAINTED: RefCell<BTreeMap<u32, u32>> = RefCell::new(BTreeMap::new());
	}

	/// A graph where node `n` has dependents `2n + 1` and `2n + 2` below 15: a binary tree.
	struct Tree;
	impl Walk for Tree {
		type Node = u32;
		type By = u32;
		type Dep = u32;
		fn head() -> Option<(u32, Cursor<u32, u32>)> {
			QUEUE.with(|q| q.borrow().iter().next().map(|(n, c)| (*n, *c)))
		}
		fn set(node: u32, cursor: Option<Cursor<u32, u32>>) {
			QUEUE.with(|q| match cursor {
				Some(c) => q.borrow_mut().insert(node, c),
				None => q.borrow_mut().remove(&node),
			});
		}
		fn next(node: u32, after: Option<u32>) -> (Option<u32>, bool) {
			let deps = [2 * node + 1, 2 * node + 2].into_iter().filter(|d| *d < 15);
			first_two(deps.filter(|d| after.is_none_or(|a| *d > a)))
		}
		fn visit(dep: u32, by: u32) -> bool {
			let newly = TAINTED.with(|t| t.borrow_mut().insert(dep, by).is_none());
			if newly && Self::next(dep, None).0.is_some() {
				Self::set(dep, Some(Cursor { by, after: None }));
			}
			newly
		}
	}

	#[test]
	fn a_walk_visits_every_dependent_once_in_bounded_steps() {
		Tree::set(0, Some(Cursor { by: 0, after: None }));
		// 14 dependents below the root: 14 steps, in calls of 5.
		let mut calls = Vec::new();
		loop {
			let (steps, tainted) = propagate::<Tree>(5);
			if steps == 0 {
				break;
			}
			calls.push((steps, tainted));
		}
		assert_eq!(calls, vec![(5, 5), (5, 5), (4, 4)]);
		assert_eq!(TAINTED.with(|t| t.borrow().len()), 14);
		assert!(TAINTED.with(|t| t.borrow().values().all(|by| *by == 0)));
		assert!(Tree::head().is_none());
	}
}
