// The JavaScript harnesses agree with the Rust vectors (docs/eval-harnesses.md): a test, or any
// client, can score a model's answers independently of the evaluators' workers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../lib/node.mjs';
import { HARNESSES, harnessHash, itemHash, testSetRoot, request, isCorrect, arithmeticItems, multipleChoiceItems, hex } from '../lib/harness.mjs';

const vectors = JSON.parse(readFileSync(join(ROOT, 'pallets/eval-attestation/src/tests/harness-vectors.json'), 'utf8'));

test('JavaScript item hashes, requests and verdicts equal the Rust vectors', () => {
  assert.ok(vectors.cases.length >= 4);
  for (const c of vectors.cases) {
    assert.ok(Object.values(HARNESSES).includes(c.harness));
    assert.equal(harnessHash(c.harness), c.harness_hash);
    assert.equal(hex(itemHash(c.item)), c.item_hash, c.item.question);
    const r = request(c.item, vectors.model, vectors.seed);
    assert.equal(r.path, c.path);
    assert.equal(r.body, c.request, c.item.question);
    assert.equal(isCorrect(c.item, JSON.parse(c.response)), c.correct, c.item.question);
  }
  const qa = vectors.cases.filter((c) => c.harness === HARNESSES.qa).map((c) => c.item);
  assert.deepEqual(testSetRoot(qa), vectors.qa_set);
});

test('the arithmetic test set is reproducible and its answers are right', () => {
  const items = arithmeticItems(60, 7);
  assert.deepEqual(items, arithmeticItems(60, 7));
  assert.notDeepEqual(items, arithmeticItems(60, 8));
  for (const { question, answer } of items) {
    const [, a, op, b] = question.match(/^What is (\d+) ([-+*]) (\d+)\?$/);
    assert.equal(Number(answer), { '+': Number(a) + Number(b), '-': Number(a) - Number(b), '*': Number(a) * Number(b) }[op]);
  }
  assert.equal(items.length, 60);
  assert.equal(new Set(items.map((i) => hex(itemHash(i)))).size, 60, 'distinct items, as shards must be');
});

test('the multiple-choice test set has one right choice per item, at varying places', () => {
  const items = multipleChoiceItems(20, 7);
  assert.equal(items.length, 20);
  assert.equal(new Set(items.map((i) => hex(itemHash(i)))).size, 20);
  for (const { question, choices, answer } of items) {
    const [, a, b] = question.match(/^What is (\d+) \+ (\d+)\?$/);
    assert.equal(choices.length, 4);
    assert.equal(new Set(choices).size, 4);
    assert.equal(Number(choices[answer]), Number(a) + Number(b));
  }
  assert.ok(new Set(items.map((i) => i.answer)).size > 1);
});
