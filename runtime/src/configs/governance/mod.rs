//! OpenGov: preimages, the scheduler, referenda on tracks, conviction voting, and the custom
//! origins that passed referenda dispatch with. Token holders decide here which benchmark
//! standards count (`tracks::BENCHMARK_STANDARDS`).

pub mod origins;
pub mod tracks;

use frame_support::{
	parameter_types,
	traits::{
		fungible::HoldConsideration, tokens::currency::ActiveIssuanceOf, AsEnsureOriginWithArg,
		ConstU32, EqualPrivilegeOnly, LinearStoragePrice,
	},
};
use frame_system::{EnsureRoot, EnsureSigned};

use super::{fast_or, RuntimeBlockWeights};
use crate::{
	AccountId, Balance, Balances, BlockNumber, OriginCaller, Preimage, Referenda, Runtime,
	RuntimeCall, RuntimeEvent, RuntimeHoldReason, RuntimeOrigin, Scheduler, System, Treasury, DAYS,
	MILLI_UNIT, UNIT,
};

pub use origins::BenchmarkStandards;

impl origins::Config for Runtime {}

parameter_types! {
	/// Four fifths of a block for scheduled calls (enacted referenda among them).
	pub MaximumSchedulerWeight: frame_support::weights::Weight =
		RuntimeBlockWeights::get().max_block.saturating_div(5).saturating_mul(4);
}

impl pallet_scheduler::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeOrigin = RuntimeOrigin;
	type PalletsOrigin = OriginCaller;
	type RuntimeCall = RuntimeCall;
	type MaximumWeight = MaximumSchedulerWeight;
	type ScheduleOrigin = EnsureRoot<AccountId>;
	type OriginPrivilegeCmp = EqualPrivilegeOnly;
	type MaxScheduledPerBlock = ConstU32<50>;
	type WeightInfo = pallet_scheduler::weights::SubstrateWeight<Runtime>;
	type Preimages = Preimage;
	type BlockNumberProvider = System;
}

parameter_types! {
	pub const PreimageHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Preimage(pallet_preimage::HoldReason::Preimage);
	/// A proposal's preimage is held at 1 VRT plus 1 mVRT a byte, like a dataset record.
	pub const PreimageBaseDeposit: Balance = UNIT;
	pub const PreimageByteDeposit: Balance = MILLI_UNIT;
}

impl pallet_preimage::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = pallet_preimage::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type ManagerOrigin = EnsureRoot<AccountId>;
	type Consideration = HoldConsideration<
		AccountId,
		Balances,
		PreimageHoldReason,
		LinearStoragePrice<PreimageBaseDeposit, PreimageByteDeposit, Balance>,
	>;
}

parameter_types! {
	pub const VoteLockingPeriod: BlockNumber = fast_or(10, 7 * DAYS);
}

impl pallet_conviction_voting::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = pallet_conviction_voting::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type Polls = Referenda;
	type MaxTurnout = ActiveIssuanceOf<Balances, AccountId>;
	type MaxVotes = ConstU32<512>;
	type VoteLockingPeriod = VoteLockingPeriod;
	type BlockNumberProvider = System;
	type VotingHooks = ();
}

parameter_types! {
	pub const SubmissionDeposit: Balance = 10 * UNIT;
	pub const UndecidingTimeout: BlockNumber = fast_or(30, 14 * DAYS);
}

impl pallet_referenda::Config for Runtime {
	type RuntimeCall = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = pallet_referenda::weights::SubstrateWeight<Runtime>;
	type Scheduler = Scheduler;
	type Currency = Balances;
	type SubmitOrigin = AsEnsureOriginWithArg<EnsureSigned<AccountId>>;
	type CancelOrigin = EnsureRoot<AccountId>;
	type KillOrigin = EnsureRoot<AccountId>;
	/// Deposits of killed referenda go to the treasury.
	type Slash = Treasury;
	type Votes = Balance;
	type Tally = pallet_conviction_voting::TallyOf<Runtime>;
	type SubmissionDeposit = SubmissionDeposit;
	type MaxQueued = ConstU32<100>;
	type UndecidingTimeout = UndecidingTimeout;
	type AlarmInterval = ConstU32<1>;
	type Tracks = tracks::TracksInfo;
	type Preimages = Preimage;
	type BlockNumberProvider = System;
}
