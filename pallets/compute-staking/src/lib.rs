//! # Compute staking
//!
//! Bonded GPU providers run jobs (inference, evaluation, training, synthetic data) for escrowed
//! payment; results are verified by redundancy with commit-reveal, or by a challenge window, and
//! wrong or silent providers are slashed for real.
//!
//! ## Providers
//! `register_provider` holds a bond (`HoldReason::ProviderBond`, at least `MinProviderBond`) and
//! records a hardware profile, the job kinds served and a capacity (jobs held at once).
//! `bond_more` adds to the bond; `chill`/`unchill` pause claiming; `unbond` stops claiming for
//! good and starts `UnbondingPeriod`, after which `withdraw` releases the bond — once the
//! provider holds no job and has no slash pending. `completed` and `slashed` count its record.
//!
//! ## Jobs
//! `submit_job` holds the payment from the submitter (`HoldReason::JobPayment`) and names the
//! kind, model version (must exist and be usable in `T::Lineage`), datasets (usable in
//! `T::Datasets`), an input commitment (blake2-256 hash + URI), reproducibility parameters
//! (seed; temperature 0 for inference and evaluation; max tokens), a redundancy `r` and a
//! deadline. `cancel_job` refunds a job nobody claimed. Providers `claim` up to their capacity
//! while active; each job needs `r` distinct providers. A claim must be committed within
//! `CommitPeriod` blocks (and by the deadline).
//!
//! ## Results
//! Each assigned provider commits `blake2_256(output_hash ‖ salt)` (64 bytes in), then, once all
//! `r` committed or the deadline passed, reveals `(output_hash, salt)` within `RevealPeriod`.
//! - `r ≥ 2`: an output revealed by more than `r / 2` providers completes the job; providers
//!   that revealed something else or nothing are slashed. Without a majority the job is
//!   `Disputed`: `DisputeOrigin` picks the output (`resolve_dispute`, losers slashed) or
//!   re-opens it with a larger `r` (`reopen_dispute`, nobody slashed).
//! - `r = 1`: the revealed output stands after `ChallengeWindow` blocks. Within the window any
//!   other active provider may `challenge`, holding `ChallengeBond`, and must commit and reveal
//!   its own re-run within `CommitPeriod + RevealPeriod` blocks. Same output: the job completes
//!   and the challenge bond is returned. Different output: `Disputed`, and `DisputeOrigin`
//!   slashes the loser (the provider's bond, or the whole challenge bond). A challenger that
//!   does not reveal in time loses its challenge bond and the job completes.
//! - A claim not committed in time is slashed and the slot re-opens (or, at the deadline, the
//!   job proceeds with what was committed, or is refunded).
//!
//! ## Slashing
//! A provider slash takes `SlashFraction` of its bond at decision time and is applied
//! `SlashDeferral` blocks later (`on_initialize`), to `T::Slash` (the treasury in the runtime).
//! Until then `DisputeOrigin` may `cancel_slash` a mistaken one, and the provider cannot
//! withdraw. `integrity_test` checks `UnbondingPeriod > ChallengeWindow + SlashDeferral`, so a
//! provider that starts unbonding right after a result is still bonded when a challenge of that
//! result ends in a slash (withdrawal also waits for open jobs and pending slashes).
//!
//! ## Payment
//! On completion the payment is released to the submitter and paid on from there: `TreasuryCut`
//! to `T::Treasury`; royalties through `T::DatasetUsage` (each of the job's `n` datasets is one
//! paid use of `payment / n`) and `T::ModelUsage` (one paid use of `payment` for the model
//! version), at the rates those pallets set; the rest goes to the winning providers in equal
//! parts (the rounding rest to the first). Royalties above `MaxRoyaltyShare` of the payment, or a
//! failing royalty hook, undo that payout and the providers get the whole payment instead. The
//! job leaves `Jobs` and a `Receipt` stays; the pallet implements `ComputeReceipts` from it.
//!
//! ## Deadline queue
//! `Deadlines` maps a block to at most `MaxJobsPerBlock` job ids to look at then (deadline,
//! commit-by, reveal end, challenge end); `on_initialize` handles exactly that list. An entry
//! finding its job moved on does nothing.
//!
//! ## Off-chain worker
//! See [`ocw`]: on a provider's node it runs claimed jobs on the operator's own cluster and
//! submits commit and reveal as signed transactions.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod deadlines;
mod disputes;
#[cfg(any(feature = "try-runtime", test))]
mod invariants;
mod jobs;
#[cfg(test)]
mod mock;
pub mod ocw;
mod providers;
mod receipts;
mod results;
mod settle;
mod slashing;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use ocw::crypto;
pub use receipts::{JobView, ProviderView};
pub use types::*;
pub use weights::WeightInfo;

