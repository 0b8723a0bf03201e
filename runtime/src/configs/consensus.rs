//! What only a solochain has: Aura block production, GRANDPA finality, sessions, and the
//! validator set that root changes. The parachain flavour replaces this module with
//! `parachain/`, which exports the same names.

use alloc::vec::Vec;
use frame_support::traits::{ConstBool, ConstU32, ConstU64};
use frame_system::EnsureRoot;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_runtime::{impl_opaque_keys, traits::ConvertInto};

use super::super::{
	AccountId, Aura, Grandpa, Runtime, RuntimeEvent, TxChecks, ValidatorSet, SLOT_DURATION,
};

impl_opaque_keys! {
	/// The keys a validator registers with `session.setKeys`.
	pub struct SessionKeys {
		pub aura: Aura,
		pub grandpa: Grandpa,
	}
}

/// The checks, then frame-system's reclaim of unused (benchmarked) weight.
pub type TxExtension<Checks> = (Checks, frame_system::WeightReclaim<Runtime>);

/// The flavour's transaction extensions around `checks`.
pub fn wrap_tx_extension(checks: TxChecks) -> TxExtension<TxChecks> {
	(checks, frame_system::WeightReclaim::<Runtime>::new())
}

/// No limit from outside: the solochain's blocks are bounded by time and length only.
pub const MAX_BLOCK_PROOF_SIZE: u64 = u64::MAX;

/// Aura's slot is twice the timestamp's minimum period.
pub type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;

/// A runtime upgrade replaces `:code` at once.
pub type OnSetCode = ();

/// Most validators (and so Aura and GRANDPA authorities) the chain supports.
pub const MAX_VALIDATORS: u32 = 32;

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<MAX_VALIDATORS>;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<MAX_VALIDATORS>;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	// Equivocation reports need the historical session proofs that a staking chain keeps.
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}

/// The validators of the next session are the root-managed validator set's.
pub type SessionManager = ValidatorSet;
/// A validator is its account.
pub type ValidatorIdOf = ConvertInto;

impl pallet_validator_set::Config for Runtime {
	type UpdateOrigin = EnsureRoot<AccountId>;
	type MaxValidators = ConstU32<MAX_VALIDATORS>;
	type MinValidators = ConstU32<1>;
	type WeightInfo = pallet_validator_set::weights::SubstrateWeight<Runtime>;
}
