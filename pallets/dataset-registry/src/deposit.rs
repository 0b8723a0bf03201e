//! The storage deposit of a dataset, through `frame_support`'s `Consideration`: a
//! [`HoldConsideration`] under [`HoldReason::DatasetDeposit`], priced
//! `DepositBase + DepositPerByte × bytes` ([`DepositPrice`]) and updated whenever the bytes the
//! dataset occupies change. The ticket lives in the dataset's record; queries, events and
//! ownership transfers use the amount it holds ([`Pallet::held_by`]), and `try_state` checks
//! that it is the price of the dataset's current footprint. A runtime upgrade that changes
//! `DepositBase` or `DepositPerByte` needs a migration that settles every ticket (`update`).

use crate::{
	BalanceOf, Config, Contributors, DatasetRecord, HoldReason, Overlaps, Pallet, Upstreams,
};
use codec::{Decode, Encode, MaxEncodedLen};
use core::marker::PhantomData;
use frame_support::traits::{fungible::HoldConsideration, Consideration, Footprint, Get};
use sp_runtime::{
	traits::{Convert, Saturating},
	DispatchResult, SaturatedConversion,
};
use verity_primitives::{ContentHash, DatasetId};

/// A shard costs its hash in the dataset's list and a dataset id in the shard index.
const BYTES_PER_SHARD: u32 = 32 + 8;
/// The root index entry: root and dataset id.
const ROOT_INDEX_BYTES: u32 = 32 + 8;
/// A recorded overlap or upstream: dataset id and shared count.
const BYTES_PER_OVERLAP: u32 = 8 + 4;

/// The deposit ticket a dataset record holds.
pub type DepositOf<T> = HoldConsideration<
	<T as frame_system::Config>::AccountId,
	<T as Config>::Currency,
	DepositReason<T>,
	DepositPrice<T>,
	Footprint,
>;

/// The hold a dataset deposit is under.
pub struct DepositReason<T>(PhantomData<T>);
impl<T: Config> Get<T::RuntimeHoldReason> for DepositReason<T> {
	fn get() -> T::RuntimeHoldReason {
		HoldReason::DatasetDeposit.into()
	}
}

/// `DepositBase + DepositPerByte × bytes` for a footprint of one dataset of `bytes` bytes.
pub struct DepositPrice<T>(PhantomData<T>);
impl<T: Config> Convert<Footprint, BalanceOf<T>> for DepositPrice<T> {
	fn convert(footprint: Footprint) -> BalanceOf<T> {
		let bytes: BalanceOf<T> = footprint.count.saturating_mul(footprint.size).saturated_into();
		T::DepositBase::get().saturating_add(T::DepositPerByte::get().saturating_mul(bytes))
	}
}

impl<T: Config> Pallet<T> {
	/// Bytes a dataset occupies, counting its record, shards, index entries, overlaps and
	/// upstreams (`overlaps` counts both) and contributors. The record's flags (`revoked`,
	/// `tainted_by`) count at their largest from the start: governance and the taint walk set
	/// them without asking the owner for more.
	pub(crate) fn footprint(record: &DatasetRecord<T>, overlaps: u32, contributors: u32) -> u32 {
		let per_contributor =
			u32::try_from(T::AccountId::max_encoded_len()).unwrap_or(u32::MAX).saturating_add(4);
		let flags_now =
			record.revoked.encoded_size().saturating_add(record.tainted_by.encoded_size());
		let flags_max = Option::<ContentHash>::max_encoded_len()
			.saturating_add(Option::<DatasetId>::max_encoded_len());
		let record_bytes =
			record.encoded_size().saturating_sub(flags_now).saturating_add(flags_max);
		u32::try_from(record_bytes)
			.unwrap_or(u32::MAX)
			.saturating_add(ROOT_INDEX_BYTES)
			.saturating_add(BYTES_PER_SHARD.saturating_mul(record.shard_count))
			.saturating_add(BYTES_PER_OVERLAP.saturating_mul(overlaps))
			.saturating_add(per_contributor.saturating_mul(contributors))
	}

	/// Bytes dataset `id` occupies now, with its recorded overlaps, upstreams and contributors.
	pub(crate) fn current_footprint(id: DatasetId, record: &DatasetRecord<T>) -> u32 {
		let overlaps = Overlaps::<T>::decode_len(id)
			.unwrap_or(0)
			.saturating_add(Upstreams::<T>::decode_len(id).unwrap_or(0));
		let contributors = Contributors::<T>::decode_len(id).unwrap_or(0);
		Self::footprint(record, crate::len_u32(overlaps), crate::len_u32(contributors))
	}

	/// The deposit for a dataset of `bytes` bytes.
	pub fn deposit_for(bytes: u32) -> BalanceOf<T> {
		DepositPrice::<T>::convert(Self::one_dataset(bytes))
	}

	/// The price of dataset `id`'s current footprint: what its ticket must hold.
	pub(crate) fn price_now(id: DatasetId, record: &DatasetRecord<T>) -> BalanceOf<T> {
		Self::deposit_for(Self::current_footprint(id, record))
	}

	/// What `record`'s deposit ticket holds. `HoldConsideration` keeps the amount private; its
	/// SCALE encoding, which is what storage keeps, is exactly that amount.
	pub fn held_by(record: &DatasetRecord<T>) -> BalanceOf<T> {
		BalanceOf::<T>::decode(&mut &record.deposit.encode()[..]).unwrap_or_default()
	}

	/// A fresh ticket for a new dataset of `owner`, at the price of an empty footprint; the
	/// caller settles it to the dataset's bytes once the record is built.
	pub(crate) fn open_deposit(
		owner: &T::AccountId,
	) -> Result<DepositOf<T>, sp_runtime::DispatchError> {
		DepositOf::<T>::new(owner, Self::one_dataset(0))
	}

	/// Holds the increase or releases the decrease from the owner so that the ticket holds the
	/// price of `bytes`.
	pub(crate) fn settle_deposit(record: &mut DatasetRecord<T>, bytes: u32) -> DispatchResult {
		record.deposit = record.deposit.clone().update(&record.owner, Self::one_dataset(bytes))?;
		Ok(())
	}

	/// Settles the ticket of dataset `id` to its current footprint.
	pub(crate) fn refresh_deposit(id: DatasetId, record: &mut DatasetRecord<T>) -> DispatchResult {
		let bytes = Self::current_footprint(id, record);
		Self::settle_deposit(record, bytes)
	}

	fn one_dataset(bytes: u32) -> Footprint {
		Footprint::from_parts(1, bytes as usize)
	}
}
