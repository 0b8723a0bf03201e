// Verity's Merkle format (docs/merkle-format.md) in JavaScript, as a dApp rebuilds it.
import { blake2AsU8a } from '@polkadot/util-crypto';
import { u8aConcat, u8aToHex, hexToU8a } from '@polkadot/util';

const u64le = (n) => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt(n), true);
  return b;
};
const H = (...parts) => blake2AsU8a(u8aConcat(...parts), 256);

export const leafHash = (index, data) => H(new Uint8Array([0]), u64le(index), data);
export const nodeHash = (left, right) => H(new Uint8Array([1]), left, right);

/** The next level up: neighbours paired, an odd last node promoted. */
const parentLevel = (level) => {
  const next = [];
  for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? nodeHash(level[i], level[i + 1]) : level[i]);
  return next;
};

/** Root over `items` (Uint8Arrays): `H(0x02 ‖ u64_le(n) ‖ top)`, the top of no leaves being zeros. */
export function root(items) {
  let level = items.map((d, i) => leafHash(i, d));
  while (level.length > 1) level = parentLevel(level);
  return u8aToHex(H(new Uint8Array([2]), u64le(items.length), level[0] ?? new Uint8Array(32)));
}

export { hexToU8a, u8aToHex };

/** The proof of item `index` of `items`: { leafIndex, leafCount, siblings } (hex). */
export function proof(items, index) {
  let level = items.map((d, i) => leafHash(i, d));
  const siblings = [];
  let position = index;
  while (level.length > 1) {
    const sibling = position ^ 1;
    if (sibling < level.length) siblings.push(u8aToHex(level[sibling]));
    level = parentLevel(level);
    position = Math.floor(position / 2);
  }
  return { leafIndex: index, leafCount: items.length, siblings };
}
