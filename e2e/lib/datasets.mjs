// Registering datasets as the registry asks: commit to (root, owner, shards) in one block, then
// register with the salt in a later one, so a front-runner who sees the registration cannot take
// the root (its copy of the commitment opens only for the committer).
import { blake2AsU8a, randomAsU8a } from '@polkadot/util-crypto';
import { stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { hexToU8a, root } from './merkle.mjs';
import { submitAll } from './node.mjs';

const H = (...parts) => blake2AsU8a(u8aConcat(...parts), 256);

/** `commitment(DATASET_REGISTRATION, root, owner, blake2_256(SCALE(shards)), salt)`. */
export const registrationCommitment = (api, who, shards, salt, rootOf = root(shards)) => u8aToHex(H(
  stringToU8a('vrty/dsr'),
  hexToU8a(rootOf),
  who.publicKey,
  H(api.createType('Vec<H256>', shards.map((s) => u8aToHex(s))).toU8a()),
  salt,
));

/** A curated dataset description named `name`. */
export const description = (name) => ({
  name, uri: `ipfs://verity/${name}`, license: 'CC-BY-4.0', recordCount: 1000, byteSize: 1 << 20,
});

/**
 * Registers each shard list of `lists` for `signer` (commits in one batch, registers in the next
 * block); resolves with the `submitAll` results of the registrations, in order.
 */
export async function registerDatasets(api, signer, lists, nameOf = (i) => `corpus-${i}`) {
  const salts = lists.map(() => randomAsU8a(32));
  const commits = await submitAll(api, lists.map((shards, i) =>
    api.tx.datasetRegistry.commitRegistration(registrationCommitment(api, signer, shards, salts[i]))), signer);
  for (const c of commits) if (c.error) throw new Error(`commitRegistration: ${c.error}`);
  return submitAll(api, lists.map((shards, i) => api.tx.datasetRegistry.register(
    root(shards), shards.map((s) => u8aToHex(s)), 'Curated', [], description(nameOf(i)), u8aToHex(salts[i]))), signer);
}
