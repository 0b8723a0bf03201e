//! Benchmarks. Anchoring's cost grows with the URI (hashed into storage and paid per byte); the
//! worst case also names a model version and a job, so the lineage and compute pallets are read
//! (through `T::BenchmarkHelper`, which sets them up when the runtime wires those pallets), and
//! the job's attribution takes its longest path: the root is not the job's output, the caller
//! is not its owner, and is found last among as many providers as a job may have.

use super::*;
use crate::Pallet as ReasoningAnchor;
use alloc::vec;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{fungible::Mutate, Get},
	BoundedVec,
};
use frame_system::RawOrigin;
use sp_runtime::traits::Saturating;
use verity_primitives::ContentHash;

/// A funded account that can pay many anchoring fees. The fee's destination account (the
/// treasury in the runtime) is whitelisted like the caller: the extrinsic's own transaction fee
/// credits it already, so the anchoring fee adds no storage access of its own there.
fn funded<T: Config>() -> T::AccountId {
	if let Some(destination) = T::BenchmarkHelper::fee_account() {
		let existing = <T::Currency as frame_support::traits::fungible::Inspect<T::AccountId>>::minimum_balance();
		T::Currency::set_balance(&destination, existing);
		frame_benchmarking::benchmarking::add_to_whitelist(
			frame_system::Account::<T>::hashed_key_for(&destination).into(),
		);
	}
	let caller: T::AccountId = whitelisted_caller();
	let fee = ReasoningAnchor::<T>::anchor_fee(T::MaxUriLen::get());
	let amount = fee.saturating_mul(100u32.into()).saturating_add(
		<T::Currency as frame_support::traits::fungible::Inspect<T::AccountId>>::minimum_balance()
			.saturating_mul(100u32.into()),
	);
	T::Currency::set_balance(&caller, amount);
	caller
}

/// With `l` = 1 the anchor names a model version and a job (the worst case: both read and
/// checked); with 0 it names neither.
fn links<T: Config>(
	l: u32,
	caller: &T::AccountId,
) -> (Option<verity_primitives::ModelVersionId>, Option<verity_primitives::JobId>) {
	if l == 0 {
		return (None, None);
	}
	let model_version = T::BenchmarkHelper::usable_model_version();
	(model_version, T::BenchmarkHelper::completed_job(model_version, caller))
}

/// The attribution of the worst case: vouched by the job's last provider.
fn worst_attribution(job: Option<verity_primitives::JobId>) -> Attribution {
	if job.is_some() {
		Attribution::JobProvider
	} else {
		Attribution::NoJob
	}
}

fn uri<T: Config>(len: u32) -> Option<UriOf<T>> {
	Some(BoundedVec::truncate_from(vec![b'u'; len as usize]))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn anchor_trace(u: Linear<1, { T::MaxUriLen::get() }>, l: Linear<0, 1>) {
		let caller = funded::<T>();
		let root = ContentHash::repeat_byte(1);
		let (model_version, job) = links::<T>(l, &caller);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), root, 200, model_version, job, uri::<T>(u));

		assert!(Anchors::<T>::get(ReasoningAnchor::<T>::anchor_id(&caller, &root))
			.is_some_and(|a| a.submitter == caller && a.attribution == worst_attribution(job)));
	}

	#[benchmark]
	fn anchor_batch(u: Linear<1, { T::MaxUriLen::get() }>, l: Linear<0, 1>) {
		let caller = funded::<T>();
		let root = ContentHash::repeat_byte(2);
		let (model_version, job) = links::<T>(l, &caller);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), root, 100, 10_000, model_version, job, uri::<T>(u));

		assert!(Anchors::<T>::get(ReasoningAnchor::<T>::anchor_id(&caller, &root))
			.is_some_and(|a| a.traces == 100 && a.attribution == worst_attribution(job)));
	}

	#[benchmark]
	fn withdraw() -> Result<(), BenchmarkError> {
		let caller = funded::<T>();
		let root = ContentHash::repeat_byte(3);
		let id = ReasoningAnchor::<T>::anchor_id(&caller, &root);
		ReasoningAnchor::<T>::anchor_batch(
			RawOrigin::Signed(caller.clone()).into(),
			root,
			2,
			2,
			None,
			None,
			uri::<T>(T::MaxUriLen::get()),
		)
		.map_err(|_| BenchmarkError::Stop("anchoring failed"))?;

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);

		assert!(Anchors::<T>::get(id).is_some_and(|a| a.status != AnchorStatus::Active));
		Ok(())
	}

	impl_benchmark_test_suite!(ReasoningAnchor, crate::mock::new_bench_ext(), crate::mock::Test);
}
