// The bench node, and pushing pre-signed extrinsics through it while following the blocks that
// take them.
import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { connect, errorName } from '../../e2e/lib/node.mjs';

export const RPC_PORT = 29944;
export const P2P_PORT = 39333;
export const BENCH_BIN = '/tmp/verity-bench-node';

/** Copies `source` to BENCH_BIN (the build directory's binary may be rebuilt while we run). */
export function copyBinary(source) {
  copyFileSync(source, BENCH_BIN);
  chmodSync(BENCH_BIN, 0o755);
  // Also proves the copy is a whole binary, not one caught half-linked.
  return execFileSync(BENCH_BIN, ['--version']).toString().trim();
}

const listening = (port) => new Promise((resolve) => {
  const socket = createConnection({ port, host: '127.0.0.1' }, () => { socket.destroy(); resolve(true); });
  socket.on('error', () => resolve(false));
});

/** Starts BENCH_BIN as a fresh dev chain on the bench's ports; returns { proc, api, stop }. */
export async function startNode(logPath) {
  for (const port of [RPC_PORT, P2P_PORT]) {
    if (await listening(port)) throw new Error(`port ${port} is in use (another bench running?)`);
  }
  const log = openSync(logPath, 'w');
  const proc = spawn(BENCH_BIN, [
    '--dev', '--tmp', '--rpc-port', String(RPC_PORT), '--listen-addr', `/ip4/127.0.0.1/tcp/${P2P_PORT}`,
    '--no-prometheus', '--no-mdns', '--no-telemetry',
    // Nobody serves compute seats here: the bench commits and reveals by hand.
    '--offchain-worker', 'never',
    // The whole load of a kind sits in the pool at once: the defaults are 8,192 transactions and
    // 20 MiB (and a tenth of each for the future queue).
    '--pool-limit', '200000', '--pool-kbytes', '2000000',
    // A block of thousands of extrinsics, or its events, can outgrow the default 15 MB response.
    '--rpc-max-response-size', '256',
  ], { stdio: ['ignore', log, log] });
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  const died = exited.then(({ code, signal }) => {
    throw new Error(`verity-node exited (code ${code}, signal ${signal}):\n${readFileSync(logPath, 'utf8').slice(-2000)}`);
  });
  died.catch(() => {});
  const api = await Promise.race([connect(RPC_PORT), died]);
  const kill = () => { if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGINT'); };
  process.on('exit', kill);
  return {
    proc, api,
    async stop() {
      await api.disconnect().catch(() => {});
      kill();
      await exited;
      rmSync(BENCH_BIN, { force: true });
    },
  };
}

/**
 * Signs each `{ pair, call }` offline with an explicit nonce (the signer's on-chain nonce
 * onwards, in list order) and an immortal era. Returns rounds: round k holds every signer's
 * k-th transaction, the order in which they reach the pool ready at once (never "future").
 */
export async function signAll(api, items) {
  const addresses = [...new Set(items.map(({ pair }) => pair.address))];
  const accounts = await api.query.system.account.multi(addresses);
  const base = new Map(addresses.map((a, i) => [a, accounts[i].nonce.toNumber()]));
  // What signAsync passes for an immortal era, without its per-call async round: a third faster.
  const options = {
    blockHash: api.genesisHash, genesisHash: api.genesisHash, runtimeVersion: api.runtimeVersion,
    signedExtensions: api.registry.signedExtensions, version: api.extrinsicType,
  };
  const used = new Map();
  const rounds = [];
  for (const [i, { pair, call }] of items.entries()) {
    const k = used.get(pair.address) ?? 0;
    used.set(pair.address, k + 1);
    const tx = call.sign(pair, { ...options, nonce: base.get(pair.address) + k });
    (rounds[k] ??= []).push({ tx, i });
  }
  return rounds;
}

const bump = (counts, key, by = 1) => { counts[key] = (counts[key] ?? 0) + by; };

/**
 * Submits signed `rounds` (from signAll) and follows the best blocks until each is in a block,
 * or none was for `stallBlocks` blocks after the last submission. With `keep`, `results[i]` is
 * item i's `{ events, error }` (undefined when it never made a block).
 */
export async function push(api, rounds, { keep = false, stallBlocks = 5 } = {}) {
  const all = rounds.flat();
  const waiting = new Map(all.map(({ tx, i }) => [tx.hash.toHex(), i]));
  const r = {
    sent: all.length, rejected: 0, included: 0, failed: 0,
    rejections: {}, errors: {}, events: {}, blocks: [], results: keep ? [] : undefined,
  };
  const head = await api.rpc.chain.getHeader();
  let next = head.number.toNumber() + 1;
  let prevTs = (await api.query.timestamp.now.at(head.hash)).toNumber();
  let done = Infinity; // when the last submission was accepted
  let idle = 0;

  /** Records block `n`: its timestamp, size and normal-class weight, and which of ours it holds. */
  const scan = async (n) => {
    const hash = await api.rpc.chain.getBlockHash(n);
    const { block } = await api.rpc.chain.getBlock(hash);
    const ts = block.extrinsics.find((x) => x.method.section === 'timestamp').method.args[0].toNumber();
    const mine = new Map(); // extrinsic index → item index
    let bytes = 0;
    block.extrinsics.forEach((x, index) => {
      bytes += x.encodedLength;
      const h = x.hash.toHex();
      if (waiting.has(h)) { mine.set(index, waiting.get(h)); waiting.delete(h); }
    });
    const b = { n, ts, dt: ts - prevTs, ours: mine.size, extrinsics: block.extrinsics.length, bytes, weight: 0, hooks: 0 };
    prevTs = ts;
    if (mine.size) {
      const [records, weight] = await Promise.all([api.query.system.events.at(hash), api.query.system.blockWeight.at(hash)]);
      b.weight = Number(weight.normal.refTime.toBigInt());
      // Hooks (on_initialize, e.g. the draws) and inherents: they leave the normal class less room.
      b.hooks = Number(weight.mandatory.refTime.toBigInt());
      if (keep) for (const i of mine.values()) r.results[i] = { events: [], error: null };
      for (const { phase, event } of records) {
        const i = phase.isApplyExtrinsic ? mine.get(phase.asApplyExtrinsic.toNumber()) : undefined;
        if (i === undefined) continue;
        bump(r.events, `${event.section}.${event.method}`);
        if (keep) r.results[i].events.push(event);
        if (api.events.system.ExtrinsicFailed.is(event)) {
          const error = errorName(api, event.data[0]);
          r.failed++;
          bump(r.errors, error);
          if (keep) r.results[i].error = error;
        }
      }
    }
    r.included += mine.size;
    r.blocks.push(b);
    idle = mine.size || ts < done ? 0 : idle + 1;
  };

  let unsub = () => {};
  let check;
  let watchdog;
  const finished = new Promise((resolve, reject) => {
    check = () => { if (done < Infinity && (waiting.size === 0 || idle >= stallBlocks)) resolve(); };
    let lastHead = Date.now();
    watchdog = setInterval(() => { if (Date.now() - lastHead > 90_000) reject(new Error('no new block for 90 s')); }, 5_000);
    let chain = Promise.resolve();
    api.rpc.chain.subscribeNewHeads((header) => {
      lastHead = Date.now();
      // One scan at a time, every block number once, even when heads come faster than scans.
      chain = chain.then(async () => {
        for (; next <= header.number.toNumber(); next++) await scan(next);
        check();
      }).catch(reject);
    }).then((u) => { unsub = u; }, reject);
  });
  finished.catch(() => {});

  r.t0 = Date.now();
  try {
    for (const round of rounds) {
      await Promise.all(round.map(({ tx }) => api.rpc.author.submitExtrinsic(tx).catch((e) => {
        r.rejected++;
        bump(r.rejections, e.message.slice(0, 120));
        waiting.delete(tx.hash.toHex());
      })));
    }
    r.tDone = done = Date.now();
    check(); // everything refused: no block to wait for
    await finished;
  } finally {
    clearInterval(watchdog);
    unsub();
  }
  r.tEnd = Date.now();
  r.missing = waiting.size;
  return r;
}

/**
 * What a pushed load says about throughput. A block is full when it was authored after the whole
 * load was in the pool and a later block still took some: the pool, not the block, was never the
 * limit. `limits` = { weight, bytes } of the normal class and the whole block's weight `block`.
 */
export function summarize(r, limits) {
  const ours = r.blocks.filter((b) => b.ours > 0);
  const last = ours.at(-1);
  const full = ours.filter((b) => b !== last && b.ts >= r.tDone);
  const sum = (xs, f) => xs.reduce((s, x) => s + f(x), 0);
  const mean = (f) => (full.length ? sum(full, f) / full.length : null);
  return {
    sent: r.sent, rejected: r.rejected, included: r.included, failed: r.failed, missing: r.missing,
    maxPerBlock: Math.max(0, ...ours.map((b) => b.ours)),
    blocks: ours.length,
    fullBlocks: full.length,
    perSecond: full.length ? sum(full, (b) => b.ours) / (sum(full, (b) => b.dt) / 1000) : null,
    // The normal class's weight an included extrinsic took (its call, the extensions and the base
    // extrinsic weight, as the block counted them), over every block with some: a load too small
    // to fill a block still says how many would fit one.
    weightEach: ours.length ? sum(ours, (b) => b.weight) / sum(ours, (b) => b.ours) : null,
    weightPct: mean((b) => (100 * b.weight) / limits.weight),
    lengthPct: mean((b) => (100 * b.bytes) / limits.bytes),
    hooksPct: mean((b) => (100 * b.hooks) / limits.block),
    submitSeconds: (r.tDone - r.t0) / 1000,
    errors: r.errors, rejections: r.rejections, events: r.events,
    perBlock: r.blocks.map((b) => ({
      n: b.n, ts: b.ts, dt: b.dt, ours: b.ours, extrinsics: b.extrinsics, bytes: b.bytes, weight: b.weight, hooks: b.hooks, full: full.includes(b),
    })),
  };
}

const LIMITS = { NoMoreTransactions: 'pool', HitDeadline: 'time', HitBlockWeightLimit: 'weight', HitBlockSizeLimit: 'size' };

/**
 * Adds to each kind's blocks what the node's log says of authoring them (basic authorship's
 * "Prepared block for proposing at N (T ms) …; end: Reason"), and to the kind the reason its full
 * blocks ended (else its largest block's): pool, time, weight or size.
 */
export function addAuthoring(kinds, log) {
  const authored = new Map();
  for (const [, n, ms, end] of log.matchAll(/Prepared block for proposing at (\d+) \((\d+) ms\).*?end: (\w+)/g)) {
    authored.set(Number(n), { ms: Number(ms), end: LIMITS[end] ?? end });
  }
  for (const s of Object.values(kinds)) {
    for (const b of s.perBlock) Object.assign(b, { authorMs: authored.get(b.n)?.ms, end: authored.get(b.n)?.end });
    const full = s.perBlock.filter((b) => b.full);
    const largest = s.perBlock.filter((b) => b.ours === s.maxPerBlock && b.ours > 0).slice(0, 1);
    const ends = (full.length ? full : largest).map((b) => b.end);
    s.limit = [...new Set(ends)].map((e) => `${e ?? '?'}${ends.length > 1 ? `×${ends.filter((x) => x === e).length}` : ''}`).join(' ');
  }
}
