//! Royalties: `ModelUsage::record_usage` pays the version's owner and its ancestors' owners.

use super::*;
use crate::{Error, Event};
use frame_support::{assert_noop, traits::fungible::Inspect};
use sp_runtime::TokenError;
use verity_primitives::traits::ModelUsage;
use Relation::*;

const PAYER: u64 = 9;

fn balance(who: u64) -> u64 {
	Balances::balance(&who)
}

fn pay(version: u64, amount: u64) -> Result<u64, sp_runtime::DispatchError> {
	<Lineage as ModelUsage<u64, u64>>::record_usage(version, &PAYER, amount)
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
fn without_ancestors_the_owner_gets_everything() {
	new_test_ext(|| {
		let versions = chain(1, 1, Permill::from_percent(10));
		let (owner_before, payer_before) = (balance(1), balance(PAYER));
		assert_eq!(pay(versions[0], 1_000), Ok(100));
		assert_eq!(balance(1), owner_before + 100);
		assert_eq!(balance(PAYER), payer_before - 100);
		System::assert_last_event(
			Event::RoyaltiesPaid { version: versions[0], payer: PAYER, amount: 100 }.into(),
		);
	});
}

#[test]
fn half_goes_up_the_lineage_in_equal_shares() {
	new_test_ext(|| {
		// Owners 1 (base), 2 (fine-tune), 3 (its fine-tune, the one used).
		let versions = chain(1, 3, Permill::from_percent(10));
		let before: Vec<_> = (1..=3).map(balance).collect();
		assert_eq!(pay(versions[2], 1_000), Ok(100));
		// 100 of royalty: 50 to the used version's owner, 25 to each of the two ancestors'.
		assert_eq!(balance(3) - before[2], 50);
		assert_eq!(balance(2) - before[1], 25);
		assert_eq!(balance(1) - before[0], 25);
	});
}

#[test]
fn ancestors_past_the_royalty_depth_get_nothing() {
	new_test_ext(|| {
		// Four generations; the royalty depth is 2.
		let versions = chain(1, 4, Permill::from_percent(10));
		let before: Vec<_> = (1..=4).map(balance).collect();
		assert_eq!(pay(versions[3], 1_000), Ok(100));
		assert_eq!(balance(1), before[0], "three generations up");
		assert_eq!(balance(2) - before[1], 25);
		assert_eq!(balance(3) - before[2], 25);
		assert_eq!(balance(4) - before[3], 50);
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
		let (one, four) = (balance(1), balance(4));
		assert_eq!(pay(merged, 1_000), Ok(100));
		// Half is 50, three shares of 16 (48) to owner 1, the other 52 to owner 4.
		assert_eq!(balance(1) - one, 48);
		assert_eq!(balance(4) - four, 52);
	});
}

#[test]
fn the_payer_does_not_pay_itself() {
	new_test_ext(|| {
		let model = new_model(PAYER);
		let base = publish(PAYER, model, spec(1));
		let other = new_model(2);
		let tuned = publish(
			2,
			other,
			VersionSpec {
				royalty: Permill::from_percent(10),
				..child_spec(2, &[(base, FineTune)])
			},
		);
		let (payer, owner) = (balance(PAYER), balance(2));
		assert_eq!(pay(tuned, 1_000), Ok(100));
		assert_eq!(balance(2) - owner, 50);
		assert_eq!(payer - balance(PAYER), 50);
	});
}

#[test]
fn a_zero_rate_pays_nothing() {
	new_test_ext(|| {
		let versions = chain(1, 2, Permill::zero());
		let events = System::events().len();
		let payer = balance(PAYER);
		assert_eq!(pay(versions[1], 1_000), Ok(0));
		assert_eq!(balance(PAYER), payer);
		assert_eq!(System::events().len(), events);
	});
}

#[test]
fn unknown_versions_and_short_payers_pay_nothing_at_all() {
	new_test_ext(|| {
		let versions = chain(1, 2, Permill::one());
		assert_noop!(pay(99, 1_000), Error::<Test>::UnknownVersion);
		// The first half could be paid, the second would reap the payer: neither is.
		assert_noop!(pay(versions[1], INITIAL_BALANCE), TokenError::NotExpendable);
	});
}

#[test]
fn revoked_versions_still_pay_for_uses_that_happened() {
	new_test_ext(|| {
		let versions = chain(1, 2, Permill::from_percent(10));
		frame_support::assert_ok!(Lineage::revoke_version(RuntimeOrigin::signed(1), versions[0]));
		assert_eq!(pay(versions[1], 1_000), Ok(100));
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
