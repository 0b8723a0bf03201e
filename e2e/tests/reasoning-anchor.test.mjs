// Reasoning anchors on a dev node through @polkadot/api: anchor a batch of traces, prove one
// step anchored through the runtime API, and see a tampered step refused with its reason; Eve
// squats Bob's root (anchors it first, withdraws) and Bob's anchor still answers as his.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { stringToU8a, u8aConcat, u8aToHex as toHex } from '@polkadot/util';
import { blake2AsHex } from '@polkadot/util-crypto';
import { startDevNode, submit, findEvent } from '../lib/node.mjs';
import { root, proof, hexToU8a } from '../lib/merkle.mjs';

let node;
let api;
let alice;
let bob;
let eve;

before(async () => {
  node = await startDevNode();
  api = node.api;
  const ring = new Keyring({ type: 'sr25519' });
  alice = ring.addFromUri('//Alice');
  bob = ring.addFromUri('//Bob');
  eve = ring.addFromUri('//Eve');
});

after(async () => { await node.stop(); });

test('a step of an anchored batch verifies; a tampered one does not', async () => {
  const traces = Array.from({ length: 5 }, (_, t) =>
    Array.from({ length: 7 + t }, (_, s) => stringToU8a(`trace ${t} step ${s}: ${Math.random()}`)));
  const traceRoots = traces.map(root);
  const batchRoot = root(traceRoots.map((r) => hexToU8a(r)));
  const steps = traces.reduce((n, t) => n + t.length, 0);
  // The anchor's id is known before submitting: BLAKE2b-256 of the tag, the submitter, the root.
  const expectedId = blake2AsHex(u8aConcat(stringToU8a('verity/anchor'), alice.publicKey, hexToU8a(batchRoot)), 256);
  assert.equal((await api.call.reasoningAnchorApi.anchorByRoot(alice.address, batchRoot)).isNone, true);

  const res = await submit(api, api.tx.reasoningAnchor.anchorBatch(batchRoot, traces.length, steps, null, null, null), alice);
  assert.equal(res.error, null);
  const anchored = findEvent(res.events, 'reasoningAnchor', 'Anchored');
  const id = anchored.data.anchor.toHex();
  assert.equal(id, expectedId);
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

  assert.equal(ok.attribution.unwrap().toString(), 'NoJob');
  assert.equal((await api.call.reasoningAnchorApi.anchorByRoot(alice.address, batchRoot)).unwrap().toHex(), id);

  const again = await submit(api, api.tx.reasoningAnchor.anchorBatch(batchRoot, traces.length, steps, null, null, null), alice);
  assert.equal(again.error, 'reasoningAnchor.RootAlreadyAnchored');
});

test('Eve front-runs Bob\'s root and withdraws it: Bob\'s anchor still verifies as his', async () => {
  const steps = Array.from({ length: 6 }, (_, s) => stringToU8a(`bob's trace step ${s}: ${Math.random()}`));
  const traceRoot = root(steps);

  // Eve copies the root she saw in Bob's transaction, anchors it first and withdraws it.
  const squat = await submit(api, api.tx.reasoningAnchor.anchorTrace(traceRoot, steps.length, null, null, null), eve);
  assert.equal(squat.error, null);
  const eveId = findEvent(squat.events, 'reasoningAnchor', 'Anchored').data.anchor.toHex();
  const withdrawn = await submit(api, api.tx.reasoningAnchor.withdraw(eveId), eve);
  assert.equal(withdrawn.error, null);

  // Bob's own anchor of the same root is accepted and indexed under Bob.
  const bobs = await submit(api, api.tx.reasoningAnchor.anchorTrace(traceRoot, steps.length, null, null, null), bob);
  assert.equal(bobs.error, null);
  const bobId = findEvent(bobs.events, 'reasoningAnchor', 'Anchored').data.anchor.toHex();
  assert.notEqual(bobId, eveId);
  assert.equal((await api.call.reasoningAnchorApi.anchorByRoot(bob.address, traceRoot)).unwrap().toHex(), bobId);
  assert.equal((await api.call.reasoningAnchorApi.anchorByRoot(eve.address, traceRoot)).unwrap().toHex(), eveId);

  const single = { leafIndex: 0, leafCount: 1, siblings: [] };
  const s = 3;
  const answer = await api.call.reasoningAnchorApi.verifyStep(bobId, traceRoot, single, toHex(steps[s]), proof(steps, s));
  assert.equal(answer.anchored.isTrue, true, JSON.stringify(answer.toHuman()));
  assert.equal(answer.submitter.unwrap().toString(), bob.address);
  // Eve's anchor answers for Eve only.
  const eves = await api.call.reasoningAnchorApi.verifyStep(eveId, traceRoot, single, toHex(steps[s]), proof(steps, s));
  assert.equal(eves.anchored.isTrue, false);
  assert.match(JSON.stringify(eves.reason.toHuman()), /Withdrawn/);
  assert.equal(eves.submitter.unwrap().toString(), eve.address);

  // She cannot withdraw Bob's anchor, nor re-anchor the root.
  const steal = await submit(api, api.tx.reasoningAnchor.withdraw(bobId), eve);
  assert.equal(steal.error, 'reasoningAnchor.NotSubmitter');
  const twice = await submit(api, api.tx.reasoningAnchor.anchorTrace(traceRoot, steps.length, null, null, null), eve);
  assert.equal(twice.error, 'reasoningAnchor.RootAlreadyAnchored');
  assert.equal((await api.call.reasoningAnchorApi.anchor(bobId)).unwrap().status.isActive, true);
});

test('Eve cannot name a job for her root unless it is the job\'s output or she is its party', async () => {
  // No job is completed on a fresh dev node, so the dev-node check stops at the receipt; the
  // receipt checks (NotJobParty, JobModelMismatch) are the pallet's unit tests.
  const junk = root([stringToU8a(`eve's junk ${Math.random()}`)]);
  const named = await submit(api, api.tx.reasoningAnchor.anchorTrace(junk, 1, null, 999_999, null), eve);
  assert.equal(named.error, 'reasoningAnchor.JobNotCompleted');
});
