use super::*;
use crate::{Attestations, Datasets, Error, VerificationStatus, Verifiers};
use frame_support::assert_noop;
use sp_runtime::Permill;
use verity_primitives::traits::{DatasetInspect, DatasetUsage};

const BOND: u64 = 1_000;

fn bond(who: u64, amount: u64) -> DispatchResult {
	DatasetRegistry::bond_verifier(RuntimeOrigin::signed(who), amount)
}

fn attest(who: u64, id: DatasetId, pass: bool) -> DispatchResult {
	DatasetRegistry::attest(
		RuntimeOrigin::signed(who),
		id,
		pass,
		Permill::from_percent(if pass { 90 } else { 20 }),
		H256::repeat_byte(who as u8),
	)
}

fn status(id: DatasetId) -> VerificationStatus {
	Datasets::<Test>::get(id).unwrap().status
}

/// Verifiers 3, 4, 5 and 6 bonded with `BOND`; a synthetic dataset of owner 1.
fn setup() -> DatasetId {
	for v in 3..=6 {
		assert_ok!(bond(v, BOND));
	}
	let id = crate::NextDatasetId::<Test>::get();
	assert_ok!(try_register(1, shards([1, 2]), synthetic(None), vec![]));
	id
}

#[test]
fn bonding_holds_at_least_the_minimum_and_unbonding_returns_it() {
	new_test_ext(|| {
		assert_noop!(bond(3, BOND - 1), Error::<Test>::BondBelowMinimum);
		assert_ok!(bond(3, BOND));
		assert_eq!(held_bond(3), BOND);
		assert_eq!(
			events().last(),
			Some(&Event::VerifierBonded { who: 3, amount: BOND, bond: BOND })
		);
		// Topping up needs no minimum of its own.
		assert_ok!(bond(3, 1));
		assert_eq!(Verifiers::<Test>::get(3).unwrap().bond, BOND + 1);
		assert_eq!(held_bond(3), BOND + 1);

		assert_noop!(
			DatasetRegistry::unbond_verifier(RuntimeOrigin::signed(4)),
			Error::<Test>::NotVerifier
		);
		assert_ok!(DatasetRegistry::unbond_verifier(RuntimeOrigin::signed(3)));
		assert_eq!((held_bond(3), free(3)), (0, START));
		assert!(!Verifiers::<Test>::contains_key(3));
	});
}

#[test]
fn a_majority_of_passes_verifies_and_the_dissenter_is_slashed() {
	new_test_ext(|| {
		let id = setup();
		assert!(!DatasetRegistry::is_usable(id));
		let treasury = free(TREASURY);

		assert_ok!(attest(3, id, true));
		assert_ok!(attest(4, id, false));
		assert_eq!(status(id), VerificationStatus::Pending);
		assert_eq!(Verifiers::<Test>::get(4).unwrap().open_votes, 1);
		assert_ok!(attest(5, id, true));

		assert_eq!(status(id), VerificationStatus::Verified);
		assert!(DatasetRegistry::is_usable(id));
		assert_ok!(DatasetRegistry::record_usage(id, &7, 100));
		// 10% of the dissenter's bond goes to the treasury; the majority keeps its bond.
		assert_eq!(held_bond(4), BOND - 100);
		assert_eq!(Verifiers::<Test>::get(4).unwrap().bond, BOND - 100);
		assert_eq!(free(TREASURY), treasury + 100);
		assert_eq!((held_bond(3), held_bond(5)), (BOND, BOND));
		let all = events();
		assert!(all.contains(&Event::VerifierSlashed { id, who: 4, amount: 100 }));
		assert!(all.contains(&Event::VerificationConcluded {
			id,
			verified: true,
			passes: 2,
			fails: 1
		}));
		assert!((3..=5).all(|v| Verifiers::<Test>::get(v).unwrap().open_votes == 0));
		assert_eq!(Attestations::<Test>::get(id).len(), 3);
	});
}

