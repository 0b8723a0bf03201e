//! The seed corpus: the lifecycles the end-to-end tests drive, as harness inputs, so the fuzzer
//! starts from deep states rather than an empty chain.
//!
//! Every seed runs on a fresh development chain, so ids start at 0 in each one (first dataset,
//! model, version, job, benchmark and request are all 0; an anchor's id is the hash of its
//! submitter and root). A [`Script`] keeps track of the block each op lands in, so deadlines can be written as absolute block numbers. Commitments
//! are computed with the pallets' own helpers (or the primitive they call), exactly as checked.
//! Where the chain draws seats (verifiers, providers, evaluators), every candidate commits and
//! reveals: the ones not drawn fail harmlessly, so a seed does not depend on who was drawn.

use crate::{signers, Op, ROOT};
use frame_support::{traits::Get, BoundedVec};
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{self, Alice, Bob, Charlie, Dave, Eve, Ferdie};
use sp_runtime::{
	traits::{BlakeTwo256, Hash},
	Perbill, Permill,
};
use verity_primitives::{
	commitment::{commitment, EVAL_SCORE},
	merkle, ContentHash, DatasetId,
};
use verity_runtime::{Runtime, RuntimeCall, UNIT};

use pallet_compute_staking::{HardwareProfile, JobKind, JobParams, JobSpec};
use pallet_dataset_registry::{DatasetDescription, DatasetKind, Vote};
use pallet_eval_attestation::{BenchmarkSpec, Direction, SeedPolicy};
use pallet_model_lineage::{ArtifactFormat, ParentLink, Relation, VersionSpec};

type Anchor = pallet_reasoning_anchor::Call<Runtime>;
type Compute = pallet_compute_staking::Call<Runtime>;
type Datasets = pallet_dataset_registry::Call<Runtime>;
type Eval = pallet_eval_attestation::Call<Runtime>;
type Lineage = pallet_model_lineage::Call<Runtime>;

/// Every seed, by name.
pub fn all() -> Vec<(&'static str, Vec<Op>)> {
	vec![
		("anchor", anchor()),
		("dataset", dataset()),
		("model", model()),
		("compute", compute()),
		("evaluation", evaluation()),
	]
}

/// The deepest call of seed `name` that must succeed (`Pallet.call`, as `GetCallMetadata` names
/// it); the smoke test checks it is among the seed's successful calls.
pub fn expected_last(name: &str) -> &'static str {
	match name {
		"anchor" => "ReasoningAnchor.withdraw",
		// The last reveal of the drawn verifiers concludes the round (dataset verified).
		"dataset" => "DatasetRegistry.reveal_vote",
		// Revoking the base version taints its fine-tuned descendants; revoking the fine-tune's
		// dataset queues the walk over its users.
		"model" => "DatasetRegistry.revoke",
		// The last reveal tallies the vote: JobCompleted, payment and royalties paid out.
		"compute" => "ComputeStaking.reveal",
		// The last reveal finalizes the request: the median score is attested.
		"evaluation" => "EvalAttestation.reveal",
		_ => "",
	}
}

// ---------------------------------------------------------------------------------------------
// The lifecycles.

/// Anchoring: a trace and a batch of traces (no model version, no job), the same trace root
/// anchored by a second submitter, then the first anchor withdrawn.
fn anchor() -> Vec<Op> {
	let steps: [&[u8]; 3] = [b"think: 2 + 2", b"recall: addition", b"answer: 4"];
	let trace = merkle::root(steps);
	let other = merkle::root([b"think: 3 * 3".as_slice(), b"answer: 9".as_slice()]);
	// A batch root is the Merkle root over its trace roots' 32 bytes.
	let batch = merkle::root([trace, other].iter());

	// An anchor's id is the hash of its submitter and root.
	let first =
		pallet_reasoning_anchor::Pallet::<Runtime>::anchor_id(&Alice.to_account_id(), &trace);
	let mut s = Script::new();
	s.signed(Alice, anchor_trace(trace, 3, Some(b"ipfs://trace-0"))) // anchor 0
		.signed(
			Alice,
			RuntimeCall::ReasoningAnchor(Anchor::anchor_batch {
				root: batch,
				traces: 2,
				steps: 5,
				model_version: None,
				job: None,
				uri: None,
			}),
		) // anchor 1
		.wait(1)
		// Anyone may anchor a root they have seen; one anchor per submitter and root.
		.signed(Eve, anchor_trace(trace, 3, None)) // anchor 2
		.wait(1)
		.signed(Alice, RuntimeCall::ReasoningAnchor(Anchor::withdraw { anchor: first }));
	s.done()
}

