//! # Dataset registry
//!
//! Content-addressed datasets with shard-level dedup, synthetic-data provenance, drawn
//! verification and usage royalties shared by overlap.
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
//! per shard, oldest first, which bounds `register`'s work; further datasets holding a popular
//! shard are not added to its entry (the shard is known already, so dedup is unaffected).
//!
//! ## Registration is commit, then reveal
//! A root belongs to whoever registers it first, so registering is two steps.
//! `commit_registration(c)` with `c = commitment(DATASET_REGISTRATION, root, caller,
//! shards_hash(shards), salt)` ([`verity_primitives::commitment`], [`shards_hash`] =
//! `blake2_256(SCALE(shards))`; [`Pallet::registration_commitment`] computes it) holds
//! `RegistrationCommitDeposit`. `register(root, shards, …, salt)` from the next block up to
//! `RegistrationCommitExpiry` blocks after the commitment's block opens it (errors
//! [`Error::NoCommitment`], [`Error::CommitmentTooRecent`], [`Error::CommitmentExpired`]) and
//! returns the deposit. The commitment hides the root until the reveal, and the reveal is only
//! accepted a block after a commitment of the revealer's own: a front-runner who reads Bob's
//! reveal in the pool can neither use Bob's commitment (it binds Bob's account: a copy opens only
//! for Bob) nor a fresh one of its own (too recent in that block), and by the next block Bob's
//! reveal has landed. What is left: a block author who keeps Bob's reveal out of its block can
//! commit in that block and race Bob in the next one; the solochain trusts its validators not to
//! censor (see `runtime/src/configs/randomness.rs`). Unopened commitments are cleared by their
//! maker at any time, by anyone once expired (`clear_registration_commit`), the deposit going back
//! to the maker.
//!
//! ## Royalties, and sharing them by overlap
//! The owner sets contributors with shares summing to exactly 100% and a royalty rate. The paying
//! pallet (compute staking) asks [`verity_primitives::traits::DatasetUsage`] for the rate when a
//! job is submitted, for the payees when it settles (at `min(rate now, rate snapshotted)`), pays
//! them out of its own hold and reports the use (`note_usage`: [`Usage`] counters and
//! [`Event::UsageRecorded`]). The registry moves no money there. Retired, rejected and (when
//! `RequireSyntheticVerification`) unverified synthetic datasets are refused.
//!
//! A dataset that contains shards of earlier datasets pays for them (the rule chosen for issue
//! 12 item 6, instead of requiring a declared parent): at registration each known shard is
//! attributed to the oldest dataset holding it, and the counts are stored in [`Upstreams`]. Of
//! each royalty, upstream `u` gets `royalty × shards(u) / shard_count` (rounded down), split among
//! its contributors by share with the rounding rest to its owner; the rest is split likewise
//! among the dataset's own contributors and owner. An upstream removed since leaves its share to
//! the dataset. Known shards from more than `MaxUpstreams` earlier datasets are refused
//! ([`Error::TooManyUpstreams`]) rather than silently leaving an owner unpaid. So Eve, who
//! registers Bob's shards plus one junk shard, earns only the junk shard's fraction; she can set
//! her own rate, but every part of it that covers Bob's shards is Bob's.
//!
//! ## Deposits
//! The owner pays `DepositBase + DepositPerByte × bytes` held under
//! [`HoldReason::DatasetDeposit`] through `frame_support`'s `Consideration` (a
//! `HoldConsideration` ticket in the record, [`deposit`]), `bytes` counting the record (its
//! revocation and taint flags at their largest from the start), the shards and their index
//! entries, the recorded overlaps and upstreams and the contributor list. It follows changes
//! (metadata, contributors) and moves with ownership (the held amount goes to the new owner). `retire` keeps the record (lineage may name it) and the
//! deposit; `remove` deletes a dataset that was never used, that no other dataset names and that
//! nothing pins, and returns the deposit.
//!
//! ## Revocation and taint
//! A dataset is **flagged** when its verifiers reject it or it is revoked for cause: by its owner
//! or by `T::RevokeOrigin` (governance), with the hash of a published reason (`revoke`). A
//! flagged dataset is not usable for new jobs or versions, its upstream part of other datasets'
//! royalties stays with them, and `T::OnFlagged` is told once, the first time the dataset is
//! flagged, so that model lineage can taint what was trained on it (a bounded queued walk
//! there). Revocation is final: the record, shards and deposit stay, since lineage names them.
//!
//! ## Pins
//! [`verity_primitives::traits::DatasetPins`]: benchmarks (hidden test sets) and model versions
//! (training data) pin the datasets they name ([`Pins`], one counter per existing dataset;
//! pinning an unknown dataset is refused) and unpin them when they go. A pinned dataset cannot be
//! removed ([`Error::Pinned`]); retiring it keeps its record and shards, so the checks that pinned
//! it still read them.
//!
//! ## Verification: drawn seats, commit-reveal votes, held bonds
//! Accounts bond at least `MinVerifierBond` to verify (at most `MaxVerifiers` accounts, which
//! bounds the draw). Nobody claims a seat: the owner calls `request_verification`, the request
//! waits in [`DrawQueue`] (at most `MaxDrawsPerBlock` a block, [`Error::DrawQueueFull`] beyond:
//! retry next block) and at the start of the next block `on_initialize` draws
//! `VerificationQuorum` verifiers with [`verity_primitives::draw::draw_weighted`], weighted by
//! bond, among the bonded verifiers minus the owner and the contributors, seeded by
//! `T::Randomness` with subject `(DATASET_VOTE, id)`, a seed the requester cannot know when it
//! signs. With fewer eligible verifiers than seats the request lapses
//! ([`Event::VerifiersUnavailable`]) and may be made again.
//!
//! Drawn verifiers commit `commitment(DATASET_VOTE, id, verifier, Vote { pass, score, report },
//! salt)` within `VoteCommitPeriod` blocks of the draw ([`Pallet::vote_commitment`]); reveals open
//! when every seat has committed or the commit period is over, and run until `VoteRevealPeriod`
//! after it. A later voter cannot copy an earlier one: votes are hidden until all commitments are
//! in, and a copied commitment opens only for its maker ([`Error::BadReveal`]). The round ends
//! when the last outstanding commitment is revealed, or, once the reveal period is over, by
//! `advance_verification` from anyone (nothing is stranded). With a majority of the seats
//! revealed, more passes than fails verifies the dataset, otherwise it is rejected, and the
//! revealed verifiers on the other side lose `VerifierSlash` of their bond to `T::Slash`; with
//! fewer, there is no verdict ([`Event::VerificationInconclusive`]). Drawn verifiers who did not
//! reveal lose the same `VerifierSlash` either way, so not revealing is never cheaper than losing.
//! A verifier cannot unbond while it holds a seat ([`Error::VerifierBusy`]), nor for
//! `VerdictLockPeriod` blocks after a round it sat in ended ([`Error::BondLocked`]): the window in
//! which the verdict can be challenged, so a Sybil party cannot vote and leave at once. Retiring
//! or removing a dataset with an open round closes it without verdict or slashes.
//!
//! What an attacker can gain: a party with a fraction `p` of the verifier stake holds each seat
//! with chance about `p` however many accounts it splits into, so it decides a 3-seat round
//! (2 seats) with chance about `3p² − 2p³` (16% at a quarter of the stake), and each time it holds
//! a minority of the seats and votes against the honest majority it loses `VerifierSlash` of
//! every such seat's bond. A requester who dislikes the draw cannot withdraw the request; a seat
//! holder who withholds its vote to force an inconclusive round needs a majority of the seats to
//! do so (with an odd quorum), and pays the no-show slash. A full verifier set (`MaxVerifiers`)
//! admits a newcomer whose bond exceeds that of the smallest verifier free to leave (no seat, no
//! locked bond), which is released (`VerifierEvicted`): filling the set with minimum bonds does
//! not lock out a better-bonded verifier. Not yet built: an appeal call that uses the lock window
//! (governance would re-run a round and slash a wrong majority).
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod commit;
pub mod deposit;
// Also built with `std`: the fuzzer (`fuzz/`) checks them after every block.
#[cfg(any(feature = "try-runtime", feature = "std", test))]
mod invariants;
mod manage;
#[cfg(test)]
mod mock;
mod queries;
mod register;
mod royalties;
mod taint;
#[cfg(test)]
mod tests;
pub mod types;
mod verification;
mod votes;
pub mod weights;

