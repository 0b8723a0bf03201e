//! # Reasoning anchor
//!
//! Anchors reasoning traces so that any single step can be proven later. A trace is an ordered
//! list of steps; its root is the Merkle root of `verity_primitives::merkle` over the step bytes
//! (leaf `i` commits to `i` and step `i`, the root to the number of steps). Many traces are
//! aggregated into one batch root over their trace roots (leaf `j` holds the 32 bytes of trace
//! root `j`), so one extrinsic anchors any number of traces, OpenTimestamps-style.
//!
//! - [`Pallet::anchor_trace`] anchors one trace root, [`Pallet::anchor_batch`] a batch root.
//!   Either may name the model version that produced the traces (checked through
//!   `T::Lineage` to exist and be usable), the compute job (checked through `T::Compute` to be
//!   completed, and to have run that model version when both are given) and a URI of the
//!   off-chain bundle. A root is anchored at most once.
//! - [`Pallet::withdraw`]: the submitter flags an anchor withdrawn; the record stays.
//! - [`Pallet::verify_step`] (a view function, and the runtime API's `verify_step`): given an
//!   anchor id, a trace root with its proof into the anchor and a step with its proof into the
//!   trace, answers whether the step is anchored, when, by whom and for which model version —
//!   or why not. Bad proofs are answers, never panics; proofs longer than `MaxProofDepth` are
//!   refused before any hashing.
//!
//! ## Fee, not deposit
//! Anchors are permanent records: withdrawing only flags one, because a verifier must still
//! learn that the step *was* anchored and then withdrawn. A held deposit would then either be
//! locked forever or, if released on withdrawal, leave the storage unpaid (anchor, withdraw,
//! repeat). So anchoring pays a one-off fee, `AnchorFee` plus `UriByteFee` per URI byte, into
//! `T::FeeDestination` (the treasury); the record's size is fixed but for the URI, so the fee
//! follows the storage it buys. Nothing is held, so there is no hold reason.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

mod anchor;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(any(feature = "try-runtime", test))]
mod invariants;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
mod verify;
pub mod weights;

pub use types::*;
pub use weights::WeightInfo;

/// Sets up facts the worst-case benchmarks need from the pallets behind `Lineage` and
/// `Compute`. `()` sets up nothing; the benchmarks then anchor without model version and job.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper {
	/// A model version that `Lineage` reports usable, if one can be made.
	fn usable_model_version() -> Option<verity_primitives::ModelVersionId>;
	/// A job that `Compute` reports completed with that model version, if one can be made.
	fn completed_job(
		model_version: Option<verity_primitives::ModelVersionId>,
	) -> Option<verity_primitives::JobId>;
}

#[cfg(feature = "runtime-benchmarks")]
impl BenchmarkHelper for () {
	fn usable_model_version() -> Option<verity_primitives::ModelVersionId> {
		None
	}
	fn completed_job(
		_: Option<verity_primitives::ModelVersionId>,
	) -> Option<verity_primitives::JobId> {
		None
	}
}

