// Throughput of Verity's extrinsics on one dev node. For each kind, thousands of extrinsics are
// signed offline over many funded accounts, put into the pool at once, and the blocks that take
// them say how many fit in one block and how many per second a run of full blocks sustains,
// beside balances.transferKeepAlive in the same run. `--quick`: a few hundred per kind.
// Prints a table; writes bench/results/<git short sha>.json (`-quick.json` for --quick).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Keyring, blake2AsHex, cryptoWaitReady, randomAsHex, randomAsU8a, stringToU8a, u8aConcat, u8aToHex,
} from './lib/deps.mjs';
import { NODE_BIN, errorName, sleep } from '../e2e/lib/node.mjs';
import { root } from '../e2e/lib/merkle.mjs';
import { description, registrationCommitment } from '../e2e/lib/datasets.mjs';
import { BENCH_BIN, addAuthoring, copyBinary, push, signAll, startNode, summarize } from './lib/chain.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const QUICK = process.argv.includes('--quick');
const UNIT = 10n ** 12n;
// Extrinsics per kind: in the full run about four blocks' worth each (a block takes some 500
// registers to 2,500 remarks, by weight); `jobs` and `requests` are the compute jobs (r = 2) and
// evaluation requests (quorum 15) whose seats commit and reveal, as many as the pools allow.
const SIZE = QUICK
  ? { signers: 50, transfer: 300, remark: 300, anchor: 300, dataset: 300, publish: 300, submitJob: 300, providers: 16, evaluators: 32, jobs: 64, requests: 16 }
  : { signers: 1000, transfer: 10000, remark: 10000, anchor: 5000, dataset: 3000, publish: 3500, submitJob: 4500, providers: 128, evaluators: 128, jobs: 640, requests: 128 };
const TRANSFER = 'balances.transferKeepAlive';

const say = (...args) => console.error(...args);
const git = (...args) => execFileSync('git', ['-C', join(HERE, '..'), ...args]).toString().trim();
const event = (result, section, method) => result.events.find((e) => e.section === section && e.method === method);

/** The `{ kind: 'Inference', r = redundancy }` job spec the compute kinds submit. */
const jobSpec = (redundancy, deadline, maxTokens = 16) => {
  const text = 'Name a colour. One word.';
  return {
    kind: 'Inference', modelVersion: null, datasets: [], inputHash: blake2AsHex(text, 256), inputUri: `data:text/plain,${text}`,
    params: { seed: 7, temperatureMilli: 0, maxTokens, api: 'Chat' }, redundancy, deadline, payment: UNIT / 10n,
  };
};

const versionSpec = () => ({
  weightsHash: randomAsHex(32), format: 'Safetensors', parameterCount: 135_000_000,
  uri: 'hf://verity/bench', parents: [], datasets: [], trainingJob: null, royalty: 0,
});

/** Calls `probe` once a block until it returns something; gives up after `blocks` blocks. */
async function eachBlockUntil(api, probe, blocks, what) {
  for (let i = 0; i < blocks; i++) {
    const found = await probe();
    if (found) return found;
    const n = (await api.rpc.chain.getHeader()).number.toNumber();
    while ((await api.rpc.chain.getHeader()).number.toNumber() === n) await sleep(500);
  }
  throw new Error(`${what}: not within ${blocks} blocks`);
}

