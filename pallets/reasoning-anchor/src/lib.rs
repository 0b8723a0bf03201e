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
//!   `T::Lineage` to exist and be usable), the compute job (checked through `T::Compute`, see
//!   "Job attribution") and a URI of the off-chain bundle.
//! - An anchor is its submitter's statement "I had this root by this block". Each submitter
//!   anchors a root at most once (`RootAlreadyAnchored`), and any number of submitters may
//!   anchor the same root, each under their own anchor id. The id is not a counter: it is
//!   [`Pallet::anchor_id`], the BLAKE2b-256 hash of ("verity/anchor", submitter, root), so a
//!   client knows it before submitting, the view function and runtime API
//!   `anchor_by_root(submitter, root)` answer by hashing, and an anchor costs one read and one
//!   write of its own record (no id counter, no second index). See "Anchor ids" below.
//! - [`Pallet::withdraw`]: the submitter flags their own anchor withdrawn; the record stays.
//! - [`Pallet::verify_step`] (a view function, and the runtime API's `verify_step`): given an
//!   anchor id, a trace root with its proof into the anchor and a step with its proof into the
//!   trace, answers whether the step is anchored, when, by whom, for which model version and
//!   job with which attribution — or why not. The answer is about that one anchor; a verifier
//!   checks the reported submitter is the party it trusts. Bad proofs are answers, never
//!   panics; proofs longer than `MaxProofDepth` are refused before any hashing.
//!
//! ## Job attribution
//! A named job must be completed (`JobNotCompleted`) and, when a model version is named too,
//! must have run exactly that version (`JobModelMismatch`, also when the job ran none). Then
//! the anchor's [`Attribution`], stored with it and reported by `verify_step` and `anchor`:
//! - `JobOutput` (checked): the anchored root equals the job's accepted output hash, which the
//!   compute pallet's redundancy or challenge window vouches for — true whoever anchors it;
//! - `JobOwner` / `JobProvider` (flagged, not checked): the root is something else, e.g. a
//!   batch of the job's traces, and the job's owner (who paid for it) or one of its accepted
//!   providers vouches for the link;
//! - anyone else naming the job for a root that is not its output is refused (`NotJobParty`);
//! - `NoJob`: no job named; a named model version is then the submitter's word (the version
//!   existed and was usable when anchored).
//!
//! ## What an attacker can gain
//! - **Squatting a root** (Eve copies Bob's root from the pool, anchors it first, withdraws):
//!   she gets an anchor under her own name, at best in Bob's block, for the fee. Bob's anchor
//!   is still accepted, `anchor_by_root(Bob, root)` finds it, and `verify_step` on it answers
//!   "anchored by Bob"; her withdrawal answers for her anchor only. Her anchor proves only that
//!   she saw the root, which she did, from Bob's transaction: the same block as Bob, never
//!   before it. She cannot withdraw, replace or re-index Bob's anchor (`NotSubmitter`,
//!   `RootAlreadyAnchored` per submitter). Nothing to gain for a fee.
//! - **Borrowing a job's standing**: Eve cannot name Bob's job for her own root
//!   (`NotJobParty`); she can name it for the job's real output, which is a true statement.
//!   A provider or owner of the job can vouch for other roots, but the anchor says so
//!   (`JobOwner`/`JobProvider`), so a verifier who wants the chain's check reads `JobOutput`.
//!   A job cannot be tied to a model version it did not run, by anyone.
//! - **Filling storage**: every anchor pays a fee that follows its size (below); an attacker
//!   pays for each record she adds and cannot add to anyone else's index.
//!
//! ## Anchor ids
//! `anchor_id(submitter, root)` is a 256-bit hash over the submitter's SCALE encoding and the
//! root, behind a domain tag. Two anchors share an id only if BLAKE2b-256 collides, so the id
//! alone is the duplicate check (`RootAlreadyAnchored` when the record exists). What this
//! gives an attacker:
//! - **Taking someone's id first**: the id binds the submitter, so Eve's anchor of Bob's root
//!   has another id; reaching Bob's id from her own account is a second preimage of BLAKE2b.
//! - **Unbalancing the trie**: the records are stored under the id as it is (`Identity`), a
//!   hash already; ids sharing a k-nibble prefix cost 16^k hashes each to grind, and buy a
//!   longer path for the attacker's own reads.
//! - **Crowding a version's anchors**: the provenance answer reads a bounded number of the
//!   anchors naming a version. They are indexed by their place among that version's anchors
//!   (`AnchorsByVersion(version, place)`, hashed), not by id, so grinding ids buys no position;
//!   a place is taken by anchoring, for a fee, after every earlier one.
//! - Ids are not ordered by time; the anchor's block is in its record.
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
// Also built with `std`: the fuzzer (`fuzz/`) checks them after every block.
#[cfg(any(feature = "try-runtime", feature = "std", test))]
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
pub trait BenchmarkHelper<AccountId> {
	/// A model version that `Lineage` reports usable, if one can be made.
	fn usable_model_version() -> Option<verity_primitives::ModelVersionId>;
	/// A job that `Compute` reports completed with that model version, whose owner is not
	/// `provider`, whose accepted providers are as many as a job may have with `provider` the
	/// last, and whose output hash is none the benchmarks anchor (the longest attribution check).
	fn completed_job(
		model_version: Option<verity_primitives::ModelVersionId>,
		provider: &AccountId,
	) -> Option<verity_primitives::JobId>;
	/// The account `FeeDestination` credits, when it is one: the transaction fee of the same
	/// extrinsic already credits it, so the benchmarks whitelist it like the caller's.
	fn fee_account() -> Option<AccountId> {
		None
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl<AccountId> BenchmarkHelper<AccountId> for () {
	fn usable_model_version() -> Option<verity_primitives::ModelVersionId> {
		None
	}
	fn completed_job(
		_: Option<verity_primitives::ModelVersionId>,
		_: &AccountId,
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
	use super::{
		AnchorInfo, AnchorKind, AnchorRecord, Attribution, BalanceOf, CreditOf, Proof,
		VerifyResult, WeightInfo,
	};
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
		type BenchmarkHelper: super::BenchmarkHelper<Self::AccountId>;
	}

	/// Every anchor, withdrawn ones included, under its id `anchor_id(submitter, root)`: a
	/// hash already, so stored as it is.
	#[pallet::storage]
	pub type Anchors<T: Config> = StorageMap<_, Identity, AnchorId, AnchorOf<T>, OptionQuery>;

	/// The anchors naming each model version, by their place among that version's anchors
	/// (0, 1, …): one entry per anchor that names a version, paid for by its fee. Read by the
	/// provenance answer, a bounded read in hashed-key order: keyed by the place, not by the
	/// anchor id, because a submitter picks its id (any root hashes to one) but not its place,
	/// which every earlier anchor of the version took.
	#[pallet::storage]
	pub type AnchorsByVersion<T> =
		StorageDoubleMap<_, Twox64Concat, ModelVersionId, Twox64Concat, u32, AnchorId>;

	/// How many anchors name each version: the place the next one takes in `AnchorsByVersion`.
	#[pallet::storage]
	pub type VersionAnchorCount<T> = StorageMap<_, Twox64Concat, ModelVersionId, u32, ValueQuery>;

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
			attribution: Attribution,
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
		/// The submitter already anchored this root (withdrawn or not): one anchor per
		/// submitter and root.
		RootAlreadyAnchored,
		/// The named model version does not exist.
		UnknownModelVersion,
		/// The named model version exists but is revoked or otherwise unusable.
		ModelVersionNotUsable,
		/// The named compute job is unknown or not completed.
		JobNotCompleted,
		/// The named job ran another model version than the one named, or none.
		JobModelMismatch,
		/// The root is not the named job's output and the submitter is neither the job's owner
		/// nor one of its providers: a stranger may not tie a root to someone else's job.
		NotJobParty,
		/// The submitter cannot pay the anchoring fee.
		CannotPayFee,
		/// The named model version has as many anchors as its index can count (2^32).
		TooManyVersionAnchors,
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
		/// Anchor one reasoning trace: the caller's statement "I had this trace by this block".
		///
		/// - **Origin**: signed by any account, which becomes the anchor's submitter.
		/// - Takes a one-off fee of `AnchorFee + UriByteFee × uri bytes` from the caller to
		///   `FeeDestination` (the treasury); nothing is held. The record is permanent.
		/// - **Parameters**:
		///   - `root`: the Merkle root (`verity_primitives::merkle`) over the trace's steps.
		///   - `model_version`: the version that produced the trace; must exist and be usable.
		///   - `job`: a completed compute job behind the trace (that ran `model_version`, when both
		///     are given). Attribution `JobOutput` when `root` is the job's output; otherwise the
		///     caller must be the job's owner (`JobOwner`) or one of its providers (`JobProvider`).
		///   - `uri`: where the trace bundle is published; not empty when given.
		/// - **Emits**: `Anchored` (with the anchor id, the attribution and the fee).
		/// - **Errors**:
		///   - `NoSteps`: `steps` is 0.
		///   - `TraceTooLarge`: more than 2^`MaxProofDepth` steps (proofs could not be verified).
		///   - `EmptyUri`: `uri` is given but empty.
		///   - `RootAlreadyAnchored`: the caller anchored `root` before (withdrawn or not).
		///   - `UnknownModelVersion`: `model_version` does not exist.
		///   - `ModelVersionNotUsable`: `model_version` is revoked.
		///   - `JobNotCompleted`: `job` is unknown or not completed.
		///   - `JobModelMismatch`: `job` ran another model version than `model_version`, or none.
		///   - `NotJobParty`: `root` is not the job's output and the caller is neither the job's
		///     owner nor one of its providers.
		///   - `TooManyVersionAnchors`: `model_version` has 2^32 anchors already.
		///   - `CannotPayFee`: the caller cannot pay the fee and keep its account alive.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::anchor_trace(
			super::uri_len::<T>(uri),
			super::links(model_version, job),
		))]
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

		/// Anchor a batch of reasoning traces under one root.
		///
		/// - **Origin**: signed by any account, which becomes the anchor's submitter.
		/// - Takes a one-off fee of `AnchorFee + UriByteFee × uri bytes` from the caller to
		///   `FeeDestination` (the treasury); nothing is held. The record is permanent.
		/// - **Parameters**:
		///   - `root`: the Merkle root over `traces` trace roots (leaf `j` = the 32 bytes of trace
		///     root `j`).
		///   - `steps`: the steps of all traces together, at least one per trace.
		///   - `model_version`, `job`, `uri`: as for `anchor_trace`.
		/// - **Emits**: `Anchored` (with the anchor id, the attribution and the fee).
		/// - **Errors**:
		///   - `NoSteps`: `steps` is 0.
		///   - `NoTraces`: `traces` is 0.
		///   - `EmptyTrace`: fewer steps than traces.
		///   - `TooManyTraces`: more than 2^`MaxProofDepth` traces (proofs could not be verified).
		///   - `TraceTooLarge`: more steps than `traces` × 2^`MaxProofDepth`, so some trace's
		///     proofs could not be verified.
		///   - `EmptyUri`: `uri` is given but empty.
		///   - `RootAlreadyAnchored`: the caller anchored `root` before (withdrawn or not).
		///   - `UnknownModelVersion`: `model_version` does not exist.
		///   - `ModelVersionNotUsable`: `model_version` is revoked.
		///   - `JobNotCompleted`: `job` is unknown or not completed.
		///   - `JobModelMismatch`: `job` ran another model version than `model_version`, or none.
		///   - `NotJobParty`: `root` is not the job's output and the caller is neither the job's
		///     owner nor one of its providers.
		///   - `TooManyVersionAnchors`: `model_version` has 2^32 anchors already.
		///   - `CannotPayFee`: the caller cannot pay the fee and keep its account alive.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::anchor_batch(
			super::uri_len::<T>(uri),
			super::links(model_version, job),
		))]
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

		/// Flag one of the caller's anchors withdrawn.
		///
		/// - **Origin**: signed by the anchor's submitter.
		/// - The record stays, and `verify_step` answers `Withdrawn` for its steps. The fee is not
		///   refunded, and the caller cannot anchor the same root again.
		/// - **Emits**: `Withdrawn`.
		/// - **Errors**:
		///   - `UnknownAnchor`: no anchor has this id.
		///   - `NotSubmitter`: the caller did not submit the anchor.
		///   - `AlreadyWithdrawn`: the anchor is withdrawn already.
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
		/// submitter, model version, job and attribution, or the reason it is not anchored.
		/// The answer is about this anchor only: check that its submitter is the one you trust
		/// (find their anchor with `anchor_by_root`). For a trace anchor the trace proof is
		/// `{ leaf_index: 0, leaf_count: 1, siblings: [] }`.
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

		/// The id of `submitter`'s anchor of `root`. Ask for the submitter you trust: anyone
		/// may anchor a root they have seen.
		pub fn anchor_by_root(submitter: T::AccountId, root: ContentHash) -> Option<AnchorId> {
			let id = Self::anchor_id(&submitter, &root);
			Anchors::<T>::contains_key(id).then_some(id)
		}
	}
}

/// The weight component of an optional URI: its length.
fn uri_len<T: Config>(uri: &Option<UriOf<T>>) -> u32 {
	uri.as_ref().map_or(0, |u| u.len() as u32)
}

/// The benchmarks' `l` component: 1 when the anchor names a model version or a job (whose
/// records it reads and checks), 0 for a bare anchor.
fn links(
	model_version: &Option<verity_primitives::ModelVersionId>,
	job: &Option<verity_primitives::JobId>,
) -> u32 {
	u32::from(model_version.is_some() || job.is_some())
}
