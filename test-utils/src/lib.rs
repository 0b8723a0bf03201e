//! What every Verity pallet's mock needs besides its own `Config`: storage with funded
//! accounts at block 1 and fresh glue-trait stand-ins ([`verity_primitives::testing`]), and a
//! runner that checks the pallet's invariants after each test. A dev-dependency only.
//!
//! Blocks are advanced with FRAME's own `System::run_to_block::<AllPalletsWithSystem>(n)`
//! (every pallet's `on_finalize` and `on_initialize`, as the executive runs them) and a pallet's
//! events read with `System::read_events_for_pallet::<Event<Test>>()`; the mocks call those
//! directly.

use sp_io::TestExternalities;
use sp_runtime::{BuildStorage, Storage, TryRuntimeError};

/// Storage of runtime `R` with `balances` funded, at block 1, with the glue-trait stand-ins
/// emptied.
pub fn ext_with<R>(balances: Vec<(R::AccountId, R::Balance)>) -> TestExternalities
where
	R: frame_system::Config + pallet_balances::Config,
{
	verity_primitives::testing::reset();
	let mut storage =
		frame_system::GenesisConfig::<R>::default().build_storage().expect("system genesis builds");
	pallet_balances::GenesisConfig::<R> { balances, ..Default::default() }
		.assimilate_storage(&mut storage)
		.expect("balances genesis builds");
	at_block_one::<R>(storage)
}

/// `storage` as test externalities at block 1 (events are kept from block 1 on).
pub fn at_block_one<R: frame_system::Config>(storage: Storage) -> TestExternalities {
	let mut ext = TestExternalities::new(storage);
	ext.execute_with(|| frame_system::Pallet::<R>::set_block_number(1u32.into()));
	ext
}

/// Runs `test` in `ext`, then `check` (the pallet's `do_try_state`): a test that leaves the
/// pallet's storage inconsistent fails even when its own assertions pass.
pub fn checked(
	mut ext: TestExternalities,
	test: impl FnOnce(),
	check: impl FnOnce() -> Result<(), TryRuntimeError>,
) {
	ext.execute_with(|| {
		test();
		if let Err(e) = check() {
			panic!("invariants broken after the test: {e:?}");
		}
	});
}

/// The helpers every pallet's tests call, written into a mock that has a runtime `Test` with
/// `System`, `AllPalletsWithSystem` and a `new_bench_ext()`, for the pallet `$pallet`:
/// - `new_test_ext(test)`: runs `$setup` (if given) and `test` at block 1, then the pallet's
///   `do_try_state`;
/// - `run_to_block(n)`: every pallet's `on_finalize` and `on_initialize` up to block `n`;
/// - `events()`: the pallet's events so far, oldest first.
#[macro_export]
macro_rules! mock_helpers {
	($pallet:ident $(, setup: $setup:expr)?) => {
		/// Runs `test` at block 1, then checks the pallet's invariants.
		pub fn new_test_ext(test: impl FnOnce()) {
			let test = || {
				$($setup();)?
				test();
			};
			$crate::checked(new_bench_ext(), test, $pallet::do_try_state);
		}

		/// Advances to block `n`, running every pallet's hooks on the way.
		#[allow(dead_code)]
		pub fn run_to_block(n: frame_system::pallet_prelude::BlockNumberFor<Test>) {
			System::run_to_block::<AllPalletsWithSystem>(n);
		}

		/// The pallet's events so far, oldest first.
		#[allow(dead_code)]
		pub fn events() -> Vec<crate::Event<Test>> {
			System::read_events_for_pallet()
		}
	};
}
