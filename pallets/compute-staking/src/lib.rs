//! # Compute staking
//!
//! Bonded GPU providers run jobs (inference, evaluation, training, synthetic data) for escrowed
//! payment. Nobody picks their own seat: the chain draws the providers of every job at random,
//! weighted by bond; results go through commit-reveal bound to (domain, job, provider); wrong or
//! silent providers are slashed for real; payment flows straight out of the submitter's hold.
//!
//! ## Providers and the pool
//! `register_provider` holds a bond (`HoldReason::ProviderBond`, at least `MinProviderBond`) and
//! records a hardware profile, the job kinds served and a capacity (jobs held at once). Active
//! providers with at least `MinProviderBond` stand in the bounded [`Pool`] the draws read
//! (`MaxPoolSize` entries). When the pool is full a newcomer enters only by out-bonding the
//! smallest entry, which leaves the pool (`ProviderEvicted`) until it bonds more: filling the pool
//! with minimum-bond accounts does not lock out a better-bonded provider. `bond_more`, `chill` /
//! `unchill` and `unbond` keep the pool in step; after `UnbondingPeriod`, `withdraw` releases the
//! bond once the provider holds no job and has no slash pending.
//!
//! ## Jobs and the draw
//! `submit_job` holds the payment from the submitter (`HoldReason::JobPayment`), checks the model
//! version and datasets (`T::Lineage`, `T::Datasets`) and snapshots their royalty rates: a rate
//! raised later is never charged, and rates whose sum could exceed `MaxRoyaltyShare` are refused
//! (`RoyaltiesTooHigh`). The job waits in `Drawing` until the next block; only then does the
//! deadline queue draw its `r` seats with [`verity_primitives::draw::draw_weighted`] over the
//! pool entries serving the kind, with a free slot and enough bond, excluding the submitter. The
//! seed is `T::Randomness` of the drawing block, which the submitter cannot know when it signs;
//! `cancel_job` is possible only before the draw. Splitting stake over accounts buys no extra
//! chance of a seat (each draw is proportional to bond), and the submitter can never serve its
//! own job. See `docs/randomness.md` for what a block author can bias.
//!
//! ## Results
//! Each seat commits [`commitment_of`]`(job, provider, output, salt)` =
//! `commitment(COMPUTE_RESULT, job, provider, output, salt)` before its `commit_by` (exclusive),
//! `CommitPeriod` blocks after the draw, plus one block per `InferenceTokensPerBlock` of the job's
//! `max_tokens` so a long generation has time to finish (`TrainingCommitPeriod` for training,
//! long enough for a cluster run, and the most any seat gets). A job's deadline must leave its
//! seats that whole period after the draw (`DeadlineTooSoon`). A copied commitment opens only for
//! its maker, and never for another job. When every seat committed, reveals run until
//! `until = now + RevealPeriod` (exclusive).
//! - A seat that does not commit in time is slashed (`Silent`) and replaced by a fresh draw while
//!   the job's deadline allows; one that does not reveal is slashed (`Silent`).
//! - `r ≥ 2`: an output revealed by more than half of the drawn seats completes the job.
//! - `r = 1`: with probability `SpotCheckChance` (`p`, drawn after the reveal) a second provider is
//!   drawn to re-run the job (`SpotCheck`); the result stands when it agrees, and the vote
//!   escalates when it does not. Unchecked, the single result completes the job at once.
//! - No majority: **escalation** draws `seats + 1` fresh providers, so the new vote has a strict
//!   majority of honest re-runs whenever the fresh draw is honest. Without majority after that
//!   the job is `Disputed` for `DisputePeriod` blocks: `DisputeOrigin` may `resolve_dispute` on a
//!   revealed output; otherwise the default outcome is a refund, with nobody slashed for the
//!   disagreement (silent seats were already slashed).
//! - A provider whose fetched input does not hash to the job's input hash commits
//!   [`BAD_INPUT`]. When that wins the vote the job ends without a receipt and without royalties,
//!   the providers are paid: switching an input after the draw costs the submitter the payment
//!   and slashes nobody honest.
//!
//! ## Slashing, and why cheating does not pay
//! A silent seat loses `SlashFraction` of its bond. A wrong output loses the larger of that and
//! `2 × payment / p`, capped by the bond; `r = 1` jobs are drawn only among providers whose bond
//! covers `2 × payment / p`, and a job no pooled bond covers needs more redundancy
//! (`NeedsRedundancy`). A provider holding a share `s` of the eligible stake that returns a
//! made-up `r = 1` result is caught with probability `p × (1 − s)` (an honest checker drawn), so
//! its expected gain is at most `payment × (1 − (1 − s) × 2) < 0` for every `s < 1/2`; see
//! [`slashing::cheating_gain`] and its tests. Slashes are applied `SlashDeferral` blocks later
//! unless `DisputeOrigin` cancels them by id (`cancel_slash`); `integrity_test` checks that the
//! unbonding period outlasts a job's longest life plus the deferral.
//!
//! ## Payment
//! On completion the payment is paid straight out of the submitter's hold (`transfer_on_hold`,
//! forced, so a freeze on the submitter's balance cannot keep it): `TreasuryCut` to
//! `T::Treasury`; dataset royalties (each of `n` datasets for `payment / n`) and the model royalty,
//! at the snapshotted rates, to the payees `T::DatasetUsage` / `T::ModelUsage` name, skipping the
//! submitter's own shares (which go to the providers instead of back to the submitter); the rest
//! to the winning providers in equal parts (the rounding rest to the first). The job leaves `Jobs`
//! and a `Receipt` (with owner and kind) stays; the pallet implements `ComputeReceipts` from it.
//!
//! ## Deadline queue
//! Each job has exactly one entry in [`Deadlines`], keyed (block, job), moved when the job moves
//! and removed when it ends, so scheduling never fails and cancelled jobs leave nothing behind.
//! `on_initialize` works through due entries oldest first, at most `MaxJobsPerBlock` a block,
//! carrying the rest over; anyone may `poke` a job whose due block has passed, so no job can be
//! stranded however full the queue is.
//!
//! ## Off-chain worker
//! See [`ocw`]: on a provider's node it serves the seats its keys are drawn for, unattended: runs
//! the job on the operator's own cluster, commits and reveals as signed transactions.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod deadlines;
// Also built with `std`: the fuzzer (`fuzz/`) checks them after every block.
#[cfg(any(feature = "try-runtime", feature = "std", test))]
mod invariants;
mod jobs;
#[cfg(test)]
mod mock;
pub mod ocw;
mod pool;
mod providers;
mod receipts;
mod results;
mod settle;
pub mod slashing;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use ocw::crypto;
pub use receipts::{JobView, ProviderView};
pub use results::{commitment_of, BAD_INPUT};
pub use types::*;
pub use weights::WeightInfo;

