//! Royalties: `ModelUsage::royalty_payees` names the version's owner and its ancestors' owners;
//! the paying pallet moves the money, this one moves none.

use super::*;
use crate::{Error, Event};
use frame_support::{assert_ok, traits::fungible::Inspect};
use std::collections::BTreeMap;
use verity_primitives::traits::ModelUsage;
use Relation::*;

const PAYER: u64 = 9;

/// The payees of a use of `amount` at no cap, by account.
fn payees(version: u64, amount: u64) -> BTreeMap<u64, u64> {
	payees_capped(version, amount, Permill::one())
}

fn payees_capped(version: u64, amount: u64, cap: Permill) -> BTreeMap<u64, u64> {
	<Lineage as ModelUsage<u64, u64>>::royalty_payees(version, amount, cap)
		.unwrap()
		.payees
		.into_iter()
		.collect()
}

/// A chain of versions, each in its own model owned by the next account from `first_owner`;
/// each version derives from the previous one. Returns the versions, oldest first.
fn chain(first_owner: u64, len: u64, rate: Permill) -> Vec<u64> {
	let mut versions: Vec<u64> = Vec::new();
	for i in 0..len {
		let owner = first_owner + i;
		let model = new_model(owner);
		let parents: Vec<_> = versions.last().map(|p| (*p, FineTune)).into_iter().collect();
		let spec = VersionSpec { royalty: rate, ..child_spec(100 + i, &parents) };
		versions.push(publish(owner, model, spec));
	}
	versions
}

#[test]
fn without_ancestors_the_owner_gets_everything_and_no_money_moves() {
	new_test_ext(|| {
		let versions = chain(1, 1, Permill::from_percent(10));
		let balances: Vec<_> = (1..10).map(|who| Balances::balance(&who)).collect();
		assert_eq!(payees(versions[0], 1_000), BTreeMap::from([(1, 100)]));
		assert_eq!(balances, (1..10).map(|who| Balances::balance(&who)).collect::<Vec<_>>());
		assert_eq!(
			<Lineage as ModelUsage<u64, u64>>::royalty_rate(versions[0]),
			Some(Permill::from_percent(10))
		);
		assert_eq!(<Lineage as ModelUsage<u64, u64>>::royalty_rate(99), None);
	});
}

#[test]
fn half_goes_up_the_lineage_in_equal_shares() {
	new_test_ext(|| {
		// Owners 1 (base), 2 (fine-tune), 3 (its fine-tune, the one used).
		let versions = chain(1, 3, Permill::from_percent(10));
		// 100 of royalty: 50 to the used version's owner, 25 to each of the two ancestors'.
		assert_eq!(payees(versions[2], 1_000), BTreeMap::from([(1, 25), (2, 25), (3, 50)]));
	});
}

#[test]
fn the_lookup_reports_the_weight_of_its_own_ancestry_not_the_worst_case() {
	use crate::weights::WeightInfo;
	new_test_ext(|| {
		// A chain as deep as royalties walk (`MaxRoyaltyDepth` = 2 in the mock).
		let versions = chain(1, 3, Permill::from_percent(10));
		let weight_of = |version| {
			<Lineage as ModelUsage<u64, u64>>::royalty_payees(version, 1_000, Permill::one())
				.unwrap()
				.weight
		};
		let worst = <Lineage as ModelUsage<u64, u64>>::record_usage_weight();
		for (ancestors, version) in versions.iter().enumerate() {
			let weight = weight_of(*version);
			assert_eq!(weight, <Test as crate::Config>::WeightInfo::record_usage(ancestors as u32));
			assert!(weight.all_lt(worst), "{ancestors} ancestors weigh less than the worst case");
		}
		assert!(weight_of(versions[0]).all_lt(weight_of(versions[2])));
	});
}

