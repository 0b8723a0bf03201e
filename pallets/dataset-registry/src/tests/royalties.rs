use super::*;
use crate::{Contributors, Datasets, Error, Usage};
use frame_support::assert_noop;
use sp_runtime::Permill;
use verity_primitives::traits::{DatasetContributors, DatasetInspect, DatasetUsage};

fn set(who: u64, id: DatasetId, rate: u32, contributors: Vec<(u64, u32)>) -> DispatchResult {
	DatasetRegistry::set_royalties(
		RuntimeOrigin::signed(who),
		id,
		Permill::from_percent(rate),
		contributors.into_iter().map(|(a, p)| (a, Permill::from_percent(p))).collect(),
	)
}

#[test]
fn shares_must_sum_to_exactly_one_hundred_percent() {
	new_test_ext(|| {
		let id = register(1, shards([1]));
		assert_noop!(set(1, id, 5, vec![(2, 60), (3, 30)]), Error::<Test>::SharesNotWhole);
		assert_noop!(set(1, id, 5, vec![(2, 60), (3, 50)]), Error::<Test>::SharesNotWhole);
		assert_noop!(set(1, id, 5, vec![(2, 50), (2, 50)]), Error::<Test>::DuplicateContributor);
		assert_noop!(
			set(1, id, 5, vec![(2, 20), (3, 20), (4, 20), (5, 20), (6, 20)]),
			Error::<Test>::TooManyContributors
		);
		assert_noop!(set(2, id, 5, vec![(2, 100)]), Error::<Test>::NotOwner);
		assert_noop!(set(1, 9, 5, vec![(2, 100)]), Error::<Test>::UnknownDataset);

		assert_ok!(set(1, id, 5, vec![(2, 60), (3, 40)]));
		assert_eq!(Datasets::<Test>::get(id).unwrap().royalty_rate, Permill::from_percent(5));
		assert_eq!(
			DatasetRegistry::contributors(id),
			vec![(2, Permill::from_percent(60)), (3, Permill::from_percent(40))]
		);
		assert_eq!(DatasetRegistry::owner(id), Some(1));
		assert_eq!(
			events().last(),
			Some(&Event::RoyaltiesSet {
				id,
				royalty_rate: Permill::from_percent(5),
				contributors: 2
			})
		);
	});
}

#[test]
fn contributors_are_paid_for_by_the_deposit_and_clearing_returns_it() {
	new_test_ext(|| {
		let id = register(1, shards([1]));
		let before = held_deposit(1);
		assert_ok!(set(1, id, 5, vec![(2, 50), (3, 50)]));
		// An 8-byte account and a 4-byte share per contributor.
		assert_eq!(held_deposit(1), before + 2 * 12 * DepositPerByte::get());
		assert_ok!(set(1, id, 5, vec![]));
		assert_eq!(held_deposit(1), before);
		assert!(!Contributors::<Test>::contains_key(id));
	});
}

#[test]
fn usage_pays_contributors_by_share_and_the_dust_to_the_owner() {
	new_test_ext(|| {
		let id = register(1, shards([1]));
		let third = Permill::from_parts(333_333);
		assert_ok!(DatasetRegistry::set_royalties(
			RuntimeOrigin::signed(1),
			id,
			Permill::from_percent(10),
			vec![(2, third), (3, third), (4, Permill::from_parts(333_334))],
		));
		let (owner, c2, c3, c4, payer) = (free(1), free(2), free(3), free(4), free(5));

		assert_eq!(use_dataset(id, 5, 1_000), Ok(100));
		// 33 each (rounded down), the remaining 1 to the owner.
		assert_eq!((free(2) - c2, free(3) - c3, free(4) - c4), (33, 33, 33));
		assert_eq!(free(1) - owner, 1);
		assert_eq!(payer - free(5), 100);
		assert_eq!(DatasetRegistry::usage(id), (1, 100));
		assert_eq!(
			events().last(),
			Some(&Event::UsageRecorded { id, payer: 5, amount: 1_000, royalty: 100 })
		);

		assert_eq!(use_dataset(id, 5, 500), Ok(50));
		assert_eq!(DatasetRegistry::usage(id), (2, 150));
	});
}

