//! The pallets whose benchmarks the runtime exposes to `verity-node benchmark pallet`.

pub use super::*;
pub use frame_benchmarking::baseline::Pallet as BaselineBench;
pub use frame_system_benchmarking::{
	extensions::Pallet as SystemExtensionsBench, Pallet as SystemBench,
};

/// The benchmark list: the pallets of both flavours, then those of one.
macro_rules! verity_benchmarks {
	($($flavour:tt)*) => {
		frame_benchmarking::define_benchmarks!(
			[frame_benchmarking, BaselineBench::<Runtime>]
			[frame_system, SystemBench::<Runtime>]
			[frame_system_extensions, SystemExtensionsBench::<Runtime>]
			[pallet_balances, Balances]
			[pallet_timestamp, Timestamp]
			[pallet_sudo, Sudo]
			[pallet_treasury, Treasury]
			[pallet_reasoning_anchor, ReasoningAnchor]
			[pallet_dataset_registry, DatasetRegistry]
			[pallet_model_lineage, ModelLineage]
			[pallet_compute_staking, ComputeStaking]
			[pallet_eval_attestation, EvalAttestation]
			$($flavour)*
		);
	};
}

#[cfg(not(feature = "parachain"))]
verity_benchmarks!([pallet_validator_set, ValidatorSet]);
// The Cumulus and XCM pallets use their upstream weights (docs/parachain.md).
#[cfg(feature = "parachain")]
verity_benchmarks!();
