//! Payment on completion, straight from the submitter's hold: treasury cut, dataset and model
//! royalties at the rates snapshotted at submission, provider shares, and the receipt.

use super::*;
use crate::{Event, HoldReason};
use frame_support::traits::{LockableCurrency, WithdrawReasons};
use verity_primitives::{
	testing,
	traits::{ComputeReceipt, ComputeReceipts},
};

/// A job over datasets 10 and 11 and model version 3, drawn and run to completion on `out(1)`.
/// An `r = 2` job spec naming model version 3 and datasets 10 and 11, registered here.
fn paid_spec() -> JobSpec<Test> {
	testing::Datasets::insert(10, true, vec![]);
	testing::Datasets::insert(11, true, vec![]);
	testing::Lineage::insert(3, true, vec![], vec![]);
	let mut s = spec(2, 20);
	s.datasets = BoundedVec::truncate_from(vec![10, 11]);
	s.model_version = Some(3);
	s
}

fn paid_job(owner: &AccountId) -> (JobId, Vec<AccountId>) {
	let id = submit_from(owner, paid_spec());
	let drawn = draw(id);
	(id, drawn)
}

#[test]
fn payment_splits_between_treasury_royalties_and_providers() {
	new_test_ext(|| {
		let (a, b) = (register(2), register(3));
		let owner = acc(1);
		let (a0, b0) = (free(&a), free(&b));
		let treasury0 = free(&acc(TREASURY));
		let (id, _) = paid_job(&owner);
		run_job(id, |_| out(1));

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
				checked: true,
				provider_share: providers,
				royalties: datasets + model,
				treasury,
			})
		);
	});
}

#[test]
fn a_frozen_submitter_still_pays_from_its_hold() {
	new_test_ext(|| {
		let (a, b) = (register(2), register(3));
		let owner = acc(1);
		let (a0, b0) = (free(&a), free(&b));
		let (id, _) = paid_job(&owner);
		// The submitter locks its whole balance (as a conviction vote would) before payout.
		Balances::set_lock(*b"vote    ", &owner, START, WithdrawReasons::all());
		run_job(id, |_| out(1));
		let providers = PAYMENT - PAYMENT / 10 - PAYMENT / 10 - PAYMENT / 20;
		assert_eq!(free(&a), a0 + providers / 2, "paid exactly its share");
		assert_eq!(free(&b), b0 + providers / 2);
		assert_eq!(
			<Balances as frame_support::traits::fungible::Inspect<_>>::total_balance(&owner),
			START - PAYMENT,
			"the submitter kept nothing"
		);
	});
}

#[test]
fn rates_raised_after_submission_are_not_charged() {
	new_test_ext(|| {
		let (a, b) = (register(2), register(3));
		let (a0, b0) = (free(&a), free(&b));
		let (id, _) = paid_job(&acc(1));
		// Owners of the datasets and model raise their rates after the draw.
		ROYALTY_RATES.with(|r| r.set((40, 40)));
		run_job(id, |_| out(1));
		assert_eq!(free(&acc(DATASET_POT)), 1 + PAYMENT / 10);
		assert_eq!(free(&acc(MODEL_POT)), 1 + PAYMENT / 20);
		let providers = PAYMENT - PAYMENT / 10 - PAYMENT / 10 - PAYMENT / 20;
		assert_eq!(free(&a) + free(&b), a0 + b0 + providers);
	});
}

#[test]
fn royalties_owed_to_the_submitter_go_to_the_providers() {
	new_test_ext(|| {
		let (a, b) = (register(2), register(3));
		let owner = acc(1);
		// The submitter owns the model it pays royalties on.
		MODEL_PAYEE.with(|p| *p.borrow_mut() = Some(owner.clone()));
		let (a0, b0) = (free(&a), free(&b));
		let (id, _) = paid_job(&owner);
		run_job(id, |_| out(1));
		let providers = PAYMENT - PAYMENT / 10 - PAYMENT / 10;
		assert_eq!(free(&a) + free(&b), a0 + b0 + providers);
		assert_eq!(free(&owner), START - PAYMENT, "nothing flowed back to the submitter");
	});
}

