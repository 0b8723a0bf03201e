// Runs the e2e files four at a time, longest first. The files wait for blocks more than they
// compute (with 2-second blocks the load peaks near 6 on two cores), so the wall time is set by
// how the long files are packed: `node --test` starts them in alphabetical order, which
// left the two longest starting after five minutes. Files not listed here run after these,
// in alphabetical order. Usage: `node run.mjs [file ...]` (default: every file in tests/), or
// `node run.mjs --except file ...` (every file but those).
import { run } from 'node:test';
import { tap } from 'node:test/reporters';
import { readdirSync } from 'node:fs';
import { join, dirname, basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const CONCURRENCY = Number(process.env.E2E_CONCURRENCY || 4);

// Longest first, by the sum of their tests' durations (seconds, 2-second blocks, one run of the
// whole suite four at a time on two cores).
const LONGEST_FIRST = [
  'compute-attacks', // 341
  'eval-worker', // 268
  'compute-staking', // 185
  'dataset-registry', // 101
  'local-net', // 88
  'provenance-attacks', // 76
  'eval-attestation', // 72
  'explorer', // 53
  'lineage-depth', // 34
  'bad-input', // 33
  'model-lineage', // 32
  'anchor-cli', // 31
  'dev-chain', // 25
  'reasoning-anchor', // 25
  'lineage-griefing', // 23
];

const all = readdirSync(join(here, 'tests')).filter((f) => f.endsWith('.test.mjs')).sort();
const args = process.argv.slice(2);
const except = args[0] === '--except';
const named = (except ? args.slice(1) : args).map((f) => basename(f));
const unknown = named.filter((f) => !all.includes(f));
if (unknown.length) {
  console.error(`no such e2e file: ${unknown.join(', ')}`);
  process.exit(1);
}
const chosen = except ? all.filter((f) => !named.includes(f)) : named.length ? named : all;
const rank = (f) => {
  const i = LONGEST_FIRST.indexOf(f.replace(/\.test\.mjs$/, ''));
  return i < 0 ? LONGEST_FIRST.length : i;
};
const files = chosen.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)).map((f) => join(here, 'tests', f));

const stream = run({ files, concurrency: CONCURRENCY });
stream.on('test:fail', () => { process.exitCode = 1; });
stream.compose(tap).pipe(process.stdout);
