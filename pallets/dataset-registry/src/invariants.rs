//! Invariants checked by `try_state` and after every unit test.

use crate::{
	royalties::shares_are_whole, Attestations, BalanceOf, Config, Contributors, DatasetByRoot,
	Datasets, Derived, DrawQueue, HoldReason, NextDatasetId, Overlaps, Pallet, Pins,
	RegistrationCommits, Rounds, ShardOwners, Shards, Upstreams, VerificationStatus, Verifiers,
};
use alloc::collections::{BTreeMap, BTreeSet};
use frame_support::{ensure, traits::fungible::InspectHold, traits::Get};
use sp_runtime::{traits::Saturating, TryRuntimeError};
use verity_primitives::{merkle, DatasetId};

impl<T: Config> Pallet<T> {
	/// Checks that indexes, counters and held funds agree with the records.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let next = NextDatasetId::<T>::get();
		let mut deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut derivations: BTreeSet<(DatasetId, DatasetId)> = BTreeSet::new();
		let mut open_votes: BTreeMap<T::AccountId, u32> = BTreeMap::new();

		for (id, record) in Datasets::<T>::iter() {
			ensure!(id < next, "a dataset id is not below NextDatasetId");
			let shards = Shards::<T>::get(id);
			ensure!(crate::len_u32(shards.len()) == record.shard_count, "shard count differs");
			ensure!(merkle::root(shards.iter()) == record.root, "root is not over the shards");
			ensure!(
				DatasetByRoot::<T>::get(record.root) == Some(id),
				"root index misses a dataset"
			);
			let contributors = Contributors::<T>::get(id);
			ensure!(
				contributors.is_empty() || shares_are_whole(&contributors),
				"contributor shares do not sum to 100%"
			);
			let ticket = Self::held_by(&record);
			ensure!(
				ticket == Self::price_now(id, &record),
				"a deposit is not its footprint's price"
			);
			let held = deposits.entry(record.owner.clone()).or_default();
			*held = held.saturating_add(ticket);
			for parent in record.parents.iter().copied().chain(record.kind.prompt_set()) {
				ensure!(
					parent < id,
					"a dataset names a later or equal one as parent or prompt set"
				);
				derivations.insert((parent, id));
			}
			if let Some(by) = record.tainted_by {
				let cause = Datasets::<T>::get(by).ok_or("tainted by an unknown dataset")?;
				ensure!(
					cause.status == VerificationStatus::Rejected || cause.revoked.is_some(),
					"tainted by a dataset that is neither rejected nor revoked"
				);
				ensure!(
					record
						.parents
						.iter()
						.copied()
						.chain(record.kind.prompt_set())
						.any(|p| { Datasets::<T>::get(p).is_some_and(|r| r.is_flagged()) }),
					"tainted without a flagged source"
				);
			}
			if record.status == VerificationStatus::Pending {
				ensure!(
					!Attestations::<T>::contains_key(id),
					"a pending dataset has a verdict's votes"
				);
			}
			let upstreams = Upstreams::<T>::get(id);
			let mut attributed = 0u32;
			for (upstream, n) in upstreams.iter() {
				ensure!(*upstream < id, "an upstream is not an earlier dataset");
				ensure!(*n > 0, "an upstream with no shards");
				attributed = attributed.saturating_add(*n);
			}
			ensure!(attributed < record.shard_count, "upstreams hold every shard");
		}

		let quorum = T::VerificationQuorum::get() as usize;
		let queue = DrawQueue::<T>::get();
		for (id, round) in Rounds::<T>::iter() {
			let record = Datasets::<T>::get(id).ok_or("a round for a removed dataset")?;
			ensure!(
				record.status == VerificationStatus::Pending && !record.retired,
				"a round for a decided or retired dataset"
			);
			match round.drawn_at {
				None => {
					ensure!(round.seats.is_empty(), "seats before the draw");
					ensure!(queue.contains(&id), "an undrawn round is not queued");
				},
				Some(_) => {
					ensure!(round.seats.len() == quorum, "a drawn round without every seat");
					ensure!(!queue.contains(&id), "a drawn round is queued");
					let mut seen = BTreeSet::new();
					for seat in round.seats.iter() {
						ensure!(seen.insert(seat.verifier.clone()), "a verifier holds two seats");
						ensure!(
							seat.vote.is_none() || seat.commitment.is_some(),
							"a vote revealed without a commitment"
						);
						let n = open_votes.entry(seat.verifier.clone()).or_default();
						*n = n.saturating_add(1);
					}
				},
			}
		}
		for id in queue.iter() {
			ensure!(
				Rounds::<T>::get(id).is_some_and(|r| r.drawn_at.is_none()),
				"a queued request has no undrawn round"
			);
		}
		for (id, pins) in Pins::<T>::iter() {
			ensure!(Datasets::<T>::contains_key(id), "pins on a removed dataset");
			ensure!(pins > 0, "an empty pin entry");
		}
		let mut commits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for (who, _, commit) in RegistrationCommits::<T>::iter() {
			let held = commits.entry(who).or_default();
			*held = held.saturating_add(commit.deposit);
		}
		for (who, total) in commits {
			let held = T::Currency::balance_on_hold(&HoldReason::RegistrationCommit.into(), &who);
			ensure!(held == total, "held commitment deposits differ from the recorded ones");
		}

