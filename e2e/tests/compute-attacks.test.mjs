// Compute staking against an attacker, on a dev node with the real off-chain workers and
// llama.cpp's server: Bob and Charlie are honest providers served by their node's worker; Ferdie
// is the attacker's provider, driven by hand; Eve submits jobs. Each attack is played with the
// attacker's own accounts and ends refused by name or at the attacker's loss, while the honest
// providers are paid exactly their share.
//
// Prints: the attacker's fee cost to delay one job by one block, and the blocks of an r = 2 round
// trip are printed by compute-staking.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { Keyring } from '@polkadot/keyring';
import { blake2AsHex, cryptoWaitReady } from '@polkadot/util-crypto';
import { stringToHex, u8aToHex } from '@polkadot/util';
import { startDevNode, submit, submitAll, findEvent, recordEvents, isEvent, freePort, sleep } from '../lib/node.mjs';
import { startService } from '../lib/cluster.mjs';
import { receivedNet } from '../lib/payouts.mjs';

const UNIT = 10n ** 12n;
const HONEST = 'http://127.0.0.1:8093';
const BOND = 200n * UNIT;
const PAYMENT = UNIT;

let node;
let api;
let events;
let input; // the submitter's own input server
let inputPort;
let inputBody = 'What is the capital of Italy? One word.';
const services = [];
const k = {};

const balance = async (who, at) => (await (at ? await api.at(at) : api).query.system.account(who)).data;

function spec({ text = 'Name a colour. One word.', redundancy, uri, hash }) {
  return {
    kind: 'Inference', modelVersion: null, datasets: [],
    inputHash: hash ?? blake2AsHex(text, 256), inputUri: uri ?? `data:text/plain,${text}`,
    params: { seed: 7, temperatureMilli: 0, maxTokens: 16, api: 'Chat' }, redundancy, deadline: 0, payment: PAYMENT,
  };
}

async function submitJob(opts, from = k.Eve) {
  const head = (await api.rpc.chain.getHeader()).number.toNumber();
  const r = await submit(api, api.tx.computeStaking.submitJob({ ...spec(opts), deadline: head + 60 }), from);
  assert.equal(r.error, null);
  return { job: findEvent(r.events, 'computeStaking', 'JobSubmitted').data.job.toNumber(), blockHash: r.blockHash };
}

/** The providers seated in `job` once `count` seats are drawn. */
async function seatsOf(job, count) {
  const seen = [];
  await events.waitFor((e) => isEvent('computeStaking', 'SeatAssigned', job)(e) && seen.push(e.data.provider.toString()) >= count,
    60_000, `${count} seats of job ${job}`);
  return seen;
}

/** What `names` received from the block `blockHash` to the completion `done`, net of their workers' fees. */
const received = (names, blockHash, done) => receivedNet(api, events, names.map((n) => k[n].address), blockHash, done);

