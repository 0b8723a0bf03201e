//! Lineage griefing from outside: strangers' children and upstream revocations.

use super::*;
use crate::{Event, Versions};
use frame_support::assert_ok;
use verity_primitives::traits::LineageInspect;
use verity_primitives::TaintSource;
use Relation::*;

const OWNER: u64 = 1;

#[test]
fn strangers_children_do_not_block_the_owners_fine_tune() {
	new_test_ext(|| {
		let model = new_model(OWNER);
		let popular = publish(OWNER, model, spec(1));
		// Six strangers publish 50 children each of the popular version, paying their deposits.
		let mut n = 100;
		for stranger in 3..=8 {
			let theirs = new_model(stranger);
			for _ in 0..50 {
				n += 1;
				publish(stranger, theirs, child_spec(n, &[(popular, FineTune)]));
			}
			assert_eq!(held(crate::HoldReason::VersionDeposit, stranger), 50 * VERSION_DEPOSIT);
		}
		assert_eq!(children(popular).len(), 300);
		// The owner's own fine-tune goes through.
		let own = publish(OWNER, model, child_spec(2, &[(popular, FineTune)]));
		assert!(crate::Children::<Test>::contains_key(popular, own));
		assert_eq!(children(popular).len(), 301);
	});
}

#[test]
fn an_upstream_revocation_taints_others_descendants_visibly() {
	new_test_ext(|| {
		let root_model = new_model(OWNER);
		let root = publish(OWNER, root_model, spec(1));
		// Account 2 fine-tunes the root; account 3 quantizes account 2's version.
		let second = new_model(2);
		let tuned = publish(2, second, child_spec(2, &[(root, FineTune)]));
		let third = new_model(3);
		let quantized = publish(3, third, child_spec(3, &[(tuned, Quantize)]));
		assert_ok!(Lineage::revoke_version(RuntimeOrigin::signed(OWNER), root));
		finish_revocations();
		// Account 3 sees its version is tainted, and by which revocation.
		let view = Lineage::version_view(quantized).unwrap();
		assert_eq!(view.owner, 3);
		assert_eq!(view.tainted_by, Some(TaintSource::Version(root)));
		System::assert_has_event(
			Event::VersionTainted { version: quantized, by: TaintSource::Version(root) }.into(),
		);
		// Nothing was taken from account 3: its version is still usable and keeps its status.
		assert!(view.usable && <Lineage as LineageInspect>::is_usable(quantized));
		assert_eq!(
			Versions::<Test>::get(tuned).unwrap().tainted_by,
			Some(TaintSource::Version(root))
		);
		// The revoked root itself is no longer usable.
		assert!(!<Lineage as LineageInspect>::is_usable(root));
	});
}
