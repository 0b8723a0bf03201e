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

#[test]
fn a_completing_reveal_is_charged_for_its_own_lineage_not_the_worst_case() {
	use pallet_compute_staking::WeightInfo as _;
	use pallet_dataset_registry::WeightInfo as _;
	use pallet_model_lineage::WeightInfo as _;
	use verity_primitives::traits::DatasetUsage;
	type Compute = <Runtime as pallet_compute_staking::Config>::WeightInfo;
	type Lineage = <Runtime as pallet_model_lineage::Config>::WeightInfo;
	type Registry = <Runtime as pallet_dataset_registry::Config>::WeightInfo;
	let seats = pallet_compute_staking::MaxSeatsOf::<Runtime>::get();
	// r = 2, a version with two generations above it, two datasets without upstreams: what
	// `reveal` refunds to (the settle benchmark ran each hook at its base size already, so the
	// datasets add nothing above it and the model its two ancestors).
	let reveal = Compute::reveal(seats);
	let settle = Compute::settle(2, 2);
	let model = Lineage::record_usage(2).saturating_sub(Lineage::record_usage(0));
	let worst_dataset = Registry::record_usage(0, 0);
	let used = reveal + settle + model;
	let declared =
		Compute::reveal(seats) + pallet_compute_staking::Pallet::<Runtime>::job_step_weight();
	// What a signed transaction adds to either (the transaction extensions' weight is the same
	// for both calls, so it is left out of both sides).
	println!(
		"completing reveal (r = 2, 3-generation model, 2 datasets): {} ref-time = {:.2}× transfer_keep_alive \
		 (reveal {:.2}×, settle(2, 2) {:.2}×, model lineage above base {:.2}×); worst case declared {:.2}×",
		used.ref_time(),
		ratio(used),
		ratio(reveal),
		ratio(settle),
		ratio(model),
		ratio(declared),
	);
	// As `ExtrinsicSuccess` reports a signed transaction's weight: with the transaction
	// extensions' own weight (nonce, fee payment, …), the same for both calls.
	let extensions = {
		use sp_runtime::traits::TransactionExtension;
		let call =
			verity_runtime::RuntimeCall::System(frame_system::Call::remark { remark: vec![] });
		verity_runtime::tx_extension(0, sp_runtime::generic::Era::Immortal).weight(&call)
	};
	println!(
		"with the transaction extensions ({} ref-time), as ExtrinsicSuccess reports: {:.2}× a transfer",
		extensions.ref_time(),
		(used + extensions).ref_time() as f64 / (transfer() + extensions).ref_time() as f64,
	);
	assert!(used.all_lt(declared));
	assert!(model.ref_time() > 0, "two ancestors cost more than none");
	assert!(worst_dataset
		.all_lt(<Runtime as pallet_compute_staking::Config>::DatasetUsage::record_usage_weight()));
}
