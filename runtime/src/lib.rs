//! The Verity runtime.
//!
//! `configs/` holds one file per pallet group, written once for both flavours of the runtime:
//! the solochain (default: Aura, GRANDPA and the session validator set, `configs/consensus.rs`)
//! and, with the feature `parachain`, a Cumulus parachain (collator selection, the relay chain's
//! validation data and the XCM stack, `configs/parachain/`). The node embeds the solochain;
//! polkadot-omni-node runs the parachain wasm. See docs/parachain.md.
#![cfg_attr(not(feature = "std"), no_std)]
// `impl_runtime_apis!` expands to a large recursive type.
#![recursion_limit = "256"]

// The solochain's wasm, which the node embeds. The parachain's is built under its own name
// (`build.rs`) and read from its chain spec by the collator, never embedded.
#[cfg(all(feature = "std", not(feature = "parachain")))]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod configs;
pub mod genesis_config_presets;

use alloc::{borrow::Cow, vec::Vec};
use sp_runtime::{
	generic,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::RuntimeVersion;

pub use configs::tx_extension;
pub use frame_system::Call as SystemCall;
pub use pallet_balances::Call as BalancesCall;
pub use pallet_timestamp::Call as TimestampCall;
#[cfg(any(feature = "std", test))]
pub use sp_runtime::BuildStorage;

/// Types the node needs without knowing the runtime's extrinsic format.
pub mod opaque {
	use super::*;
	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block hash type.
	pub type Hash = <BlakeTwo256 as sp_runtime::traits::Hash>::Output;
}

pub use configs::consensus::SessionKeys;

#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: Cow::Borrowed("verity"),
	impl_name: Cow::Borrowed("verity-node"),
	authoring_version: 1,
	spec_version: 100,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

/// Block time. Aura's slot duration follows from it; it cannot change once the chain runs.
/// Six seconds; two in `fast-runtime` builds of the solochain (dev chains and the end-to-end
/// tests, which spend most of their time waiting for blocks). Periods given in `MINUTES` keep
/// their length in time; the `fast_or` periods are counted in blocks. The block's weight limit
/// stays two seconds of compute, so a full block of a fast dev chain may take longer than its
/// slot. The parachain keeps six seconds: its slots follow the relay chain's.
pub const MILLI_SECS_PER_BLOCK: u64 =
	if cfg!(all(feature = "fast-runtime", not(feature = "parachain"))) { 2000 } else { 6000 };
/// Aura slot duration.
pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;

/// Blocks per minute.
pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
/// Blocks per hour.
pub const HOURS: BlockNumber = MINUTES * 60;
/// Blocks per day.
pub const DAYS: BlockNumber = HOURS * 24;

/// One VRT, the native token, in its smallest units (12 decimals).
pub const UNIT: Balance = 1_000_000_000_000;
/// 1/1000 VRT.
pub const MILLI_UNIT: Balance = 1_000_000_000;
/// 1/1000000 VRT.
pub const MICRO_UNIT: Balance = 1_000_000;
/// Smallest balance an account may hold.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;
/// Token symbol shown by wallets.
pub const TOKEN_SYMBOL: &str = "VRT";
/// Token decimals shown by wallets.
pub const TOKEN_DECIMALS: u8 = 12;

/// Transaction signature.
pub type Signature = MultiSignature;
/// An account: the public key of the signature scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// Balance of an account.
pub type Balance = u128;
/// Transaction counter of an account.
pub type Nonce = u32;
/// Block and state hash.
pub type Hash = sp_core::H256;
/// Block number.
pub type BlockNumber = u32;
/// Address format of transactions.
pub type Address = MultiAddress<AccountId, ()>;
/// Block header.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// Block.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// Block with its justifications.
pub type SignedBlock = generic::SignedBlock<Block>;

/// The checks every transaction passes, in the order clients sign them.
pub type TxChecks = (
	frame_system::AuthorizeCall<Runtime>,
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
);

/// The transaction extensions: the checks, then the weight reclaim of the flavour (frame-system's
/// on the solochain; Cumulus's, which also refunds unused proof size, on the parachain).
pub type TxExtension = configs::consensus::TxExtension<TxChecks>;

/// Extrinsic as the runtime decodes it.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// The payload signed in a transaction.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Migrations beyond the pallets' own.
type Migrations = ();

/// Dispatches blocks and extrinsics to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

/// The runtime's pallets: those of both flavours, with the flavour's own (`$flavour`) after the
/// treasury. Each flavour passes its pallets in whole: a `#[cfg]` on a pallet of `#[runtime]` would
/// still need the pallet's crate, and the solochain does not depend on Cumulus.
macro_rules! verity_runtime {
	($($flavour:tt)*) => {
		#[frame_support::runtime]
		mod runtime {
			#[runtime::runtime]
			#[runtime::derive(
				RuntimeCall,
				RuntimeEvent,
				RuntimeError,
				RuntimeOrigin,
				RuntimeFreezeReason,
				RuntimeHoldReason,
				RuntimeSlashReason,
				RuntimeLockId,
				RuntimeTask,
				RuntimeViewFunction
			)]
			pub struct Runtime;

			#[runtime::pallet_index(0)]
			pub type System = frame_system;
			#[runtime::pallet_index(1)]
			pub type Timestamp = pallet_timestamp;
			#[runtime::pallet_index(2)]
			pub type Balances = pallet_balances;
			#[runtime::pallet_index(3)]
			pub type TransactionPayment = pallet_transaction_payment;
			#[runtime::pallet_index(4)]
			pub type Sudo = pallet_sudo;
			#[runtime::pallet_index(5)]
			pub type Treasury = pallet_treasury;

			$($flavour)*

			// Verity's AI-lifecycle pallets.
			#[runtime::pallet_index(20)]
			pub type ReasoningAnchor = pallet_reasoning_anchor;
			#[runtime::pallet_index(21)]
			pub type DatasetRegistry = pallet_dataset_registry;
			#[runtime::pallet_index(22)]
			pub type ModelLineage = pallet_model_lineage;
			#[runtime::pallet_index(23)]
			pub type ComputeStaking = pallet_compute_staking;
			#[runtime::pallet_index(24)]
			pub type EvalAttestation = pallet_eval_attestation;

			// OpenGov: token holders vote on referenda; the benchmark-standards track decides which
			// benchmarks eval attestation scores against.
			#[runtime::pallet_index(30)]
			pub type Scheduler = pallet_scheduler;
			#[runtime::pallet_index(31)]
			pub type Preimage = pallet_preimage;
			#[runtime::pallet_index(32)]
			pub type Referenda = pallet_referenda;
			#[runtime::pallet_index(33)]
			pub type ConvictionVoting = pallet_conviction_voting;
			#[runtime::pallet_index(34)]
			pub type Origins = configs::governance::origins::pallet_origins;
		}
	};
}

