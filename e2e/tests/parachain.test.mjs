// The parachain flavour without a relay chain or polkadot-omni-node: Chopsticks (npm) runs the
// parachain wasm (built by `cargo test -p verity-runtime --features parachain`) from the genesis
// of chain-specs/para-dev-raw.json and builds parachain blocks with mocked relay-chain
// validation data. Through @polkadot/api, as a dApp on the parachain would: blocks are produced,
// Alice pays Bob, registers a dataset (commit, then reveal) and anchors a reasoning trace, and
// all three are read back, the dataset and the anchor through the runtime APIs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { stringToU8a, u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import { ROOT, connect, freePort, submit, findEvent } from '../lib/node.mjs';
import { registerDatasets } from '../lib/datasets.mjs';
import { root, proof } from '../lib/merkle.mjs';

const UNIT = 10n ** 12n;
const PARA_WASM = process.env.PARA_WASM || join(process.env.CARGO_TARGET_DIR || join(process.env.HOME, '.cache/verity/target'),
  'release/wbuild/verity-runtime/verity_para_runtime.compact.compressed.wasm');
const SPEC = join(ROOT, 'chain-specs/para-dev-raw.json');
const CHOPSTICKS = join(ROOT, 'e2e/node_modules/.bin/chopsticks');

let dir;
let proc;
let exited;
let api;
let alice;
let bob;

before(async () => {
  assert.ok(existsSync(PARA_WASM), `${PARA_WASM} missing: cargo test -p verity-runtime --features parachain builds it`);
  dir = mkdtempSync(join(tmpdir(), 'verity-chopsticks-'));
  const port = await freePort();
  const log = join(dir, 'chopsticks.log');
  proc = spawn(CHOPSTICKS, [
    '--genesis', SPEC, '--wasm-override', PARA_WASM, '--port', String(port), '--host', '127.0.0.1',
    '--build-block-mode', 'Instant', '--runtime-log-level', '2',
  ], { stdio: ['ignore', openSync(log, 'a'), openSync(log, 'a')] });
  exited = new Promise((resolve) => proc.on('exit', resolve));
  // Chopsticks exiting while the API connects fails the test at once, with its log.
  const died = exited.then((code) => {
    throw new Error(`chopsticks exited (${code}):\n${readFileSync(log, 'utf8').slice(-3000)}`);
  });
  died.catch(() => {});
  api = await Promise.race([connect(port, 180_000), died]);
  const ring = new Keyring({ type: 'sr25519' });
  alice = ring.addFromUri('//Alice');
  bob = ring.addFromUri('//Bob');
});

after(async () => {
  await api?.disconnect().catch(() => {});
  if (proc && proc.exitCode === null) {
    proc.kill('SIGINT');
    await exited;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the parachain runtime answers as para 2000 with collators and no GRANDPA', async () => {
  assert.equal(api.runtimeVersion.specName.toString(), 'verity');
  assert.equal((await api.query.parachainInfo.parachainId()).toNumber(), 2000);
  assert.deepEqual((await api.query.collatorSelection.invulnerables()).map(String), [alice.address]);
  assert.equal(api.query.grandpa, undefined);
  assert.equal(api.query.validatorSet, undefined);
  // The same AI pallets, at the same indices as on the solochain.
  for (const [name, index] of [['reasoningAnchor', 20], ['datasetRegistry', 21], ['modelLineage', 22], ['computeStaking', 23], ['evalAttestation', 24]]) {
    const pallet = api.runtimeMetadata.asLatest.pallets.find((p) => p.name.toString().replace(/^./, (c) => c.toLowerCase()) === name);
    assert.equal(pallet?.index.toNumber(), index, name);
  }
});

test('blocks are built on mocked relay-chain validation data', async () => {
  const before = (await api.rpc.chain.getHeader()).number.toNumber();
  await api._rpcCore.provider.send('dev_newBlock', [{ count: 3 }]);
  const head = (await api.rpc.chain.getHeader()).number.toNumber();
  assert.equal(head, before + 3);
  const validation = await api.query.parachainSystem.validationData();
  assert.ok(validation.isSome, 'every block sets the validation data');
  const last = (await api.query.parachainSystem.lastRelayChainBlockNumber()).toNumber();
  assert.ok(last > 0, `relay parent number ${last}`);
  // Aura's slot follows the (mocked) relay chain's clock.
  assert.ok((await api.query.aura.currentSlot()).toBigInt() > 0n);
});

test('a transfer, a dataset and an anchored trace are stored and read back', async () => {
  const bobBefore = (await api.query.system.account(bob.address)).data.free.toBigInt();
  const paid = await submit(api, api.tx.balances.transferKeepAlive(bob.address, 7n * UNIT), alice);
  assert.equal(paid.error, null);
  assert.ok(findEvent(paid.events, 'balances', 'Transfer'));
  const bobAfter = (await api.query.system.account(bob.address)).data.free.toBigInt();
  assert.equal(bobAfter - bobBefore, 7n * UNIT);

  const shards = [0, 1, 2].map((i) => blake2AsU8a(`parachain shard ${i} ${Math.random()}`, 256));
  const [registered] = await registerDatasets(api, alice, [shards], () => 'para-corpus');
  assert.equal(registered.error, null);
  const id = findEvent(registered.events, 'datasetRegistry', 'Registered').data.id.toNumber();
  const byRoot = await api.call.datasetRegistryApi.datasetByRoot(root(shards));
  assert.equal(byRoot.unwrap().toNumber(), id);
  const dataset = (await api.call.datasetRegistryApi.dataset(id)).unwrap();
  assert.equal(dataset.owner.toString(), alice.address);

  const steps = Array.from({ length: 9 }, (_, s) => stringToU8a(`thought ${s}: ${Math.random()}`));
  const traceRoot = root(steps);
  const anchored = await submit(api, api.tx.reasoningAnchor.anchorTrace(traceRoot, steps.length, null, null, null), alice);
  assert.equal(anchored.error, null);
  const anchorId = findEvent(anchored.events, 'reasoningAnchor', 'Anchored').data.anchor.toHex();
  assert.equal((await api.call.reasoningAnchorApi.anchorByRoot(alice.address, traceRoot)).unwrap().toHex(), anchorId);
  const single = { leafIndex: 0, leafCount: 1, siblings: [] };
  const answer = await api.call.reasoningAnchorApi.verifyStep(anchorId, traceRoot, single, u8aToHex(steps[4]), proof(steps, 4));
  assert.equal(answer.anchored.isTrue, true, JSON.stringify(answer.toHuman()));
  assert.equal(answer.submitter.unwrap().toString(), alice.address);
});
