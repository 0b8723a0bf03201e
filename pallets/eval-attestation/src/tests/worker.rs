//! The evaluation worker in the mock, against canned server answers: a drawn evaluator's node
//! evaluates the hidden test set over blocks, commits the documented commitment, stays quiet
//! within the resend window, reveals, and the attested score is the harness's; a node whose
//! test set is not the benchmark's sends nothing; a key that holds no seat sends nothing.

use super::*;
use crate::{
	mock::Extrinsic,
	ocw::{
		self, evaluate,
		harness::{self, Harness, Item},
	},
	Call, Results,
};
use codec::Decode;
use frame_support::traits::Hooks;
use sp_core::offchain::{
	testing::{PendingRequest, TestOffchainExt, TestTransactionPoolExt},
	OffchainDbExt, OffchainWorkerExt, TransactionPoolExt,
};
use sp_runtime::{generic::Preamble, testing::UintAuthorityId};

use super::worker_fixtures::{answered as answer, file, qa_items, set, ENDPOINT};

/// The registry stand-in's dataset holding the worker's test set.
const QA_SET: DatasetId = 300;

/// An approved `qa-exact/1` benchmark over `qa_items()`, three bonded evaluators, a drawn request.
fn drawn_request() -> (BenchmarkId, RequestId) {
	let hashes: Vec<H256> = qa_items().iter().map(Item::hash).collect();
	testing::Datasets::insert(QA_SET, true, hashes.clone());
	let benchmark = approved(BenchmarkSpec {
		harness_hash: Harness::QaExact.hash(),
		test_set: QA_SET,
		test_set_root: merkle::root(hashes.iter()),
		test_items: hashes.len() as u32,
		..spec()
	});
	bond_all(&[E1, E2, E3]);
	let id = request(CLEAN, benchmark);
	assert_eq!(draw(id), vec![E1, E2, E3]);
	(benchmark, id)
}

fn configure(benchmark: BenchmarkId, items: &[Item], batch: u32) {
	set(evaluate::ENDPOINT_KEY, ENDPOINT.as_bytes());
	set(evaluate::ITEMS_PER_BLOCK_KEY, batch.to_string().as_bytes());
	set(format!("{}{benchmark}", evaluate::TEST_SET_PREFIX).as_bytes(), &file(items));
}

fn answered(item: &Item, content: &str) -> PendingRequest {
	// The benchmark's seed policy is `Fixed(42)`; no model name is configured.
	answer(item, "default", 42, content)
}

/// The mock's externalities with the offchain and pool extensions (`keys` are the keystore),
/// and what drains the calls the worker put in the pool since the last look, with their signers.
fn worker_ext(
	keys: &[AccountId],
) -> (sp_io::TestExternalities, TestOffchainExt, impl Fn() -> Vec<(AccountId, Call<Test>)>) {
	let (offchain, _) = TestOffchainExt::new();
	let (pool, pool_state) = TestTransactionPoolExt::new();
	let mut ext = crate::mock::new_bench_ext();
	ext.register_extension(OffchainDbExt::new(offchain.clone()));
	ext.register_extension(OffchainWorkerExt::new(offchain.clone()));
	ext.register_extension(TransactionPoolExt::new(pool));
	UintAuthorityId::set_all_keys(keys.iter().copied().map(UintAuthorityId));
	offchain.0.write().seed = [7; 32];
	let drain = move || {
		let txs = std::mem::take(&mut pool_state.write().transactions);
		txs.into_iter()
			.map(|tx| {
				let xt = Extrinsic::decode(&mut &tx[..]).unwrap();
				let Preamble::Signed(who, (), ()) = xt.preamble else { panic!("not signed") };
				let RuntimeCall::EvalAttestation(call) = xt.function else {
					panic!("other pallet")
				};
				(who, call)
			})
			.collect()
	};
	(ext, offchain, drain)
}

fn dispatch(who: AccountId, call: Call<Test>) {
	use frame_support::traits::UnfilteredDispatchable;
	assert_ok!(call.dispatch_bypass_filter(RuntimeOrigin::signed(who)));
}

