//! Benchmarks, each at its worst case: a full pool (the draw reads every entry, registering into
//! it evicts), the most seats a job can hold, the most datasets with royalties, full slash queues,
//! a backlog of empty queue blocks.

use super::*;
use crate::{results::commitment_of, Pallet as ComputeStaking};
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{fungible::Mutate, Get},
	BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_core::H256;
use sp_runtime::{traits::One, Saturating};
use verity_primitives::JobId;

const SEED: u32 = 0;

fn now<T: Config>() -> BlockNumberFor<T> {
	frame_system::Pallet::<T>::block_number()
}

fn plenty<T: Config>() -> BalanceOf<T> {
	T::MinProviderBond::get()
		.saturating_add(T::MinJobPayment::get())
		.saturating_mul(100_000u32.into())
}

fn funded<T: Config>(name: &'static str, i: u32) -> T::AccountId {
	let who: T::AccountId = account(name, i, SEED);
	T::Currency::set_balance(&who, plenty::<T>());
	who
}

fn all_kinds() -> KindSet {
	BoundedVec::truncate_from(vec![
		JobKind::Inference,
		JobKind::Evaluation,
		JobKind::Training,
		JobKind::SyntheticData,
	])
}

fn hardware<T: Config>() -> HardwareProfile<T::MaxGpuModelLen> {
	HardwareProfile {
		gpu_model: BoundedVec::truncate_from(vec![b'g'; T::MaxGpuModelLen::get() as usize]),
		vram_gib: 80,
		gpu_count: 8,
	}
}

/// A bond large enough for any `r = 1` benchmark job, growing with `i` so draws differ.
fn big_bond<T: Config>(i: u32) -> BalanceOf<T> {
	T::MinProviderBond::get()
		.saturating_add(T::MinJobPayment::get())
		.saturating_mul(1_000u32.saturating_add(i).into())
}

/// Registers provider `i` with `bond`.
fn provider_with<T: Config>(i: u32, bond: BalanceOf<T>) -> T::AccountId {
	let who = funded::<T>("provider", i);
	assert!(ComputeStaking::<T>::do_register(
		who.clone(),
		bond,
		hardware::<T>(),
		all_kinds(),
		T::MaxCapacity::get(),
	)
	.is_ok());
	who
}

/// Fills the pool with `p` providers (ids from 1,000); returns them.
fn fill_pool<T: Config>(p: u32) -> Vec<T::AccountId> {
	(0..p).map(|i| provider_with::<T>(1_000u32.saturating_add(i), big_bond::<T>(i))).collect()
}

fn spec<T: Config>(r: u32, d: u32, deadline: BlockNumberFor<T>) -> JobSpec<T> {
	let datasets: Vec<_> = (0..d).filter_map(T::BenchmarkHelper::dataset).collect();
	JobSpec {
		kind: JobKind::Inference,
		model_version: T::BenchmarkHelper::model_version(),
		datasets: BoundedVec::truncate_from(datasets),
		input_hash: H256::repeat_byte(1),
		input_uri: BoundedVec::truncate_from(vec![b'u'; T::MaxUriLen::get() as usize]),
		params: JobParams {
			seed: 42,
			temperature_milli: 0,
			max_tokens: 64,
			api: InferenceApi::Chat,
		},
		redundancy: r,
		deadline,
		payment: T::MinJobPayment::get(),
	}
}

fn far<T: Config>() -> BlockNumberFor<T> {
	now::<T>().saturating_add(T::MaxJobDuration::get())
}

/// A submitted job with redundancy `r` and `d` datasets (not drawn yet).
fn submitted<T: Config>(r: u32, d: u32) -> JobId {
	let owner = funded::<T>("owner", 0);
	ComputeStaking::<T>::do_submit(owner, spec::<T>(r, d, far::<T>()))
		.map(|(id, _)| id)
		.unwrap_or_default()
}

