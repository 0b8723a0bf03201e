//! The governance origins that OpenGov tracks dispatch with, besides root.

pub use pallet_origins::*;

// FRAME's expansion of `#[pallet::pallet]` calls `expect` on facts the macro checked.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet_origins {
	use frame_support::pallet_prelude::*;

	#[pallet::config]
	pub trait Config: frame_system::Config {}

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// Origins of passed referenda on the non-root tracks.
	#[derive(
		PartialEq, Eq, Clone, MaxEncodedLen, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug,
	)]
	#[pallet::origin]
	pub enum Origin {
		/// Token holders approved it on the benchmark-standards track: approves and retires
		/// benchmark standards in eval attestation.
		BenchmarkStandards,
	}
}

/// Ensures the origin is `Origin::BenchmarkStandards`, i.e. a referendum passed on its track.
pub struct BenchmarkStandards;

impl<O> frame_support::traits::EnsureOrigin<O> for BenchmarkStandards
where
	O: frame_support::traits::OriginTrait + From<Origin>,
	for<'a> &'a O::PalletsOrigin: TryInto<&'a Origin>,
{
	type Success = ();

	fn try_origin(o: O) -> Result<(), O> {
		let passed = matches!(o.caller().try_into(), Ok(Origin::BenchmarkStandards));
		if passed {
			Ok(())
		} else {
			Err(o)
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin() -> Result<O, ()> {
		Ok(O::from(Origin::BenchmarkStandards))
	}
}
