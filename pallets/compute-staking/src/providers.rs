//! Providers: register, bond more, chill, unbond, withdraw; the jobs each one holds.

use crate::{types::*, Config, Error, Event, HoldReason, Pallet, ProviderJobs, Providers};
use alloc::vec::Vec;
use frame_support::{ensure, traits::Get};
use sp_runtime::{DispatchResult, Saturating};
use verity_primitives::{bond, JobId};

impl<T: Config> Pallet<T> {
	/// The hold a provider's bond is under.
	pub(crate) fn bond_reason() -> T::RuntimeHoldReason {
		HoldReason::ProviderBond.into()
	}

	pub(crate) fn do_register(
		who: T::AccountId,
		bond: BalanceOf<T>,
		hardware: HardwareProfile<T::MaxGpuModelLen>,
		kinds: KindSet,
		capacity: u32,
	) -> DispatchResult {
		ensure!(!Providers::<T>::contains_key(&who), Error::<T>::AlreadyProvider);
		ensure!(bond >= T::MinProviderBond::get(), Error::<T>::BondBelowMinimum);
		ensure!(!kinds.is_empty(), Error::<T>::NoJobKinds);
		let mut sorted = kinds.clone();
		sorted.sort();
		ensure!(sorted.windows(2).all(|w| w.first() != w.get(1)), Error::<T>::DuplicateJobKind);
		ensure!(capacity >= 1 && capacity <= T::MaxCapacity::get(), Error::<T>::InvalidCapacity);
		ensure!(
			!hardware.gpu_model.is_empty() && hardware.gpu_count >= 1,
			Error::<T>::InvalidHardware
		);
		bond::add::<T::Currency, _>(&Self::bond_reason(), &who, bond, Error::<T>::ZeroAmount)?;
		Providers::<T>::insert(
			&who,
			Provider {
				bond,
				hardware,
				kinds: sorted,
				capacity,
				status: ProviderStatus::Active,
				completed: 0,
				slashed: 0,
				pending_slashes: 0,
			},
		);
		Self::sync_pool(&who)?;
		Self::deposit_event(Event::ProviderRegistered { who, bond, capacity });
		Ok(())
	}

	pub(crate) fn do_bond_more(who: T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		let mut provider = Providers::<T>::get(&who).ok_or(Error::<T>::NotProvider)?;
		ensure!(
			!matches!(provider.status, ProviderStatus::Unbonding { .. }),
			Error::<T>::ProviderUnbonding
		);
		bond::add::<T::Currency, _>(&Self::bond_reason(), &who, amount, Error::<T>::ZeroAmount)?;
		provider.bond = provider.bond.saturating_add(amount);
		let bond = provider.bond;
		Providers::<T>::insert(&who, provider);
		Self::resync_pool(&who);
		Self::deposit_event(Event::BondIncreased { who, amount, bond });
		Ok(())
	}

	pub(crate) fn do_unbond(who: T::AccountId) -> DispatchResult {
		let mut provider = Providers::<T>::get(&who).ok_or(Error::<T>::NotProvider)?;
		ensure!(
			!matches!(provider.status, ProviderStatus::Unbonding { .. }),
			Error::<T>::AlreadyUnbonding
		);
		let until =
			frame_system::Pallet::<T>::block_number().saturating_add(T::UnbondingPeriod::get());
		provider.status = ProviderStatus::Unbonding { until };
		Providers::<T>::insert(&who, provider);
		Self::resync_pool(&who);
		Self::deposit_event(Event::UnbondingStarted { who, until });
		Ok(())
	}

	pub(crate) fn do_withdraw(who: T::AccountId) -> DispatchResult {
		let provider = Providers::<T>::get(&who).ok_or(Error::<T>::NotProvider)?;
		let ProviderStatus::Unbonding { until } = provider.status else {
			return Err(Error::<T>::NotUnbonding.into());
		};
		ensure!(frame_system::Pallet::<T>::block_number() >= until, Error::<T>::StillUnbonding);
		ensure!(ProviderJobs::<T>::get(&who).is_empty(), Error::<T>::HasOpenJobs);
		ensure!(provider.pending_slashes == 0, Error::<T>::HasPendingSlashes);
		let amount = bond::release_all::<T::Currency, _>(&Self::bond_reason(), &who)?;
		Providers::<T>::remove(&who);
		ProviderJobs::<T>::remove(&who);
		Self::deposit_event(Event::ProviderWithdrawn { who, amount });
		Ok(())
	}

	pub(crate) fn do_chill(who: T::AccountId) -> DispatchResult {
		let mut provider = Providers::<T>::get(&who).ok_or(Error::<T>::NotProvider)?;
		match provider.status {
			ProviderStatus::Active => {},
			ProviderStatus::Chilled => return Err(Error::<T>::AlreadyChilled.into()),
			ProviderStatus::Unbonding { .. } => return Err(Error::<T>::ProviderUnbonding.into()),
		}
		provider.status = ProviderStatus::Chilled;
		Providers::<T>::insert(&who, provider);
		Self::resync_pool(&who);
		Self::deposit_event(Event::ProviderChilled { who });
		Ok(())
	}

	pub(crate) fn do_unchill(who: T::AccountId) -> DispatchResult {
		let mut provider = Providers::<T>::get(&who).ok_or(Error::<T>::NotProvider)?;
		match provider.status {
			ProviderStatus::Chilled => {},
			ProviderStatus::Active => return Err(Error::<T>::NotChilled.into()),
			ProviderStatus::Unbonding { .. } => return Err(Error::<T>::ProviderUnbonding.into()),
		}
		provider.status = ProviderStatus::Active;
		Providers::<T>::insert(&who, provider);
		Self::sync_pool(&who)?;
		Self::deposit_event(Event::ProviderUnchilled { who });
		Ok(())
	}

	/// Adds `job` to what each of `providers` holds and takes a free slot off their pool
	/// entries, writing the pool once (the draw only picks providers with a free slot).
	pub(crate) fn hold_job(providers: &[T::AccountId], job: JobId) {
		let mut held: Vec<&T::AccountId> = Vec::new();
		for who in providers {
			if ProviderJobs::<T>::try_mutate(who, |jobs| jobs.try_push(job)).is_ok() {
				held.push(who);
			} else {
				log::error!(target: "runtime::compute-staking", "job {job}: drawn provider over capacity");
			}
		}
		Self::shift_free(&held, false);
	}

	/// Removes `job` from what each of `providers` holds and gives their pool entries the slot
	/// back, writing the pool once.
	pub(crate) fn drop_job(providers: &[T::AccountId], job: JobId) {
		let mut dropped: Vec<&T::AccountId> = Vec::new();
		for who in providers {
			ProviderJobs::<T>::mutate_exists(who, |jobs| {
				if let Some(list) = jobs {
					let before = list.len();
					list.retain(|j| *j != job);
					if list.len() < before {
						dropped.push(who);
					}
					if list.is_empty() {
						*jobs = None;
					}
				}
			});
		}
		Self::shift_free(&dropped, true);
	}
}
