//! Completion: settling on an output (the vote's or a dispute's), the payment split (treasury
//! cut, dataset and model royalties, providers), paid straight out of the submitter's hold, and
//! the receipt that stays.

use crate::{
	results::BAD_INPUT, types::*, Config, Deadlines, Error, Event, HoldReason, Jobs, Pallet,
	Providers, Receipts, WeightInfo,
};
use alloc::vec::Vec;
use frame_support::{
	ensure,
	traits::{
		fungible::{InspectHold, MutateHold},
		tokens::Precision,
		Get,
	},
	weights::Weight,
	BoundedVec,
};
use sp_runtime::{
	traits::{CheckedDiv, Zero},
	DispatchError, Saturating,
};
use verity_primitives::{
	split::equal_shares,
	traits::{DatasetUsage, ModelUsage, RoyaltyPayees},
	ContentHash, JobId,
};

/// Where a payment went, and what its royalty lookups weighed.
#[derive(Default)]
pub(crate) struct Split<B> {
	pub providers: B,
	pub royalties: B,
	pub treasury: B,
	pub royalty_weight: Weight,
}

impl<T: Config> Pallet<T> {
	/// Moves `amount` from `owner`'s job-payment hold to `to`'s free balance (`bond::pay`).
	/// Forced, so a freeze on the owner's account cannot keep the payment. Returns what moved
	/// (zero on failure, e.g. below the existential deposit of an account that does not exist).
	fn pay_from_hold(
		owner: &T::AccountId,
		to: &T::AccountId,
		amount: BalanceOf<T>,
	) -> BalanceOf<T> {
		verity_primitives::bond::pay::<T::Currency, _>(
			&HoldReason::JobPayment.into(),
			owner,
			to,
			amount,
		)
	}

	/// Completes the job on `output`: seats that revealed it win and are paid; the others are
	/// slashed for a wrong output. Returns the weight its royalty lookups used.
	pub(crate) fn settle_on(
		id: JobId,
		job: Job<T>,
		output: ContentHash,
	) -> Result<Weight, DispatchError> {
		let mut winners: Vec<T::AccountId> = Vec::new();
		for seat in job.seats.iter() {
			if seat.output == Some(output) {
				winners.push(seat.provider.clone());
			} else {
				Self::decide_slash(&seat.provider, id, SlashCause::WrongOutput, job.spec.payment);
			}
		}
		let seated: Vec<T::AccountId> = job.seats.iter().map(|s| s.provider.clone()).collect();
		Self::drop_job(&seated, id);
		let checked = winners.len() > 1;
		Self::complete(id, job, winners, output, checked)
	}

	/// Settles a disputed job; returns the weight its royalty lookups used.
	pub(crate) fn do_resolve(id: JobId, output: ContentHash) -> Result<Weight, DispatchError> {
		let job = Jobs::<T>::get(id).ok_or(Error::<T>::UnknownJob)?;
		let JobStatus::Disputed { until } = job.status else {
			return Err(Error::<T>::NotDisputed.into());
		};
		ensure!(frame_system::Pallet::<T>::block_number() < until, Error::<T>::DisputeOver);
		ensure!(job.seats.iter().any(|s| s.output == Some(output)), Error::<T>::OutputNotRevealed);
		Self::settle_on(id, job, output)
	}

	/// Pays out and records a completed job. `winners` must not be empty. Returns the weight its
	/// royalty lookups used.
	pub(crate) fn complete(
		id: JobId,
		job: Job<T>,
		winners: Vec<T::AccountId>,
		output: ContentHash,
		checked: bool,
	) -> Result<Weight, DispatchError> {
		let bad_input = output == BAD_INPUT;
		let split = Self::payout(&job, &winners, !bad_input);
		// Whatever could not be paid (nothing, unless every provider transfer failed) goes back.
		let left = T::Currency::balance_on_hold(&HoldReason::JobPayment.into(), &job.owner).min(
			job.spec.payment.saturating_sub(
				split.providers.saturating_add(split.royalties).saturating_add(split.treasury),
			),
		);
		if !left.is_zero() {
			let _ = T::Currency::release(
				&HoldReason::JobPayment.into(),
				&job.owner,
				left,
				Precision::BestEffort,
			);
		}
		for who in winners.iter() {
			Providers::<T>::mutate(who, |p| {
				if let Some(p) = p {
					p.completed = p.completed.saturating_add(1);
				}
			});
		}
		Deadlines::<T>::remove(job.due, id);
		Jobs::<T>::remove(id);
		if bad_input {
			Self::deposit_event(Event::InputRejected {
				job: id,
				providers: winners.len() as u32,
				provider_share: split.providers,
			});
			return Ok(split.royalty_weight);
		}
		let now = frame_system::Pallet::<T>::block_number();
		Receipts::<T>::insert(
			id,
			Receipt {
				owner: job.owner.clone(),
				kind: job.spec.kind,
				providers: BoundedVec::truncate_from(winners.clone()),
				model_version: job.spec.model_version,
				datasets: job.spec.datasets.clone(),
				input_hash: job.spec.input_hash,
				output_hash: output,
				completed_at: now,
			},
		);
		Self::deposit_event(Event::JobCompleted {
			job: id,
			output,
			providers: winners.len() as u32,
			checked,
			provider_share: split.providers,
			royalties: split.royalties,
			treasury: split.treasury,
		});
		Ok(split.royalty_weight)
	}

