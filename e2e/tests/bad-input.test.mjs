// The bad-input sweep: every call of Verity's five pallets, sent through @polkadot/api with the
// edge inputs a dApp can send, answers a named error and changes nothing but the signer's fee.
//
// The inputs are made from the runtime's metadata, so a call added later is swept too:
// - `zero`: every number 0, every hash and account zeros, every list and string empty, every
//   enum its first variant, every option `None`;
// - `max`: every number at its type's maximum (unknown ids, unpayable amounts, out-of-range
//   ratios), hashes and accounts all 0xff, options `Some`, enums their last variant;
// - `oversized`: every list and string one past the largest bound any pallet has (1024);
// - `not yours`: the ids of a dataset, model, version and anchor that Alice owns, sent by another;
// - `unsigned`: the call with no signature at all.
// All but `unsigned` are signed by a funded account with no role anywhere (the wrong signer for
// every call that needs one, the wrong origin for every governance call). The rest is included
// and must fail with a named error, except what the transaction format itself refuses: a list
// past a `BoundedVec`'s bound or a ratio past 100% does not decode, so the pool refuses it
// before any pallet sees it (`1002: Verification Error`, and the node logs `Bad input data
// provided to validate_transaction`); a dApp reads the bounds from `api.consts`.
// `datasetRegistry.commitRegistration` takes only an opaque commitment and a deposit: every hash
// is a valid commitment, so it has no bad input (its refusals are tested in dataset-registry).
// Every key under the five pallets' prefixes and the balances' holds, reserves and freezes is
// read before and after: nothing may differ, and the signer's balance falls by its fees alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { randomAsU8a, xxhashAsHex } from '@polkadot/util-crypto';
import { u8aToHex } from '@polkadot/util';
import { readFileSync } from 'node:fs';
import { startDevNode, submit, submitAll, findEvent, waitForBlock } from '../lib/node.mjs';
import { registerDatasets } from '../lib/datasets.mjs';

const PALLETS = ['ReasoningAnchor', 'DatasetRegistry', 'ModelLineage', 'ComputeStaking', 'EvalAttestation'];
const UNIT = 10n ** 12n;
/** One past the largest length bound of any list or string in the five pallets. */
const OVERSIZED = 1025;
/** Calls every input of which is valid (see above). */
const ANY_INPUT_VALID = new Set(['datasetRegistry.commitRegistration']);

let node;
let api;
let alice;
let mallory;
/** Ids Alice owns, by the argument names that take them. */
const owned = {};

before(async () => {
  node = await startDevNode();
  api = node.api;
  const keyring = new Keyring({ type: 'sr25519' });
  alice = keyring.addFromUri('//Alice');
  mallory = keyring.addFromUri(`//BadInput${Date.now()}`);
  assert.equal((await submit(api, api.tx.balances.transferKeepAlive(mallory.address, 10_000n * UNIT), alice)).error, null);

  const [dataset] = await registerDatasets(api, alice, [[randomAsU8a(32), randomAsU8a(32)]], () => 'owned');
  assert.equal(dataset.error, null);
  const model = await submit(api, api.tx.modelLineage.createModel('owned', 'MIT', 'ipfs://card'), alice);
  assert.equal(model.error, null);
  owned.model = findEvent(model.events, 'modelLineage', 'ModelCreated').data.model.toNumber();
  const version = await submit(api, api.tx.modelLineage.publishVersion(owned.model, {
    weightsHash: u8aToHex(randomAsU8a(32)), format: 'Safetensors', parameterCount: 1000,
    uri: 'ipfs://weights', parents: [], datasets: [], trainingJob: null, royalty: 0,
  }), alice);
  assert.equal(version.error, null);
  owned.version = findEvent(version.events, 'modelLineage', 'VersionPublished').data.version.toNumber();
  const anchor = await submit(api, api.tx.reasoningAnchor.anchorTrace(u8aToHex(randomAsU8a(32)), 3, null, null, null), alice);
  assert.equal(anchor.error, null);
  owned.anchor = findEvent(anchor.events, 'reasoningAnchor', 'Anchored').data.anchor.toHex();
  owned.id = findEvent(dataset.events, 'datasetRegistry', 'Registered').data.id.toNumber();
});

after(async () => { await node?.stop(); });

