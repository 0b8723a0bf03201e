// Reasoning anchors on a dev node through @polkadot/api: anchor a batch of traces, prove one
// step anchored through the runtime API, and see a tampered step refused with its reason.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { stringToU8a, u8aToHex as toHex } from '@polkadot/util';
import { startDevNode, submit, findEvent } from '../lib/node.mjs';
import { root, proof, hexToU8a } from '../lib/merkle.mjs';

let node;
let api;
let alice;

before(async () => {
  node = await startDevNode();
  api = node.api;
  alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
});

after(async () => { await node.stop(); });

test('a step of an anchored batch verifies; a tampered one does not', async () => {
  const traces = Array.from({ length: 5 }, (_, t) =>
    Array.from({ length: 7 + t }, (_, s) => stringToU8a(`trace ${t} step ${s}: ${Math.random()}`)));
  const traceRoots = traces.map(root);
  const batchRoot = root(traceRoots.map((r) => hexToU8a(r)));
  const steps = traces.reduce((n, t) => n + t.length, 0);

  const res = await submit(api, api.tx.reasoningAnchor.anchorBatch(batchRoot, traces.length, steps, null, null, null), alice);
  assert.equal(res.error, null);
  const anchored = findEvent(res.events, 'reasoningAnchor', 'Anchored');
  const id = anchored.data.anchor.toNumber();
  assert.equal(anchored.data.root.toHex(), batchRoot);

  const t = 3;
  const s = 4;
  const traceProof = proof(traceRoots.map((r) => hexToU8a(r)), t);
  const stepProof = proof(traces[t], s);
  const ok = await api.call.reasoningAnchorApi.verifyStep(id, traceRoots[t], traceProof, toHex(traces[t][s]), stepProof);
  assert.equal(ok.anchored.isTrue, true, JSON.stringify(ok.toHuman()));
  assert.equal(ok.submitter.unwrap().toString(), alice.address);

  const tampered = await api.call.reasoningAnchorApi.verifyStep(id, traceRoots[t], traceProof, toHex(stringToU8a('a different step')), stepProof);
  assert.equal(tampered.anchored.isTrue, false);
  assert.match(JSON.stringify(tampered.reason.toHuman()), /StepNotInTrace/);

  const again = await submit(api, api.tx.reasoningAnchor.anchorBatch(batchRoot, traces.length, steps, null, null, null), alice);
  assert.equal(again.error, 'reasoningAnchor.RootAlreadyAnchored');
});