	/// Splits the job's payment between treasury, royalties (when `royalties`) and winners,
	/// straight from the owner's hold. Royalty shares of the owner itself are not paid: they go
	/// to the providers instead of back to the submitter.
	fn payout(job: &Job<T>, winners: &[T::AccountId], royalties: bool) -> Split<BalanceOf<T>> {
		let owner = &job.owner;
		let amount = job.spec.payment;
		let treasury = Self::pay_from_hold(
			owner,
			&T::Treasury::get(),
			T::TreasuryCut::get().mul_floor(amount),
		);
		let mut paid_royalties: BalanceOf<T> = Zero::zero();
		let mut royalty_weight = Weight::zero();
		if royalties {
			let count = job.spec.datasets.len() as u32;
			let each = amount.checked_div(&count.into()).unwrap_or_else(Zero::zero);
			for (dataset, rate) in job.spec.datasets.iter().zip(job.dataset_rates.iter()) {
				// A dataset retired since submission refuses the use; the others still pay.
				let payees = T::DatasetUsage::royalty_payees(*dataset, each, *rate);
				let (paid, weight) = Self::pay_royalty(owner, payees, Self::dataset_usage_bounds());
				T::DatasetUsage::note_usage(*dataset, owner, each, paid);
				paid_royalties = paid_royalties.saturating_add(paid);
				royalty_weight = royalty_weight.saturating_add(weight);
			}
			if let Some(version) = job.spec.model_version {
				let payees = T::ModelUsage::royalty_payees(version, amount, job.model_rate);
				let (paid, weight) = Self::pay_royalty(owner, payees, Self::model_usage_bounds());
				T::ModelUsage::note_usage(version, owner, amount, paid);
				paid_royalties = paid_royalties.saturating_add(paid);
				royalty_weight = royalty_weight.saturating_add(weight);
			}
		}
		let rest = amount.saturating_sub(treasury).saturating_sub(paid_royalties);
		let providers = Self::pay_providers(owner, winners, rest);
		Split { providers, royalties: paid_royalties, treasury, royalty_weight }
	}

	/// Pays royalty `payees` out of `owner`'s hold, never to `owner` itself; returns the total
	/// and the weight the lookup reported above the base `settle`'s benchmark already measured
	/// (the worst case when the lookup failed).
	fn pay_royalty(
		owner: &T::AccountId,
		payees: Result<RoyaltyPayees<T::AccountId, BalanceOf<T>>, DispatchError>,
		(base, worst): (Weight, Weight),
	) -> (BalanceOf<T>, Weight) {
		let Ok(RoyaltyPayees { payees, weight }) = payees else {
			return (Zero::zero(), worst.saturating_sub(base));
		};
		let weight = weight.saturating_sub(base);
		let paid = verity_primitives::bond::pay_all::<T::Currency, _>(
			&HoldReason::JobPayment.into(),
			owner,
			payees,
		);
		(paid, weight)
	}

	/// A dataset lookup's (base, worst case) weights: `settle`'s benchmark ran the runtime's
	/// hooks at their base size (datasets without upstreams or contributors, a version without
	/// ancestors), so a settlement is charged only what each lookup reports above that.
	pub(crate) fn dataset_usage_bounds() -> (Weight, Weight) {
		(T::DatasetUsage::record_usage_base_weight(), T::DatasetUsage::record_usage_weight())
	}

	/// A model lookup's (base, worst case) weights; see [`Self::dataset_usage_bounds`].
	pub(crate) fn model_usage_bounds() -> (Weight, Weight) {
		(T::ModelUsage::record_usage_base_weight(), T::ModelUsage::record_usage_weight())
	}

