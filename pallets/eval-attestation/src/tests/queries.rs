//! The plain reads behind the runtime API.

use super::*;
use frame_support::assert_ok;

#[test]
fn views_show_benchmarks_requests_and_evaluators() {
	new_test_ext(|| {
		let id = approved(spec());
		let view = EvalAttestation::benchmark_view(id).unwrap();
		assert_eq!(view.spec.name, b"hidden-qa-v1".to_vec());
		assert_eq!(view.spec.quorum, 3);
		assert_eq!(view.status, BenchmarkStatus::Approved { at: 1 });
		assert_eq!(view.proposer, ALICE);
		assert!(EvalAttestation::benchmark_view(id + 1).is_none());

		bond_all(&[E1, E2, E3]);
		let r = request(CLEAN, id);
		assert_eq!(EvalAttestation::request_view(r).unwrap().seed, None);
		assert_eq!(draw(r), vec![E1, E2, E3]);
		let view = EvalAttestation::request_view(r).unwrap();
		assert_eq!((view.version, view.benchmark, view.fee), (CLEAN, id, FEE));
		assert_eq!(view.assignments.len(), 3);
		assert_eq!(view.seed, Some(42));
		assert_eq!(EvalAttestation::evaluator_pool(), vec![E1, E2, E3]);
		assert!(EvalAttestation::request_view(r + 1).is_none());
		let e1 = EvalAttestation::evaluator(&E1).unwrap();
		assert_eq!((e1.bond, e1.open_requests), (BOND, 1));
	});
}

#[test]
fn scores_list_the_latest_attestation_per_benchmark() {
	new_test_ext(|| {
		let a = approved(spec());
		let b = approved(SpecOf::<Test> { name: bytes(b"other"), ..spec() });
		bond_all(&[E1, E2, E3]);
		for (benchmark, score) in [(b, 700_000), (a, 500_000), (a, 510_000)] {
			let r = request(CLEAN, benchmark);
			full_round(r, &[(E1, score), (E2, score), (E3, score)]);
		}
		let scores: Vec<(BenchmarkId, Score)> =
			EvalAttestation::scores(CLEAN).into_iter().map(|(bm, att)| (bm, att.score)).collect();
		assert_eq!(scores, vec![(a, 510_000), (b, 700_000)]);
		assert!(EvalAttestation::scores(CLEAN_2).is_empty());
		let history = EvalAttestation::history(CLEAN, a);
		assert_eq!(history.len(), 2);
		let mut paid = history[1].evaluators.clone();
		paid.sort();
		assert_eq!(paid, vec![E1, E2, E3]);
		assert_eq!(history[1].request, 2);
	});
}

#[test]
fn the_revealed_test_set_is_readable_after_retirement() {
	new_test_ext(|| {
		let id = approved(spec());
		assert!(EvalAttestation::revealed_test_set(id).is_none());
		assert_ok!(EvalAttestation::retire_benchmark(
			RuntimeOrigin::root(),
			id,
			BoundedVec::truncate_from(items()),
			bytes(b"ipfs://items"),
			None
		));
		let reveal = EvalAttestation::revealed_test_set(id).unwrap();
		assert_eq!(reveal.items, items());
		assert_eq!(reveal.uri, b"ipfs://items".to_vec());
	});
}
