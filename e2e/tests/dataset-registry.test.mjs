// The dataset registry on a dev node, driven through @polkadot/api: register a dataset by its
// content root, be refused a duplicate, and query the overlap of a dataset sharing shards.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { randomAsU8a } from '@polkadot/util-crypto';
import { startDevNode, submit, findEvent } from '../lib/node.mjs';
import { root, u8aToHex } from '../lib/merkle.mjs';

let node;
let api;
let alice;
let bob;
const shards = Array.from({ length: 6 }, () => randomAsU8a(32));
const description = (name) => ({
  name, uri: `ipfs://verity/${name}`, license: 'CC-BY-4.0', recordCount: 1000, byteSize: 1 << 20,
});
const register = (signer, items, name) => submit(
  api,
  api.tx.datasetRegistry.register(root(items), items.map((s) => u8aToHex(s)), 'Curated', [], description(name)),
  signer,
);

before(async () => {
  node = await startDevNode();
  api = node.api;
  const keyring = new Keyring({ type: 'sr25519' });
  alice = keyring.addFromUri('//Alice');
  bob = keyring.addFromUri('//Bob');
});

after(async () => { await node.stop(); });

test('register, refuse the duplicate, record and query the overlap', async () => {
  const first = shards.slice(0, 4);
  const a = await register(alice, first, 'corpus-a');
  assert.equal(a.error, null);
  const registered = findEvent(a.events, 'datasetRegistry', 'Registered');
  const idA = registered.data.id.toNumber();
  assert.equal(registered.data.root.toHex(), root(first));
  assert.equal(registered.data.shards.toNumber(), 4);
  assert.ok(registered.data.deposit.toBigInt() > 0n);

  // The same content again: refused, and the existing dataset is found by its root.
  const again = await register(bob, first, 'corpus-a-copy');
  assert.equal(again.error, 'datasetRegistry.AlreadyRegistered');
  const byRoot = await api.call.datasetRegistryApi.datasetByRoot(root(first));
  assert.equal(byRoot.unwrap().toNumber(), idA);

  // A root that does not match its shards is refused.
  const wrongRoot = await submit(api, api.tx.datasetRegistry.register(
    root(shards.slice(0, 3)), first.map((s) => u8aToHex(s)), 'Curated', [], description('forged')), bob);
  assert.equal(wrongRoot.error, 'datasetRegistry.RootMismatch');

  // Every shard already known: a duplicate in disguise.
  const reshuffled = [first[2], first[0]];
  const dup = await register(bob, reshuffled, 'subset');
  assert.equal(dup.error, 'datasetRegistry.DuplicateShards');

  // Two shared shards and two new ones: allowed, and the overlap is recorded and queryable.
  const second = [first[2], first[3], shards[4], shards[5]];
  const b = await register(bob, second, 'corpus-b');
  assert.equal(b.error, null);
  const eventB = findEvent(b.events, 'datasetRegistry', 'Registered');
  const idB = eventB.data.id.toNumber();
  assert.deepEqual(eventB.data.overlaps.map(([id, n]) => [id.toNumber(), n.toNumber()]), [[idA, 2]]);
  const overlapsB = await api.call.datasetRegistryApi.overlaps(idB);
  assert.deepEqual(overlapsB.map(([id, n]) => [id.toNumber(), n.toNumber()]), [[idA, 2]]);
  const overlapsA = await api.call.datasetRegistryApi.overlaps(idA);
  assert.deepEqual(overlapsA.map(([id, n]) => [id.toNumber(), n.toNumber()]), [[idB, 2]]);

  const info = (await api.call.datasetRegistryApi.dataset(idB)).unwrap();
  assert.equal(info.owner.toString(), bob.address);
  assert.equal(info.shards.length, 4);
});

test('register at the maximum shard count weighs more than a transfer, and says how much', async () => {
  const max = api.consts.datasetRegistry.maxShards.toNumber();
  const many = Array.from({ length: max }, () => randomAsU8a(32));
  const call = api.tx.datasetRegistry.register(root(many), many.map((s) => u8aToHex(s)), 'Curated', [], description('max'));
  const transfer = api.tx.balances.transferKeepAlive(alice.address, 1n);
  const [w1, w2] = [(await call.paymentInfo(bob)).weight, (await transfer.paymentInfo(bob)).weight];
  const ratio = Number(w1.refTime.toBigInt()) / Number(w2.refTime.toBigInt());
  console.log(`register(${max} shards): ref_time ${w1.refTime}, proof ${w1.proofSize}; ` +
    `transfer_keep_alive: ref_time ${w2.refTime}, proof ${w2.proofSize}; ratio ${ratio.toFixed(1)}`);
  assert.ok(ratio > 1);
});
