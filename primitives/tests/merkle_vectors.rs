//! Test vectors of the Merkle format, checked in as `merkle-vectors.json` for clients in other
//! languages (docs/merkle-format.md explains them).
//!
//! The file is generated once by the ignored helper below and then only compared against:
//!
//! ```text
//! cargo test --release -p verity-primitives --test merkle_vectors -- --ignored write_vectors
//! ```
//!
//! Regenerating it is a format change: every anchored root and every client must follow.

use serde_json::{json, Value};
use sp_core::H256;
use sp_runtime::traits::{BlakeTwo256, Hash};
use std::path::PathBuf;
use verity_primitives::merkle::{self, ProofError};

/// The crate's directory as `cargo test` gives it when the test runs: a test binary reused from
/// a build of another checkout (one shared target dir) would otherwise read that checkout's path.
fn manifest_dir() -> PathBuf {
	std::env::var_os("CARGO_MANIFEST_DIR")
		.map(PathBuf::from)
		.unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
}

fn vectors_path() -> PathBuf {
	manifest_dir().join("tests").join("merkle-vectors.json")
}

fn hex0x(bytes: &[u8]) -> String {
	format!("0x{}", hex::encode(bytes))
}

fn unhex(value: &Value) -> Vec<u8> {
	let text = value.as_str().expect("hex string");
	hex::decode(text.trim_start_matches("0x")).expect("valid hex")
}

fn unhash(value: &Value) -> H256 {
	H256::from_slice(&unhex(value))
}

fn error_name(e: ProofError) -> &'static str {
	match e {
		ProofError::IndexOutOfRange => "IndexOutOfRange",
		ProofError::WrongDepth => "WrongDepth",
		ProofError::RootMismatch => "RootMismatch",
	}
}

/// The trees the vectors cover: sizes around powers of two, empty and binary items.
fn cases() -> Vec<(&'static str, Vec<Vec<u8>>)> {
	let steps = |n: usize| (0..n).map(|i| format!("step {i}").into_bytes()).collect::<Vec<_>>();
	vec![
		("empty", vec![]),
		("one step", vec![b"The question asks for 17 x 3.".to_vec()]),
		("two steps", steps(2)),
		("three steps", steps(3)),
		("four steps", steps(4)),
		("five steps", steps(5)),
		("seven steps", steps(7)),
		("eight steps", steps(8)),
		("nine steps", steps(9)),
		("seventeen steps", steps(17)),
		("unicode steps", vec!["ρ = 0.5".into(), "∴ x > 0".into(), "done 🙂".into()]),
		("binary items", vec![vec![], vec![0x00], vec![0xff; 40], vec![0u8; 32], vec![0x01; 65]]),
	]
}

fn case_json(name: &str, items: &[Vec<u8>]) -> Value {
	let leaves: Vec<H256> =
		items.iter().enumerate().map(|(i, d)| merkle::leaf_hash(i as u64, d)).collect();
	let proofs: Vec<Value> = (0..items.len() as u64)
		.map(|i| {
			let p = merkle::proof(items, i).expect("index in range");
			json!({
				"leaf_index": p.leaf_index,
				"leaf_count": p.leaf_count,
				"siblings": p.siblings.iter().map(|s| hex0x(s.as_bytes())).collect::<Vec<_>>(),
			})
		})
		.collect();
	let utf8: Vec<Value> = items
		.iter()
		.map(|d| std::str::from_utf8(d).map(|s| Value::from(s)).unwrap_or(Value::Null))
		.collect();
	json!({
		"name": name,
		"items_hex": items.iter().map(|d| hex0x(d)).collect::<Vec<_>>(),
		"items_utf8": utf8,
		"leaves": leaves.iter().map(|l| hex0x(l.as_bytes())).collect::<Vec<_>>(),
		"root": hex0x(merkle::root(items).as_bytes()),
		"proofs": proofs,
	})
}

/// Proofs that must fail, each a small change to a valid proof of "five steps".
fn invalid_json() -> Vec<Value> {
	let items: Vec<Vec<u8>> = (0..5).map(|i| format!("step {i}").into_bytes()).collect();
	let root = merkle::root(&items);
	let good = merkle::proof(&items, 1).expect("index in range");
	let mut flipped = good.siblings.clone();
	flipped[0].0[0] ^= 1;
	let mut longer = good.siblings.clone();
	longer.push(root);
	let shorter = good.siblings[..good.siblings.len() - 1].to_vec();
	let data = items[1].clone();
	let variants: Vec<(&str, Vec<u8>, u64, u64, Vec<H256>)> = vec![
		("altered step", b"step 1!".to_vec(), 1, 5, good.siblings.clone()),
		("other index", data.clone(), 2, 5, good.siblings.clone()),
		("index equal to leaf count", data.clone(), 5, 5, good.siblings.clone()),
		("leaf count plus one", data.clone(), 1, 6, good.siblings.clone()),
		("leaf count minus one", data.clone(), 1, 4, good.siblings.clone()),
		("altered sibling", data.clone(), 1, 5, flipped),
		("extra sibling", data.clone(), 1, 5, longer),
		("missing sibling", data.clone(), 1, 5, shorter),
		("no leaves", data, 0, 0, vec![]),
	];
	variants
		.into_iter()
		.map(|(name, data, index, count, siblings)| {
			let error = merkle::verify(&root, &data, index, count, &siblings)
				.expect_err("an invalid vector must fail");
			json!({
				"name": name,
				"root": hex0x(root.as_bytes()),
				"item_hex": hex0x(&data),
				"leaf_index": index,
				"leaf_count": count,
				"siblings": siblings.iter().map(|s| hex0x(s.as_bytes())).collect::<Vec<_>>(),
				"error": error_name(error),
			})
		})
		.collect()
}

