//! # Model lineage
//!
//! Models and their versions as a typed, acyclic lineage graph whose edges can be backed by
//! compute receipts.
//!
//! ## Models
//! An account creates a model (name, SPDX license, metadata URI) and a deposit of
//! `ModelDeposit` is held from it. The owner adds and removes up to `MaxMaintainers` maintainers;
//! owner and maintainers publish and deprecate versions. Ownership moves in two steps: the owner
//! offers the model, the new owner accepts, and at that moment the model deposit moves with it
//! (held from the new owner, released to the old one), so nobody ends up paying for a record they
//! no longer control and nobody gets a hold placed on them without consent. A model without
//! versions can be destroyed, which releases its deposit.
//!
//! ## Versions
//! A version names its weights hash, artifact format, parameter count, URI, up to `MaxParents`
//! parents each with a [`Relation`], up to `MaxDatasets` training datasets (each must exist and be
//! usable in `T::Datasets`) and optionally the training job. Its publisher pays `VersionDeposit`,
//! which covers the record, its entries in the weights, children and job indexes and its lineage
//! dataset set. Versions are permanent: other pallets' records (jobs, evaluations, synthetic
//! datasets, anchors) name them, so removing one would leave those dangling; the deposit
//! therefore stays held for the life of the record and is accounted to the publisher (it does
//! not move with model ownership). For the same reason nothing ever unpins a version's datasets.
//!
//! **Acyclic by construction.** Version ids are sequential and a version may only name versions
//! that already exist as parents, so every parent id is smaller than its child's id; a path along
//! parent edges strictly decreases ids and can never return to where it started. Naming the id
//! the new version is about to get fails with `SelfParent`, any later id with `UnknownParent`.
//! `try_state` checks `parent < child` for every edge.
//!
//! **Children** are indexed one entry per edge, `(parent, child)`, paid for by the child's
//! deposit. There is no per-parent list, so however many children strangers give a popular
//! version, its owner's own fine-tunes go through; a stranger pays a full version deposit per
//! child and gains nothing over the owner.
//!
//! ## Verified lineage
//! When a training job is named, `T::Compute` must hold a completed receipt for it that
//! - is of a [`JobKind::Training`](verity_primitives::traits::JobKind) job (`NotTrainingJob`),
//! - was submitted by the publishing account (`NotJobOwner`),
//! - has the weights hash as output (`JobOutputMismatch`),
//! - started from the first parent, or from no model when the version has no parents, and read
//!   exactly the declared datasets, compared as sets (`JobInputsMismatch`),
//! - has not verified another version yet (`JobAlreadyUsed`; `VerifiedByJob` records which).
//!
//! Such versions are [`Provenance::Verified`]; without a job they are [`Provenance::Declared`].
//! A weights hash is registered once (`DuplicateWeights`), with one exception: a verified
//! version takes the weights index over from a version that only declared the same weights.
//!
//! What an attacker can gain: taking another trainer's receipt is refused (`NotJobOwner`);
//! declaring a trainer's weights first (the hash is public in the receipt) costs a deposit and
//! does not stop the trainer, whose verified version takes the index over; a self-served job
//! cannot hide training data, because the receipt's datasets must equal the declared ones and
//! those enter the lineage dataset set. What stays trusted is compute staking's acceptance of
//! the job's output (redundancy and challenges there).
//!
//! ## Lineage datasets
//! Each version stores the union of its whole lineage's datasets ([`LineageDatasets`]): its own
//! and every parent's stored union, computed when it is published. Since each parent's set
//! already covers that parent's whole lineage, the set covers every generation, with no depth
//! cut-off, and [`LineageInspect::lineage_datasets`](verity_primitives::traits::LineageInspect)
//! is one storage read. The set has at most `MaxLineageDatasets` entries; publishing a version
//! whose lineage would exceed it is refused (`LineageTooManyDatasets`), so a contamination check
//! never meets a lineage too large to read. (Below a version whose lineage is full, derivatives
//! may only name datasets already in it; that is the price of a check with no cut-off.) Every dataset a version names is pinned through
//! `T::DatasetPins` when the version is published, so it cannot be removed from the registry
//! while any version names it (a retired dataset keeps its record and shards); as versions are
//! permanent, the pin is never released.
//!
//! ## Status, revocation and taint
//! Maintainers deprecate (still usable). The owner revokes: the version is no longer usable for
//! new jobs or evaluations and cannot gain children (`RevokedParent`).
//!
//! An upstream revocation does not take anything from the owners of descendants. Each
//! descendant is **tainted**: its record carries `tainted_by: Some(TaintSource::Version(revoked))`
//! (shown in the runtime API's version view), a `VersionTainted { version, by }` event is
//! emitted, and it stays usable for jobs. Its owner decides what to do (revoke it too, or keep it,
//! visibly tainted). Bad data taints the same way: when the registry flags a dataset (its
//! verifiers reject it, or its owner or governance revokes it) it tells this pallet
//! ([`verity_primitives::traits::OnDatasetFlagged`]), and every version trained on it (the
//! [`DatasetUsers`] index) is tainted with `TaintSource::Dataset(id)`, then their descendants.
//! Tainted and revoked versions earn no royalties, and the eval pallet refuses to evaluate them.
//! Versions published under a tainted parent inherit the taint at once. The taint is spread by a
//! bounded walk over the children and users indexes ([`RevocationQueue`], keyed by the flagged
//! version or dataset): the revoking call taints up to `MaxRevocationFanout` dependents, and the
//! rest is finished by `on_idle` (within the idle weight) or by anyone calling
//! `continue_revocation`. A version is tainted once (by the first flag that reaches it), so the
//! walk visits each edge at most once and ends. Storing the mark keeps `is_usable` and the taint
//! at one read whatever the depth; the walk's cost is bounded per call and paid by the revoker
//! (or idle block space). A malicious upstream owner can thus mark others' models, visibly and
//! with the cause named, but cannot disable them.
//!
//! ## License lineage
//! Each version carries an SPDX license (by default its model's). Publishing checks it against
//! every parent's and training dataset's license with the rule table of
//! [`verity_primitives::license`] (e.g. nothing commercial from `CC-BY-NC-4.0` data, nothing at
//! all from `-ND` data, the same license under share-alike): `IncompatibleParentLicense` /
//! `IncompatibleDatasetLicense`.
//!
//! ## Royalties
//! [`ModelUsage`](verity_primitives::traits::ModelUsage) names who is owed what; the paying
//! pallet moves the money out of its own hold. `royalty = min(rate(version), cap) × amount`,
//! where `cap` is the rate the job snapshotted at submission (raising the rate later does not
//! reach running jobs). Half goes to the version's model owner; the other half is shared equally
//! among the version's ancestors (nearest-first, deduplicated, at most `MaxRoyaltyDepth`
//! generations and `MaxLineageNodes` versions), each share named for that ancestor's model owner.
//! Rounding dust and the whole royalty when there are no ancestors go to the version's owner.
//! `note_usage` emits `RoyaltiesPaid`.
//!
//! ## Queries
//! [`LineageInspect`](verity_primitives::traits::LineageInspect) for other pallets, and plain
//! functions for the runtime API (`pallet-model-lineage-runtime-api`): model, version,
//! ancestors and descendants with relations, lineage datasets, version by weights hash. Walks are
//! breadth-first, nearest first (within a generation, descendants come in the children index's
//! storage order), deduplicated, at most `MaxLineageDepth` generations and `MaxLineageNodes`
//! versions; lineage datasets are not walked (see above).
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
// Also built with `std`: the fuzzer (`fuzz/`) checks them after every block.
#[cfg(any(feature = "try-runtime", feature = "std", test))]
mod invariants;
#[cfg(test)]
mod mock;
mod models;
mod queries;
mod royalties;
mod status;
#[cfg(test)]
mod tests;
pub mod types;
mod versions;
pub mod weights;

