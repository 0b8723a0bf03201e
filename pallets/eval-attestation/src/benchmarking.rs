//! Benchmarks, each at its worst case: the longest names and URIs, the largest quorum and test
//! set asked for, transitions that close a phase (the last claim, commit or reveal), a full
//! leaderboard and history, every seat slashed at a deadline.

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
use verity_primitives::{merkle, BenchmarkId, ContentHash, DatasetId, ModelVersionId};

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

/// A bonded evaluator, a different one for each `i`.
fn evaluator<T: Config>(i: u32) -> T::AccountId {
	let who = funded::<T>("evaluator", i);
	assert!(EvalAttestation::<T>::do_bond(
		who.clone(),
		T::MinEvaluatorBond::get().saturating_mul(10u32.into())
	)
	.is_ok());
	who
}

fn item(i: u32) -> ContentHash {
	BlakeTwo256::hash_of(&(b"verity/bench-test-item", i))
}

fn items(n: u32) -> Vec<ContentHash> {
	(0..n).map(item).collect()
}

fn salt() -> [u8; 32] {
	[0x5a; 32]
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

/// A test set of `MaxTestItems` items registered through the helper.
fn test_set<T: Config>() -> Result<DatasetId, BenchmarkError> {
	T::BenchmarkHelper::test_set(items(T::MaxTestItems::get()))
		.ok_or(BenchmarkError::Stop("BenchmarkHelper::test_set gives no dataset"))
}

/// Writes a benchmark straight into storage (no peer checks), holding the deposit when proposed.
fn insert_benchmark<T: Config>(
	quorum: u32,
	n: u32,
	status: BenchmarkStatus<BlockNumberFor<T>>,
) -> BenchmarkId {
	let proposer = funded::<T>("proposer", 0);
	let proposed = status == BenchmarkStatus::Proposed;
	let deposit = if proposed { T::BenchmarkDeposit::get() } else { Zero::zero() };
	if proposed {
		assert!(T::Currency::hold(&HoldReason::BenchmarkDeposit.into(), &proposer, deposit).is_ok());
	}
	let id = NextBenchmarkId::<T>::get();
	Benchmarks::<T>::insert(
		id,
		BenchmarkInfo {
			proposer,
			deposit,
			proposed_at: now::<T>(),
			status,
			spec: spec::<T>(quorum, 0, n),
		},
	);
	NextBenchmarkId::<T>::put(id.saturating_add(1));
	id
}

fn approved<T: Config>(quorum: u32) -> BenchmarkId {
	insert_benchmark::<T>(quorum, 1, BenchmarkStatus::Approved { at: now::<T>() })
}

/// The helper's model version (without datasets), or version 0 when there is none: only
/// `request_evaluation` checks versions.
fn version<T: Config>() -> ModelVersionId {
	T::BenchmarkHelper::model_version(0).unwrap_or_default()
}

/// An open request on `benchmark` with quorum `quorum`, claimed by `claimed` fresh evaluators
/// (numbered from `first`). Returns the request and the claimants.
fn request<T: Config>(
	benchmark: BenchmarkId,
	quorum: u32,
	claimed: u32,
	first: u32,
) -> (RequestId, Vec<T::AccountId>) {
	let requester = funded::<T>("requester", first);
	let fee = T::MinRequestFee::get().saturating_mul(100u32.into());
	assert!(T::Currency::hold(&HoldReason::RequestFee.into(), &requester, fee).is_ok());
	let id = NextRequestId::<T>::get();
	let commit_by = now::<T>().saturating_add(T::CommitPeriod::get());
	assert!(EvalAttestation::<T>::schedule(commit_by, id).is_ok());
	Requests::<T>::insert(
		id,
		Request {
			requester,
			version: version::<T>(),
			benchmark,
			fee,
			quorum,
			seed: 42,
			created: now::<T>(),
			commit_by,
			status: RequestStatus::Open,
			assignments: BoundedVec::new(),
		},
	);
	NextRequestId::<T>::put(id.saturating_add(1));
	let claimants = (0..claimed)
		.map(|i| {
			let who = evaluator::<T>(first.saturating_add(i));
			assert!(EvalAttestation::<T>::do_claim(who.clone(), id).is_ok());
			who
		})
		.collect();
	(id, claimants)
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
				seat.commitment =
					Some(commitment_of(id, &seat.evaluator, r.score, r.contamination, &salt()));
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

	#[benchmark]
	fn propose_benchmark() -> Result<(), BenchmarkError> {
		let test_set = test_set::<T>()?;
		let who = funded::<T>("proposer", 0);
		let spec = spec::<T>(T::MaxQuorum::get(), test_set, T::MaxTestItems::get());
		let id = NextBenchmarkId::<T>::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(who), spec);

		assert!(Benchmarks::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn withdraw_proposal() -> Result<(), BenchmarkError> {
		let id = insert_benchmark::<T>(1, 1, BenchmarkStatus::Proposed);
		let proposer = Benchmarks::<T>::get(id).map(|b| b.proposer).ok_or("no benchmark")?;

		#[extrinsic_call]
		_(RawOrigin::Signed(proposer), id);

		assert!(!Benchmarks::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn approve_benchmark() -> Result<(), BenchmarkError> {
		let test_set = test_set::<T>()?;
		let who = funded::<T>("proposer", 0);
		let id = EvalAttestation::<T>::do_propose(
			who,
			spec::<T>(T::MaxQuorum::get(), test_set, T::MaxTestItems::get()),
		)
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
		let id = insert_benchmark::<T>(1, 1, BenchmarkStatus::Proposed);
		let origin =
			T::BenchmarkOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id);

		assert!(!Benchmarks::<T>::contains_key(id));
		Ok(())
	}

	/// Retirement revealing `i` test items, naming a successor.
	#[benchmark]
	fn retire_benchmark(i: Linear<1, { T::MaxTestItems::get() }>) -> Result<(), BenchmarkError> {
		let id = insert_benchmark::<T>(1, i, BenchmarkStatus::Approved { at: now::<T>() });
		let successor = approved::<T>(1);
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

	#[benchmark]
	fn bond_evaluator() {
		let who = funded::<T>("evaluator", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), T::MinEvaluatorBond::get());

		assert!(Evaluators::<T>::contains_key(&who));
	}

	#[benchmark]
	fn unbond_evaluator() {
		let who = evaluator::<T>(0);

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert!(!Evaluators::<T>::contains_key(&who));
	}

	/// A request for a version with `d` lineage datasets, each checked against the test set.
	#[benchmark]
	fn request_evaluation(
		d: Linear<0, { T::MaxLineageDatasets::get() }>,
	) -> Result<(), BenchmarkError> {
		let test_set = test_set::<T>()?;
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
		let (id, _) = request::<T>(approved::<T>(1), 1, 0, 0);
		let requester = Requests::<T>::get(id).map(|r| r.requester).ok_or("no request")?;

		#[extrinsic_call]
		_(RawOrigin::Signed(requester), id);

		assert!(!Requests::<T>::contains_key(id));
		Ok(())
	}

	/// The last seat of a request with quorum `q`.
	#[benchmark]
	fn claim(q: Linear<1, { T::MaxQuorum::get() }>) {
		let (id, _) = request::<T>(approved::<T>(q), q, q.saturating_sub(1), 0);
		let who = evaluator::<T>(10_000);

		#[extrinsic_call]
		_(RawOrigin::Signed(who), id);

		assert_eq!(Requests::<T>::get(id).map(|r| r.assignments.len() as u32), Some(q));
	}

	/// The last commitment of a request with quorum `q`: it opens the reveal phase.
	#[benchmark]
	fn commit(q: Linear<1, { T::MaxQuorum::get() }>) -> Result<(), BenchmarkError> {
		let (id, claimants) = request::<T>(approved::<T>(q), q, q, 0);
		let (last, others) = claimants.split_last().ok_or("no claimant")?;
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
	fn reveal(q: Linear<1, { T::MaxQuorum::get() }>) -> Result<(), BenchmarkError> {
		let benchmark = approved::<T>(q);
		let (id, claimants) = request::<T>(benchmark, q, q, 0);
		let until = now::<T>().saturating_add(T::RevealPeriod::get());
		commit_all::<T>(id, q.saturating_sub(1), until);
		// The request's own version: a runtime helper makes a new version on every call.
		let version = Requests::<T>::get(id).map(|r| r.version).ok_or("no request")?;
		fill_results::<T>(benchmark, version);
		let last = claimants.last().cloned().ok_or("no claimant")?;
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
	fn finalize(q: Linear<1, { T::MaxQuorum::get() }>) {
		let (id, _) = request::<T>(approved::<T>(q), q, q, 0);
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
				let (id, _) = request::<T>(benchmark, q, q, i.saturating_mul(q));
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

	impl_benchmark_test_suite!(EvalAttestation, crate::mock::new_bench_ext(), crate::mock::Test);
}