	/// The most the royalty lookups of `datasets` dataset uses and (when `model`) one model use
	/// can cost above the base size the `settle` benchmark already ran them at.
	pub(crate) fn royalty_bound(datasets: u32, model: bool) -> Weight {
		let above = |(base, worst): (Weight, Weight)| worst.saturating_sub(base);
		let model = if model { above(Self::model_usage_bounds()) } else { Weight::zero() };
		above(Self::dataset_usage_bounds()).saturating_mul(datasets.into()).saturating_add(model)
	}

	/// The seats a submission of redundancy `r` pays the settlement for: its own `r`, and for
	/// `r = 1` the spot-checker the protocol draws with chance `SpotCheckChance`. The seats of an
	/// escalation are not prepaid: only a seat that is slashed (`Silent`, or `WrongOutput` for a
	/// split vote) causes one, at most once a job; the queue carries them.
	pub(crate) fn settle_seats(r: u32) -> u32 {
		r.max(2).min(MaxSeatsOf::<T>::get())
	}

	/// What a submission is charged for the settlement it will need, before its royalty
	/// lookups are known: the settlement at [`Self::settle_seats`], and every lookup's worst case
	/// twice (once measured at submission, once above base at the settlement).
	pub fn prepaid_settlement_bound(r: u32, datasets: u32, model: bool) -> Weight {
		let (dataset, model_use) =
			(T::DatasetUsage::record_usage_weight(), T::ModelUsage::record_usage_weight());
		let measured = dataset.saturating_mul(datasets.into()).saturating_add(if model {
			model_use
		} else {
			Weight::zero()
		});
		T::WeightInfo::settle(Self::settle_seats(r), datasets)
			.saturating_add(Self::royalty_bound(datasets, model))
			.saturating_add(measured)
	}

	/// What a submission of `spec` is charged for its settlement, which the deadline queue runs
	/// after the deciding reveal: its royalty lookups run now at the datasets' and model's own
	/// sizes, and [`Self::prepaid_settlement_measured`] prices them. A lookup that fails is
	/// charged its worst case.
	pub(crate) fn prepaid_settlement(
		spec: &JobSpec<T>,
		dataset_rates: &[sp_runtime::Permill],
		model_rate: sp_runtime::Permill,
	) -> Weight {
		let count = spec.datasets.len() as u32;
		let each = spec.payment.checked_div(&count.into()).unwrap_or_else(Zero::zero);
		let used = |lookup: Result<RoyaltyPayees<T::AccountId, BalanceOf<T>>, DispatchError>,
		            worst: Weight| lookup.map(|l| l.weight).unwrap_or(worst);
		let (_, dataset_worst) = Self::dataset_usage_bounds();
		let datasets = spec.datasets.iter().zip(dataset_rates.iter()).map(|(dataset, rate)| {
			used(T::DatasetUsage::royalty_payees(*dataset, each, *rate), dataset_worst)
		});
		let model = spec.model_version.map(|version| {
			used(
				T::ModelUsage::royalty_payees(version, spec.payment, model_rate),
				Self::model_usage_bounds().1,
			)
		});
		Self::prepaid_settlement_measured(spec.redundancy, datasets, model)
	}

	/// The settlement a submission of redundancy `r` prepays once its royalty lookups reported
	/// what they used (`datasets`, one each, and `model`): the settlement at
	/// [`Self::settle_seats`], each lookup as measured at submission, and again the part of it
	/// above the base size the `settle` benchmark ran it at (what the queue's run costs more).
	pub fn prepaid_settlement_measured(
		r: u32,
		datasets: impl ExactSizeIterator<Item = Weight>,
		model: Option<Weight>,
	) -> Weight {
		let twice = |used: Weight, base: Weight| used.saturating_add(used.saturating_sub(base));
		let (dataset_base, _) = Self::dataset_usage_bounds();
		let mut weight = T::WeightInfo::settle(Self::settle_seats(r), datasets.len() as u32);
		for used in datasets {
			weight = weight.saturating_add(twice(used, dataset_base));
		}
		if let Some(used) = model {
			weight = weight.saturating_add(twice(used, Self::model_usage_bounds().0));
		}
		weight
	}

	/// Pays `amount` from `owner`'s hold to `winners` in equal shares
	/// (`verity_primitives::split`); returns what was paid.
	fn pay_providers(
		owner: &T::AccountId,
		winners: &[T::AccountId],
		amount: BalanceOf<T>,
	) -> BalanceOf<T> {
		let shares = equal_shares(amount, winners.len());
		winners.iter().zip(shares).fold(Zero::zero(), |paid: BalanceOf<T>, (who, share)| {
			paid.saturating_add(Self::pay_from_hold(owner, who, share))
		})
	}
}
