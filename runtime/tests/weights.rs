//! What the runtime's heaviest checks cost against a transfer, from the generated weights.
//! `cargo test -p verity-runtime --test weights -- --nocapture` prints the ratios.

use frame_support::{dispatch::DispatchClass, traits::Get, weights::Weight};
use verity_runtime::{configs::RuntimeBlockWeights, Runtime};

/// A relay chain's limit on a parachain block's proof of validity.
const POV_LIMIT: u64 = 10 * 1024 * 1024;

fn transfer() -> Weight {
	use pallet_balances::WeightInfo;
	<Runtime as pallet_balances::Config>::WeightInfo::transfer_keep_alive()
}

fn max_extrinsic() -> Weight {
	RuntimeBlockWeights::get()
		.get(DispatchClass::Normal)
		.max_extrinsic
		.unwrap_or_else(|| RuntimeBlockWeights::get().max_block)
}

fn ratio(w: Weight) -> f64 {
	w.ref_time() as f64 / transfer().ref_time() as f64
}

#[test]
fn the_contamination_check_at_the_largest_lineage_fits_a_tenth_of_a_block() {
	use pallet_eval_attestation::WeightInfo;
	let datasets: u32 = <Runtime as pallet_eval_attestation::Config>::MaxLineageDatasets::get();
	let check =
		<Runtime as pallet_eval_attestation::Config>::WeightInfo::request_evaluation(datasets);
	println!(
		"request_evaluation at {datasets} lineage datasets: {} ref-time = {:.1}× transfer_keep_alive ({} ref-time); {} proof bytes = {:.1}% of a 10 MiB PoV",
		check.ref_time(),
		ratio(check),
		transfer().ref_time(),
		check.proof_size(),
		check.proof_size() as f64 * 100.0 / POV_LIMIT as f64,
	);
	// What a block fits: each extrinsic also pays the per-extrinsic base weight.
	let base = RuntimeBlockWeights::get().get(DispatchClass::Normal).base_extrinsic;
	println!(
		"with the base extrinsic weight ({}): {:.1}× a transfer",
		base.ref_time(),
		(check + base).ref_time() as f64 / (transfer() + base).ref_time() as f64,
	);
	// A tenth of a block's compute; its proof is bounded below, against the PoV.
	assert!(
		check.ref_time() <= max_extrinsic().ref_time() / 10,
		"{check:?} exceeds a tenth of {:?}",
		max_extrinsic()
	);
	// The solochain does not limit proof size, a parachain does (10 MiB of PoV a block): the check
	// reads every lineage dataset's shard list, and must still leave room for the rest of a block.
	assert!(check.proof_size() <= POV_LIMIT / 4, "{} proof bytes", check.proof_size());
	// The check reads every lineage dataset: it must cost more than an empty lineage.
	let empty = <Runtime as pallet_eval_attestation::Config>::WeightInfo::request_evaluation(0);
	assert!(check.ref_time() > empty.ref_time());
}

/// What a signed transaction adds as `ExtrinsicSuccess` reports it: the transaction
/// extensions' own weight (nonce, fee payment, …) and the per-extrinsic base weight.
fn signed_overhead() -> Weight {
	use sp_runtime::traits::TransactionExtension;
	let call = verity_runtime::RuntimeCall::System(frame_system::Call::remark { remark: vec![] });
	let extensions =
		verity_runtime::tx_extension(0, sp_runtime::generic::Era::Immortal).weight(&call);
	extensions + RuntimeBlockWeights::get().get(DispatchClass::Normal).base_extrinsic
}

/// `w` against a transfer, both signed transactions as `ExtrinsicSuccess` reports them.
fn signed_ratio(w: Weight) -> f64 {
	(w + signed_overhead()).ref_time() as f64 / (transfer() + signed_overhead()).ref_time() as f64
}

