//! Anchoring and withdrawing.

use crate::{
	pallet::{
		AnchorByRoot, AnchorOf, Anchors, BalanceOf, Config, Error, Event, NextAnchorId, Pallet,
		UriOf, WithdrawnCount,
	},
	AnchorKind, AnchorRecord, AnchorStatus,
};
use frame_support::{
	ensure,
	traits::{
		fungible::Balanced,
		tokens::{Fortitude, Precision, Preservation},
		Get, OnUnbalanced,
	},
};
use sp_runtime::{traits::Saturating, DispatchError, DispatchResult};
use verity_primitives::{
	merkle,
	traits::{ComputeReceipts, LineageInspect},
	AnchorId, ContentHash, JobId, ModelVersionId,
};

/// An anchoring request as the calls pass it on.
pub struct Request<T: Config> {
	pub kind: AnchorKind,
	pub root: ContentHash,
	pub traces: u32,
	pub steps: u64,
	pub model_version: Option<ModelVersionId>,
	pub job: Option<JobId>,
	pub uri: Option<UriOf<T>>,
}

impl<T: Config> Pallet<T> {
	/// The fee for an anchor whose URI has `uri_len` bytes.
	pub fn anchor_fee(uri_len: u32) -> BalanceOf<T> {
		T::UriByteFee::get().saturating_mul(uri_len.into()).saturating_add(T::AnchorFee::get())
	}

	/// Checks the request, takes the fee and records the anchor.
	pub(crate) fn do_anchor(
		who: T::AccountId,
		request: Request<T>,
	) -> Result<AnchorId, DispatchError> {
		Self::check_shape(&request)?;
		ensure!(!AnchorByRoot::<T>::contains_key(request.root), Error::<T>::RootAlreadyAnchored);
		Self::check_links(request.model_version, request.job)?;
		let id = NextAnchorId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::AnchorIdOverflow)?;

		// Last fallible step: nothing is written before the fee is paid.
		let uri_len = request.uri.as_ref().map_or(0, |u| u.len() as u32);
		let fee = Self::anchor_fee(uri_len);
		let credit = T::Currency::withdraw(
			&who,
			fee,
			Precision::Exact,
			Preservation::Preserve,
			Fortitude::Polite,
		)
		.map_err(|_| Error::<T>::CannotPayFee)?;
		T::FeeDestination::on_unbalanced(credit);

		let record: AnchorOf<T> = AnchorRecord {
			submitter: who.clone(),
			block: frame_system::Pallet::<T>::block_number(),
			kind: request.kind,
			root: request.root,
			traces: request.traces,
			steps: request.steps,
			model_version: request.model_version,
			job: request.job,
			uri: request.uri,
			status: AnchorStatus::Active,
		};
		Anchors::<T>::insert(id, record);
		AnchorByRoot::<T>::insert(request.root, id);
		NextAnchorId::<T>::put(next);
		Self::deposit_event(Event::Anchored {
			anchor: id,
			submitter: who,
			kind: request.kind,
			root: request.root,
			traces: request.traces,
			steps: request.steps,
			model_version: request.model_version,
			job: request.job,
			fee,
		});
		Ok(id)
	}

	/// Counts and URI: non-empty, and small enough that every proof fits `MaxProofDepth`.
	fn check_shape(request: &Request<T>) -> DispatchResult {
		ensure!(request.steps > 0, Error::<T>::NoSteps);
		ensure!(request.traces > 0, Error::<T>::NoTraces);
		ensure!(request.steps >= u64::from(request.traces), Error::<T>::EmptyTrace);
		let max_depth = T::MaxProofDepth::get();
		match request.kind {
			AnchorKind::Trace => {
				ensure!(merkle::max_depth(request.steps) <= max_depth, Error::<T>::TraceTooLarge)
			},
			AnchorKind::Batch => ensure!(
				merkle::max_depth(request.traces.into()) <= max_depth,
				Error::<T>::TooManyTraces
			),
		}
		ensure!(request.uri.as_ref().is_none_or(|u| !u.is_empty()), Error::<T>::EmptyUri);
		Ok(())
	}

	/// The model version must be usable; the job completed, and on the same model version.
	fn check_links(model_version: Option<ModelVersionId>, job: Option<JobId>) -> DispatchResult {
		if let Some(version) = model_version {
			ensure!(T::Lineage::exists(version), Error::<T>::UnknownModelVersion);
			ensure!(T::Lineage::is_usable(version), Error::<T>::ModelVersionNotUsable);
		}
		if let Some(job) = job {
			let receipt = T::Compute::receipt(job).ok_or(Error::<T>::JobNotCompleted)?;
			if let (Some(named), Some(ran)) = (model_version, receipt.model_version) {
				ensure!(named == ran, Error::<T>::JobModelMismatch);
			}
		}
		Ok(())
	}

	/// Flags the submitter's anchor withdrawn.
	pub(crate) fn do_withdraw(who: T::AccountId, anchor: AnchorId) -> DispatchResult {
		Anchors::<T>::try_mutate(anchor, |record| {
			let record = record.as_mut().ok_or(Error::<T>::UnknownAnchor)?;
			ensure!(record.submitter == who, Error::<T>::NotSubmitter);
			ensure!(record.status == AnchorStatus::Active, Error::<T>::AlreadyWithdrawn);
			record.status =
				AnchorStatus::Withdrawn { at: frame_system::Pallet::<T>::block_number() };
			Ok::<_, DispatchError>(())
		})?;
		WithdrawnCount::<T>::mutate(|n| *n = n.saturating_add(1));
		Self::deposit_event(Event::Withdrawn { anchor, submitter: who });
		Ok(())
	}
}
