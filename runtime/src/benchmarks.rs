//! The pallets whose benchmarks the runtime exposes to `verity-node benchmark pallet`.

pub use super::*;
pub use frame_benchmarking::baseline::Pallet as BaselineBench;
pub use frame_system_benchmarking::{
	extensions::Pallet as SystemExtensionsBench, Pallet as SystemBench,
};

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking, BaselineBench::<Runtime>]
	[frame_system, SystemBench::<Runtime>]
	[frame_system_extensions, SystemExtensionsBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_sudo, Sudo]
	[pallet_treasury, Treasury]
	[pallet_validator_set, ValidatorSet]
	[pallet_reasoning_anchor, ReasoningAnchor]
	[pallet_dataset_registry, DatasetRegistry]
	[pallet_model_lineage, ModelLineage]
	[pallet_compute_staking, ComputeStaking]
	[pallet_eval_attestation, EvalAttestation]
);