/// The case: r = 2, a version with two generations above it (each with its own owner),
/// two datasets without upstreams or contributors. The reveal that decides it is charged a
/// reveal; the submission pays for the settlement the deadline queue runs a block later.
#[test]
fn a_completing_reveal_weighs_at_most_three_transfers_and_the_submission_pays_the_settlement() {
	use pallet_compute_staking::WeightInfo as _;
	use pallet_dataset_registry::WeightInfo as _;
	use pallet_model_lineage::WeightInfo as _;
	type Compute = <Runtime as pallet_compute_staking::Config>::WeightInfo;
	type Lineage = <Runtime as pallet_model_lineage::Config>::WeightInfo;
	type Registry = <Runtime as pallet_dataset_registry::Config>::WeightInfo;
	let pool: u32 = <Runtime as pallet_compute_staking::Config>::MaxPoolSize::get();
	let reveal = Compute::reveal(2);
	let declared = pallet_compute_staking::Pallet::<Runtime>::reveal_weight_bound();
	// The lookups as they report at this size: the submission prepays the settlement from them.
	let (model, model_base) = (Lineage::record_usage(2), Lineage::record_usage(0));
	let dataset = Registry::record_usage(0, 0);
	let above = model.saturating_sub(model_base);
	let submit = Compute::submit_job(2, pool)
		+ pallet_compute_staking::Pallet::<Runtime>::prepaid_settlement_measured(
			2,
			[dataset, dataset].into_iter(),
			Some(model),
		);
	// What the queue's settlement a block later weighs.
	let settlement = Compute::settle(2, 2) + above;
	println!(
		"completing reveal (r = 2, 3-generation model, 2 datasets): {} ref-time = {:.2}× transfer_keep_alive, \
		 {:.2}× as ExtrinsicSuccess reports signed transactions; declared worst case {:.2}×",
		reveal.ref_time(),
		ratio(reveal),
		signed_ratio(reveal),
		ratio(declared),
	);
	println!(
		"its submission, with the settlement prepaid: {:.2}× ({:.2}× signed); the settlement in the next block's queue: {:.2}×",
		ratio(submit),
		signed_ratio(submit),
		ratio(settlement),
	);
	assert!(signed_ratio(reveal) <= 3.0, "the issue's target: {:.2}×", signed_ratio(reveal));
	assert!(reveal.all_lt(declared));
	assert!(settlement.all_lte(submit), "the submission pays at least the settlement");
	assert!(above.ref_time() > 0, "two ancestors cost more than none");
}

/// Every royalty payee is paid out of the job owner's hold, a transfer each: a payee list that
/// its owner grows (contributors, upstreams, ancestors) must cost the settlement at least one
/// account write per payee, or a job naming such items would fill blocks beyond their weight.
#[test]
fn every_royalty_payee_is_charged_its_transfer() {
	use pallet_dataset_registry::WeightInfo as _;
	use pallet_model_lineage::WeightInfo as _;
	type Lineage = <Runtime as pallet_model_lineage::Config>::WeightInfo;
	type Registry = <Runtime as pallet_dataset_registry::Config>::WeightInfo;
	let write = <Runtime as frame_system::Config>::DbWeight::get().writes(1).ref_time();
	let contributors: u32 = <Runtime as pallet_dataset_registry::Config>::MaxContributors::get();
	let per_contributor = Registry::record_usage(contributors, 0)
		.saturating_sub(Registry::record_usage(0, 0))
		.ref_time()
		/ u64::from(contributors);
	let ancestors = pallet_model_lineage::Pallet::<Runtime>::max_ancestors(
		<Runtime as pallet_model_lineage::Config>::MaxRoyaltyDepth::get(),
	);
	let per_ancestor =
		Lineage::record_usage(ancestors).saturating_sub(Lineage::record_usage(0)).ref_time()
			/ u64::from(ancestors);
	println!(
		"one more contributor: {per_contributor} ref-time, one more ancestor: {per_ancestor} (a write: {write})"
	);
	assert!(per_contributor >= write, "{per_contributor} < {write}");
	assert!(per_ancestor >= write, "{per_ancestor} < {write}");
}

/// The heaviest settlement the limits allow must fit a block and the parachain's PoV, both as
/// the deadline queue's step and as the submission that prepays it (declared before its
/// lookups are measured), or such a job could never be submitted or settled.
#[test]
fn a_settlements_worst_case_fits_a_block_and_the_pov() {
	use pallet_compute_staking::WeightInfo as _;
	type Compute = <Runtime as pallet_compute_staking::Config>::WeightInfo;
	let step = pallet_compute_staking::Pallet::<Runtime>::job_step_weight();
	let datasets: u32 = <Runtime as pallet_compute_staking::Config>::MaxDatasets::get();
	let redundancy: u32 = <Runtime as pallet_compute_staking::Config>::MaxRedundancy::get();
	let pool: u32 = <Runtime as pallet_compute_staking::Config>::MaxPoolSize::get();
	let submit = Compute::submit_job(datasets, pool)
		+ pallet_compute_staking::Pallet::<Runtime>::prepaid_settlement_bound(
			redundancy, datasets, true,
		);
	for (what, w) in
		[("the queue's worst job step", step), ("submit_job's declared worst case", submit)]
	{
		println!(
			"{what}: {} ref-time = {:.1}× transfer_keep_alive, {:.1}% of the normal class's max extrinsic; {} proof bytes = {:.1}% of a 10 MiB PoV",
			w.ref_time(),
			ratio(w),
			w.ref_time() as f64 * 100.0 / max_extrinsic().ref_time() as f64,
			w.proof_size(),
			w.proof_size() as f64 * 100.0 / POV_LIMIT as f64,
		);
		assert!(w.ref_time() <= max_extrinsic().ref_time() / 2, "{what}: {w:?}");
		assert!(w.proof_size() <= POV_LIMIT / 2, "{what}: {} proof bytes", w.proof_size());
	}
}