#[test]
fn the_rate_is_capped_by_the_callers_snapshot() {
	new_test_ext(|| {
		let versions = chain(1, 1, Permill::from_percent(10));
		// The owner raises the rate after a job snapshotted 5%: the job pays 5%.
		assert_ok!(Lineage::set_royalty(
			RuntimeOrigin::signed(1),
			versions[0],
			Permill::from_percent(50)
		));
		let cap = Permill::from_percent(5);
		assert_eq!(payees_capped(versions[0], 1_000, cap), BTreeMap::from([(1, 50)]));
		// A lower rate than the cap is the rate.
		assert_ok!(Lineage::set_royalty(RuntimeOrigin::signed(1), versions[0], Permill::zero()));
		assert!(payees_capped(versions[0], 1_000, cap).is_empty());
	});
}

#[test]
fn ancestors_past_the_royalty_depth_get_nothing() {
	new_test_ext(|| {
		// Four generations; the royalty depth is 2.
		let versions = chain(1, 4, Permill::from_percent(10));
		assert_eq!(payees(versions[3], 1_000), BTreeMap::from([(2, 25), (3, 25), (4, 50)]));
	});
}

#[test]
fn rounding_dust_goes_to_the_owner_and_shares_to_one_account_are_summed() {
	new_test_ext(|| {
		// Owner 1 owns three parents of a merge that owner 4 publishes.
		let model = new_model(1);
		let parents: Vec<_> = (0..3).map(|n| (publish(1, model, spec(n)), Merge)).collect();
		let merger = new_model(4);
		let merged = publish(
			4,
			merger,
			VersionSpec { royalty: Permill::from_percent(10), ..child_spec(9, &parents) },
		);
		// Half is 50, three shares of 16 (48) to owner 1, the other 52 to owner 4.
		assert_eq!(payees(merged, 1_000), BTreeMap::from([(1, 48), (4, 52)]));
	});
}

#[test]
fn a_zero_rate_names_no_payee() {
	new_test_ext(|| {
		let versions = chain(1, 2, Permill::zero());
		assert!(payees(versions[1], 1_000).is_empty());
	});
}

#[test]
fn unknown_versions_are_refused() {
	new_test_ext(|| {
		assert_eq!(
			<Lineage as ModelUsage<u64, u64>>::royalty_payees(99, 1_000, Permill::one()),
			Err(Error::<Test>::UnknownVersion.into())
		);
	});
}

#[test]
fn noting_a_use_records_the_event() {
	new_test_ext(|| {
		let versions = chain(1, 2, Permill::from_percent(10));
		<Lineage as ModelUsage<u64, u64>>::note_usage(versions[1], &PAYER, 1_000, 100);
		System::assert_last_event(
			Event::RoyaltiesPaid { version: versions[1], payer: PAYER, amount: 1_000, paid: 100 }
				.into(),
		);
	});
}

#[test]
fn royalties_to_revoked_and_tainted_versions_stop() {
	new_test_ext(|| {
		let versions = chain(1, 3, Permill::from_percent(10));
		assert_eq!(payees(versions[2], 1_000), BTreeMap::from([(1, 25), (2, 25), (3, 50)]));
		// Revoking the middle one taints the last: neither earns, and the rate reads zero for
		// new jobs' snapshots.
		assert_ok!(Lineage::revoke_version(RuntimeOrigin::signed(2), versions[1]));
		assert_eq!(payees(versions[1], 1_000), BTreeMap::new());
		assert_eq!(payees(versions[2], 1_000), BTreeMap::new());
		assert_eq!(
			<Lineage as ModelUsage<u64, u64>>::royalty_rate(versions[2]),
			Some(Permill::zero())
		);
		// The untouched root still earns on its own uses.
		assert_eq!(payees(versions[0], 1_000), BTreeMap::from([(1, 100)]));
	});
}

#[test]
fn the_weight_hint_covers_the_largest_walk() {
	new_test_ext(|| {
		use crate::weights::WeightInfo;
		let hint = <Lineage as ModelUsage<u64, u64>>::record_usage_weight();
		// Two generations of at most four parents: 4 + 16 ancestors, capped at 16 versions.
		assert_eq!(Lineage::max_ancestors(MaxRoyaltyDepth::get()), 16);
		assert_eq!(Lineage::max_ancestors(1), 4);
		assert_eq!(hint, <() as WeightInfo>::record_usage(16));
	});
}
