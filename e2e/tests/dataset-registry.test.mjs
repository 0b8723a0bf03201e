// The dataset registry on a dev node, driven through @polkadot/api: register a dataset by its
// content root (commit, then reveal), be refused a duplicate, query the overlap of a dataset
// sharing shards; a front-runner is refused, a superset pays the original's owner, and a
// verification round is drawn, committed, revealed and concluded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { blake2AsU8a, randomAsU8a } from '@polkadot/util-crypto';
import { stringToU8a, u8aConcat } from '@polkadot/util';
import { startDevNode, submit, findEvent, waitForBlock } from '../lib/node.mjs';
import { root, u8aToHex } from '../lib/merkle.mjs';
import { registrationCommitment as commitRegistration, description } from '../lib/datasets.mjs';

let node;
let api;
let alice;
let bob;
let charlie;
let dave;
let eve;
const shards = Array.from({ length: 6 }, () => randomAsU8a(32));
const H = (...parts) => blake2AsU8a(u8aConcat(...parts), 256);

const registrationCommitment = (who, items, salt) => commitRegistration(api, who, items, salt);

/** `commitment(DATASET_VOTE, id, who, (pass, score, report), salt)`. */
const voteCommitment = (id, who, { pass, score, report }, salt) => u8aToHex(H(
  stringToU8a('vrty/dsv'),
  api.createType('u64', id).toU8a(),
  who.publicKey,
  api.createType('bool', pass).toU8a(),
  api.createType('u32', score).toU8a(),
  report,
  salt,
));

const reveal = (signer, items, name, salt, rootOf = root(items)) => submit(
  api,
  api.tx.datasetRegistry.register(rootOf, items.map((s) => u8aToHex(s)), 'Curated', [], description(name), u8aToHex(salt)),
  signer,
);

/** Commits (one block), then registers (a later block). */
const register = async (signer, items, name, rootOf = root(items)) => {
  const salt = randomAsU8a(32);
  const c = await submit(api, api.tx.datasetRegistry.commitRegistration(
    commitRegistration(api, signer, items, salt, rootOf)), signer);
  assert.equal(c.error, null);
  return reveal(signer, items, name, salt, rootOf);
};

before(async () => {
  node = await startDevNode();
  api = node.api;
  const keyring = new Keyring({ type: 'sr25519' });
  alice = keyring.addFromUri('//Alice');
  bob = keyring.addFromUri('//Bob');
  charlie = keyring.addFromUri('//Charlie');
  dave = keyring.addFromUri('//Dave');
  eve = keyring.addFromUri('//Eve');
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
  const wrongRoot = await register(bob, first, 'forged', root(shards.slice(0, 3)));
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
  const call = api.tx.datasetRegistry.register(
    root(many), many.map((s) => u8aToHex(s)), 'Curated', [], description('max'), u8aToHex(randomAsU8a(32)));
  const transfer = api.tx.balances.transferKeepAlive(alice.address, 1n);
  const [w1, w2] = [(await call.paymentInfo(bob)).weight, (await transfer.paymentInfo(bob)).weight];
  const ratio = Number(w1.refTime.toBigInt()) / Number(w2.refTime.toBigInt());
  console.log(`register(${max} shards): ref_time ${w1.refTime}, proof ${w1.proofSize}; ` +
    `transfer_keep_alive: ref_time ${w2.refTime}, proof ${w2.proofSize}; ratio ${ratio.toFixed(1)}`);
  assert.ok(ratio > 1);
});

test('a front-runner cannot take a root it sees revealed; a superset pays the original owner', async () => {
  const items = Array.from({ length: 8 }, () => randomAsU8a(32));
  const bobSalt = randomAsU8a(32);
  const bobCommitment = registrationCommitment(bob, items, bobSalt);
  assert.equal((await submit(api, api.tx.datasetRegistry.commitRegistration(bobCommitment), bob)).error, null);
  // Eve copies Bob's commitment from the pool.
  assert.equal((await submit(api, api.tx.datasetRegistry.commitRegistration(bobCommitment), eve)).error, null);
  // Eve reveals with everything Bob's reveal shows (root, shards, salt): the copy opens only for Bob.
  const stolen = await reveal(eve, items, 'stolen', bobSalt);
  assert.equal(stolen.error, 'datasetRegistry.NoCommitment');
  const own = await reveal(bob, items, 'bobs', bobSalt);
  assert.equal(own.error, null);
  const bobsId = findEvent(own.events, 'datasetRegistry', 'Registered').data.id.toNumber();
  assert.equal((await submit(api, api.tx.datasetRegistry.setRoyalties(bobsId, 100_000, []), bob)).error, null);

  // Eve's superset with one junk shard: 8 of its 9 shards are attributed to Bob's dataset.
  const superset = await register(eve, [...items, randomAsU8a(32)], 'superset');
  assert.equal(superset.error, null);
  const event = findEvent(superset.events, 'datasetRegistry', 'Registered');
  assert.deepEqual(event.data.upstreams.map(([id, n]) => [id.toNumber(), n.toNumber()]), [[bobsId, 8]]);
  assert.equal((await api.query.datasetRegistry.datasets(bobsId)).unwrap().owner.toString(), bob.address);
});

test('verifiers are drawn, commit, reveal and conclude; a seated verifier cannot unbond', async () => {
  const bond = api.consts.datasetRegistry.minVerifierBond.toBigInt();
  for (const v of [bob, charlie, dave]) {
    assert.equal((await submit(api, api.tx.datasetRegistry.bondVerifier(bond), v)).error, null);
  }
  const r = await register(alice, Array.from({ length: 2 }, () => randomAsU8a(32)), 'to-verify');
  assert.equal(r.error, null);
  const id = findEvent(r.events, 'datasetRegistry', 'Registered').data.id.toNumber();
  const req = await submit(api, api.tx.datasetRegistry.requestVerification(id), alice);
  assert.equal(req.error, null);
  const requestedAt = (await api.rpc.chain.getHeader(req.blockHash)).number.toNumber();
  await waitForBlock(api, requestedAt + 1);
  const round = (await api.query.datasetRegistry.rounds(id)).unwrap();
  const seated = round.seats.map((s) => s.verifier.toString()).sort();
  // Alice owns the dataset: never drawn; the three bonded others fill the three seats.
  assert.deepEqual(seated, [bob.address, charlie.address, dave.address].sort());
  const busy = await submit(api, api.tx.datasetRegistry.unbondVerifier(), bob);
  assert.equal(busy.error, 'datasetRegistry.VerifierBusy');

  const vote = { pass: true, score: 900_000, report: randomAsU8a(32) };
  const salts = new Map();
  for (const v of [bob, charlie, dave]) {
    salts.set(v.address, randomAsU8a(32));
    const c = await submit(api, api.tx.datasetRegistry.commitVote(id, voteCommitment(id, v, vote, salts.get(v.address))), v);
    assert.equal(c.error, null);
  }
  let last;
  for (const v of [bob, charlie, dave]) {
    last = await submit(api, api.tx.datasetRegistry.revealVote(
      id, vote.pass, vote.score, u8aToHex(vote.report), u8aToHex(salts.get(v.address))), v);
    assert.equal(last.error, null);
  }
  const concluded = findEvent(last.events, 'datasetRegistry', 'VerificationConcluded');
  assert.ok(concluded);
  assert.equal(concluded.data.verified.isTrue, true);
  // The bond stays held through the challenge window.
  const locked = await submit(api, api.tx.datasetRegistry.unbondVerifier(), bob);
  assert.equal(locked.error, 'datasetRegistry.BondLocked');
});
