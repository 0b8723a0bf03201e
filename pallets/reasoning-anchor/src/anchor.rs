//! Anchoring and withdrawing. An anchor's id is the hash of its submitter and root, so one
//! submitter's anchor (or withdrawal) never touches another's; a named job is checked against
//! its receipt.

use crate::{
	pallet::{
		AnchorOf, Anchors, AnchorsByVersion, Config, Error, Event, Pallet, UriOf,
		VersionAnchorCount, WithdrawnCount,
	},
	AnchorKind, AnchorRecord, AnchorStatus, Attribution, BalanceOf,
};
use frame_support::{
	ensure,
	traits::{
		fungible::Balanced,
		tokens::{Fortitude, Precision, Preservation},
		Get, OnUnbalanced,
	},
};
use sp_runtime::{
	traits::{BlakeTwo256, Hash, Saturating},
	DispatchError, DispatchResult,
};
use verity_primitives::{
	merkle,
	traits::{ComputeReceipt, ComputeReceipts, LineageInspect},
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

/// Domain tag of anchor ids: no other hash the chain makes starts with it.
const ANCHOR_ID_DOMAIN: &[u8; 13] = b"verity/anchor";

impl<T: Config> Pallet<T> {
	/// The id of `submitter`'s anchor of `root`, whether it exists or not: BLAKE2b-256 of the
	/// domain tag, the submitter's SCALE encoding and the root's 32 bytes.
	pub fn anchor_id(submitter: &T::AccountId, root: &ContentHash) -> AnchorId {
		BlakeTwo256::hash_of(&(ANCHOR_ID_DOMAIN, submitter, root))
	}

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
		let id = Self::anchor_id(&who, &request.root);
		ensure!(!Anchors::<T>::contains_key(id), Error::<T>::RootAlreadyAnchored);
		let attribution =
			Self::check_links(&who, &request.root, request.model_version, request.job)?;
		let place = match request.model_version {
			Some(version) => Some((
				version,
				VersionAnchorCount::<T>::get(version)
					.checked_add(1)
					.ok_or(Error::<T>::TooManyVersionAnchors)?,
			)),
			None => None,
		};

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
			attribution,
			uri: request.uri,
			status: AnchorStatus::Active,
		};
		Anchors::<T>::insert(id, record);
		if let Some((version, count)) = place {
			AnchorsByVersion::<T>::insert(version, count.saturating_sub(1), id);
			VersionAnchorCount::<T>::insert(version, count);
		}
		Self::deposit_event(Event::Anchored {
			anchor: id,
			submitter: who,
			kind: request.kind,
			root: request.root,
			traces: request.traces,
			steps: request.steps,
			model_version: request.model_version,
			job: request.job,
			attribution,
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
			AnchorKind::Batch => {
				ensure!(
					merkle::max_depth(request.traces.into()) <= max_depth,
					Error::<T>::TooManyTraces
				);
				// The chain sees the total only: more steps than every trace at its largest
				// means some trace's proofs could not be verified.
				let most = 1u64
					.checked_shl(max_depth)
					.map(|per_trace| per_trace.saturating_mul(request.traces.into()));
				ensure!(most.is_none_or(|m| request.steps <= m), Error::<T>::TraceTooLarge);
			},
		}
		ensure!(request.uri.as_ref().is_none_or(|u| !u.is_empty()), Error::<T>::EmptyUri);
		Ok(())
	}

	/// The model version must be usable; the job completed, on exactly that model version, and
	/// either its output is the anchored root or the submitter is a party of the job.
	fn check_links(
		who: &T::AccountId,
		root: &ContentHash,
		model_version: Option<ModelVersionId>,
		job: Option<JobId>,
	) -> Result<Attribution, DispatchError> {
		if let Some(version) = model_version {
			ensure!(T::Lineage::exists(version), Error::<T>::UnknownModelVersion);
			ensure!(T::Lineage::is_usable(version), Error::<T>::ModelVersionNotUsable);
		}
		let Some(job) = job else { return Ok(Attribution::NoJob) };
		let receipt = T::Compute::receipt(job).ok_or(Error::<T>::JobNotCompleted)?;
		if model_version.is_some() {
			ensure!(receipt.model_version == model_version, Error::<T>::JobModelMismatch);
		}
		Self::attribution(who, root, &receipt)
	}

	/// Who vouches that the job produced `root`: its output, else its owner or a provider. A
	/// stranger may not tie a root the job did not output to someone else's job.
	fn attribution(
		who: &T::AccountId,
		root: &ContentHash,
		receipt: &ComputeReceipt<T::AccountId>,
	) -> Result<Attribution, DispatchError> {
		if receipt.output_hash == *root {
			Ok(Attribution::JobOutput)
		} else if receipt.owner == *who {
			Ok(Attribution::JobOwner)
		} else if receipt.providers.contains(who) {
			Ok(Attribution::JobProvider)
		} else {
			Err(Error::<T>::NotJobParty.into())
		}
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