/** A value of portable type `id` for `mode` (`zero`, `max`, `oversized`), as polkadot.js takes it. */
function edge(id, mode) {
  const { def } = api.registry.lookup.getSiType(id);
  if (def.isPrimitive) {
    const p = def.asPrimitive.type;
    if (p === 'Bool') return mode === 'max';
    if (p === 'Str') return mode === 'oversized' ? 'x'.repeat(OVERSIZED) : '';
    const bits = Number(p.slice(1));
    return mode === 'max' ? (1n << BigInt(bits)) - 1n : 0n;
  }
  if (def.isCompact) return edge(def.asCompact.type, mode);
  if (def.isArray) {
    const { len, type } = def.asArray;
    if (isByte(type)) return '0x' + (mode === 'max' ? 'ff' : '00').repeat(len.toNumber());
    return Array.from({ length: len.toNumber() }, () => edge(type, mode));
  }
  if (def.isSequence) {
    const { type } = def.asSequence;
    if (mode !== 'oversized') return isByte(type) ? '0x' : [];
    if (isByte(type)) return '0x' + '78'.repeat(OVERSIZED);
    return Array.from({ length: OVERSIZED }, () => edge(type, 'zero'));
  }
  if (def.isTuple) return def.asTuple.map((t) => edge(t, mode));
  if (def.isComposite) return fieldsEdge(def.asComposite.fields, mode);
  if (def.isVariant) {
    const variants = [...def.asVariant.variants].sort((a, b) => a.index.toNumber() - b.index.toNumber());
    const names = variants.map((v) => v.name.toString());
    if (names.join() === 'None,Some') return mode === 'zero' ? null : edge(variants[1].fields[0].type, mode);
    const v = mode === 'max' ? variants[variants.length - 1] : variants[0];
    if (v.fields.length === 0) return v.name.toString();
    return { [v.name.toString()]: fieldsEdge(v.fields, mode) };
  }
  throw new Error(`no edge value for type ${id}: ${def.type}`);
}

/** The value of a struct's or a variant's `fields`: the one unnamed field, a tuple, or an object. */
function fieldsEdge(fields, mode) {
  if (fields.length === 1 && fields[0].name.isNone) return edge(fields[0].type, mode);
  if (fields.every((f) => f.name.isNone)) return fields.map((f) => edge(f.type, mode));
  return Object.fromEntries(fields.map((f) => [camel(f.name.unwrap().toString()), edge(f.type, mode)]));
}

const isByte = (id) => {
  const { def } = api.registry.lookup.getSiType(id);
  return def.isPrimitive && def.asPrimitive.type === 'U8';
};
/** The polkadot.js section of a pallet: its name in lower camel case. */
const sectionOf = (pallet) => pallet[0].toLowerCase() + pallet.slice(1);
const camel = (s) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
const hasSequence = (id, seen = new Set()) => {
  if (seen.has(id.toString())) return false;
  seen.add(id.toString());
  const { def } = api.registry.lookup.getSiType(id);
  if (def.isSequence || (def.isPrimitive && def.asPrimitive.type === 'Str')) return true;
  if (def.isCompact) return hasSequence(def.asCompact.type, seen);
  if (def.isArray) return hasSequence(def.asArray.type, seen);
  if (def.isTuple) return def.asTuple.some((t) => hasSequence(t, seen));
  if (def.isComposite) return def.asComposite.fields.some((f) => hasSequence(f.type, seen));
  if (def.isVariant) return def.asVariant.variants.some((v) => v.fields.some((f) => hasSequence(f.type, seen)));
  return false;
};

/** Every call of the five pallets with its edge inputs: `{ name, mode, tx }`, duplicates left out. */
function inputs() {
  const all = [];
  const seen = new Set();
  for (const section of PALLETS.map(sectionOf)) {
    for (const [call, make] of Object.entries(api.tx[section])) {
      const fields = make.meta.fields;
      const modes = ['zero', 'max'];
      if (fields.some((f) => hasSequence(f.type))) modes.push('oversized');
      if (fields.some((f) => owned[camel(f.name.unwrap().toString())] !== undefined)) modes.push('not yours');
      for (const mode of modes) {
        const args = fields.map((f) => {
          const name = camel(f.name.unwrap().toString());
          if (mode === 'not yours') return owned[name] ?? edge(f.type, 'zero');
          return edge(f.type, mode);
        });
        const tx = make(...args);
        const key = tx.method.toHex();
        if (seen.has(key) || ANY_INPUT_VALID.has(`${section}.${call}`)) continue;
        seen.add(key);
        all.push({ name: `${section}.${call}`, mode, tx });
      }
    }
  }
  return all;
}

