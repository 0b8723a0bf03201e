//! Runtime API of eval attestation: benchmark standards, requests in flight, evaluators,
//! leaderboards and a version's attested scores. The runtime implements it with the pallet's
//! plain functions `benchmark_view`, `revealed_test_set`, `request_view`, `evaluator`,
//! `leaderboard`, `scores` and `history`.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
pub use pallet_eval_attestation::{
	AttestationView, BenchmarkScore, BenchmarkView, Evaluator, LeaderboardRow, RequestId,
	RequestView, Score, TestSetView,
};
pub use verity_primitives::{BenchmarkId, ModelVersionId};

sp_api::decl_runtime_apis! {
	/// Reads of eval attestation for clients.
	pub trait EvalAttestationApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// A benchmark standard (spec, status, proposer, deposit).
		fn benchmark(id: BenchmarkId) -> Option<BenchmarkView<AccountId, Balance, BlockNumber>>;
		/// The test set a retired benchmark revealed.
		fn revealed_test_set(id: BenchmarkId) -> Option<TestSetView>;
		/// A benchmark's leaderboard, best first: version, median of its kept attested scores,
		/// block of the latest, and the version's taint if it is tainted now.
		fn leaderboard(benchmark: BenchmarkId) -> Vec<LeaderboardRow<BlockNumber>>;
		/// A version's latest attestation on each benchmark, by benchmark id.
		fn scores(version: ModelVersionId) -> Vec<BenchmarkScore<AccountId, BlockNumber>>;
		/// The attestations of a version on a benchmark, oldest first.
		fn history(version: ModelVersionId, benchmark: BenchmarkId) -> Vec<AttestationView<AccountId, BlockNumber>>;
		/// A request in flight (finished requests are gone; see `scores` and events).
		fn request(id: RequestId) -> Option<RequestView<AccountId, Balance, BlockNumber>>;
		/// An evaluator's bond and record.
		fn evaluator(who: AccountId) -> Option<Evaluator<Balance>>;
	}
}