/// Sets up what benchmarks need from the peer pallets (datasets, model versions).
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper {
	/// A usable dataset, the `i`-th one, or `None` when the runtime has no dataset registry.
	fn dataset(i: u32) -> Option<verity_primitives::DatasetId>;
	/// A usable model version, or `None` when the runtime has no model lineage.
	fn model_version() -> Option<verity_primitives::ModelVersionId>;
}

#[cfg(feature = "runtime-benchmarks")]
impl BenchmarkHelper for () {
	fn dataset(_: u32) -> Option<verity_primitives::DatasetId> {
		None
	}
	fn model_version() -> Option<verity_primitives::ModelVersionId> {
		None
	}
}

// The pallet macros' generated code calls `expect` (pallet prefix lookups, "checked by def");
// clippy attributes it to the attributes here. The logic lives in the topic files, linted in full.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::{types::*, WeightInfo};
	use frame_support::{
		pallet_prelude::*,
		traits::{fungible, OnUnbalanced},
	};
	use frame_system::{
		offchain::{AppCrypto, CreateSignedTransaction},
		pallet_prelude::*,
	};
	use sp_core::H256;
	use sp_runtime::{traits::Zero, Perbill, Saturating};
	use verity_primitives::{
		traits::{DatasetInspect, DatasetUsage, LineageInspect, ModelUsage},
		ContentHash, JobId,
	};

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config:
		frame_system::Config<RuntimeEvent: From<Event<Self>>> + CreateSignedTransaction<Call<Self>>
	{
		/// The native currency: bonds, payments and challenge bonds are holds on it.
		type Currency: fungible::Inspect<Self::AccountId>
			+ fungible::Mutate<Self::AccountId>
			+ fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ fungible::BalancedHold<Self::AccountId>;
		/// The runtime's hold reasons.
		type RuntimeHoldReason: From<HoldReason>;
		/// Where slashed bonds go (the treasury in the runtime).
		type Slash: OnUnbalanced<CreditOf<Self>>;
		/// The treasury account, receiving `TreasuryCut` of every payment.
		type Treasury: Get<Self::AccountId>;
		/// Model versions (existence and usability of a job's model).
		type Lineage: LineageInspect;
		/// Datasets (usability of a job's datasets).
		type Datasets: DatasetInspect;
		/// Pays dataset royalties for a completed job.
		type DatasetUsage: DatasetUsage<Self::AccountId, BalanceOf<Self>>;
		/// Pays model royalties for a completed job.
		type ModelUsage: ModelUsage<Self::AccountId, BalanceOf<Self>>;
		/// Decides disputes and may cancel pending slashes.
		type DisputeOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// The key type of the off-chain worker (`crypto::VerityAppCrypto` in the runtime).
		type AuthorityId: AppCrypto<Self::Public, Self::Signature>;

		/// Smallest bond to register and to claim.
		#[pallet::constant]
		type MinProviderBond: Get<BalanceOf<Self>>;
		/// Bond a challenger puts up.
		#[pallet::constant]
		type ChallengeBond: Get<BalanceOf<Self>>;
		/// Smallest payment of a job (it also pays for the job's storage and queue slot).
		#[pallet::constant]
		type MinJobPayment: Get<BalanceOf<Self>>;
		/// Share of the bond one slash takes.
		#[pallet::constant]
		type SlashFraction: Get<Perbill>;
		/// Share of a payment going to the treasury.
		#[pallet::constant]
		type TreasuryCut: Get<Perbill>;
		/// Most of a payment that dataset and model royalties may take together; a payout whose
		/// royalties exceed it is undone and the providers are paid the whole payment instead.
		#[pallet::constant]
		type MaxRoyaltyShare: Get<Perbill>;
		/// Blocks between `unbond` and a possible `withdraw`.
		#[pallet::constant]
		type UnbondingPeriod: Get<BlockNumberFor<Self>>;
		/// Blocks an `r = 1` result can be challenged.
		#[pallet::constant]
		type ChallengeWindow: Get<BlockNumberFor<Self>>;
		/// Blocks between a slash decision and its application.
		#[pallet::constant]
		type SlashDeferral: Get<BlockNumberFor<Self>>;
		/// Blocks a claimant has to commit.
		#[pallet::constant]
		type CommitPeriod: Get<BlockNumberFor<Self>>;
		/// Blocks of the reveal phase.
		#[pallet::constant]
		type RevealPeriod: Get<BlockNumberFor<Self>>;
		/// Furthest a job's deadline may lie ahead.
		#[pallet::constant]
		type MaxJobDuration: Get<BlockNumberFor<Self>>;
		/// Largest redundancy `r`.
		#[pallet::constant]
		type MaxRedundancy: Get<u32>;
		/// Largest provider capacity (jobs held at once).
		#[pallet::constant]
		type MaxCapacity: Get<u32>;
		/// Jobs looked at per block by the deadline queue.
		#[pallet::constant]
		type MaxJobsPerBlock: Get<u32>;
		/// Slashes applied per block.
		#[pallet::constant]
		type MaxSlashesPerBlock: Get<u32>;
		/// Datasets per job.
		#[pallet::constant]
		type MaxDatasets: Get<u32>;
		/// Length of a job's input URI.
		#[pallet::constant]
		type MaxUriLen: Get<u32>;
		/// Length of a GPU model name.
		#[pallet::constant]
		type MaxGpuModelLen: Get<u32>;
		/// Weights of this pallet's calls and hooks, generated by its benchmarks.
		type WeightInfo: WeightInfo;
		/// Creates datasets and model versions for benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: crate::BenchmarkHelper;
	}

	/// Why the pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A provider's bond.
		ProviderBond,
		/// A job's escrowed payment, held on the submitter.
		JobPayment,
		/// A challenger's bond.
		ChallengeBond,
	}

	/// Registered providers.
	#[pallet::storage]
	pub type Providers<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, Provider<T>>;

	/// Jobs each provider holds (claimed or challenged), at most its capacity.
	#[pallet::storage]
	pub type ProviderJobs<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<JobId, T::MaxCapacity>,
		ValueQuery,
	>;

	/// Id of the next job.
	#[pallet::storage]
	pub type NextJobId<T> = StorageValue<_, JobId, ValueQuery>;

	/// Jobs in flight. Completed, cancelled and expired jobs leave.
	#[pallet::storage]
	pub type Jobs<T: Config> = StorageMap<_, Twox64Concat, JobId, Job<T>>;

	/// Completed jobs: who computed what from which inputs.
	#[pallet::storage]
	pub type Receipts<T: Config> = StorageMap<_, Twox64Concat, JobId, Receipt<T>>;

	/// Jobs to look at in a block's `on_initialize`.
	#[pallet::storage]
	pub type Deadlines<T: Config> = StorageMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		BoundedVec<JobId, T::MaxJobsPerBlock>,
		ValueQuery,
	>;

	/// Slashes to apply in a block's `on_initialize`.
	#[pallet::storage]
	pub type SlashQueue<T: Config> = StorageMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		BoundedVec<PendingSlash<T>, T::MaxSlashesPerBlock>,
		ValueQuery,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A provider registered.
		ProviderRegistered { who: T::AccountId, bond: BalanceOf<T>, capacity: u32 },
		/// A provider added to its bond.
		BondIncreased { who: T::AccountId, amount: BalanceOf<T>, bond: BalanceOf<T> },
		/// A provider started unbonding.
		UnbondingStarted { who: T::AccountId, until: BlockNumberFor<T> },
		/// A provider left and got its bond back.
		ProviderWithdrawn { who: T::AccountId, amount: BalanceOf<T> },
		/// A provider paused claiming.
		ProviderChilled { who: T::AccountId },
		/// A provider resumed claiming.
		ProviderUnchilled { who: T::AccountId },
		/// A job was submitted.
		JobSubmitted {
			job: JobId,
			owner: T::AccountId,
			kind: JobKind,
			redundancy: u32,
			payment: BalanceOf<T>,
			deadline: BlockNumberFor<T>,
		},
		/// The owner cancelled an unclaimed job; the payment was refunded.
		JobCancelled { job: JobId },
		/// A provider claimed a job.
		JobClaimed { job: JobId, provider: T::AccountId, commit_by: BlockNumberFor<T> },
		/// A provider committed to its result.
		ResultCommitted { job: JobId, provider: T::AccountId },
		/// The commit phase closed; reveals are accepted until `until`.
		RevealStarted { job: JobId, until: BlockNumberFor<T> },
		/// A provider revealed its output hash.
		ResultRevealed { job: JobId, provider: T::AccountId, output: ContentHash },
		/// An `r = 1` result can be challenged until `until`.
		ChallengeWindowOpened { job: JobId, output: ContentHash, until: BlockNumberFor<T> },
		/// A provider challenged an `r = 1` result.
		JobChallenged { job: JobId, challenger: T::AccountId, until: BlockNumberFor<T> },
		/// A challenger committed to its re-run.
		ChallengeCommitted { job: JobId, challenger: T::AccountId },
		/// A challenger revealed its re-run's output hash.
		ChallengeRevealed { job: JobId, challenger: T::AccountId, output: ContentHash },
		/// The challenger's bond went back to it.
		ChallengeBondReturned { job: JobId, challenger: T::AccountId, amount: BalanceOf<T> },
		/// The challenger's bond was slashed to `T::Slash`.
		ChallengeBondSlashed { job: JobId, challenger: T::AccountId, amount: BalanceOf<T> },
		/// No agreement: the job waits for `DisputeOrigin`.
		JobDisputed { job: JobId },
		/// A job completed and paid out.
		JobCompleted {
			job: JobId,
			output: ContentHash,
			providers: u32,
			provider_share: BalanceOf<T>,
			royalties: BalanceOf<T>,
			treasury: BalanceOf<T>,
		},
		/// A job lost claimants or was re-opened by `DisputeOrigin`; it takes claims again.
		JobReopened { job: JobId, redundancy: u32 },
		/// A job ended without a result; the payment was refunded.
		JobExpired { job: JobId, refunded: BalanceOf<T> },
		/// A slash was decided; it applies at `at` unless cancelled.
		SlashScheduled {
			who: T::AccountId,
			job: JobId,
			amount: BalanceOf<T>,
			cause: SlashCause,
			at: BlockNumberFor<T>,
		},
		/// A slash was applied to a provider's bond.
		ProviderSlashed { who: T::AccountId, job: JobId, amount: BalanceOf<T> },
		/// `DisputeOrigin` cancelled a pending slash.
		SlashCancelled { who: T::AccountId, job: JobId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is already a provider.
		AlreadyProvider,
		/// The account is not a provider.
		NotProvider,
		/// The bond is below `MinProviderBond`.
		BondBelowMinimum,
		/// A provider serves at least one job kind.
		NoJobKinds,
		/// A job kind is listed twice.
		DuplicateJobKind,
		/// Capacity must be between 1 and `MaxCapacity`.
		InvalidCapacity,
		/// The hardware profile names no GPU model or no GPU.
		InvalidHardware,
		/// The amount must not be zero.
		ZeroAmount,
		/// The provider is unbonding.
		ProviderUnbonding,
		/// The provider is already unbonding.
		AlreadyUnbonding,
		/// The provider is not unbonding.
		NotUnbonding,
		/// The unbonding period has not ended.
		StillUnbonding,
		/// The provider still holds jobs.
		HasOpenJobs,
		/// Slashes against the provider are pending.
		HasPendingSlashes,
		/// The provider is chilled.
		ProviderChilled,
		/// The provider is already chilled.
		AlreadyChilled,
		/// The provider is not chilled.
		NotChilled,
		/// Redundancy must be between 1 and `MaxRedundancy`.
		InvalidRedundancy,
		/// The deadline is not after the current block.
		DeadlineInPast,
		/// The deadline lies more than `MaxJobDuration` ahead.
		DeadlineTooFar,
		/// The payment is below `MinJobPayment`.
		PaymentTooLow,
		/// Inference and evaluation run greedy: temperature must be 0.
		NonZeroTemperature,
		/// The model version is not registered.
		UnknownModelVersion,
		/// The model version may not be used (revoked).
		ModelVersionNotUsable,
		/// A dataset is unknown, retired or unverified.
		DatasetNotUsable,
		/// A dataset is listed twice.
		DuplicateDataset,
		/// The input URI is empty.
		EmptyInputUri,
		/// The deadline queue is full around that block; pick another deadline.
		DeadlineQueueFull,
		/// No such job.
		UnknownJob,
		/// Only the job's owner may do this.
		NotJobOwner,
		/// The job has been claimed already.
		JobAlreadyClaimed,
		/// The job takes no claims now.
		JobNotOpen,
		/// The job's deadline has passed.
		DeadlinePassed,
		/// The provider does not serve this job kind.
		KindNotServed,
		/// The provider holds as many jobs as its capacity.
		OverCapacity,
		/// The provider's bond fell below `MinProviderBond`; bond more first.
		BondTooLow,
		/// The provider already holds this job.
		AlreadyClaimed,
		/// The caller is not assigned to this job (nor its challenger).
		NotAssigned,
		/// The job is not taking commitments.
		NotCommitPhase,
		/// The caller already committed.
		AlreadyCommitted,
		/// The caller's commit period has passed.
		CommitTooLate,
		/// The job is not taking reveals.
		NotRevealPhase,
		/// The reveal phase has ended.
		RevealTooLate,
		/// The caller never committed.
		NotCommitted,
		/// The caller already revealed.
		AlreadyRevealed,
		/// `blake2_256(output ‖ salt)` does not equal the commitment.
		RevealMismatch,
		/// Only `r = 1` results in their challenge window can be challenged.
		NotChallengeable,
		/// The challenge window has ended.
		ChallengeWindowClosed,
		/// The assigned provider cannot challenge its own result.
		CannotChallengeOwnResult,
		/// The job is not disputed.
		NotDisputed,
		/// Nobody revealed that output for this job.
		OutputNotRevealed,
		/// A re-opened job needs a larger redundancy.
		RedundancyNotLarger,
		/// No pending slash at that block and index.
		UnknownSlash,
		/// The slash queue is full around that block.
		SlashQueueFull,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			let slashes = Self::apply_due_slashes(now);
			let jobs = Self::process_deadlines(now);
			let per_jobs = T::WeightInfo::on_initialize_expire(jobs).max(
				T::WeightInfo::on_initialize_finalize(jobs)
					.saturating_add(Self::royalty_weight().saturating_mul(jobs.into())),
			);
			T::WeightInfo::on_initialize_slashes(slashes).saturating_add(per_jobs)
		}

		fn offchain_worker(now: BlockNumberFor<T>) {
			crate::ocw::run::<T>(now);
		}

		fn integrity_test() {
			assert!(
				T::UnbondingPeriod::get()
					> T::ChallengeWindow::get().saturating_add(T::SlashDeferral::get()),
				"UnbondingPeriod must exceed ChallengeWindow + SlashDeferral"
			);
			let shares = [T::TreasuryCut::get(), T::MaxRoyaltyShare::get()]
				.iter()
				.map(|p| u64::from(p.deconstruct()))
				.sum::<u64>();
			assert!(
				shares < u64::from(Perbill::one().deconstruct()),
				"treasury cut and royalties must leave a provider share"
			);
			assert!(T::MaxRedundancy::get() >= 1, "MaxRedundancy must be at least 1");
			assert!(T::MaxCapacity::get() >= 1, "MaxCapacity must be at least 1");
			assert!(T::MaxJobsPerBlock::get() >= 1, "MaxJobsPerBlock must be at least 1");
			assert!(T::MaxSlashesPerBlock::get() >= 1, "MaxSlashesPerBlock must be at least 1");
			assert!(!T::CommitPeriod::get().is_zero(), "CommitPeriod must not be zero");
			assert!(!T::RevealPeriod::get().is_zero(), "RevealPeriod must not be zero");
			assert!(!T::MinProviderBond::get().is_zero(), "MinProviderBond must not be zero");
			assert!(!T::ChallengeBond::get().is_zero(), "ChallengeBond must not be zero");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	impl<T: Config> Pallet<T> {
		/// The royalty hooks' own worst case for one payout (`MaxDatasets` dataset uses and one
		/// model use), added to the benchmarked weights, which cannot know the runtime's hooks.
		pub fn royalty_weight() -> Weight {
			T::DatasetUsage::record_usage_weight()
				.saturating_mul(T::MaxDatasets::get().into())
				.saturating_add(T::ModelUsage::record_usage_weight())
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register as a provider, holding `bond`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_provider())]
		pub fn register_provider(
			origin: OriginFor<T>,
			bond: BalanceOf<T>,
			hardware: HardwareProfile<T::MaxGpuModelLen>,
			kinds: KindSet,
			capacity: u32,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_register(who, bond, hardware, kinds, capacity)
		}

		/// Add `amount` to the caller's bond.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::bond_more())]
		pub fn bond_more(origin: OriginFor<T>, amount: BalanceOf<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_bond_more(who, amount)
		}

		/// Stop claiming for good and start the unbonding period.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::unbond())]
		pub fn unbond(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_unbond(who)
		}

		/// After the unbonding period, with no job held and no slash pending: take the bond back.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::withdraw())]
		pub fn withdraw(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw(who)
		}

		/// Pause claiming (held jobs continue).
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::chill())]
		pub fn chill(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_chill(who)
		}

		/// Resume claiming.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::unchill())]
		pub fn unchill(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_unchill(who)
		}

		/// Submit a job, holding its payment.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::submit_job(spec.datasets.len() as u32))]
		pub fn submit_job(origin: OriginFor<T>, spec: JobSpec<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_submit(who, spec).map(|_| ())
		}

		/// Cancel a job nobody claimed; the payment is refunded.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::cancel_job())]
		pub fn cancel_job(origin: OriginFor<T>, job: JobId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_cancel(who, job)
		}

		/// Take one of a job's `r` slots.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::claim(T::MaxRedundancy::get()))]
		pub fn claim(origin: OriginFor<T>, job: JobId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_claim(who, job)
		}

		/// Commit to a result: `commitment = blake2_256(output_hash ‖ salt)`.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::commit(T::MaxRedundancy::get()))]
		pub fn commit(origin: OriginFor<T>, job: JobId, commitment: H256) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_commit(who, job, commitment)
		}

		/// Reveal the committed output hash and salt.
		#[pallet::call_index(10)]
		#[pallet::weight(
			T::WeightInfo::reveal(T::MaxRedundancy::get(), T::MaxDatasets::get())
				.saturating_add(Pallet::<T>::royalty_weight())
		)]
		pub fn reveal(
			origin: OriginFor<T>,
			job: JobId,
			output: ContentHash,
			salt: H256,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let shape = Self::reveal_shape(job);
			Self::do_reveal(who, job, output, salt)?;
			Ok(Self::reveal_weight_used(job, shape).into())
		}

		/// Challenge an `r = 1` result within its window, holding `ChallengeBond`.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::challenge())]
		pub fn challenge(origin: OriginFor<T>, job: JobId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_challenge(who, job)
		}

		/// Settle a disputed job on `output`: its revealers win and are paid, the others lose.
		#[pallet::call_index(12)]
		#[pallet::weight(
			T::WeightInfo::resolve_dispute(T::MaxRedundancy::get(), T::MaxDatasets::get())
				.saturating_add(Pallet::<T>::royalty_weight())
		)]
		pub fn resolve_dispute(
			origin: OriginFor<T>,
			job: JobId,
			output: ContentHash,
		) -> DispatchResult {
			T::DisputeOrigin::ensure_origin(origin)?;
			Self::do_resolve(job, output)
		}

		/// Re-open a disputed job with a larger redundancy and a new deadline; nobody is slashed.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::reopen_dispute(T::MaxRedundancy::get()))]
		pub fn reopen_dispute(
			origin: OriginFor<T>,
			job: JobId,
			redundancy: u32,
			deadline: BlockNumberFor<T>,
		) -> DispatchResult {
			T::DisputeOrigin::ensure_origin(origin)?;
			Self::do_reopen(job, redundancy, deadline)
		}

		/// Cancel the pending slash at position `index` of block `at`'s queue.
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::cancel_slash(T::MaxSlashesPerBlock::get()))]
		pub fn cancel_slash(
			origin: OriginFor<T>,
			at: BlockNumberFor<T>,
			index: u32,
		) -> DispatchResult {
			T::DisputeOrigin::ensure_origin(origin)?;
			Self::do_cancel_slash(at, index)
		}
	}
}