async function bench(api, out) {
  const limits = {
    weight: Number(api.consts.system.blockWeights.perClass.normal.maxTotal.unwrap().refTime.toBigInt()),
    bytes: api.consts.system.blockLength.max.normal.toNumber(),
    block: Number(api.consts.system.blockWeights.maxBlock.refTime.toBigInt()),
  };
  out.limits = limits;
  const ring = new Keyring({ type: 'sr25519' });
  const [alice, bob, charlie] = ['Alice', 'Bob', 'Charlie'].map((n) => ring.addFromUri(`//${n}`));
  const derive = (tag, n) => Array.from({ length: n }, (_, i) => ring.addFromUri(`//bench//${tag}//${i}`));
  const signers = derive('signer', SIZE.signers);
  const providers = derive('provider', SIZE.providers);
  const evaluators = derive('evaluator', SIZE.evaluators);
  const byAddress = new Map([...providers, ...evaluators].map((p) => [p.address, p]));
  /** `n` items spread over the signers round-robin: item k from signer k mod N. */
  const each = (n, make) => Array.from({ length: n }, (_, k) => make(signers[k % signers.length], k));

  /** Pushes `items` and requires every one to succeed; returns their `{ events, error }`. */
  const setup = async (label, items) => {
    const r = await push(api, await signAll(api, items), { keep: true });
    const results = items.map((_, i) => r.results[i] ?? { events: [], error: 'not in a block' });
    const failed = results.filter((x) => x.error);
    say(`setup ${label}: ${items.length - failed.length}/${items.length} in ${r.blocks.filter((b) => b.ours).length} blocks`);
    if (failed.length) {
      throw new Error(`${label}: ${failed.length} of ${items.length} failed: ${failed[0].error} ${JSON.stringify(r.rejections)}`);
    }
    return results;
  };

  /** Signs `items`, pushes them all at once and records the throughput as `kind`. */
  const measure = async (kind, items) => {
    if (!items.length) throw new Error(`${kind}: nothing to send`);
    const weight = (await items[0].call.paymentInfo(items[0].pair)).weight.refTime.toBigInt();
    const t0 = Date.now();
    const rounds = await signAll(api, items);
    const signSeconds = (Date.now() - t0) / 1000;
    const s = { ...summarize(await push(api, rounds), limits), weightDeclared: Number(weight), signSeconds };
    out.kinds[kind] = s;
    const problems = { ...s.errors, ...s.rejections, ...(s.missing ? { 'never in a block': s.missing } : {}) };
    say(`${kind}: ${s.included}/${s.sent} in ${s.blocks} blocks (${s.fullBlocks} full), at most ${s.maxPerBlock} a block, ` +
      `${s.perSecond === null ? 'no full block' : `${s.perSecond.toFixed(1)}/s`}; signed in ${signSeconds.toFixed(1)} s, ` +
      `submitted in ${s.submitSeconds.toFixed(1)} s${Object.keys(problems).length ? `; ${JSON.stringify(problems)}` : ''}`);
    return s;
  };

  // No utility pallet in the runtime (no batch / forceBatch): Alice funds each account herself.
  out.notes.push('accounts funded with plain transfers from //Alice: the runtime has no utility pallet (batch, forceBatch)');
  await setup('funding', [
    ...signers.map((p) => ({ pair: alice, call: api.tx.balances.transferKeepAlive(p.address, 100n * UNIT) })),
    ...[...providers, ...evaluators].map((p) => ({ pair: alice, call: api.tx.balances.transferKeepAlive(p.address, 400n * UNIT) })),
  ]);
  const models = await setup('models', signers.map((pair, i) => ({ pair, call: api.tx.modelLineage.createModel(`bench-${i}`, 'MIT', 'ipfs://bench') })));
  const modelOf = new Map(signers.map((p, i) => [p.address, event(models[i], 'modelLineage', 'ModelCreated').data.model.toNumber()]));

  await measure(TRANSFER, each(SIZE.transfer, (pair, k) => ({
    pair, call: api.tx.balances.transferKeepAlive(signers[(k + 1) % signers.length].address, UNIT / 100n),
  })));
  await measure('system.remarkWithEvent (32 bytes)', each(SIZE.remark, (pair) => ({ pair, call: api.tx.system.remarkWithEvent(randomAsHex(32)) })));
  await measure('reasoningAnchor.anchorBatch', each(SIZE.anchor, (pair) => ({
    pair, call: api.tx.reasoningAnchor.anchorBatch(randomAsHex(32), 10, 1000, null, null, null),
  })));
  const datasets = each(SIZE.dataset, (pair, k) => ({ pair, k, shards: Array.from({ length: 8 }, () => randomAsU8a(32)), salt: randomAsU8a(32) }));
  await measure('datasetRegistry.commitRegistration', datasets.map(({ pair, shards, salt }) => ({
    pair, call: api.tx.datasetRegistry.commitRegistration(registrationCommitment(api, pair, shards, salt)),
  })));
  await measure('datasetRegistry.register (8 shards)', datasets.map(({ pair, k, shards, salt }) => ({
    pair, call: api.tx.datasetRegistry.register(root(shards), shards.map((s) => u8aToHex(s)), 'Curated', [], description(`bench-${k}`), u8aToHex(salt)),
  })));
  await measure('modelLineage.publishVersion', each(SIZE.publish, (pair) => ({
    pair, call: api.tx.modelLineage.publishVersion(modelOf.get(pair.address), versionSpec()),
  })));

  // Seats: evaluation requests and compute jobs whose seats the chain draws. A part that cannot be
  // set up is left out with its reason.
  const optional = (what, fn) => fn().catch((e) => {
    out.notes.push(`${what} left out: ${e.message}`);
    say(`${what} left out: ${e.stack}`);
    return null;
  });

  const evalSetup = async () => {
    const items = Array.from({ length: 8 }, () => randomAsU8a(32));
    const salt = randomAsU8a(32);
    const bond = api.consts.evalAttestation.minEvaluatorBond.toBigInt();
    let res = await setup('eval: evaluators, model, test-set commitment', [
      ...evaluators.map((pair) => ({ pair, call: api.tx.evalAttestation.bondEvaluator(bond) })),
      { pair: bob, call: api.tx.modelLineage.createModel('bench-eval', 'Apache-2.0', '') },
      { pair: bob, call: api.tx.datasetRegistry.commitRegistration(registrationCommitment(api, bob, items, salt)) },
    ]);
    const model = event(res.at(-2), 'modelLineage', 'ModelCreated').data.model.toNumber();
    res = await setup('eval: version, test set', [
      { pair: bob, call: api.tx.modelLineage.publishVersion(model, versionSpec()) },
      { pair: bob, call: api.tx.datasetRegistry.register(root(items), items.map((s) => u8aToHex(s)), 'Curated', [], description('bench-test-set'), u8aToHex(salt)) },
    ]);
    const version = event(res[0], 'modelLineage', 'VersionPublished').data.version.toNumber();
    const testSet = event(res[1], 'datasetRegistry', 'Registered').data.id.toNumber();
    const quorum = api.consts.evalAttestation.maxQuorum.toNumber();
    res = await setup('eval: benchmark', [{ pair: bob, call: api.tx.evalAttestation.proposeBenchmark({
      name: 'bench-v1', specHash: blake2AsHex('spec'), specUri: 'ipfs://spec', metric: 'accuracy-ppm',
      direction: 'HigherIsBetter', harnessHash: blake2AsHex('harness'), seed: { Fixed: 7 }, batchSize: 8,
      tolerance: 20_000, quorum, minEvaluatorBond: bond, testSet, testSetRoot: root(items), testItems: items.length,
    }) }]);
    const benchmark = event(res[0], 'evalAttestation', 'BenchmarkProposed').data.benchmark.toNumber();
    // Root may approve on a dev chain (as the benchmark-standards track would): sudo.
    res = await setup('eval: approval', [{ pair: alice, call: api.tx.sudo.sudo(api.tx.evalAttestation.approveBenchmark(benchmark)) }]);
    const approved = event(res[0], 'sudo', 'Sudid').data.sudoResult;
    if (approved.isErr) throw new Error(`approveBenchmark: ${errorName(api, approved.asErr)}`);
    // Charlie (neither evaluator nor owner) requests; the chain draws 16 requests a block.
    res = await setup('eval: requests', Array.from({ length: SIZE.requests }, () => ({
      pair: charlie, call: api.tx.evalAttestation.requestEvaluation(version, benchmark, UNIT),
    })));
    const ids = res.map((x) => event(x, 'evalAttestation', 'EvaluationRequested').data.request.toNumber());
    const perBlock = api.consts.evalAttestation.maxRequestsPerBlock.toNumber();
    const drawn = await eachBlockUntil(api, async () => {
      const all = await api.query.evalAttestation.requests.multi(ids);
      return all.some((r) => r.isSome && r.unwrap().status.isPending) ? null : all;
    }, Math.ceil(ids.length / perBlock) + 10, 'evaluator draws');
    const seated = drawn.flatMap((r, i) => (r.isSome && r.unwrap().status.isCommitting
      ? [{ id: ids[i], evaluators: r.unwrap().assignments.map((a) => a.evaluator.toString()), until: r.unwrap().status.asCommitting.until.toNumber() }] : []));
    out.notes.push(`eval: ${ids.length} requests × quorum ${quorum} by ${evaluators.length} evaluators ` +
      `(at most ${api.consts.evalAttestation.maxRequestsPerEvaluator} open requests each, ${perBlock} draws a block); ${seated.length} drawn`);
    return seated;
  };

  const c = api.consts.computeStaking;
  const capacity = c.maxCapacity.toNumber();
  const registerProviders = () => setup('compute: providers', providers.map((pair) => ({
    pair, call: api.tx.computeStaking.registerProvider(150n * UNIT, { gpuModel: 'RTX-4090', vramGib: 24, gpuCount: 1 }, ['Inference'], capacity),
  })));

  const drawJobs = async () => {
    // Every seat commits within its commit period of the draw; where the runtime adds a block per
    // `inferenceTokensPerBlock` of max_tokens, ask for the longest period.
    const period = c.commitPeriod.toNumber();
    const perTokens = c.inferenceTokensPerBlock?.toNumber();
    const window = perTokens ? c.trainingCommitPeriod.toNumber() : period;
    const maxTokens = perTokens ? (window - period) * perTokens : 16;
    const perDraw = c.maxJobsPerBlock.toNumber();
    // Draws take jobs / perDraw blocks; all commitments must land within the first job's window.
    const jobs = Math.min(SIZE.jobs, Math.floor((providers.length * capacity * 0.9) / 2), perDraw * (window - 5));
    const head = (await api.rpc.chain.getHeader()).number.toNumber();
    const deadline = head + c.maxJobDuration.toNumber() - 10;
    const res = await setup('compute: jobs', each(jobs, (pair) => ({ pair, call: api.tx.computeStaking.submitJob(jobSpec(2, deadline, maxTokens)) })));
    const ids = res.map((x) => event(x, 'computeStaking', 'JobSubmitted').data.job.toNumber());
    const drawn = await eachBlockUntil(api, async () => {
      const all = await api.query.computeStaking.jobs.multi(ids);
      return all.some((j) => j.isSome && j.unwrap().status.isDrawing) ? null : all;
    }, Math.ceil(jobs / perDraw) + 10, 'compute draws');
    const seated = drawn.flatMap((j, i) => (j.isSome && j.unwrap().status.isCommitting
      ? [{ id: ids[i], seats: j.unwrap().seats.map((s) => s.provider.toString()), commitBy: Math.min(...j.unwrap().seats.map((s) => s.commitBy.toNumber())) }] : []));
    out.notes.push(`compute: ${jobs} jobs (r = 2) over ${providers.length} providers of capacity ${capacity}, drawn ${perDraw} a block, ` +
      `commit window ${window} blocks; ${seated.length} drawn`);
    return seated;
  };

  // Each part's seats must commit within a window from their draw (eval 90 blocks with
  // fast-runtime, compute 30 or up to 120), so one part is drawn and measured after the other.
  const margin = async (deadlines) => Math.min(...deadlines) - (await api.rpc.chain.getHeader()).number.toNumber();
  const [evalSeats, registered] = await Promise.all([optional('evaluation commit', evalSetup), optional('compute commit and reveal', registerProviders)]);
  if (evalSeats) {
    await optional('evaluation commit', async () => {
      out.notes.push(`eval: commitments start ${await margin(evalSeats.map((r) => r.until))} blocks before the first request's commit deadline`);
      await measure('evalAttestation.commit', evalSeats.flatMap(({ id, evaluators: drawn }) =>
        drawn.map((address) => ({ pair: byAddress.get(address), call: api.tx.evalAttestation.commit(id, randomAsHex(32)) }))));
    });
  }
  const computeSeats = registered && await optional('compute commit and reveal', drawJobs);
  if (computeSeats) await optional('compute commit and reveal', async () => {
    out.notes.push(`compute: commitments start ${await margin(computeSeats.map((j) => j.commitBy))} blocks before the first job's commit deadline`);
    const output = (id) => blake2AsHex(`bench output ${id}`);
    // commitment_of(job, provider, output, salt) = blake2_256("vrty/job" ‖ SCALE(job, provider, output, salt)).
    const commitment = (id, provider, salt) => blake2AsHex(u8aConcat(
      stringToU8a('vrty/job'), api.createType('(u64, AccountId32, H256, H256)', [id, provider, output(id), salt]).toU8a()), 256);
    const seats = computeSeats.flatMap(({ id, seats: drawn }) => drawn.map((provider, seat) => ({ id, provider, seat, salt: randomAsHex(32) })));
    await measure('computeStaking.commit', seats.map(({ id, provider, salt }) => ({
      pair: byAddress.get(provider), call: api.tx.computeStaking.commit(id, commitment(id, provider, salt)),
    })));
    const jobs = await api.query.computeStaking.jobs.multi(computeSeats.map((j) => j.id));
    const revealing = new Set(computeSeats.filter((_, i) => jobs[i].isSome && jobs[i].unwrap().status.isRevealing).map((j) => j.id));
    const reveals = (seat) => seats.filter((s) => s.seat === seat && revealing.has(s.id)).map(({ id, provider, salt }) => ({
      pair: byAddress.get(provider), call: api.tx.computeStaking.reveal(id, output(id), salt),
    }));
    await measure('computeStaking.reveal', reveals(0));
    const done = await measure('computeStaking.reveal (completing, r = 2)', reveals(1));
    out.notes.push(`compute: ${done.events['computeStaking.JobDecided'] ?? 0} of ${revealing.size} jobs decided by the second reveal ` +
      `(${done.events['computeStaking.JobCompleted'] ?? 0} settled by the deadline queue within the measured blocks, at most ${c.maxJobsPerBlock} a block)`);
  });

  // Last: its jobs are drawn 64 a block for minutes after, which would crowd the seats' draws.
  const head = (await api.rpc.chain.getHeader()).number.toNumber();
  const deadline = head + api.consts.computeStaking.maxJobDuration.toNumber() - 10;
  await measure('computeStaking.submitJob (r = 2)', each(SIZE.submitJob, (pair) => ({ pair, call: api.tx.computeStaking.submitJob(jobSpec(2, deadline)) })));
  out.notes.push('computeStaking.submitJob ran last: while it runs the chain draws its jobs (64 a block) over the registered providers');
}