#[test]
fn without_contributors_the_owner_takes_the_royalty() {
	new_test_ext(|| {
		let id = register(1, shards([1]));
		// No rate set yet: a use is counted and pays nothing.
		assert_eq!(use_dataset(id, 5, 1_000), Ok(0));
		assert_eq!(DatasetRegistry::usage(id), (1, 0));
		assert_ok!(set(1, id, 20, vec![]));
		let owner = free(1);
		assert_eq!(use_dataset(id, 5, 1_000), Ok(200));
		assert_eq!(free(1) - owner, 200);
		assert_eq!(DatasetRegistry::usage(id), (2, 200));
	});
}

#[test]
fn usage_of_unusable_datasets_is_refused() {
	new_test_ext(|| {
		assert_noop!(use_dataset(9, 5, 1_000), Error::<Test>::UnknownDataset);

		let retired = register(1, shards([1]));
		assert_ok!(DatasetRegistry::retire(RuntimeOrigin::signed(1), retired));
		assert_noop!(use_dataset(retired, 5, 1_000), Error::<Test>::DatasetRetired);

		let generated = crate::NextDatasetId::<Test>::get();
		assert_ok!(try_register(1, shards([2]), synthetic(None), vec![]));
		assert!(!DatasetRegistry::is_usable(generated));
		assert_noop!(use_dataset(generated, 5, 1_000), Error::<Test>::NotVerified);
		// A runtime that does not require verification lets it be used at once.
		RequireSyntheticVerification::set(false);
		assert!(DatasetRegistry::is_usable(generated));
		assert_ok!(use_dataset(generated, 5, 1_000));
	});
}

#[test]
fn payees_move_no_money_and_the_rate_is_capped_by_the_snapshot() {
	new_test_ext(|| {
		let id = register(1, shards([1]));
		assert_ok!(set(1, id, 50, vec![(2, 50), (3, 50)]));
		assert_eq!(
			<DatasetRegistry as DatasetUsage<u64, u64>>::royalty_rate(id),
			Some(Permill::from_percent(50))
		);
		let before = (free(1), free(2), free(3), free(5));
		// The job agreed 10% when it was submitted; the owner raised the rate since.
		let payees = <DatasetRegistry as DatasetUsage<u64, u64>>::royalty_payees(
			id,
			1_000,
			Permill::from_percent(10),
		)
		.unwrap();
		// Charged at this dataset's own size (2 contributors, no upstream), not the worst case.
		use crate::weights::WeightInfo;
		assert_eq!(payees.weight, <Test as crate::Config>::WeightInfo::record_usage(2, 0));
		let worst = <DatasetRegistry as DatasetUsage<u64, u64>>::record_usage_weight();
		assert!(payees.weight.all_lt(worst));
		let payees = payees.payees;
		assert_eq!(payees, vec![(2, 50), (3, 50)]);
		assert_eq!((free(1), free(2), free(3), free(5)), before);
		assert_eq!(Usage::<Test>::get(id).uses, 0);
		<DatasetRegistry as DatasetUsage<u64, u64>>::note_usage(id, &5, 1_000, 100);
		assert_eq!(DatasetRegistry::usage(id), (1, 100));
		// A use of a dataset that is gone is not counted.
		<DatasetRegistry as DatasetUsage<u64, u64>>::note_usage(9, &5, 1_000, 100);
		assert!(!Usage::<Test>::contains_key(9));
		// Unusable datasets have no rate.
		assert_eq!(<DatasetRegistry as DatasetUsage<u64, u64>>::royalty_rate(9), None);
		assert_ok!(DatasetRegistry::retire(RuntimeOrigin::signed(1), id));
		assert_eq!(<DatasetRegistry as DatasetUsage<u64, u64>>::royalty_rate(id), None);
	});
}

#[test]
fn the_weight_reported_to_callers_covers_the_most_contributors() {
	new_test_ext(|| {
		use crate::WeightInfo;
		assert_eq!(
			<DatasetRegistry as DatasetUsage<u64, u64>>::record_usage_weight(),
			<() as WeightInfo>::record_usage(4, 4)
		);
	});
}