/// Sets up what benchmarks need from the peer pallets (datasets, model versions).
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// A usable dataset, the `i`-th one, or `None` when the runtime has no dataset registry.
	fn dataset(i: u32) -> Option<verity_primitives::DatasetId>;
	/// A usable model version, or `None` when the runtime has no model lineage.
	fn model_version() -> Option<verity_primitives::ModelVersionId>;
	/// `T::Treasury`'s account when every signed extrinsic's transaction fee already credits
	/// it (the runtime's fees go there): the settlement's treasury cut then adds no storage
	/// access of its own, and the benchmarks whitelist it like the caller's.
	fn fee_account() -> Option<AccountId> {
		None
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl<AccountId> BenchmarkHelper<AccountId> for () {
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
		traits::{fungible, OnUnbalanced, Randomness},
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
		/// The native currency: bonds and payments are holds on it.
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
		/// Seeds the draws of seats and spot checks (see `docs/randomness.md`).
		type Randomness: Randomness<H256, BlockNumberFor<Self>>;
		/// Model versions (existence and usability of a job's model).
		type Lineage: LineageInspect;
		/// Datasets (usability of a job's datasets).
		type Datasets: DatasetInspect;
		/// Dataset royalties: rates and payees.
		type DatasetUsage: DatasetUsage<Self::AccountId, BalanceOf<Self>>;
		/// Model royalties: rates and payees.
		type ModelUsage: ModelUsage<Self::AccountId, BalanceOf<Self>>;
		/// Settles disputes within `DisputePeriod` and may cancel pending slashes.
		type DisputeOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// The key type of the off-chain worker (`crypto::VerityAppCrypto` in the runtime).
		type AuthorityId: AppCrypto<Self::Public, Self::Signature>;

		/// Smallest bond to register and to be drawn.
		#[pallet::constant]
		type MinProviderBond: Get<BalanceOf<Self>>;
		/// Smallest payment of a job (it also pays for the job's storage, queue entry and receipt).
		#[pallet::constant]
		type MinJobPayment: Get<BalanceOf<Self>>;
		/// Share of the bond a silent seat loses (and the least a wrong output loses).
		#[pallet::constant]
		type SlashFraction: Get<Perbill>;
		/// Chance `p` that an `r = 1` result is re-run by a second drawn provider.
		#[pallet::constant]
		type SpotCheckChance: Get<Perbill>;
		/// Share of a payment going to the treasury.
		#[pallet::constant]
		type TreasuryCut: Get<Perbill>;
		/// Most of a payment that dataset and model royalties may take together, checked on the
		/// rates snapshotted at submission.
		#[pallet::constant]
		type MaxRoyaltyShare: Get<Perbill>;
		/// Blocks between `unbond` and a possible `withdraw`.
		#[pallet::constant]
		type UnbondingPeriod: Get<BlockNumberFor<Self>>;
		/// Blocks between a slash decision and its application.
		#[pallet::constant]
		type SlashDeferral: Get<BlockNumberFor<Self>>;
		/// Blocks a drawn seat has to compute and commit (inference, evaluation, synthetic data).
		#[pallet::constant]
		type CommitPeriod: Get<BlockNumberFor<Self>>;
		/// Blocks a drawn seat has to train and commit; also the most any seat is given.
		#[pallet::constant]
		type TrainingCommitPeriod: Get<BlockNumberFor<Self>>;
		/// Tokens a seat is expected to generate per block: an inference, evaluation or
		/// synthetic-data seat gets one block more than `CommitPeriod` for every this many of
		/// the job's `max_tokens` (at most `TrainingCommitPeriod` in all).
		#[pallet::constant]
		type InferenceTokensPerBlock: Get<u32>;
		/// Blocks of the reveal phase.
		#[pallet::constant]
		type RevealPeriod: Get<BlockNumberFor<Self>>;
		/// Blocks `DisputeOrigin` has to settle a disputed job before it is refunded.
		#[pallet::constant]
		type DisputePeriod: Get<BlockNumberFor<Self>>;
		/// Furthest a job's deadline may lie ahead.
		#[pallet::constant]
		type MaxJobDuration: Get<BlockNumberFor<Self>>;
		/// Largest redundancy `r`.
		#[pallet::constant]
		type MaxRedundancy: Get<u32>;
		/// Largest provider capacity (jobs held at once).
		#[pallet::constant]
		type MaxCapacity: Get<u32>;
		/// Most providers in the pool the draws read.
		#[pallet::constant]
		type MaxPoolSize: Get<u32>;
		/// Due jobs handled per block by `on_initialize` (the rest wait or are poked).
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
		type BenchmarkHelper: crate::BenchmarkHelper<Self::AccountId>;
	}

	/// Why the pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A provider's bond.
		ProviderBond,
		/// A job's escrowed payment, held on the submitter.
		JobPayment,
	}

	/// Registered providers.
	#[pallet::storage]
	pub type Providers<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, Provider<T>>;

	/// The providers the draws read: active, bonded at least `MinProviderBond`.
	#[pallet::storage]
	pub type Pool<T: Config> =
		StorageValue<_, BoundedVec<PoolEntry<T>, T::MaxPoolSize>, ValueQuery>;

	/// Jobs each provider holds a seat in, at most its capacity.
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

	/// Completed jobs: who computed what from which inputs, for whom.
	#[pallet::storage]
	pub type Receipts<T: Config> = StorageMap<_, Twox64Concat, JobId, Receipt<T>>;

	/// The deadline queue: one entry per job in flight, at the block it is next due.
	#[pallet::storage]
	pub type Deadlines<T: Config> =
		StorageDoubleMap<_, Twox64Concat, BlockNumberFor<T>, Twox64Concat, JobId, ()>;

	/// The oldest block whose due entries may not all be handled yet.
	#[pallet::storage]
	pub type QueueCursor<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

	/// Id of the next slash.
	#[pallet::storage]
	pub type NextSlashId<T> = StorageValue<_, SlashId, ValueQuery>;

	/// Slashes to apply in a block's `on_initialize`.
	#[pallet::storage]
	pub type SlashQueue<T: Config> = StorageMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		BoundedVec<PendingSlash<T>, T::MaxSlashesPerBlock>,
		ValueQuery,
	>;

	/// The block each pending slash is queued at, by id.
	#[pallet::storage]
	pub type SlashAt<T: Config> = StorageMap<_, Twox64Concat, SlashId, BlockNumberFor<T>>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A provider registered.
		ProviderRegistered { who: T::AccountId, bond: BalanceOf<T>, capacity: u32 },
		/// A provider added to its bond.
		BondIncreased { who: T::AccountId, amount: BalanceOf<T>, bond: BalanceOf<T> },
		/// A provider left the full pool to a better-bonded one; it re-enters by bonding more.
		ProviderEvicted { who: T::AccountId, by: T::AccountId },
		/// A provider started unbonding.
		UnbondingStarted { who: T::AccountId, until: BlockNumberFor<T> },
		/// A provider left and got its bond back.
		ProviderWithdrawn { who: T::AccountId, amount: BalanceOf<T> },
		/// A provider paused being drawn.
		ProviderChilled { who: T::AccountId },
		/// A provider can be drawn again.
		ProviderUnchilled { who: T::AccountId },
		/// A job was submitted; its seats are drawn from block `draw_at` on.
		JobSubmitted {
			job: JobId,
			owner: T::AccountId,
			kind: JobKind,
			redundancy: u32,
			payment: BalanceOf<T>,
			deadline: BlockNumberFor<T>,
			draw_at: BlockNumberFor<T>,
		},
		/// The owner cancelled a job before its draw; the payment was refunded.
		JobCancelled { job: JobId },
		/// A provider was drawn for a seat; it commits before `commit_by` (exclusive).
		SeatAssigned {
			job: JobId,
			provider: T::AccountId,
			role: SeatRole,
			commit_by: BlockNumberFor<T>,
		},
		/// A provider committed to its result.
		ResultCommitted { job: JobId, provider: T::AccountId },
		/// Every seat committed; reveals are accepted before `until` (exclusive).
		RevealStarted { job: JobId, until: BlockNumberFor<T> },
		/// A provider revealed its output hash.
		ResultRevealed { job: JobId, provider: T::AccountId, output: ContentHash },
		/// The last reveal found a majority for `output`; the job settles on it at `settles_at`
		/// (`JobCompleted` or `InputRejected` then).
		JobDecided { job: JobId, output: ContentHash, settles_at: BlockNumberFor<T> },
		/// A vote without majority drew `seats` more providers.
		JobEscalated { job: JobId, seats: u32 },
		/// No majority after escalation: `DisputeOrigin` may settle before `until` (exclusive).
		JobDisputed { job: JobId, until: BlockNumberFor<T> },
		/// A job completed and paid out. `checked`: more than one provider computed the output.
		JobCompleted {
			job: JobId,
			output: ContentHash,
			providers: u32,
			checked: bool,
			provider_share: BalanceOf<T>,
			royalties: BalanceOf<T>,
			treasury: BalanceOf<T>,
		},
		/// The providers agreed the input did not match its hash: no receipt, no royalties; the
		/// payment went to the providers.
		InputRejected { job: JobId, providers: u32, provider_share: BalanceOf<T> },
		/// A job ended without a result; the payment was refunded.
		JobExpired { job: JobId, refunded: BalanceOf<T> },
		/// A slash was decided; it applies at `at` unless cancelled by its id.
		SlashScheduled {
			id: SlashId,
			who: T::AccountId,
			job: JobId,
			amount: BalanceOf<T>,
			cause: SlashCause,
			at: BlockNumberFor<T>,
		},
		/// A slash was applied to a provider's bond.
		ProviderSlashed { who: T::AccountId, job: JobId, amount: BalanceOf<T> },
		/// `DisputeOrigin` cancelled a pending slash.
		SlashCancelled { id: SlashId, who: T::AccountId, job: JobId },
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
		/// The pool is full and the bond does not exceed its smallest entry's.
		PoolFull,
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
		/// The provider is already chilled.
		AlreadyChilled,
		/// The provider is not chilled.
		NotChilled,
		/// Redundancy must be between 1 and `MaxRedundancy`.
		InvalidRedundancy,
		/// The deadline is not after the draw's block.
		DeadlineInPast,
		/// The deadline lies more than `MaxJobDuration` ahead.
		DeadlineTooFar,
		/// The deadline leaves the seats less than the job's commit period after the draw.
		DeadlineTooSoon,
		/// The payment is below `MinJobPayment`.
		PaymentTooLow,
		/// No pooled provider's bond covers the slash an `r = 1` job of this payment needs
		/// (`2 × payment / SpotCheckChance`): use more redundancy.
		NeedsRedundancy,
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
		/// The snapshotted royalty rates could take more than `MaxRoyaltyShare` of the payment.
		RoyaltiesTooHigh,
		/// The input URI is empty.
		EmptyInputUri,
		/// No such job.
		UnknownJob,
		/// Only the job's owner may do this.
		NotJobOwner,
		/// The job's seats are drawn already: it can no longer be cancelled.
		AlreadyDrawn,
		/// The job's draw block has come: its seats can no longer be refused by cancelling.
		DrawDue,
		/// The caller holds no seat in this job.
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
		/// The revealed output and salt do not open the caller's commitment for this job.
		RevealMismatch,
		/// The job is not disputed.
		NotDisputed,
		/// The dispute period is over; the job is refunded by the deadline queue.
		DisputeOver,
		/// Nobody revealed that output for this job.
		OutputNotRevealed,
		/// The job is not due yet: nothing to advance.
		NotDue,
		/// No pending slash has that id.
		UnknownSlash,
		/// Job ids are exhausted.
		NoMoreIds,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			let slashes = Self::apply_due_slashes(now);
			let (jobs, scanned) = Self::process_deadlines(now);
			T::WeightInfo::on_initialize_slashes(slashes)
				.saturating_add(T::WeightInfo::on_initialize_scan(scanned))
				.saturating_add(jobs)
		}

		fn offchain_worker(now: BlockNumberFor<T>) {
			crate::ocw::run::<T>(now);
		}

		fn integrity_test() {
			// The deadline, then three more rounds at most (spot check, escalation, and the
			// round in flight at the deadline), then a dispute.
			let round = T::TrainingCommitPeriod::get()
				.max(T::CommitPeriod::get())
				.saturating_add(T::RevealPeriod::get());
			let longest_job = T::MaxJobDuration::get()
				.saturating_add(round.saturating_mul(3u32.into()))
				.saturating_add(T::DisputePeriod::get());
			assert!(
				T::UnbondingPeriod::get() > longest_job.saturating_add(T::SlashDeferral::get()),
				"UnbondingPeriod must outlast a job's longest life plus SlashDeferral"
			);
			let shares = [T::TreasuryCut::get(), T::MaxRoyaltyShare::get()]
				.iter()
				.map(|p| u64::from(p.deconstruct()))
				.sum::<u64>();
			assert!(
				shares < u64::from(Perbill::one().deconstruct()),
				"treasury cut and royalties must leave a provider share"
			);
			assert!(!T::SpotCheckChance::get().is_zero(), "SpotCheckChance must not be zero");
			assert!(T::MaxRedundancy::get() >= 1, "MaxRedundancy must be at least 1");
			assert!(T::MaxCapacity::get() >= 1, "MaxCapacity must be at least 1");
			assert!(T::MaxPoolSize::get() >= 1, "MaxPoolSize must be at least 1");
			assert!(T::MaxJobsPerBlock::get() >= 1, "MaxJobsPerBlock must be at least 1");
			assert!(T::MaxSlashesPerBlock::get() >= 1, "MaxSlashesPerBlock must be at least 1");
			assert!(!T::CommitPeriod::get().is_zero(), "CommitPeriod must not be zero");
			assert!(!T::TrainingCommitPeriod::get().is_zero(), "TrainingCommitPeriod is zero");
			assert!(T::InferenceTokensPerBlock::get() >= 1, "InferenceTokensPerBlock is zero");
			// Every job's commit period must fit before some accepted deadline.
			assert!(
				T::MaxJobDuration::get()
					> T::TrainingCommitPeriod::get().max(T::CommitPeriod::get()),
				"MaxJobDuration must exceed the longest commit period"
			);
			assert!(!T::RevealPeriod::get().is_zero(), "RevealPeriod must not be zero");
			assert!(!T::DisputePeriod::get().is_zero(), "DisputePeriod must not be zero");
			assert!(!T::MinProviderBond::get().is_zero(), "MinProviderBond must not be zero");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	impl<T: Config> Pallet<T> {
		/// The royalty hooks' worst case for one payout (`MaxDatasets` dataset uses and one
		/// model use) above the base size `settle`'s benchmark already ran them at.
		pub fn royalty_weight() -> Weight {
			Self::royalty_bound(T::MaxDatasets::get(), true)
		}

		/// The most one due job can cost the deadline queue: a draw over the full pool, or a
		/// settlement at the largest size with its royalty hooks.
		pub fn job_step_weight() -> Weight {
			T::WeightInfo::draw_seats(T::MaxPoolSize::get(), T::MaxRedundancy::get())
				.max(
					T::WeightInfo::settle(MaxSeatsOf::<T>::get(), T::MaxDatasets::get())
						.saturating_add(Self::royalty_weight()),
				)
				.max(T::WeightInfo::expire(MaxSeatsOf::<T>::get()))
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register the caller as a compute provider and enter the draw pool.
		///
		/// - **Origin**: signed by any account that is not a provider yet.
		/// - Holds `bond` (`HoldReason::ProviderBond`). When the pool (`MaxPoolSize`) is full, the
		///   caller enters only by out-bonding the smallest entry, which leaves the pool (its bond
		///   stays held).
		/// - **Parameters**:
		///   - `bond`: at least `MinProviderBond`.
		///   - `hardware`: GPU model (not empty), memory per GPU and GPU count (at least 1).
		///   - `kinds`: the job kinds served, at least one, none twice.
		///   - `capacity`: jobs held at once, 1 to `MaxCapacity`.
		/// - **Emits**: `ProviderRegistered`; `ProviderEvicted` when it took a full pool's smallest
		///   entry's place.
		/// - **Errors**:
		///   - `AlreadyProvider`: the caller is a provider already.
		///   - `BondBelowMinimum`: `bond` is below `MinProviderBond`.
		///   - `ZeroAmount`: `bond` is zero (reachable only where `MinProviderBond` is zero).
		///   - `NoJobKinds`: `kinds` is empty.
		///   - `DuplicateJobKind`: `kinds` lists a kind twice.
		///   - `InvalidCapacity`: `capacity` is 0 or above `MaxCapacity`.
		///   - `InvalidHardware`: no GPU model or no GPU.
		///   - `PoolFull`: the pool is full and `bond` does not exceed its smallest entry's.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_provider(T::MaxPoolSize::get()))]
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

		/// Add `amount` to the caller's provider bond.
		///
		/// - **Origin**: signed by a provider that is not unbonding.
		/// - Holds `amount` more. An active provider out of a full pool (evicted earlier) re-enters
		///   it when its bond now exceeds the smallest entry's, which is evicted.
		/// - **Emits**: `BondIncreased`; `ProviderEvicted` when it re-entered a full pool.
		/// - **Errors**:
		///   - `NotProvider`: the caller is not a provider.
		///   - `ZeroAmount`: `amount` is zero.
		///   - `ProviderUnbonding`: the provider is unbonding.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::bond_more(T::MaxPoolSize::get()))]
		pub fn bond_more(origin: OriginFor<T>, amount: BalanceOf<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_bond_more(who, amount)
		}

		/// Leave the pool for good and start the unbonding period.
		///
		/// - **Origin**: signed by a provider.
		/// - The provider is no longer drawn; seats it holds continue, and slashes still apply.
		///   `withdraw` releases the bond after `UnbondingPeriod` blocks; there is no way back
		///   short of withdrawing and registering again.
		/// - **Emits**: `UnbondingStarted` (with the block from which `withdraw` is allowed).
		/// - **Errors**:
		///   - `NotProvider`: the caller is not a provider.
		///   - `AlreadyUnbonding`: the provider is unbonding already.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::unbond(T::MaxPoolSize::get()))]
		pub fn unbond(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_unbond(who)
		}

		/// Take the bond back after the unbonding period, and stop being a provider.
		///
		/// - **Origin**: signed by an unbonding provider.
		/// - Releases what slashes left of the bond and removes the provider record.
		/// - **Emits**: `ProviderWithdrawn`.
		/// - **Errors**:
		///   - `NotProvider`: the caller is not a provider.
		///   - `NotUnbonding`: the provider has not called `unbond`.
		///   - `StillUnbonding`: the unbonding period has not ended.
		///   - `HasOpenJobs`: the provider still holds seats in jobs.
		///   - `HasPendingSlashes`: slashes against the provider are still pending.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::withdraw())]
		pub fn withdraw(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw(who)
		}

		/// Stop being drawn for new seats; seats already held continue.
		///
		/// - **Origin**: signed by an active provider.
		/// - Leaves the pool; the bond stays held. `unchill` undoes it.
		/// - **Emits**: `ProviderChilled`.
		/// - **Errors**:
		///   - `NotProvider`: the caller is not a provider.
		///   - `AlreadyChilled`: the provider is chilled already.
		///   - `ProviderUnbonding`: the provider is unbonding.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::chill(T::MaxPoolSize::get()))]
		pub fn chill(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_chill(who)
		}

		/// Be drawn again after `chill`.
		///
		/// - **Origin**: signed by a chilled provider.
		/// - Re-enters the pool (when bonded at least `MinProviderBond`); a full pool admits it
		///   only when its bond exceeds the smallest entry's, which is evicted.
		/// - **Emits**: `ProviderUnchilled`; `ProviderEvicted` when it took a full pool's smallest
		///   entry's place.
		/// - **Errors**:
		///   - `NotProvider`: the caller is not a provider.
		///   - `NotChilled`: the provider is not chilled.
		///   - `ProviderUnbonding`: the provider is unbonding.
		///   - `PoolFull`: the pool is full and the bond does not exceed its smallest entry's.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::unchill(T::MaxPoolSize::get()))]
		pub fn unchill(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_unchill(who)
		}

		/// Submit a compute job; its providers are drawn from the pool in a later block.
		///
		/// - **Origin**: signed by any account, the job's owner (never drawn for its own job).
		/// - Holds `spec.payment` (`HoldReason::JobPayment`) and snapshots the model's and
		///   datasets' royalty rates. On completion the payment is paid out of the hold:
		///   `TreasuryCut` to the treasury, royalties at no more than the snapshotted rates, the
		///   rest to the winning providers. It is refunded when the job ends without result.
		///   `cancel_job` is possible until the draw.
		/// - **Weight**: the submission pays for the job's settlement too, which the deadline queue
		///   runs after the deciding reveal: the settlement at the job's `redundancy` seats (2 for
		///   `redundancy = 1`, with the spot-checker), with its royalty lookups run once here and
		///   charged at the datasets' and model's own sizes (declared at their worst case,
		///   refunded to that).
		/// - **Parameters** (`spec`):
		///   - `redundancy`: providers drawn, 1 to `MaxRedundancy`; an `r = 1` result may be
		///     spot-checked.
		///   - `deadline`: last block for commitments; at least the job's commit period after the
		///     next block, at most `MaxJobDuration` blocks ahead.
		///   - `params.temperature_milli`: 0 for inference and evaluation jobs.
		///   - `payment`: at least `MinJobPayment`.
		/// - **Emits**: `JobSubmitted` (with `draw_at`, the block the draw is due).
		/// - **Errors**:
		///   - `InvalidRedundancy`: `redundancy` is 0 or above `MaxRedundancy`.
		///   - `DeadlineInPast`: `deadline` is not after the draw block.
		///   - `DeadlineTooFar`: `deadline` is more than `MaxJobDuration` blocks ahead.
		///   - `DeadlineTooSoon`: `deadline` leaves the seats less than the job's commit period.
		///   - `PaymentTooLow`: `payment` is below `MinJobPayment`.
		///   - `NonZeroTemperature`: an inference or evaluation job with a temperature above 0.
		///   - `EmptyInputUri`: `input_uri` is empty.
		///   - `UnknownModelVersion`: the model version is not registered.
		///   - `ModelVersionNotUsable`: the model version is revoked.
		///   - `DuplicateDataset`: a dataset is listed twice.
		///   - `DatasetNotUsable`: a dataset is unknown, retired, rejected or unverified.
		///   - `RoyaltiesTooHigh`: the snapshotted rates could take more than `MaxRoyaltyShare`.
		///   - `NeedsRedundancy`: `redundancy` is 1 and no pooled provider's bond covers
		///     `2 × payment / SpotCheckChance`.
		///   - `NoMoreIds`: job ids are exhausted.
		#[pallet::call_index(6)]
		#[pallet::weight(
			T::WeightInfo::submit_job(spec.datasets.len() as u32, T::MaxPoolSize::get())
				.saturating_add(Pallet::<T>::prepaid_settlement_bound(
					spec.redundancy,
					spec.datasets.len() as u32,
					spec.model_version.is_some(),
				))
		)]
		pub fn submit_job(origin: OriginFor<T>, spec: JobSpec<T>) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let datasets = spec.datasets.len() as u32;
			let (_, settlement) = Self::do_submit(who, spec)?;
			let submit = T::WeightInfo::submit_job(datasets, T::MaxPoolSize::get());
			Ok(Some(submit.saturating_add(settlement)).into())
		}

		/// Cancel a job whose providers are not drawn yet; the payment is refunded.
		///
		/// - **Origin**: signed by the job's owner.
		/// - Releases the whole payment and removes the job.
		/// - **Emits**: `JobCancelled`.
		/// - **Errors**:
		///   - `UnknownJob`: no job in flight has this id.
		///   - `NotJobOwner`: the caller did not submit the job.
		///   - `AlreadyDrawn`: the job's seats are drawn.
		///   - `DrawDue`: the job's draw block has come, though the queue has not drawn it yet.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::cancel_job())]
		pub fn cancel_job(origin: OriginFor<T>, job: JobId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_cancel(who, job)
		}

		/// Commit to a result in a seat drawn for the caller.
		///
		/// - **Origin**: signed by a provider drawn for the job.
		/// - When every seat has committed, reveals open for `RevealPeriod` blocks. A seat that has
		///   not committed by its `commit_by` loses `SlashFraction` of its bond (`Silent`) and,
		///   while the deadline allows, is replaced by a fresh draw.
		/// - **Parameters**: `commitment` = `commitment_of(job, caller, output, salt)`; a provider
		///   whose fetched input does not hash to the job's input hash commits to the output
		///   `BAD_INPUT`.
		/// - **Emits**: `ResultCommitted`; `RevealStarted` when it was the last seat to commit.
		/// - **Errors**:
		///   - `UnknownJob`: no job in flight has this id.
		///   - `NotAssigned`: the caller holds no seat in the job.
		///   - `NotCommitPhase`: the job is not taking commitments.
		///   - `AlreadyCommitted`: the caller committed already.
		///   - `CommitTooLate`: the caller's `commit_by` has passed.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::commit(MaxSeatsOf::<T>::get()))]
		pub fn commit(origin: OriginFor<T>, job: JobId, commitment: H256) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_commit(who, job, commitment)
		}

		/// Reveal the committed output hash and salt.
		///
		/// - **Origin**: signed by a provider that committed in the job.
		/// - The last reveal tallies the vote. An output revealed by more than half of the seats
		///   drawn decides the job, which the deadline queue settles at the next block (or `poke`
		///   when the queue is behind): the payment is paid out, and seats that revealed another
		///   output are slashed (`WrongOutput`: the larger of `SlashFraction` of the bond and
		///   `2 × payment / SpotCheckChance`, applied after `SlashDeferral` unless cancelled). An
		///   `r = 1` result is first re-run by a drawn spot-checker with chance `SpotCheckChance`.
		///   Without a majority, `seats + 1` fresh providers are drawn once (escalation), then the
		///   job is disputed.
		/// - **Emits**: `ResultRevealed`; when it tallies, as the outcome goes: `JobDecided`; or
		///   `SeatAssigned` (spot check); or `SeatAssigned` and `JobEscalated`; or `JobDisputed`.
		///   The settlement of a decided job, at the next block, emits `SlashScheduled` per wrong
		///   seat (`ProviderSlashed`, and possibly `ProviderEvicted`, when a slash applies at
		///   once), then `JobCompleted`, or `InputRejected` (majority on `BAD_INPUT`: no receipt,
		///   no royalties). Paid royalties also emit `UsageRecorded` (dataset registry) and
		///   `RoyaltiesPaid` (model lineage).
		/// - **Errors**:
		///   - `UnknownJob`: no job in flight has this id.
		///   - `NotAssigned`: the caller holds no seat in the job.
		///   - `NotRevealPhase`: the job is not taking reveals.
		///   - `RevealTooLate`: the reveal phase has ended.
		///   - `AlreadyRevealed`: the caller revealed already.
		///   - `RevealMismatch`: the output and salt do not open the caller's commitment for this
		///     job.
		/// - **Weight**: charged a tally's worst case (a draw of seats over the full pool),
		///   refunded to a deciding reveal at the job's own seats unless the tally drew seats or
		///   opened a dispute. The settlement is not charged here: the submission paid for it.
		#[pallet::call_index(10)]
		#[pallet::weight(Pallet::<T>::reveal_weight_bound())]
		pub fn reveal(
			origin: OriginFor<T>,
			job: JobId,
			output: ContentHash,
			salt: H256,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let seats = Self::do_reveal(who, job, output, salt)?;
			Ok(Self::reveal_weight_used(job, seats).into())
		}

		/// Settle a disputed job on one of its revealed outputs.
		///
		/// - **Origin**: `DisputeOrigin` (root or the compute-disputes track in the Verity
		///   runtime).
		/// - Within the dispute period: the seats that revealed `output` win and are paid as on
		///   completion; the other revealers are slashed (`WrongOutput`). A job not settled in time
		///   is refunded.
		/// - **Emits**: `SlashScheduled` per other revealer (`ProviderSlashed`, and possibly
		///   `ProviderEvicted`, when a slash applies at once), then `JobCompleted`, or
		///   `InputRejected` when `output` is `BAD_INPUT`. Paid royalties also emit `UsageRecorded`
		///   and `RoyaltiesPaid`.
		/// - **Errors**:
		///   - `UnknownJob`: no job in flight has this id.
		///   - `NotDisputed`: the job is not disputed.
		///   - `DisputeOver`: the dispute period has ended.
		///   - `OutputNotRevealed`: no seat revealed `output`.
		#[pallet::call_index(12)]
		#[pallet::weight(
			T::WeightInfo::settle(MaxSeatsOf::<T>::get(), T::MaxDatasets::get())
				.saturating_add(Pallet::<T>::royalty_weight())
		)]
		pub fn resolve_dispute(
			origin: OriginFor<T>,
			job: JobId,
			output: ContentHash,
		) -> DispatchResultWithPostInfo {
			T::DisputeOrigin::ensure_origin(origin)?;
			let shape = Self::settle_shape(job);
			let royalties = Self::do_resolve(job, output)?;
			// Refunded to the job's own size and the royalty lookups it made.
			Ok(shape.map(|shape| Self::settle_weight(&shape, royalties)).into())
		}

		/// Cancel the pending slash `id` before it applies.
		///
		/// - **Origin**: `DisputeOrigin` (root or the compute-disputes track in the Verity
		///   runtime).
		/// - The provider keeps the amount. Slashes applied at once (no `SlashDeferral`, or the
		///   slash queue full) cannot be cancelled.
		/// - **Emits**: `SlashCancelled`.
		/// - **Errors**:
		///   - `UnknownSlash`: no pending slash has that id (applied, cancelled or never queued).
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::cancel_slash(T::MaxSlashesPerBlock::get()))]
		pub fn cancel_slash(origin: OriginFor<T>, id: SlashId) -> DispatchResult {
			T::DisputeOrigin::ensure_origin(origin)?;
			Self::do_cancel_slash(id)
		}

		/// Move on a job whose due block has passed, when the deadline queue is behind.
		///
		/// - **Origin**: signed by any account.
		/// - Does what `on_initialize` does at the job's due block, by phase: draws its seats (the
		///   job expires, refunded, when too few providers are eligible); closes late commitments
		///   (slashed `Silent`, replaced while the deadline allows; reveals open when every seat
		///   committed); tallies the reveals as the last reveal does, slashing seats that did not
		///   reveal (`Silent`), and settles a majority at once; settles a decided job; or refunds
		///   a dispute not settled in time.
		/// - **Emits**: as the phase goes: `SeatAssigned`, `SlashScheduled` (`ProviderSlashed`, and
		///   possibly `ProviderEvicted`, when a slash applies at once), `RevealStarted`,
		///   `JobCompleted`, `InputRejected`, `JobEscalated`, `JobDisputed` or `JobExpired`. Paid
		///   royalties also emit `UsageRecorded` and `RoyaltiesPaid`.
		/// - **Errors**:
		///   - `UnknownJob`: no job in flight has this id.
		///   - `NotDue`: the job's due block has not come.
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::poke().saturating_add(Pallet::<T>::job_step_weight()))]
		pub fn poke(origin: OriginFor<T>, job: JobId) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			let used = Self::do_poke(job)?;
			Ok(Some(T::WeightInfo::poke().saturating_add(used)).into())
		}
	}
}
