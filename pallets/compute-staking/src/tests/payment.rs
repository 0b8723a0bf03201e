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
fn paid_job(owner: &AccountId) -> (JobId, Vec<AccountId>) {
	testing::Datasets::insert(10, true, vec![]);
	testing::Datasets::insert(11, true, vec![]);
	testing::Lineage::insert(3, true, vec![], vec![]);
	let mut s = spec(2, 20);
	s.datasets = BoundedVec::truncate_from(vec![10, 11]);
	s.model_version = Some(3);
	let id = submit_from(owner, s);
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
fn a_completing_reveal_is_charged_what_its_royalty_lookups_reported() {
	use crate::{weights::WeightInfo, Receipts};
	use frame_support::{
		dispatch::GetDispatchInfo,
		traits::Get,
		weights::{RuntimeDbWeight, Weight},
	};
	new_test_ext(|| {
		let (a, b) = (register(2), register(3));
		let (id, _) = paid_job(&acc(1));
		commit(&a, id, out(1));
		commit(&b, id, out(1));
		reveal(&a, id, out(1));
		let declared = crate::Call::<Test>::reveal { job: id, output: out(1), salt: salt_of(&b) }
			.get_dispatch_info()
			.call_weight;
		let used =
			ComputeStaking::reveal(RuntimeOrigin::signed(b.clone()), id, out(1), salt_of(&b))
				.unwrap()
				.actual_weight
				.unwrap();
		assert!(Receipts::<Test>::contains_key(id));
		// Two dataset lookups and one model lookup, each at what it reported above the base the
		// `settle` benchmark measured, not at its worst case; the reveal at the job's two seats,
		// the job's record once.
		let job_record: Weight =
			<<Test as frame_system::Config>::DbWeight as Get<RuntimeDbWeight>>::get()
				.reads_writes(1, 1);
		let expected = <Test as crate::Config>::WeightInfo::reveal(2)
			.saturating_add(<Test as crate::Config>::WeightInfo::settle(2, 2))
			.saturating_add((USAGE_WEIGHT - USAGE_BASE).saturating_mul(3))
			.saturating_sub(job_record);
		assert_eq!(used, expected);
		assert!(used.saturating_add(USAGE_WORST).all_lte(declared));
	});
}
