// The lineage queries at the runtime's bounds, on a dev node: a lineage `MaxLineageDepth`
// generations deep, every version naming `MaxParents` parents and `MaxDatasets` registered
// datasets, wide enough that the ancestors walk stops at `MaxLineageNodes` in its last
// generation. Checks the answers against the graph it built, then times the
// ancestors-and-datasets query (`ModelLineageApi.lineage`) over repeated runtime-API calls.
//
// LINEAGE_DATASETS (default 64) sets how many distinct datasets the versions share;
// LINEAGE_CALLS (default 50) how many calls are timed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { randomAsU8a, randomAsHex } from '@polkadot/util-crypto';
import { u8aConcat, u8aToHex } from '@polkadot/util';
import { startDevNode, submit, submitAll, findEvent, rpcHttp, waitForBlock } from '../lib/node.mjs';
import { registerDatasets } from '../lib/datasets.mjs';
import { timeCalls, describeTimes } from '../lib/timing.mjs';

const DATASETS = Number(process.env.LINEAGE_DATASETS || 64);
const CALLS = Number(process.env.LINEAGE_CALLS || 50);
const RELATIONS = ['FineTune', 'Distill', 'Merge', 'Quantize', 'ContinuedPretrain', 'Other'];

let node;
let api;
let alice;
let bob;

before(async () => {
  node = await startDevNode();
  api = node.api;
  const keyring = new Keyring({ type: 'sr25519' });
  alice = keyring.addFromUri('//Alice');
  bob = keyring.addFromUri('//Bob');
});

after(async () => { await node.stop(); });

/**
 * The graph, by position: `depth` layers of `width` versions, layer 0 without parents, version
 * `j` of layer `l` naming versions `j, j+1, …, j+parents-1` (mod width) of layer `l-1`; then one
 * top version naming the first `parents` of the last layer. Its deepest ancestors are `depth`
 * generations up. Returns `{ order, parentsOf, top }`: positions in publication order
 * (`[layer, j]`, the top last), and each position's parent positions.
 */
function layeredGraph(depth, width, parents) {
  const key = (l, j) => l * width + j;
  const order = [];
  const parentsOf = new Map();
  for (let l = 0; l < depth; l++) {
    for (let j = 0; j < width; j++) {
      order.push(key(l, j));
      parentsOf.set(key(l, j), l === 0 ? [] : Array.from({ length: parents }, (_, k) => key(l - 1, (j + k) % width)));
    }
  }
  const top = depth * width;
  order.push(top);
  parentsOf.set(top, Array.from({ length: parents }, (_, k) => key(depth - 1, k)));
  return { order, parentsOf, top };
}

/** Shortest distance (in generations, at most `maxDepth`) from `from` to everything `next` reaches. */
function distances(from, next, maxDepth) {
  const dist = new Map();
  let frontier = [from];
  for (let d = 1; d <= maxDepth && frontier.length; d++) {
    const layer = [];
    for (const v of frontier) {
      for (const u of next(v)) {
        if (u !== from && !dist.has(u)) { dist.set(u, d); layer.push(u); }
      }
    }
    frontier = layer;
  }
  return dist;
}

/** The walk answer is right for the graph: each node at its shortest distance, reached over a real edge, nearest first. */
function checkWalk(answer, from, dist, cap, hasEdge) {
  assert.equal(answer.length, Math.min(cap, dist.size), 'as many nodes as the graph has within the depth, capped');
  const placed = new Map([[from, 0]]);
  let last = 0;
  for (const n of answer) {
    const [v, depth, via] = [n.version.toNumber(), n.depth.toNumber(), n.via.toNumber()];
    assert.ok(!placed.has(v), `version ${v} listed once`);
    assert.equal(depth, dist.get(v), `version ${v} at its shortest distance`);
    assert.ok(depth >= last, 'nearest first');
    assert.equal(placed.get(via), depth - 1, `version ${v} reached from a version one generation nearer`);
    assert.ok(hasEdge(via, v, n.relation.toString()), `edge ${via}–${v} (${n.relation}) exists`);
    placed.set(v, depth);
    last = depth;
  }
}

