// The provenance explorer (web/) against a dev node, in headless Chromium: a lineage is built
// on chain — a base version trained on a dataset, a fine-tune verified by its training job's
// receipt and trained on a second dataset, a distillation of that — the fine-tune is evaluated
// on a benchmark approved by referendum, then the base's dataset is revoked for cause and the
// lineage walk taints every version below it. The runtime API's bill of materials and the page
// (its list, summary, record pane and leaderboard) are checked before and after the taint.
//
// Needs the built page (web/dist, from scripts/setup.sh) and Chromium (CHROMIUM, default
// /usr/bin/chromium). Prints: blocks from the revoke to the deepest descendant's taint, the
// answer's encoded size, the median time of the provenance call, the screenshot's path
// (e2e/artifacts/explorer.png).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { Keyring } from '@polkadot/keyring';
import { blake2AsHex, cryptoWaitReady, randomAsHex, randomAsU8a } from '@polkadot/util-crypto';
import { u8aToHex } from '@polkadot/util';
import { ROOT, startDevNode, submit, findEvent, recordEvents } from '../lib/node.mjs';
import { registerDatasets } from '../lib/datasets.mjs';
import { passReferendum } from '../lib/governance.mjs';
import { runJobByHand } from '../lib/compute.mjs';
import { evaluateByHand } from '../lib/evals.mjs';
import { root } from '../lib/merkle.mjs';
import { timeCalls, describeTimes } from '../lib/timing.mjs';
import { serve } from '../../web/serve.mjs';

const UNIT = 10n ** 12n;
const DIST = join(ROOT, 'web', 'dist');
const SCREENSHOT = join(ROOT, 'e2e', 'artifacts', 'explorer.png');
const SCORES = { Charlie: 812_000, Dave: 805_000, Eve: 809_000 };
const MEDIAN_SCORE = 809_000;

let node;
let api;
let events;
let server;
let browser;
let page;
const pageErrors = [];
const k = {};
/** Ids on chain: datasets d1 (the base's, revoked later), d2 (the fine-tune's), testSet; model,
 * versions base, child (the fine-tune), grandchild; the training job; the benchmark. */
const id = {};

before(async () => {
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error(`no ${join(DIST, 'index.html')}: the explorer page is not built. ` +
      'Run scripts/setup.sh (or: cd web && npm ci && npm run build) first.');
  }
  await cryptoWaitReady();
  const ring = new Keyring({ type: 'sr25519' });
  for (const n of ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie']) k[n] = ring.addFromUri(`//${n}`);
  k.DaveStash = ring.addFromUri('//Dave//stash'); // votes: an endowed account with nothing else to sign

  const started = await Promise.allSettled([
    startDevNode(),
    serve(DIST, 0),
    puppeteer.launch({
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--headless=new'],
    }),
  ]);
  [node, server, browser] = started.map((s) => (s.status === 'fulfilled' ? s.value : undefined));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
  api = node.api;
  events = await recordEvents(api);

  page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 900 });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${server.url}?ws=ws://127.0.0.1:${node.rpcPort}`);
  await page.waitForFunction(() => document.querySelector('#status')?.textContent === 'connected', { timeout: 60_000 });
});

after(async () => {
  events?.stop();
  await browser?.close().catch(() => {});
  await server?.close();
  await node?.stop();
});

/** Publishes a version of Alice's model; resolves with its id. */
async function publish({ datasets = [], parents = [], trainingJob = null, weightsHash = randomAsHex(32) }) {
  const r = await submit(api, api.tx.modelLineage.publishVersion(id.model, {
    weightsHash, format: 'Safetensors', parameterCount: 135_000_000, uri: '', license: '',
    parents, datasets, trainingJob, royalty: 0,
  }), k.Alice);
  assert.equal(r.error, null);
  return findEvent(r.events, 'modelLineage', 'VersionPublished').data.version.toNumber();
}

