//! The bill of materials at the largest answer the runtime's bounds allow, and its grading.
//! Storage is written directly (what the calls would leave), so that every bound is full:
//! `MaxLineageNodes` ancestors all verified by training receipts with `MaxRedundancy`
//! providers, `MaxLineageDatasets` lineage datasets with `MaxParents` parents each (up to
//! `MAX_DATASETS`), an attestation on `MAX_EVALUATIONS` benchmarks and `MAX_ANCHORS` anchors.
//! `cargo test -p verity-runtime --test provenance -- --nocapture` prints the size and time.

use codec::Encode;
use frame_support::{traits::Get, BoundedVec};
use pallet_dataset_registry::{DatasetKind, DatasetRecord, VerificationStatus};
use pallet_model_lineage::{ArtifactFormat, ParentLink, Provenance, Relation, VersionStatus};
use sp_core::H256;
use sp_runtime::{BuildStorage, Permill};
use verity_primitives::{traits::JobKind, TaintSource};
use verity_provenance::{
	bill_of_materials, Grade, Item, MAX_ANCHORS, MAX_DATASETS, MAX_EVALUATIONS,
};
use verity_runtime::{AccountId, Runtime};

fn account(n: u32) -> AccountId {
	AccountId::new(H256::from_low_u64_be(n.into()).0)
}

fn full<S: Get<u32>>(byte: u8) -> BoundedVec<u8, S> {
	BoundedVec::truncate_from(vec![byte; S::get() as usize])
}

fn hash(n: u64) -> H256 {
	H256::from_low_u64_be(n)
}

fn ext() -> sp_io::TestExternalities {
	let storage = frame_system::GenesisConfig::<Runtime>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| frame_system::Pallet::<Runtime>::set_block_number(1));
	ext
}

fn dataset(id: u64, parents: Vec<u64>, status: VerificationStatus) {
	let record = DatasetRecord::<Runtime> {
		owner: account(7),
		root: hash(1_000 + id),
		shard_count: 1,
		record_count: 1,
		byte_size: 1,
		name: full(b'n'),
		uri: full(b'u'),
		license: BoundedVec::truncate_from(b"CC-BY-4.0".to_vec()),
		kind: DatasetKind::Curated,
		parents: BoundedVec::truncate_from(parents),
		royalty_rate: Permill::zero(),
		status,
		retired: false,
		revoked: None,
		tainted_by: None,
		// A ticket holding nothing: records are written straight to storage, without deposits.
		deposit: codec::Decode::decode(&mut &[0u8; 16][..]).unwrap(),
		registered_at: 1,
	};
	pallet_dataset_registry::Datasets::<Runtime>::insert(id, record);
}

fn version(id: u64, parents: Vec<u64>, datasets: Vec<u64>, job: Option<u64>) {
	let version = pallet_model_lineage::VersionOf::<Runtime> {
		model: 0,
		publisher: account(1),
		deposit: 0,
		weights_hash: hash(id),
		format: ArtifactFormat::Safetensors,
		parameter_count: 1,
		uri: full(b'u'),
		parents: BoundedVec::truncate_from(
			parents
				.iter()
				.map(|&v| ParentLink { version: v, relation: Relation::FineTune })
				.collect(),
		),
		datasets: BoundedVec::truncate_from(datasets.clone()),
		license: full(b'L'),
		provenance: job.map_or(Provenance::Declared, |job| Provenance::Verified { job }),
		status: VersionStatus::Active,
		tainted_by: None,
		royalty: Permill::zero(),
	};
	for p in &parents {
		pallet_model_lineage::Children::<Runtime>::insert(p, id, ());
	}
	pallet_model_lineage::Versions::<Runtime>::insert(id, version);
	let mut lineage: Vec<u64> = datasets;
	for p in &parents {
		lineage.extend(pallet_model_lineage::LineageDatasets::<Runtime>::get(p));
	}
	lineage.sort();
	lineage.dedup();
	pallet_model_lineage::LineageDatasets::<Runtime>::insert(
		id,
		BoundedVec::truncate_from(lineage),
	);
	if let Some(job) = job {
		receipt(job, Some(id));
	}
}

fn receipt(job: u64, model_version: Option<u64>) {
	let redundancy = <Runtime as pallet_compute_staking::Config>::MaxRedundancy::get();
	let max_datasets = <Runtime as pallet_compute_staking::Config>::MaxDatasets::get() as u64;
	pallet_compute_staking::Receipts::<Runtime>::insert(
		job,
		pallet_compute_staking::Receipt::<Runtime> {
			owner: account(1),
			kind: JobKind::Training,
			providers: BoundedVec::truncate_from(
				(0..redundancy).map(|i| account(100 + i)).collect(),
			),
			model_version,
			datasets: BoundedVec::truncate_from((0..max_datasets).collect()),
			input_hash: hash(job),
			output_hash: hash(job + 1),
			completed_at: 1,
		},
	);
}