fn vectors() -> Value {
	json!({
		"format": "verity-merkle-v1",
		"hash": "blake2b-256",
		"leaf": "H(0x00 || u64_le(index) || item)",
		"node": "H(0x01 || left || right)",
		"root": "H(0x02 || u64_le(leaf_count) || top), top of no leaves = 32 zero bytes",
		"empty_root": hex0x(merkle::empty_root().as_bytes()),
		"cases": cases().iter().map(|(name, items)| case_json(name, items)).collect::<Vec<_>>(),
		"invalid_proofs": invalid_json(),
	})
}

fn blake2_256(data: &[u8]) -> [u8; 32] {
	BlakeTwo256::hash(data).0
}

/// A direct transcription of docs/merkle-format.md, sharing no code with the library.
fn reference_root(items: &[Vec<u8>]) -> H256 {
	let mut level: Vec<[u8; 32]> = items
		.iter()
		.enumerate()
		.map(|(i, d)| blake2_256(&[&[0u8][..], &(i as u64).to_le_bytes(), d].concat()))
		.collect();
	while level.len() > 1 {
		level =
			level
				.chunks(2)
				.map(|p| {
					if p.len() == 2 {
						blake2_256(&[&[1u8][..], &p[0], &p[1]].concat())
					} else {
						p[0]
					}
				})
				.collect();
	}
	let top = level.first().copied().unwrap_or([0u8; 32]);
	H256(blake2_256(&[&[2u8][..], &(items.len() as u64).to_le_bytes(), &top].concat()))
}

fn checked_in() -> Value {
	let text = std::fs::read_to_string(vectors_path())
		.expect("primitives/tests/merkle-vectors.json exists (see the module doc to generate it)");
	serde_json::from_str(&text).expect("valid JSON")
}

#[test]
fn checked_in_vectors_match_the_implementation() {
	assert_eq!(checked_in(), vectors(), "the Merkle format changed: see the module doc");
}

#[test]
fn checked_in_vectors_recompute_from_their_items() {
	let file = checked_in();
	assert_eq!(unhash(&file["empty_root"]), merkle::empty_root());
	let cases = file["cases"].as_array().expect("cases");
	assert!(cases.len() >= 10);
	for case in cases {
		let items: Vec<Vec<u8>> =
			case["items_hex"].as_array().expect("items").iter().map(unhex).collect();
		let root = unhash(&case["root"]);
		assert_eq!(merkle::root(&items), root, "{}", case["name"]);
		assert_eq!(reference_root(&items), root, "{}", case["name"]);
		for (i, (leaf, item)) in
			case["leaves"].as_array().expect("leaves").iter().zip(&items).enumerate()
		{
			assert_eq!(merkle::leaf_hash(i as u64, item), unhash(leaf));
		}
		let proofs = case["proofs"].as_array().expect("proofs");
		assert_eq!(proofs.len(), items.len());
		for (proof, item) in proofs.iter().zip(&items) {
			let siblings: Vec<H256> =
				proof["siblings"].as_array().expect("siblings").iter().map(unhash).collect();
			let index = proof["leaf_index"].as_u64().expect("index");
			let count = proof["leaf_count"].as_u64().expect("count");
			assert_eq!(merkle::verify(&root, item, index, count, &siblings), Ok(()));
		}
	}
	for bad in file["invalid_proofs"].as_array().expect("invalid proofs") {
		let siblings: Vec<H256> =
			bad["siblings"].as_array().expect("siblings").iter().map(unhash).collect();
		let got = merkle::verify(
			&unhash(&bad["root"]),
			&unhex(&bad["item_hex"]),
			bad["leaf_index"].as_u64().expect("index"),
			bad["leaf_count"].as_u64().expect("count"),
			&siblings,
		);
		assert_eq!(
			got.map_err(error_name),
			Err(bad["error"].as_str().expect("error")),
			"{}",
			bad["name"]
		);
	}
}

/// Writes the vectors file; run once when the format is (re)defined, never in CI.
#[test]
#[ignore]
fn write_vectors() {
	let text = serde_json::to_string_pretty(&vectors()).expect("serializable") + "\n";
	std::fs::write(vectors_path(), text).expect("writable");
}