/// A dataset registered by commit-reveal, its royalties set, then verified by a round of drawn
/// verifiers (commit-reveal votes) that passes it.
fn dataset() -> Vec<Op> {
	const ID: DatasetId = 0;
	let shards = shards(b"corpus", 5);
	let salt = H256::repeat_byte(0x5a);
	let verifiers = [Bob, Charlie, Dave, Eve];

	let mut s = Script::new();
	// Four bonded verifiers for three seats; the owner and contributors are never drawn.
	for who in verifiers {
		s.signed(who, RuntimeCall::DatasetRegistry(Datasets::bond_verifier { amount: 100 * UNIT }));
	}
	// The reveal (`register`) is accepted from the block after the commitment.
	s.signed(Alice, commit_registration(Alice, &shards, salt)).wait(1);
	s.signed(Alice, register(&shards, b"corpus", salt)) // dataset 0
		.signed(
			Alice,
			RuntimeCall::DatasetRegistry(Datasets::set_royalties {
				id: ID,
				royalty_rate: Permill::from_percent(10),
				contributors: vec![
					(Alice.to_account_id(), Permill::from_percent(60)),
					(Ferdie.to_account_id(), Permill::from_percent(40)),
				],
			}),
		)
		// The draw happens at the start of the next block.
		.signed(Alice, RuntimeCall::DatasetRegistry(Datasets::request_verification { id: ID }))
		.wait(1);
	// Every verifier commits; the one not drawn fails with `NotSeated`.
	let vote = |who: Sr25519Keyring| Vote {
		pass: true,
		score: Permill::from_percent(90),
		report: hash_of(&[b"report ".as_slice(), &who.to_raw_public()].concat()),
	};
	for who in verifiers {
		let commitment = pallet_dataset_registry::Pallet::<Runtime>::vote_commitment(
			ID,
			&who.to_account_id(),
			&vote(who),
			&salt_of(who),
		);
		s.signed(who, RuntimeCall::DatasetRegistry(Datasets::commit_vote { id: ID, commitment }));
	}
	// Reveals open once every seat committed; the last one concludes the round.
	for who in verifiers {
		let Vote { pass, score, report } = vote(who);
		s.signed(
			who,
			RuntimeCall::DatasetRegistry(Datasets::reveal_vote {
				id: ID,
				pass,
				score,
				report,
				salt: salt_of(who),
			}),
		);
	}
	s.done()
}

/// A model with a maintainer: a base version, a fine-tune of it trained on a registered dataset,
/// a maintainer's quantized child of the fine-tune; royalty set, a version deprecated, and the
/// base revoked (which taints the descendants), then the fine-tune's dataset revoked.
fn model() -> Vec<Op> {
	const MODEL: u64 = 0;
	let (base, tuned, quantized) = (0, 1, 2);
	let shards = shards(b"instructions", 4);
	let salt = H256::repeat_byte(0x3c);

	let mut s = Script::new();
	s.signed(Alice, commit_registration(Alice, &shards, salt)).wait(1);
	s.signed(Alice, register(&shards, b"instructions", salt)) // dataset 0
		.signed(Alice, create_model(b"smollm2"))
		.signed(
			Alice,
			RuntimeCall::ModelLineage(Lineage::add_maintainer {
				model: MODEL,
				who: Bob.to_account_id(),
			}),
		)
		.signed(Alice, publish(MODEL, b"base", vec![], vec![], Permill::zero()))
		.signed(
			Alice,
			publish(
				MODEL,
				b"tuned",
				vec![parent(base, Relation::FineTune)],
				vec![0],
				Permill::from_percent(2),
			),
		)
		.wait(1)
		.signed(
			Bob,
			publish(
				MODEL,
				b"quantized",
				vec![parent(tuned, Relation::Quantize)],
				vec![],
				Permill::zero(),
			),
		)
		.signed(
			Alice,
			RuntimeCall::ModelLineage(Lineage::set_royalty {
				version: tuned,
				rate: Permill::from_percent(5),
			}),
		)
		.signed(Bob, RuntimeCall::ModelLineage(Lineage::deprecate_version { version: quantized }))
		.wait(1)
		.signed(Alice, RuntimeCall::ModelLineage(Lineage::revoke_version { version: base }))
		.wait(1)
		.signed(
			Alice,
			RuntimeCall::DatasetRegistry(Datasets::revoke { id: 0, reason: hash_of(b"breach") }),
		);
	s.done()
}