/// A lineage at every bound: `MaxLineageDepth` layers wide enough that the walk stops at
/// `MaxLineageNodes`, each version naming `MaxParents` versions of the layer above and
/// `MaxDatasets` datasets, verified by its own receipt.
fn largest_lineage() -> u64 {
	let c = |x: u32| x as u64;
	let max_parents = c(<Runtime as pallet_model_lineage::Config>::MaxParents::get());
	let max_datasets = c(<Runtime as pallet_model_lineage::Config>::MaxDatasets::get());
	let lineage_datasets = c(<Runtime as pallet_model_lineage::Config>::MaxLineageDatasets::get());
	let dataset_parents = c(<Runtime as pallet_dataset_registry::Config>::MaxParents::get());
	let depth = c(<Runtime as pallet_model_lineage::Config>::MaxLineageDepth::get());
	let width = 20;
	// Datasets: `lineage_datasets` used by versions, each deriving from `dataset_parents` others.
	let first_used = 10_000;
	for d in 0..MAX_DATASETS as u64 {
		dataset(d, vec![], VerificationStatus::Verified);
	}
	for d in 0..lineage_datasets {
		let parents =
			(0..dataset_parents).map(|k| (d * dataset_parents + k) % MAX_DATASETS as u64).collect();
		dataset(first_used + d, parents, VerificationStatus::Verified);
	}
	let mut used = 0u64;
	for l in 0..depth {
		for j in 0..width {
			let parents = match l {
				0 => vec![],
				_ => (0..max_parents).map(|k| (l - 1) * width + (j + k) % width).collect(),
			};
			let datasets =
				(0..max_datasets).map(|k| first_used + (used + k) % lineage_datasets).collect();
			used += max_datasets;
			let id = l * width + j;
			version(id, parents, datasets, Some(50_000 + id));
		}
	}
	let top = depth * width;
	let parents = (0..max_parents).map(|k| (depth - 1) * width + k).collect();
	version(top, parents, vec![first_used], Some(50_000 + top));
	top
}

fn evaluations_and_anchors(of: u64) {
	for b in 0..MAX_EVALUATIONS as u32 {
		let spec = pallet_eval_attestation::SpecOf::<Runtime> {
			name: full(b'b'),
			spec_hash: hash(1),
			spec_uri: full(b'u'),
			metric: full(b'm'),
			direction: pallet_eval_attestation::Direction::HigherIsBetter,
			harness_hash: hash(2),
			seed: pallet_eval_attestation::SeedPolicy::Fixed(1),
			batch_size: 1,
			tolerance: 1,
			quorum: 15,
			min_evaluator_bond: 0,
			test_set: 0,
			test_set_root: hash(3),
			test_items: 1,
		};
		pallet_eval_attestation::Benchmarks::<Runtime>::insert(
			b,
			pallet_eval_attestation::BenchmarkOf::<Runtime> {
				proposer: account(1),
				deposit: 0,
				proposed_at: 1,
				status: pallet_eval_attestation::BenchmarkStatus::Approved { at: 1 },
				spec,
			},
		);
		let attestation = pallet_eval_attestation::AttestationOf::<Runtime> {
			request: b.into(),
			score: 900_000,
			contamination: Some(sp_runtime::Perbill::from_percent(1)),
			evaluators: BoundedVec::truncate_from((0..15).map(account).collect()),
			at: 1,
		};
		pallet_eval_attestation::Results::<Runtime>::insert(
			of,
			b,
			BoundedVec::<_, _>::truncate_from(vec![attestation]),
		);
	}
	for a in 0..(4 * MAX_ANCHORS) as u64 {
		let attribution = if a % 4 == 0 {
			pallet_reasoning_anchor::Attribution::JobOutput
		} else {
			pallet_reasoning_anchor::Attribution::NoJob
		};
		let id = pallet_reasoning_anchor::Pallet::<Runtime>::anchor_id(&account(9), &hash(a));
		pallet_reasoning_anchor::Anchors::<Runtime>::insert(
			id,
			pallet_reasoning_anchor::AnchorOf::<Runtime> {
				submitter: account(9),
				block: 1,
				kind: pallet_reasoning_anchor::AnchorKind::Trace,
				root: hash(a),
				traces: 1,
				steps: 8,
				model_version: Some(of),
				job: (a % 4 == 0).then_some(7),
				attribution,
				uri: None,
				status: pallet_reasoning_anchor::AnchorStatus::Active,
			},
		);
		pallet_reasoning_anchor::AnchorsByVersion::<Runtime>::insert(of, a as u32, id);
	}
	pallet_reasoning_anchor::VersionAnchorCount::<Runtime>::insert(of, (4 * MAX_ANCHORS) as u32);
}

