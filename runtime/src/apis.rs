//! The runtime APIs the node and clients call.

use alloc::vec::Vec;
use frame_support::{
	genesis_builder_helper::{build_state, get_preset},
	weights::Weight,
};
use sp_api::impl_runtime_apis;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_core::{crypto::KeyTypeId, OpaqueMetadata};
use sp_runtime::{
	traits::Block as BlockT,
	transaction_validity::{TransactionSource, TransactionValidity},
	ApplyExtrinsicResult,
};
use sp_version::RuntimeVersion;

use super::{
	AccountId, Aura, Balance, Block, BlockNumber, ComputeStaking, DatasetRegistry, EvalAttestation,
	Executive, InherentDataExt, ModelLineage, Nonce, ReasoningAnchor, Runtime, RuntimeCall,
	RuntimeGenesisConfig, SessionKeys, System, TransactionPayment, VERSION,
};

impl_runtime_apis! {
	impl sp_api::Core<Block> for Runtime {
		fn version() -> RuntimeVersion {
			VERSION
		}

		fn execute_block(block: <Block as BlockT>::LazyBlock) {
			Executive::execute_block(block);
		}

		fn initialize_block(header: &<Block as BlockT>::Header) -> sp_runtime::ExtrinsicInclusionMode {
			Executive::initialize_block(header)
		}
	}

	impl sp_api::Metadata<Block> for Runtime {
		fn metadata() -> OpaqueMetadata {
			OpaqueMetadata::new(Runtime::metadata().into())
		}

		fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
			Runtime::metadata_at_version(version)
		}

		fn metadata_versions() -> Vec<u32> {
			Runtime::metadata_versions()
		}
	}

	impl frame_support::view_functions::runtime_api::RuntimeViewFunction<Block> for Runtime {
		fn execute_view_function(
			id: frame_support::view_functions::ViewFunctionId,
			input: Vec<u8>,
		) -> Result<Vec<u8>, frame_support::view_functions::ViewFunctionDispatchError> {
			Runtime::execute_view_function(id, input)
		}
	}

	impl sp_block_builder::BlockBuilder<Block> for Runtime {
		fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
			Executive::apply_extrinsic(extrinsic)
		}

		fn finalize_block() -> <Block as BlockT>::Header {
			Executive::finalize_block()
		}

		fn inherent_extrinsics(data: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
			data.create_extrinsics()
		}

		fn check_inherents(
			block: <Block as BlockT>::LazyBlock,
			data: sp_inherents::InherentData,
		) -> sp_inherents::CheckInherentsResult {
			data.check_extrinsics(&block)
		}
	}

	impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
		fn validate_transaction(
			source: TransactionSource,
			tx: <Block as BlockT>::Extrinsic,
			block_hash: <Block as BlockT>::Hash,
		) -> TransactionValidity {
			Executive::validate_transaction(source, tx, block_hash)
		}
	}

	impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
		fn offchain_worker(header: &<Block as BlockT>::Header) {
			Executive::offchain_worker(header)
		}
	}

	impl sp_consensus_aura::AuraApi<Block, AuraId> for Runtime {
		fn slot_duration() -> sp_consensus_aura::SlotDuration {
			sp_consensus_aura::SlotDuration::from_millis(Aura::slot_duration())
		}

		fn authorities() -> Vec<AuraId> {
			pallet_aura::Authorities::<Runtime>::get().into_inner()
		}
	}

	impl sp_session::SessionKeys<Block> for Runtime {
		fn generate_session_keys(
			owner: Vec<u8>,
			seed: Option<Vec<u8>>,
		) -> sp_session::OpaqueGeneratedSessionKeys {
			SessionKeys::generate(&owner, seed).into()
		}

		fn decode_session_keys(encoded: Vec<u8>) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
			SessionKeys::decode_into_raw_public_keys(&encoded)
		}
	}

	#[cfg(not(feature = "parachain"))]
	impl sp_consensus_grandpa::GrandpaApi<Block> for Runtime {
		fn grandpa_authorities() -> sp_consensus_grandpa::AuthorityList {
			super::Grandpa::grandpa_authorities()
		}

		fn current_set_id() -> sp_consensus_grandpa::SetId {
			super::Grandpa::current_set_id()
		}

		fn submit_report_equivocation_unsigned_extrinsic(
			_equivocation_proof: sp_consensus_grandpa::EquivocationProof<
				<Block as BlockT>::Hash,
				sp_runtime::traits::NumberFor<Block>,
			>,
			_key_owner_proof: sp_consensus_grandpa::OpaqueKeyOwnershipProof,
		) -> Option<()> {
			None
		}

		fn generate_key_ownership_proof(
			_set_id: sp_consensus_grandpa::SetId,
			_authority_id: pallet_grandpa::AuthorityId,
		) -> Option<sp_consensus_grandpa::OpaqueKeyOwnershipProof> {
			// No historical sessions are kept, so no ownership proof can be given.
			None
		}
	}

	// What a collator (polkadot-omni-node) asks the parachain flavour.
	#[cfg(feature = "parachain")]
	impl cumulus_primitives_aura::AuraUnincludedSegmentApi<Block> for Runtime {
		fn can_build_upon(
			included_hash: <Block as BlockT>::Hash,
			slot: cumulus_primitives_aura::Slot,
		) -> bool {
			crate::configs::consensus::ConsensusHook::can_build_upon(included_hash, slot)
		}
	}

	#[cfg(feature = "parachain")]
	impl cumulus_primitives_core::CollectCollationInfo<Block> for Runtime {
		fn collect_collation_info(header: &<Block as BlockT>::Header) -> cumulus_primitives_core::CollationInfo {
			super::ParachainSystem::collect_collation_info(header)
		}
	}

	#[cfg(feature = "parachain")]
	impl cumulus_primitives_core::GetParachainInfo<Block> for Runtime {
		fn parachain_id() -> cumulus_primitives_core::ParaId {
			super::ParachainInfo::parachain_id()
		}
	}

	#[cfg(feature = "parachain")]
	impl cumulus_primitives_core::RelayParentOffsetApi<Block> for Runtime {
		fn relay_parent_offset() -> u32 {
			<<Runtime as cumulus_pallet_parachain_system::Config>::RelayParentOffset as frame_support::traits::Get<u32>>::get()
		}

		// Asynchronous backing with V2 candidates: the next relay block or the one after.
		fn max_claim_queue_offset() -> u8 {
			1
		}
	}

	#[cfg(feature = "parachain")]
	impl cumulus_primitives_core::SchedulingV3EnabledApi<Block> for Runtime {
		fn scheduling_v3_enabled() -> bool {
			<<Runtime as cumulus_pallet_parachain_system::Config>::SchedulingSignatureVerifier
				as cumulus_primitives_core::VerifySchedulingSignature>::V3_SCHEDULING_ENABLED
		}
	}

	#[cfg(feature = "parachain")]
	impl cumulus_primitives_core::TargetBlockRate<Block> for Runtime {
		fn target_block_rate() -> u32 {
			crate::configs::consensus::BLOCK_PROCESSING_VELOCITY
		}
	}

	impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
		fn account_nonce(account: AccountId) -> Nonce {
			System::account_nonce(account)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance> for Runtime {
		fn query_info(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_info(uxt, len)
		}
		fn query_fee_details(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_fee_details(uxt, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<Block, Balance, RuntimeCall>
		for Runtime
	{
		fn query_call_info(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_call_info(call, len)
		}
		fn query_call_fee_details(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_call_fee_details(call, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_dataset_registry_runtime_api::DatasetRegistryApi<Block, AccountId, Balance, BlockNumber> for Runtime {
		fn dataset(
			id: verity_primitives::DatasetId,
		) -> Option<pallet_dataset_registry::DatasetInfo<AccountId, Balance, BlockNumber>> {
			DatasetRegistry::dataset(id)
		}
		fn dataset_by_root(root: verity_primitives::ContentHash) -> Option<verity_primitives::DatasetId> {
			DatasetRegistry::dataset_by_root(root)
		}
		fn overlaps(id: verity_primitives::DatasetId) -> Vec<(verity_primitives::DatasetId, u32)> {
			DatasetRegistry::overlaps(id)
		}
		fn usage(id: verity_primitives::DatasetId) -> (u64, Balance) {
			DatasetRegistry::usage(id)
		}
	}

	impl pallet_compute_staking_runtime_api::ComputeStakingApi<Block, AccountId, Balance, BlockNumber> for Runtime {
		fn provider(who: AccountId) -> Option<pallet_compute_staking::ProviderView<Balance, BlockNumber>> {
			ComputeStaking::provider_view(who)
		}
		fn job(id: verity_primitives::JobId) -> Option<pallet_compute_staking::JobView<AccountId, Balance, BlockNumber>> {
			ComputeStaking::job_view(id)
		}
		fn receipt(id: verity_primitives::JobId) -> Option<verity_primitives::traits::ComputeReceipt<AccountId>> {
			ComputeStaking::receipt_of(id)
		}
	}

	impl pallet_eval_attestation_runtime_api::EvalAttestationApi<Block, AccountId, Balance, BlockNumber> for Runtime {
		fn benchmark(id: verity_primitives::BenchmarkId) -> Option<pallet_eval_attestation::BenchmarkView<AccountId, Balance, BlockNumber>> {
			EvalAttestation::benchmark_view(id)
		}
		fn revealed_test_set(id: verity_primitives::BenchmarkId) -> Option<pallet_eval_attestation::TestSetView> {
			EvalAttestation::revealed_test_set(id)
		}
		fn leaderboard(benchmark: verity_primitives::BenchmarkId) -> Vec<pallet_eval_attestation::LeaderboardRow<BlockNumber>> {
			EvalAttestation::leaderboard(benchmark)
		}
		fn scores(version: verity_primitives::ModelVersionId) -> Vec<pallet_eval_attestation::BenchmarkScore<AccountId, BlockNumber>> {
			EvalAttestation::scores(version)
		}
		fn history(
			version: verity_primitives::ModelVersionId,
			benchmark: verity_primitives::BenchmarkId,
		) -> Vec<pallet_eval_attestation::AttestationView<AccountId, BlockNumber>> {
			EvalAttestation::history(version, benchmark)
		}
		fn request(id: pallet_eval_attestation::RequestId) -> Option<pallet_eval_attestation::RequestView<AccountId, Balance, BlockNumber>> {
			EvalAttestation::request_view(id)
		}
		fn evaluator(who: AccountId) -> Option<pallet_eval_attestation::Evaluator<Balance>> {
			EvalAttestation::evaluator(&who)
		}
	}

	impl pallet_model_lineage_runtime_api::ModelLineageApi<Block, AccountId, Balance> for Runtime {
		fn model(id: verity_primitives::ModelId) -> Option<pallet_model_lineage::ModelView<AccountId, Balance>> {
			ModelLineage::model_view(id)
		}
		fn version(
			id: verity_primitives::ModelVersionId,
		) -> Option<pallet_model_lineage::VersionView<AccountId, Balance>> {
			ModelLineage::version_view(id)
		}
		fn ancestors(
			version: verity_primitives::ModelVersionId,
			max_depth: u32,
		) -> Vec<pallet_model_lineage::LineageNode> {
			ModelLineage::walk_ancestors(version, max_depth)
		}
		fn descendants(
			version: verity_primitives::ModelVersionId,
			max_depth: u32,
		) -> Vec<pallet_model_lineage::LineageNode> {
			ModelLineage::walk_descendants(version, max_depth)
		}
		fn lineage_datasets(version: verity_primitives::ModelVersionId) -> Vec<verity_primitives::DatasetId> {
			ModelLineage::datasets_in_lineage(version)
		}
		fn lineage(version: verity_primitives::ModelVersionId, max_depth: u32) -> pallet_model_lineage::LineageView {
			ModelLineage::lineage_view(version, max_depth)
		}
		fn version_by_weights(hash: verity_primitives::ContentHash) -> Option<verity_primitives::ModelVersionId> {
			ModelLineage::version_by_weights(hash)
		}
	}

	impl verity_provenance::ProvenanceApi<Block, AccountId, BlockNumber> for Runtime {
		fn provenance(
			version: verity_primitives::ModelVersionId,
		) -> Option<verity_provenance::BillOfMaterials<AccountId, BlockNumber>> {
			verity_provenance::bill_of_materials::<Runtime>(version)
		}
	}

	impl pallet_reasoning_anchor_runtime_api::ReasoningAnchorApi<Block, AccountId, BlockNumber> for Runtime {
		fn verify_step(
			anchor: pallet_reasoning_anchor_runtime_api::AnchorId,
			trace_root: pallet_reasoning_anchor_runtime_api::ContentHash,
			trace_proof: pallet_reasoning_anchor_runtime_api::Proof,
			step: Vec<u8>,
			step_proof: pallet_reasoning_anchor_runtime_api::Proof,
		) -> pallet_reasoning_anchor_runtime_api::VerifyResult<AccountId, BlockNumber> {
			ReasoningAnchor::verify_step(anchor, trace_root, trace_proof, step, step_proof)
		}

		fn anchor(
			anchor: pallet_reasoning_anchor_runtime_api::AnchorId,
		) -> Option<pallet_reasoning_anchor_runtime_api::AnchorInfo<AccountId, BlockNumber>> {
			ReasoningAnchor::anchor(anchor)
		}

		fn anchor_by_root(
			submitter: AccountId,
			root: pallet_reasoning_anchor_runtime_api::ContentHash,
		) -> Option<pallet_reasoning_anchor_runtime_api::AnchorId> {
			ReasoningAnchor::anchor_by_root(submitter, root)
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl frame_benchmarking::Benchmark<Block> for Runtime {
		fn benchmark_metadata(extra: bool) -> (
			Vec<frame_benchmarking::BenchmarkList>,
			Vec<frame_support::traits::StorageInfo>,
		) {
			use frame_benchmarking::BenchmarkList;
			use frame_support::traits::StorageInfoTrait;
			use super::benchmarks::*;

			let mut list = Vec::<BenchmarkList>::new();
			list_benchmarks!(list, extra);
			let storage_info = super::AllPalletsWithSystem::storage_info();
			(list, storage_info)
		}

		#[allow(non_local_definitions)]
		fn dispatch_benchmark(
			config: frame_benchmarking::BenchmarkConfig
		) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
			use frame_benchmarking::BenchmarkBatch;
			use frame_support::traits::WhitelistedStorageKeys;
			use sp_storage::TrackedStorageKey;
			use super::benchmarks::*;

			impl frame_system_benchmarking::Config for Runtime {}
			impl frame_benchmarking::baseline::Config for Runtime {}

			let whitelist: Vec<TrackedStorageKey> =
				super::AllPalletsWithSystem::whitelisted_storage_keys();
			let mut batches = Vec::<BenchmarkBatch>::new();
			let params = (&config, &whitelist);
			add_benchmarks!(params, batches);
			Ok(batches)
		}
	}

	#[cfg(feature = "try-runtime")]
	impl frame_try_runtime::TryRuntime<Block> for Runtime {
		fn on_runtime_upgrade(checks: frame_try_runtime::UpgradeCheckSelect) -> (Weight, Weight) {
			let weight = Executive::try_runtime_upgrade(checks).unwrap_or_default();
			(weight, super::configs::RuntimeBlockWeights::get().max_block)
		}

		fn execute_block(
			block: <Block as BlockT>::LazyBlock,
			state_root_check: bool,
			signature_check: bool,
			select: frame_try_runtime::TryStateSelect,
		) -> Weight {
			Executive::try_execute_block(block, state_root_check, signature_check, select)
				.unwrap_or_default()
		}
	}

	impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
		fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
			build_state::<RuntimeGenesisConfig>(config)
		}

		fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
			get_preset::<RuntimeGenesisConfig>(id, crate::genesis_config_presets::get_preset)
		}

		fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
			crate::genesis_config_presets::preset_names()
		}
	}
}
