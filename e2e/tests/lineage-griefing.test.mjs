// Lineage griefing from outside (issue 12, item 9), on a dev node, each attacker with its own
// account: strangers give a popular version 300 children and the owner's own fine-tune still goes
// through; an upstream revocation taints others' descendants visibly (cause named, still usable)
// instead of taking their usability away.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { randomAsHex } from '@polkadot/util-crypto';
import { startDevNode, submit, submitAll, findEvent, waitForBlock } from '../lib/node.mjs';

let node;
let api;
let k;

before(async () => {
  node = await startDevNode();
  api = node.api;
  const keyring = new Keyring({ type: 'sr25519' });
  k = Object.fromEntries(['Alice', 'Bob', 'Charlie', 'Dave'].map((n) => [n, keyring.addFromUri(`//${n}`)]));
});

after(async () => { await node.stop(); });

const spec = (parents) => ({
  weightsHash: randomAsHex(32), format: 'Safetensors', parameterCount: 135_000_000,
  uri: 'hf://verity/griefing', parents, datasets: [], trainingJob: null, royalty: 0,
});

async function createModel(who) {
  const r = await submit(api, api.tx.modelLineage.createModel('model', 'Apache-2.0', ''), who);
  assert.equal(r.error, null);
  return findEvent(r.events, 'modelLineage', 'ModelCreated').data.model.toNumber();
}

async function publish(who, model, parents) {
  const r = await submit(api, api.tx.modelLineage.publishVersion(model, spec(parents)), who);
  assert.equal(r.error, null);
  return findEvent(r.events, 'modelLineage', 'VersionPublished').data.version.toNumber();
}

const view = async (v) => (await api.call.modelLineageApi.version(v)).unwrap();

test('300 stranger children do not block the owner; an upstream revocation taints, visibly', { timeout: 600_000 }, async () => {
  const [alices, bobs, charlies, daves] = await Promise.all([k.Alice, k.Bob, k.Charlie, k.Dave].map(createModel));
  const popular = await publish(k.Alice, alices, []);
  const fineTune = (v) => [{ version: v, relation: 'FineTune' }];

  // Bob and Charlie (strangers) publish 150 children each of Alice's popular version.
  const strangers = await Promise.all([k.Bob, k.Charlie].map((who, i) => submitAll(
    api, Array.from({ length: 150 }, () => api.tx.modelLineage.publishVersion([bobs, charlies][i], spec(fineTune(popular)))), who)));
  for (const r of strangers.flat()) assert.equal(r.error, null);
  const maxNodes = api.consts.modelLineage.maxLineageNodes.toNumber();
  const descendants = await api.call.modelLineageApi.descendants(popular, 1);
  assert.equal(descendants.length, Math.min(300, maxNodes), 'the strangers\' children are indexed');

  // Alice's own fine-tune goes through: no per-version children list to fill.
  const own = await publish(k.Alice, alices, fineTune(popular));

  // Dave quantizes one of Bob's children.
  const bobsChild = findEvent(strangers[0][0].events, 'modelLineage', 'VersionPublished').data.version.toNumber();
  const quantized = await publish(k.Dave, daves, [{ version: bobsChild, relation: 'Quantize' }]);

  // Alice revokes the popular version: it is unusable; the walk taints descendants in bounded steps.
  const revoked = await submit(api, api.tx.modelLineage.revokeVersion(popular), k.Alice);
  assert.equal(revoked.error, null);
  assert.equal((await view(popular)).usable.isTrue, false);
  // Anyone finishes the walk (idle blocks do too).
  for (let i = 0; i < 20; i++) {
    const pending = (await api.query.modelLineage.revocationQueue.entries()).length;
    if (pending === 0) break;
    const r = await submit(api, api.tx.modelLineage.continueRevocation(64), k.Dave);
    if (r.error === 'modelLineage.NothingToPropagate') break;
    assert.equal(r.error, null);
  }
  await waitForBlock(api, (await api.rpc.chain.getHeader()).number.toNumber() + 1);

  // Dave sees his version's taint and its cause; it is still usable and still Active.
  const daveView = await view(quantized);
  assert.equal(daveView.owner.toString(), k.Dave.address);
  assert.equal(daveView.taintedBy.unwrap().asVersion.toNumber(), popular);
  assert.equal(daveView.usable.isTrue, true);
  assert.equal(daveView.status.toString(), 'Active');
  assert.equal((await view(own)).taintedBy.unwrap().asVersion.toNumber(), popular);
  assert.equal((await view(bobsChild)).usable.isTrue, true);
});