#[test]
fn the_largest_answer_is_bounded_and_graded() {
	ext().execute_with(|| {
		let top = largest_lineage();
		evaluations_and_anchors(top);
		let max_nodes: u32 = <Runtime as pallet_model_lineage::Config>::MaxLineageNodes::get();

		let bom = bill_of_materials::<Runtime>(top).unwrap();
		assert_eq!(bom.versions.len(), max_nodes as usize + 1);
		assert!(bom.truncated, "the walk stopped at MaxLineageNodes");
		assert_eq!(bom.datasets.len(), MAX_DATASETS);
		assert_eq!(bom.jobs.len(), bom.versions.len(), "one receipt per verified version");
		assert_eq!(bom.evaluations.len(), MAX_EVALUATIONS);
		assert_eq!(bom.anchors.len(), MAX_ANCHORS);
		// Checked anchors are chosen first among the ones read.
		assert!(bom.anchors.iter().filter(|a| a.grade == Grade::Checked).count() > 0);
		assert!(bom.anchors.windows(2).all(|w| w[0].grade >= w[1].grade));
		// Verified versions and receipts are checked, the datasets only attested: the weakest.
		assert!(bom.versions.iter().all(|v| v.grade == Grade::Checked));
		assert_eq!(bom.grade, Grade::Attested);
		assert!(matches!(bom.weakest, Some(Item::Dataset(_))));

		let bytes = bom.encoded_size();
		let mut times: Vec<f64> = (0..25)
			.map(|_| {
				let t = std::time::Instant::now();
				let answer = bill_of_materials::<Runtime>(top);
				let elapsed = t.elapsed().as_secs_f64() * 1e3;
				assert!(answer.is_some());
				elapsed
			})
			.collect();
		times.sort_by(|a, b| a.partial_cmp(b).unwrap());
		println!(
			"provenance at the bounds: {} versions, {} datasets, {} jobs, {} evaluations, {} anchors: {bytes} bytes; native median {:.2} ms over 25 calls",
			bom.versions.len(),
			bom.datasets.len(),
			bom.jobs.len(),
			bom.evaluations.len(),
			bom.anchors.len(),
			times[12],
		);
		// The answer is one RPC frame; it must stay well under the node's 10 MiB response limit.
		assert!(bytes < 1 << 20, "{bytes} bytes");
	});
}

#[test]
fn taint_through_derived_data_is_found_and_named() {
	ext().execute_with(|| {
		// Data 1 derives from data 0; the base trained on 1, the child fine-tuned from it.
		dataset(0, vec![], VerificationStatus::Verified);
		dataset(1, vec![0], VerificationStatus::Verified);
		version(0, vec![], vec![1], None);
		version(1, vec![0], vec![], Some(9));
		let bom = bill_of_materials::<Runtime>(1).unwrap();
		assert_eq!(bom.grade, Grade::Declared);
		assert_eq!(bom.weakest, Some(Item::Version(0)), "the base is only declared");

		// Data 0 is rejected: no version names it, so no stored mark, but the answer finds it.
		pallet_dataset_registry::Datasets::<Runtime>::mutate(0, |d| {
			d.as_mut().unwrap().status = VerificationStatus::Rejected
		});
		let bom = bill_of_materials::<Runtime>(1).unwrap();
		assert_eq!(bom.grade, Grade::Tainted);
		assert_eq!(bom.tainted_by, Some(TaintSource::Dataset(0)));
		assert_eq!(bom.weakest, Some(Item::Dataset(0)));
		let grade = |id: u64| bom.datasets.iter().find(|d| d.id == id).unwrap().grade;
		assert_eq!((grade(0), grade(1)), (Grade::Tainted, Grade::Tainted));
		assert!(bom.versions.iter().all(|v| v.grade == Grade::Tainted));

		// A stored taint from a revoked ancestor is named as such.
		pallet_model_lineage::Versions::<Runtime>::mutate(0, |v| {
			v.as_mut().unwrap().status = VersionStatus::Revoked
		});
		pallet_model_lineage::Versions::<Runtime>::mutate(1, |v| {
			v.as_mut().unwrap().tainted_by = Some(TaintSource::Version(0))
		});
		let bom = bill_of_materials::<Runtime>(1).unwrap();
		assert_eq!(bom.tainted_by, Some(TaintSource::Version(0)));
		assert_eq!(bom.weakest, Some(Item::Version(0)));
		assert!(bill_of_materials::<Runtime>(77).is_none());
	});
}