/** Every key and value under the five pallets and the balances' holds, reserves and freezes. */
async function snapshot(at) {
  const prefixes = [
    ...PALLETS.map((p) => xxhashAsHex(p, 128)),
    ...['Holds', 'Reserves', 'Freezes'].map((item) => xxhashAsHex('Balances', 128) + xxhashAsHex(item, 128).slice(2)),
  ];
  const state = new Map();
  for (const prefix of prefixes) {
    let start;
    for (;;) {
      const keys = await api.rpc.state.getKeysPaged(prefix, 1000, start, at);
      if (keys.length === 0) break;
      const values = await api.rpc.state.queryStorageAt(keys, at);
      keys.forEach((k, i) => state.set(k.toHex(), values[i].toHex()));
      if (keys.length < 1000) break;
      start = keys[keys.length - 1];
    }
  }
  return state;
}

test('every call of the five pallets refuses its edge inputs by name and changes nothing', { timeout: 900_000 }, async () => {
  const cases = inputs();
  const calls = new Set(PALLETS.map(sectionOf).flatMap((section) =>
    Object.keys(api.tx[section]).map((call) => `${section}.${call}`)));

  // Unsigned: the pool refuses every call of the five pallets without a signature.
  for (const name of calls) {
    const [section, call] = name.split('.');
    const args = api.tx[section][call].meta.fields.map((f) => edge(f.type, 'zero'));
    await assert.rejects(api.rpc.author.submitExtrinsic(api.tx[section][call](...args)), /1011: Unknown Transaction Validity: NoUnsignedValidator/,
      `${name} unsigned is refused`);
  }

  const start = await api.rpc.chain.getHeader();
  const before = await snapshot(start.hash);
  const account = await api.query.system.account.at(start.hash, mallory.address);
  const results = await submitAll(api, cases.map((c) => c.tx), mallory, { refusals: true, timeoutMs: 600_000 });
  // The state after the last included block's successor: its hooks have run too.
  const last = Math.max(start.number.toNumber(), ...await Promise.all(results.filter((r) => r.blockHash)
    .map(async (r) => (await api.rpc.chain.getHeader(r.blockHash)).number.toNumber())));
  const end = await waitForBlock(api, last + 1);
  const endHash = await api.rpc.chain.getBlockHash(end.number.toNumber());

  const tally = { undecodable: 0, failed: 0 };
  const wrong = [];
  let fees = 0n;
  cases.forEach((c, i) => {
    const r = results[i];
    if (r.refused) {
      tally.undecodable += 1;
      const format = c.mode === 'oversized' || c.mode === 'max';
      if (!format || !/^1002: Verification Error/.test(r.refused)) wrong.push(`${c.name} (${c.mode}) refused: ${r.refused.slice(0, 120)}`);
      return;
    }
    const paid = findEvent(r.events, 'transactionPayment', 'TransactionFeePaid');
    fees += paid.data.actualFee.toBigInt() + paid.data.tip.toBigInt();
    if (!r.error || r.error === 'Other' || r.error === 'CannotLookup') wrong.push(`${c.name} (${c.mode}): ${r.error ?? 'succeeded'}`);
    else tally.failed += 1;
  });
  assert.deepEqual(wrong, [], 'every edge input answers a named error');
  const logged = readFileSync(node.logPath, 'utf8').match(/Bad input data provided to validate_transaction/g) ?? [];
  assert.ok(logged.length >= tally.undecodable, `the node logged each undecodable input (${logged.length} of ${tally.undecodable})`);

  const afterState = await snapshot(endHash);
  // The deadline queue's cursor follows the block number in `on_initialize`, whatever is sent.
  const cursor = api.query.computeStaking.queueCursor.key();
  const changed = [...new Set([...before.keys(), ...afterState.keys()])]
    .filter((k) => k !== cursor && before.get(k) !== afterState.get(k));
  assert.deepEqual(changed, [], 'no key of the five pallets or the balances holds changed');
  const accountAfter = await api.query.system.account.at(endHash, mallory.address);
  assert.equal(accountAfter.data.reserved.toBigInt(), account.data.reserved.toBigInt(), 'nothing reserved');
  assert.equal(accountAfter.data.frozen.toBigInt(), account.data.frozen.toBigInt(), 'nothing frozen');
  assert.equal(account.data.free.toBigInt() - accountAfter.data.free.toBigInt(), fees, 'the signer paid its fees and nothing else');

  console.log(`bad-input sweep: ${calls.size} calls, ${cases.length + calls.size} inputs: ${calls.size} unsigned refused ` +
    `by the pool, ${tally.failed} failed in a block with a named error, ${tally.undecodable} undecodable refused by the pool`);
});