pub use types::*;
pub use weights::WeightInfo;

/// Sets up what benchmarks need from the pallets behind `T::Datasets` and `T::Compute`.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// A registered, usable dataset, a different one for each `i`; `None` when the runtime has
	/// no dataset registry (versions are then benchmarked without datasets).
	fn dataset(i: u32) -> Option<verity_primitives::DatasetId>;
	/// A completed job whose receipt is `receipt`; `None` when the runtime has no compute
	/// staking (versions are then benchmarked as declared, a few reads lighter).
	fn completed_job(
		receipt: verity_primitives::traits::ComputeReceipt<AccountId>,
	) -> Option<verity_primitives::JobId>;
}

#[cfg(feature = "runtime-benchmarks")]
impl<AccountId> BenchmarkHelper<AccountId> for () {
	fn dataset(_: u32) -> Option<verity_primitives::DatasetId> {
		None
	}
	fn completed_job(
		_: verity_primitives::traits::ComputeReceipt<AccountId>,
	) -> Option<verity_primitives::JobId> {
		None
	}
}

// FRAME's expansion of `#[pallet::pallet]`, `storage` and `error` calls `expect` on facts the
// macro checked; clippy attributes it to those attributes. The calls here are thin and the logic
// lives in the topic files, which stay under the lint.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{
		pallet_prelude::*,
		traits::fungible::{Mutate, MutateHold},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::Permill;
	use verity_primitives::{
		traits::{ComputeReceipts, DatasetInspect, DatasetPins},
		ContentHash, DatasetId, JobId, ModelId, ModelVersionId, TaintSource,
	};

	/// A model record of this runtime.
	pub type ModelOf<T> = Model<
		<T as frame_system::Config>::AccountId,
		BalanceOf<T>,
		<T as Config>::MaxNameLen,
		<T as Config>::MaxLicenseLen,
		<T as Config>::MaxUriLen,
		<T as Config>::MaxMaintainers,
	>;
	/// A version record of this runtime.
	pub type VersionOf<T> = ModelVersion<
		<T as frame_system::Config>::AccountId,
		BalanceOf<T>,
		<T as Config>::MaxUriLen,
		<T as Config>::MaxParents,
		<T as Config>::MaxDatasets,
		<T as Config>::MaxLicenseLen,
	>;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Holds deposits and moves royalties.
		type Currency: Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason: From<HoldReason>>;
		/// The dataset registry: training datasets must exist and be usable.
		type Datasets: DatasetInspect;
		/// Compute staking: receipts of completed training jobs.
		type Compute: ComputeReceipts<Self::AccountId>;
		/// The dataset registry's pins: a version's training datasets cannot be removed while
		/// the version exists (versions are permanent, so they stay pinned).
		type DatasetPins: DatasetPins;
		/// Deposit held from a model's owner.
		#[pallet::constant]
		type ModelDeposit: Get<BalanceOf<Self>>;
		/// Deposit held from a version's publisher.
		#[pallet::constant]
		type VersionDeposit: Get<BalanceOf<Self>>;
		/// Longest model name, in bytes.
		#[pallet::constant]
		type MaxNameLen: Get<u32>;
		/// Longest SPDX license expression, in bytes.
		#[pallet::constant]
		type MaxLicenseLen: Get<u32>;
		/// Longest metadata or artifact URI, in bytes.
		#[pallet::constant]
		type MaxUriLen: Get<u32>;
		/// Most maintainers per model (besides the owner).
		#[pallet::constant]
		type MaxMaintainers: Get<u32>;
		/// Most parents per version.
		#[pallet::constant]
		type MaxParents: Get<u32>;
		/// Most training datasets per version.
		#[pallet::constant]
		type MaxDatasets: Get<u32>;
		/// Most distinct datasets in a version's whole lineage (its own and every ancestor's);
		/// publishing a version whose lineage would have more is refused.
		#[pallet::constant]
		type MaxLineageDatasets: Get<u32>;
		/// Most generations a lineage query walks.
		#[pallet::constant]
		type MaxLineageDepth: Get<u32>;
		/// Most versions a lineage query returns (and royalty shares it pays).
		#[pallet::constant]
		type MaxLineageNodes: Get<u32>;
		/// Generations of ancestors that share a version's royalty.
		#[pallet::constant]
		type MaxRoyaltyDepth: Get<u32>;
		/// Most descendants one call (or one `on_idle`) taints after a revocation.
		#[pallet::constant]
		type MaxRevocationFanout: Get<u32>;
		/// Weights of this pallet's calls, generated by its benchmarks.
		type WeightInfo: WeightInfo;
		/// Sets up datasets and receipts for benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: crate::BenchmarkHelper<Self::AccountId>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// Deposit for a model record.
		#[codec(index = 0)]
		ModelDeposit,
		/// Deposit for a version record.
		#[codec(index = 1)]
		VersionDeposit,
	}

	/// The id the next model gets.
	#[pallet::storage]
	pub type NextModelId<T> = StorageValue<_, ModelId, ValueQuery>;

	/// The id the next version gets; every existing version has a smaller one.
	#[pallet::storage]
	pub type NextVersionId<T> = StorageValue<_, ModelVersionId, ValueQuery>;

	/// Models by id.
	#[pallet::storage]
	pub type Models<T: Config> = StorageMap<_, Twox64Concat, ModelId, ModelOf<T>>;

	/// Versions by id.
	#[pallet::storage]
	pub type Versions<T: Config> = StorageMap<_, Twox64Concat, ModelVersionId, VersionOf<T>>;

	/// The version registered with each weights hash: the verified one when there is one, else
	/// the one that declared the weights.
	#[pallet::storage]
	pub type VersionByWeights<T> = StorageMap<_, Blake2_128Concat, ContentHash, ModelVersionId>;

	/// The children index: (parent, child) for every parent edge. One entry per edge, paid for
	/// by the child's version deposit, so no list exists that strangers could fill.
	#[pallet::storage]
	pub type Children<T> =
		StorageDoubleMap<_, Twox64Concat, ModelVersionId, Twox64Concat, ModelVersionId, ()>;

	/// Flagged versions whose children, and flagged datasets whose users, are still to be
	/// tainted, with the cause and the dependent visited last.
	#[pallet::storage]
	pub type RevocationQueue<T> = StorageMap<_, Twox64Concat, TaintSource, TaintCursor>;

	/// The users index: (dataset, version) for every training dataset a version names. One
	/// entry per dataset of a version, paid for by its version deposit.
	#[pallet::storage]
	pub type DatasetUsers<T> =
		StorageDoubleMap<_, Twox64Concat, DatasetId, Twox64Concat, ModelVersionId, ()>;

	/// Every dataset in each version's whole lineage (its own and all its ancestors'), sorted;
	/// computed once when the version is published.
	#[pallet::storage]
	pub type LineageDatasets<T: Config> = StorageMap<
		_,
		Twox64Concat,
		ModelVersionId,
		BoundedVec<DatasetId, T::MaxLineageDatasets>,
		ValueQuery,
	>;

	/// The version each training job verified; a job verifies one version only.
	#[pallet::storage]
	pub type VerifiedByJob<T> = StorageMap<_, Twox64Concat, JobId, ModelVersionId>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A model was created.
		ModelCreated { model: ModelId, owner: T::AccountId },
		/// A model without versions was destroyed and its deposit released.
		ModelDestroyed { model: ModelId },
		/// A maintainer was added to a model.
		MaintainerAdded { model: ModelId, who: T::AccountId },
		/// A maintainer was removed from a model.
		MaintainerRemoved { model: ModelId, who: T::AccountId },
		/// The owner offered the model to `to` (or withdrew the offer when `None`).
		OwnershipOffered { model: ModelId, to: Option<T::AccountId> },
		/// The model changed owner; its deposit moved with it.
		OwnershipTransferred { model: ModelId, from: T::AccountId, to: T::AccountId },
		/// A version was published.
		VersionPublished {
			model: ModelId,
			version: ModelVersionId,
			publisher: T::AccountId,
			weights_hash: ContentHash,
			provenance: Provenance,
		},
		/// A version's royalty rate changed.
		RoyaltySet { version: ModelVersionId, rate: Permill },
		/// A version was deprecated.
		VersionDeprecated { version: ModelVersionId },
		/// A version was revoked.
		VersionRevoked { version: ModelVersionId },
		/// A version was tainted by `by`: a revoked ancestor, or a rejected or revoked dataset it
		/// or an ancestor was trained on. It stays usable for jobs.
		VersionTainted { version: ModelVersionId, by: TaintSource },
		/// Dependents of revoked versions or flagged datasets were tainted; `pending` when more
		/// remain.
		RevocationPropagated { tainted: u32, pending: bool },
		/// A paid use of `amount` by `payer` routed `paid` of royalty to the lineage's owners.
		RoyaltiesPaid {
			version: ModelVersionId,
			payer: T::AccountId,
			amount: BalanceOf<T>,
			paid: BalanceOf<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No model with this id.
		UnknownModel,
		/// No version with this id.
		UnknownVersion,
		/// The caller is not the model's owner.
		NotOwner,
		/// The caller is neither the model's owner nor one of its maintainers.
		NotMaintainer,
		/// The name is empty or longer than `MaxNameLen`.
		BadName,
		/// The license is empty, longer than `MaxLicenseLen` or has characters outside an SPDX
		/// expression (letters, digits, `.`, `-`, `+`, `:`, `(`, `)`, space).
		BadLicense,
		/// A URI is longer than `MaxUriLen`.
		UriTooLong,
		/// The account already maintains the model (or owns it).
		AlreadyMaintainer,
		/// The account does not maintain the model.
		MaintainerNotFound,
		/// The model already has `MaxMaintainers` maintainers.
		TooManyMaintainers,
		/// Offering the model to its own owner.
		AlreadyOwner,
		/// The caller was not offered the model.
		NotPendingOwner,
		/// The model still has versions.
		ModelHasVersions,
		/// Another version already registered these weights (a verified version may still take
		/// over weights that were only declared so far).
		DuplicateWeights,
		/// More than `MaxParents` parents.
		TooManyParents,
		/// A parent does not exist; this includes any id later than the new version's, so a cycle
		/// can never be formed.
		UnknownParent,
		/// A version named itself (the id it is about to get) as a parent.
		SelfParent,
		/// The same parent is named twice.
		DuplicateParent,
		/// A parent is revoked.
		RevokedParent,
		/// More than `MaxDatasets` datasets.
		TooManyDatasets,
		/// The same dataset is named twice.
		DuplicateDataset,
		/// A dataset is not registered.
		UnknownDataset,
		/// A dataset is retired or unverified.
		DatasetNotUsable,
		/// The training job is unknown or not completed.
		JobNotCompleted,
		/// The training job's output is not the declared weights hash.
		JobOutputMismatch,
		/// The training job's base model or datasets differ from the declared first parent and
		/// datasets.
		JobInputsMismatch,
		/// The training job was submitted by another account than the publisher.
		NotJobOwner,
		/// The named job is not a training job.
		NotTrainingJob,
		/// The training job already verified another version.
		JobAlreadyUsed,
		/// The version's lineage (its datasets and all its ancestors') would have more than
		/// `MaxLineageDatasets` distinct datasets.
		LineageTooManyDatasets,
		/// The version is already deprecated.
		AlreadyDeprecated,
		/// The version is revoked.
		AlreadyRevoked,
		/// No revoked version or flagged dataset has dependents left to taint.
		NothingToPropagate,
		/// The version's license does not allow what a training dataset's license asks of
		/// derived works (docs/provenance.md has the rule table).
		IncompatibleDatasetLicense,
		/// The version's license does not allow what a parent's license asks of derived works.
		IncompatibleParentLicense,
		/// Model or version ids are exhausted.
		NoMoreIds,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_idle(_n: BlockNumberFor<T>, remaining: Weight) -> Weight {
			Self::propagate_on_idle(remaining)
		}

		fn integrity_test() {
			assert!(T::MaxRevocationFanout::get() > 0, "a revocation must flag descendants");
			assert!(T::MaxLineageNodes::get() > 0, "lineage queries must return something");
			assert!(
				T::MaxLineageDatasets::get() >= T::MaxDatasets::get(),
				"a version's own datasets must fit its lineage"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Create a model owned by the caller.
		///
		/// - **Origin**: signed by any account, which becomes the model's owner.
		/// - Holds `ModelDeposit` from the caller (`HoldReason::ModelDeposit`) until the model is
		///   destroyed; the deposit moves to a new owner on `accept_ownership`.
		/// - **Parameters**: `license` is an SPDX license id or expression, e.g. `Apache-2.0`.
		/// - **Emits**: `ModelCreated`.
		/// - **Errors**:
		///   - `BadName`: `name` is empty or longer than `MaxNameLen`.
		///   - `BadLicense`: `license` is empty, longer than `MaxLicenseLen` or has characters an
		///     SPDX expression does not use.
		///   - `UriTooLong`: `metadata_uri` is longer than `MaxUriLen`.
		///   - `NoMoreIds`: model ids are exhausted.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::create_model())]
		pub fn create_model(
			origin: OriginFor<T>,
			name: Vec<u8>,
			license: Vec<u8>,
			metadata_uri: Vec<u8>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let name = Self::check_name(name)?;
			let license = Self::check_license(license)?;
			let metadata_uri = metadata_uri.try_into().map_err(|_| Error::<T>::UriTooLong)?;
			Self::do_create_model(who, name, license, metadata_uri)
		}

		/// Destroy a model that has no versions.
		///
		/// - **Origin**: signed by the model's owner.
		/// - Releases the model deposit to the owner.
		/// - **Emits**: `ModelDestroyed`.
		/// - **Errors**:
		///   - `UnknownModel`: no model has this id.
		///   - `NotOwner`: the caller does not own the model.
		///   - `ModelHasVersions`: versions were published (they are permanent).
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::destroy_model())]
		pub fn destroy_model(origin: OriginFor<T>, model: ModelId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_destroy_model(who, model)
		}

		/// Let `who` publish and deprecate versions of the model.
		///
		/// - **Origin**: signed by the model's owner.
		/// - **Emits**: `MaintainerAdded`.
		/// - **Errors**:
		///   - `UnknownModel`: no model has this id.
		///   - `NotOwner`: the caller does not own the model.
		///   - `AlreadyMaintainer`: `who` maintains or owns the model already.
		///   - `TooManyMaintainers`: the model has `MaxMaintainers` maintainers already.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::add_maintainer())]
		pub fn add_maintainer(
			origin: OriginFor<T>,
			model: ModelId,
			who: T::AccountId,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_add_maintainer(owner, model, who)
		}

		/// Withdraw `who`'s maintainer rights on the model.
		///
		/// - **Origin**: signed by the model's owner.
		/// - Versions `who` published stay, and so do their deposits (held from `who`).
		/// - **Emits**: `MaintainerRemoved`.
		/// - **Errors**:
		///   - `UnknownModel`: no model has this id.
		///   - `NotOwner`: the caller does not own the model.
		///   - `MaintainerNotFound`: `who` does not maintain the model.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::remove_maintainer())]
		pub fn remove_maintainer(
			origin: OriginFor<T>,
			model: ModelId,
			who: T::AccountId,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_remove_maintainer(owner, model, who)
		}

		/// Offer the model to `to`, who becomes its owner by calling `accept_ownership`.
		///
		/// - **Origin**: signed by the model's owner.
		/// - Nothing moves until the offer is accepted. A new offer replaces the previous one;
		///   `None` withdraws it.
		/// - **Emits**: `OwnershipOffered`.
		/// - **Errors**:
		///   - `UnknownModel`: no model has this id.
		///   - `NotOwner`: the caller does not own the model.
		///   - `AlreadyOwner`: `to` is the caller.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::transfer_ownership())]
		pub fn transfer_ownership(
			origin: OriginFor<T>,
			model: ModelId,
			to: Option<T::AccountId>,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_transfer_ownership(owner, model, to)
		}

		/// Accept a model offered to the caller and become its owner.
		///
		/// - **Origin**: signed by the account the model was offered to.
		/// - Holds the model deposit from the caller and releases it to the previous owner. The
		///   caller leaves the maintainer list if it was on it; version deposits stay with their
		///   publishers.
		/// - **Emits**: `OwnershipTransferred`.
		/// - **Errors**:
		///   - `UnknownModel`: no model has this id.
		///   - `NotPendingOwner`: the model is not offered to the caller.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::accept_ownership())]
		pub fn accept_ownership(origin: OriginFor<T>, model: ModelId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_accept_ownership(who, model)
		}

		/// Publish a version of `model`: its weights, parents and training datasets.
		///
		/// - **Origin**: signed by the model's owner or one of its maintainers (the publisher).
		/// - Holds `VersionDeposit` from the publisher (`HoldReason::VersionDeposit`) for good, and
		///   pins every named dataset in the registry for good: versions are permanent. With a
		///   `training_job` whose receipt matches, the version is `Verified`, else `Declared`. A
		///   version under a tainted parent is tainted too (it stays usable).
		/// - **Parameters** (`spec`):
		///   - `parents`: existing, unrevoked versions, each with its relation; the first one is
		///     the base a training job started from.
		///   - `datasets`: registered, usable training datasets.
		///   - `training_job`: the caller's own completed training job, which must have output
		///     `weights_hash` from the first parent (or from no model) and read exactly `datasets`.
		///   - `royalty`: the rate charged on paid uses.
		///   - `license`: the weights' SPDX license (empty: the model's); every parent's and
		///     dataset's license must allow it (`verity_primitives::license`).
		/// - **Emits**: `VersionPublished`; `VersionTainted` when it inherits a parent's taint.
		/// - **Errors**:
		///   - `UnknownModel`: no model has this id.
		///   - `NotMaintainer`: the caller neither owns nor maintains the model.
		///   - `UriTooLong` / `TooManyParents` / `TooManyDatasets`: more than `MaxUriLen` bytes /
		///     `MaxParents` parents / `MaxDatasets` datasets.
		///   - `JobAlreadyUsed`: `training_job` verified another version already.
		///   - `DuplicateWeights`: a version with these weights exists (only a verified version may
		///     take over weights another version only declared).
		///   - `SelfParent`: a parent is the id the new version is about to get.
		///   - `UnknownParent`: a parent does not exist.
		///   - `DuplicateParent`: a parent is named twice.
		///   - `RevokedParent`: a parent is revoked.
		///   - `DuplicateDataset`: a dataset is named twice.
		///   - `UnknownDataset`: a dataset is not registered.
		///   - `DatasetNotUsable`: a dataset is retired, rejected or unverified.
		///   - `LineageTooManyDatasets`: the lineage would hold more than `MaxLineageDatasets`
		///     datasets.
		///   - `JobNotCompleted`: `training_job` is unknown or not completed.
		///   - `NotTrainingJob`: it is not a training job.
		///   - `NotJobOwner`: another account submitted it.
		///   - `JobOutputMismatch`: its output is not `weights_hash`.
		///   - `JobInputsMismatch`: it started from another model or read other datasets.
		///   - `BadLicense`: the license is too long or not an SPDX expression.
		///   - `IncompatibleParentLicense` / `IncompatibleDatasetLicense`: a parent's or a
		///     dataset's license forbids deriving a work under the version's license.
		///   - `NoMoreIds`: version ids are exhausted.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::publish_version(
			Pallet::<T>::clamp_len(spec.parents.len(), T::MaxParents::get()),
			Pallet::<T>::clamp_len(spec.datasets.len(), T::MaxDatasets::get()),
		))]
		pub fn publish_version(
			origin: OriginFor<T>,
			model: ModelId,
			spec: VersionSpec,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_publish_version(who, model, spec)
		}

		/// Set the royalty rate charged on paid uses of a version.
		///
		/// - **Origin**: signed by the owner of the version's model (not a maintainer).
		/// - Jobs submitted earlier pay at most the rate they snapshotted, so a raise reaches only
		///   new jobs.
		/// - **Emits**: `RoyaltySet`.
		/// - **Errors**:
		///   - `UnknownVersion`: no version has this id.
		///   - `NotOwner`: the caller does not own the version's model.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::set_royalty())]
		pub fn set_royalty(
			origin: OriginFor<T>,
			version: ModelVersionId,
			rate: Permill,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_royalty(who, version, rate)
		}

		/// Mark a version deprecated; it stays usable.
		///
		/// - **Origin**: signed by the owner of the version's model or one of its maintainers.
		/// - **Emits**: `VersionDeprecated`.
		/// - **Errors**:
		///   - `UnknownVersion`: no version has this id.
		///   - `NotMaintainer`: the caller neither owns nor maintains the model.
		///   - `AlreadyRevoked`: the version is revoked.
		///   - `AlreadyDeprecated`: the version is deprecated already.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::deprecate_version())]
		pub fn deprecate_version(origin: OriginFor<T>, version: ModelVersionId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_deprecate_version(who, version)
		}

		/// Revoke a version for good: no new jobs, evaluations or children.
		///
		/// - **Origin**: signed by the owner of the version's model (not a maintainer).
		/// - Its descendants stay usable but are marked tainted by it. This call takes up to
		///   `MaxRevocationFanout` steps of the taint walks pending (this one's or earlier ones');
		///   `on_idle` and `continue_revocation` take the rest. The deposit stays held.
		/// - **Emits**: `VersionRevoked`; `VersionTainted` per newly tainted descendant and
		///   `RevocationPropagated` when the walk took a step.
		/// - **Errors**:
		///   - `UnknownVersion`: no version has this id.
		///   - `NotOwner`: the caller does not own the version's model.
		///   - `AlreadyRevoked`: the version is revoked already.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::revoke_version(T::MaxRevocationFanout::get()))]
		pub fn revoke_version(
			origin: OriginFor<T>,
			version: ModelVersionId,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let flagged = Self::do_revoke_version(who, version)?;
			Ok(Some(T::WeightInfo::revoke_version(flagged)).into())
		}

		/// Take up to `max_steps` more steps of the pending taint walks.
		///
		/// - **Origin**: signed by any account.
		/// - Each step visits one child of a revoked or tainted version and taints it unless it is
		///   tainted already. `max_steps` is capped at `MaxRevocationFanout`; the weight charged
		///   follows the steps taken.
		/// - **Emits**: `VersionTainted` per newly tainted version; `RevocationPropagated` when a
		///   step was taken.
		/// - **Errors**:
		///   - `NothingToPropagate`: no walk is pending.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::continue_revocation(
			(*max_steps).min(T::MaxRevocationFanout::get())
		))]
		pub fn continue_revocation(
			origin: OriginFor<T>,
			max_steps: u32,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			ensure!(
				RevocationQueue::<T>::iter_keys().next().is_some(),
				Error::<T>::NothingToPropagate
			);
			let flagged = Self::propagate(max_steps.min(T::MaxRevocationFanout::get()));
			Ok(Some(T::WeightInfo::continue_revocation(flagged)).into())
		}
	}
}
