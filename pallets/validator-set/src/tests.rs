use crate::{mock::*, Error, Event, SetChanged, Validators};
use frame_support::{assert_noop, assert_ok};
use pallet_session::SessionManager;
use sp_runtime::DispatchError;

fn validators() -> Vec<u64> {
	Validators::<Test>::get().into_inner()
}

#[test]
fn genesis_set_is_planned_for_session_zero() {
	new_test_ext(|| {
		assert_eq!(ValidatorSet::new_session_genesis(0), Some(vec![1, 2, 3]));
		// Nothing changed since genesis: the session pallet keeps its set.
		assert_eq!(ValidatorSet::new_session(1), None);
	});
}

#[test]
fn root_adds_a_validator_for_the_next_session() {
	new_test_ext(|| {
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 4));
		assert_eq!(validators(), vec![1, 2, 3, 4]);
		System::assert_last_event(Event::ValidatorAdded { who: 4 }.into());
		assert_eq!(ValidatorSet::new_session(1), Some(vec![1, 2, 3, 4]));
		// Handed over once; the following session keeps it.
		assert!(!SetChanged::<Test>::get());
		assert_eq!(ValidatorSet::new_session(2), None);
	});
}

#[test]
fn root_removes_a_validator_for_the_next_session() {
	new_test_ext(|| {
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 2));
		System::assert_last_event(Event::ValidatorRemoved { who: 2 }.into());
		assert_eq!(ValidatorSet::new_session(1), Some(vec![1, 3]));
	});
}

#[test]
fn only_the_update_origin_changes_the_set() {
	new_test_ext(|| {
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::signed(1), 4),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::signed(1), 2),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn bad_changes_are_refused_without_effect() {
	new_test_ext(|| {
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), 2),
			Error::<Test>::AlreadyValidator
		);
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::root(), 9),
			Error::<Test>::NotValidator
		);
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 4));
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), 5),
			Error::<Test>::TooManyValidators
		);
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 4));
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 3));
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::root(), 2),
			Error::<Test>::TooFewValidators
		);
		assert_eq!(validators(), vec![1, 2]);
	});
}
