//! Benchmarks, each at its worst case: the longest names and URIs, the largest quorum and test
//! set asked for (its shards' Merkle root computed and the dataset pinned), a full draw pool,
//! transitions that close a phase (the last commit or reveal), a full leaderboard and history,
//! every seat slashed at a deadline, every member of a full pool read by a draw.

use super::*;
use crate::Pallet as EvalAttestation;
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungible::{Mutate, MutateHold},
		EnsureOrigin, Get,
	},
	BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_runtime::{
	traits::{BlakeTwo256, Hash, One, Zero},
	Perbill, Saturating,
};
use verity_primitives::{
	commitment::{commitment, EVAL_SCORE},
	merkle,
	traits::DatasetPins,
	BenchmarkId, ContentHash, DatasetId, ModelVersionId,
};

const SEED: u32 = 0;
/// The score in-band evaluators reveal; outliers reveal 0.
const GOOD: Score = 500_000;

fn now<T: Config>() -> BlockNumberFor<T> {
	frame_system::Pallet::<T>::block_number()
}

fn plenty<T: Config>() -> BalanceOf<T> {
	T::BenchmarkDeposit::get()
		.saturating_add(T::MinEvaluatorBond::get())
		.saturating_add(T::MinRequestFee::get())
		.saturating_mul(1_000u32.into())
}

fn funded<T: Config>(name: &'static str, i: u32) -> T::AccountId {
	let who: T::AccountId = account(name, i, SEED);
	T::Currency::set_balance(&who, plenty::<T>());
	who
}

/// A bonded evaluator in the pool, a different one for each `i`.
fn evaluator<T: Config>(i: u32) -> T::AccountId {
	let who = funded::<T>("evaluator", i);
	assert!(EvalAttestation::<T>::do_bond(
		who.clone(),
		T::MinEvaluatorBond::get().saturating_mul(10u32.into())
	)
	.is_ok());
	who
}

/// A bonded evaluator holding one seat, left out of the pool (so any number can exist).
fn seat_holder<T: Config>(i: u32) -> T::AccountId {
	let who = funded::<T>("seat", i);
	let bond = T::MinEvaluatorBond::get().saturating_mul(10u32.into());
	assert!(T::Currency::hold(&HoldReason::EvaluatorBond.into(), &who, bond).is_ok());
	Evaluators::<T>::insert(&who, Evaluator { bond, open_requests: 1, served: 0, slashed: 0 });
	who
}

/// Fills the pool with `MaxEvaluators` evaluators (numbered from 0).
fn fill_pool<T: Config>() -> Vec<T::AccountId> {
	(0..T::MaxEvaluators::get()).map(evaluator::<T>).collect()
}

fn item(i: u32) -> ContentHash {
	BlakeTwo256::hash_of(&(b"verity/bench-test-item", i))
}

fn items(n: u32) -> Vec<ContentHash> {
	(0..n).map(item).collect()
}

fn salt() -> ContentHash {
	ContentHash::repeat_byte(0x5a)
}

fn name<T: Config>() -> NameOf<T> {
	BoundedVec::truncate_from(vec![b'n'; T::MaxNameLen::get() as usize])
}

fn uri<T: Config>() -> UriOf<T> {
	BoundedVec::truncate_from(vec![b'u'; T::MaxUriLen::get() as usize])
}

/// A spec of quorum `quorum` committed to `items(n)` in dataset `test_set`.
fn spec<T: Config>(quorum: u32, test_set: DatasetId, n: u32) -> SpecOf<T> {
	BenchmarkSpec {
		name: name::<T>(),
		spec_hash: ContentHash::repeat_byte(1),
		spec_uri: uri::<T>(),
		metric: name::<T>(),
		direction: Direction::HigherIsBetter,
		harness_hash: ContentHash::repeat_byte(2),
		seed: SeedPolicy::PerRequest,
		batch_size: 8,
		tolerance: 10,
		quorum,
		min_evaluator_bond: T::MinEvaluatorBond::get(),
		test_set,
		test_set_root: merkle::root(items(n).iter()),
		test_items: n,
	}
}

