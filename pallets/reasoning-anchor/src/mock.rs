//! A runtime with `frame_system`, balances and this pallet; model lineage and compute are the
//! shared stand-ins of `verity_primitives::testing`, filled by each test.

use crate as pallet_reasoning_anchor;
use frame_support::{
	derive_impl, parameter_types,
	traits::{tokens::imbalance::ResolveTo, ConstU32, ConstU64},
};
use verity_primitives::{
	testing::{Compute, Lineage},
	traits::ComputeReceipt,
	ContentHash, ModelVersionId,
};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		ReasoningAnchor: pallet_reasoning_anchor,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
}

pub const ALICE: u64 = 1;
pub const BOB: u64 = 2;
/// Has less than the fee.
pub const POOR: u64 = 3;
/// A provider of BOB's jobs.
pub const CAROL: u64 = 4;
/// The attacker, with her own funds.
pub const EVE: u64 = 5;
/// Another of EVE's accounts.
pub const EVE_2: u64 = 6;
pub const TREASURY: u64 = 99;
pub const FEE: u64 = 10;
pub const BYTE_FEE: u64 = 1;
/// Small, so depth limits are reachable in tests: 2^8 = 256 steps or traces at most.
pub const MAX_DEPTH: u32 = 8;

parameter_types! {
	pub const TreasuryAccount: u64 = TREASURY;
}

impl pallet_reasoning_anchor::Config for Test {
	type Currency = Balances;
	type FeeDestination = ResolveTo<TreasuryAccount, Balances>;
	type AnchorFee = ConstU64<FEE>;
	type UriByteFee = ConstU64<BYTE_FEE>;
	type MaxUriLen = ConstU32<64>;
	type MaxProofDepth = ConstU32<MAX_DEPTH>;
	type Lineage = Lineage;
	type Compute = Compute;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = StandIns;
}

/// Benchmark set-up through the stand-ins.
#[cfg(feature = "runtime-benchmarks")]
pub struct StandIns;

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for StandIns {
	fn usable_model_version() -> Option<ModelVersionId> {
		Lineage::insert(7, true, vec![], vec![]);
		Some(7)
	}
	fn completed_job(
		model_version: Option<ModelVersionId>,
		provider: &u64,
	) -> Option<verity_primitives::JobId> {
		let mut receipt = job(POOR, vec![ALICE, BOB, CAROL, *provider], model_version);
		receipt.output_hash = ContentHash::repeat_byte(0xee);
		Compute::insert(3, receipt);
		Some(3)
	}
}

/// A completed job's receipt that ran `model_version`, owned by ALICE and run by BOB, with
/// output hash zero.
pub fn receipt(model_version: Option<ModelVersionId>) -> ComputeReceipt<u64> {
	job(ALICE, vec![BOB], model_version)
}

/// A completed inference job of `owner`, run by `providers`, with output hash zero.
pub fn job(
	owner: u64,
	providers: Vec<u64>,
	model_version: Option<ModelVersionId>,
) -> ComputeReceipt<u64> {
	ComputeReceipt {
		owner,
		kind: verity_primitives::traits::JobKind::Inference,
		providers,
		model_version,
		datasets: vec![],
		input_hash: Default::default(),
		output_hash: Default::default(),
	}
}

/// Storage with ALICE, BOB, CAROL, EVE and EVE_2 funded and POOR nearly broke.
pub fn new_bench_ext() -> sp_io::TestExternalities {
	let rich = [ALICE, BOB, CAROL, EVE, EVE_2].map(|who| (who, 1_000));
	verity_test_utils::ext_with::<Test>([(POOR, 5)].into_iter().chain(rich).collect())
}

verity_test_utils::mock_helpers!(ReasoningAnchor);
