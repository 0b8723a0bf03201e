//! PLACEHOLDER until scripts/benchmark.sh regenerates this file from the benchmarks.
#![allow(missing_docs)]
use frame_support::weights::{constants::RocksDbWeight, Weight};
use core::marker::PhantomData;
pub trait WeightInfo {
	fn add_validator(v: u32) -> Weight;
	fn remove_validator(v: u32) -> Weight;
}
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn add_validator(_v: u32) -> Weight { RocksDbWeight::get().reads_writes(1, 2) }
	fn remove_validator(_v: u32) -> Weight { RocksDbWeight::get().reads_writes(1, 2) }
}
impl WeightInfo for () {
	fn add_validator(_v: u32) -> Weight { RocksDbWeight::get().reads_writes(1, 2) }
	fn remove_validator(_v: u32) -> Weight { RocksDbWeight::get().reads_writes(1, 2) }
}
