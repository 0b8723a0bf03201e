// Starting and stopping real Verity nodes, and the waits the tests share.
import { spawn, execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ApiPromise, WsProvider } from '@polkadot/api';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const NODE_BIN =
  process.env.NODE_BIN ||
  join(process.env.CARGO_TARGET_DIR || join(process.env.HOME, '.cache/verity/target'), 'release/verity-node');

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const run = promisify(execFile);

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Connects to a node's RPC, retrying while it starts. */
export async function connect(port, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const provider = new WsProvider(`ws://127.0.0.1:${port}`, false);
    try {
      await provider.connect();
      await provider.isReadyOrError;
      return await ApiPromise.create({ provider, throwOnConnect: true, noInitWarn: true });
    } catch (err) {
      await provider.disconnect().catch(() => {});
      if (Date.now() > deadline) throw new Error(`no RPC on port ${port}: ${err.message}`);
      await sleep(500);
    }
  }
}

/** Starts `verity-node --dev` with fresh state; returns its process, API and log path. */
export function startDevNode(extraArgs = []) {
  return startNode(['--dev'], extraArgs);
}

/**
 * Starts `verity-node` with `chainArgs` (e.g. `['--dev']`, or `['--chain', 'dev']` for a second,
 * non-validating node) and fresh state; returns its process, API, ports and log path.
 */
export async function startNode(chainArgs, extraArgs = []) {
  const dir = mkdtempSync(join(tmpdir(), 'verity-dev-'));
  const rpcPort = await freePort();
  const p2pPort = await freePort();
  const logPath = join(dir, 'node.log');
  const args = [
    ...chainArgs, '--base-path', join(dir, 'db'),
    '--rpc-port', String(rpcPort),
    '--listen-addr', `/ip4/127.0.0.1/tcp/${p2pPort}`,
    '--no-prometheus', '--no-mdns', '--no-telemetry',
    ...extraArgs,
  ];
  /** Spawns the node on `dir`'s database (its log appended); resolves once its RPC answers. */
  const launch = async () => {
    const proc = spawn(NODE_BIN, args, { stdio: ['ignore', openSync(logPath, 'a'), openSync(logPath, 'a')] });
    const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
    // A node that exits while starting fails the test at once, with its log.
    const died = exited.then(({ code, signal }) => {
      throw new Error(`verity-node exited (code ${code}, signal ${signal}):\n${readFileSync(logPath, 'utf8').slice(-2000)}`);
    });
    const api = await Promise.race([connect(rpcPort), died]);
    died.catch(() => {});
    return { proc, api, exited };
  };
  const halt = async (running) => {
    await running.api.disconnect().catch(() => {});
    if (running.proc.exitCode === null && running.proc.signalCode === null) running.proc.kill('SIGINT');
    return running.exited;
  };
  let running = await launch();
  return {
    get proc() { return running.proc; },
    get api() { return running.api; },
    get exited() { return running.exited; },
    rpcPort, p2pPort, logPath,
    /** This node's address for another node's `--bootnodes`. */
    async multiaddr() {
      return `/ip4/127.0.0.1/tcp/${p2pPort}/p2p/${(await running.api.rpc.system.localPeerId()).toString()}`;
    },
    /** Stops the node and starts it again on the same database, keystore and ports. */
    async restart() {
      await halt(running);
      running = await launch();
      return running.api;
    },
    async stop() {
      const status = await halt(running);
      rmSync(dir, { recursive: true, force: true });
      return status;
    },
  };
}

/** Resolves with the first header (best or finalized) whose number reaches `n`. */
export function waitForBlock(api, n, { finalized = false, timeoutMs = 120_000 } = {}) {
  return new Promise((resolve, reject) => {
    let unsub = () => {};
    const timer = setTimeout(() => {
      unsub();
      reject(new Error(`no ${finalized ? 'finalized' : 'best'} block #${n} within ${timeoutMs} ms`));
    }, timeoutMs);
    const subscribe = finalized ? api.rpc.chain.subscribeFinalizedHeads : api.rpc.chain.subscribeNewHeads;
    subscribe((header) => {
      if (header.number.toNumber() >= n) {
        clearTimeout(timer);
        unsub();
        resolve(header);
      }
    }).then((u) => { unsub = u; });
  });
}

/**
 * Signs and submits `tx`, resolves once it is in a block with that block's hash, its events and
 * its dispatch error (decoded to `section.name` for module errors), if any. `options` are
 * polkadot.js signer options, e.g. `{ nonce }` to send many at once (see `submitAll`).
 */
export function submit(api, tx, signer, options = {}) {
  return new Promise((resolve, reject) => {
    let unsub = () => {};
    tx.signAndSend(signer, options, ({ status, events, dispatchError }) => {
      if (status.isInvalid || status.isDropped || status.isUsurped) {
        unsub();
        reject(new Error(`transaction ${status.type}`));
      }
      if (!status.isInBlock) return;
      unsub();
      resolve({ blockHash: status.asInBlock, events, dispatchError, error: errorName(api, dispatchError) });
    }).then((u) => { unsub = u; }, reject);
  });
}

/** `Section.Name` of a dispatch error: module errors through the metadata, others by kind. */
export function errorName(api, dispatchError) {
  if (!dispatchError) return null;
  if (dispatchError.isModule) {
    const { section, name } = api.registry.findMetaError(dispatchError.asModule);
    return `${section}.${name}`;
  }
  if (dispatchError.isToken) return `Token.${dispatchError.asToken.type}`;
  if (dispatchError.isArithmetic) return `Arithmetic.${dispatchError.asArithmetic.type}`;
  return dispatchError.type;
}

/** The event `section.method` among `events`, or undefined. */
export const findEvent = (events, section, method) =>
  events.map(({ event }) => event).find((e) => e.section === section && e.method === method);

