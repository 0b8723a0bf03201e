//! Pallet configurations, one file per group, shared by both flavours. `consensus` is the one
//! module that differs: `consensus.rs` on the solochain, `parachain/` with the feature
//! `parachain`. Both export the same names (`SessionKeys`, `TxExtension`, `SessionPeriod`,
//! `MinimumPeriod`, `OnSetCode`, `MAX_BLOCK_PROOF_SIZE`), so nothing else needs a `cfg`.

#[cfg(feature = "runtime-benchmarks")]
mod benchmark_helpers;
mod compute_staking;
#[cfg(not(feature = "parachain"))]
pub mod consensus;
#[cfg(feature = "parachain")]
#[path = "parachain/mod.rs"]
pub mod consensus;
mod dataset_registry;
mod eval_attestation;
pub mod governance;
mod model_lineage;
mod offchain;
pub use offchain::tx_extension;
mod randomness;
mod reasoning_anchor;

use frame_support::{
	derive_impl,
	dispatch::DispatchClass,
	parameter_types,
	traits::{
		tokens::{imbalance::ResolveTo, pay::PayFromAccount, UnityAssetBalanceConversion},
		ConstU128, ConstU32, ConstU8, VariantCountOf,
	},
	weights::{
		constants::{RocksDbWeight, WEIGHT_REF_TIME_PER_SECOND},
		ConstantMultiplier, IdentityFee, Weight,
	},
	PalletId,
};
use frame_system::{
	limits::{BlockLength, BlockWeights},
	EnsureRoot, EnsureRootWithSuccess,
};
use pallet_transaction_payment::{ConstFeeMultiplier, FungibleAdapter, Multiplier};
use sp_runtime::{
	traits::{IdentityLookup, One, OpaqueKeys},
	Perbill, Permill,
};
use sp_version::RuntimeVersion;

use super::{
	AccountId, Balance, Balances, Block, BlockNumber, Hash, Nonce, PalletInfo, Runtime,
	RuntimeCall, RuntimeEvent, RuntimeFreezeReason, RuntimeHoldReason, RuntimeOrigin, RuntimeTask,
	System, Treasury, DAYS, EXISTENTIAL_DEPOSIT, MICRO_UNIT, MINUTES, UNIT, VERSION,
};

pub use randomness::ParentHashRandomness;

/// `fast` blocks in `fast-runtime` builds (dev chains and end-to-end tests), `normal` otherwise:
/// for periods a test must see pass, such as slash deferral or a referendum's decision.
pub const fn fast_or(fast: BlockNumber, normal: BlockNumber) -> BlockNumber {
	if cfg!(feature = "fast-runtime") {
		fast
	} else {
		normal
	}
}

const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

parameter_types! {
	pub const BlockHashCount: BlockNumber = 2400;
	pub const Version: RuntimeVersion = VERSION;
	/// Two seconds of compute in a six-second block; on the parachain, proofs up to the relay
	/// chain's PoV limit.
	pub RuntimeBlockWeights: BlockWeights = BlockWeights::with_sensible_defaults(
		Weight::from_parts(2u64.saturating_mul(WEIGHT_REF_TIME_PER_SECOND), consensus::MAX_BLOCK_PROOF_SIZE),
		NORMAL_DISPATCH_RATIO,
	);
	/// 5 MiB blocks, three quarters of it for normal transactions.
	pub RuntimeBlockLength: BlockLength = BlockLength::builder()
		.max_length(5 * 1024 * 1024)
		.modify_max_length_for_class(DispatchClass::Normal, |max| *max = NORMAL_DISPATCH_RATIO.mul_floor(*max))
		.build();
	/// The generic Substrate address prefix: dev keys print as 5…
	pub const SS58Prefix: u16 = 42;
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	type DbWeight = RocksDbWeight;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
	type OnSetCode = consensus::OnSetCode;
}

impl pallet_timestamp::Config for Runtime {
	type Moment = u64;
	type OnTimestampSet = super::Aura;
	type MinimumPeriod = consensus::MinimumPeriod;
	type WeightInfo = ();
}

impl pallet_balances::Config for Runtime {
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ConstU32<50>;
	type ReserveIdentifier = [u8; 8];
	type Balance = Balance;
	type RuntimeEvent = RuntimeEvent;
	type DustRemoval = ();
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	type WeightInfo = pallet_balances::weights::SubstrateWeight<Runtime>;
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type DoneSlashHandler = ();
}

parameter_types! {
	pub FeeMultiplier: Multiplier = Multiplier::one();
	pub const TransactionByteFee: Balance = 10 * MICRO_UNIT;
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	/// Fees go to the treasury.
	type OnChargeTransaction = FungibleAdapter<Balances, ResolveTo<TreasuryAccount, Balances>>;
	type OperationalFeeMultiplier = ConstU8<5>;
	type WeightToFee = IdentityFee<Balance>;
	type LengthToFee = ConstantMultiplier<Balance, TransactionByteFee>;
	type FeeMultiplierUpdate = ConstFeeMultiplier<FeeMultiplier>;
	type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<Runtime>;
}

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	pub const TreasuryPalletId: PalletId = PalletId(*b"py/trsry");
	/// The treasury's account: receives fees and, from Verity's pallets, slashes.
	pub TreasuryAccount: AccountId = Treasury::account_id();
	pub const SpendPeriod: BlockNumber = DAYS;
	pub const Burn: Permill = Permill::zero();
	pub const PayoutPeriod: BlockNumber = 30 * DAYS;
	pub const MaxSpend: Balance = Balance::MAX;
}

impl pallet_treasury::Config for Runtime {
	type Currency = Balances;
	type RejectOrigin = EnsureRoot<AccountId>;
	type RuntimeEvent = RuntimeEvent;
	type SpendPeriod = SpendPeriod;
	type Burn = Burn;
	type PalletId = TreasuryPalletId;
	type BurnDestination = ();
	type WeightInfo = pallet_treasury::weights::SubstrateWeight<Runtime>;
	type SpendFunds = ();
	type MaxApprovals = ConstU32<64>;
	type SpendOrigin = EnsureRootWithSuccess<AccountId, MaxSpend>;
	type AssetKind = ();
	type Beneficiary = AccountId;
	type BeneficiaryLookup = IdentityLookup<AccountId>;
	type Paymaster = PayFromAccount<Balances, TreasuryAccount>;
	type BalanceConverter = UnityAssetBalanceConversion;
	type PayoutPeriod = PayoutPeriod;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
	type BlockNumberProvider = System;
}

parameter_types! {
	/// Blocks per session; validator (on the parachain, collator) set changes take effect at
	/// session boundaries.
	pub const SessionPeriod: BlockNumber = 10 * MINUTES;
	pub const SessionOffset: BlockNumber = 0;
	/// Held from an account that sets session keys, returned when it purges them.
	pub const SessionKeyDeposit: Balance = UNIT;
}

/// Sessions, with the flavour's source of the next validators or collators.
impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = consensus::ValidatorIdOf;
	type ShouldEndSession = pallet_session::PeriodicSessions<SessionPeriod, SessionOffset>;
	type NextSessionRotation = pallet_session::PeriodicSessions<SessionPeriod, SessionOffset>;
	type SessionManager = consensus::SessionManager;
	type SessionHandler = <consensus::SessionKeys as OpaqueKeys>::KeyTypeIdProviders;
	type Keys = consensus::SessionKeys;
	type DisablingStrategy = ();
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type KeyDeposit = SessionKeyDeposit;
}
