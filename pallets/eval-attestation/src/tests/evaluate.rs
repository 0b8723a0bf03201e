//! One block's share of an evaluation against canned server answers (`TestOffchainExt`): the
//! batch, the progress kept across blocks and a failed request, the test set checked against
//! the benchmark's root before anything is sent.

use crate::ocw::{
	evaluate::{self, EvalError, Evaluated, Progress, Task},
	harness::{self, Harness, Item},
};
use sp_core::offchain::{
	testing::{PendingRequest, TestOffchainExt},
	OffchainDbExt, OffchainWorkerExt,
};
use sp_io::TestExternalities;

use super::worker_fixtures::{answered as answer, file, qa_items as items, set, ENDPOINT};

const EVALUATOR: u64 = 7;

fn task(items: &[Item]) -> Task {
	let (test_set_root, test_items) = harness::test_set_root(items);
	Task {
		request: 3,
		version: 11,
		benchmark: 5,
		harness_hash: Harness::QaExact.hash(),
		test_set_root,
		test_items,
		seed: 99,
	}
}

fn configure(batch: u32) {
	set(evaluate::ENDPOINT_KEY, ENDPOINT.as_bytes());
	set(b"verity::eval::model::11", b"smollm2");
	set(evaluate::ITEMS_PER_BLOCK_KEY, batch.to_string().as_bytes());
	set(b"verity::eval::test_set::5", &file(&items()));
}

fn answered(item: &Item, content: &str) -> PendingRequest {
	answer(item, "smollm2", 99, content)
}

fn ext() -> (TestExternalities, TestOffchainExt) {
	let (offchain, _) = TestOffchainExt::new();
	let mut ext = TestExternalities::default();
	ext.register_extension(OffchainDbExt::new(offchain.clone()));
	ext.register_extension(OffchainWorkerExt::new(offchain.clone()));
	(ext, offchain)
}

#[test]
fn items_go_in_batches_and_the_score_comes_with_the_last() {
	let (mut ext, state) = ext();
	ext.execute_with(|| {
		configure(2);
		let items = items();
		let task = task(&items);
		state.0.write().expect_request(answered(&items[0], "1 + 1 = 2"));
		state.0.write().expect_request(answered(&items[1], "5"));
		assert_eq!(
			evaluate::step(&task, &EVALUATOR),
			Ok(Evaluated::Running(Progress { done: 2, correct: 1 }))
		);
		// The next block goes on from the third item only.
		state.0.write().expect_request(answered(&items[2], "Paris."));
		assert_eq!(evaluate::step(&task, &EVALUATOR), Ok(Evaluated::Done(666_666)));
		assert_eq!(evaluate::progress(3, &EVALUATOR), Progress { done: 3, correct: 2 });
		// Another evaluator's progress is its own.
		assert_eq!(evaluate::progress(3, &8u64), Progress::default());
	});
}

#[test]
fn a_failed_answer_keeps_what_was_answered_and_resumes_after_it() {
	let (mut ext, state) = ext();
	ext.execute_with(|| {
		configure(3);
		let items = items();
		let task = task(&items);
		state.0.write().expect_request(answered(&items[0], "2"));
		// The server answers the second item with something that is not a completion.
		let mut failing = answered(&items[1], "");
		failing.response = Some(b"<html>busy</html>".to_vec());
		state.0.write().expect_request(failing);
		assert_eq!(evaluate::step(&task, &EVALUATOR), Err(EvalError::BadResponse));
		assert_eq!(evaluate::progress(3, &EVALUATOR), Progress { done: 1, correct: 1 });
		state.0.write().expect_request(answered(&items[1], "6"));
		state.0.write().expect_request(answered(&items[2], "Lyon"));
		assert_eq!(evaluate::step(&task, &EVALUATOR), Ok(Evaluated::Done(666_666)));
	});
}

#[test]
fn a_test_set_that_is_not_the_benchmark_s_is_refused_before_any_request() {
	let (mut ext, _state) = ext();
	ext.execute_with(|| {
		configure(8);
		let items = items();
		// The node holds the items in another order: another root; no request is expected, so
		// one sent would fail the test.
		let mut other = items.clone();
		other.swap(0, 1);
		set(b"verity::eval::test_set::5", &file(&other));
		let (root, count) = harness::test_set_root(&other);
		assert_eq!(
			evaluate::step(&task(&items), &EVALUATOR),
			Err(EvalError::TestSetMismatch { root, items: count })
		);
		// One item fewer: refused too.
		set(b"verity::eval::test_set::5", &file(&items[..2]));
		assert!(matches!(
			evaluate::step(&task(&items), &EVALUATOR),
			Err(EvalError::TestSetMismatch { items: 2, .. })
		));
		assert_eq!(evaluate::progress(3, &EVALUATOR), Progress::default());
	});
}

#[test]
fn an_unknown_harness_or_a_missing_test_set_or_endpoint_is_refused() {
	let (mut ext, _state) = ext();
	ext.execute_with(|| {
		let items = items();
		let mut unknown = task(&items);
		unknown.harness_hash = sp_core::H256::repeat_byte(2);
		assert_eq!(
			evaluate::step(&unknown, &EVALUATOR),
			Err(EvalError::UnknownHarness(unknown.harness_hash))
		);
		assert_eq!(
			evaluate::step(&task(&items), &EVALUATOR),
			Err(EvalError::NotConfigured("test_set"))
		);
		set(b"verity::eval::test_set::5", &file(&items));
		assert_eq!(
			evaluate::step(&task(&items), &EVALUATOR),
			Err(EvalError::NotConfigured("endpoint"))
		);
		set(b"verity::eval::test_set::5", b"{\"question\":\"q\"}\n");
		assert_eq!(evaluate::step(&task(&items), &EVALUATOR), Err(EvalError::BadItem(1)));
	});
}
