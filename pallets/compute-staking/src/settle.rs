//! Completion: the payment split (treasury cut, dataset and model royalties, providers) and the
//! receipt that stays.

use crate::{types::*, Config, Event, HoldReason, Jobs, Pallet, Providers, Receipts};
use alloc::vec::Vec;
use frame_support::{
	storage::with_storage_layer,
	traits::{
		fungible::{Mutate, MutateHold},
		tokens::{Precision, Preservation},
		Get,
	},
	BoundedVec,
};
use sp_runtime::{
	traits::{CheckedDiv, Zero},
	DispatchError, DispatchResult, Saturating,
};
use verity_primitives::{
	traits::{DatasetUsage, ModelUsage},
	ContentHash, JobId,
};

/// Where a payment went.
#[derive(Default)]
pub(crate) struct Split<B> {
	pub providers: B,
	pub royalties: B,
	pub treasury: B,
}

impl<T: Config> Pallet<T> {
	/// Pays out and records a completed job. `winners` must not be empty.
	pub(crate) fn complete(
		id: JobId,
		job: Job<T>,
		winners: Vec<T::AccountId>,
		output: ContentHash,
	) -> DispatchResult {
		let released = T::Currency::release(
			&HoldReason::JobPayment.into(),
			&job.owner,
			job.spec.payment,
			Precision::BestEffort,
		)?;
		let split = match with_storage_layer(|| Self::payout(&job, &winners, released)) {
			Ok(split) => split,
			Err(e) => {
				// Royalties above the cap, or a failing hook: the providers get everything.
				log::warn!(target: "runtime::compute-staking", "job {id}: payout failed ({e:?}); paying providers only");
				let paid =
					with_storage_layer(|| Self::pay_providers(&job.owner, &winners, released))
						.unwrap_or_else(|_| Zero::zero());
				Split { providers: paid, ..Default::default() }
			},
		};
		for who in winners.iter() {
			Providers::<T>::mutate(who, |p| {
				if let Some(p) = p {
					p.completed = p.completed.saturating_add(1);
				}
			});
		}
		let now = frame_system::Pallet::<T>::block_number();
		Receipts::<T>::insert(
			id,
			Receipt {
				kind: job.spec.kind,
				providers: BoundedVec::truncate_from(winners.clone()),
				model_version: job.spec.model_version,
				datasets: job.spec.datasets.clone(),
				input_hash: job.spec.input_hash,
				output_hash: output,
				completed_at: now,
			},
		);
		Jobs::<T>::remove(id);
		Self::deposit_event(Event::JobCompleted {
			job: id,
			output,
			providers: winners.len() as u32,
			provider_share: split.providers,
			royalties: split.royalties,
			treasury: split.treasury,
		});
		Ok(())
	}

	/// Splits `amount` (already released to the owner) between treasury, royalties and winners.
	fn payout(
		job: &Job<T>,
		winners: &[T::AccountId],
		amount: BalanceOf<T>,
	) -> Result<Split<BalanceOf<T>>, DispatchError> {
		let owner = &job.owner;
		let treasury = T::TreasuryCut::get().mul_floor(amount);
		if !treasury.is_zero() {
			T::Currency::transfer(owner, &T::Treasury::get(), treasury, Preservation::Expendable)?;
		}

		let mut royalties: BalanceOf<T> = Zero::zero();
		let datasets = job.spec.datasets.len() as u32;
		if datasets > 0 {
			let each = amount.checked_div(&datasets.into()).unwrap_or_else(Zero::zero);
			for dataset in job.spec.datasets.iter() {
				// A dataset retired since submission refuses the use; the others still pay.
				let paid =
					with_storage_layer(|| T::DatasetUsage::record_usage(*dataset, owner, each))
						.unwrap_or_else(|_| Zero::zero());
				royalties = royalties.saturating_add(paid);
			}
		}
		if let Some(version) = job.spec.model_version {
			let paid = with_storage_layer(|| T::ModelUsage::record_usage(version, owner, amount))
				.unwrap_or_else(|_| Zero::zero());
			royalties = royalties.saturating_add(paid);
		}
		if royalties > T::MaxRoyaltyShare::get().mul_floor(amount) {
			return Err(DispatchError::Other("royalties above MaxRoyaltyShare"));
		}

		let rest = amount.saturating_sub(treasury).saturating_sub(royalties);
		let providers = Self::pay_providers(owner, winners, rest)?;
		Ok(Split { providers, royalties, treasury })
	}

	/// Transfers `amount` from `owner` to `winners` in equal parts, the rounding rest to the first.
	fn pay_providers(
		owner: &T::AccountId,
		winners: &[T::AccountId],
		amount: BalanceOf<T>,
	) -> Result<BalanceOf<T>, DispatchError> {
		let count: BalanceOf<T> = (winners.len() as u32).into();
		let each = amount.checked_div(&count).unwrap_or_else(Zero::zero);
		let rest = amount.saturating_sub(each.saturating_mul(count));
		for (i, who) in winners.iter().enumerate() {
			let share = if i == 0 { each.saturating_add(rest) } else { each };
			if !share.is_zero() {
				T::Currency::transfer(owner, who, share, Preservation::Expendable)?;
			}
		}
		Ok(amount)
	}
}
