//! Invariants, checked by `try_state` and after every unit test.

use crate::{
	types::*, Config, Deadlines, HoldReason, Jobs, Pallet, ProviderJobs, Providers, SlashQueue,
};
use alloc::collections::{BTreeMap, BTreeSet};
use frame_support::{ensure, traits::fungible::InspectHold};
use sp_runtime::{Saturating, TryRuntimeError};
use verity_primitives::JobId;

impl<T: Config> Pallet<T> {
	/// - Held bonds: each provider's `ProviderBond` hold equals its bond; each account's
	///   `ChallengeBond` hold equals the bonds of its open challenges.
	/// - Escrow: each owner's `JobPayment` hold equals the payments of its open jobs.
	/// - Assignments reference existing providers and jobs, both ways (`ProviderJobs`), are
	///   distinct and at most `r` per job; a provider holds at most its capacity.
	/// - Pending-slash counters match the slash queue.
	/// - Every job that is not disputed is queued in `Deadlines`.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let mut escrow: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut challenge_bonds: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut held: BTreeMap<T::AccountId, BTreeSet<JobId>> = BTreeMap::new();
		let queued: BTreeSet<JobId> = Deadlines::<T>::iter_values().flatten().collect();

		for (id, job) in Jobs::<T>::iter() {
			let e = escrow.entry(job.owner.clone()).or_default();
			*e = e.saturating_add(job.spec.payment);
			ensure!(
				job.assignments.len() as u32 <= job.spec.redundancy,
				"more assignments than redundancy"
			);
			let distinct: BTreeSet<_> =
				job.assignments.iter().map(|a| a.provider.clone()).collect();
			ensure!(distinct.len() == job.assignments.len(), "a provider is assigned twice");
			for a in job.assignments.iter() {
				ensure!(
					Providers::<T>::contains_key(&a.provider),
					"assignment of an unknown provider"
				);
				ensure!(held.entry(a.provider.clone()).or_default().insert(id), "job held twice");
			}
			if let Some(c) = job.challenge.as_ref() {
				ensure!(
					matches!(job.status, JobStatus::Challenged { .. } | JobStatus::Disputed),
					"challenge outside a challenge"
				);
				ensure!(
					Providers::<T>::contains_key(&c.challenger),
					"challenge by an unknown provider"
				);
				ensure!(held.entry(c.challenger.clone()).or_default().insert(id), "job held twice");
				let b = challenge_bonds.entry(c.challenger.clone()).or_default();
				*b = b.saturating_add(c.bond);
			}
			if job.status != JobStatus::Disputed {
				ensure!(queued.contains(&id), "open job missing from the deadline queue");
			}
		}

		let mut pending: BTreeMap<T::AccountId, u32> = BTreeMap::new();
		for slash in SlashQueue::<T>::iter_values().flatten() {
			let p = pending.entry(slash.who).or_default();
			*p = p.saturating_add(1);
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
				"ProviderJobs differs from the assignments"
			);
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::ChallengeBond.into(), &who)
					== challenge_bonds.remove(&who).unwrap_or_default(),
				"challenge bond hold differs from open challenges"
			);
		}
		ensure!(pending.is_empty(), "pending slash of an unknown provider");
		ensure!(held.is_empty(), "job held by an unknown provider");
		ensure!(challenge_bonds.is_empty(), "challenge bond of an unknown provider");
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
}