/// A job with `s` seats of fresh providers (ids from `first`), in `status`, each committed to
/// `output(0)` when `committed`, the first `revealed` revealed.
fn seated<T: Config>(
	s: u32,
	d: u32,
	status: JobStatus<BlockNumberFor<T>>,
	committed: bool,
	revealed: u32,
) -> (JobId, Vec<T::AccountId>) {
	let id = submitted::<T>(s.min(T::MaxRedundancy::get()).max(2), d);
	let providers: Vec<T::AccountId> =
		(0..s).map(|i| provider_with::<T>(i, big_bond::<T>(i))).collect();
	let Some(mut job) = Jobs::<T>::get(id) else { return (id, Vec::new()) };
	for (i, who) in providers.iter().enumerate() {
		ComputeStaking::<T>::hold_job(core::slice::from_ref(who), id);
		let _ = job.seats.try_push(Seat {
			provider: who.clone(),
			role: SeatRole::Original,
			commit_by: far::<T>(),
			commitment: committed.then(|| commitment_of(id, who, &output(0), &salt())),
			output: ((i as u32) < revealed).then(|| output(0)),
		});
	}
	job.drawn = s;
	job.status = status;
	Jobs::<T>::insert(id, job);
	(id, providers)
}

fn output(i: u8) -> H256 {
	H256::repeat_byte(i)
}

fn salt() -> H256 {
	H256::repeat_byte(0x5a)
}

