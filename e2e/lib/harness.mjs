// The evaluation harnesses of docs/eval-harnesses.md in JavaScript, as a client or a test
// computes them independently of the worker: item hashes, the test set's root, requests,
// normalisation, verdicts and the score. `harness-format.test.mjs` holds it to the Rust vectors.
import { blake2AsHex, blake2AsU8a } from '@polkadot/util-crypto';
import { compactToU8a, stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { root } from './merkle.mjs';

export const HARNESSES = { qa: 'verity/harness/qa-exact/1', mc: 'verity/harness/mc-logprob/1' };
export const harnessHash = (name) => blake2AsHex(stringToU8a(name), 256);

const scaleString = (s) => {
  const bytes = stringToU8a(s);
  return u8aConcat(compactToU8a(bytes.length), bytes);
};
const u32le = (n) => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n, true);
  return b;
};

/** The item's hash: blake2-256 of its canonical SCALE bytes. */
export function itemHash(item) {
  if (item.choices === undefined) {
    return blake2AsU8a(u8aConcat(stringToU8a('vrty/qa1'), scaleString(item.question), scaleString(item.answer)), 256);
  }
  return blake2AsU8a(u8aConcat(stringToU8a('vrty/mc1'), scaleString(item.question),
    compactToU8a(item.choices.length), ...item.choices.map(scaleString), u32le(item.answer)), 256);
}

/** `{ root, items }` of a test set: the benchmark's `test_set_root` and `test_items`. */
export const testSetRoot = (items) => ({ root: root(items.map(itemHash)), items: items.length });

/** The test-set file: one JSON item per line. */
export const testSetFile = (items) => items.map((i) => JSON.stringify(i)).join('\n') + '\n';

/** `{ path, body }` of the request asking `model` about `item` with the request's `seed`. */
export function request(item, model, seed) {
  const s = Number(BigInt(seed) % 0xFFFFFFFFn);
  if (item.choices === undefined) {
    return {
      path: '/v1/chat/completions',
      body: JSON.stringify({
        max_tokens: 32,
        messages: [
          { content: 'Answer with the final answer only.', role: 'system' },
          { content: `Question: ${item.question}\nAnswer:`, role: 'user' },
        ],
        model, seed: s, stream: false, temperature: 0,
      }),
    };
  }
  return {
    path: '/v1/completions',
    body: JSON.stringify({ logprobs: 20, max_tokens: 1, model, prompt: mcPrompt(item), seed: s, stream: false, temperature: 0 }),
  };
}

export const mcPrompt = (item) =>
  [`Question: ${item.question}`, ...item.choices.map((c, i) => `${String.fromCharCode(65 + i)}. ${c}`), 'Answer:'].join('\n');

/** First line, ASCII lower case, whitespace runs to one space, trimmed, one trailing `.` off. */
export function normalise(text) {
  const line = text.split('\n')[0].replace(/[A-Z]/g, (c) => c.toLowerCase());
  const joined = line.split(/[\t\n\f\r ]+/).filter((w) => w !== '').join(' ');
  return (joined.endsWith('.') ? joined.slice(0, -1) : joined).trimEnd();
}

const NUMBER = /-?[0-9]+(\.[0-9]+)?/g;
export const isNumber = (s) => /^-?[0-9]+(\.[0-9]+)?$/.test(s);
export const lastNumber = (s) => (s.match(NUMBER) ?? []).at(-1) ?? null;

export function qaMatches(said, answer) {
  const expected = normalise(answer);
  const got = normalise(said);
  return isNumber(expected) ? (lastNumber(got) ?? '') === expected : got === expected;
}

/** The letter index ranked first among `top` (`[{ token, logprob }]`), earlier letter on a tie. */
export function mcChoice(top, choices) {
  let best = null;
  for (const { token, logprob } of top) {
    if (typeof token !== 'string' || typeof logprob !== 'number') continue;
    const t = token.replace(/^ +| +$/g, '');
    const index = t.length === 1 ? t.charCodeAt(0) - 65 : -1;
    if (index < 0 || index >= choices) continue;
    if (best === null || logprob > best.logprob || (logprob === best.logprob && index < best.index)) best = { index, logprob };
  }
  return best?.index ?? null;
}

/** Whether the server's parsed JSON `response` answers `item` correctly. */
export function isCorrect(item, response) {
  const first = response.choices[0];
  if (item.choices === undefined) return qaMatches(first.message.content, item.answer);
  return mcChoice(first.logprobs.content[0].top_logprobs, item.choices.length) === item.answer;
}

/** Accuracy in parts per million, rounded down. */
export const score = (correct, items) => (items === 0 ? 0 : Math.floor(Math.min(correct, items) * 1_000_000 / items));

/**
 * `n` distinct arithmetic `qa-exact/1` items with known answers, the same for the same `seed`
 * (distinct: a test set's items are a dataset's shards, which never repeat).
 */
export function arithmeticItems(n, seed = 1) {
  let x = seed >>> 0 || 1;
  const next = () => { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return x; };
  const items = new Map();
  while (items.size < n) {
    const a = next() % 20;
    const b = next() % 20;
    const [op, value] = [['+', a + b], ['-', a - b], ['*', a * b]][next() % 3];
    const question = `What is ${a} ${op} ${b}?`;
    if (!items.has(question)) items.set(question, { question, answer: String(value) });
  }
  return [...items.values()];
}

/**
 * `n` distinct `mc-logprob/1` items: a sum with four numeric choices, the right one at a place
 * the seed picks; the same for the same `seed`.
 */
export function multipleChoiceItems(n, seed = 1) {
  const sums = arithmeticItems(4 * n, seed).filter((i) => i.question.includes('+')).slice(0, n);
  return sums.map(({ question, answer }, i) => {
    const right = Number(answer);
    const wrong = [right + 1, right + 3, right - 2];
    const at = (i * 7 + seed) % 4;
    const choices = [...wrong.slice(0, at), right, ...wrong.slice(at)].map(String);
    return { question, choices, answer: at };
  });
}

export const hex = u8aToHex;
