//! Reasoning anchor: Merkle-anchored reasoning traces, verified step by step.

use frame_support::{
	parameter_types,
	traits::{tokens::imbalance::ResolveTo, ConstU32},
};

use super::super::{Balance, Balances, Runtime, MICRO_UNIT};
use super::TreasuryAccount;

parameter_types! {
	/// Paid once per anchor, whatever the number of traces it aggregates: a record is about 250
	/// bytes of permanent state (record and its (submitter, root) index entry), priced at
	/// 50 µVRT a byte.
	pub const AnchorFee: Balance = 12_500 * MICRO_UNIT;
	/// Paid per byte of the optional bundle URI: permanent, so five times the transaction
	/// byte fee.
	pub const UriByteFee: Balance = 50 * MICRO_UNIT;
}

impl pallet_reasoning_anchor::Config for Runtime {
	type Currency = Balances;
	/// Fees go to the treasury, like transaction fees.
	type FeeDestination = ResolveTo<TreasuryAccount, Balances>;
	type AnchorFee = AnchorFee;
	type UriByteFee = UriByteFee;
	type MaxUriLen = ConstU32<256>;
	/// 2^40 steps per trace and 2^40 traces per batch; a proof is at most 40 × 32 bytes.
	type MaxProofDepth = ConstU32<40>;
	type Lineage = super::super::ModelLineage;
	type Compute = super::super::ComputeStaking;
	type WeightInfo = pallet_reasoning_anchor::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_helpers::Helper;
}
