//! Deprecation, revocation and the taint a revocation leaves on descendants.

use super::*;
use crate::{Error, Event, RevocationQueue, VersionStatus, Versions};
use frame_support::{assert_noop, assert_ok, traits::Hooks, weights::Weight};
use verity_primitives::traits::LineageInspect;
use verity_primitives::TaintSource;
use Relation::*;

fn usable(version: u64) -> bool {
	<Lineage as LineageInspect>::is_usable(version)
}

fn flagged(version: u64) -> bool {
	Versions::<Test>::get(version).unwrap().tainted_by.is_some()
}

fn tainted_by(version: u64) -> Option<u64> {
	Versions::<Test>::get(version).unwrap().tainted_by.map(|t| match t {
		TaintSource::Version(v) => v,
		TaintSource::Dataset(d) => panic!("tainted by dataset {d}"),
	})
}

/// A model of account 1 with maintainer 2.
fn model() -> u64 {
	let model = new_model(1);
	assert_ok!(Lineage::add_maintainer(RuntimeOrigin::signed(1), model, 2));
	model
}

#[test]
fn maintainers_deprecate_and_the_version_stays_usable() {
	new_test_ext(|| {
		let model = model();
		let version = publish(1, model, spec(1));
		assert_noop!(
			Lineage::deprecate_version(RuntimeOrigin::signed(3), version),
			Error::<Test>::NotMaintainer
		);
		assert_noop!(
			Lineage::deprecate_version(RuntimeOrigin::signed(2), 9),
			Error::<Test>::UnknownVersion
		);
		assert_ok!(Lineage::deprecate_version(RuntimeOrigin::signed(2), version));
		System::assert_last_event(Event::VersionDeprecated { version }.into());
		assert_eq!(Versions::<Test>::get(version).unwrap().status, VersionStatus::Deprecated);
		assert!(usable(version));
		assert_noop!(
			Lineage::deprecate_version(RuntimeOrigin::signed(1), version),
			Error::<Test>::AlreadyDeprecated
		);
	});
}

#[test]
fn only_the_owner_revokes_and_only_once() {
	new_test_ext(|| {
		let model = model();
		let version = publish(2, model, spec(1));
		assert_noop!(
			Lineage::revoke_version(RuntimeOrigin::signed(2), version),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			Lineage::revoke_version(RuntimeOrigin::signed(1), 9),
			Error::<Test>::UnknownVersion
		);
		assert_ok!(Lineage::revoke_version(RuntimeOrigin::signed(1), version));
		System::assert_last_event(Event::VersionRevoked { version }.into());
		assert_eq!(Versions::<Test>::get(version).unwrap().status, VersionStatus::Revoked);
		assert!(!usable(version));
		assert!(<Lineage as LineageInspect>::exists(version), "revoked versions stay on record");
		assert_noop!(
			Lineage::revoke_version(RuntimeOrigin::signed(1), version),
			Error::<Test>::AlreadyRevoked
		);
		assert_noop!(
			Lineage::deprecate_version(RuntimeOrigin::signed(2), version),
			Error::<Test>::AlreadyRevoked
		);
	});
}

#[test]
fn revoking_taints_descendants_across_models_without_revoking_them() {
	new_test_ext(|| {
		let model = model();
		let base = publish(1, model, spec(1));
		let sibling = publish(1, model, spec(2));
		let tuned = publish(1, model, child_spec(3, &[(base, FineTune)]));
		// Account 3's model derives from account 1's.
		let other = new_model(3);
		let quantized = publish(3, other, child_spec(4, &[(tuned, Quantize)]));
		assert_ok!(Lineage::revoke_version(RuntimeOrigin::signed(1), base));
		System::assert_has_event(
			Event::VersionTainted { version: tuned, by: TaintSource::Version(base) }.into(),
		);
		System::assert_has_event(
			Event::VersionTainted { version: quantized, by: TaintSource::Version(base) }.into(),
		);
		System::assert_last_event(
			Event::RevocationPropagated { tainted: 2, pending: false }.into(),
		);
		// Account 3 sees the taint and its cause; its version stays usable, its choice.
		assert_eq!(tainted_by(quantized), Some(base));
		let view = Lineage::version_view(quantized).unwrap();
		assert_eq!(
			(view.owner, view.tainted_by, view.usable),
			(3, Some(TaintSource::Version(base)), true)
		);
		assert!(usable(tuned) && usable(quantized) && !usable(base));
		assert_eq!(Versions::<Test>::get(quantized).unwrap().status, VersionStatus::Active);
		// A tainted version may still be built on; the child inherits the taint.
		let further = publish(3, other, child_spec(5, &[(quantized, FineTune)]));
		assert_eq!(tainted_by(further), Some(base));
		// Its owner may revoke it.
		assert_ok!(Lineage::revoke_version(RuntimeOrigin::signed(3), quantized));
		assert!(!usable(quantized));
		// Unrelated versions are untouched.
		assert!(usable(sibling) && !flagged(sibling));
	});
}

