//! License lineage: a version's license must allow what its parents' and datasets' licenses
//! ask of derived works.

use super::*;
use crate::{Error, Versions};
use frame_support::assert_noop;

fn with_license(n: u64, license: &[u8]) -> VersionSpec {
	VersionSpec { license: license.to_vec(), ..spec(n) }
}

#[test]
fn an_empty_license_is_the_models() {
	new_test_ext(|| {
		let v = publish(1, new_model(1), spec(1));
		assert_eq!(Versions::<Test>::get(v).unwrap().license.to_vec(), b"Apache-2.0".to_vec());
		let w = publish(1, new_model(1), with_license(2, b"MIT"));
		assert_eq!(Versions::<Test>::get(w).unwrap().license.to_vec(), b"MIT".to_vec());
	});
}

#[test]
fn commercial_weights_from_non_commercial_data_are_refused_by_name() {
	new_test_ext(|| {
		datasets(&[1, 2]);
		testing::Datasets::set_license(1, b"CC-BY-NC-4.0");
		testing::Datasets::set_license(2, b"CC-BY-ND-4.0");
		let model = new_model(1);
		let trained_on = |data: DatasetId, n: u64, license: &[u8]| VersionSpec {
			datasets: vec![data],
			..with_license(n, license)
		};
		// The model's own license is Apache-2.0, which allows commercial use.
		assert_noop!(
			Lineage::publish_version(RuntimeOrigin::signed(1), model, trained_on(1, 1, b"")),
			Error::<Test>::IncompatibleDatasetLicense
		);
		// No derived work at all from no-derivatives data, whatever its license.
		assert_noop!(
			Lineage::publish_version(
				RuntimeOrigin::signed(1),
				model,
				trained_on(2, 1, b"CC-BY-ND-4.0")
			),
			Error::<Test>::IncompatibleDatasetLicense
		);
		publish(1, model, trained_on(1, 1, b"CC-BY-NC-4.0"));
	});
}

#[test]
fn a_parents_share_alike_license_binds_the_child() {
	new_test_ext(|| {
		let model = new_model(1);
		let parent = publish(1, model, with_license(1, b"CC-BY-SA-4.0"));
		let child = |n: u64, license: &[u8]| VersionSpec {
			parents: vec![link(parent, Relation::FineTune)],
			..with_license(n, license)
		};
		assert_noop!(
			Lineage::publish_version(RuntimeOrigin::signed(1), model, child(2, b"MIT")),
			Error::<Test>::IncompatibleParentLicense
		);
		publish(1, model, child(2, b"CC-BY-SA-4.0"));
	});
}

#[test]
fn a_malformed_license_is_refused() {
	new_test_ext(|| {
		let model = new_model(1);
		assert_noop!(
			Lineage::publish_version(RuntimeOrigin::signed(1), model, with_license(1, b"MIT;rm")),
			Error::<Test>::BadLicense
		);
		assert_noop!(
			Lineage::publish_version(
				RuntimeOrigin::signed(1),
				model,
				with_license(1, &vec![b'A'; 200])
			),
			Error::<Test>::BadLicense
		);
	});
}
