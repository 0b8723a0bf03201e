// Eval attestation under OpenGov on a dev node: a benchmark standard is proposed, approved by a
// referendum on the benchmark-standards track, three bonded evaluators are drawn in the block after
// the request, commit and reveal scores, the outlier is slashed, the median is attested and tops
// the leaderboard; a model whose training data overlaps the hidden test set is refused.
//
// Prints: blocks and seconds from proposal to approved benchmark; the weight of the last reveal
// (which finalizes) at the maximum quorum beside a balance transfer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { blake2AsHex, randomAsU8a, cryptoWaitReady } from '@polkadot/util-crypto';
import { u8aToHex } from '@polkadot/util';
import { startDevNode, submit, findEvent, recordEvents } from '../lib/node.mjs';
import { passReferendum } from '../lib/governance.mjs';
import { root } from '../lib/merkle.mjs';
import { registerDatasets } from '../lib/datasets.mjs';
import { scoreCommitment } from '../lib/evals.mjs';

const UNIT = 10n ** 12n;
let node;
let api;
let events;
const k = {};

async function registerDataset(signer, shards, name) {
  const [r] = await registerDatasets(api, signer, [shards], () => name);
  assert.equal(r.error, null);
  return findEvent(r.events, 'datasetRegistry', 'Registered').data.id.toNumber();
}

async function publish(model, datasets) {
  const r = await submit(api, api.tx.modelLineage.publishVersion(model, {
    weightsHash: blake2AsHex(randomAsU8a(32)), format: 'Safetensors', parameterCount: 135_000_000,
    uri: '', parents: [], datasets, trainingJob: null, royalty: 0,
  }), k.Alice);
  assert.equal(r.error, null);
  return findEvent(r.events, 'modelLineage', 'VersionPublished').data.version.toNumber();
}

/** The documented score commitment (lib/evals.mjs). */
const commitment = (...args) => scoreCommitment(api, ...args);

