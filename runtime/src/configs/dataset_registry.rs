//! The dataset registry.
//!
//! Deposits are sized so that a dataset at `MaxShards` (about 43 KB with its index entries)
//! holds about 44 VRT, a small one about 1.5 VRT. Verifier slashes go to the treasury.

use frame_support::{
	parameter_types,
	traits::{tokens::imbalance::ResolveTo, ConstBool, ConstU32},
};
use sp_runtime::Perbill;

use super::super::{Balance, Balances, Runtime, RuntimeHoldReason, MILLI_UNIT, UNIT};
use super::TreasuryAccount;

parameter_types! {
	pub const DatasetDepositBase: Balance = UNIT;
	pub const DatasetDepositPerByte: Balance = MILLI_UNIT;
	pub const MinVerifierBond: Balance = 100 * UNIT;
	pub const VerifierSlash: Perbill = Perbill::from_percent(10);
}

impl pallet_dataset_registry::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Slash = ResolveTo<TreasuryAccount, Balances>;
	type Lineage = super::super::ModelLineage;
	type DepositBase = DatasetDepositBase;
	type DepositPerByte = DatasetDepositPerByte;
	type MinVerifierBond = MinVerifierBond;
	type VerifierSlash = VerifierSlash;
	type VerificationQuorum = ConstU32<3>;
	type RequireSyntheticVerification = ConstBool<true>;
	type MaxShards = ConstU32<1024>;
	type MaxParents = ConstU32<16>;
	type MaxContributors = ConstU32<32>;
	type MaxOverlapsRecorded = ConstU32<16>;
	type MaxShardOwners = ConstU32<16>;
	type MaxNameLen = ConstU32<128>;
	type MaxUriLen = ConstU32<256>;
	type MaxLicenseLen = ConstU32<64>;
	type WeightInfo = pallet_dataset_registry::weights::SubstrateWeight<Runtime>;
	/// A real generator version in model lineage: synthetic registrations, the worst case.
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_helpers::Helper;
}
