//! Payment on completion: treasury cut, dataset and model royalties, provider shares, and the
//! receipt other pallets read.

use super::*;
use crate::{Event, HoldReason};
use verity_primitives::{
	testing,
	traits::{ComputeReceipt, ComputeReceipts},
};

#[test]
fn payment_splits_between_treasury_royalties_and_providers() {
	new_test_ext(|| {
		testing::Datasets::insert(10, true, vec![]);
		testing::Datasets::insert(11, true, vec![]);
		testing::Lineage::insert(3, true, vec![], vec![]);
		let (a, b) = (register(2), register(3));
		let mut s = spec(2, 20);
		s.datasets = BoundedVec::truncate_from(vec![10, 11]);
		s.model_version = Some(3);
		let owner = acc(1);
		let id = submit_from(&owner, s);
		let (a0, b0) = (free(&a), free(&b));
		let treasury0 = free(&acc(TREASURY));
		claim_and_commit(id, &[a.clone(), b.clone()], &[out(1), out(1)]);
		reveal(&a, id, out(1));
		reveal(&b, id, out(1));

		// 10% treasury; each dataset is a use of half the payment at 10%; the model a use of the
		// whole payment at 5%; the remaining 75% to two providers.
		let treasury = PAYMENT / 10;
		let datasets = PAYMENT / 10;
		let model = PAYMENT / 20;
		let providers = PAYMENT - treasury - datasets - model;
		assert_eq!(free(&acc(TREASURY)), treasury0 + treasury);
		assert_eq!(free(&acc(DATASET_POT)), 1 + datasets);
		assert_eq!(free(&acc(MODEL_POT)), 1 + model);
		assert_eq!(free(&a), a0 + providers / 2);
		assert_eq!(free(&b), b0 + providers / 2);
		assert_eq!(free(&owner), START - PAYMENT);
		assert_eq!(held(HoldReason::JobPayment, &owner), 0);
		let half = (PAYMENT / 2) as u128;
		assert_eq!(testing::Datasets::uses(), vec![(10, half), (11, half)]);
		assert_eq!(testing::Lineage::uses(), vec![(3, PAYMENT as u128)]);
		assert_eq!(
			events().last(),
			Some(&Event::JobCompleted {
				job: id,
				output: out(1),
				providers: 2,
				provider_share: providers,
				royalties: datasets + model,
				treasury,
			})
		);
	});
}

#[test]
fn royalties_above_the_cap_are_undone_and_the_providers_get_everything() {
	new_test_ext(|| {
		// The model pallet asks 60%: with the datasets' 10% that passes the 50% cap.
		ROYALTY_RATES.with(|r| r.set((10, 60)));
		testing::Datasets::insert(10, true, vec![]);
		testing::Lineage::insert(3, true, vec![], vec![]);
		let p = register(2);
		let mut s = spec(1, 20);
		s.datasets = BoundedVec::truncate_from(vec![10]);
		s.model_version = Some(3);
		let id = submit_from(&acc(1), s);
		let (p0, treasury0) = (free(&p), free(&acc(TREASURY)));
		claim_and_commit(id, &[p.clone()], &[out(1)]);
		reveal(&p, id, out(1));
		run_to_block(1 + CHALLENGE_WINDOW);
		assert_eq!(free(&p), p0 + PAYMENT);
		assert_eq!(free(&acc(TREASURY)), treasury0);
		assert_eq!(free(&acc(DATASET_POT)), 1);
		assert_eq!(free(&acc(MODEL_POT)), 1);
		assert_eq!(free(&acc(1)), START - PAYMENT);
		assert!(events().contains(&Event::JobCompleted {
			job: id,
			output: out(1),
			providers: 1,
			provider_share: PAYMENT,
			royalties: 0,
			treasury: 0,
		}));
	});
}

#[test]
fn the_rounding_rest_goes_to_the_first_winner() {
	new_test_ext(|| {
		let (a, b, c) = (register(2), register(3), register(4));
		let mut s = spec(3, 20);
		s.payment = 1_001;
		let id = submit_from(&acc(1), s);
		let (a0, b0, c0) = (free(&a), free(&b), free(&c));
		claim_and_commit(id, &[a.clone(), b.clone(), c.clone()], &[out(1), out(1), out(1)]);
		for who in [&a, &b, &c] {
			reveal(who, id, out(1));
		}
		// 1001 - 100 (treasury) = 901 = 3 × 300 + 1.
		assert_eq!(free(&a) - a0, 301);
		assert_eq!(free(&b) - b0, 300);
		assert_eq!(free(&c) - c0, 300);
	});
}

#[test]
fn receipts_tell_other_pallets_what_was_computed() {
	new_test_ext(|| {
		testing::Datasets::insert(10, true, vec![]);
		testing::Lineage::insert(3, true, vec![], vec![]);
		let p = register(2);
		let mut s = spec(1, 20);
		s.kind = JobKind::Training;
		s.datasets = BoundedVec::truncate_from(vec![10]);
		s.model_version = Some(3);
		let input_hash = s.input_hash;
		let id = submit_from(&acc(1), s);
		claim_and_commit(id, &[p.clone()], &[out(9)]);
		reveal(&p, id, out(9));
		// Still challengeable: no receipt yet.
		assert_eq!(<ComputeStaking as ComputeReceipts<AccountId>>::receipt(id), None);
		run_to_block(1 + CHALLENGE_WINDOW);
		assert_eq!(
			<ComputeStaking as ComputeReceipts<AccountId>>::receipt(id),
			Some(ComputeReceipt {
				providers: vec![p],
				model_version: Some(3),
				datasets: vec![10],
				input_hash,
				output_hash: out(9),
			})
		);
		assert_eq!(<ComputeStaking as ComputeReceipts<AccountId>>::receipt(99), None);
	});
}

#[test]
fn runtime_api_views_show_jobs_and_providers() {
	new_test_ext(|| {
		let p = register(2);
		let id = submit(2, 20);
		claim(&p, id);
		let view = ComputeStaking::job_view(id).expect("open job");
		assert_eq!(view.owner, acc(1));
		assert_eq!(view.redundancy, 2);
		assert_eq!(view.assignments, vec![(p.clone(), None, None)]);
		let pv = ComputeStaking::provider_view(p.clone()).expect("provider");
		assert_eq!(pv.jobs, vec![id]);
		assert_eq!(pv.bond, BOND);
		assert_eq!(ComputeStaking::job_view(99), None);
		assert_eq!(ComputeStaking::provider_view(acc(9)), None);
	});
}
