//! Models: creation, maintainers, ownership transfer, destruction.

use super::*;
use crate::{Error, Event, HoldReason, Models};
use frame_support::{assert_noop, assert_ok, traits::fungible::Inspect};
use sp_runtime::{DispatchError, TokenError};

#[test]
fn creating_a_model_holds_the_deposit() {
	new_test_ext(|| {
		let model = new_model(1);
		let record = Models::<Test>::get(model).unwrap();
		assert_eq!(record.owner, 1);
		assert_eq!(record.deposit, MODEL_DEPOSIT);
		assert_eq!(record.license.to_vec(), b"Apache-2.0".to_vec());
		assert_eq!(held(HoldReason::ModelDeposit, 1), MODEL_DEPOSIT);
		assert_eq!(Balances::balance(&1), INITIAL_BALANCE - MODEL_DEPOSIT);
		System::assert_last_event(Event::ModelCreated { model, owner: 1 }.into());
		// Ids are sequential.
		assert_eq!(new_model(2), model + 1);
	});
}

#[test]
fn bad_model_inputs_are_refused() {
	new_test_ext(|| {
		let create = |name: &[u8], license: &[u8], uri: &[u8]| {
			Lineage::create_model(
				RuntimeOrigin::signed(1),
				name.to_vec(),
				license.to_vec(),
				uri.to_vec(),
			)
		};
		assert_noop!(create(b"", b"MIT", b""), Error::<Test>::BadName);
		assert_noop!(create(&[b'n'; 33], b"MIT", b""), Error::<Test>::BadName);
		assert_noop!(create(b"m", b"", b""), Error::<Test>::BadLicense);
		assert_noop!(create(b"m", b"MIT; rm -rf", b""), Error::<Test>::BadLicense);
		assert_noop!(create(b"m", &[b'a'; 33], b""), Error::<Test>::BadLicense);
		assert_noop!(create(b"m", b"MIT", &[b'u'; 65]), Error::<Test>::UriTooLong);
		// SPDX expressions and LicenseRefs pass.
		assert_ok!(create(b"m", b"(MIT OR Apache-2.0)", b""));
		assert_ok!(create(b"m", b"LicenseRef-llama3", b""));
	});
}

