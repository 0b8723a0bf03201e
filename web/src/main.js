// The page: connects to a Verity node, loads a model version's bill of materials through the
// runtime API `ProvenanceApi::provenance`, a benchmark's leaderboard through
// `EvalAttestationApi::leaderboard`, and wires the inputs to the view.
//
// URL parameters: `?ws=ws://host:port` (node endpoint), `?version=N` (load on start),
// `?benchmark=N` (load that leaderboard on start).
import { ApiPromise, WsProvider } from '@polkadot/api';
import { u8aToString } from '@polkadot/util';
import { bomToElements, bomToItems, leaderboardRows, summarize } from './bom.js';
import {
  createGraph,
  renderGraph,
  renderItems,
  renderLeaderboard,
  renderSummary,
  renderSummaryMessage,
  showSelection,
} from './view.js';
import './style.css';

const DEFAULT_WS = 'ws://127.0.0.1:9944';

const $ = (sel) => document.querySelector(sel);
const el = {
  ws: $('#ws'),
  status: $('#status'),
  versionForm: $('#version-form'),
  version: $('#version'),
  summary: $('#summary'),
  graph: $('#graph'),
  items: $('#items'),
  record: $('#record'),
  leaderboardForm: $('#leaderboard-form'),
  benchmark: $('#benchmark'),
  benchmarkNames: $('#benchmark-names'),
  leaderboard: $('#leaderboard'),
  leaderboardNote: $('#leaderboard-note'),
};

const params = new URLSearchParams(location.search);
const endpoint = params.get('ws') || DEFAULT_WS;
el.ws.textContent = endpoint;

/** The items of the answer shown now, by id. */
let shown = new Map();
/** Bumped by each load, so only the latest one draws. */
let loadSeq = 0;
let leaderboardSeq = 0;

function setStatus(state, text) {
  el.status.dataset.state = state;
  el.status.textContent = text;
}

function errorText(e) {
  return e instanceof Error ? e.message : String(e);
}

function select(id) {
  showSelection(cy, el.items, el.record, shown.get(id) ?? null);
}

const cy = createGraph(el.graph, select);

/** Connects; resolves with the api once ready. The provider retries while the node is down. */
async function connect() {
  setStatus('connecting', 'connecting…');
  let api = null;
  try {
    const provider = new WsProvider(endpoint);
    provider.on('error', () => {
      if (!api) setStatus('error', `error: cannot reach ${endpoint} (retrying)`);
    });
    provider.on('disconnected', () => {
      if (api) setStatus('error', 'error: disconnected (reconnecting)');
    });
    provider.on('connected', () => {
      if (api) setStatus('connected', 'connected');
    });
    api = await ApiPromise.create({ provider, noInitWarn: true });
  } catch (e) {
    setStatus('error', `error: ${errorText(e)}`);
    throw e;
  }
  setStatus('connected', 'connected');
  listBenchmarks(api);
  return api;
}

/** Fills the benchmark id input's suggestions with the chain's benchmarks (best effort). */
async function listBenchmarks(api) {
  try {
    const entries = await api.query.evalAttestation.benchmarks.entries();
    const options = entries
      .map(([key, value]) => {
        const info = typeof value.isSome === 'boolean' ? (value.isSome ? value.unwrap() : null) : value;
        const id = key.args[0].toNumber();
        const name = info ? u8aToString(info.spec.name.toU8a(true)) : '';
        return { id, name };
      })
      .sort((a, b) => a.id - b.id)
      .map(({ id, name }) => {
        const opt = document.createElement('option');
        opt.value = String(id);
        opt.label = name ? `${id}: ${name}` : String(id);
        opt.textContent = opt.label;
        return opt;
      });
    el.benchmarkNames.replaceChildren(...options);
  } catch (e) {
    console.warn('benchmark list unavailable:', errorText(e));
  }
}

function clearAnswer() {
  shown = new Map();
  renderGraph(cy, []);
  renderItems(el.items, [], select);
  select(null);
}

