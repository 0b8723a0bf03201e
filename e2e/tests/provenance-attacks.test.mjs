// Provenance against an attacker, on a dev node: each attack is played with the attacker's own
// accounts (Eve) and ends refused by name, with the honest party's record intact.
// - A Verified version needs a training receipt of the publisher's own job, used once.
// - What a check depends on stays: a benchmark's hidden test set and a version's declared
//   training data cannot be removed while referenced.
// - A dataset root cannot be taken by copying its owner's commitment.
// Compute jobs here are served by hand (no worker keys on the node): Bob, the only provider,
// commits and reveals with the documented commitment bytes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { blake2AsHex, blake2AsU8a, cryptoWaitReady, randomAsU8a } from '@polkadot/util-crypto';
import { u8aToHex } from '@polkadot/util';
import { startDevNode, submit, findEvent, recordEvents } from '../lib/node.mjs';
import { runJobByHand as runJob } from '../lib/compute.mjs';
import { registerDatasets, registrationCommitment } from '../lib/datasets.mjs';
import { root } from '../lib/merkle.mjs';

const UNIT = 10n ** 12n;
let node;
let api;
let events;
let base; // Alice's base model version
let model;
const k = {};

/** Alice pays for a job of `kind` from `base`; Bob, drawn as the only provider, returns `output`. */
const runJobByHand = (kind, output) =>
  runJob(api, events, { owner: k.Alice, provider: k.Bob, kind, modelVersion: base, output });

const fineTune = (weightsHash, trainingJob, datasets = []) => ({
  weightsHash, format: 'Safetensors', parameterCount: 2, uri: '', datasets,
  parents: [{ version: base, relation: 'FineTune' }], trainingJob, royalty: 0,
});

before(async () => {
  await cryptoWaitReady();
  const ring = new Keyring({ type: 'sr25519' });
  for (const name of ['Alice', 'Bob', 'Charlie', 'Eve']) k[name] = ring.addFromUri(`//${name}`);
  node = await startDevNode();
  api = node.api;
  events = await recordEvents(api);
  const provider = await submit(api, api.tx.computeStaking.registerProvider(200n * UNIT,
    { gpuModel: 'H100', vramGib: 80, gpuCount: 1 }, ['Inference', 'Training'], 4), k.Bob);
  assert.equal(provider.error, null);
  const created = await submit(api, api.tx.modelLineage.createModel('base', 'Apache-2.0', ''), k.Alice);
  model = findEvent(created.events, 'modelLineage', 'ModelCreated').data.model.toNumber();
  const published = await submit(api, api.tx.modelLineage.publishVersion(model, {
    weightsHash: blake2AsHex('base weights'), format: 'Safetensors', parameterCount: 1, uri: '',
    parents: [], datasets: [], trainingJob: null, royalty: 0,
  }), k.Alice);
  assert.equal(published.error, null);
  base = findEvent(published.events, 'modelLineage', 'VersionPublished').data.version.toNumber();
});

after(async () => {
  events?.stop();
  await node?.stop();
});

test("a training receipt verifies only its owner's version, once; an inference receipt never", async () => {
  const weights = blake2AsU8a('fine-tuned weights', 256);
  const job = await runJobByHand('Training', weights);

  // Eve takes Alice's receipt for a version of her own model.
  const eveModel = await submit(api, api.tx.modelLineage.createModel('copy', 'MIT', ''), k.Eve);
  const eveId = findEvent(eveModel.events, 'modelLineage', 'ModelCreated').data.model.toNumber();
  const theft = await submit(api, api.tx.modelLineage.publishVersion(eveId, fineTune(u8aToHex(weights), job)), k.Eve);
  assert.equal(theft.error, 'modelLineage.NotJobOwner');

  // Alice's version is Verified; the receipt cannot verify a second one.
  const own = await submit(api, api.tx.modelLineage.publishVersion(model, fineTune(u8aToHex(weights), job)), k.Alice);
  assert.equal(own.error, null);
  const id = findEvent(own.events, 'modelLineage', 'VersionPublished').data.version.toNumber();
  assert.equal((await api.call.modelLineageApi.version(id)).unwrap().provenance.toJSON()?.verified?.job, job);
  const again = await submit(api, api.tx.modelLineage.publishVersion(model, fineTune(blake2AsHex('more'), job)), k.Alice);
  assert.ok(['modelLineage.JobAlreadyUsed', 'modelLineage.JobOutputMismatch'].includes(again.error), again.error);

  // An inference job's output is not a training receipt.
  const inferenceOut = blake2AsU8a('an answer', 256);
  const inference = await runJobByHand('Inference', inferenceOut);
  const wrongKind = await submit(api, api.tx.modelLineage.publishVersion(model, fineTune(u8aToHex(inferenceOut), inference)), k.Alice);
  assert.equal(wrongKind.error, 'modelLineage.NotTrainingJob');
});