const registered = (r) => {
  assert.equal(r.error, null);
  return findEvent(r.events, 'datasetRegistry', 'Registered').data.id.toNumber();
};

/** The bill of materials of `version` through the runtime API, as JSON (camelCase). */
const bomOf = async (version) => (await api.call.provenanceApi.provenance(version)).unwrap().toJSON();

/** `#items` as `[data-id, data-grade, data-tainted]` rows, in list order. */
const itemRows = () => page.$$eval('#items li', (lis) => lis.map((li) => [li.dataset.id, li.dataset.grade, li.dataset.tainted]));

/** `#summary`'s data attributes. */
const summary = () => page.$eval('#summary', (el) => ({ ...el.dataset }));

/** Types `version` into the form, clicks show, waits until the page has drawn it. */
async function showVersion(version) {
  await page.evaluate(() => { delete document.body.dataset.loaded; });
  await page.$eval('#version', (el) => { el.value = ''; });
  await page.type('#version', String(version));
  await page.click('#show');
  await page.waitForSelector(`body[data-loaded="${version}"]`, { timeout: 30_000 });
}

/** Loads `benchmark`'s leaderboard through the form; resolves with its rows' data attributes. */
async function showLeaderboard(benchmark) {
  await page.$eval('#leaderboard', (el) => { delete el.dataset.benchmark; });
  await page.$eval('#benchmark', (el) => { el.value = ''; });
  await page.type('#benchmark', String(benchmark));
  await page.click('#load-leaderboard');
  await page.waitForSelector(`#leaderboard[data-benchmark="${benchmark}"]`, { timeout: 30_000 });
  return page.$$eval('#leaderboard li', (lis) => lis.map((li) => ({ ...li.dataset, text: li.textContent })));
}