#[test]
fn creating_a_model_needs_the_deposit() {
	new_test_ext(|| {
		assert_noop!(
			Lineage::create_model(
				RuntimeOrigin::signed(42),
				b"m".to_vec(),
				b"MIT".to_vec(),
				vec![]
			),
			TokenError::FundsUnavailable
		);
		assert_noop!(
			Lineage::create_model(RuntimeOrigin::none(), b"m".to_vec(), b"MIT".to_vec(), vec![]),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn the_owner_manages_maintainers() {
	new_test_ext(|| {
		let model = new_model(1);
		assert_ok!(Lineage::add_maintainer(RuntimeOrigin::signed(1), model, 2));
		System::assert_last_event(Event::MaintainerAdded { model, who: 2 }.into());
		// A maintainer publishes; its deposit is its own.
		let version = publish(2, model, spec(1));
		assert_eq!(held(HoldReason::VersionDeposit, 2), VERSION_DEPOSIT);
		assert_eq!(held(HoldReason::VersionDeposit, 1), 0);
		assert_eq!(crate::Versions::<Test>::get(version).unwrap().publisher, 2);

		assert_ok!(Lineage::remove_maintainer(RuntimeOrigin::signed(1), model, 2));
		System::assert_last_event(Event::MaintainerRemoved { model, who: 2 }.into());
		assert_noop!(
			Lineage::publish_version(RuntimeOrigin::signed(2), model, spec(2)),
			Error::<Test>::NotMaintainer
		);
	});
}

#[test]
fn bad_maintainer_changes_are_refused() {
	new_test_ext(|| {
		let model = new_model(1);
		assert_noop!(
			Lineage::add_maintainer(RuntimeOrigin::signed(2), model, 3),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			Lineage::add_maintainer(RuntimeOrigin::signed(1), 9, 3),
			Error::<Test>::UnknownModel
		);
		assert_noop!(
			Lineage::add_maintainer(RuntimeOrigin::signed(1), model, 1),
			Error::<Test>::AlreadyMaintainer
		);
		for who in 2..=4 {
			assert_ok!(Lineage::add_maintainer(RuntimeOrigin::signed(1), model, who));
		}
		assert_noop!(
			Lineage::add_maintainer(RuntimeOrigin::signed(1), model, 2),
			Error::<Test>::AlreadyMaintainer
		);
		assert_noop!(
			Lineage::add_maintainer(RuntimeOrigin::signed(1), model, 5),
			Error::<Test>::TooManyMaintainers
		);
		// A maintainer cannot manage other maintainers.
		assert_noop!(
			Lineage::remove_maintainer(RuntimeOrigin::signed(2), model, 3),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			Lineage::remove_maintainer(RuntimeOrigin::signed(1), model, 6),
			Error::<Test>::MaintainerNotFound
		);
	});
}

#[test]
fn ownership_moves_on_acceptance_with_the_deposit() {
	new_test_ext(|| {
		let model = new_model(1);
		assert_ok!(Lineage::add_maintainer(RuntimeOrigin::signed(1), model, 2));
		assert_ok!(Lineage::transfer_ownership(RuntimeOrigin::signed(1), model, Some(2)));
		System::assert_last_event(Event::OwnershipOffered { model, to: Some(2) }.into());
		// Nothing moves until the new owner accepts.
		assert_eq!(Models::<Test>::get(model).unwrap().owner, 1);
		assert_noop!(
			Lineage::accept_ownership(RuntimeOrigin::signed(3), model),
			Error::<Test>::NotPendingOwner
		);

		assert_ok!(Lineage::accept_ownership(RuntimeOrigin::signed(2), model));
		System::assert_last_event(Event::OwnershipTransferred { model, from: 1, to: 2 }.into());
		let record = Models::<Test>::get(model).unwrap();
		assert_eq!((record.owner, record.pending_owner), (2, None));
		assert!(record.maintainers.is_empty(), "the new owner leaves the maintainer list");
		assert_eq!(held(HoldReason::ModelDeposit, 1), 0);
		assert_eq!(held(HoldReason::ModelDeposit, 2), MODEL_DEPOSIT);
		// The old owner has no rights left.
		assert_noop!(
			Lineage::add_maintainer(RuntimeOrigin::signed(1), model, 3),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			Lineage::publish_version(RuntimeOrigin::signed(1), model, spec(1)),
			Error::<Test>::NotMaintainer
		);
		assert_ok!(Lineage::add_maintainer(RuntimeOrigin::signed(2), model, 1));
	});
}

#[test]
fn version_deposits_stay_with_their_publisher_across_a_transfer() {
	new_test_ext(|| {
		let model = new_model(1);
		publish(1, model, spec(1));
		assert_ok!(Lineage::transfer_ownership(RuntimeOrigin::signed(1), model, Some(2)));
		assert_ok!(Lineage::accept_ownership(RuntimeOrigin::signed(2), model));
		assert_eq!(held(HoldReason::VersionDeposit, 1), VERSION_DEPOSIT);
		assert_eq!(held(HoldReason::VersionDeposit, 2), 0);
	});
}

#[test]
fn bad_transfers_are_refused() {
	new_test_ext(|| {
		let model = new_model(1);
		assert_noop!(
			Lineage::transfer_ownership(RuntimeOrigin::signed(2), model, Some(3)),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			Lineage::transfer_ownership(RuntimeOrigin::signed(1), model, Some(1)),
			Error::<Test>::AlreadyOwner
		);
		assert_noop!(
			Lineage::accept_ownership(RuntimeOrigin::signed(2), 9),
			Error::<Test>::UnknownModel
		);
		// A withdrawn offer cannot be accepted.
		assert_ok!(Lineage::transfer_ownership(RuntimeOrigin::signed(1), model, Some(2)));
		assert_ok!(Lineage::transfer_ownership(RuntimeOrigin::signed(1), model, None));
		assert_noop!(
			Lineage::accept_ownership(RuntimeOrigin::signed(2), model),
			Error::<Test>::NotPendingOwner
		);
		// An account that cannot pay the deposit cannot accept.
		assert_ok!(Lineage::transfer_ownership(RuntimeOrigin::signed(1), model, Some(42)));
		assert_noop!(
			Lineage::accept_ownership(RuntimeOrigin::signed(42), model),
			TokenError::FundsUnavailable
		);
	});
}

#[test]
fn only_a_model_without_versions_can_be_destroyed() {
	new_test_ext(|| {
		let empty = new_model(1);
		let used = new_model(1);
		publish(1, used, spec(1));
		assert_noop!(
			Lineage::destroy_model(RuntimeOrigin::signed(2), empty),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			Lineage::destroy_model(RuntimeOrigin::signed(1), used),
			Error::<Test>::ModelHasVersions
		);
		assert_ok!(Lineage::destroy_model(RuntimeOrigin::signed(1), empty));
		System::assert_last_event(Event::ModelDestroyed { model: empty }.into());
		assert!(Models::<Test>::get(empty).is_none());
		assert_eq!(held(HoldReason::ModelDeposit, 1), MODEL_DEPOSIT);
		assert_noop!(
			Lineage::destroy_model(RuntimeOrigin::signed(1), empty),
			Error::<Test>::UnknownModel
		);
	});
}

#[test]
fn exhausted_model_and_version_ids_are_refused_by_name() {
	new_test_ext(|| {
		crate::NextModelId::<Test>::put(u64::MAX);
		assert_noop!(
			Lineage::create_model(
				RuntimeOrigin::signed(1),
				b"m".to_vec(),
				b"MIT".to_vec(),
				b"ipfs://card".to_vec()
			),
			Error::<Test>::NoMoreIds
		);
		crate::NextModelId::<Test>::put(0);
		let model = new_model(1);
		crate::NextVersionId::<Test>::put(u64::MAX);
		assert_noop!(
			Lineage::publish_version(RuntimeOrigin::signed(1), model, spec(1)),
			Error::<Test>::NoMoreIds
		);
		crate::NextVersionId::<Test>::put(0);
	});
}
