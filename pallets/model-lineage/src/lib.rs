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
//! A version names its weights hash (registered once across the chain), artifact format,
//! parameter count, URI, up to `MaxParents` parents each with a [`Relation`], up to `MaxDatasets`
//! training datasets (each must exist and be usable in `T::Datasets`) and optionally the training
//! job. Its publisher pays `VersionDeposit`. Versions are permanent: other pallets' records
//! (jobs, evaluations, synthetic datasets, anchors) name them, so removing one would leave those
//! dangling; the deposit therefore stays held for the life of the record and is accounted to the
//! publisher (it does not move with model ownership).
//!
//! **Acyclic by construction.** Version ids are sequential and a version may only name versions
//! that already exist as parents, so every parent id is smaller than its child's id; a path along
//! parent edges strictly decreases ids and can never return to where it started. Naming the id
//! the new version is about to get fails with `SelfParent`, any later id with `UnknownParent`.
//! `try_state` checks `parent < child` for every edge.
//!
//! ## Verified lineage
//! When a training job is named, `T::Compute` must hold a completed receipt for it whose output
//! hash is the weights hash, whose model version is the first parent (or none when the version
//! has no parents) and whose datasets equal the declared datasets as sets. Such versions are
//! [`Provenance::Verified`]; without a job they are [`Provenance::Declared`].
//!
//! ## Status
//! Maintainers deprecate (still usable). The owner revokes: the version is no longer usable for
//! new jobs or evaluations and cannot gain children. Its descendants are flagged
//! `ancestor_revoked` (also unusable) by a walk over the children index: the revoking call flags
//! up to `MaxRevocationFanout` descendants, and the rest is finished by `on_idle` or by anyone
//! calling `continue_revocation`. A flag (rather than computing "has a revoked ancestor" on
//! every query) keeps `is_usable` — which other pallets call inside their own extrinsics — at one
//! storage read whatever the depth of the graph, and the walk is complete rather than cut off at a
//! depth. The cost is bounded per call and paid by the revoker (or the idle block space).
//!
//! ## Royalties
//! [`ModelUsage::record_usage`](verity_primitives::traits::ModelUsage) charges
//! `royalty = rate(version) × amount` to the payer. Half goes to the version's model owner; the
//! other half is shared equally among the version's ancestors (nearest-first, deduplicated, at
//! most `MaxRoyaltyDepth` generations and `MaxLineageNodes` versions), each share paid to that
//! ancestor's model owner. Rounding dust and the whole royalty when there are no ancestors go to
//! the version's owner.
//!
//! ## Queries
//! [`LineageInspect`](verity_primitives::traits::LineageInspect) for other pallets, and plain
//! functions for the runtime API (`pallet-model-lineage-runtime-api`): model, version,
//! ancestors and descendants with relations, lineage datasets, version by weights hash. Walks are
//! breadth-first, nearest first, deduplicated, at most `MaxLineageDepth` generations and
//! `MaxLineageNodes` versions.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
mod models;
mod queries;
mod royalties;
mod status;
#[cfg(test)]
mod tests;
#[cfg(any(feature = "try-runtime", test))]
mod try_state;
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
		traits::fungible::{Inspect, Mutate, MutateHold},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::Permill;
	use verity_primitives::{
		traits::{ComputeReceipts, DatasetInspect},
		ContentHash, ModelId, ModelVersionId,
	};

	/// Balance of `T::Currency`.
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
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
		/// Most direct children per version (size of the children index entry).
		#[pallet::constant]
		type MaxChildren: Get<u32>;
		/// Most generations a lineage query walks.
		#[pallet::constant]
		type MaxLineageDepth: Get<u32>;
		/// Most versions a lineage query returns (and royalty shares it pays).
		#[pallet::constant]
		type MaxLineageNodes: Get<u32>;
		/// Generations of ancestors that share a version's royalty.
		#[pallet::constant]
		type MaxRoyaltyDepth: Get<u32>;
		/// Most descendants one call (or one `on_idle`) flags after a revocation.
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

	/// The version registered with each weights hash.
	#[pallet::storage]
	pub type VersionByWeights<T> = StorageMap<_, Blake2_128Concat, ContentHash, ModelVersionId>;

	/// Direct children of each version, in publication order.
	#[pallet::storage]
	pub type Children<T: Config> = StorageMap<
		_,
		Twox64Concat,
		ModelVersionId,
		BoundedVec<ModelVersionId, T::MaxChildren>,
		ValueQuery,
	>;

	/// Flagged versions whose children are still to be flagged, with the index of the next child
	/// to visit in `Children`.
	#[pallet::storage]
	pub type RevocationQueue<T> = StorageMap<_, Twox64Concat, ModelVersionId, u32>;

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
		/// Descendants of revoked versions were flagged; `pending` when more remain.
		RevocationPropagated { flagged: u32, pending: bool },
		/// A paid use of a version routed `amount` of royalty from `payer`.
		RoyaltiesPaid { version: ModelVersionId, payer: T::AccountId, amount: BalanceOf<T> },
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
		/// Another version already registered these weights.
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
		/// A parent is revoked or has a revoked ancestor.
		RevokedParent,
		/// A parent already has `MaxChildren` children.
		TooManyChildren,
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
		/// The version is already deprecated.
		AlreadyDeprecated,
		/// The version is revoked.
		AlreadyRevoked,
		/// No revoked version has descendants left to flag.
		NothingToPropagate,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_idle(_n: BlockNumberFor<T>, remaining: Weight) -> Weight {
			Self::propagate_on_idle(remaining)
		}

		fn integrity_test() {
			assert!(T::MaxRevocationFanout::get() > 0, "a revocation must flag descendants");
			assert!(T::MaxLineageNodes::get() > 0, "lineage queries must return something");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Create a model owned by the caller, holding `ModelDeposit`.
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

		/// Destroy a model that has no versions; its deposit is released. Owner only.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::destroy_model())]
		pub fn destroy_model(origin: OriginFor<T>, model: ModelId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_destroy_model(who, model)
		}

		/// Let `who` publish and deprecate versions of the model. Owner only.
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

		/// Withdraw `who`'s maintainer rights. Owner only.
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

		/// Offer the model to `to`, who becomes owner on `accept_ownership`; `None` withdraws
		/// the offer. Owner only.
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

		/// Accept a model offered to the caller; the model deposit is held from the caller and
		/// released to the previous owner.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::accept_ownership())]
		pub fn accept_ownership(origin: OriginFor<T>, model: ModelId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_accept_ownership(who, model)
		}

		/// Publish a version of `model`, holding `VersionDeposit`. Owner or maintainer only.
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

		/// Set the royalty rate of a version. Owner only.
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

		/// Mark a version deprecated. Owner or maintainer only.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::deprecate_version())]
		pub fn deprecate_version(origin: OriginFor<T>, version: ModelVersionId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_deprecate_version(who, version)
		}

		/// Revoke a version for good and flag up to `MaxRevocationFanout` of its descendants.
		/// Owner only.
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

		/// Flag up to `max_steps` (at most `MaxRevocationFanout`) more descendants of revoked
		/// versions. Anyone may call it.
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