test('a lineage with a verified fine-tune and an attested evaluation', async () => {
  const floor = api.consts.evalAttestation.minEvaluatorBond.toBigInt();
  const testItems = Array.from({ length: 8 }, () => randomAsU8a(32));

  // Three flows at once, each with its own signers: the lineage (Alice, Bob's compute, Charlie's
  // datasets), the benchmark's approval (Ferdie proposes, Dave's stash votes), evaluators' bonds.
  const lineage = (async () => {
    const [provider, created, datasets] = await Promise.all([
      submit(api, api.tx.computeStaking.registerProvider(200n * UNIT,
        { gpuModel: 'H100', vramGib: 80, gpuCount: 1 }, ['Inference', 'Training'], 4), k.Bob),
      submit(api, api.tx.modelLineage.createModel('explorer-llm', 'Apache-2.0', ''), k.Alice),
      registerDatasets(api, k.Charlie, [[randomAsU8a(32), randomAsU8a(32)], [randomAsU8a(32)]],
        (i) => ['base-corpus', 'tuning-corpus'][i]),
    ]);
    assert.equal(provider.error, null);
    assert.equal(created.error, null);
    id.model = findEvent(created.events, 'modelLineage', 'ModelCreated').data.model.toNumber();
    [id.d1, id.d2] = datasets.map(registered);
    const charlieBond = submit(api, api.tx.evalAttestation.bondEvaluator(floor), k.Charlie);

    id.base = await publish({ datasets: [id.d1] });
    // The fine-tune's weights are the accepted output of Alice's training job from the base on d2.
    const weights = randomAsU8a(32);
    id.job = await runJobByHand(api, events, {
      owner: k.Alice, provider: k.Bob, kind: 'Training', modelVersion: id.base, datasets: [id.d2], output: weights,
    });
    id.child = await publish({
      weightsHash: u8aToHex(weights), parents: [{ version: id.base, relation: 'FineTune' }], datasets: [id.d2], trainingJob: id.job,
    });
    id.grandchild = await publish({ parents: [{ version: id.child, relation: 'Distill' }] });
    assert.equal((await charlieBond).error, null);
  })();

  const benchmark = (async () => {
    const [t] = await registerDatasets(api, k.Ferdie, [testItems], () => 'explorer-test-set');
    id.testSet = registered(t);
    const proposed = await submit(api, api.tx.evalAttestation.proposeBenchmark({
      name: 'explorer-qa', specHash: blake2AsHex('spec'), specUri: 'ipfs://spec', metric: 'accuracy-ppm',
      direction: 'HigherIsBetter', harnessHash: blake2AsHex('harness'), seed: { Fixed: 7 }, batchSize: 8,
      tolerance: 20_000, quorum: 3, minEvaluatorBond: floor, testSet: id.testSet, testSetRoot: root(testItems),
      testItems: testItems.length,
    }), k.Ferdie);
    assert.equal(proposed.error, null);
    id.benchmark = findEvent(proposed.events, 'evalAttestation', 'BenchmarkProposed').data.benchmark.toNumber();
    const issuance = (await api.query.balances.totalIssuance()).toBigInt();
    await passReferendum(api, events, {
      call: api.tx.evalAttestation.approveBenchmark(id.benchmark),
      origin: { Origins: 'BenchmarkStandards' },
      proposer: k.Ferdie, voter: k.DaveStash, balance: issuance / 15n,
    });
    await events.waitFor((e) => e.section === 'evalAttestation' && e.method === 'BenchmarkApproved'
      && e.data.benchmark.toNumber() === id.benchmark, 60_000, 'BenchmarkApproved');
  })();

  const bonds = Promise.all(['Dave', 'Eve'].map((n) => submit(api, api.tx.evalAttestation.bondEvaluator(floor), k[n])));
  const t0 = Date.now();
  await Promise.all([lineage, benchmark, bonds.then((bs) => bs.forEach((b) => assert.equal(b.error, null)))]);
  const built = Date.now() - t0;

  // Bob (neither owner nor evaluator) asks for the fine-tune's evaluation; the three bonded
  // evaluators are drawn and agree within the tolerance.
  const { attested } = await evaluateByHand(api, events, {
    requester: k.Bob, version: id.child, benchmark: id.benchmark, fee: 30n * UNIT,
    scores: Object.entries(SCORES).map(([n, score]) => [k[n], score]),
  });
  assert.equal(attested.event.data.score.toNumber(), MEDIAN_SCORE);
  assert.equal(attested.event.data.inBand.toNumber(), 3);
  console.log(`lineage, receipt and approved benchmark in ${(built / 1000).toFixed(1)} s; ` +
    `evaluation attested in block #${attested.block} (${((Date.now() - t0) / 1000).toFixed(1)} s in all); ids ${JSON.stringify(id)}`);

  // The answer before the taint: the fine-tune Checked by its receipt, the base only declared.
  const bom = await bomOf(id.child);
  assert.equal(bom.version, id.child);
  assert.deepEqual(bom.versions.map((v) => [v.id, v.grade, v.trainingJob, v.taintedBy]),
    [[id.child, 'Checked', id.job, null], [id.base, 'Declared', null, null]]);
  assert.deepEqual(bom.versions[0].parents, [{ version: id.base, relation: 'FineTune' }]);
  assert.deepEqual(bom.datasets.map((d) => [d.id, d.grade, d.status, d.revoked]),
    [[id.d1, 'Declared', 'Pending', false], [id.d2, 'Declared', 'Pending', false]]);
  assert.deepEqual(bom.jobs.map((j) => [j.id, j.grade, j.receipt.kind]), [[id.job, 'Checked', 'Training']]);
  assert.deepEqual(bom.evaluations.map((e) => [e.benchmark, e.score, e.evaluators, e.grade]),
    [[id.benchmark, MEDIAN_SCORE, 3, 'Checked']]);
  assert.equal(bom.grade, 'Declared', 'the weakest grade of the lineage');
  assert.deepEqual(bom.weakest, { version: id.base });
  assert.equal(bom.taintedBy, null);
  assert.equal(bom.truncated, false);
});