#[test]
fn without_a_majority_of_passes_the_dataset_is_rejected() {
	new_test_ext(|| {
		let id = setup();
		let treasury = free(TREASURY);
		assert_ok!(attest(3, id, true));
		assert_ok!(attest(4, id, false));
		assert_ok!(attest(5, id, false));

		assert_eq!(status(id), VerificationStatus::Rejected);
		assert_eq!(held_bond(3), BOND - 100);
		assert_eq!(free(TREASURY), treasury + 100);
		assert!(!DatasetRegistry::is_usable(id));
		RequireSyntheticVerification::set(false);
		// Rejected stays unusable whatever the runtime requires of synthetic data.
		assert_noop!(DatasetRegistry::record_usage(id, &7, 100), Error::<Test>::DatasetRejected);
	});
}

#[test]
fn bad_attestations_are_refused() {
	new_test_ext(|| {
		let id = setup();
		assert_noop!(attest(7, id, true), Error::<Test>::NotVerifier);
		assert_noop!(attest(3, 9, true), Error::<Test>::UnknownDataset);
		assert_ok!(bond(1, BOND));
		assert_noop!(attest(1, id, true), Error::<Test>::OwnerCannotAttest);
		assert_ok!(attest(3, id, true));
		assert_noop!(attest(3, id, false), Error::<Test>::AlreadyAttested);
		assert_ok!(attest(4, id, true));
		assert_ok!(attest(5, id, true));
		assert_noop!(attest(6, id, true), Error::<Test>::VerificationClosed);

		let retired = register(2, shards([9]));
		assert_ok!(DatasetRegistry::retire(RuntimeOrigin::signed(2), retired));
		assert_noop!(attest(6, retired, true), Error::<Test>::DatasetRetired);
	});
}

#[test]
fn a_slashed_verifier_below_the_minimum_must_top_up_to_attest() {
	new_test_ext(|| {
		let id = setup();
		assert_ok!(attest(3, id, false));
		assert_ok!(attest(4, id, true));
		assert_ok!(attest(5, id, true));
		let next = register(2, shards([8]));
		assert_noop!(attest(3, next, true), Error::<Test>::BondBelowMinimum);
		assert_ok!(bond(3, 100));
		assert_ok!(attest(3, next, true));
	});
}

#[test]
fn verifiers_cannot_unbond_while_a_vote_is_open() {
	new_test_ext(|| {
		let id = setup();
		assert_ok!(attest(3, id, true));
		assert_noop!(
			DatasetRegistry::unbond_verifier(RuntimeOrigin::signed(3)),
			Error::<Test>::VerifierBusy
		);
		// Retiring the dataset closes the vote without a verdict.
		assert_ok!(DatasetRegistry::retire(RuntimeOrigin::signed(1), id));
		assert_eq!(status(id), VerificationStatus::Pending);
		assert_ok!(DatasetRegistry::unbond_verifier(RuntimeOrigin::signed(3)));
		assert_eq!(held_bond(3), 0);
	});
}

#[test]
fn removing_an_open_dataset_releases_its_votes() {
	new_test_ext(|| {
		let id = setup();
		assert_ok!(attest(3, id, true));
		assert_ok!(attest(4, id, false));
		assert_ok!(DatasetRegistry::remove(RuntimeOrigin::signed(1), id));
		assert!(!Attestations::<Test>::contains_key(id));
		assert_ok!(DatasetRegistry::unbond_verifier(RuntimeOrigin::signed(3)));
		assert_ok!(DatasetRegistry::unbond_verifier(RuntimeOrigin::signed(4)));
	});
}

#[test]
fn curated_datasets_can_be_verified_too() {
	new_test_ext(|| {
		setup();
		let id = register(2, shards([7]));
		assert!(DatasetRegistry::is_usable(id));
		for v in 3..=5 {
			assert_ok!(attest(v, id, true));
		}
		assert_eq!(status(id), VerificationStatus::Verified);
		assert_eq!(DatasetRegistry::dataset(id).unwrap().status, VerificationStatus::Verified);
	});
}