before(async () => {
  await cryptoWaitReady();
  const ring = new Keyring({ type: 'sr25519' });
  for (const n of ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie']) k[n] = ring.addFromUri(`//${n}`);
  node = await startDevNode();
  api = node.api;
  events = await recordEvents(api);
});

after(async () => {
  events?.stop();
  await node?.stop();
});

test('referendum approves a benchmark; quorum of 3 attests the median, slashes the outlier; contamination refused', async () => {
  // The hidden test set's shard hashes go to the dataset registry; a clean corpus and one that
  // shares a shard with the test set train two versions.
  const testItems = Array.from({ length: 8 }, () => randomAsU8a(32));
  const testSet = await registerDataset(k.Ferdie, testItems, 'hidden-test-set');
  const clean = await registerDataset(k.Alice, Array.from({ length: 4 }, () => randomAsU8a(32)), 'clean-corpus');
  const leaky = await registerDataset(k.Alice, [randomAsU8a(32), testItems[3], randomAsU8a(32)], 'leaky-corpus');
  const created = await submit(api, api.tx.modelLineage.createModel('smollm2', 'Apache-2.0', ''), k.Alice);
  const model = findEvent(created.events, 'modelLineage', 'ModelCreated').data.model.toNumber();
  const good = await publish(model, [clean]);
  const contaminated = await publish(model, [leaky]);

  const floor = api.consts.evalAttestation.minEvaluatorBond.toBigInt();
  const spec = {
    name: 'hidden-qa-v1', specHash: blake2AsHex('spec'), specUri: 'ipfs://spec', metric: 'accuracy-ppm',
    direction: 'HigherIsBetter', harnessHash: blake2AsHex('harness'), seed: { Fixed: 7 }, batchSize: 8,
    tolerance: 20_000, quorum: 3, minEvaluatorBond: floor, testSet, testSetRoot: root(testItems), testItems: testItems.length,
  };
  const t0 = Date.now();
  const proposed = await submit(api, api.tx.evalAttestation.proposeBenchmark(spec), k.Ferdie);
  assert.equal(proposed.error, null);
  const benchmark = findEvent(proposed.events, 'evalAttestation', 'BenchmarkProposed').data.benchmark.toNumber();
  const proposedAt = (await api.rpc.chain.getHeader(proposed.blockHash)).number.toNumber();

  // Not approved yet: requests are refused; and only the track's origin may approve.
  const early = await submit(api, api.tx.evalAttestation.requestEvaluation(good, benchmark, UNIT), k.Eve);
  assert.equal(early.error, 'evalAttestation.BenchmarkNotApproved');
  const bySigned = await submit(api, api.tx.evalAttestation.approveBenchmark(benchmark), k.Ferdie);
  assert.equal(bySigned.error, 'BadOrigin');

  const issuance = (await api.query.balances.totalIssuance()).toBigInt();
  const ref = await passReferendum(api, events, {
    call: api.tx.evalAttestation.approveBenchmark(benchmark),
    origin: { Origins: 'BenchmarkStandards' },
    proposer: k.Ferdie, voter: k.Alice, balance: issuance / 15n,
  });
  const approved = await events.waitFor(
    (e) => e.section === 'evalAttestation' && e.method === 'BenchmarkApproved' && e.data.benchmark.toNumber() === benchmark,
    60_000, 'BenchmarkApproved');
  const seconds = (Date.now() - t0) / 1000;
  console.log(`proposal → approved benchmark: ${approved.block - proposedAt} blocks, ${seconds.toFixed(1)} s ` +
    `(referendum ${ref.index}: submitted #${ref.submittedAt}, confirmed #${ref.confirmedAt}, enacted #${ref.dispatchedAt})`);
  assert.ok((await api.call.evalAttestationApi.benchmark(benchmark)).unwrap().status.isApproved);

  // Contamination: the leaky version's lineage shares a shard with the hidden test set.
  const refused = await submit(api, api.tx.evalAttestation.requestEvaluation(contaminated, benchmark, UNIT), k.Eve);
  assert.equal(refused.error, 'evalAttestation.Contaminated');

  const evaluators = ['Bob', 'Charlie', 'Dave'];
  const bonds = await Promise.all(evaluators.map((n) => submit(api, api.tx.evalAttestation.bondEvaluator(floor), k[n])));
  bonds.forEach((b) => assert.equal(b.error, null));
  const fee = 30n * UNIT;
  const requested = await submit(api, api.tx.evalAttestation.requestEvaluation(good, benchmark, fee), k.Eve);
  assert.equal(requested.error, null);
  const request = findEvent(requested.events, 'evalAttestation', 'EvaluationRequested').data.request.toNumber();

  // Nobody claims a seat: the chain draws them at the start of the next block. Exactly three
  // evaluators are bonded and none is the requester (Eve) or the model's owner (Alice), so all
  // three are drawn.
  const drawn = await events.waitFor(
    (e) => e.section === 'evalAttestation' && e.method === 'EvaluatorsDrawn' && e.data.request.toNumber() === request,
    60_000, 'EvaluatorsDrawn');
  assert.deepEqual(drawn.event.data.evaluators.map((a) => a.toString()).sort(), evaluators.map((n) => k[n].address).sort());
  const outsider = await submit(api, api.tx.evalAttestation.commit(request, blake2AsHex('x')), k.Eve);
  assert.equal(outsider.error, 'evalAttestation.NotAssigned');

  const scores = { Bob: 812_000, Charlie: 805_000, Dave: 400_000 }; // Dave is far outside ±20,000
  const salts = Object.fromEntries(evaluators.map((n) => [n, u8aToHex(randomAsU8a(32))]));
  const commits = await Promise.all(evaluators.map((n) => submit(api,
    api.tx.evalAttestation.commit(request, commitment(request, k[n].address, scores[n], null, salts[n])), k[n])));
  commits.forEach((c) => assert.equal(c.error, null));

  // A reveal that does not match its commitment is refused and changes nothing.
  const lie = await submit(api, api.tx.evalAttestation.reveal(request, 999_000, null, salts.Bob), k.Bob);
  assert.equal(lie.error, 'evalAttestation.RevealMismatch');

  const transfer = await api.tx.balances.transferKeepAlive(k.Eve.address, UNIT).paymentInfo(k.Bob);
  const lastReveal = await api.tx.evalAttestation.reveal(request, scores.Dave, null, salts.Dave).paymentInfo(k.Dave);
  const before = (await api.call.evalAttestationApi.evaluator(k.Dave.address)).unwrap().bond.toBigInt();
  for (const n of evaluators) {
    const r = await submit(api, api.tx.evalAttestation.reveal(request, scores[n], null, salts[n]), k[n]);
    assert.equal(r.error, null);
  }
  const attested = await events.waitFor((e) => e.section === 'evalAttestation' && e.method === 'ScoreAttested', 60_000, 'ScoreAttested');
  assert.equal(attested.event.data.score.toNumber(), 805_000, 'the median of 812,000, 805,000 and 400,000');
  assert.equal(attested.event.data.inBand.toNumber(), 2);
  const slashed = events.all((e) => e.section === 'evalAttestation' && e.method === 'EvaluatorSlashed');
  assert.deepEqual(slashed.map(({ event }) => [event.data.evaluator.toString(), event.data.cause.toString()]), [[k.Dave.address, 'Outlier']]);
  const after = (await api.call.evalAttestationApi.evaluator(k.Dave.address)).unwrap().bond.toBigInt();
  assert.equal(before - after, slashed[0].event.data.amount.toBigInt());
  assert.equal(after, before - before / 10n, 'the outlier lost 10% of its bond');

  const board = await api.call.evalAttestationApi.leaderboard(benchmark);
  assert.deepEqual(board.map((r) => [r.version.toNumber(), r.score.toNumber(), r.taintedBy.isNone]), [[good, 805_000, true]]);

  const w = (info) => info.weight.refTime.toBigInt();
  const maxQuorum = api.consts.evalAttestation.maxQuorum.toNumber();
  console.log(`weight ref_time: last reveal with finalization (declared for quorum ${maxQuorum}) ${w(lastReveal)}, ` +
    `transfer_keep_alive ${w(transfer)} → ${(Number(w(lastReveal)) / Number(w(transfer))).toFixed(1)}×`);
});
