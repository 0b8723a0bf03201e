//! The storage deposit of a dataset: what it costs, and keeping the held amount equal to it.

use crate::{BalanceOf, Config, DatasetRecord, HoldReason, Pallet};
use codec::{Encode, MaxEncodedLen};
use frame_support::traits::{fungible::MutateHold, tokens::Precision, Get};
use sp_runtime::{traits::Saturating, DispatchResult};

/// A shard costs its hash in the dataset's list and a dataset id in the shard index.
const BYTES_PER_SHARD: u32 = 32 + 8;
/// The root index entry: root and dataset id.
const ROOT_INDEX_BYTES: u32 = 32 + 8;
/// A recorded overlap or upstream: dataset id and shared count.
const BYTES_PER_OVERLAP: u32 = 8 + 4;

impl<T: Config> Pallet<T> {
	/// Bytes a dataset occupies, counting its record, shards, index entries, overlaps and
	/// upstreams (`overlaps` counts both) and contributors.
	pub(crate) fn footprint(record: &DatasetRecord<T>, overlaps: u32, contributors: u32) -> u32 {
		let per_contributor =
			u32::try_from(T::AccountId::max_encoded_len()).unwrap_or(u32::MAX).saturating_add(4);
		u32::try_from(record.encoded_size())
			.unwrap_or(u32::MAX)
			.saturating_add(ROOT_INDEX_BYTES)
			.saturating_add(BYTES_PER_SHARD.saturating_mul(record.shard_count))
			.saturating_add(BYTES_PER_OVERLAP.saturating_mul(overlaps))
			.saturating_add(per_contributor.saturating_mul(contributors))
	}

	/// The deposit for a dataset of `bytes` bytes.
	pub fn deposit_for(bytes: u32) -> BalanceOf<T> {
		T::DepositBase::get().saturating_add(T::DepositPerByte::get().saturating_mul(bytes.into()))
	}

	/// The deposit `record` needs with `overlaps` recorded overlaps and `contributors`.
	pub(crate) fn required_deposit(
		record: &DatasetRecord<T>,
		overlaps: u32,
		contributors: u32,
	) -> BalanceOf<T> {
		Self::deposit_for(Self::footprint(record, overlaps, contributors))
	}

	/// Holds the increase or releases the decrease from the owner so that exactly `new` is held
	/// for the dataset, and records it.
	pub(crate) fn settle_deposit(
		record: &mut DatasetRecord<T>,
		new: BalanceOf<T>,
	) -> DispatchResult {
		let reason = HoldReason::DatasetDeposit.into();
		if new > record.deposit {
			T::Currency::hold(&reason, &record.owner, new.saturating_sub(record.deposit))?;
		} else if new < record.deposit {
			T::Currency::release(
				&reason,
				&record.owner,
				record.deposit.saturating_sub(new),
				Precision::Exact,
			)?;
		}
		record.deposit = new;
		Ok(())
	}
}
