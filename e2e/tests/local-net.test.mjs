// The 4-validator network of scripts/local-net.sh: finality survives one validator killed with
// SIGKILL, and the validator catches up after its restart.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, NODE_BIN, connect, run, sleep, waitForBlock } from '../lib/node.mjs';

const NET_DIR = mkdtempSync(join(tmpdir(), 'verity-net-'));
const env = { ...process.env, VERITY_NET_DIR: NET_DIR, NODE_BIN };
const net = (...args) => run(join(ROOT, 'scripts/local-net.sh'), args, { env });
const RPC = { alice: 9945, bob: 9946, charlie: 9947, dave: 9948 };

const heads = async (api) => {
  const [best, finalizedHash] = await Promise.all([api.rpc.chain.getHeader(), api.rpc.chain.getFinalizedHead()]);
  const finalized = await api.rpc.chain.getHeader(finalizedHash);
  return { best: best.number.toNumber(), finalized: finalized.number.toNumber() };
};

let alice;

before(async () => {
  await net('start');
  alice = await connect(RPC.alice);
});

after(async () => {
  await alice?.disconnect().catch(() => {});
  const { stdout } = await net('status');
  console.log(stdout.trim());
  await net('stop');
});

test('four validators finalize; with one killed the other three keep finalizing; it catches up', async () => {
  // All four up: blocks are finalized.
  await waitForBlock(alice, 3, { finalized: true, timeoutMs: 180_000 });
  const peers = (await alice.rpc.system.health()).peers.toNumber();
  assert.equal(peers, 3, 'alice sees the other three validators');

  await net('stop', '--kill', 'dave');
  const killedAt = await heads(alice);
  console.log(`dave killed (SIGKILL) at best #${killedAt.best}, finalized #${killedAt.finalized}`);

  // Three of four GRANDPA voters are a supermajority: finality goes on without Dave.
  await waitForBlock(alice, killedAt.finalized + 3, { finalized: true, timeoutMs: 180_000 });
  const withoutDave = await heads(alice);
  assert.ok(withoutDave.finalized >= killedAt.finalized + 3);
  console.log(`without dave: best #${withoutDave.best}, finalized #${withoutDave.finalized}`);

  // Restart Dave on his database; he must reach the network's best and finalized blocks.
  const restartAt = await heads(alice);
  const started = Date.now();
  await net('start', 'dave');
  const dave = await connect(RPC.dave);
  try {
    await waitForBlock(dave, restartAt.best, { timeoutMs: 120_000 });
    await waitForBlock(dave, restartAt.finalized, { finalized: true, timeoutMs: 120_000 });
    const catchUpMs = Date.now() - started;
    console.log(`dave caught up with best #${restartAt.best} / finalized #${restartAt.finalized} ` +
      `in ${(catchUpMs / 1000).toFixed(1)} s (process start included)`);

    // Back to four: the chain keeps finalizing and Dave follows.
    const now = await heads(alice);
    await waitForBlock(dave, now.finalized + 1, { finalized: true, timeoutMs: 120_000 });
    const final = await heads(alice);
    console.log(`network: ${final.best} blocks produced, ${final.finalized} finalized`);
    assert.ok(final.finalized > withoutDave.finalized);
  } finally {
    await dave.disconnect().catch(() => {});
  }
});
