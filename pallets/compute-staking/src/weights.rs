//! PLACEHOLDER until scripts/benchmark.sh regenerates this file from the benchmarks.
//! Rough figures: 50 µs base, 25 µs and a few storage accesses per component unit.
#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_compute_staking`.
pub trait WeightInfo {
	fn register_provider() -> Weight;
	fn bond_more() -> Weight;
	fn unbond() -> Weight;
	fn withdraw() -> Weight;
	fn chill() -> Weight;
	fn unchill() -> Weight;
	fn submit_job(d: u32) -> Weight;
	fn cancel_job() -> Weight;
	fn claim(r: u32) -> Weight;
	fn commit(r: u32) -> Weight;
	fn reveal(r: u32, d: u32) -> Weight;
	fn challenge() -> Weight;
	fn resolve_dispute(r: u32, d: u32) -> Weight;
	fn reopen_dispute(r: u32) -> Weight;
	fn cancel_slash(s: u32) -> Weight;
	fn on_initialize_expire(n: u32) -> Weight;
	fn on_initialize_finalize(n: u32) -> Weight;
	fn on_initialize_slashes(s: u32) -> Weight;
}

/// Weights for `pallet_compute_staking` with the runtime's database costs.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register_provider() -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn bond_more() -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn unbond() -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn withdraw() -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn chill() -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn unchill() -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn submit_job(d: u32) -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(Weight::from_parts(25_000_000, 3_000).saturating_mul(d.into()))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
			.saturating_add(T::DbWeight::get().reads_writes(3_u64, 3_u64).saturating_mul(d.into()))
	}
	fn cancel_job() -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn claim(r: u32) -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(Weight::from_parts(25_000_000, 3_000).saturating_mul(r.into()))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
			.saturating_add(T::DbWeight::get().reads_writes(3_u64, 3_u64).saturating_mul(r.into()))
	}
	fn commit(r: u32) -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(Weight::from_parts(25_000_000, 3_000).saturating_mul(r.into()))
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
			.saturating_add(T::DbWeight::get().reads_writes(3_u64, 3_u64).saturating_mul(r.into()))
	}
	fn reveal(r: u32, d: u32) -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(Weight::from_parts(25_000_000, 3_000).saturating_mul(r.into()))
			.saturating_add(Weight::from_parts(25_000_000, 3_000).saturating_mul(d.into()))
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
			.saturating_add(T::DbWeight::get().reads_writes(3_u64, 3_u64).saturating_mul(r.into()))
			.saturating_add(T::DbWeight::get().reads_writes(3_u64, 3_u64).saturating_mul(d.into()))
	}
	fn challenge() -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	fn resolve_dispute(r: u32, d: u32) -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(Weight::from_parts(25_000_000, 3_000).saturating_mul(r.into()))
			.saturating_add(Weight::from_parts(25_000_000, 3_000).saturating_mul(d.into()))
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
			.saturating_add(T::DbWeight::get().reads_writes(3_u64, 3_u64).saturating_mul(r.into()))
			.saturating_add(T::DbWeight::get().reads_writes(3_u64, 3_u64).saturating_mul(d.into()))
	}
	fn reopen_dispute(r: u32) -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(Weight::from_parts(25_000_000, 3_000).saturating_mul(r.into()))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
			.saturating_add(T::DbWeight::get().reads_writes(3_u64, 3_u64).saturating_mul(r.into()))
	}
	fn cancel_slash(s: u32) -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(Weight::from_parts(25_000_000, 3_000).saturating_mul(s.into()))
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
			.saturating_add(T::DbWeight::get().reads_writes(3_u64, 3_u64).saturating_mul(s.into()))
	}
	fn on_initialize_expire(n: u32) -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(Weight::from_parts(25_000_000, 3_000).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
			.saturating_add(T::DbWeight::get().reads_writes(3_u64, 3_u64).saturating_mul(n.into()))
	}
	fn on_initialize_finalize(n: u32) -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(Weight::from_parts(25_000_000, 3_000).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
			.saturating_add(T::DbWeight::get().reads_writes(3_u64, 3_u64).saturating_mul(n.into()))
	}
	fn on_initialize_slashes(s: u32) -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(Weight::from_parts(25_000_000, 3_000).saturating_mul(s.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
			.saturating_add(T::DbWeight::get().reads_writes(3_u64, 3_u64).saturating_mul(s.into()))
	}
}

