//! Unit tests, one file per feature. Every test runs through `mock::new_test_ext`, which checks
//! the pallet's invariants (`do_try_state`) at the end.

mod attacks;
mod deadlines;
mod jobs;
mod ocw;
mod payment;
mod providers;
mod results;

use crate::{mock::*, results::commitment_of, types::*, Jobs, ProviderJobs, Providers};
use frame_support::{assert_ok, traits::fungible::InspectHold, BoundedVec};
use sp_core::H256;
use verity_primitives::JobId;

/// Default bond of test providers (twice the minimum).
pub const BOND: Balance = 2 * MIN_BOND;
/// Default payment of test jobs (small enough for an `r = 1` job at `BOND`: 2 × 200 / 25%).
pub const PAYMENT: Balance = 200;
/// The input of test jobs.
pub const INPUT: &[u8] = b"What is 2+2?";

pub fn all_kinds() -> KindSet {
	BoundedVec::truncate_from(vec![
		JobKind::Inference,
		JobKind::Evaluation,
		JobKind::Training,
		JobKind::SyntheticData,
	])
}

pub fn hardware() -> HardwareProfile<frame_support::traits::ConstU32<32>> {
	HardwareProfile {
		gpu_model: BoundedVec::truncate_from(b"H100".to_vec()),
		vram_gib: 80,
		gpu_count: 8,
	}
}

/// Registers provider `who` with `BOND`, every kind, full capacity.
pub fn register_account(who: &AccountId) {
	assert_ok!(ComputeStaking::register_provider(
		RuntimeOrigin::signed(who.clone()),
		BOND,
		hardware(),
		all_kinds(),
		MAX_CAPACITY,
	));
}

/// Registers test account `n` as a provider; returns it.
pub fn register(n: u8) -> AccountId {
	let who = acc(n);
	register_account(&who);
	who
}

/// An inference job over `INPUT` (as a `data:` URI) with redundancy `r` and deadline `deadline`.
pub fn spec(r: u32, deadline: u64) -> JobSpec<Test> {
	let mut uri = b"data:text/plain,".to_vec();
	uri.extend_from_slice(INPUT);
	JobSpec {
		kind: JobKind::Inference,
		model_version: None,
		datasets: BoundedVec::new(),
		input_hash: H256(sp_io::hashing::blake2_256(INPUT)),
		input_uri: BoundedVec::truncate_from(uri),
		params: JobParams {
			seed: 42,
			temperature_milli: 0,
			max_tokens: 32,
			api: InferenceApi::Chat,
		},
		redundancy: r,
		deadline,
		payment: PAYMENT,
	}
}

/// Submits `spec` from test account `owner`; returns the job id.
pub fn submit_from(owner: &AccountId, spec: JobSpec<Test>) -> JobId {
	let id = crate::NextJobId::<Test>::get();
	assert_ok!(ComputeStaking::submit_job(RuntimeOrigin::signed(owner.clone()), spec));
	id
}

/// Submits `spec(r, deadline)` from account 1.
pub fn submit(r: u32, deadline: u64) -> JobId {
	submit_from(&acc(1), spec(r, deadline))
}

/// Runs the next block, in which a job submitted in this one draws its seats; returns the
/// seated providers of job `id`.
pub fn draw(id: JobId) -> Vec<AccountId> {
	run_to_block(System::block_number() + 1);
	seats(id)
}

/// The providers seated in job `id`, in seat order.
pub fn seats(id: JobId) -> Vec<AccountId> {
	Jobs::<Test>::get(id)
		.map(|j| j.seats.iter().map(|s| s.provider.clone()).collect())
		.unwrap_or_default()
}

/// A provider's salt: distinct per account.
pub fn salt_of(who: &AccountId) -> H256 {
	H256(sp_io::hashing::blake2_256(who.as_ref()))
}

/// Output hash number `n`.
pub fn out(n: u8) -> H256 {
	H256::repeat_byte(n)
}

pub fn commit(who: &AccountId, id: JobId, output: H256) {
	assert_ok!(ComputeStaking::commit(
		RuntimeOrigin::signed(who.clone()),
		id,
		commitment_of(id, who, &output, &salt_of(who))
	));
}

pub fn reveal(who: &AccountId, id: JobId, output: H256) {
	assert_ok!(ComputeStaking::reveal(
		RuntimeOrigin::signed(who.clone()),
		id,
		output,
		salt_of(who)
	));
}

/// Every seat of job `id` still to commit commits the output `output_of` gives it.
pub fn commit_all(id: JobId, output_of: impl Fn(&AccountId) -> H256) {
	for who in seats(id) {
		let uncommitted = Jobs::<Test>::get(id)
			.unwrap()
			.seats
			.iter()
			.any(|s| s.provider == who && s.commitment.is_none());
		if uncommitted {
			commit(&who, id, output_of(&who));
		}
	}
}

/// Every seat of job `id` still to reveal reveals what `output_of` gave it; when that decided
/// the job, the next block settles it.
pub fn reveal_all(id: JobId, output_of: impl Fn(&AccountId) -> H256) {
	for who in seats(id) {
		let Some(job) = Jobs::<Test>::get(id) else { return };
		if job.seats.iter().any(|s| s.provider == who && s.output.is_none()) {
			reveal(&who, id, output_of(&who));
		}
	}
	settle_if_decided(id);
}

/// Runs the next block when job `id` is decided: the deadline queue settles it there.
pub fn settle_if_decided(id: JobId) {
	if matches!(status(id), Some(JobStatus::Decided { .. })) {
		run_to_block(System::block_number() + 1);
	}
}

/// Runs a job through commit and reveal with every seat answering `output_of`.
pub fn run_job(id: JobId, output_of: impl Fn(&AccountId) -> H256 + Copy) {
	commit_all(id, output_of);
	reveal_all(id, output_of);
}

/// Sets the randomness salt so the next draws and samples differ.
pub fn reseed(n: u64) {
	verity_primitives::testing::TestRandomness::set(n);
}

pub fn status(id: JobId) -> Option<JobStatus<u64>> {
	Jobs::<Test>::get(id).map(|j| j.status)
}

pub fn bond(who: &AccountId) -> Balance {
	Providers::<Test>::get(who).map(|p| p.bond).unwrap_or_default()
}

pub fn held(reason: crate::HoldReason, who: &AccountId) -> Balance {
	Balances::balance_on_hold(&reason.into(), who)
}

pub fn free(who: &AccountId) -> Balance {
	Balances::free_balance(who)
}

pub fn held_jobs(who: &AccountId) -> Vec<JobId> {
	ProviderJobs::<Test>::get(who).into_inner()
}

pub fn provider(who: &AccountId) -> Provider<Test> {
	Providers::<Test>::get(who).expect("registered")
}

/// The error of a refused reveal: charged a reveal's own checks, not a tally's worst case.
pub fn refused_reveal(e: crate::Error<Test>) -> frame_support::dispatch::DispatchErrorWithPostInfo {
	use crate::weights::WeightInfo;
	use frame_support::{dispatch::WithPostDispatchInfo, traits::Get};
	let reveal = <Test as crate::Config>::WeightInfo::reveal(crate::MaxSeatsOf::<Test>::get());
	sp_runtime::DispatchError::from(e).with_weight(reveal)
}