/**
 * Submits `txs` from one signer with consecutive explicit nonces, all at once, so they fill
 * blocks in order without a round trip each; resolves with their `submit`-shaped results
 * (`{ blockHash, events, dispatchError, error }`), in order. The node allows 1024 subscriptions
 * per connection, so instead of watching each transaction this follows the best blocks and
 * finds them there by hash.
 *
 * With `refusals`, the pool may refuse some (an undecodable call, an unpayable fee): they are
 * signed and sent one at a time, a refused one keeps its nonce for the next, and its result is
 * `{ refused: message }`.
 */
export async function submitAll(api, txs, signer, { timeoutMs = 300_000, refusals = false } = {}) {
  let nonce = (await api.rpc.system.accountNextIndex(signer.address)).toNumber();
  const results = new Array(txs.length);
  const signed = [];
  if (!refusals) {
    signed.push(...await Promise.all(txs.map((tx, i) => tx.signAsync(signer, { nonce: nonce + i }))));
  }
  const waiting = new Map(signed.map((tx, i) => [tx.hash.toHex(), i]));
  let next = (await api.rpc.chain.getHeader()).number.toNumber() + 1;

  /** Records the transactions of block `n` that are ours. */
  const scan = async (n) => {
    const hash = await api.rpc.chain.getBlockHash(n);
    const [block, events] = await Promise.all([api.rpc.chain.getBlock(hash), api.query.system.events.at(hash)]);
    block.block.extrinsics.forEach((x, index) => {
      const i = waiting.get(x.hash.toHex());
      if (i === undefined) return;
      waiting.delete(x.hash.toHex());
      const own = events.filter(({ phase }) => phase.isApplyExtrinsic && phase.asApplyExtrinsic.toNumber() === index);
      const failed = own.find(({ event }) => api.events.system.ExtrinsicFailed.is(event));
      const dispatchError = failed ? failed.event.data[0] : undefined;
      results[i] = { blockHash: hash, events: own, dispatchError, error: errorName(api, dispatchError) };
    });
  };

  let unsub = () => {};
  let timer;
  let sent = false; // all sent: only then does an empty `waiting` mean all are in
  const included = new Promise((resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${waiting.size} of ${txs.length} transactions not in a block within ${timeoutMs} ms`)), timeoutMs);
    let chain = Promise.resolve();
    api.rpc.chain.subscribeNewHeads((header) => {
      // One scan at a time, every block number once, even when heads come faster than scans.
      chain = chain.then(async () => {
        for (; next <= header.number.toNumber(); next++) await scan(next);
        if (waiting.size === 0 && sent) resolve(results);
      }).catch(reject);
    }).then((u) => { unsub = u; }, reject);
  });
  included.catch(() => {}); // a refused submission below is the error to report
  try {
    if (refusals) {
      for (const [i, tx] of txs.entries()) {
        const x = await tx.signAsync(signer, { nonce });
        waiting.set(x.hash.toHex(), i);
        try {
          await api.rpc.author.submitExtrinsic(x);
          nonce += 1;
        } catch (err) {
          waiting.delete(x.hash.toHex());
          results[i] = { refused: err.message };
        }
      }
    } else {
      await Promise.all(signed.map((x) => api.rpc.author.submitExtrinsic(x)));
    }
    sent = true;
    if (waiting.size === 0) return results;
    return await included;
  } finally {
    clearTimeout(timer);
    unsub();
  }
}

/**
 * One JSON-RPC call over HTTP to the node's RPC port; resolves with its result. Upstream's RPC
 * server leaves Nagle's algorithm on, so a WebSocket answer over 8 KiB waited about 40 ms for the
 * client's delayed ACK; Verity's node sets TCP_NODELAY (`patches/sc-rpc-server`), and the
 * lineage test compares both paths.
 */
export async function rpcHttp(port, method, params) {
  const res = await fetch(`http://127.0.0.1:${port}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const body = await res.json();
  if (body.error) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
  return body.result;
}

/**
 * Records every event of every new best block from now on, so a test can wait for one that
 * may come many blocks later (`waitFor`) or look back at what happened (`all`).
 */
export async function recordEvents(api) {
  const seen = [];
  const waiters = [];
  let stopped = false;
  const unsub = await api.rpc.chain.subscribeNewHeads(async (header) => {
    const block = header.number.toNumber();
    // A head that arrives while the test disconnects is not worth an unhandled rejection.
    const records = await api.at(header.hash).then((at) => at.query.system.events()).catch((e) => {
      if (!stopped) throw e;
      return [];
    });
    for (const { event, phase } of records) {
      seen.push({ block, event, phase });
      for (const w of [...waiters]) {
        if (w.match(event, block)) {
          waiters.splice(waiters.indexOf(w), 1);
          clearTimeout(w.timer);
          w.resolve({ block, event });
        }
      }
    }
  });
  return {
    /** Every recorded `{ block, event, phase }` for which `match(event, block)` holds. */
    all: (match) => seen.filter(({ event, block }) => match(event, block)),
    /** The first recorded or future event for which `match(event, block)` holds, with its block. */
    waitFor(match, timeoutMs = 180_000, what = 'event') {
      const past = seen.find(({ event, block }) => match(event, block));
      if (past) return Promise.resolve(past);
      return new Promise((resolve, reject) => {
        const w = { match, resolve };
        w.timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(w), 1);
          reject(new Error(`${what} not seen within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.push(w);
      });
    },
    stop: () => { stopped = true; unsub(); },
  };
}

/** A predicate for `recordEvents`: event `section.method` whose `data.job` is `job`, if given. */
export const isEvent = (section, method, job) => (e) =>
  e.section === section && e.method === method && (job === undefined || e.data.job?.toNumber() === job);