		for (owner, total) in deposits {
			let held = T::Currency::balance_on_hold(&HoldReason::DatasetDeposit.into(), &owner);
			ensure!(held == total, "held dataset deposits differ from the recorded ones");
		}
		for (shard, owners) in ShardOwners::<T>::iter() {
			ensure!(!owners.is_empty(), "empty shard index entry");
			for id in owners {
				ensure!(
					Shards::<T>::get(id).contains(&shard),
					"a shard index entry names a dataset without the shard"
				);
			}
		}
		for (root, id) in DatasetByRoot::<T>::iter() {
			ensure!(
				Datasets::<T>::get(id).is_some_and(|r| r.root == root),
				"root index names a dataset with another root"
			);
		}
		let indexed: BTreeSet<(DatasetId, DatasetId)> = Derived::<T>::iter_keys().collect();
		ensure!(indexed == derivations, "the derivation index differs from the records");
		// A flagged dataset's unflagged derived datasets are still ahead of its walk.
		for (source, derived) in derivations.iter() {
			let flagged = |id: &DatasetId| Datasets::<T>::get(id).is_some_and(|r| r.is_flagged());
			ensure!(
				!flagged(source) || flagged(derived) || Self::ahead_of_walk(*source, *derived),
				"derived from flagged data, neither flagged nor queued"
			);
		}
		for (node, walk) in crate::TaintQueue::<T>::iter() {
			ensure!(
				Datasets::<T>::get(node).is_some_and(|r| r.is_flagged()),
				"queued dataset not flagged"
			);
			ensure!(
				Derived::<T>::iter_key_prefix(node).any(|d| Self::ahead_of_walk(node, d)),
				"queued with nothing left to visit"
			);
			ensure!(
				Datasets::<T>::get(walk.by).is_some_and(|r| r.is_flagged()),
				"queued for a cause not flagged"
			);
		}
		for id in Shards::<T>::iter_keys()
			.chain(Overlaps::<T>::iter_keys())
			.chain(Contributors::<T>::iter_keys())
			.chain(Attestations::<T>::iter_keys())
			.chain(Upstreams::<T>::iter_keys())
		{
			ensure!(Datasets::<T>::contains_key(id), "data left for a removed dataset");
		}
		let verifiers = crate::len_u32(Verifiers::<T>::iter_keys().count());
		ensure!(verifiers == Verifiers::<T>::count(), "verifier counter differs");
		ensure!(verifiers <= T::MaxVerifiers::get(), "more verifiers than MaxVerifiers");
		for (who, info) in Verifiers::<T>::iter() {
			let held = T::Currency::balance_on_hold(&HoldReason::VerifierBond.into(), &who);
			ensure!(held == info.bond, "held verifier bond differs from the recorded one");
			ensure!(
				open_votes.remove(&who).unwrap_or(0) == info.open_votes,
				"open votes differ from the seats in open rounds"
			);
		}
		ensure!(open_votes.is_empty(), "a seat in an open round has no verifier");
		Ok(())
	}

	/// Whether the walk queued for `source` has yet to visit `derived`.
	fn ahead_of_walk(source: DatasetId, derived: DatasetId) -> bool {
		crate::TaintQueue::<T>::get(source).is_some_and(|walk| match walk.after {
			None => true,
			Some(after) => {
				Derived::<T>::hashed_key_for(source, derived)
					> Derived::<T>::hashed_key_for(source, after)
			},
		})
	}
}
