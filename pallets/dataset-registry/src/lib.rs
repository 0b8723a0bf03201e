//! # Dataset registry
//!
//! Content-addressed datasets with shard-level dedup, synthetic-data provenance, bonded
//! verification and usage royalties.
//!
//! ## Identity and dedup
//! A dataset is a list of shard hashes; its id on the content level is the Merkle root over them
//! in the format of [`verity_primitives::merkle`] (leaf `i` = the 32 bytes of shard hash `i`).
//! `register` recomputes the root and refuses a mismatch. A root registered before is refused with
//! [`Error::AlreadyRegistered`]; since a failed call leaves no event, the existing dataset is found
//! with [`Pallet::dataset_by_root`] (runtime API `dataset_by_root`). Every shard is indexed
//! ([`ShardOwners`]): a dataset whose shards are all registered already is refused
//! ([`Error::DuplicateShards`]); a partial overlap is allowed and recorded per dataset
//! ([`Overlaps`]: the earlier datasets it shares shards with and how many, strongest first), and
//! named in the [`Event::Registered`] event. The shard index keeps up to `MaxShardOwners` datasets
//! per shard, which bounds `register`'s work; further datasets holding a popular shard are not
//! added to its entry (the shard is known already, so dedup is unaffected).
//!
//! ## Deposits
//! The owner pays `DepositBase + DepositPerByte × bytes` held under
//! [`HoldReason::DatasetDeposit`], `bytes` counting the record, the shards and their index entries,
//! the recorded overlaps and the contributor list. It follows changes (metadata, contributors) and
//! moves with ownership. `retire` keeps the record (lineage may name it) and the deposit; `remove`
//! deletes a dataset that was never used and that no other dataset names, and returns the deposit.
//!
//! ## Royalties
//! The owner sets contributors with shares summing to exactly 100% and a royalty rate. Other
//! pallets report paid use through [`verity_primitives::traits::DatasetUsage`]: the payer pays
//! `royalty_rate × amount`, split by share (rounded down); the rounding dust, any share that cannot
//! be paid (e.g. below the existential deposit of an account that does not exist) and, without
//! contributors, the whole royalty go to the owner. Retired, rejected and (when
//! `RequireSyntheticVerification`) unverified synthetic datasets are refused.
//!
//! ## Verification
//! Accounts bond at least `MinVerifierBond` to verify. A verifier attests a dataset once (pass or
//! fail, a score, a report hash). At `VerificationQuorum` attestations the majority decides:
//! more passes than fails → `Verified`, otherwise `Rejected`; the verifiers on the losing side lose
//! `VerifierSlash` of their bond to `T::Slash`. A verifier can unbond when none of its attestations
//! is on a dataset still open; retiring or removing an open dataset closes its votes unslashed.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod deposit;
#[cfg(any(feature = "try-runtime", test))]
mod invariants;
mod manage;
#[cfg(test)]
mod mock;
mod queries;
mod register;
mod royalties;
#[cfg(test)]
mod tests;
pub mod types;
mod verification;
pub mod weights;

pub use types::*;
pub use weights::WeightInfo;

use frame_support::traits::fungible;
#[cfg(feature = "runtime-benchmarks")]
use verity_primitives::ModelVersionId;

/// Balance of the currency deposits, bonds and royalties are paid in.
pub type BalanceOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;
/// Funds taken from slashed verifiers, handed to `T::Slash`.
pub type CreditOf<T> =
	fungible::Credit<<T as frame_system::Config>::AccountId, <T as Config>::Currency>;

/// Sets up what benchmarks need from other pallets.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper {
	/// A model version that `T::Lineage` reports as existing and usable, to benchmark synthetic
	/// registrations; `None` benchmarks curated ones (a few reads lighter).
	fn generator() -> Option<ModelVersionId>;
}

#[cfg(feature = "runtime-benchmarks")]
impl BenchmarkHelper for () {
	fn generator() -> Option<ModelVersionId> {
		None
	}
}

/// The length of a call's list as a weight component.
pub(crate) fn len_u32(len: usize) -> u32 {
	u32::try_from(len).unwrap_or(u32::MAX)
}

