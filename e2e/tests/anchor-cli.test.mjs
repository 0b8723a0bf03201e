// The `verity-anchor` command-line tool against a dev node: generate traces, anchor them in one
// batch, verify a step (anchored) and a tampered one (not, with the reason), and measure the
// batch's end-to-end rate beside one hash per `System.remark_with_event` on the same node.
//
// ANCHOR_TRACES × ANCHOR_STEPS (default 100 × 1000) sets the batch, REMARKS (default 50) the
// baseline, ANCHOR_VERIFY_CALLS (default 50) the timed runtime-API calls. The closing figures
// of issue 5 are ANCHOR_TRACES=1000 ANCHOR_STEPS=1000 REMARKS=1000.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { startDevNode, rpcHttp } from '../lib/node.mjs';
import { timeCalls, describeTimes } from '../lib/timing.mjs';

const TRACES = Number(process.env.ANCHOR_TRACES || 100);
const STEPS = Number(process.env.ANCHOR_STEPS || 1000);
const REMARKS = Number(process.env.REMARKS || 50);
const VERIFY_CALLS = Number(process.env.ANCHOR_VERIFY_CALLS || 50);
const ANCHOR_BIN = process.env.ANCHOR_BIN ||
  join(process.env.CARGO_TARGET_DIR || join(process.env.HOME, '.cache/verity/target'), 'release/verity-anchor');

let node;
let api;
let url;
let dir;

/** Runs the CLI; resolves with its exit code and output whatever the code. */
function cli(...args) {
  return new Promise((resolve, reject) => {
    execFile(ANCHOR_BIN, args, { maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      if (err && typeof err.code !== 'number') reject(err);
      else resolve({ code: err ? err.code : 0, stdout, stderr });
    });
  });
}

/** Like `cli`, but the command must succeed. */
async function ok(...args) {
  const r = await cli(...args);
  assert.equal(r.code, 0, `verity-anchor ${args[0]} exited ${r.code}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** A Rust `Duration` printed with `{:.2?}` (`1.23s`, `45.60ms`, `7.00µs`, `12ns`) in ms. */
function ms(text) {
  const m = /^([\d.]+)(s|ms|µs|us|ns)$/.exec(text);
  assert.ok(m, `a duration: ${text}`);
  return Number(m[1]) * { s: 1e3, ms: 1, µs: 1e-3, us: 1e-3, ns: 1e-6 }[m[2]];
}

/** The first match of `re` in `text`, or a failure naming what was expected. */
function grab(text, re) {
  const m = re.exec(text);
  assert.ok(m, `expected ${re} in:\n${text}`);
  return m;
}

before(async () => {
  assert.ok(existsSync(ANCHOR_BIN), `verity-anchor not found at ${ANCHOR_BIN}: build it with ` +
    '`scripts/build.sh` and `cargo build --locked --release -p verity-node -p verity-anchor --features "runtime-benchmarks fast-runtime"`, or set ANCHOR_BIN');
  node = await startDevNode();
  api = node.api;
  url = `ws://127.0.0.1:${node.rpcPort}`;
  dir = mkdtempSync(join(tmpdir(), 'verity-anchor-'));
});

