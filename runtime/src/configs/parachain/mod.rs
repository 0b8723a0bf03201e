//! What only the parachain flavour has, in place of `consensus.rs`: the relay chain's validation
//! data (`cumulus-pallet-parachain-system`), the para id, Aura authored by collators that
//! `collator-selection` picks for each session, Cumulus's storage-weight reclaim, and the XCM
//! stack (`xcm.rs`). It exports the names `consensus.rs` does, so the rest of the runtime is
//! written once. Blocks: 6 s, async backing with velocity 1, an unincluded segment of 3 and a
//! relay-parent offset of 0, as the polkadot-sdk parachain template.

mod xcm;

use alloc::vec::Vec;
use cumulus_pallet_parachain_system::RelayNumberMonotonicallyIncreases;
use cumulus_primitives_core::AggregateMessageOrigin;
use frame_support::{
	parameter_types,
	traits::{ConstBool, ConstU32, ConstU64, EnqueueWithOrigin},
	weights::Weight,
	PalletId,
};
use frame_system::EnsureRoot;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_runtime::{impl_opaque_keys, Perbill};

use super::super::{
	AccountId, Aura, Balances, BlockNumber, CollatorSelection, MessageQueue, Runtime, RuntimeEvent,
	Session, TxChecks, XcmpQueue, SLOT_DURATION,
};
use super::RuntimeBlockWeights;

pub use xcm::XcmConfig;

impl_opaque_keys! {
	/// The keys a collator registers with `session.setKeys`: Aura's alone.
	pub struct SessionKeys {
		pub aura: Aura,
	}
}

/// The checks inside Cumulus's reclaim, which refunds both unused benchmarked weight and unused
/// proof size (measured by the collator's proof-recording host function).
pub type TxExtension<Checks> = cumulus_pallet_weight_reclaim::StorageWeightReclaim<Runtime, Checks>;

/// The flavour's transaction extensions around `checks`.
pub fn wrap_tx_extension(checks: TxChecks) -> TxExtension<TxChecks> {
	cumulus_pallet_weight_reclaim::StorageWeightReclaim::new(checks)
}

/// A parachain block's proof must fit the relay chain's PoV limit (10 MiB).
pub const MAX_BLOCK_PROOF_SIZE: u64 = cumulus_primitives_core::relay_chain::MAX_POV_SIZE as u64;

/// Slots come from the relay chain's clock; Aura checks them, the timestamp need not.
pub type MinimumPeriod = ConstU64<0>;

/// A runtime upgrade waits for the relay chain's go-ahead before `:code` changes.
pub type OnSetCode = cumulus_pallet_parachain_system::ParachainSetCode<Runtime>;

/// The relay chain's slot duration, in milliseconds.
pub const RELAY_CHAIN_SLOT_DURATION_MILLIS: u32 = 6000;
/// Parachain blocks per relay-chain block.
pub const BLOCK_PROCESSING_VELOCITY: u32 = 1;
/// Blocks built on top of the last included one before the relay chain includes more.
pub const UNINCLUDED_SEGMENT_CAPACITY: u32 = 3;

/// Checks that the collator keeps to the velocity and the unincluded segment.
pub type ConsensusHook = cumulus_pallet_aura_ext::FixedVelocityConsensusHook<
	Runtime,
	RELAY_CHAIN_SLOT_DURATION_MILLIS,
	BLOCK_PROCESSING_VELOCITY,
	UNINCLUDED_SEGMENT_CAPACITY,
>;

/// Most Aura authorities: every invulnerable and every candidate collator.
pub const MAX_COLLATORS: u32 = 128;

