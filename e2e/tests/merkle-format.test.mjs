// The JavaScript Merkle code agrees with the Rust test vectors: clients in other languages can
// rebuild dataset and trace roots.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../lib/node.mjs';
import { root, hexToU8a } from '../lib/merkle.mjs';

const vectors = JSON.parse(readFileSync(join(ROOT, 'primitives/tests/merkle-vectors.json'), 'utf8'));

test('JavaScript roots equal the Rust vectors', () => {
  assert.ok(vectors.cases.length >= 3);
  for (const c of vectors.cases) {
    assert.equal(root(c.items_hex.map((h) => hexToU8a(h))), c.root, c.name);
  }
});