// For tests and mocks: the same formulas with RocksDB costs.
impl WeightInfo for () {
	fn register_provider() -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn bond_more() -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn unbond() -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn withdraw() -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn chill() -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn unchill() -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn submit_job(d: u32) -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(Weight::from_parts(25_000_000, 3_000).saturating_mul(d.into()))
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
			.saturating_add(RocksDbWeight::get().reads_writes(3_u64, 3_u64).saturating_mul(d.into()))
	}
	fn cancel_job() -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn claim(r: u32) -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(Weight::from_parts(25_000_000, 3_000).saturating_mul(r.into()))
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
			.saturating_add(RocksDbWeight::get().reads_writes(3_u64, 3_u64).saturating_mul(r.into()))
	}
	fn commit(r: u32) -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(Weight::from_parts(25_000_000, 3_000).saturating_mul(r.into()))
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
			.saturating_add(RocksDbWeight::get().reads_writes(3_u64, 3_u64).saturating_mul(r.into()))
	}
	fn reveal(r: u32, d: u32) -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(Weight::from_parts(25_000_000, 3_000).saturating_mul(r.into()))
			.saturating_add(Weight::from_parts(25_000_000, 3_000).saturating_mul(d.into()))
			.saturating_add(RocksDbWeight::get().reads(8_u64))
			.saturating_add(RocksDbWeight::get().writes(8_u64))
			.saturating_add(RocksDbWeight::get().reads_writes(3_u64, 3_u64).saturating_mul(r.into()))
			.saturating_add(RocksDbWeight::get().reads_writes(3_u64, 3_u64).saturating_mul(d.into()))
	}
	fn challenge() -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads(5_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	fn resolve_dispute(r: u32, d: u32) -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(Weight::from_parts(25_000_000, 3_000).saturating_mul(r.into()))
			.saturating_add(Weight::from_parts(25_000_000, 3_000).saturating_mul(d.into()))
			.saturating_add(RocksDbWeight::get().reads(8_u64))
			.saturating_add(RocksDbWeight::get().writes(8_u64))
			.saturating_add(RocksDbWeight::get().reads_writes(3_u64, 3_u64).saturating_mul(r.into()))
			.saturating_add(RocksDbWeight::get().reads_writes(3_u64, 3_u64).saturating_mul(d.into()))
	}
	fn reopen_dispute(r: u32) -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(Weight::from_parts(25_000_000, 3_000).saturating_mul(r.into()))
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
			.saturating_add(RocksDbWeight::get().reads_writes(3_u64, 3_u64).saturating_mul(r.into()))
	}
	fn cancel_slash(s: u32) -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(Weight::from_parts(25_000_000, 3_000).saturating_mul(s.into()))
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
			.saturating_add(RocksDbWeight::get().reads_writes(3_u64, 3_u64).saturating_mul(s.into()))
	}
	fn on_initialize_expire(n: u32) -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(Weight::from_parts(25_000_000, 3_000).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
			.saturating_add(RocksDbWeight::get().reads_writes(3_u64, 3_u64).saturating_mul(n.into()))
	}
	fn on_initialize_finalize(n: u32) -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(Weight::from_parts(25_000_000, 3_000).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
			.saturating_add(RocksDbWeight::get().reads_writes(3_u64, 3_u64).saturating_mul(n.into()))
	}
	fn on_initialize_slashes(s: u32) -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(Weight::from_parts(25_000_000, 3_000).saturating_mul(s.into()))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
			.saturating_add(RocksDbWeight::get().reads_writes(3_u64, 3_u64).saturating_mul(s.into()))
	}
}
