//! Plain reads for the runtime API: benchmarks, requests, evaluators, results, leaderboards.

use crate::{
	types::*, Benchmarks, Config, Evaluators, Leaderboards, Pallet, Requests, Results,
	RevealedTestSets,
};
use alloc::vec::Vec;
use frame_system::pallet_prelude::BlockNumberFor;
use verity_primitives::{traits::LineageInspect, BenchmarkId, ModelVersionId};

fn attestation_view<T: Config>(
	a: AttestationOf<T>,
) -> AttestationView<T::AccountId, BlockNumberFor<T>> {
	Attestation {
		request: a.request,
		score: a.score,
		contamination: a.contamination,
		evaluators: a.evaluators.into_inner(),
		at: a.at,
	}
}

impl<T: Config> Pallet<T> {
	/// A benchmark standard and where it stands.
	pub fn benchmark_view(
		id: BenchmarkId,
	) -> Option<BenchmarkView<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>> {
		Benchmarks::<T>::get(id).map(|b| BenchmarkInfo {
			proposer: b.proposer,
			deposit: b.deposit,
			proposed_at: b.proposed_at,
			status: b.status,
			spec: BenchmarkSpec {
				name: b.spec.name.into_inner(),
				spec_hash: b.spec.spec_hash,
				spec_uri: b.spec.spec_uri.into_inner(),
				metric: b.spec.metric.into_inner(),
				direction: b.spec.direction,
				harness_hash: b.spec.harness_hash,
				seed: b.spec.seed,
				batch_size: b.spec.batch_size,
				tolerance: b.spec.tolerance,
				quorum: b.spec.quorum,
				min_evaluator_bond: b.spec.min_evaluator_bond,
				test_set: b.spec.test_set,
				test_set_root: b.spec.test_set_root,
				test_items: b.spec.test_items,
			},
		})
	}

	/// The test set a retired benchmark revealed.
	pub fn revealed_test_set(id: BenchmarkId) -> Option<TestSetView> {
		RevealedTestSets::<T>::get(id)
			.map(|r| TestSetReveal { items: r.items.into_inner(), uri: r.uri.into_inner() })
	}

	/// A request in flight.
	pub fn request_view(
		id: RequestId,
	) -> Option<RequestView<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>> {
		Requests::<T>::get(id).map(|r| Request {
			requester: r.requester,
			version: r.version,
			benchmark: r.benchmark,
			fee: r.fee,
			quorum: r.quorum,
			seed: r.seed,
			created: r.created,
			status: r.status,
			assignments: r.assignments.into_inner(),
		})
	}

	/// The evaluators seats are drawn from.
	pub fn evaluator_pool() -> Vec<T::AccountId> {
		crate::EvaluatorPool::<T>::get().into_inner()
	}

	/// An evaluator's bond and record.
	pub fn evaluator(who: &T::AccountId) -> Option<Evaluator<BalanceOf<T>>> {
		Evaluators::<T>::get(who)
	}

	/// A benchmark's leaderboard, best first, each row with the version's taint if any.
	pub fn leaderboard(benchmark: BenchmarkId) -> Vec<LeaderboardRow<BlockNumberFor<T>>> {
		Leaderboards::<T>::get(benchmark)
			.into_iter()
			.map(|(version, score, at)| LeaderboardRow {
				version,
				score,
				at,
				tainted_by: T::Lineage::taint(version),
			})
			.collect()
	}

	/// A version's latest attestation on every benchmark it was evaluated on, by benchmark id.
	pub fn scores(version: ModelVersionId) -> Vec<BenchmarkScore<T::AccountId, BlockNumberFor<T>>> {
		let mut latest: Vec<_> = Results::<T>::iter_prefix(version)
			.filter_map(|(benchmark, history)| {
				history.into_inner().pop().map(|a| (benchmark, attestation_view::<T>(a)))
			})
			.collect();
		latest.sort_by_key(|(benchmark, _)| *benchmark);
		latest
	}

	/// The attestations of a version on a benchmark, oldest first.
	pub fn history(
		version: ModelVersionId,
		benchmark: BenchmarkId,
	) -> Vec<AttestationView<T::AccountId, BlockNumberFor<T>>> {
		Results::<T>::get(version, benchmark)
			.map(|h| h.into_iter().map(attestation_view::<T>).collect())
			.unwrap_or_default()
	}
}
