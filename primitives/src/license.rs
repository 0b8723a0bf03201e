//! License lineage: may a work under one SPDX license be derived from a work under another?
//!
//! The rule table (docs/provenance.md lists it with the reasons):
//!
//! | upstream class | example ids | the derived work's license must |
//! |---|---|---|
//! | permissive | `MIT`, `Apache-2.0`, `CC-BY-4.0`, `CC0-1.0` | anything |
//! | non-commercial | `CC-BY-NC-4.0` | be non-commercial itself |
//! | share-alike | `CC-BY-SA-4.0`, `GPL-3.0-only`, `ODbL-1.0` | be the same license |
//! | non-commercial share-alike | `CC-BY-NC-SA-4.0` | be the same license |
//! | no derivatives | `CC-BY-ND-4.0`, `CC-BY-NC-ND-4.0` | (nothing: derivation refused) |
//! | unknown (`LicenseRef-…`, model licenses, anything not listed) | `llama3` | be the same license |
//!
//! Expressions: `AND` binds tighter than `OR`. An upstream `A OR B` is satisfied when either
//! alternative is (the deriving party picks); every alternative of a downstream `X OR Y` must
//! satisfy it (its users pick); a downstream `X AND Y` satisfies it when one conjunct does (its
//! users are bound by all). Parentheses are not parsed: such an expression is one unknown term.
//! Ids compare without regard to ASCII case, as SPDX says.

use alloc::vec::Vec;

/// What an upstream license asks of derived works.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Class {
	/// Anything may be derived, under any license.
	Permissive,
	/// Derived works must not be licensed for commercial use.
	NonCommercial,
	/// Derived works carry the same license.
	ShareAlike,
	/// Non-commercial, and derived works carry the same license.
	NonCommercialShareAlike,
	/// No derived works.
	NoDerivatives,
	/// Not in the table: derived works carry the same license.
	Unknown,
}

/// Why a derivation was refused.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Conflict {
	/// The upstream forbids derived works.
	NoDerivatives,
	/// The upstream is non-commercial and the derived work's license is not.
	Commercial,
	/// The upstream asks derived works to carry its own license.
	DifferentLicense,
}

const PERMISSIVE: &[&str] = &[
	"MIT",
	"Apache-2.0",
	"BSD-2-Clause",
	"BSD-3-Clause",
	"ISC",
	"Zlib",
	"BSL-1.0",
	"Unlicense",
	"CC0-1.0",
	"CC-BY-3.0",
	"CC-BY-4.0",
	"ODC-By-1.0",
	"PDDL-1.0",
	"CDLA-Permissive-1.0",
	"CDLA-Permissive-2.0",
];
const NON_COMMERCIAL: &[&str] = &["CC-BY-NC-2.0", "CC-BY-NC-3.0", "CC-BY-NC-4.0"];
const SHARE_ALIKE: &[&str] = &[
	"CC-BY-SA-3.0",
	"CC-BY-SA-4.0",
	"ODbL-1.0",
	"CDLA-Sharing-1.0",
	"GPL-2.0-only",
	"GPL-2.0-or-later",
	"GPL-3.0-only",
	"GPL-3.0-or-later",
	"AGPL-3.0-only",
	"AGPL-3.0-or-later",
	"LGPL-2.1-only",
	"LGPL-2.1-or-later",
	"LGPL-3.0-only",
	"LGPL-3.0-or-later",
	"MPL-2.0",
];
const NON_COMMERCIAL_SHARE_ALIKE: &[&str] = &["CC-BY-NC-SA-3.0", "CC-BY-NC-SA-4.0"];
const NO_DERIVATIVES: &[&str] =
	&["CC-BY-ND-3.0", "CC-BY-ND-4.0", "CC-BY-NC-ND-3.0", "CC-BY-NC-ND-4.0"];

fn listed(table: &[&str], id: &[u8]) -> bool {
	table.iter().any(|t| t.as_bytes().eq_ignore_ascii_case(id))
}

/// The class of one license id (an exception after `WITH` does not change it).
pub fn class(term: &[u8]) -> Class {
	let id = split(term, b" WITH ").into_iter().next().unwrap_or(term);
	if listed(PERMISSIVE, id) {
		Class::Permissive
	} else if listed(NON_COMMERCIAL, id) {
		Class::NonCommercial
	} else if listed(SHARE_ALIKE, id) {
		Class::ShareAlike
	} else if listed(NON_COMMERCIAL_SHARE_ALIKE, id) {
		Class::NonCommercialShareAlike
	} else if listed(NO_DERIVATIVES, id) {
		Class::NoDerivatives
	} else {
		Class::Unknown
	}
}

