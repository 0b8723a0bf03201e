//! Unit tests, one file per feature. Every test runs through `mock::new_test_ext`, which checks
//! the pallet's invariants (`do_try_state`) at the end.

mod commit_reveal;
mod draws;
mod evaluate;
mod evaluators;
mod finalize;
mod harness;
mod invariants;
mod queries;
mod requests;
mod standards;
mod worker;

use crate::{
	mock::*, types::*, Benchmarks, Evaluators, HoldReason, NextBenchmarkId, NextRequestId, Requests,
};
use frame_support::{assert_ok, traits::fungible::InspectHold, BoundedVec};
use sp_core::H256;
use sp_runtime::Perbill;
use verity_primitives::{
	commitment::{commitment, EVAL_SCORE},
	merkle, testing, BenchmarkId, DatasetId, ModelVersionId,
};

/// The hidden test set's dataset in the registry stand-in.
pub const TEST_SET: DatasetId = 100;
/// Number of hidden test items.
pub const ITEMS: u8 = 6;
/// A version trained on `CLEAN_DATA` only.
pub const CLEAN: ModelVersionId = 1;
/// A version whose parent was trained on `LEAKY_DATA`, which holds one test item.
pub const CONTAMINATED: ModelVersionId = 2;
/// A revoked version.
pub const REVOKED: ModelVersionId = 3;
/// Another clean version, for leaderboards.
pub const CLEAN_2: ModelVersionId = 4;
pub const CLEAN_DATA: DatasetId = 200;
pub const LEAKY_DATA: DatasetId = 201;
/// Parent of `CONTAMINATED`.
pub const LEAKY_PARENT: ModelVersionId = 5;
/// Account that proposes benchmarks and requests evaluations.
pub const ALICE: AccountId = 1;
/// Owner of the model versions `CLEAN` and `CLEAN_2`.
pub const OWNER: AccountId = 2;
/// Evaluators.
pub const E1: AccountId = 11;
pub const E2: AccountId = 12;
pub const E3: AccountId = 13;
pub const E4: AccountId = 14;
pub const E5: AccountId = 15;
/// Bond of test evaluators.
pub const BOND: Balance = 2 * MIN_BOND;
/// Fee of test requests.
pub const FEE: Balance = 1_000;
/// Tolerance of the test benchmark (scores are parts per million).
pub const TOLERANCE: Score = 10_000;

/// Hidden test item hash `n`.
/// A benchmark's leaderboard as (version, score, block) tuples.
pub fn board(benchmark: BenchmarkId) -> Vec<(ModelVersionId, Score, u64)> {
	EvalAttestation::leaderboard(benchmark)
		.into_iter()
		.map(|row| (row.version, row.score, row.at))
		.collect()
}

pub fn item(n: u8) -> H256 {
	H256::repeat_byte(n)
}

/// The hidden test items.
pub fn items() -> Vec<H256> {
	(1..=ITEMS).map(item).collect()
}

/// Puts the test set and the model versions into the stand-ins.
pub fn setup_peers() {
	testing::Datasets::insert(TEST_SET, true, items());
	testing::Datasets::insert(
		CLEAN_DATA,
		true,
		vec![H256::repeat_byte(0xc0), H256::repeat_byte(0xc1)],
	);
	testing::Datasets::insert(LEAKY_DATA, true, vec![H256::repeat_byte(0xd0), item(3)]);
	testing::Lineage::insert(CLEAN, true, vec![], vec![CLEAN_DATA]);
	testing::Lineage::insert(CLEAN_2, true, vec![], vec![CLEAN_DATA]);
	testing::Lineage::insert(LEAKY_PARENT, true, vec![], vec![LEAKY_DATA]);
	testing::Lineage::insert(CONTAMINATED, true, vec![LEAKY_PARENT], vec![CLEAN_DATA]);
	testing::Lineage::insert(REVOKED, false, vec![], vec![CLEAN_DATA]);
	testing::Lineage::set_owners(CLEAN, vec![OWNER]);
	testing::Lineage::set_owners(CLEAN_2, vec![OWNER]);
}