#[test]
fn a_walk_past_the_fanout_is_finished_by_anyone() {
	new_test_ext(|| {
		let model = model();
		let base = publish(1, model, spec(1));
		let children: Vec<_> =
			(0..5).map(|n| publish(1, model, child_spec(10 + n, &[(base, FineTune)]))).collect();
		assert_ok!(Lineage::revoke_version(RuntimeOrigin::signed(1), base));
		// The fanout is 3: two children left.
		System::assert_last_event(Event::RevocationPropagated { tainted: 3, pending: true }.into());
		assert_eq!(children.iter().filter(|c| flagged(**c)).count(), 3);
		assert!(RevocationQueue::<Test>::get(TaintSource::Version(base)).is_some());
		// Mid-walk, the untainted children are still ahead of the cursor.
		assert_ok!(Lineage::do_try_state());

		assert_ok!(Lineage::continue_revocation(RuntimeOrigin::signed(9), 100));
		System::assert_last_event(
			Event::RevocationPropagated { tainted: 2, pending: false }.into(),
		);
		assert!(children.iter().all(|c| flagged(*c)));
		assert_noop!(
			Lineage::continue_revocation(RuntimeOrigin::signed(9), 1),
			Error::<Test>::NothingToPropagate
		);
	});
}

#[test]
fn idle_blocks_finish_the_walk() {
	new_test_ext(|| {
		let model = model();
		let base = publish(1, model, spec(1));
		let children: Vec<_> =
			(0..6).map(|n| publish(1, model, child_spec(10 + n, &[(base, FineTune)]))).collect();
		assert_ok!(Lineage::revoke_version(RuntimeOrigin::signed(1), base));
		// No weight, no work.
		Lineage::on_idle(1, Weight::zero());
		assert_ok!(Lineage::do_try_state());
		assert_eq!(children.iter().filter(|c| flagged(**c)).count(), 3);
		let used = Lineage::on_idle(1, Weight::MAX);
		assert!(used.all_gt(Weight::zero()));
		assert!(children.iter().all(|c| flagged(*c)));
		assert_eq!(RevocationQueue::<Test>::iter().count(), 0);
	});
}

#[test]
fn a_version_reached_twice_is_tainted_once() {
	new_test_ext(|| {
		let model = model();
		let base = publish(1, model, spec(1));
		let left = publish(1, model, child_spec(2, &[(base, FineTune)]));
		let right = publish(1, model, child_spec(3, &[(base, Distill)]));
		let merged = publish(1, model, child_spec(4, &[(left, Merge), (right, Merge)]));
		let below = publish(1, model, child_spec(5, &[(merged, Quantize)]));
		assert_ok!(Lineage::revoke_version(RuntimeOrigin::signed(1), base));
		finish_revocations();
		assert!([left, right, merged, below].iter().all(|v| flagged(*v)));
		// Four versions flagged, one extra visit of `merged` through the second path.
		let flagged_total: u32 = System::events()
			.iter()
			.filter_map(|r| match r.event {
				RuntimeEvent::Lineage(Event::RevocationPropagated { tainted, .. }) => Some(tainted),
				_ => None,
			})
			.sum();
		assert_eq!(flagged_total, 4);
	});
}

#[test]
fn revoking_below_a_revoked_version_keeps_the_walk_consistent() {
	new_test_ext(|| {
		let model = model();
		let base = publish(1, model, spec(1));
		let children: Vec<_> =
			(0..5).map(|n| publish(1, model, child_spec(10 + n, &[(base, FineTune)]))).collect();
		let grandchild = publish(1, model, child_spec(20, &[(children[4], FineTune)]));
		assert_ok!(Lineage::revoke_version(RuntimeOrigin::signed(1), base));
		// Revoking the parent of the grandchild before the walk reaches it: its own walk
		// taints the grandchild, by it; the first walk later taints it too, by `base`.
		let done = flagged(children[4]);
		assert_ok!(Lineage::revoke_version(RuntimeOrigin::signed(1), children[4]));
		finish_revocations();
		let cause = if done { base } else { children[4] };
		assert_eq!(tainted_by(grandchild), Some(cause));
		assert!(children.iter().all(|c| tainted_by(*c) == Some(base)));
		// Revoking an already tainted version starts no second walk.
		assert_ok!(Lineage::revoke_version(RuntimeOrigin::signed(1), children[0]));
		assert_noop!(
			Lineage::continue_revocation(RuntimeOrigin::signed(9), 3),
			Error::<Test>::NothingToPropagate
		);
		assert_eq!(Versions::<Test>::get(children[4]).unwrap().status, VersionStatus::Revoked);
	});
}