/// A compute job: four providers, an inference job on a model version and a dataset (both with
/// royalties, owned by Ferdie) with redundancy 2, drawn, committed and revealed by the drawn
/// seats, completed and paid; then its output anchored as the job's (attribution `JobOutput`).
fn compute() -> Vec<Op> {
	const JOB: u64 = 0;
	let providers = [Bob, Charlie, Dave, Eve];
	let shards = shards(b"prompts", 3);
	let salt = H256::repeat_byte(0x7e);
	let input = b"What is 2 + 2?";
	let output = hash_of(b"4");

	let mut s = Script::new();
	for who in providers {
		s.signed(
			who,
			RuntimeCall::ComputeStaking(Compute::register_provider {
				bond: 1_000 * UNIT,
				hardware: HardwareProfile {
					gpu_model: bounded(b"H100-SXM"),
					vram_gib: 80,
					gpu_count: 8,
				},
				kinds: bounded_kinds(&[JobKind::Inference, JobKind::Evaluation]),
				capacity: 4,
			}),
		);
	}
	// Ferdie's model version and dataset, so the job pays royalties to someone else.
	s.signed(Ferdie, create_model(b"ferdie-lm"))
		.signed(Ferdie, publish(0, b"ferdie-lm-v1", vec![], vec![], Permill::from_percent(10)))
		.signed(Ferdie, commit_registration(Ferdie, &shards, salt))
		.wait(1);
	s.signed(Ferdie, register(&shards, b"prompts", salt)) // dataset 0
		.signed(
			Ferdie,
			RuntimeCall::DatasetRegistry(Datasets::set_royalties {
				id: 0,
				royalty_rate: Permill::from_percent(20),
				contributors: vec![],
			}),
		);
	// Drawn at the start of the next block; the deadline leaves the seats their commit period.
	let deadline = s.block + 60;
	s.signed(
		Alice,
		RuntimeCall::ComputeStaking(Compute::submit_job {
			spec: JobSpec {
				kind: JobKind::Inference,
				model_version: Some(0),
				datasets: BoundedVec::truncate_from(vec![0]),
				input_hash: hash_of(input),
				input_uri: bounded(&[b"data:,".as_slice(), input].concat()),
				params: JobParams {
					seed: 42,
					temperature_milli: 0,
					max_tokens: 64,
					..Default::default()
				},
				redundancy: 2,
				deadline,
				payment: 10 * UNIT,
			},
		}),
	)
	.wait(1);
	// Every provider commits (the two not drawn fail with `NotAssigned`); the last seat to
	// commit opens the reveals, and the last reveal completes the job.
	for who in providers {
		let commitment = pallet_compute_staking::commitment_of(
			JOB,
			&who.to_account_id(),
			&output,
			&salt_of(who),
		);
		s.signed(who, RuntimeCall::ComputeStaking(Compute::commit { job: JOB, commitment }));
	}
	s.wait(1);
	for who in providers {
		s.signed(
			who,
			RuntimeCall::ComputeStaking(Compute::reveal { job: JOB, output, salt: salt_of(who) }),
		);
	}
	s.wait(1).signed(
		Alice,
		RuntimeCall::ReasoningAnchor(Anchor::anchor_trace {
			root: output,
			steps: 1,
			model_version: Some(0),
			job: Some(JOB),
			uri: None,
		}),
	);
	s.done()
}

