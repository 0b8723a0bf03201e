//! Model lineage.
//!
//! Deposits: a model record at its bounds is about 1 KB (name, license, URI, 16 maintainers) and
//! costs 2 VRT. A version is about 0.6 KB, plus its lineage dataset set (up to 64 × 8 bytes) and
//! its entries in the weights, children (one per parent) and job indexes: about 1.5 KB, so 3 VRT,
//! in line with the dataset registry's 1 VRT + 1 mVRT per byte. Model deposits move with
//! ownership; version deposits stay with their publisher for the life of the (permanent) record.
//!
//! Lineage datasets: at most 64 distinct datasets in a version's whole lineage, the same bound as
//! eval attestation's `MaxLineageDatasets`, so every version can be checked for contamination.
//!
//! Walk bounds: a lineage query reads at most 256 versions over 16 generations; royalties go at
//! most 2 generations up, i.e. at most 8 + 64 = 72 ancestors with 8 parents per version; a
//! revocation taints 64 descendants per call and finishes the rest in `on_idle` or through
//! `continue_revocation`.

use frame_support::{parameter_types, traits::ConstU32};

use super::super::{Balance, Balances, Runtime, UNIT};

parameter_types! {
	pub const LineageModelDeposit: Balance = 2 * UNIT;
	pub const LineageVersionDeposit: Balance = 3 * UNIT;
}

impl pallet_model_lineage::Config for Runtime {
	type Currency = Balances;
	type Datasets = super::super::DatasetRegistry;
	type Compute = super::super::ComputeStaking;
	type DatasetPins = super::super::DatasetRegistry;
	type ModelDeposit = LineageModelDeposit;
	type VersionDeposit = LineageVersionDeposit;
	type MaxNameLen = ConstU32<128>;
	type MaxLicenseLen = ConstU32<64>;
	type MaxUriLen = ConstU32<256>;
	type MaxMaintainers = ConstU32<16>;
	type MaxParents = ConstU32<8>;
	type MaxDatasets = ConstU32<16>;
	type MaxLineageDatasets = ConstU32<64>;
	type MaxLineageDepth = ConstU32<16>;
	type MaxLineageNodes = ConstU32<256>;
	type MaxRoyaltyDepth = ConstU32<2>;
	type MaxRevocationFanout = ConstU32<64>;
	type WeightInfo = pallet_model_lineage::weights::SubstrateWeight<Runtime>;
	/// Real datasets and a completed training job: the worst case.
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_helpers::Helper;
}