pub use commit::shards_hash;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
use verity_primitives::ModelVersionId;

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
			OnUnbalanced, Randomness,
		},
	};
	use frame_system::pallet_prelude::*;
	use sp_core::H256;
	use sp_runtime::{Perbill, Permill};
	use verity_primitives::{
		traits::{LineageInspect, OnDatasetFlagged},
		ContentHash, DatasetId,
	};

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
		/// Told once when a dataset is first flagged (rejected, revoked, or derived from flagged
		/// data).
		type OnFlagged: OnDatasetFlagged;
		/// Most derived datasets one call (or one `on_idle` round) taints.
		#[pallet::constant]
		type MaxTaintFanout: Get<u32>;
		/// May revoke any dataset for cause (governance); owners revoke their own.
		type RevokeOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Seeds the verifier draw, taken in the block after the request.
		type Randomness: Randomness<H256, BlockNumberFor<Self>>;
		/// Deposit held per dataset, whatever its size.
		#[pallet::constant]
		type DepositBase: Get<BalanceOf<Self>>;
		/// Deposit held per byte the dataset occupies in storage.
		#[pallet::constant]
		type DepositPerByte: Get<BalanceOf<Self>>;
		/// Deposit held per registration commitment until it is opened or cleared.
		#[pallet::constant]
		type RegistrationCommitDeposit: Get<BalanceOf<Self>>;
		/// Blocks after its block in which a registration commitment can be opened; after that
		/// anyone may clear it (the deposit goes back to its maker).
		#[pallet::constant]
		type RegistrationCommitExpiry: Get<BlockNumberFor<Self>>;
		/// Smallest bond with which an account may be drawn to verify.
		#[pallet::constant]
		type MinVerifierBond: Get<BalanceOf<Self>>;
		/// Part of its bond a verifier on the losing side of a verdict, or a drawn verifier who
		/// does not reveal, loses.
		#[pallet::constant]
		type VerifierSlash: Get<Perbill>;
		/// Verifiers drawn per verification round (seats); a verdict needs a majority of them
		/// to reveal.
		#[pallet::constant]
		type VerificationQuorum: Get<u32>;
		/// Blocks after the draw in which the drawn verifiers commit their votes.
		#[pallet::constant]
		type VoteCommitPeriod: Get<BlockNumberFor<Self>>;
		/// Blocks after the commit period in which they reveal.
		#[pallet::constant]
		type VoteRevealPeriod: Get<BlockNumberFor<Self>>;
		/// Blocks after a round ends during which its verifiers stay bonded: the window in
		/// which the verdict can be challenged.
		#[pallet::constant]
		type VerdictLockPeriod: Get<BlockNumberFor<Self>>;
		/// Most bonded verifiers (bounds the draw's work).
		#[pallet::constant]
		type MaxVerifiers: Get<u32>;
		/// Most verification requests drawn in one block.
		#[pallet::constant]
		type MaxDrawsPerBlock: Get<u32>;
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
		/// Most earlier datasets a new dataset may take shards from (each is paid its share of
		/// the royalty); more is refused.
		#[pallet::constant]
		type MaxUpstreams: Get<u32>;
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
		/// Deposit of a registration commitment.
		RegistrationCommit,
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

	/// Per dataset: the earlier datasets its known shards are attributed to (each shard to the
	/// oldest dataset holding it) and how many; each is paid that fraction of the royalty.
	#[pallet::storage]
	pub type Upstreams<T: Config> = StorageMap<
		_,
		Twox64Concat,
		DatasetId,
		BoundedVec<(DatasetId, u32), T::MaxUpstreams>,
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

	/// The derivation index: (source, derived) for every parent and prompt set a registered
	/// dataset names. A dataset named here cannot be removed; a flag walks down it.
	#[pallet::storage]
	pub type Derived<T> = StorageDoubleMap<_, Twox64Concat, DatasetId, Twox64Concat, DatasetId, ()>;

	/// Flagged datasets whose derived datasets are still to be tainted, with the flagged dataset
	/// the taint comes from and the derived dataset visited last.
	#[pallet::storage]
	pub type TaintQueue<T> = StorageMap<_, Twox64Concat, DatasetId, TaintWalk>;

	/// Per dataset: pins held by benchmarks and model versions that name it; a pinned dataset
	/// cannot be removed. Only existing datasets have entries.
	#[pallet::storage]
	pub type Pins<T> = StorageMap<_, Twox64Concat, DatasetId, u32, ValueQuery>;

	/// Per dataset: paid uses and royalties so far.
	#[pallet::storage]
	pub type Usage<T: Config> =
		StorageMap<_, Twox64Concat, DatasetId, UsageStats<BalanceOf<T>>, ValueQuery>;

	/// Registration commitments by maker: `commitment(DATASET_REGISTRATION, root, maker,
	/// shards_hash, salt)` → when it was made and its deposit.
	#[pallet::storage]
	pub type RegistrationCommits<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Identity,
		H256,
		RegistrationCommit<BalanceOf<T>, BlockNumberFor<T>>,
	>;

	/// Bonded verifiers (at most `MaxVerifiers`).
	#[pallet::storage]
	pub type Verifiers<T: Config> = CountedStorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		VerifierInfo<BalanceOf<T>, BlockNumberFor<T>>,
	>;

	/// Per dataset: the open verification round, if any.
	#[pallet::storage]
	pub type Rounds<T: Config> = StorageMap<_, Twox64Concat, DatasetId, VerificationRound<T>>;

	/// Requested rounds whose verifiers are drawn at the start of the next block.
	#[pallet::storage]
	pub type DrawQueue<T: Config> =
		StorageValue<_, BoundedVec<DatasetId, T::MaxDrawsPerBlock>, ValueQuery>;

	/// Per dataset: the revealed votes of the round that decided its verdict.
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
		/// A registration commitment was made; it opens from the next block to `expires_at`.
		RegistrationCommitted { who: T::AccountId, commitment: H256, expires_at: BlockNumberFor<T> },
		/// An unopened registration commitment was cleared and its deposit returned to `who`.
		RegistrationCommitCleared { who: T::AccountId, commitment: H256 },
		/// A dataset was registered; `overlaps` names earlier datasets sharing shards with it,
		/// `upstreams` those its known shards are attributed to (paid by that fraction).
		Registered {
			id: DatasetId,
			owner: T::AccountId,
			root: ContentHash,
			shards: u32,
			kind: DatasetKind,
			overlaps: BoundedVec<(DatasetId, u32), T::MaxOverlapsRecorded>,
			upstreams: BoundedVec<(DatasetId, u32), T::MaxUpstreams>,
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
		/// The dataset was revoked for the cause `reason` (hash of the published reason), by its
		/// owner or by governance; what was trained on it is being tainted.
		Revoked { id: DatasetId, reason: ContentHash, by_governance: bool },
		/// The dataset derives (by parent or prompt set) from flagged dataset `by`, and is
		/// flagged too.
		Tainted { id: DatasetId, by: DatasetId },
		/// Datasets derived from flagged ones were tainted; `pending` when more remain.
		TaintPropagated { tainted: u32, pending: bool },
		/// The owner removed an unused dataset; the deposit was returned.
		Removed { id: DatasetId, deposit: BalanceOf<T> },
		/// A paid use was recorded; `royalty` reached the payees.
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
		/// A full verifier set took `by`, whose bond is larger; `who`'s bond was returned.
		VerifierEvicted { who: T::AccountId, by: T::AccountId },
		/// The owner asked for verification; verifiers are drawn at the start of the next block.
		VerificationRequested { id: DatasetId },
		/// Verifiers were drawn: they commit until `commit_deadline`, reveal until
		/// `reveal_deadline`.
		VerifiersDrawn {
			id: DatasetId,
			verifiers: BoundedVec<T::AccountId, T::VerificationQuorum>,
			commit_deadline: BlockNumberFor<T>,
			reveal_deadline: BlockNumberFor<T>,
		},
		/// Fewer eligible verifiers than seats: the request lapsed (it may be made again).
		VerifiersUnavailable { id: DatasetId, eligible: u32 },
		/// A drawn verifier committed its vote.
		VoteCommitted { id: DatasetId, verifier: T::AccountId },
		/// A drawn verifier revealed its vote.
		VoteRevealed {
			id: DatasetId,
			verifier: T::AccountId,
			pass: bool,
			score: Permill,
			report: ContentHash,
		},
		/// A majority of the seats revealed and the verdict was recorded.
		VerificationConcluded { id: DatasetId, verified: bool, passes: u32, fails: u32 },
		/// Too few seats revealed for a verdict; the dataset stays pending.
		VerificationInconclusive { id: DatasetId, revealed: u32 },
		/// A drawn verifier lost part of its bond: on the losing side, or (`no_show`) it did
		/// not reveal.
		VerifierSlashed { id: DatasetId, who: T::AccountId, amount: BalanceOf<T>, no_show: bool },
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
		/// The dataset was revoked for cause.
		DatasetRevoked,
		/// The dataset derives from a rejected or revoked dataset.
		DatasetTainted,
		/// The dataset is revoked already.
		AlreadyRevoked,
		/// A parent or the prompt set is rejected or revoked, or the generator is tainted: the
		/// new dataset would be built on flagged data.
		FlaggedSource,
		/// No flagged dataset has derived datasets left to taint.
		NothingToPropagate,
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
		/// The known shards belong to more earlier datasets than `MaxUpstreams`.
		TooManyUpstreams,
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
		/// A benchmark or model version pins the dataset; retire it instead.
		Pinned,
		/// The caller made no registration commitment for this root, shards and salt (a
		/// commitment opens only for the account that made it).
		NoCommitment,
		/// The commitment was made in this block; register from the next one.
		CommitmentTooRecent,
		/// The commitment is older than `RegistrationCommitExpiry`; commit again.
		CommitmentExpired,
		/// The caller made this commitment already.
		CommitmentExists,
		/// Only the maker clears an unexpired commitment.
		CommitmentNotExpired,
		/// The account is not a bonded verifier.
		NotVerifier,
		/// The bond would be, or is, below `MinVerifierBond`.
		BondBelowMinimum,
		/// `MaxVerifiers` accounts are bonded already, and the bond does not exceed that of the
		/// smallest one free to leave (no seat, no locked bond).
		TooManyVerifiers,
		/// The verifier holds a seat in an open round.
		VerifierBusy,
		/// A round the verifier sat in ended less than `VerdictLockPeriod` blocks ago.
		BondLocked,
		/// The dataset's verification has concluded.
		VerificationClosed,
		/// A verification round for the dataset is open (requesting another, or transferring
		/// the dataset, waits for its end).
		VerificationInProgress,
		/// A bond of zero.
		ZeroAmount,
		/// `MaxDrawsPerBlock` requests wait for this block's draw; request in the next block.
		DrawQueueFull,
		/// No verification round is open for the dataset.
		NoRound,
		/// The caller was not drawn for this round (or the draw has not happened yet).
		NotSeated,
		/// The verifier committed a vote in this round already.
		AlreadyCommitted,
		/// The commit period is over.
		CommitClosed,
		/// Reveals open when every seat has committed or the commit period is over.
		RevealNotOpen,
		/// The reveal period is over.
		RevealClosed,
		/// The verifier made no commitment in this round.
		NotCommitted,
		/// The verifier revealed in this round already.
		AlreadyRevealed,
		/// The revealed vote and salt do not open the caller's commitment.
		BadReveal,
		/// The round is still running (or not drawn yet).
		RoundNotExpired,
		/// No dataset ids are left.
		NoMoreIds,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Draws the verifiers of the rounds requested in the previous block.
		fn on_initialize(_now: BlockNumberFor<T>) -> Weight {
			Self::draw_queued()
		}

		/// Spends idle block space on the taint walk down derivations.
		fn on_idle(_now: BlockNumberFor<T>, remaining: Weight) -> Weight {
			Self::propagate_on_idle(remaining)
		}

		fn integrity_test() {
			assert!(T::VerificationQuorum::get() > 0, "VerificationQuorum must be at least 1");
			assert!(T::MaxShards::get() > 0, "MaxShards must be at least 1");
			assert!(T::MaxTaintFanout::get() > 0, "a flag must reach derived datasets");
			assert!(T::MaxShardOwners::get() > 0, "MaxShardOwners must be at least 1");
			assert!(T::MaxDrawsPerBlock::get() > 0, "MaxDrawsPerBlock must be at least 1");
			assert!(
				T::MaxVerifiers::get() >= T::VerificationQuorum::get(),
				"MaxVerifiers must hold at least one round's seats"
			);
			assert!(
				!T::VoteCommitPeriod::get().is_zero() && !T::VoteRevealPeriod::get().is_zero(),
				"commit and reveal periods must be at least a block"
			);
			assert!(
				!T::RegistrationCommitExpiry::get().is_zero(),
				"RegistrationCommitExpiry must be at least a block"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register a dataset by opening the caller's registration commitment.
		///
		/// - **Origin**: signed by the account that made the commitment (`commit_registration`, in
		///   an earlier block at most `RegistrationCommitExpiry` blocks ago); it becomes the owner.
		/// - Returns the commitment's `RegistrationCommitDeposit` and holds the dataset deposit,
		///   `DepositBase + DepositPerByte × bytes stored` (`HoldReason::DatasetDeposit`). Known
		///   shards are attributed to the oldest dataset holding them, which is paid that fraction
		///   of this dataset's royalties.
		/// - **Parameters**:
		///   - `root`: the Merkle root over `shards` (leaf `i` = the 32 bytes of shard hash `i`).
		///   - `shards`: distinct shard hashes; at least one must be new to the registry.
		///   - `kind`: `Curated`, or `Synthetic` with a usable generator model version and
		///     optionally a registered prompt-set dataset.
		///   - `parents`: distinct registered datasets this one derives from.
		///   - `salt`: the salt the commitment was made with.
		/// - **Emits**: `Registered` (with the id, overlaps, upstreams and deposit).
		/// - **Errors**:
		///   - `NoCommitment`: the caller made no commitment to this root, shard list and salt.
		///   - `CommitmentTooRecent`: the commitment was made in this block.
		///   - `CommitmentExpired`: the commitment is older than `RegistrationCommitExpiry` blocks.
		///   - `NoShards`: `shards` is empty.
		///   - `TooManyShards`: more than `MaxShards` shards.
		///   - `TooManyParents`: more than `MaxParents` parents.
		///   - `NameTooLong` / `UriTooLong` / `LicenseTooLong`: a description field is too long.
		///   - `InvalidLicense`: the license is empty or has characters SPDX does not use.
		///   - `RepeatedShard`: a shard hash appears twice.
		///   - `RootMismatch`: `root` is not the Merkle root of `shards`.
		///   - `NoMoreIds`: dataset ids are exhausted.
		///   - `SelfDerivation`: a parent or the prompt set is the new dataset, or a parent has its
		///     root.
		///   - `DuplicateParent`: a parent is named twice.
		///   - `UnknownParent`: a parent is not registered.
		///   - `UnknownGenerator`: the generator model version is not registered.
		///   - `GeneratorNotUsable`: the generator model version is revoked.
		///   - `UnknownPromptSet`: the prompt set is not registered.
		///   - `FlaggedSource`: a parent or the prompt set is rejected or revoked, or the
		///     generator is tainted.
		///   - `AlreadyRegistered`: a dataset with this root exists (`dataset_by_root` names it).
		///   - `DuplicateShards`: every shard is part of registered datasets already.
		///   - `TooManyUpstreams`: the known shards belong to more than `MaxUpstreams` datasets.
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
			salt: H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_register(who, root, shards, kind, parents, description, salt)
		}

		/// Change a dataset's name, URI and/or license (`None` keeps the current value).
		///
		/// - **Origin**: signed by the dataset's owner.
		/// - The deposit follows the new size: more is held from the owner, or the excess released.
		/// - **Emits**: `MetadataUpdated` (with the new deposit).
		/// - **Errors**:
		///   - `UnknownDataset`: no dataset has this id.
		///   - `NotOwner`: the caller does not own the dataset.
		///   - `DatasetRetired`: the dataset is retired.
		///   - `NameTooLong` / `UriTooLong` / `LicenseTooLong`: a value exceeds its bound.
		///   - `InvalidLicense`: the license is empty or has characters SPDX does not use.
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

		/// Set the dataset's royalty rate and the contributors who share its royalties.
		///
		/// - **Origin**: signed by the dataset's owner.
		/// - The shares must sum to exactly 100%; with no contributors, the dataset's part goes to
		///   the owner (upstream datasets keep their fractions either way). Running jobs pay the
		///   lower of this rate and the one they snapshotted. The deposit follows the contributor
		///   list's size.
		/// - **Emits**: `RoyaltiesSet`.
		/// - **Errors**:
		///   - `UnknownDataset`: no dataset has this id.
		///   - `NotOwner`: the caller does not own the dataset.
		///   - `DatasetRetired`: the dataset is retired.
		///   - `TooManyContributors`: more than `MaxContributors` contributors.
		///   - `DuplicateContributor`: an account is listed twice.
		///   - `SharesNotWhole`: the shares do not sum to exactly 100%.
		///   - `VerificationInProgress`: a verification round is requested or open (its
		///     verifiers were drawn excluding the contributors).
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

		/// Hand the dataset and its held deposit to `new_owner`.
		///
		/// - **Origin**: signed by the dataset's owner.
		/// - The deposit moves on hold to `new_owner`, which must be an existing account.
		/// - **Emits**: `OwnershipTransferred`.
		/// - **Errors**:
		///   - `UnknownDataset`: no dataset has this id.
		///   - `NotOwner`: the caller does not own the dataset.
		///   - `SameOwner`: `new_owner` is the caller.
		///   - `VerificationInProgress`: a verification round is requested or open.
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
		///
		/// - **Origin**: signed by the dataset's owner.
		/// - For good; the record, shards and deposit stay. A requested or open verification round
		///   is closed without verdict or slashes. Jobs that use it and settle later pay it no
		///   royalty.
		/// - **Emits**: `Retired`.
		/// - **Errors**:
		///   - `UnknownDataset`: no dataset has this id.
		///   - `NotOwner`: the caller does not own the dataset.
		///   - `DatasetRetired`: the dataset is retired already.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::retire())]
		pub fn retire(origin: OriginFor<T>, id: DatasetId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_retire(who, id)
		}

		/// Delete a dataset that was never used, that no other dataset names and that nothing pins.
		///
		/// - **Origin**: signed by the dataset's owner (retired datasets included).
		/// - Returns the whole deposit to the owner. A requested or open verification round is
		///   closed without verdict or slashes.
		/// - **Emits**: `Removed`.
		/// - **Errors**:
		///   - `UnknownDataset`: no dataset has this id.
		///   - `NotOwner`: the caller does not own the dataset.
		///   - `DatasetInUse`: a paid use was recorded, or a dataset names it as parent or prompt
		///     set.
		///   - `Pinned`: a benchmark or model version pins it.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::remove(T::MaxShards::get(), T::MaxParents::get()))]
		pub fn remove(origin: OriginFor<T>, id: DatasetId) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let (shards, parents) = Self::do_remove(who, id)?;
			Ok(Some(T::WeightInfo::remove(shards, parents)).into())
		}

		/// Bond `amount` (more) to be drawn as a dataset verifier.
		///
		/// - **Origin**: signed by any account.
		/// - Holds `amount` (`HoldReason::VerifierBond`); the total bond must reach
		///   `MinVerifierBond`. When `MaxVerifiers` accounts are bonded, a newcomer whose bond
		///   exceeds that of the smallest verifier free to leave (no seat, no locked bond) takes
		///   its place, and that verifier's bond is released.
		/// - **Emits**: `VerifierBonded`; `VerifierEvicted` when a verifier made room.
		/// - **Errors**:
		///   - `ZeroAmount`: `amount` is zero.
		///   - `BondBelowMinimum`: the total bond would be below `MinVerifierBond`.
		///   - `TooManyVerifiers`: the set is full and no verifier free to leave has a smaller
		///     bond.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::bond_verifier())]
		pub fn bond_verifier(origin: OriginFor<T>, amount: BalanceOf<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_bond_verifier(who, amount)
		}

		/// Withdraw the caller's whole verifier bond and stop verifying.
		///
		/// - **Origin**: signed by a bonded verifier.
		/// - Releases what slashes left of the bond.
		/// - **Emits**: `VerifierUnbonded`.
		/// - **Errors**:
		///   - `NotVerifier`: the caller is not a bonded verifier.
		///   - `VerifierBusy`: it holds a seat in an open round.
		///   - `BondLocked`: a round it sat in ended less than `VerdictLockPeriod` blocks ago.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::unbond_verifier())]
		pub fn unbond_verifier(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_unbond_verifier(who)
		}

		// Call index 8 was the open `attest`, replaced by drawn, commit-reveal rounds (11-14).

		/// Commit to registering a dataset, the first step of `register`.
		///
		/// - **Origin**: signed by the account that will register (and own) the dataset.
		/// - Holds `RegistrationCommitDeposit` (`HoldReason::RegistrationCommit`) until `register`
		///   opens the commitment or it is cleared (`clear_registration_commit`).
		/// - **Parameters**: `commitment` =
		///   `commitment(DATASET_REGISTRATION, root, caller, shards_hash(shards), salt)`, which
		///   `registration_commitment` computes; `register` opens it from the next block until
		///   `RegistrationCommitExpiry` blocks after this one.
		/// - **Emits**: `RegistrationCommitted` (with the last block it opens in).
		/// - **Errors**:
		///   - `CommitmentExists`: the caller made this commitment already.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::commit_registration())]
		pub fn commit_registration(origin: OriginFor<T>, commitment: H256) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_commit_registration(who, commitment)
		}

		/// Clear an unopened registration commitment of `maker` and return its deposit to `maker`.
		///
		/// - **Origin**: signed by `maker` at any time, or by any account once the commitment has
		///   expired (more than `RegistrationCommitExpiry` blocks after it was made).
		/// - **Emits**: `RegistrationCommitCleared`.
		/// - **Errors**:
		///   - `NoCommitment`: `maker` has no such commitment.
		///   - `CommitmentNotExpired`: the caller is not `maker` and the commitment has not
		///     expired.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::clear_registration_commit())]
		pub fn clear_registration_commit(
			origin: OriginFor<T>,
			maker: T::AccountId,
			commitment: H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_clear_registration_commit(who, maker, commitment)
		}

		/// Ask for the dataset to be verified by verifiers the chain draws.
		///
		/// - **Origin**: signed by the dataset's owner.
		/// - No deposit or fee. At the start of the next block `VerificationQuorum` bonded
		///   verifiers are drawn, weighted by bond, leaving out the owner and the contributors
		///   (`VerifiersDrawn`), or the request lapses for lack of eligible verifiers
		///   (`VerifiersUnavailable`). A request cannot be withdrawn (retiring the dataset closes
		///   it).
		/// - **Emits**: `VerificationRequested`.
		/// - **Errors**:
		///   - `UnknownDataset`: no dataset has this id.
		///   - `NotOwner`: the caller does not own the dataset.
		///   - `DatasetRetired`: the dataset is retired.
		///   - `VerificationClosed`: the dataset is verified or rejected already.
		///   - `VerificationInProgress`: a round is requested or open.
		///   - `DrawQueueFull`: `MaxDrawsPerBlock` requests wait for the next draw; retry next
		///     block.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::request_verification())]
		pub fn request_verification(origin: OriginFor<T>, id: DatasetId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_request_verification(who, id)
		}

		/// Commit a hidden vote on the dataset, in a seat drawn for the caller.
		///
		/// - **Origin**: signed by a verifier drawn for the dataset's open round.
		/// - **Parameters**: `commitment` =
		///   `commitment(DATASET_VOTE, id, caller, Vote { pass, score, report }, salt)`, which
		///   `vote_commitment` computes.
		/// - **Emits**: `VoteCommitted`.
		/// - **Errors**:
		///   - `NoRound`: no round is requested or open for the dataset.
		///   - `NotSeated`: the caller holds no seat (or the draw has not happened yet).
		///   - `AlreadyCommitted`: the caller committed in this round already.
		///   - `CommitClosed`: the commit period (`VoteCommitPeriod` blocks from the draw) is over.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::commit_vote())]
		pub fn commit_vote(
			origin: OriginFor<T>,
			id: DatasetId,
			commitment: H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_commit_vote(who, id, commitment)
		}

		/// Reveal the caller's committed vote on the dataset.
		///
		/// - **Origin**: signed by a drawn verifier that committed in the dataset's open round.
		/// - Reveals open once every seat committed or the commit period is over, and close
		///   `VoteRevealPeriod` blocks after the commit period. The reveal that leaves no
		///   commitment unopened ends the round: with a majority of the seats revealed, more passes
		///   than fails verifies the dataset, else rejects it, and revealed verifiers on the other
		///   side lose `VerifierSlash` of their bond to `T::Slash`; with fewer, there is no
		///   verdict. Seats that did not reveal lose `VerifierSlash` either way, and every seat's
		///   bond stays locked for `VerdictLockPeriod` blocks.
		/// - **Parameters**: `pass`, `score`, `report` and `salt` as committed.
		/// - **Emits**: `VoteRevealed`; when it ends the round, `VerifierSlashed` per slashed seat
		///   and `VerificationConcluded` or `VerificationInconclusive`.
		/// - **Errors**:
		///   - `NoRound`: no round is requested or open for the dataset.
		///   - `NotSeated`: the caller holds no seat (or the draw has not happened yet).
		///   - `NotCommitted`: the caller made no commitment in this round.
		///   - `AlreadyRevealed`: the caller revealed already.
		///   - `RevealNotOpen`: seats are still committing and the commit period is not over.
		///   - `RevealClosed`: the reveal period is over.
		///   - `BadReveal`: the vote and salt do not open the caller's commitment.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::reveal_vote().saturating_add(Pallet::<T>::first_flag_weight()))]
		pub fn reveal_vote(
			origin: OriginFor<T>,
			id: DatasetId,
			pass: bool,
			score: Permill,
			report: ContentHash,
			salt: H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_reveal_vote(who, id, Vote { pass, score, report }, salt)
		}

		/// End a verification round whose reveal period is over.
		///
		/// - **Origin**: signed by any account.
		/// - Ends the round as the last reveal would: the verdict (or none), slashes of the losing
		///   side and of seats that did not reveal, and the bond lock.
		/// - **Emits**: `VerifierSlashed` per slashed seat; `VerificationConcluded` or
		///   `VerificationInconclusive`.
		/// - **Errors**:
		///   - `NoRound`: no round is requested or open for the dataset.
		///   - `RoundNotExpired`: the verifiers are not drawn yet or the reveal period is running.
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::advance_verification().saturating_add(Pallet::<T>::first_flag_weight()))]
		pub fn advance_verification(origin: OriginFor<T>, id: DatasetId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_advance_verification(id)
		}

		/// Revoke the dataset for cause: it is unusable from now on and what was trained on it
		/// is tainted.
		///
		/// - **Origin**: `T::RevokeOrigin` (governance), or signed by the dataset's owner.
		/// - **Parameters**: `reason`: the hash of the published reason.
		/// - Final: the record, shards and deposit stay (lineage names the dataset). A requested
		///   or open verification round is closed without verdict or slashes. The first time the
		///   dataset is flagged (revoked, or rejected earlier) `T::OnFlagged` is told.
		/// - **Emits**: `Revoked`.
		/// - **Errors**:
		///   - `UnknownDataset`: no dataset has this id.
		///   - `NotOwner`: the caller is neither governance nor the dataset's owner.
		///   - `AlreadyRevoked`: the dataset is revoked already.
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::revoke().saturating_add(Pallet::<T>::first_flag_weight()))]
		pub fn revoke(origin: OriginFor<T>, id: DatasetId, reason: ContentHash) -> DispatchResult {
			let who = match T::RevokeOrigin::try_origin(origin) {
				Ok(_) => None,
				Err(origin) => Some(ensure_signed(origin)?),
			};
			Self::do_revoke(who, id, reason)
		}

		/// Take up to `max_steps` more steps of the taint walk down derivations.
		///
		/// - **Origin**: signed by any account (`on_idle` takes steps too).
		/// - Each step visits one dataset derived from a flagged one and taints it unless it is
		///   flagged already; a newly tainted dataset is unusable, lineage is told of it, and its
		///   own derived datasets are queued. `max_steps` is capped at `MaxTaintFanout`; the
		///   weight charged is for the steps taken.
		/// - **Emits**: `Tainted` per newly tainted dataset; `TaintPropagated`.
		/// - **Errors**:
		///   - `NothingToPropagate`: no flagged dataset has derived datasets left to taint.
		#[pallet::call_index(16)]
		#[pallet::weight(Pallet::<T>::taint_weight((*max_steps).min(T::MaxTaintFanout::get())))]
		pub fn continue_taint(origin: OriginFor<T>, max_steps: u32) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			ensure!(TaintQueue::<T>::iter_keys().next().is_some(), Error::<T>::NothingToPropagate);
			let steps = Self::propagate(max_steps.min(T::MaxTaintFanout::get()));
			Ok(Some(Self::taint_weight(steps)).into())
		}
	}
}