test("a version's declared training data and a benchmark's test set cannot be removed", async () => {
  const items = Array.from({ length: 4 }, () => randomAsU8a(32));
  const [corpusR, testR] = await registerDatasets(api, k.Charlie, [[randomAsU8a(32)], items]);
  const corpus = findEvent(corpusR.events, 'datasetRegistry', 'Registered').data.id.toNumber();
  const testSet = findEvent(testR.events, 'datasetRegistry', 'Registered').data.id.toNumber();

  const declared = await submit(api, api.tx.modelLineage.publishVersion(model, {
    ...fineTune(blake2AsHex('trained on corpus'), null, [corpus]),
  }), k.Alice);
  assert.equal(declared.error, null);
  assert.equal((await submit(api, api.tx.datasetRegistry.remove(corpus), k.Charlie)).error, 'datasetRegistry.Pinned');

  const benchmark = (name, testSetRoot) => api.tx.evalAttestation.proposeBenchmark({
    name, specHash: blake2AsHex('spec'), specUri: '', metric: 'accuracy-ppm', direction: 'HigherIsBetter',
    harnessHash: blake2AsHex('harness'), seed: { Fixed: 1 }, batchSize: 4, tolerance: 10_000, quorum: 3,
    minEvaluatorBond: api.consts.evalAttestation.minEvaluatorBond, testSet, testSetRoot, testItems: items.length,
  });
  const proposed = await submit(api, benchmark('pinned-qa', root(items)), k.Eve);
  assert.equal(proposed.error, null);
  assert.equal((await submit(api, api.tx.datasetRegistry.remove(testSet), k.Charlie)).error, 'datasetRegistry.Pinned');
  // A test set that is not the committed items is refused at proposal.
  const mismatched = await submit(api, benchmark('lying-qa', blake2AsHex('other items')), k.Eve);
  assert.equal(mismatched.error, 'evalAttestation.TestSetRootMismatch');
});

test("a dataset root cannot be taken by copying its owner's commitment", async () => {
  const shards = [randomAsU8a(32), randomAsU8a(32)];
  const salt = randomAsU8a(32);
  const bobs = registrationCommitment(api, k.Bob, shards, salt);
  assert.equal((await submit(api, api.tx.datasetRegistry.commitRegistration(bobs), k.Bob)).error, null);
  // Eve copies the commitment into her own, then races Bob's reveal with his salt.
  assert.equal((await submit(api, api.tx.datasetRegistry.commitRegistration(bobs), k.Eve)).error, null);
  const description = { name: 'mine', uri: '', license: 'CC0', recordCount: 1, byteSize: 1 };
  const stolen = await submit(api, api.tx.datasetRegistry.register(root(shards), shards.map((s) => u8aToHex(s)), 'Curated', [], description, u8aToHex(salt)), k.Eve);
  assert.equal(stolen.error, 'datasetRegistry.NoCommitment');
  const bob = await submit(api, api.tx.datasetRegistry.register(root(shards), shards.map((s) => u8aToHex(s)), 'Curated', [], description, u8aToHex(salt)), k.Bob);
  assert.equal(bob.error, null);
  assert.equal(findEvent(bob.events, 'datasetRegistry', 'Registered').data.owner.toString(), k.Bob.address);
});
