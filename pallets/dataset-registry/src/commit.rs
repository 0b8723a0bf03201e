//! Registration commitments: a dataset's root is claimed by committing to it (bound to the
//! committing account) a block before revealing it in `register`, so a front-runner who sees
//! the reveal in the pool is a block too late, and a copied commitment opens only for its maker.

use crate::{
	BalanceOf, Config, Error, Event, HoldReason, Pallet, RegistrationCommit, RegistrationCommits,
};
use codec::Encode;
use frame_support::{
	ensure,
	traits::{fungible::MutateHold, tokens::Precision, Get},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_core::H256;
use sp_runtime::{
	traits::{BlakeTwo256, Hash, Saturating},
	DispatchResult,
};
use verity_primitives::{
	commitment::{commitment, DATASET_REGISTRATION},
	ContentHash,
};

/// The value a registration commitment binds: `blake2_256(SCALE(shards))`, the shard list as
/// `register` is given it.
pub fn shards_hash(shards: &[ContentHash]) -> H256 {
	BlakeTwo256::hash(&shards.encode())
}

impl<T: Config> Pallet<T> {
	/// The commitment `owner` makes before registering `shards` under `root` with `salt`.
	pub fn registration_commitment(
		root: &ContentHash,
		owner: &T::AccountId,
		shards: &[ContentHash],
		salt: &H256,
	) -> H256 {
		commitment(DATASET_REGISTRATION, root, owner, &shards_hash(shards), salt)
	}

	/// The last block in which a commitment made at `made_at` opens.
	pub(crate) fn commit_expiry(made_at: BlockNumberFor<T>) -> BlockNumberFor<T> {
		made_at.saturating_add(T::RegistrationCommitExpiry::get())
	}

	pub(crate) fn do_commit_registration(who: T::AccountId, hash: H256) -> DispatchResult {
		ensure!(!RegistrationCommits::<T>::contains_key(&who, hash), Error::<T>::CommitmentExists);
		let deposit: BalanceOf<T> = T::RegistrationCommitDeposit::get();
		T::Currency::hold(&HoldReason::RegistrationCommit.into(), &who, deposit)?;
		let made_at = frame_system::Pallet::<T>::block_number();
		RegistrationCommits::<T>::insert(&who, hash, RegistrationCommit { made_at, deposit });
		Self::deposit_event(Event::RegistrationCommitted {
			who,
			commitment: hash,
			expires_at: Self::commit_expiry(made_at),
		});
		Ok(())
	}

	pub(crate) fn do_clear_registration_commit(
		who: T::AccountId,
		maker: T::AccountId,
		hash: H256,
	) -> DispatchResult {
		let commit = RegistrationCommits::<T>::get(&maker, hash).ok_or(Error::<T>::NoCommitment)?;
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(
			who == maker || now > Self::commit_expiry(commit.made_at),
			Error::<T>::CommitmentNotExpired
		);
		Self::release_commit(&maker, hash, commit.deposit)?;
		Self::deposit_event(Event::RegistrationCommitCleared { who: maker, commitment: hash });
		Ok(())
	}

	/// Checks that `owner` committed to registering `shards` under `root` with `salt` in an
	/// earlier block that has not expired; returns the commitment to open.
	pub(crate) fn check_commitment(
		owner: &T::AccountId,
		root: &ContentHash,
		shards: &[ContentHash],
		salt: &H256,
	) -> Result<(H256, BalanceOf<T>), sp_runtime::DispatchError> {
		let hash = Self::registration_commitment(root, owner, shards, salt);
		let commit = RegistrationCommits::<T>::get(owner, hash).ok_or(Error::<T>::NoCommitment)?;
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now > commit.made_at, Error::<T>::CommitmentTooRecent);
		ensure!(now <= Self::commit_expiry(commit.made_at), Error::<T>::CommitmentExpired);
		Ok((hash, commit.deposit))
	}

	/// Removes a commitment and returns its deposit to its maker.
	pub(crate) fn release_commit(
		maker: &T::AccountId,
		hash: H256,
		deposit: BalanceOf<T>,
	) -> DispatchResult {
		T::Currency::release(
			&HoldReason::RegistrationCommit.into(),
			maker,
			deposit,
			Precision::Exact,
		)?;
		RegistrationCommits::<T>::remove(maker, hash);
		Ok(())
	}
}