/// Whether work under `downstream` may be derived from work under `upstream`.
pub fn check(upstream: &[u8], downstream: &[u8]) -> Result<(), Conflict> {
	let mut first_conflict = Conflict::DifferentLicense;
	for (i, alternative) in split(upstream, b" OR ").into_iter().enumerate() {
		match check_conjunction(alternative, downstream) {
			Ok(()) => return Ok(()),
			Err(conflict) if i == 0 => first_conflict = conflict,
			Err(_) => {},
		}
	}
	Err(first_conflict)
}

/// Every term of an upstream `A AND B` must be satisfied.
fn check_conjunction(upstream: &[u8], downstream: &[u8]) -> Result<(), Conflict> {
	split(upstream, b" AND ").into_iter().try_for_each(|term| check_term(term, downstream))
}

/// One upstream term against the whole downstream expression.
fn check_term(upstream: &[u8], downstream: &[u8]) -> Result<(), Conflict> {
	let up = class(upstream);
	split(downstream, b" OR ").into_iter().try_for_each(|alternative| {
		let conjuncts = split(alternative, b" AND ");
		let ok = match up {
			Class::Permissive => true,
			Class::NoDerivatives => return Err(Conflict::NoDerivatives),
			Class::NonCommercial => conjuncts
				.iter()
				.any(|t| matches!(class(t), Class::NonCommercial | Class::NonCommercialShareAlike)),
			Class::ShareAlike | Class::NonCommercialShareAlike | Class::Unknown => {
				conjuncts.iter().any(|t| t.eq_ignore_ascii_case(upstream))
			},
		};
		match (ok, up) {
			(true, _) => Ok(()),
			(false, Class::NonCommercial) => Err(Conflict::Commercial),
			(false, _) => Err(Conflict::DifferentLicense),
		}
	})
}

/// `text` cut at every occurrence of `separator`, each part trimmed of spaces.
fn split<'a>(text: &'a [u8], separator: &[u8]) -> Vec<&'a [u8]> {
	let mut parts = Vec::new();
	if text.contains(&b'(') {
		parts.push(trim(text));
		return parts;
	}
	let mut rest = text;
	while let Some(at) = rest.windows(separator.len()).position(|w| w == separator) {
		let (part, tail) = rest.split_at(at);
		parts.push(trim(part));
		rest = tail.get(separator.len()..).unwrap_or_default();
	}
	parts.push(trim(rest));
	parts
}

fn trim(text: &[u8]) -> &[u8] {
	text.trim_ascii()
}

#[cfg(test)]
mod tests {
	use super::*;

	fn ok(up: &str, down: &str) -> bool {
		check(up.as_bytes(), down.as_bytes()).is_ok()
	}

	#[test]
	fn the_rule_table_holds() {
		assert!(ok("Apache-2.0", "LicenseRef-proprietary"));
		assert!(ok("CC-BY-4.0", "CC-BY-NC-4.0"));
		assert!(ok("CC-BY-NC-4.0", "CC-BY-NC-4.0"));
		assert!(ok("CC-BY-NC-4.0", "CC-BY-NC-SA-4.0"));
		assert_eq!(check(b"CC-BY-NC-4.0", b"Apache-2.0"), Err(Conflict::Commercial));
		assert_eq!(check(b"CC-BY-SA-4.0", b"MIT"), Err(Conflict::DifferentLicense));
		assert!(ok("CC-BY-SA-4.0", "cc-by-sa-4.0"));
		assert_eq!(check(b"CC-BY-ND-4.0", b"CC-BY-ND-4.0"), Err(Conflict::NoDerivatives));
		assert_eq!(check(b"llama3", b"Apache-2.0"), Err(Conflict::DifferentLicense));
		assert!(ok("llama3", "llama3"));
	}

	#[test]
	fn expressions_follow_who_picks() {
		// Upstream OR: the deriving party picks the permissive alternative.
		assert!(ok("CC-BY-NC-4.0 OR MIT", "Apache-2.0"));
		// Upstream AND: both terms bind.
		assert_eq!(check(b"MIT AND CC-BY-NC-4.0", b"MIT"), Err(Conflict::Commercial));
		// Downstream OR: users could pick the commercial alternative.
		assert_eq!(check(b"CC-BY-NC-4.0", b"CC-BY-NC-4.0 OR MIT"), Err(Conflict::Commercial));
		// Downstream AND: users are bound by the non-commercial term too.
		assert!(ok("CC-BY-NC-4.0", "MIT AND CC-BY-NC-4.0"));
		// An exception keeps the base license's class.
		assert_eq!(class(b"GPL-2.0-only WITH Classpath-exception-2.0"), Class::ShareAlike);
		// Parentheses make one unknown term.
		assert_eq!(class(b"(MIT OR GPL-3.0-only)"), Class::Unknown);
		assert!(ok("(MIT OR GPL-3.0-only)", "(MIT OR GPL-3.0-only)"));
		assert!(!ok("(MIT OR GPL-3.0-only)", "MIT"));
	}
}