test('the explorer draws the lineage, its grades and the leaderboard', async () => {
  await showVersion(id.child);
  assert.deepEqual(await itemRows(), [
    [`version:${id.child}`, 'Checked', 'false'],
    [`version:${id.base}`, 'Declared', 'false'],
    [`dataset:${id.d1}`, 'Declared', 'false'],
    [`dataset:${id.d2}`, 'Declared', 'false'],
    [`job:${id.job}`, 'Checked', 'false'],
    [`evaluation:${id.benchmark}`, 'Checked', 'false'],
  ]);
  const s = await summary();
  assert.equal(s.grade, 'Declared');
  assert.equal(s.weakest, `version:${id.base}`);
  assert.equal(s.taintedBy, undefined);
  // The queried version is selected after a load.
  assert.equal(await page.$eval('#record', (el) => el.dataset.id), `version:${id.child}`);
  assert.equal(await page.evaluate(() => window.verity.cy.nodes().length), 6);

  const board = await showLeaderboard(id.benchmark);
  assert.deepEqual(board.map((r) => [r.version, r.tainted]), [[String(id.child), 'false']]);
  assert.deepEqual(pageErrors, []);
});

test('revoking the base dataset taints the versions trained on it and their descendants', async () => {
  const reason = randomAsHex(32);
  const revoked = await submit(api, api.tx.datasetRegistry.revoke(id.d1, reason), k.Charlie);
  assert.equal(revoked.error, null);
  const ev = findEvent(revoked.events, 'datasetRegistry', 'Revoked');
  assert.deepEqual([ev.data.id.toNumber(), ev.data.reason.toHex(), ev.data.byGovernance.isTrue], [id.d1, reason, false]);
  const from = (await api.rpc.chain.getHeader(revoked.blockHash)).number.toNumber();

  const taintOf = (version) => (e) => e.section === 'modelLineage' && e.method === 'VersionTainted' && e.data.version.toNumber() === version;
  const deepest = await events.waitFor(taintOf(id.grandchild), 60_000, `VersionTainted(${id.grandchild})`);
  const marks = [id.base, id.child, id.grandchild].map((v) => events.all(taintOf(v)));
  for (const m of marks) {
    assert.equal(m.length, 1, 'tainted once');
    assert.deepEqual(m[0].event.data.by.toJSON(), { dataset: id.d1 });
  }
  const propagated = events.all((e, block) => e.section === 'modelLineage' && e.method === 'RevocationPropagated' && block >= from);
  assert.ok(propagated.length > 0, 'RevocationPropagated');
  console.log(`taint: dataset ${id.d1} revoked in block #${from}; versions ${id.base}, ${id.child}, ${id.grandchild} ` +
    `tainted in blocks #${marks.map((m) => m[0].block).join(', #')}: the deepest descendant (2 generations below the ` +
    `version trained on it) ${deepest.block - from} block(s) after the revoke (phase ${marks[2][0].phase.type}: ` +
    `${marks[2][0].phase.isFinalization ? "the registry queues the walk, model-lineage's on_idle runs it" : 'inside an extrinsic'}); ` +
    `RevocationPropagated ${propagated.map(({ event }) => `{tainted ${event.data.tainted}, pending ${event.data.pending}}`).join(', ')}`);

  const bom = await bomOf(id.child);
  assert.equal(bom.grade, 'Tainted');
  assert.deepEqual(bom.weakest, { dataset: id.d1 });
  assert.deepEqual(bom.taintedBy, { dataset: id.d1 });
  assert.deepEqual(bom.versions.map((v) => [v.id, v.grade, v.taintedBy]),
    [[id.child, 'Tainted', { dataset: id.d1 }], [id.base, 'Tainted', { dataset: id.d1 }]]);
  assert.deepEqual(bom.datasets.map((d) => [d.id, d.grade, d.revoked]), [[id.d1, 'Tainted', true], [id.d2, 'Declared', false]]);
  assert.deepEqual(bom.jobs.map((j) => j.grade), ['Checked']);
  assert.deepEqual(bom.evaluations.map((e) => e.grade), ['Checked']);

  // A tainted version takes no new evaluations; its attested score stays, marked.
  const refused = await submit(api, api.tx.evalAttestation.requestEvaluation(id.child, id.benchmark, 30n * UNIT), k.Bob);
  assert.equal(refused.error, 'evalAttestation.VersionTainted');
  const board = (await api.call.evalAttestationApi.leaderboard(id.benchmark)).toJSON();
  assert.deepEqual(board.map((r) => [r.version, r.score, r.taintedBy]), [[id.child, MEDIAN_SCORE, { dataset: id.d1 }]]);
});