// Consensus on the solochain. Session rotates before Aura and GRANDPA read their authorities, and
// the validator set precedes Session (genesis runs in index order): session's genesis asks it for
// the first validators.
#[cfg(not(feature = "parachain"))]
verity_runtime! {
	#[runtime::pallet_index(10)]
	pub type ValidatorSet = pallet_validator_set;
	#[runtime::pallet_index(11)]
	pub type Session = pallet_session;
	#[runtime::pallet_index(12)]
	pub type Aura = pallet_aura;
	#[runtime::pallet_index(13)]
	pub type Grandpa = pallet_grandpa;
}

// On the parachain: the relay chain's validation data, the para id, Cumulus's weight reclaim;
// collators selected per session; the XCM queues. Genesis runs in index order, so collator
// selection (10, as the validator set on the solochain) precedes Session (11), which asks it for
// the first collators.
#[cfg(feature = "parachain")]
verity_runtime! {
	#[runtime::pallet_index(6)]
	pub type ParachainSystem = cumulus_pallet_parachain_system;
	#[runtime::pallet_index(7)]
	pub type ParachainInfo = staging_parachain_info;
	#[runtime::pallet_index(8)]
	pub type WeightReclaim = cumulus_pallet_weight_reclaim;
	#[runtime::pallet_index(9)]
	pub type Authorship = pallet_authorship;
	#[runtime::pallet_index(10)]
	pub type CollatorSelection = pallet_collator_selection;
	#[runtime::pallet_index(11)]
	pub type Session = pallet_session;
	#[runtime::pallet_index(12)]
	pub type Aura = pallet_aura;
	#[runtime::pallet_index(13)]
	pub type AuraExt = cumulus_pallet_aura_ext;
	#[runtime::pallet_index(40)]
	pub type XcmpQueue = cumulus_pallet_xcmp_queue;
	#[runtime::pallet_index(41)]
	pub type PolkadotXcm = pallet_xcm;
	#[runtime::pallet_index(42)]
	pub type CumulusXcm = cumulus_pallet_xcm;
	#[runtime::pallet_index(43)]
	pub type MessageQueue = pallet_message_queue;
}

#[cfg(feature = "parachain")]
cumulus_pallet_parachain_system::register_validate_block! {
	Runtime = Runtime,
	BlockExecutor = cumulus_pallet_aura_ext::BlockExecutor::<Runtime, Executive>,
}
