// Compute jobs served by hand (no worker keys on the node): the job's owner pays for it, the only
// registered provider is drawn, commits and reveals `output` with the documented commitment bytes.
import assert from 'node:assert/strict';
import { blake2AsHex, blake2AsU8a, randomAsU8a } from '@polkadot/util-crypto';
import { stringToHex, stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { Keyring } from '@polkadot/keyring';
import { ROOT, submit, findEvent, isEvent } from './node.mjs';

const UNIT = 10n ** 12n;

/** `commitment(COMPUTE_RESULT, job, provider, output, salt)`: SCALE of the tuple, blake2-256. */
export const jobCommitment = (api, job, who, output, salt) => u8aToHex(blake2AsU8a(u8aConcat(
  stringToU8a('vrty/job'), api.createType('u64', job).toU8a(), who.publicKey, output, salt,
), 256));

/**
 * A deadline `room` blocks after `head`, and past the training commit period (read from the
 * runtime) for a training job, whose seats get that whole window.
 */
export const jobDeadline = (api, head, kind, room = 60) =>
  head + (kind === 'Training' ? api.consts.computeStaking.trainingCommitPeriod.toNumber() + 30 : room);

/**
 * `owner` pays for a job of `kind` (`'Training'`, `'Inference'`) on `modelVersion` reading
 * `datasets`; `provider`, who must be the only provider the draw can pick, returns `output` (32
 * bytes). `events` is a `recordEvents` recorder. Resolves with the job id once it is completed.
 */
export async function runJobByHand(api, events, { owner, provider, kind, modelVersion, datasets = [], output, payment = UNIT }) {
  const head = (await api.rpc.chain.getHeader()).number.toNumber();
  const text = `input ${u8aToHex(randomAsU8a(8))}`;
  const submitted = await submit(api, api.tx.computeStaking.submitJob({
    kind, modelVersion, datasets, inputHash: blake2AsHex(text, 256), inputUri: `data:text/plain,${text}`,
    params: { seed: 1, temperatureMilli: 0, maxTokens: 8, api: 'Chat' }, redundancy: 1, deadline: jobDeadline(api, head, kind), payment,
  }), owner);
  assert.equal(submitted.error, null);
  const job = findEvent(submitted.events, 'computeStaking', 'JobSubmitted').data.job.toNumber();
  await events.waitFor(isEvent('computeStaking', 'SeatAssigned', job), 60_000, `seat of ${job}`);
  const salt = randomAsU8a(32);
  assert.equal((await submit(api, api.tx.computeStaking.commit(job, jobCommitment(api, job, provider, output, salt)), provider)).error, null);
  assert.equal((await submit(api, api.tx.computeStaking.reveal(job, u8aToHex(output), u8aToHex(salt)), provider)).error, null);
  await events.waitFor(isEvent('computeStaking', 'JobCompleted', job), 60_000, `JobCompleted(${job})`);
  return job;
}

/**
 * Puts the provider keys `//<name>` of `names` in the keystore of the node behind `api` (key type
 * `vrty`) and points its off-chain worker at the inference server `endpoint`; with `ray`, also at
 * the Ray cluster for training jobs and for inference jobs of `asyncTokens` tokens or more.
 */
export async function provide(api, names, endpoint, { ray, asyncTokens } = {}) {
  const ring = new Keyring({ type: 'sr25519' });
  for (const name of names) {
    await api.rpc.author.insertKey('vrty', `//${name}`, u8aToHex(ring.addFromUri(`//${name}`).publicKey));
  }
  const set = (key, value) => api.rpc.offchain.localStorageSet('PERSISTENT', stringToHex(key), stringToHex(value));
  await set('verity::compute::endpoint', endpoint);
  if (!ray) return;
  await set('verity::compute::ray', ray);
  await set('verity::compute::ray::entrypoint', `python ${ROOT}/scripts/cluster/train_tiny.py`);
  await set('verity::compute::ray::inference_entrypoint',
    `env VERITY_INFER_URL=${endpoint} python ${ROOT}/scripts/cluster/infer_job.py`);
  await set('verity::compute::async_tokens', String(asyncTokens));
}