function setUrlParam(name, value) {
  const url = new URL(location.href);
  url.searchParams.set(name, String(value));
  history.replaceState(null, '', url);
}

/** Draws a bill of materials (the `.toJSON()` of the runtime API's answer); returns it. */
function show(bom) {
  const items = bomToItems(bom);
  shown = new Map(items.map((item) => [item.id, item]));
  renderGraph(cy, bomToElements(bom));
  renderItems(el.items, items, select);
  renderSummary(el.summary, summarize(bom));
  select(`version:${bom.version}`);
  return bom;
}

/**
 * Loads and draws a model version's bill of materials. Resolves with the answer's JSON (null
 * when the version does not exist); sets `body[data-loaded]` to the id when done, failed or not.
 */
async function load(versionId) {
  const id = versionId == null || String(versionId).trim() === '' ? NaN : Number(versionId);
  const seq = ++loadSeq;
  delete document.body.dataset.loaded;
  try {
    if (!Number.isSafeInteger(id) || id < 0) throw new Error(`not a model version id: ${versionId}`);
    el.version.value = String(id);
    setUrlParam('version', id);
    renderSummaryMessage(el.summary, `loading version ${id}…`, false);
    const api = await ready;
    if (!api.call.provenanceApi) throw new Error("the node's runtime has no ProvenanceApi");
    const answer = await api.call.provenanceApi.provenance(id);
    if (seq !== loadSeq) return null;
    if (answer.isNone) {
      clearAnswer();
      renderSummaryMessage(el.summary, `no model version ${id}`, false);
      return null;
    }
    return show(answer.unwrap().toJSON());
  } catch (e) {
    if (seq === loadSeq) {
      clearAnswer();
      renderSummaryMessage(el.summary, `error: ${errorText(e)}`, true);
    }
    return null;
  } finally {
    if (seq === loadSeq) document.body.dataset.loaded = Number.isSafeInteger(id) ? String(id) : String(versionId);
  }
}

/** Loads a benchmark's leaderboard into `#leaderboard`; sets its `data-benchmark` when done. */
async function loadLeaderboard(benchmarkId) {
  const id = benchmarkId == null || String(benchmarkId).trim() === '' ? NaN : Number(benchmarkId);
  const seq = ++leaderboardSeq;
  delete el.leaderboard.dataset.benchmark;
  try {
    if (!Number.isSafeInteger(id) || id < 0) throw new Error(`not a benchmark id: ${benchmarkId}`);
    el.benchmark.value = String(id);
    el.leaderboardNote.textContent = `loading benchmark ${id}…`;
    const api = await ready;
    if (!api.call.evalAttestationApi) throw new Error("the node's runtime has no EvalAttestationApi");
    const rows = leaderboardRows((await api.call.evalAttestationApi.leaderboard(id)).toJSON());
    if (seq !== leaderboardSeq) return null;
    renderLeaderboard(el.leaderboard, rows, load);
    el.leaderboardNote.textContent = rows.length
      ? `benchmark ${id}: ${rows.length} version${rows.length === 1 ? '' : 's'}, best first`
      : `benchmark ${id}: no attested scores`;
    return rows;
  } catch (e) {
    if (seq === leaderboardSeq) {
      renderLeaderboard(el.leaderboard, [], load);
      el.leaderboardNote.textContent = `error: ${errorText(e)}`;
    }
    return null;
  } finally {
    if (seq === leaderboardSeq) {
      el.leaderboard.dataset.benchmark = Number.isSafeInteger(id) ? String(id) : String(benchmarkId);
    }
  }
}

const ready = connect();
ready.catch(() => {}); // shown in #status; callers awaiting `ready` still see the rejection

el.versionForm.addEventListener('submit', (e) => {
  e.preventDefault();
  load(el.version.value);
});
el.leaderboardForm.addEventListener('submit', (e) => {
  e.preventDefault();
  loadLeaderboard(el.benchmark.value);
});

window.verity = { cy, load, loadLeaderboard, ready, show };

if (params.has('version')) load(params.get('version'));
if (params.has('benchmark')) loadLeaderboard(params.get('benchmark'));
