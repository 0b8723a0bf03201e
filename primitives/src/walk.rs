//! Idle block space for a resumable walk (the taint walks of model lineage and the dataset
//! registry): rounds of at most `fanout` steps, the range a walk's step weight is benchmarked
//! over, each charged at that weight, while the remaining weight allows one more step.

use frame_support::weights::Weight;

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
}
