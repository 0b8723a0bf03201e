//! The seed corpus: the lifecycles the end-to-end tests drive, as harness inputs, so the fuzzer
//! starts from deep states rather than an empty chain.

use crate::Op;

/// Every seed, by name.
pub fn all() -> Vec<(&'static str, Vec<Op>)> {
	Vec::new()
}

/// Placeholder.
pub fn expected_last(_name: &str) -> &'static str {
	""
}