pub fn bytes<S: frame_support::traits::Get<u32>>(b: &[u8]) -> BoundedVec<u8, S> {
	BoundedVec::truncate_from(b.to_vec())
}

/// A valid spec: quorum 3, accuracy in ppm, committed to `items()`.
pub fn spec() -> SpecOf<Test> {
	BenchmarkSpec {
		name: bytes(b"hidden-qa-v1"),
		spec_hash: H256::repeat_byte(0x51),
		spec_uri: bytes(b"ipfs://spec"),
		metric: bytes(b"accuracy-ppm"),
		direction: Direction::HigherIsBetter,
		harness_hash: H256::repeat_byte(0x4a),
		seed: SeedPolicy::Fixed(42),
		batch_size: 8,
		tolerance: TOLERANCE,
		quorum: 3,
		min_evaluator_bond: BOND,
		test_set: TEST_SET,
		test_set_root: merkle::root(items().iter()),
		test_items: ITEMS as u32,
	}
}

/// Proposes `spec` from `ALICE`; returns its id.
pub fn propose(spec: SpecOf<Test>) -> BenchmarkId {
	let id = NextBenchmarkId::<Test>::get();
	assert_ok!(EvalAttestation::propose_benchmark(RuntimeOrigin::signed(ALICE), spec));
	id
}

/// Sets up the peers and an approved benchmark from `spec`; returns its id.
pub fn approved(spec: SpecOf<Test>) -> BenchmarkId {
	setup_peers();
	let id = propose(spec);
	assert_ok!(EvalAttestation::approve_benchmark(RuntimeOrigin::root(), id));
	id
}

/// Bonds `BOND` for each of `who`.
pub fn bond_all(who: &[AccountId]) {
	for w in who {
		assert_ok!(EvalAttestation::bond_evaluator(RuntimeOrigin::signed(*w), BOND));
	}
}

/// Requests `version` on `benchmark` from `ALICE` with `FEE`; returns the request id.
pub fn request(version: ModelVersionId, benchmark: BenchmarkId) -> RequestId {
	let id = NextRequestId::<Test>::get();
	assert_ok!(EvalAttestation::request_evaluation(
		RuntimeOrigin::signed(ALICE),
		version,
		benchmark,
		FEE
	));
	id
}

/// Evaluator `who`'s salt.
pub fn salt(who: AccountId) -> H256 {
	H256::repeat_byte(who as u8)
}

/// The documented commitment of `who` in request `id`.
pub fn commitment_of(
	id: RequestId,
	who: AccountId,
	score: Score,
	c: Option<Perbill>,
	salt: &H256,
) -> H256 {
	commitment(EVAL_SCORE, &id, &who, &(score, c), salt)
}

/// The evaluators drawn for `id`, in draw order.
pub fn seats(id: RequestId) -> Vec<AccountId> {
	Requests::<Test>::get(id)
		.map(|r| r.assignments.iter().map(|a| a.evaluator).collect())
		.unwrap_or_default()
}

/// Runs to the draw block of `id` if it is pending (its `on_initialize` draws the seats);
/// returns the seats, sorted.
pub fn draw(id: RequestId) -> Vec<AccountId> {
	if let Some(RequestStatus::Pending { draw_at }) = status(id) {
		run_to_block(draw_at);
	}
	let mut drawn = seats(id);
	drawn.sort();
	drawn
}

/// Commits `who` to `score` (no contamination estimate).
pub fn commit(who: AccountId, id: RequestId, score: Score) {
	commit_with(who, id, score, None);
}

pub fn commit_with(who: AccountId, id: RequestId, score: Score, c: Option<Perbill>) {
	let hash = commitment_of(id, who, score, c, &salt(who));
	assert_ok!(EvalAttestation::commit(RuntimeOrigin::signed(who), id, hash));
}

