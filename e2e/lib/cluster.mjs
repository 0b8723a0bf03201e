// Starting and stopping the cluster stand-ins (scripts/cluster/*.sh) that providers' off-chain
// workers call: real servers on 127.0.0.1, started and stopped by PID through the scripts.
import { join } from 'node:path';
import { ROOT, run } from './node.mjs';

/** Runs `scripts/cluster/<script> start` with `env`; resolves with a handle whose `stop()` undoes it. */
export async function startService(script, env = {}) {
  const path = join(ROOT, 'scripts', 'cluster', script);
  const opts = { env: { ...process.env, ...env }, timeout: 900_000, maxBuffer: 1 << 24 };
  await run('bash', [path, 'start'], opts);
  return { stop: () => run('bash', [path, 'stop'], opts).catch(() => {}) };
}
