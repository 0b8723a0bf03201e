//! The evaluator draw: at the start of the block after a request (its `draw_at`), `quorum`
//! seats are drawn from the pool, weighted by bond, among the evaluators bonded at least the
//! benchmark's minimum and below their request limit, leaving out the requester and the accounts
//! that control the version; the same randomness fixes the request's seed.

use crate::{types::*, Benchmarks, Config, Error, EvaluatorPool, Evaluators, Event, Pallet};
use alloc::vec::Vec;
use codec::{Decode, Encode};
use frame_support::{
	traits::{Get, Randomness},
	BoundedVec,
};
use sp_runtime::{
	traits::{BlakeTwo256, Hash, UniqueSaturatedInto},
	DispatchResult, Saturating,
};
use verity_primitives::{commitment::EVAL_SCORE, draw::draw_weighted, traits::VersionOwners};

impl<T: Config> Pallet<T> {
	/// Draws the seats of a pending request, or fails it (refund) when too few are eligible.
	pub(crate) fn draw(id: RequestId, mut request: RequestOf<T>) -> DispatchResult {
		let benchmark =
			Benchmarks::<T>::get(request.benchmark).ok_or(Error::<T>::UnknownBenchmark)?;
		let min_bond = benchmark.spec.min_evaluator_bond.max(T::MinEvaluatorBond::get());
		let mut excluded = T::VersionOwners::owners(request.version);
		excluded.push(request.requester.clone());
		let limit = T::MaxRequestsPerEvaluator::get();
		let candidates: Vec<(T::AccountId, u128)> = EvaluatorPool::<T>::get()
			.into_iter()
			.filter(|who| !excluded.contains(who))
			.filter_map(|who| {
				let record = Evaluators::<T>::get(&who)?;
				let eligible = record.bond >= min_bond && record.open_requests < limit;
				eligible.then(|| (who, record.bond.unique_saturated_into()))
			})
			.collect();

		// Subject = (domain, request): two draws in one block differ.
		let (random, _) = T::Randomness::random(&(EVAL_SCORE, id).encode());
		let drawn = draw_weighted(candidates, request.quorum, &random.0);
		if (drawn.len() as u32) < request.quorum {
			Self::fail(id, &request, FailReason::NotEnoughEvaluators);
			return Ok(());
		}
		let seed = match benchmark.spec.seed {
			SeedPolicy::Fixed(seed) => seed,
			SeedPolicy::PerRequest => {
				let hash = BlakeTwo256::hash_of(&(b"verity/eval-seed", random));
				u64::decode(&mut hash.as_bytes()).unwrap_or_default()
			},
		};
		for who in drawn.iter() {
			Evaluators::<T>::mutate(who, |record| {
				if let Some(record) = record {
					record.open_requests = record.open_requests.saturating_add(1);
				}
			});
		}
		let now = frame_system::Pallet::<T>::block_number();
		let until = now.saturating_add(T::CommitPeriod::get());
		request.assignments = BoundedVec::truncate_from(
			drawn
				.iter()
				.map(|who| Assignment { evaluator: who.clone(), commitment: None, revealed: None })
				.collect(),
		);
		request.seed = Some(seed);
		request.status = RequestStatus::Committing { until };
		// A full queue leaves the deadline to `finalize`, which anyone may call.
		let _ = Self::schedule(until, id);
		crate::Requests::<T>::insert(id, request);
		Self::deposit_event(Event::EvaluatorsDrawn {
			request: id,
			evaluators: drawn,
			seed,
			commit_by: until,
		});
		Ok(())
	}
}
