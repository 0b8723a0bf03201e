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
		/// Token holders decided it on the compute-disputes track: settles disputed compute
		/// jobs and cancels mistaken slashes in compute staking.
		ComputeDisputes,
	}
}

/// An `EnsureOrigin` that passes only the given origin of a passed referendum.
macro_rules! ensure_track_origin {
	($name:ident, $variant:ident, $doc:literal) => {
		#[doc = $doc]
		pub struct $name;

		impl<O> frame_support::traits::EnsureOrigin<O> for $name
		where
			O: frame_support::traits::OriginTrait + From<Origin>,
			for<'a> &'a O::PalletsOrigin: TryInto<&'a Origin>,
		{
			type Success = ();

			fn try_origin(o: O) -> Result<(), O> {
				if matches!(o.caller().try_into(), Ok(Origin::$variant)) {
					Ok(())
				} else {
					Err(o)
				}
			}

			#[cfg(feature = "runtime-benchmarks")]
			fn try_successful_origin() -> Result<O, ()> {
				Ok(O::from(Origin::$variant))
			}
		}
	};
}

ensure_track_origin!(
	BenchmarkStandards,
	BenchmarkStandards,
	"Ensures the origin is `Origin::BenchmarkStandards`, i.e. a referendum passed on its track."
);
ensure_track_origin!(
	ComputeDisputes,
	ComputeDisputes,
	"Ensures the origin is `Origin::ComputeDisputes`, i.e. a referendum passed on its track."
);