test('the explorer marks the taint; record pane, leaderboard, screenshot, figures', async () => {
  // The deepest descendant: three versions, all tainted by the dataset.
  await showVersion(id.grandchild);
  const deep = await itemRows();
  assert.deepEqual(deep.filter(([i]) => i.startsWith('version:')).map(([i, g, t]) => [i, g, t]), [
    [`version:${id.grandchild}`, 'Tainted', 'true'],
    [`version:${id.child}`, 'Tainted', 'true'],
    [`version:${id.base}`, 'Tainted', 'true'],
  ]);
  assert.equal((await summary()).taintedBy, `dataset:${id.d1}`);

  // The leaderboard marks the row; clicking it loads the fine-tune.
  const board = await showLeaderboard(id.benchmark);
  assert.deepEqual(board.map((r) => [r.version, r.tainted]), [[String(id.child), 'true']]);
  assert.match(board[0].text, new RegExp(`tainted by dataset ${id.d1}$`));
  await page.evaluate(() => { delete document.body.dataset.loaded; });
  await page.click(`#leaderboard li[data-version="${id.child}"]`);
  await page.waitForSelector(`body[data-loaded="${id.child}"]`, { timeout: 30_000 });

  assert.deepEqual(await itemRows(), [
    [`version:${id.child}`, 'Tainted', 'true'],
    [`version:${id.base}`, 'Tainted', 'true'],
    [`dataset:${id.d1}`, 'Tainted', 'true'],
    [`dataset:${id.d2}`, 'Declared', 'false'],
    [`job:${id.job}`, 'Checked', 'false'],
    [`evaluation:${id.benchmark}`, 'Checked', 'false'],
  ]);
  const s = await summary();
  assert.equal(s.grade, 'Tainted');
  assert.equal(s.weakest, `dataset:${id.d1}`);
  assert.equal(s.taintedBy, `dataset:${id.d1}`);
  assert.ok(await page.$(`#summary[data-grade="Tainted"][data-tainted-by="dataset:${id.d1}"]`));

  // Clicking the dataset's line shows its record.
  await page.click(`#items li[data-id="dataset:${id.d1}"]`);
  await page.waitForSelector(`#record[data-id="dataset:${id.d1}"]`, { timeout: 10_000 });
  const record = JSON.parse(await page.$eval('#record', (el) => el.textContent));
  assert.equal(record.id, id.d1);
  assert.equal(record.name, 'base-corpus');
  assert.equal(record.revoked, true);
  assert.equal(record.grade, 'Tainted');
  assert.ok(await page.$(`#items li.selected[data-id="dataset:${id.d1}"]`));
  assert.deepEqual(pageErrors, []);

  mkdirSync(join(ROOT, 'e2e', 'artifacts'), { recursive: true });
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
  assert.ok(existsSync(SCREENSHOT));

  const answer = await api.call.provenanceApi.provenance(id.child);
  const bytes = answer.unwrap().toU8a().length;
  const times = await timeCalls(25, () => api.call.provenanceApi.provenance(id.child));
  console.log(`provenance(${id.child}): ${bytes} bytes encoded (2 versions, 2 datasets, 1 receipt, 1 evaluation); ` +
    `api.call over WebSocket ${describeTimes(times)}`);
  console.log(`screenshot: ${SCREENSHOT}`);
});
