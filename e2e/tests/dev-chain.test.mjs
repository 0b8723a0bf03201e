// A dev chain driven the way a dApp drives it: blocks, a signed transfer, failing calls with
// their error names, and the runtime's metadata.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { startDevNode, waitForBlock, submit, findEvent } from '../lib/node.mjs';

const UNIT = 10n ** 12n;
let node;
let api;
let alice;
let bob;
let dave;

before(async () => {
  node = await startDevNode();
  api = node.api;
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  alice = keyring.addFromUri('//Alice');
  bob = keyring.addFromUri('//Bob');
  dave = keyring.addFromUri('//Dave');
});

after(async () => {
  const { code, signal } = await node.stop();
  console.log(`dev node stopped (code ${code}, signal ${signal}); log: ${node.logPath}`);
});

test('the dev chain produces and finalizes blocks', async () => {
  const best = await waitForBlock(api, 2);
  const finalized = await waitForBlock(api, 1, { finalized: true });
  assert.ok(best.number.toNumber() >= 2);
  assert.ok(finalized.number.toNumber() >= 1);
  console.log(`blocks: best #${best.number}, finalized #${finalized.number}`);
});

test('a signed transfer moves the amount and charges the fee to the sender', async () => {
  const amount = 12n * UNIT + 345n;
  const [aliceBefore, bobBefore] = (await api.query.system.account.multi([alice.address, bob.address]))
    .map((a) => a.data.free.toBigInt());

  const { blockHash, events, dispatchError } =
    await submit(api, api.tx.balances.transferKeepAlive(bob.address, amount), alice);
  assert.equal(dispatchError, undefined);

  const transfer = findEvent(events, 'balances', 'Transfer');
  assert.ok(transfer, 'balances.Transfer event');
  assert.equal(transfer.data.from.toString(), alice.address);
  assert.equal(transfer.data.to.toString(), bob.address);
  assert.equal(transfer.data.amount.toBigInt(), amount);
  const feePaid = findEvent(events, 'transactionPayment', 'TransactionFeePaid');
  assert.ok(feePaid, 'transactionPayment.TransactionFeePaid event');
  const fee = feePaid.data.actualFee.toBigInt();
  assert.ok(fee > 0n);

  const at = await api.at(blockHash);
  const [aliceAfter, bobAfter] = (await at.query.system.account.multi([alice.address, bob.address]))
    .map((a) => a.data.free.toBigInt());
  assert.equal(aliceAfter, aliceBefore - amount - fee);
  assert.equal(bobAfter, bobBefore + amount);
});

test('a transfer beyond the free balance fails with FundsUnavailable and moves nothing', async () => {
  const free = (await api.query.system.account(dave.address)).data.free.toBigInt();
  const { blockHash, events, error } =
    await submit(api, api.tx.balances.transferAllowDeath(bob.address, free + UNIT), dave);
  assert.equal(error, 'Token.FundsUnavailable');
  assert.ok(findEvent(events, 'system', 'ExtrinsicFailed'));
  assert.equal(findEvent(events, 'balances', 'Transfer'), undefined);
  const fee = findEvent(events, 'transactionPayment', 'TransactionFeePaid').data.actualFee.toBigInt();
  const after = (await (await api.at(blockHash)).query.system.account(dave.address)).data.free.toBigInt();
  assert.equal(after, free - fee);
});

test('validator-set changes need root and answer with named errors', async () => {
  const notRoot = await submit(api, api.tx.validatorSet.addValidator(bob.address), bob);
  assert.equal(notRoot.error, 'BadOrigin');

  // Through sudo the origin is root, and the pallet's own error comes back in `Sudid`.
  const duplicate = await submit(api, api.tx.sudo.sudo(api.tx.validatorSet.addValidator(alice.address)), alice);
  const sudid = findEvent(duplicate.events, 'sudo', 'Sudid');
  assert.ok(sudid.data.sudoResult.isErr);
  const { section, name } = api.registry.findMetaError(sudid.data.sudoResult.asErr.asModule);
  assert.equal(`${section}.${name}`, 'validatorSet.AlreadyValidator');

  const added = await submit(api, api.tx.sudo.sudo(api.tx.validatorSet.addValidator(bob.address)), alice);
  const event = findEvent(added.events, 'validatorSet', 'ValidatorAdded');
  assert.equal(event.data.who.toString(), bob.address);
  const set = await (await api.at(added.blockHash)).query.validatorSet.validators();
  assert.deepEqual(set.map(String), [alice.address, bob.address]);
});

test('the metadata describes the Verity runtime', async () => {
  const version = api.runtimeVersion;
  assert.equal(version.specName.toString(), 'verity');
  const pallets = api.runtimeMetadata.asLatest.pallets.map((p) => p.name.toString());
  for (const name of ['System', 'Timestamp', 'Balances', 'TransactionPayment', 'Sudo', 'Treasury',
    'ValidatorSet', 'Session', 'Aura', 'Grandpa']) {
    assert.ok(pallets.includes(name), `pallet ${name} in metadata (have ${pallets.join(', ')})`);
  }
  const props = await api.rpc.system.properties();
  assert.equal(props.tokenSymbol.unwrap()[0].toString(), 'VRT');
  assert.equal(props.tokenDecimals.unwrap()[0].toNumber(), 12);
});
