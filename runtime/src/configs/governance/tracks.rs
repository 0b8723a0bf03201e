//! OpenGov tracks: root, benchmark standards (approving and retiring the benchmarks that eval
//! attestation scores against) and compute disputes. Periods shrink to blocks with `fast-runtime`, so a whole
//! referendum runs inside an end-to-end test.

use alloc::borrow::Cow;
use pallet_referenda::{Curve, Track, TrackInfo};
use sp_runtime::{str_array as s, Perbill};

use super::origins::Origin;
use crate::configs::fast_or;
use crate::{Balance, BlockNumber, OriginCaller, RuntimeOrigin, DAYS, HOURS, MINUTES, UNIT};

/// Track ids.
pub const ROOT: u16 = 0;
/// Track id of benchmark standards.
pub const BENCHMARK_STANDARDS: u16 = 1;
/// Track id of compute disputes (settling disputed jobs, cancelling mistaken slashes).
pub const COMPUTE_DISPUTES: u16 = 2;

/// Approval starting at 75% and falling linearly to a bare majority by the end of the decision
/// period: both Verity tracks ask for it.
const MAJORITY_FROM_THREE_QUARTERS: Curve =
	Curve::LinearDecreasing { length: percent(100), floor: percent(50), ceil: percent(75) };

const fn percent(x: u32) -> Perbill {
	Perbill::from_percent(x)
}

const TRACKS: [Track<u16, Balance, BlockNumber>; 3] = [
	Track {
		id: ROOT,
		info: TrackInfo {
			name: s("root"),
			max_deciding: 1,
			decision_deposit: 10_000 * UNIT,
			prepare_period: fast_or(2, 2 * HOURS),
			decision_period: fast_or(50, 14 * DAYS),
			confirm_period: fast_or(5, DAYS),
			min_enactment_period: fast_or(1, DAYS),
			// Approval falls from 100% to 50% and support from 50% to 0.5% over the decision.
			min_approval: Curve::LinearDecreasing {
				length: percent(100),
				floor: percent(50),
				ceil: percent(100),
			},
			min_support: Curve::LinearDecreasing {
				length: percent(100),
				floor: Perbill::from_parts(5_000_000),
				ceil: percent(50),
			},
		},
	},
	Track {
		id: BENCHMARK_STANDARDS,
		info: TrackInfo {
			name: s("benchmark_standards"),
			max_deciding: 10,
			decision_deposit: 100 * UNIT,
			prepare_period: fast_or(1, HOURS),
			decision_period: fast_or(30, 7 * DAYS),
			confirm_period: fast_or(2, 3 * HOURS),
			min_enactment_period: fast_or(1, 10 * MINUTES),
			// A benchmark standard needs a majority throughout and support from 5% of the active
			// issuance early, falling to 0.5% by the end of the decision period.
			min_approval: MAJORITY_FROM_THREE_QUARTERS,
			min_support: Curve::LinearDecreasing {
				length: percent(100),
				floor: Perbill::from_parts(5_000_000),
				ceil: percent(5),
			},
		},
	},
	Track {
		id: COMPUTE_DISPUTES,
		info: TrackInfo {
			name: s("compute_disputes"),
			max_deciding: 20,
			decision_deposit: 50 * UNIT,
			// Prepare + decision + confirm + enactment (about 1 day 1 hour) fit inside the
			// 2-day slash deferral and dispute period of compute staking.
			prepare_period: fast_or(1, 10 * MINUTES),
			decision_period: fast_or(10, DAYS),
			confirm_period: fast_or(2, HOURS),
			min_enactment_period: fast_or(1, MINUTES),
			min_approval: MAJORITY_FROM_THREE_QUARTERS,
			min_support: Curve::LinearDecreasing {
				length: percent(100),
				floor: Perbill::from_parts(1_000_000),
				ceil: percent(2),
			},
		},
	},
];

/// The tracks the referenda pallet runs.
pub struct TracksInfo;

impl pallet_referenda::TracksInfo<Balance, BlockNumber> for TracksInfo {
	type Id = u16;
	type RuntimeOrigin = <RuntimeOrigin as frame_support::traits::OriginTrait>::PalletsOrigin;

	fn tracks() -> impl Iterator<Item = Cow<'static, Track<u16, Balance, BlockNumber>>> {
		TRACKS.iter().map(Cow::Borrowed)
	}

	fn track_for(origin: &Self::RuntimeOrigin) -> Result<u16, ()> {
		match origin {
			OriginCaller::system(frame_system::RawOrigin::Root) => Ok(ROOT),
			OriginCaller::Origins(Origin::BenchmarkStandards) => Ok(BENCHMARK_STANDARDS),
			OriginCaller::Origins(Origin::ComputeDisputes) => Ok(COMPUTE_DISPUTES),
			_ => Err(()),
		}
	}
}