/// A test set of `n` items registered through the helper (its shards are `items(n)`).
fn test_set<T: Config>(n: u32) -> Result<DatasetId, BenchmarkError> {
	T::BenchmarkHelper::test_set(items(n))
		.ok_or(BenchmarkError::Stop("BenchmarkHelper::test_set gives no dataset"))
}

/// Writes a benchmark straight into storage, holding the deposit when proposed and pinning
/// `test_set` as a proposal does.
fn insert_benchmark<T: Config>(
	quorum: u32,
	test_set: DatasetId,
	n: u32,
	status: BenchmarkStatus<BlockNumberFor<T>>,
) -> BenchmarkId {
	let proposer = funded::<T>("proposer", 0);
	let proposed = status == BenchmarkStatus::Proposed;
	let deposit = if proposed { T::BenchmarkDeposit::get() } else { Zero::zero() };
	if proposed {
		assert!(T::Currency::hold(&HoldReason::BenchmarkDeposit.into(), &proposer, deposit).is_ok());
	}
	let _ = T::DatasetPins::pin(test_set);
	let id = NextBenchmarkId::<T>::get();
	Benchmarks::<T>::insert(
		id,
		BenchmarkInfo {
			proposer,
			deposit,
			proposed_at: now::<T>(),
			status,
			spec: spec::<T>(quorum, test_set, n),
		},
	);
	NextBenchmarkId::<T>::put(id.saturating_add(1));
	id
}

fn approved<T: Config>(quorum: u32) -> BenchmarkId {
	insert_benchmark::<T>(quorum, 0, 1, BenchmarkStatus::Approved { at: now::<T>() })
}

/// The helper's model version (without datasets), or version 0 when there is none: only
/// `request_evaluation` and the draw look versions up.
fn version<T: Config>() -> ModelVersionId {
	T::BenchmarkHelper::model_version(0).unwrap_or_default()
}

/// A request on `benchmark` with quorum `quorum` held by a fresh requester, in `status`,
/// with `seated` fresh evaluators (numbered from `first`) drawn for it. Returns the request
/// and its seats.
fn request<T: Config>(
	benchmark: BenchmarkId,
	quorum: u32,
	seated: u32,
	first: u32,
	status: RequestStatus<BlockNumberFor<T>>,
) -> (RequestId, Vec<T::AccountId>) {
	let requester = funded::<T>("requester", first);
	let fee = T::MinRequestFee::get().saturating_mul(100u32.into());
	assert!(T::Currency::hold(&HoldReason::RequestFee.into(), &requester, fee).is_ok());
	let id = NextRequestId::<T>::get();
	let seats: Vec<T::AccountId> =
		(0..seated).map(|i| seat_holder::<T>(first.saturating_add(i))).collect();
	let drawn = !matches!(status, RequestStatus::Pending { .. });
	Requests::<T>::insert(
		id,
		Request {
			requester,
			version: version::<T>(),
			benchmark,
			fee,
			quorum,
			seed: drawn.then_some(42),
			created: now::<T>(),
			status,
			assignments: BoundedVec::truncate_from(
				seats
					.iter()
					.map(|who| Assignment {
						evaluator: who.clone(),
						commitment: None,
						revealed: None,
					})
					.collect(),
			),
		},
	);
	NextRequestId::<T>::put(id.saturating_add(1));
	(id, seats)
}

/// A request whose `quorum` seats were drawn and take commitments for `CommitPeriod` blocks.
fn committing<T: Config>(
	benchmark: BenchmarkId,
	quorum: u32,
	first: u32,
) -> (RequestId, Vec<T::AccountId>) {
	let until = now::<T>().saturating_add(T::CommitPeriod::get());
	let drawn = request::<T>(benchmark, quorum, quorum, first, RequestStatus::Committing { until });
	assert!(EvalAttestation::<T>::schedule(until, drawn.0).is_ok());
	drawn
}