// The pallet macros' generated code calls `expect` (pallet prefix lookups, "checked by def");
// clippy attributes it to the attributes here. The logic lives in the topic files, linted in full.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{BalancedHold, Mutate, MutateHold},
			OnUnbalanced,
		},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::{Perbill, Permill};
	use verity_primitives::{traits::LineageInspect, ContentHash, DatasetId};

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency of deposits, verifier bonds and royalties.
		type Currency: Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ BalancedHold<Self::AccountId>;
		/// The runtime's hold reasons, of which this pallet's are part.
		type RuntimeHoldReason: From<HoldReason>;
		/// Receives what slashed verifiers lose (the runtime: the treasury).
		type Slash: OnUnbalanced<CreditOf<Self>>;
		/// Model lineage, to check the generator of synthetic datasets.
		type Lineage: LineageInspect;
		/// Deposit held per dataset, whatever its size.
		#[pallet::constant]
		type DepositBase: Get<BalanceOf<Self>>;
		/// Deposit held per byte the dataset occupies in storage.
		#[pallet::constant]
		type DepositPerByte: Get<BalanceOf<Self>>;
		/// Smallest bond with which an account may attest.
		#[pallet::constant]
		type MinVerifierBond: Get<BalanceOf<Self>>;
		/// Part of its bond a verifier on the losing side of a verdict loses.
		#[pallet::constant]
		type VerifierSlash: Get<Perbill>;
		/// Attestations after which a dataset's verification concludes.
		#[pallet::constant]
		type VerificationQuorum: Get<u32>;
		/// Whether synthetic datasets must be `Verified` before jobs may use them.
		#[pallet::constant]
		type RequireSyntheticVerification: Get<bool>;
		/// Most shards in a dataset.
		#[pallet::constant]
		type MaxShards: Get<u32>;
		/// Most parent datasets a dataset names.
		#[pallet::constant]
		type MaxParents: Get<u32>;
		/// Most contributors sharing a dataset's royalty.
		#[pallet::constant]
		type MaxContributors: Get<u32>;
		/// Most overlapping datasets recorded per dataset (the strongest overlaps are kept).
		#[pallet::constant]
		type MaxOverlapsRecorded: Get<u32>;
		/// Most datasets the shard index lists per shard.
		#[pallet::constant]
		type MaxShardOwners: Get<u32>;
		/// Longest dataset name in bytes.
		#[pallet::constant]
		type MaxNameLen: Get<u32>;
		/// Longest URI in bytes.
		#[pallet::constant]
		type MaxUriLen: Get<u32>;
		/// Longest SPDX license id or expression in bytes.
		#[pallet::constant]
		type MaxLicenseLen: Get<u32>;
		/// Weights of this pallet's calls, generated by its benchmarks.
		type WeightInfo: WeightInfo;
		/// What benchmarks need from other pallets.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// Storage deposit of a registered dataset.
		DatasetDeposit,
		/// Bond of a verifier.
		VerifierBond,
	}

	/// The id the next registered dataset gets.
	#[pallet::storage]
	pub type NextDatasetId<T> = StorageValue<_, DatasetId, ValueQuery>;

	/// Registered datasets (retired ones included).
	#[pallet::storage]
	pub type Datasets<T: Config> = StorageMap<_, Twox64Concat, DatasetId, DatasetRecord<T>>;

	/// Each dataset's shard hashes, in leaf order.
	#[pallet::storage]
	pub type Shards<T: Config> =
		StorageMap<_, Twox64Concat, DatasetId, BoundedVec<ContentHash, T::MaxShards>, ValueQuery>;

	/// Content root → the dataset with that root.
	#[pallet::storage]
	pub type DatasetByRoot<T> = StorageMap<_, Identity, ContentHash, DatasetId>;

	/// Shard hash → datasets holding it, oldest first (at most `MaxShardOwners`).
	#[pallet::storage]
	pub type ShardOwners<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		ContentHash,
		BoundedVec<DatasetId, T::MaxShardOwners>,
		ValueQuery,
	>;

	/// Per dataset: the datasets registered before it that share shards with it, with the number
	/// of shared shards, strongest first.
	#[pallet::storage]
	pub type Overlaps<T: Config> = StorageMap<
		_,
		Twox64Concat,
		DatasetId,
		BoundedVec<(DatasetId, u32), T::MaxOverlapsRecorded>,
		ValueQuery,
	>;

	/// Per dataset: contributors and their royalty shares (empty, or summing to 100%).
	#[pallet::storage]
	pub type Contributors<T: Config> = StorageMap<
		_,
		Twox64Concat,
		DatasetId,
		BoundedVec<(T::AccountId, Permill), T::MaxContributors>,
		ValueQuery,
	>;

	/// Per dataset: how many registered datasets name it as parent or prompt set.
	#[pallet::storage]
	pub type Dependents<T> = StorageMap<_, Twox64Concat, DatasetId, u32, ValueQuery>;

	/// Per dataset: paid uses and royalties so far.
	#[pallet::storage]
	pub type Usage<T: Config> =
		StorageMap<_, Twox64Concat, DatasetId, UsageStats<BalanceOf<T>>, ValueQuery>;

	/// Bonded verifiers.
	#[pallet::storage]
	pub type Verifiers<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, VerifierInfo<BalanceOf<T>>>;

	/// Per dataset: the attestations so far (the quorum's once concluded).
	#[pallet::storage]
	pub type Attestations<T: Config> = StorageMap<
		_,
		Twox64Concat,
		DatasetId,
		BoundedVec<Attestation<T::AccountId>, T::VerificationQuorum>,
		ValueQuery,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A dataset was registered; `overlaps` names earlier datasets sharing shards with it.
		Registered {
			id: DatasetId,
			owner: T::AccountId,
			root: ContentHash,
			shards: u32,
			kind: DatasetKind,
			overlaps: BoundedVec<(DatasetId, u32), T::MaxOverlapsRecorded>,
			deposit: BalanceOf<T>,
		},
		/// The owner changed name, URI or license.
		MetadataUpdated { id: DatasetId, deposit: BalanceOf<T> },
		/// The owner set contributors and royalty rate.
		RoyaltiesSet { id: DatasetId, royalty_rate: Permill, contributors: u32 },
		/// The dataset and its deposit passed to a new owner.
		OwnershipTransferred { id: DatasetId, from: T::AccountId, to: T::AccountId },
		/// The owner retired the dataset: kept for lineage, not usable for new jobs.
		Retired { id: DatasetId },
		/// The owner removed an unused dataset; the deposit was returned.
		Removed { id: DatasetId, deposit: BalanceOf<T> },
		/// A paid use was recorded and its royalty paid.
		UsageRecorded {
			id: DatasetId,
			payer: T::AccountId,
			amount: BalanceOf<T>,
			royalty: BalanceOf<T>,
		},
		/// An account bonded (more) to verify datasets.
		VerifierBonded { who: T::AccountId, amount: BalanceOf<T>, bond: BalanceOf<T> },
		/// A verifier withdrew its bond and stopped verifying.
		VerifierUnbonded { who: T::AccountId, amount: BalanceOf<T> },
		/// A verifier attested a dataset.
		Attested {
			id: DatasetId,
			verifier: T::AccountId,
			pass: bool,
			score: Permill,
			report: ContentHash,
		},
		/// The quorum was reached and the verdict recorded.
		VerificationConcluded { id: DatasetId, verified: bool, passes: u32, fails: u32 },
		/// A verifier on the losing side of a verdict lost part of its bond.
		VerifierSlashed { id: DatasetId, who: T::AccountId, amount: BalanceOf<T> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No dataset has that id.
		UnknownDataset,
		/// Only the dataset's owner may do this.
		NotOwner,
		/// The dataset is retired.
		DatasetRetired,
		/// The verifiers rejected the dataset.
		DatasetRejected,
		/// The synthetic dataset is not verified yet.
		NotVerified,
		/// A dataset needs at least one shard.
		NoShards,
		/// More shards than `MaxShards`.
		TooManyShards,
		/// The same shard hash appears twice in the list.
		RepeatedShard,
		/// The given root is not the Merkle root of the given shards.
		RootMismatch,
		/// A dataset with this root is registered; `dataset_by_root` names it.
		AlreadyRegistered,
		/// Every shard is already part of registered datasets.
		DuplicateShards,
		/// The name is longer than `MaxNameLen`.
		NameTooLong,
		/// The URI is longer than `MaxUriLen`.
		UriTooLong,
		/// The license is longer than `MaxLicenseLen`.
		LicenseTooLong,
		/// The license is empty or has characters SPDX ids and expressions do not use.
		InvalidLicense,
		/// More parents than `MaxParents`.
		TooManyParents,
		/// A parent is named twice.
		DuplicateParent,
		/// A parent is not a registered dataset.
		UnknownParent,
		/// The dataset names itself (or a dataset with its own content) as parent or prompt set.
		SelfDerivation,
		/// The prompt set is not a registered dataset.
		UnknownPromptSet,
		/// The generator model version is not registered in lineage.
		UnknownGenerator,
		/// The generator model version is revoked.
		GeneratorNotUsable,
		/// More contributors than `MaxContributors`.
		TooManyContributors,
		/// A contributor is named twice.
		DuplicateContributor,
		/// Contributor shares do not sum to exactly 100%.
		SharesNotWhole,
		/// The new owner is the current owner.
		SameOwner,
		/// The dataset was used, or another dataset names it; retire it instead.
		DatasetInUse,
		/// The account is not a bonded verifier.
		NotVerifier,
		/// The bond would be, or is, below `MinVerifierBond`.
		BondBelowMinimum,
		/// The verifier has attestations on datasets still open.
		VerifierBusy,
		/// The verifier attested this dataset already.
		AlreadyAttested,
		/// The dataset's verification has concluded.
		VerificationClosed,
		/// Owners do not verify their own datasets.
		OwnerCannotAttest,
		/// No dataset ids are left.
		NoMoreIds,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::VerificationQuorum::get() > 0, "VerificationQuorum must be at least 1");
			assert!(T::MaxShards::get() > 0, "MaxShards must be at least 1");
			assert!(T::MaxShardOwners::get() > 0, "MaxShardOwners must be at least 1");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register a dataset: its shard hashes, their Merkle root, provenance and description.
		/// Holds the storage deposit from the caller, who becomes the owner.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register(
			len_u32(shards.len()),
			len_u32(parents.len()),
			len_u32(description.uri.len()),
			len_u32(description.name.len()),
		))]
		pub fn register(
			origin: OriginFor<T>,
			root: ContentHash,
			shards: Vec<ContentHash>,
			kind: DatasetKind,
			parents: Vec<DatasetId>,
			description: DatasetDescription,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_register(who, root, shards, kind, parents, description)
		}

		/// Change name, URI and/or license (`None` keeps the current one); adjusts the deposit.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::update_metadata(
			uri.as_ref().map_or(0, |u| len_u32(u.len())),
			name.as_ref().map_or(0, |n| len_u32(n.len())),
		))]
		pub fn update_metadata(
			origin: OriginFor<T>,
			id: DatasetId,
			name: Option<Vec<u8>>,
			uri: Option<Vec<u8>>,
			license: Option<Vec<u8>>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_update_metadata(who, id, name, uri, license)
		}

		/// Set the royalty rate and the contributors sharing it (shares summing to 100%; an empty
		/// list gives the whole royalty to the owner).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::set_royalties(len_u32(contributors.len())))]
		pub fn set_royalties(
			origin: OriginFor<T>,
			id: DatasetId,
			royalty_rate: Permill,
			contributors: Vec<(T::AccountId, Permill)>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_royalties(who, id, royalty_rate, contributors)
		}

		/// Hand the dataset and its held deposit to `new_owner` (an existing account).
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::transfer_ownership())]
		pub fn transfer_ownership(
			origin: OriginFor<T>,
			id: DatasetId,
			new_owner: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_transfer_ownership(who, id, new_owner)
		}

		/// Retire the dataset: kept for lineage, no longer usable for new jobs.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::retire())]
		pub fn retire(origin: OriginFor<T>, id: DatasetId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_retire(who, id)
		}

		/// Delete a dataset that was never used and that no other dataset names; returns the
		/// deposit.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::remove(T::MaxShards::get(), T::MaxParents::get()))]
		pub fn remove(origin: OriginFor<T>, id: DatasetId) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let (shards, parents) = Self::do_remove(who, id)?;
			Ok(Some(T::WeightInfo::remove(shards, parents)).into())
		}

		/// Bond `amount` (more) to verify datasets; the total must reach `MinVerifierBond`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::bond_verifier())]
		pub fn bond_verifier(origin: OriginFor<T>, amount: BalanceOf<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_bond_verifier(who, amount)
		}

		/// Withdraw the whole bond; allowed when no attestation is on an open dataset.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::unbond_verifier())]
		pub fn unbond_verifier(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_unbond_verifier(who)
		}

		/// Attest a dataset once: pass or fail, a score and the hash of the report. The
		/// attestation that reaches the quorum concludes the verification.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::attest())]
		pub fn attest(
			origin: OriginFor<T>,
			id: DatasetId,
			pass: bool,
			score: Permill,
			report: ContentHash,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_attest(who, id, pass, score, report)
		}
	}
}
