//! The pool the draws read, and the draws themselves.
//!
//! The pool holds one entry per provider that can be drawn: active, bonded at least
//! `MinProviderBond`. Every change to a provider's bond, status or held jobs goes through
//! [`Pallet::sync_pool`], so the draw reads one bounded value instead of every provider.

use crate::{types::*, Config, Error, Event, Pallet, Pool, ProviderJobs, Providers};
use alloc::vec::Vec;
use codec::Encode;
use frame_support::traits::{Get, Randomness};
use sp_runtime::{traits::UniqueSaturatedInto, DispatchResult};
use verity_primitives::{draw::draw_weighted, JobId};

/// Tag of the seed subjects of seat draws.
const DRAW_SUBJECT: &[u8; 8] = b"vrty/drw";

impl<T: Config> Pallet<T> {
	/// The pool entry `who` should have now, `None` when it cannot be drawn.
	fn entry_for(who: &T::AccountId) -> Option<PoolEntry<T>> {
		let provider = Providers::<T>::get(who)?;
		if provider.status != ProviderStatus::Active || provider.bond < T::MinProviderBond::get() {
			return None;
		}
		let held = ProviderJobs::<T>::decode_len(who).unwrap_or(0) as u32;
		Some(PoolEntry {
			who: who.clone(),
			bond: provider.bond,
			kinds: provider.kinds,
			free: provider.capacity.saturating_sub(held),
		})
	}

	/// Brings `who`'s pool entry in line with its provider record. A provider that should be
	/// in a full pool enters only by out-bonding the smallest entry, which is evicted; otherwise
	/// `PoolFull`, and nothing changes.
	pub(crate) fn sync_pool(who: &T::AccountId) -> DispatchResult {
		let wanted = Self::entry_for(who);
		let mut pool = Pool::<T>::get();
		let position = pool.iter().position(|e| &e.who == who);
		match (position, wanted) {
			(Some(i), Some(entry)) => {
				if let Some(slot) = pool.get_mut(i) {
					*slot = entry;
				}
			},
			(Some(i), None) => {
				pool.swap_remove(i);
			},
			(None, None) => return Ok(()),
			(None, Some(entry)) => {
				if pool.is_full() {
					let (smallest, bond) = pool
						.iter()
						.enumerate()
						.min_by_key(|(_, e)| e.bond)
						.map(|(i, e)| (i, e.bond))
						.ok_or(Error::<T>::PoolFull)?;
					if entry.bond <= bond {
						return Err(Error::<T>::PoolFull.into());
					}
					let evicted = pool.swap_remove(smallest);
					Self::deposit_event(Event::ProviderEvicted {
						who: evicted.who,
						by: who.clone(),
					});
				}
				pool.try_push(entry).map_err(|_| Error::<T>::PoolFull)?;
			},
		}
		Pool::<T>::put(pool);
		Ok(())
	}

	/// Like [`Self::sync_pool`] where the caller cannot fail (a slash, a freed seat): a provider
	/// that no longer fits a full pool simply stays out until it bonds more.
	pub(crate) fn resync_pool(who: &T::AccountId) {
		let _ = Self::sync_pool(who);
	}

	/// One slot more (`give`) or less in the pool entries of `providers`; those out of the pool
	/// have no entry to change. Capacity is fixed at registration, so the entry stays equal to
	/// capacity less jobs held.
	pub(crate) fn shift_free(providers: &[&T::AccountId], give: bool) {
		if providers.is_empty() {
			return;
		}
		Pool::<T>::mutate(|pool| {
			for entry in pool.iter_mut().filter(|e| providers.contains(&&e.who)) {
				entry.free =
					if give { entry.free.saturating_add(1) } else { entry.free.saturating_sub(1) };
			}
		});
	}

	/// The least bond a provider needs to be drawn for `job`: `MinProviderBond`, and for an
	/// `r = 1` job enough to cover the wrong-output slash `2 × payment / p`.
	pub(crate) fn min_bond_for(job: &JobSpec<T>) -> BalanceOf<T> {
		let min = T::MinProviderBond::get();
		if job.redundancy == 1 {
			min.max(Self::wrong_output_slash_floor(job.payment))
		} else {
			min
		}
	}

	/// Draws up to `count` providers for `job` (serving its kind, with a free slot and enough
	/// bond, neither the owner nor in `exclude`), weighted by bond, seeded by the randomness of
	/// this block and `(job, round)`.
	pub(crate) fn draw(
		id: JobId,
		job: &Job<T>,
		round: u32,
		count: u32,
		exclude: &[T::AccountId],
	) -> Vec<T::AccountId> {
		let min_bond = Self::min_bond_for(&job.spec);
		let candidates: Vec<(T::AccountId, u128)> = Pool::<T>::get()
			.into_iter()
			.filter(|e| {
				e.free > 0
					&& e.bond >= min_bond
					&& e.kinds.contains(&job.spec.kind)
					&& e.who != job.owner
					&& !exclude.contains(&e.who)
			})
			.map(|e| {
				let weight: u128 = e.bond.unique_saturated_into();
				(e.who, weight)
			})
			.collect();
		let (seed, _) = T::Randomness::random(&(DRAW_SUBJECT, id, round).encode());
		draw_weighted(candidates, count, &seed.0)
	}

	/// Whether any pooled provider of `kind` other than `owner` has at least `bond`.
	pub(crate) fn pool_covers(kind: JobKind, owner: &T::AccountId, bond: BalanceOf<T>) -> bool {
		Pool::<T>::get()
			.iter()
			.any(|e| e.kinds.contains(&kind) && &e.who != owner && e.bond >= bond)
	}
}