/// What seat `i` of `q` reveals: the first `(q - 1) / 2` are outliers, the rest agree.
fn revealed(i: u32, q: u32) -> Revealed {
	let score = if i < q.saturating_sub(1) / 2 { 0 } else { GOOD };
	Revealed { score, contamination: Some(Perbill::from_percent(1)) }
}

/// Commits every seat of `id` and reveals the first `reveals`; the reveal phase runs until
/// `until`.
fn commit_all<T: Config>(id: RequestId, reveals: u32, until: BlockNumberFor<T>) {
	Requests::<T>::mutate(id, |request| {
		if let Some(request) = request {
			let q = request.quorum;
			for (i, seat) in request.assignments.iter_mut().enumerate() {
				let r = revealed(i as u32, q);
				let value = (r.score, r.contamination);
				seat.commitment =
					Some(commitment(EVAL_SCORE, &id, &seat.evaluator, &value, &salt()));
				if (i as u32) < reveals {
					seat.revealed = Some(r);
				}
			}
			request.status = RequestStatus::Revealing { until };
		}
	});
}

/// Fills the benchmark's leaderboard with better versions and the history of (version,
/// benchmark), so a new result drops an old one from each.
fn fill_results<T: Config>(benchmark: BenchmarkId, version: ModelVersionId) {
	let board: Vec<_> = (0..T::MaxLeaderboard::get())
		.map(|i| {
			(ModelVersionId::from(i).saturating_add(1_000_000), GOOD.saturating_add(i), now::<T>())
		})
		.rev()
		.collect();
	Leaderboards::<T>::insert(benchmark, BoundedVec::truncate_from(board));
	let attestation = Attestation {
		request: 0,
		score: GOOD,
		contamination: None,
		evaluators: BoundedVec::new(),
		at: now::<T>(),
	};
	let history = vec![attestation; T::MaxHistory::get() as usize];
	Results::<T>::insert(version, benchmark, BoundedVec::truncate_from(history));
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// The largest test set: its shards read, their Merkle root computed, the dataset pinned.
	#[benchmark]
	fn propose_benchmark() -> Result<(), BenchmarkError> {
		let n = T::MaxTestItems::get();
		let test_set = test_set::<T>(n)?;
		let who = funded::<T>("proposer", 0);
		let spec = spec::<T>(T::MaxQuorum::get(), test_set, n);
		let id = NextBenchmarkId::<T>::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(who), spec);

		assert!(Benchmarks::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn withdraw_proposal() -> Result<(), BenchmarkError> {
		let test_set = test_set::<T>(1)?;
		let id = insert_benchmark::<T>(MIN_QUORUM, test_set, 1, BenchmarkStatus::Proposed);
		let proposer = Benchmarks::<T>::get(id).map(|b| b.proposer).ok_or("no benchmark")?;

		#[extrinsic_call]
		_(RawOrigin::Signed(proposer), id);

		assert!(!Benchmarks::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn approve_benchmark() -> Result<(), BenchmarkError> {
		let n = T::MaxTestItems::get();
		let test_set = test_set::<T>(n)?;
		let who = funded::<T>("proposer", 0);
		let id = EvalAttestation::<T>::do_propose(who, spec::<T>(T::MaxQuorum::get(), test_set, n))
			.map_err(|_| "propose failed")?;
		let origin =
			T::BenchmarkOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id);

		assert!(matches!(
			Benchmarks::<T>::get(id).map(|b| b.status),
			Some(BenchmarkStatus::Approved { .. })
		));
		Ok(())
	}

	#[benchmark]
	fn reject_benchmark() -> Result<(), BenchmarkError> {
		let test_set = test_set::<T>(1)?;
		let id = insert_benchmark::<T>(MIN_QUORUM, test_set, 1, BenchmarkStatus::Proposed);
		let origin =
			T::BenchmarkOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id);

		assert!(!Benchmarks::<T>::contains_key(id));
		Ok(())
	}

	/// Retirement revealing `i` test items (and re-reading the dataset's `i` shards for the
	/// root), naming a successor.
	#[benchmark]
	fn retire_benchmark(i: Linear<1, { T::MaxTestItems::get() }>) -> Result<(), BenchmarkError> {
		let test_set = test_set::<T>(i)?;
		let id = insert_benchmark::<T>(
			MIN_QUORUM,
			test_set,
			i,
			BenchmarkStatus::Approved { at: now::<T>() },
		);
		let successor = approved::<T>(MIN_QUORUM);
		let origin =
			T::BenchmarkOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(
			origin as T::RuntimeOrigin,
			id,
			BoundedVec::truncate_from(items(i)),
			uri::<T>(),
			Some(successor),
		);

		assert!(RevealedTestSets::<T>::contains_key(id));
		Ok(())
	}

	/// A newcomer to a full pool: every member read, the smallest idle one displaced.
	#[benchmark]
	fn bond_evaluator() {
		fill_pool::<T>();
		let who = funded::<T>("newcomer", 0);
		let amount = T::MinEvaluatorBond::get().saturating_mul(20u32.into());

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), amount);

		assert!(EvaluatorPool::<T>::get().contains(&who));
	}

	/// The last member of a full pool leaves and takes its bond.
	#[benchmark]
	fn unbond_evaluator() -> Result<(), BenchmarkError> {
		let pool = fill_pool::<T>();
		let who = pool.last().cloned().ok_or("empty pool")?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert!(!Evaluators::<T>::contains_key(&who));
		Ok(())
	}

	/// A request for a version with `d` lineage datasets (the helper gives each the largest
	/// shard list), each checked for overlap against the largest test set.
	#[benchmark]
	fn request_evaluation(
		d: Linear<0, { T::MaxLineageDatasets::get() }>,
	) -> Result<(), BenchmarkError> {
		let test_set = test_set::<T>(T::MaxTestItems::get())?;
		let version = T::BenchmarkHelper::model_version(d)
			.ok_or(BenchmarkError::Stop("BenchmarkHelper::model_version gives no version"))?;
		let id = approved::<T>(T::MaxQuorum::get());
		Benchmarks::<T>::mutate(id, |b| {
			if let Some(b) = b {
				b.spec.test_set = test_set;
			}
		});
		let who = funded::<T>("requester", 0);
		let request = NextRequestId::<T>::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(who), version, id, T::MinRequestFee::get());

		assert!(Requests::<T>::contains_key(request));
		Ok(())
	}

	#[benchmark]
	fn cancel_request() -> Result<(), BenchmarkError> {
		// The benchmark CLI moves block 0 to 1 between set-up and call: start at 1 or later, so
		// the request is still before its draw block when cancelled.
		frame_system::Pallet::<T>::set_block_number(now::<T>().max(One::one()));
		let draw_at = now::<T>().saturating_add(One::one());
		let (id, _) = request::<T>(
			approved::<T>(MIN_QUORUM),
			MIN_QUORUM,
			0,
			0,
			RequestStatus::Pending { draw_at },
		);
		assert!(EvalAttestation::<T>::schedule(draw_at, id).is_ok());
		let requester = Requests::<T>::get(id).map(|r| r.requester).ok_or("no request")?;

		#[extrinsic_call]
		_(RawOrigin::Signed(requester), id);

		assert!(!Requests::<T>::contains_key(id));
		Ok(())
	}

	/// The last commitment of a request with quorum `q`: it opens the reveal phase.
	#[benchmark]
	fn commit(q: Linear<MIN_QUORUM, { T::MaxQuorum::get() }>) -> Result<(), BenchmarkError> {
		let (id, seats) = committing::<T>(approved::<T>(q), q, 0);
		let (last, others) = seats.split_last().ok_or("no seat")?;
		for who in others {
			assert!(EvalAttestation::<T>::do_commit(who.clone(), id, item(0)).is_ok());
		}

		#[extrinsic_call]
		_(RawOrigin::Signed(last.clone()), id, item(0));

		assert!(matches!(
			Requests::<T>::get(id).map(|r| r.status),
			Some(RequestStatus::Revealing { .. })
		));
		Ok(())
	}

	/// The last reveal of a request with quorum `q`: it finalizes the request at once — the
	/// median, `(q - 1) / 2` outliers slashed, the fee split among the rest, a full history and
	/// leaderboard each dropping an entry.
	#[benchmark]
	fn reveal(q: Linear<MIN_QUORUM, { T::MaxQuorum::get() }>) -> Result<(), BenchmarkError> {
		let benchmark = approved::<T>(q);
		let (id, seats) = committing::<T>(benchmark, q, 0);
		let until = now::<T>().saturating_add(T::RevealPeriod::get());
		commit_all::<T>(id, q.saturating_sub(1), until);
		// The request's own version: a runtime helper makes a new version on every call.
		let version = Requests::<T>::get(id).map(|r| r.version).ok_or("no request")?;
		fill_results::<T>(benchmark, version);
		let last = seats.last().cloned().ok_or("no seat")?;
		let r = revealed(q.saturating_sub(1), q);

		#[extrinsic_call]
		_(RawOrigin::Signed(last), id, r.score, r.contamination, salt());

		assert!(!Requests::<T>::contains_key(id));
		assert_eq!(
			EvalAttestation::<T>::history(version, benchmark).last().map(|a| a.score),
			Some(GOOD)
		);
		Ok(())
	}

	/// `finalize` after the reveal deadline of a request with quorum `q` where nobody revealed:
	/// every seat slashed, the fee refunded.
	#[benchmark]
	fn finalize(q: Linear<MIN_QUORUM, { T::MaxQuorum::get() }>) {
		let (id, _) = committing::<T>(approved::<T>(q), q, 0);
		let until = now::<T>().saturating_add(One::one());
		commit_all::<T>(id, 0, until);
		frame_system::Pallet::<T>::set_block_number(until);
		let caller = funded::<T>("caller", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);

		assert!(!Requests::<T>::contains_key(id));
	}

	/// `n` requests of quorum `MaxQuorum` reach their reveal deadline with nobody revealed:
	/// every seat slashed, every fee refunded.
	#[benchmark]
	fn on_initialize(n: Linear<0, { T::MaxRequestsPerBlock::get() }>) {
		let q = T::MaxQuorum::get();
		let at = now::<T>().saturating_add(One::one());
		let benchmark = approved::<T>(q);
		let ids: Vec<RequestId> = (0..n)
			.map(|i| {
				let (id, _) = committing::<T>(benchmark, q, i.saturating_mul(q));
				commit_all::<T>(id, 0, at);
				assert!(EvalAttestation::<T>::schedule(at, id).is_ok());
				id
			})
			.collect();
		frame_system::Pallet::<T>::set_block_number(at);

		#[block]
		{
			EvalAttestation::<T>::process_deadlines(at);
		}

		assert!(ids.iter().all(|id| !Requests::<T>::contains_key(id)));
	}

	/// `n` requests of quorum `MaxQuorum` drawn from a full pool: every member's record read
	/// for each, the seats and the seed set, the commit deadline queued.
	#[benchmark]
	fn on_initialize_draw(n: Linear<0, { T::MaxRequestsPerBlock::get() }>) {
		let q = T::MaxQuorum::get();
		fill_pool::<T>();
		let at = now::<T>().saturating_add(One::one());
		let benchmark = approved::<T>(q);
		let ids: Vec<RequestId> = (0..n)
			.map(|i| {
				let (id, _) =
					request::<T>(benchmark, q, 0, i, RequestStatus::Pending { draw_at: at });
				assert!(EvalAttestation::<T>::schedule(at, id).is_ok());
				id
			})
			.collect();
		frame_system::Pallet::<T>::set_block_number(at);

		#[block]
		{
			EvalAttestation::<T>::process_deadlines(at);
		}

		// Drawn, or failed when a small test pool ran out of evaluators below their limit.
		assert!(ids.iter().all(|id| !matches!(
			Requests::<T>::get(id).map(|r| r.status),
			Some(RequestStatus::Pending { .. })
		)));
	}

	impl_benchmark_test_suite!(EvalAttestation, crate::mock::new_bench_ext(), crate::mock::Test);
}