function table(kinds) {
  const base = kinds[TRANSFER]?.perSecond;
  const baseWeight = kinds[TRANSFER]?.weightEach;
  const num = (x, d = 0) => (x === null || x === undefined ? 'n/a' : x.toFixed(d));
  const rows = [['kind', 'sent', 'ok', 'failed', 'lost', 'max/block', 'full/blocks', 'per s', '× transfer', 'by weight', 'weight %', 'length %', 'hooks %', 'limit', 'declared µs']];
  for (const [kind, s] of Object.entries(kinds)) {
    rows.push([
      kind, s.sent, s.included - s.failed, s.failed, s.rejected + s.missing, s.maxPerBlock, `${s.fullBlocks}/${s.blocks}`,
      num(s.perSecond, 1), s.perSecond !== null && base ? (s.perSecond / base).toFixed(3) : 'n/a',
      s.weightEach && baseWeight ? (baseWeight / s.weightEach).toFixed(3) : 'n/a',
      num(s.weightPct, 1), num(s.lengthPct, 1), num(s.hooksPct, 1), s.limit ?? '?', num(s.weightDeclared / 1e6, 0),
    ].map(String));
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')).join('\n');
}

async function main() {
  await cryptoWaitReady();
  const sha = git('rev-parse', '--short', 'HEAD');
  const out = {
    commit: sha, dirty: git('status', '--porcelain', '--untracked-files=no') !== '', mode: QUICK ? 'quick' : 'full',
    started: new Date().toISOString(), cpus: cpus().length, loadavgStart: loadavg(), sizes: SIZE, kinds: {}, notes: [],
  };
  out.node = copyBinary(NODE_BIN);
  const logPath = join(tmpdir(), 'verity-bench-node.log');
  say(`${out.node} (a copy of ${NODE_BIN} at ${BENCH_BIN}), log ${logPath}; repository at ${sha}${out.dirty ? ' (modified)' : ''}`);
  const node = await startNode(logPath);
  try {
    await bench(node.api, out);
  } catch (e) {
    out.notes.push(`aborted: ${e.message}`);
    say(e.stack);
    process.exitCode = 1;
  } finally {
    await node.stop();
  }
  out.loadavgEnd = loadavg();
  addAuthoring(out.kinds, readFileSync(logPath, 'utf8'));
  out.notes.push('full block: authored after the whole load was in the pool, with more of it still to come; ' +
    'per s = extrinsics of full blocks / their time (block timestamps); weight % and length % = of the normal class, mean over full blocks; ' +
    'by weight = a transfer\'s normal-class weight in its blocks over this kind\'s (per extrinsic, every block with some): how many would fit a block where weight is the limit, beside transfers, also for loads that never filled one; ' +
    'hooks % = mandatory weight (on_initialize hooks such as the draws, and inherents) of the whole block, which the normal class must leave room for; ' +
    'limit = why the node ended those blocks (its log): weight, size, time (the authoring deadline) or pool (nothing left)');
  console.log(`\n${out.mode} run, node ${out.node}, repository ${sha}${out.dirty ? ' (modified)' : ''}, ${out.cpus} CPUs, ` +
    `load ${out.loadavgStart.map((x) => x.toFixed(2)).join(' ')} → ${out.loadavgEnd.map((x) => x.toFixed(2)).join(' ')}\n`);
  console.log(table(out.kinds));
  console.log(`\n${out.notes.map((n) => `- ${n}`).join('\n')}`);
  const dir = join(HERE, 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${sha}${QUICK ? '-quick' : ''}.json`);
  writeFileSync(file, `${JSON.stringify(out, null, 1)}\n`);
  console.log(`\nwrote ${file}`);
}

await main();