/// An evaluation: a hidden test set registered as a dataset, a benchmark on it proposed and
/// approved by root, four evaluators, a model version trained on another (disjoint) dataset,
/// a request drawn, scores committed and revealed by the drawn seats and attested; then the
/// benchmark retired by root, revealing its test items.
fn evaluation() -> Vec<Op> {
	const BENCHMARK: u32 = 0;
	const REQUEST: u64 = 0;
	let (test_set, training_set) = (0, 1);
	let items = shards(b"test item", 4);
	let training = shards(b"training doc", 3);
	let salt = H256::repeat_byte(0x11);
	let evaluators = [Bob, Charlie, Dave, Eve];
	let scores = [870_000u32, 872_000, 868_000, 871_000];

	let mut s = Script::new();
	s.signed(Alice, commit_registration(Alice, &items, salt))
		.signed(Ferdie, commit_registration(Ferdie, &training, salt))
		.wait(1);
	s.signed(Alice, register(&items, b"hidden test set", salt)) // dataset 0
		.signed(Ferdie, register(&training, b"training set", salt)) // dataset 1
		// The test set twice: as the dataset and as the root over its items (the same set).
		.signed(
			Alice,
			RuntimeCall::EvalAttestation(Eval::propose_benchmark {
				spec: BenchmarkSpec {
					name: bounded(b"arith-hidden-v1"),
					spec_hash: hash_of(b"spec"),
					spec_uri: bounded(b"ipfs://spec"),
					metric: bounded(b"accuracy-ppm"),
					direction: Direction::HigherIsBetter,
					harness_hash: hash_of(b"harness"),
					seed: SeedPolicy::PerRequest,
					batch_size: 8,
					tolerance: 10_000,
					quorum: 3,
					min_evaluator_bond: 100 * UNIT,
					test_set,
					test_set_root: merkle::root(items.iter()),
					test_items: items.len() as u32,
				},
			}),
		)
		.root(RuntimeCall::EvalAttestation(Eval::approve_benchmark { benchmark: BENCHMARK }));
	for who in evaluators {
		s.signed(who, RuntimeCall::EvalAttestation(Eval::bond_evaluator { amount: 100 * UNIT }));
	}
	// Ferdie's version (trained on the disjoint set: not contaminated); Ferdie and the
	// requester Alice are never drawn, so three of the four evaluators are.
	s.signed(Ferdie, create_model(b"ferdie-lm"))
		.signed(Ferdie, publish(0, b"ferdie-lm-v1", vec![], vec![training_set], Permill::zero()))
		.wait(1);
	s.signed(
		Alice,
		RuntimeCall::EvalAttestation(Eval::request_evaluation {
			version: 0,
			benchmark: BENCHMARK,
			fee: 10 * UNIT,
		}),
	)
	.wait(1);
	let value = |i: usize| (scores[i], (i % 2 == 0).then(|| Perbill::from_percent(1)));
	for (i, who) in evaluators.into_iter().enumerate() {
		let commitment =
			commitment(EVAL_SCORE, &REQUEST, &who.to_account_id(), &value(i), &salt_of(who));
		s.signed(who, RuntimeCall::EvalAttestation(Eval::commit { request: REQUEST, commitment }));
	}
	s.wait(1);
	for (i, who) in evaluators.into_iter().enumerate() {
		let (score, contamination) = value(i);
		s.signed(
			who,
			RuntimeCall::EvalAttestation(Eval::reveal {
				request: REQUEST,
				score,
				contamination,
				salt: salt_of(who),
			}),
		);
	}
	s.wait(1).root(RuntimeCall::EvalAttestation(Eval::retire_benchmark {
		benchmark: BENCHMARK,
		items: BoundedVec::truncate_from(items),
		uri: bounded(b"ipfs://test-items"),
		successor: None,
	}));
	s.done()
}

// ---------------------------------------------------------------------------------------------
// Building blocks.

/// A lifecycle being written: its ops, and the block the next op lands in.
struct Script {
	ops: Vec<Op>,
	/// Block 1 is the first after genesis.
	block: u32,
}

impl Script {
	fn new() -> Self {
		Script { ops: Vec::new(), block: 1 }
	}

	/// `call` signed by `who`, in the current block.
	fn signed(&mut self, who: Sr25519Keyring, call: RuntimeCall) -> &mut Self {
		let origin = signers().iter().position(|s| *s == who).expect("a signing account") as u8;
		self.ops.push(Op { lapse: 0, origin, call });
		self
	}