pub fn reveal(who: AccountId, id: RequestId, score: Score) {
	reveal_with(who, id, score, None);
}

pub fn reveal_with(who: AccountId, id: RequestId, score: Score, c: Option<Perbill>) {
	assert_ok!(EvalAttestation::reveal(RuntimeOrigin::signed(who), id, score, c, salt(who)));
}

/// Draws `id` (the seats must be exactly the evaluators in `scores`) and commits each score.
pub fn draw_and_commit(id: RequestId, scores: &[(AccountId, Score)]) {
	let mut expected: Vec<AccountId> = scores.iter().map(|(who, _)| *who).collect();
	expected.sort();
	assert_eq!(draw(id), expected, "drawn seats");
	for (who, score) in scores {
		commit(*who, id, *score);
	}
}

/// A whole round: draw, commitments, reveals.
pub fn full_round(id: RequestId, scores: &[(AccountId, Score)]) {
	draw_and_commit(id, scores);
	for (who, score) in scores {
		reveal(*who, id, *score);
	}
}

pub fn held(reason: HoldReason, who: AccountId) -> Balance {
	Balances::balance_on_hold(&reason.into(), &who)
}

/// Request `r` failed for `reason` with its fee refunded in full, and is gone.
pub fn assert_failed(r: RequestId, reason: FailReason) {
	assert!(Requests::<Test>::get(r).is_none());
	assert!(events().contains(&crate::Event::RequestFailed { request: r, reason, refunded: FEE }));
}

pub fn free(who: AccountId) -> Balance {
	Balances::free_balance(who)
}

pub fn bond_of(who: AccountId) -> Balance {
	Evaluators::<Test>::get(who).map(|e| e.bond).unwrap_or_default()
}

pub fn status(id: RequestId) -> Option<RequestStatus<u64>> {
	Requests::<Test>::get(id).map(|r| r.status)
}

pub fn benchmark_status(id: BenchmarkId) -> Option<BenchmarkStatus<u64>> {
	Benchmarks::<Test>::get(id).map(|b| b.status)
}

/// What the worker's tests share: a three-item `qa-exact/1` test set, its file, the node-local
/// configuration and the server's canned answers.
pub mod worker_fixtures {
	use crate::ocw::harness::{self, Item};
	use sp_core::offchain::{testing::PendingRequest, StorageKind};

	pub const ENDPOINT: &str = "http://127.0.0.1:8080";

	pub fn qa_items() -> Vec<Item> {
		[("What is 1 + 1?", "2"), ("What is 2 * 3?", "6"), ("Capital of France?", "Paris")]
			.map(|(q, a)| Item::Qa { question: q.into(), answer: a.into() })
			.to_vec()
	}

	/// The test-set file: one JSON item per line.
	pub fn file(items: &[Item]) -> Vec<u8> {
		let mut out = Vec::new();
		for item in items {
			let Item::Qa { question, answer } = item else { unreachable!("QA items only") };
			out.extend(
				serde_json::json!({ "question": question, "answer": answer }).to_string().bytes(),
			);
			out.push(b'\n');
		}
		out
	}

	/// Sets a key of the node's persistent offchain storage.
	pub fn set(key: &[u8], value: &[u8]) {
		sp_io::offchain::local_storage_set(StorageKind::PERSISTENT, key, value);
	}

	/// The request the harness sends for `item` to `model` with `seed`, answered with `content`.
	pub fn answered(item: &Item, model: &str, seed: u64, content: &str) -> PendingRequest {
		let (path, body) = harness::request(item, model, seed);
		let response = serde_json::json!({ "choices": [{ "message": { "content": content } }] });
		PendingRequest {
			method: "POST".into(),
			uri: format!("{ENDPOINT}{path}"),
			headers: vec![("Content-Type".into(), "application/json".into())],
			body,
			response: Some(response.to_string().into_bytes()),
			sent: true,
			..Default::default()
		}
	}
}