#[test]
fn a_drawn_evaluator_s_node_evaluates_over_blocks_commits_and_reveals() {
	let (mut ext, offchain, drain) = worker_ext(&[E1]);
	ext.execute_with(|| {
		let (benchmark, id) = drawn_request();
		let items = qa_items();
		configure(benchmark, &items, 2);
		let now = System::block_number();
		offchain.0.write().expect_request(answered(&items[0], "1 + 1 = 2"));
		offchain.0.write().expect_request(answered(&items[1], "5"));
		EvalAttestation::offchain_worker(now);
		assert!(drain().is_empty(), "two of three items: nothing to commit yet");

		offchain.0.write().expect_request(answered(&items[2], "Paris."));
		EvalAttestation::offchain_worker(now + 1);
		let score = harness::score(2, 3);
		let salt = H256([7; 32]);
		let calls = drain();
		assert_eq!(
			calls,
			vec![(
				E1,
				Call::commit { request: id, commitment: commitment_of(id, E1, score, None, &salt) }
			)]
		);
		// Within the resend window the worker stays quiet (and asks the server nothing).
		EvalAttestation::offchain_worker(now + 2);
		assert!(drain().is_empty());

		let (who, call) = calls.into_iter().next().unwrap();
		dispatch(who, call);
		commit(E2, id, score);
		commit(E3, id, score);
		assert!(matches!(status(id), Some(RequestStatus::Revealing { .. })));
		EvalAttestation::offchain_worker(now + 3);
		let calls = drain();
		assert_eq!(
			calls,
			vec![(E1, Call::reveal { request: id, score, contamination: None, salt })]
		);
		let (who, call) = calls.into_iter().next().unwrap();
		dispatch(who, call);
		reveal(E2, id, score);
		reveal(E3, id, score);
		let attested = Results::<Test>::get(CLEAN, benchmark).unwrap();
		assert_eq!(attested.last().unwrap().score, score);
		assert!(attested.last().unwrap().evaluators.contains(&E1));
	});
}

#[test]
fn a_node_whose_test_set_is_not_the_benchmark_s_sends_nothing() {
	let (mut ext, _offchain, drain) = worker_ext(&[E1]);
	ext.execute_with(|| {
		let (benchmark, id) = drawn_request();
		let mut items = qa_items();
		items[2] = Item::Qa { question: "Capital of France?".into(), answer: "Lyon".into() };
		configure(benchmark, &items, 8);
		// No request is expected: one sent would fail the test.
		EvalAttestation::offchain_worker(System::block_number());
		assert!(drain().is_empty());
		assert_eq!(ocw::kept(id, &E1), None);
		assert_eq!(evaluate::progress(id, &E1), evaluate::Progress::default());
	});
}

#[test]
fn a_key_without_a_seat_sends_nothing() {
	let (mut ext, _offchain, drain) = worker_ext(&[E4]);
	ext.execute_with(|| {
		let (benchmark, _) = drawn_request();
		configure(benchmark, &qa_items(), 8);
		EvalAttestation::offchain_worker(System::block_number());
		assert!(drain().is_empty());
	});
}

/// The operator's script and the e2e set the worker's keys by name: a renamed key must not
/// leave them setting one nobody reads.
#[test]
fn the_operator_tools_set_only_keys_the_worker_reads() {
	use crate::ocw::evaluate::*;
	let keys = [ENDPOINT_KEY, MODEL_KEY, ITEMS_PER_BLOCK_KEY, TIMEOUT_KEY];
	let files = ["scripts/set-eval-config.sh", "e2e/tests/eval-worker.test.mjs"];
	let checked = verity_primitives::testing::assert_operator_keys_known(
		"verity::eval::",
		&keys,
		&[MODEL_PREFIX, TEST_SET_PREFIX, "verity::eval::progress"],
		&files,
	);
	assert!(checked >= 6, "only {checked} keys found: the files moved?");
}