parameter_types! {
	/// A quarter of a block for messages from siblings, a quarter for those from the relay chain.
	pub ReservedXcmpWeight: Weight = RuntimeBlockWeights::get().max_block.saturating_div(4);
	pub ReservedDmpWeight: Weight = RuntimeBlockWeights::get().max_block.saturating_div(4);
	pub const RelayOrigin: AggregateMessageOrigin = AggregateMessageOrigin::Parent;
	/// A candidate that authored no block for two sessions is removed.
	pub KickThreshold: BlockNumber = super::SessionPeriod::get().saturating_mul(2);
	pub const PotId: PalletId = PalletId(*b"PotStake");
	/// Most of a block's weight that queued XCM messages may use.
	pub MessageQueueServiceWeight: Weight = {
		let (share, max) = (Perbill::from_percent(35), RuntimeBlockWeights::get().max_block);
		Weight::from_parts(share.mul_floor(max.ref_time()), share.mul_floor(max.proof_size()))
	};
}

impl cumulus_pallet_parachain_system::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type OnSystemEvent = ();
	type SelfParaId = staging_parachain_info::Pallet<Runtime>;
	type OutboundXcmpMessageSource = XcmpQueue;
	type DmpQueue = EnqueueWithOrigin<MessageQueue, RelayOrigin>;
	type ReservedDmpWeight = ReservedDmpWeight;
	type XcmpMessageHandler = XcmpQueue;
	type ReservedXcmpWeight = ReservedXcmpWeight;
	type CheckAssociatedRelayNumber = RelayNumberMonotonicallyIncreases;
	type WeightInfo = cumulus_pallet_parachain_system::weights::SubstrateWeight<Runtime>;
	type ConsensusHook = ConsensusHook;
	type RelayParentOffset = ConstU32<0>;
	type SchedulingSignatureVerifier = ();
}

impl staging_parachain_info::Config for Runtime {}

impl cumulus_pallet_weight_reclaim::Config for Runtime {
	// The pallet's reference weights (its `SubstrateWeight` is private).
	type WeightInfo = ();
}

impl cumulus_pallet_aura_ext::Config for Runtime {}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<MAX_COLLATORS>;
	// Async backing: a collator may build more than one block in a relay-chain slot.
	type AllowMultipleBlocksPerSlot = ConstBool<true>;
	type SlotDuration = ConstU64<SLOT_DURATION>;
}

impl pallet_authorship::Config for Runtime {
	type FindAuthor = pallet_session::FindAccountFromAuthorIndex<Self, Aura>;
	type EventHandler = (CollatorSelection,);
}

/// The collators of the next session are collator selection's invulnerables and candidates.
pub type SessionManager = CollatorSelection;
/// A collator is its account.
pub type ValidatorIdOf = pallet_collator_selection::IdentityCollator;

impl pallet_collator_selection::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type UpdateOrigin = EnsureRoot<AccountId>;
	type PotId = PotId;
	type MaxCandidates = ConstU32<{ MAX_COLLATORS - 28 }>;
	type MinEligibleCollators = ConstU32<1>;
	type MaxInvulnerables = ConstU32<20>;
	type KickThreshold = KickThreshold;
	type ValidatorId = AccountId;
	type ValidatorIdOf = pallet_collator_selection::IdentityCollator;
	type ValidatorRegistration = Session;
	type WeightInfo = pallet_collator_selection::weights::SubstrateWeight<Runtime>;
}

impl pallet_message_queue::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = pallet_message_queue::weights::SubstrateWeight<Runtime>;
	type MessageProcessor = staging_xcm_builder::ProcessXcmMessage<
		AggregateMessageOrigin,
		staging_xcm_executor::XcmExecutor<XcmConfig>,
		super::super::RuntimeCall,
	>;
	type Size = u32;
	// The XCMP queue only ever handles messages from siblings.
	type QueueChangeHandler = parachains_common::message_queue::NarrowOriginToSibling<XcmpQueue>;
	type QueuePausedQuery = parachains_common::message_queue::NarrowOriginToSibling<XcmpQueue>;
	type HeapSize = ConstU32<{ 103 * 1024 }>;
	type MaxStale = ConstU32<8>;
	type ServiceWeight = MessageQueueServiceWeight;
	type IdleMaxServiceWeight = MessageQueueServiceWeight;
}

/// The para id of a development chain (the relay chain's first free id).
pub const DEV_PARA_ID: u32 = 2000;
