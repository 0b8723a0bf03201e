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
	// The reveal at the job's two seats; the job's record, read and written by the reveal and
	// the settlement, counted once (`reveal_weight_used`).
	let reveal = Compute::reveal(2);
	let settle = Compute::settle(2, 2);
	let model = Lineage::record_usage(2).saturating_sub(Lineage::record_usage(0));
	let worst_dataset = Registry::record_usage(0, 0);
	let job_record = <Runtime as frame_system::Config>::DbWeight::get().reads_writes(1, 1);
	let used = reveal + settle + model - job_record;
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
	// `ExtrinsicSuccess` also counts the per-extrinsic base weight, the same for both.
	let base = RuntimeBlockWeights::get().get(DispatchClass::Normal).base_extrinsic;
	println!(
		"with the transaction extensions ({} ref-time) and the base extrinsic weight ({}), as ExtrinsicSuccess reports: {:.2}× a transfer",
		extensions.ref_time(),
		base.ref_time(),
		(used + extensions + base).ref_time() as f64
			/ (transfer() + extensions + base).ref_time() as f64,
	);
	assert!(used.all_lt(declared));
	assert!(model.ref_time() > 0, "two ancestors cost more than none");
	assert!(worst_dataset
		.all_lt(<Runtime as pallet_compute_staking::Config>::DatasetUsage::record_usage_weight()));
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

/// A reveal is charged its worst case up front (the settlement with every royalty lookup at its
/// largest, every payee paid) and refunded after: that worst case must still leave room in a
/// block, and its proof must fit the parachain's PoV with room to spare, or no reveal could be
/// included and jobs would only ever time out.
#[test]
fn a_reveals_worst_case_fits_a_block_and_the_pov() {
	use frame_support::dispatch::GetDispatchInfo;
	let reveal =
		verity_runtime::RuntimeCall::ComputeStaking(pallet_compute_staking::Call::reveal {
			job: 0,
			output: Default::default(),
			salt: Default::default(),
		})
		.get_dispatch_info()
		.call_weight;
	println!(
		"a reveal's worst case: {} ref-time = {:.1}× transfer_keep_alive, {:.1}% of the normal class's max extrinsic; {} proof bytes = {:.1}% of a 10 MiB PoV",
		reveal.ref_time(),
		ratio(reveal),
		reveal.ref_time() as f64 * 100.0 / max_extrinsic().ref_time() as f64,
		reveal.proof_size(),
		reveal.proof_size() as f64 * 100.0 / POV_LIMIT as f64,
	);
	assert!(reveal.ref_time() <= max_extrinsic().ref_time() / 4, "{reveal:?}");
	assert!(reveal.proof_size() <= POV_LIMIT / 4, "{} proof bytes", reveal.proof_size());
}
