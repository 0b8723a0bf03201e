// Starting and stopping real Verity nodes, and the waits the tests share.
import { spawn, execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, openSync, readFileSync } from 'node:fs';
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
export async function startDevNode(extraArgs = []) {
  const dir = mkdtempSync(join(tmpdir(), 'verity-dev-'));
  const rpcPort = await freePort();
  const p2pPort = await freePort();
  const logPath = join(dir, 'node.log');
  const log = openSync(logPath, 'w');
  const proc = spawn(
    NODE_BIN,
    [
      '--dev', '--base-path', join(dir, 'db'),
      '--rpc-port', String(rpcPort),
      '--listen-addr', `/ip4/127.0.0.1/tcp/${p2pPort}`,
      '--no-prometheus', '--no-mdns', '--no-telemetry',
      ...extraArgs,
    ],
    { stdio: ['ignore', log, log] },
  );
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  // A node that exits while starting fails the test at once, with its log.
  const died = exited.then(({ code, signal }) => {
    throw new Error(`verity-node exited (code ${code}, signal ${signal}):\n${readFileSync(logPath, 'utf8').slice(-2000)}`);
  });
  const api = await Promise.race([connect(rpcPort), died]);
  died.catch(() => {});
  return {
    proc, api, rpcPort, logPath, exited,
    async stop() {
      await api.disconnect().catch(() => {});
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGINT');
      return exited;
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
 * its dispatch error (decoded to `section.name` for module errors), if any.
 */
export function submit(api, tx, signer) {
  return new Promise((resolve, reject) => {
    let unsub = () => {};
    tx.signAndSend(signer, ({ status, events, dispatchError }) => {
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