test('ancestors and lineage datasets at the maximum depth, and their time through the runtime API', { timeout: 600_000 }, async () => {
  const c = api.consts.modelLineage;
  const [maxDepth, maxNodes, maxParents, maxDatasets] =
    [c.maxLineageDepth, c.maxLineageNodes, c.maxParents, c.maxDatasets].map((x) => x.toNumber());
  assert.ok(DATASETS >= maxDatasets, `LINEAGE_DATASETS must be at least MaxDatasets (${maxDatasets})`);

  // The narrowest layers whose ancestors within `maxDepth` generations exceed `maxNodes`: the
  // walk then reads the most records the bounds allow and stops in its last generation.
  let width = maxParents;
  let graph;
  for (;; width++) {
    graph = layeredGraph(maxDepth, width, maxParents);
    if (distances(graph.top, (p) => graph.parentsOf.get(p), maxDepth).size > maxNodes) break;
  }
  const t0 = Date.now();

  // Bob registers the datasets while Alice creates the model.
  const lists = Array.from({ length: DATASETS }, () => [randomAsU8a(32)]);
  const [registered, created] = await Promise.all([
    registerDatasets(api, bob, lists),
    submit(api, api.tx.modelLineage.createModel('deep-lineage', 'Apache-2.0', 'ipfs://card'), alice),
  ]);
  for (const r of registered) assert.equal(r.error, null);
  assert.equal(created.error, null);
  const datasetIds = registered.map((r) => findEvent(r.events, 'datasetRegistry', 'Registered').data.id.toNumber());
  const model = findEvent(created.events, 'modelLineage', 'ModelCreated').data.model.toNumber();

  // Versions get consecutive ids in Alice's nonce order; parents always come first.
  const first = (await api.query.modelLineage.nextVersionId()).toNumber();
  const idOf = new Map(graph.order.map((p, i) => [p, first + i]));
  const parentLinks = new Map(); // version id → [{ version, relation }]
  const datasetsOf = new Map(); // version id → [dataset id]
  const txs = graph.order.map((p, i) => {
    const id = idOf.get(p);
    const links = graph.parentsOf.get(p).map((q, k) => ({ version: idOf.get(q), relation: RELATIONS[(i + k) % RELATIONS.length] }));
    const datasets = Array.from({ length: maxDatasets }, (_, k) => datasetIds[(i * maxDatasets + k) % DATASETS]);
    parentLinks.set(id, links);
    datasetsOf.set(id, datasets);
    return api.tx.modelLineage.publishVersion(model, {
      weightsHash: randomAsHex(32), format: 'Safetensors', parameterCount: 1_000_000_000,
      uri: `hf://verity/deep/${i}`, parents: links, datasets, trainingJob: null, royalty: 0,
    });
  });
  const published = await submitAll(api, txs, alice);
  published.forEach((r, i) => {
    assert.equal(r.error, null, `version ${i}`);
    assert.equal(findEvent(r.events, 'modelLineage', 'VersionPublished').data.version.toNumber(), first + i);
  });
  const blocks = new Set(published.map((r) => r.blockHash.toHex())).size;
  const top = idOf.get(graph.top);
  const base = idOf.get(0);
  console.log(`built ${DATASETS} datasets and ${txs.length} versions (${maxDepth} layers of ${width}, ` +
    `${maxParents} parents and ${maxDatasets} datasets each) in ${blocks} blocks, ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  // Ancestors: every version within `maxDepth` generations up to the cap, nearest first.
  const up = (v) => parentLinks.get(v).map((l) => l.version);
  const ancestorDist = distances(top, up, maxDepth);
  const isParent = (child, parent, relation) => parentLinks.get(child).some((l) => l.version === parent && l.relation === relation);
  const ancestors = await api.call.modelLineageApi.ancestors(top, maxDepth);
  checkWalk(ancestors, top, ancestorDist, maxNodes, (via, v, rel) => isParent(via, v, rel));
  assert.equal(ancestors.length, maxNodes, 'the walk stops at MaxLineageNodes');
  assert.equal(ancestors[ancestors.length - 1].depth.toNumber(), maxDepth, 'and reaches MaxLineageDepth');
  // Asking deeper than the bound gives the same answer.
  assert.deepEqual((await api.call.modelLineageApi.ancestors(top, 10 * maxDepth)).toJSON(), ancestors.toJSON());

  // Lineage: the same ancestors, and the datasets of the version and of those ancestors,
  // deduplicated and sorted.
  const lineage = await api.call.modelLineageApi.lineage(top, maxDepth);
  assert.deepEqual(lineage.ancestors.toJSON(), ancestors.toJSON());
  const visited = [top, ...ancestors.map((n) => n.version.toNumber())];
  const named = visited.flatMap((v) => datasetsOf.get(v));
  const expected = [...new Set(named)].sort((a, b) => a - b);
  const datasets = lineage.datasets.map((d) => d.toNumber());
  assert.deepEqual(datasets, expected);
  assert.deepEqual((await api.call.modelLineageApi.lineageDatasets(top)).map((d) => d.toNumber()), expected);

  // Descendants of a first-layer version: the same bounds going down.
  const childrenOf = new Map();
  for (const [child, links] of parentLinks) for (const l of links) childrenOf.set(l.version, [...(childrenOf.get(l.version) ?? []), child]);
  const descendants = await api.call.modelLineageApi.descendants(base, maxDepth);
  checkWalk(descendants, base, distances(base, (v) => childrenOf.get(v) ?? [], maxDepth), maxNodes,
    (via, v, rel) => isParent(v, via, rel));

  // Timings. The decoded call as a dApp makes it (WebSocket); the same raw `state_call` over
  // HTTP and over WebSocket, each the runtime's time plus a local round trip; and that call at
  // depth 0, reading one record: what any runtime-API call costs.
  const encode = (depth) => u8aToHex(u8aConcat(api.createType('u64', top).toU8a(), api.createType('u32', depth).toU8a()));
  const stateCall = (depth) => rpcHttp(node.rpcPort, 'state_call', ['ModelLineageApi_lineage', encode(depth)]);
  const raw = await stateCall(maxDepth);
  assert.equal(raw, lineage.toHex(), 'the raw answer is the decoded one');
  const timings = {
    lineage: await timeCalls(CALLS, () => api.call.modelLineageApi.lineage(top, maxDepth)),
    http: await timeCalls(CALLS, () => stateCall(maxDepth)),
    http0: await timeCalls(CALLS, () => stateCall(0)),
    ws: await timeCalls(CALLS, () => api.rpc.state.call('ModelLineageApi_lineage', encode(maxDepth))),
    ancestors: await timeCalls(CALLS, () => api.call.modelLineageApi.ancestors(top, maxDepth)),
    descendants: await timeCalls(CALLS, () => api.call.modelLineageApi.descendants(base, maxDepth)),
  };

  // How the time grows with the records read.
  const curve = [];
  for (let d = 1; d < maxDepth; d *= 2) {
    const n = (await api.call.modelLineageApi.ancestors(top, d)).length;
    const { median } = await timeCalls(Math.max(5, CALLS / 5), () => stateCall(d));
    curve.push(`depth ${d}: ${n} ancestors ${median.toFixed(2)} ms`);
  }
  console.log(`lineage state_call over HTTP, median by depth: ${curve.join('; ')}; ` +
    `depth ${maxDepth}: ${ancestors.length} ancestors ${timings.http.median.toFixed(2)} ms`);
  console.log(`lineage(depth ${maxDepth}, ${ancestors.length} ancestors, ${datasets.length} datasets from ` +
    `${named.length} named, ${(raw.length - 2) / 2} bytes): state_call over HTTP ${describeTimes(timings.http)}; ` +
    `at depth 0 (one record) ${describeTimes(timings.http0)}; state_call over WebSocket ${describeTimes(timings.ws)}; ` +
    `api.call over WebSocket (decoded) ${describeTimes(timings.lineage)}; ` +
    `ancestors over WebSocket ${describeTimes(timings.ancestors)}; ` +
    `descendants(${descendants.length}) over WebSocket ${describeTimes(timings.descendants)}`);
  // The answer's frame is over 8 KiB of hex: without TCP_NODELAY on the node's sockets it waited
  // ~40 ms for the client's delayed ACK over WebSocket (48 ms against 1.9 ms over HTTP before
  // the patch).
  assert.ok(raw.length > 8192, 'the answer (hex in the JSON frame) is large enough to show the stall');
  assert.ok(timings.ws.median <= Math.max(2 * timings.http.median, timings.http.median + 2),
    `state_call over WebSocket ${timings.ws.median.toFixed(2)} ms within 2× of HTTP ${timings.http.median.toFixed(2)} ms`);

  // The bill of materials at the largest lineage: every ancestor the walk returns and every
  // lineage dataset, graded; all declared, so the weakest link is the version itself.
  const provenanceCall = () => rpcHttp(node.rpcPort, 'state_call', ['ProvenanceApi_provenance', u8aToHex(api.createType('u64', top).toU8a())]);
  const bom = (await api.call.provenanceApi.provenance(top)).unwrap();
  assert.equal(bom.versions.length, maxNodes + 1, 'the version and MaxLineageNodes ancestors');
  assert.equal(bom.versions[0].id.toNumber(), top);
  assert.equal(bom.truncated.isTrue, true, 'the walk stopped at its bounds');
  assert.deepEqual(bom.datasets.map((d) => d.id.toNumber()).sort((a, b) => a - b), expected);
  assert.equal(bom.grade.toString(), 'Declared');
  assert.deepEqual(bom.weakest.toJSON(), { version: top });
  const bomBytes = ((await provenanceCall()).length - 2) / 2;
  assert.equal(bomBytes, bom.toU8a().length + 1, 'the raw answer is the Option-wrapped one');
  const bomTimes = await timeCalls(CALLS, provenanceCall);
  console.log(`provenance(${bom.versions.length} versions, ${bom.datasets.length} datasets, ${bomBytes} bytes): ` +
    `state_call over HTTP ${describeTimes(bomTimes)}`);

  // Bad data taints the whole lineage: Bob revokes the first layer's dataset; the walk over its
  // users and their descendants runs in idle block space until it reaches the top version.
  const flagged = datasetIds[0];
  const revoked = await submit(api, api.tx.datasetRegistry.revoke(flagged, randomAsHex(32)), bob);
  assert.equal(revoked.error, null);
  const from = (await api.rpc.chain.getHeader(revoked.blockHash)).number.toNumber();
  let reachedAt = null;
  for (let b = from; reachedAt === null; b++) {
    await waitForBlock(api, b + 1);
    const hash = await api.rpc.chain.getBlockHash(b);
    const at = await api.at(hash);
    if ((await at.query.modelLineage.versions(top)).unwrap().taintedBy.isSome) reachedAt = b;
    assert.ok(b - from < 60, 'the taint reaches the top within 60 blocks');
  }
  let doneAt = reachedAt;
  for (;; doneAt++) {
    await waitForBlock(api, doneAt + 1);
    const at = await api.at(await api.rpc.chain.getBlockHash(doneAt));
    if ((await at.query.modelLineage.revocationQueue.keys()).length === 0) break;
    assert.ok(doneAt - from < 60, 'the walk ends within 60 blocks');
  }
  // Expected: the versions trained on it and everything below them.
  const expectedTainted = new Set([...datasetsOf].filter(([, ds]) => ds.includes(flagged)).map(([v]) => v));
  for (const v of [...idOf.values()]) {
    if (parentLinks.get(v).some((l) => expectedTainted.has(l.version))) expectedTainted.add(v);
  }
  const all = [...idOf.values()];
  const marks = await api.query.modelLineage.versions.multi(all);
  const taintedIds = all.filter((_, i) => marks[i].unwrap().taintedBy.isSome);
  const tainted = taintedIds.length;
  const taintedBom = (await api.call.provenanceApi.provenance(top)).unwrap();
  assert.equal(taintedBom.grade.toString(), 'Tainted');
  assert.deepEqual(taintedBom.weakest.toJSON(), { dataset: flagged });
  assert.deepEqual(taintedBom.taintedBy.toJSON(), { dataset: flagged });
  console.log(`taint: dataset ${flagged} revoked in block #${from}; the top version (${maxDepth + 1} generations ` +
    `below the first layer) tainted in block #${reachedAt} (${reachedAt - from} blocks later); the walk over ` +
    `${tainted} of ${all.length} versions done in block #${doneAt} (${doneAt - from} blocks later)`);
  assert.deepEqual(taintedIds, all.filter((v) => expectedTainted.has(v)), 'exactly its users and their descendants');
});
