//! Benchmarks: both calls scan and rewrite the whole bounded set, so their component is its size.

use super::*;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{traits::Get, BoundedVec};
use frame_system::RawOrigin;

fn fill<T: Config>(n: u32) -> Vec<T::AccountId> {
	let accounts: Vec<T::AccountId> = (0..n).map(|i| account("validator", i, 0)).collect();
	Validators::<T>::put(BoundedVec::truncate_from(accounts.clone()));
	accounts
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn add_validator(v: Linear<1, { T::MaxValidators::get().saturating_sub(1) }>) {
		fill::<T>(v);
		let who: T::AccountId = account("new", 0, 0);

		#[extrinsic_call]
		_(RawOrigin::Root, who.clone());

		assert!(Validators::<T>::get().contains(&who));
	}

	#[benchmark]
	fn remove_validator(
		v: Linear<{ T::MinValidators::get().saturating_add(1) }, { T::MaxValidators::get() }>,
	) {
		let accounts = fill::<T>(v);
		// The last one is the worst case for the scan.
		let who = accounts.last().cloned().unwrap_or_else(|| account("validator", 0, 0));

		#[extrinsic_call]
		_(RawOrigin::Root, who.clone());

		assert!(!Validators::<T>::get().contains(&who));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_bench_ext(), crate::mock::Test);
}