// FRAME's expansion of `#[pallet::pallet]`, `storage` and `error` calls `expect` (on facts the
// macro checked, such as the pallet's name in the runtime); the pallet's own logic lives in the
// topic files, which stay under the lint.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::{AnchorInfo, AnchorKind, AnchorRecord, Proof, VerifyResult, WeightInfo};
	use alloc::vec::Vec;
	use frame_support::{
		pallet_prelude::*,
		traits::{fungible, OnUnbalanced},
	};
	use frame_system::pallet_prelude::*;
	use verity_primitives::{
		traits::{ComputeReceipts, LineageInspect},
		AnchorId, ContentHash, JobId, ModelVersionId,
	};

	/// Balance of the fee currency.
	pub type BalanceOf<T> = <<T as Config>::Currency as fungible::Inspect<
		<T as frame_system::Config>::AccountId,
	>>::Balance;
	/// A fee taken from the submitter, on its way to `FeeDestination`.
	pub type CreditOf<T> =
		fungible::Credit<<T as frame_system::Config>::AccountId, <T as Config>::Currency>;
	/// An optional URI as calls take it and storage keeps it.
	pub type UriOf<T> = BoundedVec<u8, <T as Config>::MaxUriLen>;
	/// The stored anchor record.
	pub type AnchorOf<T> =
		AnchorRecord<<T as frame_system::Config>::AccountId, BlockNumberFor<T>, UriOf<T>>;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency anchoring fees are paid in.
		type Currency: fungible::Balanced<Self::AccountId> + fungible::Mutate<Self::AccountId>;
		/// Receives anchoring fees (the treasury).
		type FeeDestination: OnUnbalanced<CreditOf<Self>>;
		/// Fee for each anchor.
		#[pallet::constant]
		type AnchorFee: Get<BalanceOf<Self>>;
		/// Additional fee per byte of the anchor's URI.
		#[pallet::constant]
		type UriByteFee: Get<BalanceOf<Self>>;
		/// Longest URI of an off-chain bundle.
		#[pallet::constant]
		type MaxUriLen: Get<u32>;
		/// Most siblings a proof may have: a trace has at most 2^MaxProofDepth steps and a batch
		/// at most 2^MaxProofDepth traces.
		#[pallet::constant]
		type MaxProofDepth: Get<u32>;
		/// Model versions, to check the one an anchor names.
		type Lineage: LineageInspect;
		/// Compute jobs, to check the one an anchor names.
		type Compute: ComputeReceipts<Self::AccountId>;
		/// Weights of this pallet's calls, generated by its benchmarks.
		type WeightInfo: WeightInfo;
		/// Sets up model versions and jobs for the worst-case benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: super::BenchmarkHelper;
	}

	/// The id the next anchor gets; also the number of anchors ever made.
	#[pallet::storage]
	pub type NextAnchorId<T> = StorageValue<_, AnchorId, ValueQuery>;

	/// Every anchor, withdrawn ones included.
	#[pallet::storage]
	pub type Anchors<T: Config> = StorageMap<_, Twox64Concat, AnchorId, AnchorOf<T>, OptionQuery>;

	/// The anchor of each anchored root. Roots are chosen by submitters, so the key is hashed.
	#[pallet::storage]
	pub type AnchorByRoot<T> = StorageMap<_, Blake2_128Concat, ContentHash, AnchorId, OptionQuery>;

	/// Number of withdrawn anchors.
	#[pallet::storage]
	pub type WithdrawnCount<T> = StorageValue<_, u64, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A trace or batch root was anchored.
		Anchored {
			anchor: AnchorId,
			submitter: T::AccountId,
			kind: AnchorKind,
			root: ContentHash,
			traces: u32,
			steps: u64,
			model_version: Option<ModelVersionId>,
			job: Option<JobId>,
			fee: BalanceOf<T>,
		},
		/// The submitter withdrew an anchor; its record stays, flagged.
		Withdrawn { anchor: AnchorId, submitter: T::AccountId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// A trace must have at least one step.
		NoSteps,
		/// A batch must have at least one trace.
		NoTraces,
		/// A batch has fewer steps than traces, so some trace would be empty.
		EmptyTrace,
		/// The trace has more than 2^MaxProofDepth steps: its proofs could not be verified.
		TraceTooLarge,
		/// The batch has more than 2^MaxProofDepth traces: its proofs could not be verified.
		TooManyTraces,
		/// A URI was given but is empty.
		EmptyUri,
		/// This root is already anchored.
		RootAlreadyAnchored,
		/// The named model version does not exist.
		UnknownModelVersion,
		/// The named model version exists but is revoked or otherwise unusable.
		ModelVersionNotUsable,
		/// The named compute job is unknown or not completed.
		JobNotCompleted,
		/// The named job ran another model version than the one named.
		JobModelMismatch,
		/// The submitter cannot pay the anchoring fee.
		CannotPayFee,
		/// Anchor ids are exhausted.
		AnchorIdOverflow,
		/// No anchor has this id.
		UnknownAnchor,
		/// Only the submitter may withdraw an anchor.
		NotSubmitter,
		/// The anchor is already withdrawn.
		AlreadyWithdrawn,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxProofDepth::get() <= 64, "proofs deeper than 64 cannot occur");
			assert!(T::MaxUriLen::get() > 0, "MaxUriLen must allow a URI");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Anchor one trace: `root` is the Merkle root over its `steps` steps.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::anchor_trace(super::uri_len::<T>(uri)))]
		pub fn anchor_trace(
			origin: OriginFor<T>,
			root: ContentHash,
			steps: u64,
			model_version: Option<ModelVersionId>,
			job: Option<JobId>,
			uri: Option<UriOf<T>>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let request = super::anchor::Request {
				kind: AnchorKind::Trace,
				root,
				traces: 1,
				steps,
				model_version,
				job,
				uri,
			};
			Self::do_anchor(who, request).map(|_| ())
		}

		/// Anchor a batch: `root` is the Merkle root over `traces` trace roots, which have
		/// `steps` steps in all.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::anchor_batch(super::uri_len::<T>(uri)))]
		pub fn anchor_batch(
			origin: OriginFor<T>,
			root: ContentHash,
			traces: u32,
			steps: u64,
			model_version: Option<ModelVersionId>,
			job: Option<JobId>,
			uri: Option<UriOf<T>>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let request = super::anchor::Request {
				kind: AnchorKind::Batch,
				root,
				traces,
				steps,
				model_version,
				job,
				uri,
			};
			Self::do_anchor(who, request).map(|_| ())
		}

		/// Flag one of your anchors withdrawn. The record stays, and verification answers
		/// `Withdrawn` for its steps.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::withdraw())]
		pub fn withdraw(origin: OriginFor<T>, anchor: AnchorId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw(who, anchor)
		}
	}

	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// Whether `step` is step `step_proof.leaf_index` of the trace with root `trace_root`,
		/// which is trace `trace_proof.leaf_index` of anchor `anchor`; with the anchor's block,
		/// submitter, model version and job, or the reason it is not anchored. For a trace
		/// anchor the trace proof is `{ leaf_index: 0, leaf_count: 1, siblings: [] }`.
		pub fn verify_step(
			anchor: AnchorId,
			trace_root: ContentHash,
			trace_proof: Proof,
			step: Vec<u8>,
			step_proof: Proof,
		) -> VerifyResult<T::AccountId, BlockNumberFor<T>> {
			Self::do_verify_step(anchor, trace_root, &trace_proof, &step, &step_proof)
		}

		/// The anchor with id `anchor`.
		pub fn anchor(anchor: AnchorId) -> Option<AnchorInfo<T::AccountId, BlockNumberFor<T>>> {
			Anchors::<T>::get(anchor).map(AnchorRecord::into_info)
		}

		/// The id of the anchor of `root`.
		pub fn anchor_by_root(root: ContentHash) -> Option<AnchorId> {
			AnchorByRoot::<T>::get(root)
		}
	}
}

/// The weight component of an optional URI: its length.
fn uri_len<T: Config>(uri: &Option<UriOf<T>>) -> u32 {
	uri.as_ref().map_or(0, |u| u.len() as u32)
}
