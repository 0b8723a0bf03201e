// Runs the e2e files four at a time, longest first. The files wait for blocks far more than
// they compute (the load stays under 2.5 on two cores at three at a time), so the wall time is
// set by how the long files are packed: `node --test` starts them in alphabetical order, which
// left the two longest starting after five minutes. Files not listed here run after these,
// in alphabetical order. Usage: `node run.mjs [file ...]` (default: every file in tests/).
import { run } from 'node:test';
import { tap } from 'node:test/reporters';
import { readdirSync } from 'node:fs';
import { join, dirname, basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const CONCURRENCY = Number(process.env.E2E_CONCURRENCY || 4);

// Longest first, by the sum of their tests' durations in CI (seconds, at `a545b88`).
const LONGEST_FIRST = [
  'compute-attacks', // 424
  'eval-worker', // 358
  'compute-staking', // 231
  'dataset-registry', // 196
  'eval-attestation', // 184
  'provenance-attacks', // 163
  'local-net', // 112
  'explorer', // 106
  'bad-input', // 54
  'dev-chain', // 52
  'reasoning-anchor', // 51
  'lineage-griefing', // 46
  'lineage-depth', // 45
  'model-lineage', // 42
  'anchor-cli', // 36
];

const all = readdirSync(join(here, 'tests')).filter((f) => f.endsWith('.test.mjs')).sort();
const wanted = process.argv.slice(2).map((f) => basename(f));
const chosen = wanted.length ? all.filter((f) => wanted.includes(f)) : all;
const rank = (f) => {
  const i = LONGEST_FIRST.indexOf(f.replace(/\.test\.mjs$/, ''));
  return i < 0 ? LONGEST_FIRST.length : i;
};
const files = chosen.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)).map((f) => join(here, 'tests', f));

const stream = run({ files, concurrency: CONCURRENCY });
stream.on('test:fail', () => { process.exitCode = 1; });
stream.compose(tap).pipe(process.stdout);
