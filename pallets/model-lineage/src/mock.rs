//! A runtime with `frame_system`, balances and this pallet; datasets and compute receipts come
//! from the shared stand-ins in `verity_primitives::testing`.

use crate as pallet_model_lineage;
use frame_support::{derive_impl, parameter_types};
use verity_primitives::testing;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Lineage: pallet_model_lineage,
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

pub const MODEL_DEPOSIT: u64 = 100;
pub const VERSION_DEPOSIT: u64 = 10;
pub const INITIAL_BALANCE: u64 = 10_000;

parameter_types! {
	pub const ModelDeposit: u64 = MODEL_DEPOSIT;
	pub const VersionDeposit: u64 = VERSION_DEPOSIT;
	pub const MaxNameLen: u32 = 32;
	pub const MaxLicenseLen: u32 = 32;
	pub const MaxUriLen: u32 = 64;
	pub const MaxMaintainers: u32 = 3;
	pub const MaxParents: u32 = 4;
	pub const MaxDatasets: u32 = 4;
	pub const MaxLineageDatasets: u32 = 8;
	pub const MaxLineageDepth: u32 = 4;
	pub const MaxLineageNodes: u32 = 16;
	pub const MaxRoyaltyDepth: u32 = 2;
	pub const MaxRevocationFanout: u32 = 3;
}

impl pallet_model_lineage::Config for Test {
	type Currency = Balances;
	type Datasets = testing::Datasets;
	type Compute = testing::Compute;
	type DatasetPins = testing::Datasets;
	type ModelDeposit = ModelDeposit;
	type VersionDeposit = VersionDeposit;
	type MaxNameLen = MaxNameLen;
	type MaxLicenseLen = MaxLicenseLen;
	type MaxUriLen = MaxUriLen;
	type MaxMaintainers = MaxMaintainers;
	type MaxParents = MaxParents;
	type MaxDatasets = MaxDatasets;
	type MaxLineageDatasets = MaxLineageDatasets;
	type MaxLineageDepth = MaxLineageDepth;
	type MaxLineageNodes = MaxLineageNodes;
	type MaxRoyaltyDepth = MaxRoyaltyDepth;
	type MaxRevocationFanout = MaxRevocationFanout;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchHelper;
}

/// Benchmark set-up through the stand-ins.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchHelper;

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for BenchHelper {
	fn dataset(i: u32) -> Option<verity_primitives::DatasetId> {
		let id = 1_000 + u64::from(i);
		testing::Datasets::insert(id, true, vec![]);
		Some(id)
	}

	fn completed_job(
		receipt: verity_primitives::traits::ComputeReceipt<u64>,
	) -> Option<verity_primitives::JobId> {
		testing::Compute::insert(77, receipt);
		Some(77)
	}
}

/// Storage where accounts 1 to 9 hold `INITIAL_BALANCE` each.
pub fn new_bench_ext() -> sp_io::TestExternalities {
	let balances = (1..10).map(|who| (who, INITIAL_BALANCE)).collect();
	verity_test_utils::ext_with::<Test>(balances)
}

verity_test_utils::mock_helpers!(Lineage);