	/// `call` dispatched as root (through sudo), in the current block.
	fn root(&mut self, call: RuntimeCall) -> &mut Self {
		self.ops.push(Op { lapse: 0, origin: ROOT, call });
		self
	}

	/// Let `blocks` more blocks pass after the last op.
	fn wait(&mut self, blocks: u8) -> &mut Self {
		let last = self.ops.last_mut().expect("a wait follows an op");
		last.lapse = last.lapse.saturating_add(blocks);
		assert!(last.lapse < 17, "an op is followed by at most 16 blocks");
		self.block += u32::from(blocks);
		self
	}

	fn done(&mut self) -> Vec<Op> {
		core::mem::take(&mut self.ops)
	}
}

fn hash_of(bytes: &[u8]) -> ContentHash {
	BlakeTwo256::hash(bytes)
}

/// `count` distinct shard (or test item) hashes.
fn shards(tag: &[u8], count: u8) -> Vec<ContentHash> {
	(0..count).map(|i| hash_of(&[tag, &[i]].concat())).collect()
}

/// A salt of each account's own.
fn salt_of(who: Sr25519Keyring) -> H256 {
	hash_of(&[b"salt".as_slice(), &who.to_raw_public()].concat())
}

fn bounded<S: Get<u32>>(bytes: &[u8]) -> BoundedVec<u8, S> {
	BoundedVec::truncate_from(bytes.to_vec())
}

fn bounded_kinds(kinds: &[JobKind]) -> pallet_compute_staking::KindSet {
	BoundedVec::truncate_from(kinds.to_vec())
}

fn anchor_trace(root: ContentHash, steps: u64, uri: Option<&[u8]>) -> RuntimeCall {
	RuntimeCall::ReasoningAnchor(Anchor::anchor_trace {
		root,
		steps,
		model_version: None,
		job: None,
		uri: uri.map(bounded),
	})
}

/// The registration commitment `who` makes for `shards` (their Merkle root, the shards' hash
/// and the salt, bound to `who`), as `register` checks it.
fn commit_registration(who: Sr25519Keyring, shards: &[ContentHash], salt: H256) -> RuntimeCall {
	let root = merkle::root(shards.iter());
	let commitment = pallet_dataset_registry::Pallet::<Runtime>::registration_commitment(
		&root,
		&who.to_account_id(),
		shards,
		&salt,
	);
	RuntimeCall::DatasetRegistry(Datasets::commit_registration { commitment })
}

/// Registers a curated dataset of `shards`, opening the commitment made with `salt`.
fn register(shards: &[ContentHash], name: &[u8], salt: H256) -> RuntimeCall {
	RuntimeCall::DatasetRegistry(Datasets::register {
		root: merkle::root(shards.iter()),
		shards: shards.to_vec(),
		kind: DatasetKind::Curated,
		parents: vec![],
		description: DatasetDescription {
			name: name.to_vec(),
			uri: [b"ipfs://".as_slice(), name].concat(),
			license: b"CC-BY-4.0".to_vec(),
			record_count: 1_000,
			byte_size: 1 << 20,
		},
		salt,
	})
}

fn create_model(name: &[u8]) -> RuntimeCall {
	RuntimeCall::ModelLineage(Lineage::create_model {
		name: name.to_vec(),
		license: b"Apache-2.0".to_vec(),
		metadata_uri: [b"ipfs://".as_slice(), name].concat(),
	})
}

fn parent(version: u64, relation: Relation) -> ParentLink {
	ParentLink { version, relation }
}

/// A declared version of `model` (no training job) whose weights are named by `tag`.
fn publish(
	model: u64,
	tag: &[u8],
	parents: Vec<ParentLink>,
	datasets: Vec<DatasetId>,
	royalty: Permill,
) -> RuntimeCall {
	RuntimeCall::ModelLineage(Lineage::publish_version {
		model,
		spec: VersionSpec {
			weights_hash: hash_of(tag),
			format: ArtifactFormat::Safetensors,
			parameter_count: 135_000_000,
			uri: [b"ipfs://".as_slice(), tag].concat(),
			parents,
			datasets,
			license: vec![],
			training_job: None,
			royalty,
		},
	})
}
