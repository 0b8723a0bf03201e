//! Invariants, checked by `try_state` and after every unit test.

use crate::{
	types::*, Config, Deadlines, HoldReason, Jobs, Pallet, Pool, ProviderJobs, Providers, SlashAt,
	SlashQueue,
};
use alloc::collections::{BTreeMap, BTreeSet};
use frame_support::{ensure, traits::fungible::InspectHold};
use sp_runtime::{Saturating, TryRuntimeError};
use verity_primitives::JobId;

impl<T: Config> Pallet<T> {
	/// - Held bonds: each provider's `ProviderBond` hold equals its bond.
	/// - Escrow: each owner's `JobPayment` hold equals the payments of its open jobs.
	/// - Seats reference existing providers and jobs, both ways (`ProviderJobs`), are distinct,
	///   never the owner, at most `drawn`; a provider holds at most its capacity.
	/// - The pool holds only active providers bonded at least `MinProviderBond`, each once, with
	///   its bond, kinds and free slots.
	/// - Every job in flight has exactly one queue entry, at its `due` block.
	/// - A decided job's output is revealed by more than half of its drawn seats.
	/// - Pending-slash counters and ids match the slash queue.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let mut escrow: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut held: BTreeMap<T::AccountId, BTreeSet<JobId>> = BTreeMap::new();
		let mut entries: BTreeMap<JobId, u32> = BTreeMap::new();
		for (at, id, ()) in Deadlines::<T>::iter() {
			let job = Jobs::<T>::get(id).ok_or("queue entry of a job not in flight")?;
			ensure!(job.due == at, "queue entry away from the job's due block");
			let n = entries.entry(id).or_default();
			*n = n.saturating_add(1);
		}

		for (id, job) in Jobs::<T>::iter() {
			let e = escrow.entry(job.owner.clone()).or_default();
			*e = e.saturating_add(job.spec.payment);
			ensure!(entries.get(&id) == Some(&1), "job in flight without exactly one queue entry");
			ensure!(job.seats.len() as u32 <= job.drawn, "more seats than drawn");
			ensure!(
				matches!(job.status, JobStatus::Drawing) == (job.drawn == 0),
				"a drawn job still drawing, or an undrawn one past it"
			);
			if let JobStatus::Decided { output } = job.status {
				ensure!(Self::majority(&job) == Some(output), "a decided job without its majority");
			}
			let distinct: BTreeSet<_> = job.seats.iter().map(|s| s.provider.clone()).collect();
			ensure!(distinct.len() == job.seats.len(), "a provider is seated twice");
			ensure!(!distinct.contains(&job.owner), "the owner holds a seat in its own job");
			for s in job.seats.iter() {
				ensure!(Providers::<T>::contains_key(&s.provider), "seat of an unknown provider");
				ensure!(held.entry(s.provider.clone()).or_default().insert(id), "job held twice");
			}
		}

		let mut pending: BTreeMap<T::AccountId, u32> = BTreeMap::new();
		for (at, queue) in SlashQueue::<T>::iter() {
			for slash in queue {
				ensure!(SlashAt::<T>::get(slash.id) == Some(at), "pending slash without its id");
				let p = pending.entry(slash.who).or_default();
				*p = p.saturating_add(1);
			}
		}
		ensure!(
			SlashAt::<T>::iter().count() == pending.values().map(|n| *n as usize).sum::<usize>(),
			"slash id of no pending slash"
		);

		let pool = Pool::<T>::get();
		let pooled: BTreeSet<_> = pool.iter().map(|e| e.who.clone()).collect();
		ensure!(pooled.len() == pool.len(), "a provider is pooled twice");
		for entry in pool.iter() {
			ensure!(Self::entry_matches(entry), "pool entry out of step with its provider");
		}

		for (who, provider) in Providers::<T>::iter() {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::ProviderBond.into(), &who)
					== provider.bond,
				"provider bond differs from its hold"
			);
			ensure!(
				provider.pending_slashes == pending.remove(&who).unwrap_or(0),
				"pending slash count differs from the queue"
			);
			let jobs = ProviderJobs::<T>::get(&who);
			ensure!(jobs.len() as u32 <= provider.capacity, "provider over capacity");
			let listed: BTreeSet<JobId> = jobs.iter().copied().collect();
			ensure!(listed.len() == jobs.len(), "job listed twice for a provider");
			ensure!(
				listed == held.remove(&who).unwrap_or_default(),
				"ProviderJobs differs from the seats"
			);
			let drawable = provider.status == ProviderStatus::Active
				&& provider.bond >= <T::MinProviderBond as frame_support::traits::Get<_>>::get();
			ensure!(drawable || !pooled.contains(&who), "pooled provider that cannot be drawn");
		}
		ensure!(pending.is_empty(), "pending slash of an unknown provider");
		ensure!(held.is_empty(), "job held by an unknown provider");
		for (who, _) in ProviderJobs::<T>::iter() {
			ensure!(Providers::<T>::contains_key(&who), "ProviderJobs of an unknown provider");
		}

		for (owner, total) in escrow {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::JobPayment.into(), &owner) == total,
				"escrow differs from the open jobs' payments"
			);
		}
		Ok(())
	}

	/// Whether a pool entry equals what its provider record says.
	fn entry_matches(entry: &PoolEntry<T>) -> bool {
		let Some(provider) = Providers::<T>::get(&entry.who) else { return false };
		let held = ProviderJobs::<T>::decode_len(&entry.who).unwrap_or(0) as u32;
		entry.bond == provider.bond
			&& entry.kinds == provider.kinds
			&& entry.free == provider.capacity.saturating_sub(held)
	}
}