after(async () => {
  await node?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test(`anchor ${TRACES} × ${STEPS} steps with verity-anchor, verify a step and a tampered one, and the remark baseline`, { timeout: 900_000 }, async () => {
  const traces = join(dir, 'traces');
  const proofs = join(dir, 'proofs');
  const total = TRACES * STEPS;

  await ok('generate', '--out', traces, '--traces', String(TRACES), '--steps', String(STEPS));
  assert.equal(readdirSync(traces).filter((f) => f.endsWith('.json')).length, TRACES);

  const anchored = await ok('anchor', '--url', url, '--out', proofs, traces);
  assert.equal(Number(grab(anchored, /read (\d+) traces, (\d+) steps/)[2]), total);
  const treeRate = Number(grab(anchored, /batch tree in (\S+): (\d+) steps\/s/)[2]);
  const treeMs = ms(grab(anchored, /batch tree in (\S+):/)[1]);
  const inclusionMs = ms(grab(anchored, /\) (\S+) after submission/)[1]);
  const anchor = grab(anchored, /anchor id (0x[0-9a-f]{64})/)[1];
  const [, , e2eTime, e2eRate] = grab(anchored, /end to end: (\d+) steps in (\S+) = (\d+) steps\/s/);
  const batchRoot = grab(anchored, /batch root (0x[0-9a-f]{64})/)[1];

  // The chain agrees: the root is anchored under that id, with the batch's counts, by Alice.
  const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
  assert.equal((await api.call.reasoningAnchorApi.anchorByRoot(ALICE, batchRoot)).unwrap().toHex(), anchor);
  const info = (await api.call.reasoningAnchorApi.anchor(anchor)).unwrap();
  assert.equal(info.traces.toNumber(), TRACES);
  assert.equal(info.steps.toNumber(), total);
  const files = readdirSync(proofs).filter((f) => f.endsWith('.proof.json')).sort();
  assert.equal(files.length, TRACES);

  // A step in the middle of a trace in the middle of the batch.
  const t = Math.floor(TRACES / 2);
  const s = Math.floor(STEPS / 2) + 1 < STEPS ? Math.floor(STEPS / 2) + 1 : STEPS - 1;
  const proofFile = join(proofs, files[t]);
  const file = JSON.parse(readFileSync(proofFile, 'utf8'));
  assert.equal(file.anchor, anchor);
  assert.equal(file.batch_root, batchRoot);

  const verified = await cli('verify', '--url', url, '--proof', proofFile, '--step', String(s));
  assert.equal(verified.code, 0, verified.stdout + verified.stderr);
  assert.match(verified.stdout, new RegExp(`anchor ${anchor} step ${s}: anchored: true`));
  assert.match(verified.stdout, new RegExp(`submitter: ${ALICE}`));
  assert.match(verified.stdout, /attribution: NoJob/);
  const cliVerifyMs = ms(grab(verified.stdout, /runtime API answered in (\S+)/)[1]);

  const tampered = await cli('verify', '--url', url, '--proof', proofFile, '--step', String(s), '--text', 'therefore the moon is cheese');
  assert.equal(tampered.code, 1, tampered.stdout + tampered.stderr);
  assert.match(tampered.stdout, /anchored: false/);
  assert.match(tampered.stdout, /reason: StepNotInTrace/);
  assert.match(tampered.stdout, /local check: step not in trace/);

  // The step's proof as a dApp receives it, checked and timed through the runtime API.
  const step = JSON.parse(await ok('prove', '--proof', proofFile, '--step', String(s)));
  const camel = (p) => ({ leafIndex: p.leaf_index, leafCount: p.leaf_count, siblings: p.siblings });
  const params = api.call.reasoningAnchorApi.verifyStep.meta.params.map((p) => p.type.toString());
  const values = [step.anchor, step.trace_root, camel(step.trace_proof), u8aToHex(stringToU8a(step.step)), camel(step.step_proof)];
  const encoded = values.map((v, i) => api.createType(params[i], v).toU8a());
  const proofBytes = encoded[2].length + encoded[4].length;
  const args = u8aToHex(u8aConcat(...encoded));
  const answer = await api.call.reasoningAnchorApi.verifyStep(...values);
  assert.equal(answer.anchored.isTrue, true, JSON.stringify(answer.toHuman()));
  assert.equal(step.step_proof.leaf_count, STEPS);
  assert.equal(step.trace_proof.leaf_count, TRACES);
  const verify = await timeCalls(VERIFY_CALLS, () => api.call.reasoningAnchorApi.verifyStep(...values));
  const verifyHttp = await timeCalls(VERIFY_CALLS, () => rpcHttp(node.rpcPort, 'state_call', ['ReasoningAnchorApi_verify_step', args]));

  // The baseline: one hash per extrinsic, on the same node.
  const remarks = await ok('remark-baseline', '--url', url, '--count', String(REMARKS));
  const [, included, asked, remarkTime, remarkRate] =
    grab(remarks, /baseline: (\d+)\/(\d+) hashes in blocks in (\S+) = (\d+) hashes\/s/);
  assert.equal(Number(included), REMARKS);
  assert.equal(Number(asked), REMARKS);
  console.log(`verity-anchor anchor:\n${anchored.trim()}\nverity-anchor remark-baseline:\n${remarks.trim()}`);

  console.log(`anchor-cli ${TRACES} traces × ${STEPS} steps = ${total} steps: end to end ${e2eRate} steps/s ` +
    `(${e2eTime}); trees ${treeRate} steps/s (${treeMs.toFixed(1)} ms); inclusion ${inclusionMs.toFixed(0)} ms; ` +
    `remark_with_event baseline ${remarkRate} hashes/s (${REMARKS} in ${remarkTime}, all pooled at once); ` +
    `proof of one step ${proofBytes} bytes (${step.trace_proof.siblings.length} + ${step.step_proof.siblings.length} siblings), ` +
    `verify_step args ${args.length / 2 - 1} bytes; verify via CLI ${cliVerifyMs.toFixed(2)} ms; ` +
    `verify_step via api.call over WebSocket ${describeTimes(verify)}; state_call over HTTP ${describeTimes(verifyHttp)}`);
});

test('verity-anchor stream: one batch a block, each built while the last is included', { timeout: 600_000 }, async () => {
  // CI runs a short stream; the sustained figure of issue 18 is
  // `verity-anchor stream --blocks 20 --traces 8000 --steps 1000` (see tools/anchor/README.md).
  const blocks = Number(process.env.STREAM_BLOCKS || 3);
  const out = await ok('stream', '--url', url, '--blocks', String(blocks), '--traces', '200', '--steps', '100');
  console.log(`verity-anchor stream:\n${out.trim()}`);
  const [, batches, spanned, first, last] =
    grab(out, /(\d+) batches anchored in (\d+) blocks \(#(\d+) to #(\d+)\)/);
  assert.equal(Number(batches), blocks);
  // Each batch lands in its own block, back to back: the next is built before the last is in.
  assert.equal(Number(spanned), blocks, 'one batch a block, no block skipped');
  assert.equal(Number(last) - Number(first) + 1, blocks);
  const [, sustained] = grab(out, /sustained: (\d+) steps\/s/);
  assert.ok(Number(sustained) > 0);
  grab(out, /block weight used \(all classes, of max_block\): median [\d.]+%/);
});