before(async () => {
  await cryptoWaitReady();
  const ring = new Keyring({ type: 'sr25519' });
  for (const name of ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie']) k[name] = ring.addFromUri(`//${name}`);
  services.push(await startService('inference.sh', { INFER_PORT: '8093', INFER_NAME: 'e2e-attacks' }));
  inputPort = await freePort();
  input = createServer((_, res) => res.end(inputBody)).listen(inputPort, '127.0.0.1');
  node = await startDevNode(['--offchain-worker', 'always', '--rpc-methods', 'unsafe']);
  api = node.api;
  events = await recordEvents(api);
  for (const name of ['Bob', 'Charlie']) await api.rpc.author.insertKey('vrty', `//${name}`, u8aToHex(k[name].publicKey));
  const set = (key, value) => api.rpc.offchain.localStorageSet('PERSISTENT', stringToHex(key), stringToHex(value));
  await set('verity::compute::endpoint', HONEST);
  // The submitter's input server is on loopback: the operator allows it explicitly.
  await set('verity::compute::allow_hosts', `127.0.0.1:${inputPort}`);
  const hardware = { gpuModel: 'RTX-4090', vramGib: 24, gpuCount: 1 };
  const registered = await Promise.all(['Bob', 'Charlie', 'Ferdie'].map((n) =>
    submit(api, api.tx.computeStaking.registerProvider(BOND, hardware, ['Inference'], 8), k[n])));
  registered.forEach((r) => assert.equal(r.error, null));
});

after(async () => {
  events?.stop();
  await node?.stop();
  input?.close();
  await Promise.all(services.map((s) => s.stop()));
});

test('nobody picks a seat: there is no claim or challenge, and the submitter is never drawn', async () => {
  assert.equal(api.tx.computeStaking.claim, undefined);
  assert.equal(api.tx.computeStaking.challenge, undefined);
  // Eve becomes a provider with the largest bond, then submits: she is never drawn.
  const eve = await submit(api, api.tx.computeStaking.registerProvider(10n * BOND, { gpuModel: 'H100', vramGib: 80, gpuCount: 8 }, ['Inference'], 8), k.Eve);
  assert.equal(eve.error, null);
  const { job } = await submitJob({ redundancy: 3, text: 'Say yes.' });
  const seats = await seatsOf(job, 3);
  assert.ok(!seats.includes(k.Eve.address), 'the submitter holds no seat in its own job');
  // Ferdie is seated too: he stays silent; the honest two complete the job and he is slashed.
  await events.waitFor(isEvent('computeStaking', 'JobCompleted', job), 240_000, `JobCompleted(${job})`);
  assert.equal((await submit(api, api.tx.computeStaking.unbond(), k.Eve)).error, null);
  // Ferdie sits out until the attacks that need him.
  assert.equal((await submit(api, api.tx.computeStaking.chill(), k.Ferdie)).error, null);
});

test('a copied commitment does not open for the copier, who is slashed as silent', async () => {
  assert.equal((await submit(api, api.tx.computeStaking.unchill(), k.Ferdie)).error, null);
  const { job, blockHash } = await submitJob({ redundancy: 3 });
  await seatsOf(job, 3);
  // Ferdie watches Bob's commitment land and copies it as his own.
  let copied;
  await events.waitFor((e) => isEvent('computeStaking', 'ResultCommitted', job)(e)
    && e.data.provider.toString() === k.Bob.address, 120_000, 'Bob commits');
  for (;;) {
    const view = (await api.call.computeStakingApi.job(job)).unwrap();
    const bob = view.seats.find(([who]) => who.toString() === k.Bob.address);
    if (bob[2].isSome) { copied = bob[2].unwrap().toHex(); break; }
    await new Promise((r) => setTimeout(r, 1000));
  }
  assert.equal((await submit(api, api.tx.computeStaking.commit(job, copied), k.Ferdie)).error, null);
  // Bob reveals; Ferdie replays Bob's output and salt from Bob's reveal extrinsic.
  const bobReveal = await events.waitFor((e) => isEvent('computeStaking', 'ResultRevealed', job)(e)
    && e.data.provider.toString() === k.Bob.address, 120_000, 'Bob reveals');
  const block = await api.rpc.chain.getBlock(await api.rpc.chain.getBlockHash(bobReveal.block));
  const x = block.block.extrinsics.find((e) => e.method.section === 'computeStaking' && e.method.method === 'reveal'
    && e.signer.toString() === k.Bob.address);
  const [, output, salt] = x.method.args;
  const replay = await submit(api, api.tx.computeStaking.reveal(job, output, salt), k.Ferdie);
  assert.equal(replay.error, 'computeStaking.RevealMismatch');

  const done = await events.waitFor(isEvent('computeStaking', 'JobCompleted', job), 120_000, `JobCompleted(${job})`);
  assert.equal(done.event.data.providers.toNumber(), 2);
  assert.equal(await received(['Bob', 'Charlie'], blockHash, done), done.event.data.providerShare.toBigInt());
  const slashed = events.all((e) => isEvent('computeStaking', 'SlashScheduled', job)(e));
  assert.deepEqual(slashed.map(({ event }) => event.data.who.toString()), [k.Ferdie.address]);
  assert.equal(slashed[0].event.data.cause.toString(), 'Silent');
  assert.equal((await submit(api, api.tx.computeStaking.chill(), k.Ferdie)).error, null);
});

test('a frozen submitter still pays: the payment leaves its hold', async () => {
  const { job, blockHash } = await submitJob({ redundancy: 2, text: 'Name a fruit. One word.' });
  // Eve locks all but half the payment of her balance, held payment included, by delegating her
  // votes with conviction: released to her free balance, the payment could no longer move.
  const { free: f, reserved } = await balance(k.Eve.address);
  const total = f.toBigInt() + reserved.toBigInt();
  const locked = await submit(api, api.tx.convictionVoting.delegate(0, k.Alice.address, 'Locked1x', total - PAYMENT / 2n), k.Eve);
  assert.equal(locked.error, null);
  assert.ok((await balance(k.Eve.address)).frozen.toBigInt() > 0n);
  const done = await events.waitFor(isEvent('computeStaking', 'JobCompleted', job), 240_000, `JobCompleted(${job})`);
  const winners = (await api.call.computeStakingApi.receipt(job)).unwrap().providers.map(String);
  const names = ['Bob', 'Charlie'].filter((n) => winners.includes(k[n].address));
  assert.equal(names.length, 2);
  assert.ok(done.event.data.providerShare.toBigInt() > 0n);
  assert.equal(await received(names, blockHash, done), done.event.data.providerShare.toBigInt());
  // Eve's account stays locked (the lock now exceeds what she owns): she submits nothing more.
});

test('2,000 submit-and-cancel pairs leave nothing in the queue; a real job still completes', async () => {
  const head = (await api.rpc.chain.getHeader()).number.toNumber();
  const { job } = await submitJob({ redundancy: 2, text: 'Name an animal. One word.' }, k.Alice);
  const txs = [];
  const base = (await api.query.computeStaking.nextJobId()).toNumber();
  for (let i = 0; i < 2000; i++) {
    const id = base + i;
    txs.push(api.tx.computeStaking.submitJob({ ...spec({ redundancy: 2 }), deadline: head + 100 }));
    txs.push(api.tx.computeStaking.cancelJob(id));
  }
  const before = (await balance(k.Dave.address)).free.toBigInt();
  // In chunks of 400: the pool keeps a bounded "future" queue, and 4,000 transactions sent at
  // once can arrive out of nonce order.
  const results = [];
  for (let i = 0; i < txs.length; i += 400) results.push(...await submitAll(api, txs.slice(i, i + 400), k.Dave));
  const failed = results.filter((r) => r.error);
  // A cancel that lands in or after its job's draw block is refused by name; every other pair
  // leaves nothing.
  failed.forEach((r) => assert.ok(['computeStaking.AlreadyDrawn', 'computeStaking.DrawDue'].includes(r.error), r.error));
  // What Dave lost beyond the payments of the jobs whose cancel came too late: the fees.
  const spent = before - (await balance(k.Dave.address)).free.toBigInt() - BigInt(failed.length) * PAYMENT;
  await events.waitFor(isEvent('computeStaking', 'JobCompleted', job), 240_000, `JobCompleted(${job})`);
  const left = (await api.query.computeStaking.deadlines.entries()).length;
  const inFlight = (await api.query.computeStaking.jobs.entries()).length;
  assert.equal(left, inFlight, 'one queue entry per job in flight, none for cancelled ones');
  // A job whose cancel came too late runs to its end. Wait for every one: nothing is stranded, and
  // their payouts to Bob and Charlie do not fall into the next test's window.
  for (let waited = 0; (await api.query.computeStaking.jobs.entries()).length > 0; waited += 2_000) {
    assert.ok(waited < 240_000, `${failed.length} late-cancelled jobs still in flight after 240 s`);
    await sleep(2_000);
  }
  // Delaying a job by one block needs more than MaxJobsPerBlock live jobs due with it (each
  // holding a payment); and anyone can poke it meanwhile.
  const perBlock = api.consts.computeStaking.maxJobsPerBlock.toNumber();
  const fee = (await api.tx.computeStaking.submitJob({ ...spec({ redundancy: 2 }), deadline: head + 100 }).paymentInfo(k.Dave)).partialFee.toBigInt();
  console.log(`stuffing: 2,000 submit/cancel pairs cost ${Number(spent) / 1e12} VRT in fees and left ${left - inFlight} queue entries (${failed.length} cancels came too late; those jobs ran to their end); ` +
    `delaying one job by one block needs ${perBlock} live jobs due with it: ${Number(fee * BigInt(perBlock)) / 1e12} VRT in fees ` +
    `plus ${Number(PAYMENT * BigInt(perBlock)) / 1e12} VRT held, and any account's poke undoes it`);
});

test('an input switched after submission ends the job without slashing the providers', async () => {
  const uri = `http://127.0.0.1:${inputPort}/input.txt`;
  const { job, blockHash } = await submitJob({ redundancy: 2, uri, hash: blake2AsHex(inputBody, 256) }, k.Alice);
  inputBody = 'Ignore the question; something else entirely.'; // before the draw's block
  const rejected = await events.waitFor(isEvent('computeStaking', 'InputRejected', job), 240_000, `InputRejected(${job})`);
  assert.equal(rejected.event.data.providers.toNumber(), 2);
  assert.equal(events.all(isEvent('computeStaking', 'SlashScheduled', job)).length, 0);
  assert.equal((await api.call.computeStakingApi.receipt(job)).isNone, true);
  const seated = events.all(isEvent('computeStaking', 'SeatAssigned', job)).map(({ event }) => event.data.provider.toString());
  assert.deepEqual(seated.sort(), [k.Bob.address, k.Charlie.address].sort());
  assert.equal(await received(['Bob', 'Charlie'], blockHash, rejected), rejected.event.data.providerShare.toBigInt());
});

test('r = 2 with a seat that commits and never reveals: escalation completes it, no root needed', async () => {
  // Only Bob and Ferdie can be drawn: Charlie chills (he holds no seat now).
  assert.equal((await submit(api, api.tx.computeStaking.chill(), k.Charlie)).error, null);
  assert.equal((await submit(api, api.tx.computeStaking.unchill(), k.Ferdie)).error, null);
  const { job } = await submitJob({ redundancy: 2, text: 'Name a planet. One word.' }, k.Alice);
  const seats = await seatsOf(job, 2);
  assert.deepEqual(seats.sort(), [k.Bob.address, k.Ferdie.address].sort());
  assert.equal((await submit(api, api.tx.computeStaking.commit(job, blake2AsHex('never revealed')), k.Ferdie)).error, null);
  assert.equal((await submit(api, api.tx.computeStaking.unchill(), k.Charlie)).error, null);
  const escalated = await events.waitFor(isEvent('computeStaking', 'JobEscalated', job), 180_000, `JobEscalated(${job})`);
  assert.equal(escalated.event.data.seats.toNumber(), 1, 'Charlie is the only provider left to draw');
  const done = await events.waitFor(isEvent('computeStaking', 'JobCompleted', job), 240_000, `JobCompleted(${job})`);
  assert.equal(done.event.data.providers.toNumber(), 2);
  const slashed = events.all(isEvent('computeStaking', 'SlashScheduled', job)).map(({ event }) => event.data.who.toString());
  assert.deepEqual(slashed, [k.Ferdie.address]);
});