#[test]
fn a_retired_dataset_refuses_its_royalty_and_the_providers_get_it() {
	new_test_ext(|| {
		let (a, b) = (register(2), register(3));
		let (a0, b0) = (free(&a), free(&b));
		let (id, _) = paid_job(&acc(1));
		testing::Datasets::insert(11, false, vec![]);
		run_job(id, |_| out(1));
		assert_eq!(free(&acc(DATASET_POT)), 1 + PAYMENT / 20);
		let providers = PAYMENT - PAYMENT / 10 - PAYMENT / 20 - PAYMENT / 20;
		assert_eq!(free(&a) + free(&b), a0 + b0 + providers);
	});
}

#[test]
fn the_receipt_names_owner_kind_providers_and_inputs() {
	new_test_ext(|| {
		register(2);
		register(3);
		let owner = acc(1);
		let (id, drawn) = paid_job(&owner);
		assert_eq!(ComputeStaking::receipt_of(id), None);
		run_job(id, |_| out(1));
		let receipt = <ComputeStaking as ComputeReceipts<AccountId>>::receipt(id).unwrap();
		let mut providers = receipt.providers.clone();
		providers.sort();
		let mut expected = drawn.clone();
		expected.sort();
		assert_eq!(providers, expected);
		assert_eq!(
			receipt,
			ComputeReceipt {
				owner,
				kind: JobKind::Inference,
				providers: receipt.providers.clone(),
				model_version: Some(3),
				datasets: vec![10, 11],
				input_hash: H256(sp_io::hashing::blake2_256(INPUT)),
				output_hash: out(1),
			}
		);
	});
}

#[test]
fn the_submission_pays_for_its_settlement_and_the_completing_reveal_stays_light() {
	use crate::{weights::WeightInfo, Receipts};
	use frame_support::{dispatch::GetDispatchInfo, traits::Hooks};
	type W = <Test as crate::Config>::WeightInfo;
	new_test_ext(|| {
		let (a, b) = (register(2), register(3));
		let s = paid_spec();
		let declared = crate::Call::<Test>::submit_job { spec: s.clone() }.get_dispatch_info();
		let id = crate::NextJobId::<Test>::get();
		let submitted =
			ComputeStaking::submit_job(RuntimeOrigin::signed(acc(1)), s).unwrap().actual_weight;
		// The settlement at the job's two seats, and each of the three lookups (two datasets, one
		// model) measured at submission and prepaid above the base the `settle` benchmark ran it
		// at.
		let lookups = (USAGE_WEIGHT + USAGE_WEIGHT - USAGE_BASE).saturating_mul(3);
		let expected =
			W::submit_job(2, MAX_POOL).saturating_add(W::settle(2, 2)).saturating_add(lookups);
		assert_eq!(submitted, Some(expected));
		assert!(expected.all_lte(declared.call_weight));
		assert!(expected.ref_time() < declared.call_weight.ref_time(), "refunded to the lookups");

		draw(id);
		commit(&a, id, out(1));
		commit(&b, id, out(1));
		reveal(&a, id, out(1));
		let used =
			ComputeStaking::reveal(RuntimeOrigin::signed(b.clone()), id, out(1), salt_of(&b))
				.unwrap()
				.actual_weight;
		assert_eq!(used, Some(W::reveal(2)), "the completing reveal pays no settlement");
		assert!(!Receipts::<Test>::contains_key(id));

		// The next block's queue settles it, charged at the job's own size and lookups.
		let next = System::block_number() + 1;
		System::set_block_number(next);
		let queue = ComputeStaking::on_initialize(next);
		assert!(Receipts::<Test>::contains_key(id));
		let settlement =
			W::settle(2, 2).saturating_add((USAGE_WEIGHT - USAGE_BASE).saturating_mul(3));
		assert_eq!(queue, W::on_initialize_slashes(0) + W::on_initialize_scan(1) + settlement);
		assert!(settlement.all_lte(expected), "the submission paid at least the settlement");
	});
}
