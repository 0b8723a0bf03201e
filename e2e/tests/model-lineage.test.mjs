// Model lineage on a dev node through @polkadot/api: a base model, a fine-tune and a
// distillation of it, and the ancestors query through the runtime API (timed).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { randomAsHex } from '@polkadot/util-crypto';
import { startDevNode, submit, findEvent } from '../lib/node.mjs';

let node;
let api;
let alice;

before(async () => {
  node = await startDevNode();
  api = node.api;
  alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
});

after(async () => { await node.stop(); });

const spec = (parents) => ({
  weightsHash: randomAsHex(32), format: 'Safetensors', parameterCount: 135_000_000,
  uri: 'hf://verity/smollm2', parents, datasets: [], trainingJob: null, royalty: 0,
});

test('base, fine-tune and distillation; ancestors nearest first; refused inputs', async () => {
  const created = await submit(api, api.tx.modelLineage.createModel('smollm2', 'Apache-2.0', 'ipfs://card'), alice);
  assert.equal(created.error, null);
  const model = findEvent(created.events, 'modelLineage', 'ModelCreated').data.model.toNumber();

  const publish = async (parents) => {
    const r = await submit(api, api.tx.modelLineage.publishVersion(model, spec(parents)), alice);
    assert.equal(r.error, null);
    return findEvent(r.events, 'modelLineage', 'VersionPublished').data.version.toNumber();
  };
  const base = await publish([]);
  const tuned = await publish([{ version: base, relation: 'FineTune' }]);
  const distilled = await publish([{ version: tuned, relation: 'Distill' }]);

  const ancestors = await api.call.modelLineageApi.ancestors(distilled, 16);
  assert.deepEqual(
    ancestors.map((n) => [n.version.toNumber(), n.depth.toNumber(), n.relation.toString()]),
    [[tuned, 1, 'Distill'], [base, 2, 'FineTune']],
  );
  const descendants = await api.call.modelLineageApi.descendants(base, 16);
  assert.deepEqual(descendants.map((n) => n.version.toNumber()), [tuned, distilled]);

  // A parent that does not exist yet cannot be named: the graph stays acyclic.
  const future = await submit(api, api.tx.modelLineage.publishVersion(model, spec([{ version: distilled + 5, relation: 'Merge' }])), alice);
  assert.equal(future.error, 'modelLineage.UnknownParent');

  // Median time of the ancestors-and-datasets query over repeated runtime-API calls.
  const times = [];
  for (let i = 0; i < 25; i++) {
    const t0 = process.hrtime.bigint();
    await api.call.modelLineageApi.lineage(distilled, 16);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  console.log(`lineage(depth 2) via runtime API: median ${times[12].toFixed(2)} ms over 25 calls`);
});