/// Queues `n` pending slashes at `at`, one per fresh provider; returns their ids.
fn queue_slashes<T: Config>(at: BlockNumberFor<T>, n: u32) -> Vec<SlashId> {
	let mut queue = BoundedVec::new();
	let mut ids = Vec::new();
	for i in 0..n {
		let who = provider_with::<T>(i, big_bond::<T>(i));
		Providers::<T>::mutate(&who, |p| {
			if let Some(p) = p {
				p.pending_slashes = p.pending_slashes.saturating_add(1);
				p.slashed = p.slashed.saturating_add(1);
			}
		});
		let id = NextSlashId::<T>::get();
		NextSlashId::<T>::put(id.saturating_add(1));
		SlashAt::<T>::insert(id, at);
		ids.push(id);
		let _ = queue.try_push(PendingSlash { id, who, amount: T::MinProviderBond::get(), job: 0 });
	}
	SlashQueue::<T>::insert(at, queue);
	ids
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// Registering into a pool of `p`; at `MaxPoolSize` the newcomer evicts the smallest entry.
	#[benchmark]
	fn register_provider(p: Linear<0, { T::MaxPoolSize::get() }>) {
		fill_pool::<T>(p);
		let who = funded::<T>("provider", 0);
		let bond = big_bond::<T>(p.saturating_add(1));

		#[extrinsic_call]
		_(
			RawOrigin::Signed(who.clone()),
			bond,
			hardware::<T>(),
			all_kinds(),
			T::MaxCapacity::get(),
		);

		assert!(Pool::<T>::get().iter().any(|e| e.who == who));
	}

	#[benchmark]
	fn bond_more(p: Linear<1, { T::MaxPoolSize::get() }>) -> Result<(), BenchmarkError> {
		let who = fill_pool::<T>(p).pop().ok_or("p >= 1")?;
		let before = Providers::<T>::get(&who).map(|p| p.bond).unwrap_or_default();

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), T::MinProviderBond::get());

		assert!(Providers::<T>::get(&who).map(|p| p.bond).unwrap_or_default() > before);
		Ok(())
	}

	#[benchmark]
	fn unbond(p: Linear<1, { T::MaxPoolSize::get() }>) -> Result<(), BenchmarkError> {
		let who = fill_pool::<T>(p).pop().ok_or("p >= 1")?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert!(!Pool::<T>::get().iter().any(|e| e.who == who));
		Ok(())
	}

	#[benchmark]
	fn withdraw() {
		let who = provider_with::<T>(0, big_bond::<T>(0));
		assert!(ComputeStaking::<T>::do_unbond(who.clone()).is_ok());
		frame_system::Pallet::<T>::set_block_number(
			now::<T>().saturating_add(T::UnbondingPeriod::get()),
		);

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert!(!Providers::<T>::contains_key(&who));
	}

	#[benchmark]
	fn chill(p: Linear<1, { T::MaxPoolSize::get() }>) -> Result<(), BenchmarkError> {
		let who = fill_pool::<T>(p).pop().ok_or("p >= 1")?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert_eq!(Providers::<T>::get(&who).map(|p| p.status), Some(ProviderStatus::Chilled));
		Ok(())
	}

	/// Re-entering a full pool of `p`: evicts the smallest entry.
	#[benchmark]
	fn unchill(p: Linear<1, { T::MaxPoolSize::get() }>) {
		let who = provider_with::<T>(0, big_bond::<T>(T::MaxPoolSize::get()));
		assert!(ComputeStaking::<T>::do_chill(who.clone()).is_ok());
		fill_pool::<T>(p);

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert!(Pool::<T>::get().iter().any(|e| e.who == who));
	}

	/// An `r = 1` job with `d` datasets (rates snapshotted), over a pool of `p` whose only
	/// covering bond is the last entry.
	#[benchmark]
	fn submit_job(
		d: Linear<0, { T::MaxDatasets::get() }>,
		p: Linear<1, { T::MaxPoolSize::get() }>,
	) {
		for i in 0..p.saturating_sub(1) {
			provider_with::<T>(2_000u32.saturating_add(i), T::MinProviderBond::get());
		}
		provider_with::<T>(0, big_bond::<T>(0));
		let owner = funded::<T>("owner", 0);
		let id = NextJobId::<T>::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), spec::<T>(1, d, far::<T>()));

		assert!(Jobs::<T>::contains_key(id));
	}

	#[benchmark]
	fn cancel_job() {
		// FRAME's benchmarking runs the call at block 1 at least, after this set-up: submit at
		// that block too, before the job's draw block, as a cancel must be (`DrawDue`).
		frame_system::Pallet::<T>::set_block_number(now::<T>().max(One::one()));
		let id = submitted::<T>(2, 0);
		let owner: T::AccountId = account("owner", 0, SEED);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id);

		assert!(!Jobs::<T>::contains_key(id));
	}

	/// The last of `s` seats commits: the reveal phase opens.
	#[benchmark]
	fn commit(s: Linear<2, { MaxSeatsOf::<T>::get() }>) -> Result<(), BenchmarkError> {
		let (id, providers) = seated::<T>(s, 0, JobStatus::Committing, true, 0);
		let last = providers.last().cloned().ok_or("s >= 2")?;
		Jobs::<T>::mutate(id, |j| {
			if let Some(seat) = j.as_mut().and_then(|j| j.seats.last_mut()) {
				seat.commitment = None;
			}
		});
		let commitment = commitment_of(id, &last, &output(0), &salt());

		#[extrinsic_call]
		_(RawOrigin::Signed(last), id, commitment);

		assert!(matches!(Jobs::<T>::get(id).map(|j| j.status), Some(JobStatus::Revealing { .. })));
		Ok(())
	}

	/// The last of `s` seats reveals and the majority decides the job: it is listed for the
	/// deadline queue's next block, which settles it (`settle`). A reveal that leaves others to
	/// reveal does less and is charged the same.
	#[benchmark]
	fn reveal(s: Linear<2, { MaxSeatsOf::<T>::get() }>) -> Result<(), BenchmarkError> {
		let until = far::<T>();
		let (id, providers) =
			seated::<T>(s, 0, JobStatus::Revealing { until }, true, s.saturating_sub(1));
		let last = providers.last().cloned().ok_or("s >= 2")?;

		#[extrinsic_call]
		_(RawOrigin::Signed(last), id, output(0), salt());

		assert!(matches!(Jobs::<T>::get(id).map(|j| j.status), Some(JobStatus::Decided { .. })));
		Ok(())
	}

	/// The draw of `r` seats over a full pool of `p`.
	#[benchmark]
	fn draw_seats(
		p: Linear<1, { T::MaxPoolSize::get() }>,
		r: Linear<1, { T::MaxRedundancy::get() }>,
	) {
		fill_pool::<T>(p);
		let id = submitted::<T>(r, 0);
		let at = now::<T>().saturating_add(One::one());
		frame_system::Pallet::<T>::set_block_number(at);

		#[block]
		{
			let _ = ComputeStaking::<T>::process_job(id, at);
		}

		assert!(Jobs::<T>::get(id).is_none_or(|j| j.status != JobStatus::Drawing));
	}

	/// The tally that completes a job of `s` agreeing seats and `d` datasets: slashes none, pays
	/// the treasury, every dataset and the model royalty, and `s` providers.
	#[benchmark]
	fn settle(s: Linear<2, { MaxSeatsOf::<T>::get() }>, d: Linear<0, { T::MaxDatasets::get() }>) {
		if let Some(treasury) = T::BenchmarkHelper::fee_account() {
			whitelist_account!(treasury);
		}
		let until = now::<T>().saturating_add(One::one());
		let (id, _) = seated::<T>(s, d, JobStatus::Revealing { until }, true, s);
		frame_system::Pallet::<T>::set_block_number(until);

		#[block]
		{
			let _ = ComputeStaking::<T>::process_job(id, until);
		}

		assert!(Receipts::<T>::contains_key(id));
	}

	/// A dispute that times out with `s` seats: released, the payment refunded.
	#[benchmark]
	fn expire(s: Linear<0, { MaxSeatsOf::<T>::get() }>) {
		let until = now::<T>().saturating_add(One::one());
		let (id, _) = seated::<T>(s, 0, JobStatus::Disputed { until }, true, s);
		frame_system::Pallet::<T>::set_block_number(until);

		#[block]
		{
			let _ = ComputeStaking::<T>::process_job(id, until);
		}

		assert!(!Jobs::<T>::contains_key(id));
	}

	/// Cancels the last of `n` slashes queued in one block.
	#[benchmark]
	fn cancel_slash(n: Linear<1, { T::MaxSlashesPerBlock::get() }>) -> Result<(), BenchmarkError> {
		let at = now::<T>().saturating_add(T::SlashDeferral::get());
		let ids = queue_slashes::<T>(at, n);
		let id = *ids.last().ok_or("n >= 1")?;

		#[extrinsic_call]
		_(RawOrigin::Root, id);

		assert!(!SlashAt::<T>::contains_key(id));
		Ok(())
	}

	/// `poke`'s own cost, on a job whose draw finds nobody (refunded); the job step is charged
	/// on top.
	#[benchmark]
	fn poke() {
		let id = submitted::<T>(2, 0);
		let due = now::<T>().saturating_add(One::one());
		frame_system::Pallet::<T>::set_block_number(due);
		let caller = funded::<T>("caller", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);

		assert!(!Jobs::<T>::contains_key(id));
	}

	#[benchmark]
	fn on_initialize_slashes(n: Linear<0, { T::MaxSlashesPerBlock::get() }>) {
		let at = now::<T>().saturating_add(1u32.into());
		queue_slashes::<T>(at, n);
		frame_system::Pallet::<T>::set_block_number(at);

		#[block]
		{
			ComputeStaking::<T>::apply_due_slashes(at);
		}

		assert!(SlashQueue::<T>::get(at).is_empty());
	}

	/// Crossing `b` empty blocks of a backlog with the cursor.
	#[benchmark]
	fn on_initialize_scan(b: Linear<1, { T::MaxJobsPerBlock::get().saturating_mul(2) }>) {
		let start = now::<T>();
		QueueCursor::<T>::put(start);
		let at = start.saturating_add(b.into());
		frame_system::Pallet::<T>::set_block_number(at);

		#[block]
		{
			ComputeStaking::<T>::process_deadlines(at);
		}

		assert!(QueueCursor::<T>::get() > start);
	}

	impl_benchmark_test_suite!(ComputeStaking, crate::mock::new_bench_ext(), crate::mock::Test);
}
