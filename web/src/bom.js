// Pure functions over the runtime API's answers (no DOM, no api): a bill of materials (the
// `.toJSON()` of `ProvenanceApi::provenance`) into cytoscape elements and list items, leaderboard
// rows into plain rows, and hex byte strings into text.

/** Trust grades, weakest first. */
export const GRADES = ['Tainted', 'Declared', 'Attested', 'Checked'];
/** Node kinds, in the order the list shows them. */
export const KINDS = ['version', 'dataset', 'job', 'evaluation', 'anchor'];

/** Fields that hold hashes: shown as hex even if their bytes happen to be printable. */
const HASH_KEYS = new Set(['weightsHash', 'root', 'outputHash', 'specHash', 'harnessHash', 'hash']);
const HEX_RE = /^0x(?:[0-9a-fA-F]{2})*$/;
// Control characters other than tab, newline and carriage return.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE_RE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD]/;

/**
 * Text of a `0x…` byte string when it is valid UTF-8 without control characters, else null
 * (also null for anything that is not a byte string). `0x` is the empty string.
 */
export function hexToText(hex) {
  if (typeof hex !== 'string' || !HEX_RE.test(hex)) return null;
  const bytes = new Uint8Array((hex.length - 2) / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 + 2 * i, 4 + 2 * i), 16);
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  return UNPRINTABLE_RE.test(text) ? null : text;
}

/** Text of a byte string when printable, else the byte string itself (hex), '' for null. */
export function bytesText(hex) {
  if (hex == null) return '';
  const text = hexToText(hex);
  return text ?? String(hex);
}

/** A copy of a JSON value with every printable byte string decoded to text (hash fields kept). */
export function decodeRecord(value, key) {
  if (Array.isArray(value)) return value.map((v) => decodeRecord(v, key));
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = decodeRecord(v, k);
    return out;
  }
  if (typeof value === 'string' && !HASH_KEYS.has(key)) {
    const text = hexToText(value);
    if (text !== null) return text;
  }
  return value;
}

function lowerFirst(s) {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** `{ dataset: 3 }` → `'dataset:3'`; null/undefined → null. */
export function refKey(ref) {
  if (ref == null || typeof ref !== 'object') return null;
  const entries = Object.entries(ref);
  if (entries.length !== 1) return null;
  const [kind, id] = entries[0];
  return `${lowerFirst(kind)}:${id}`;
}

/** `'dataset:3'` or `{ dataset: 3 }` → `'dataset 3'`; null → ''. */
export function refText(ref) {
  const key = typeof ref === 'string' ? ref : refKey(ref);
  return key ? key.replace(':', ' ') : '';
}

/** `{ dataset: 3 }` → `'tainted by dataset 3'`; null → ''. */
export function taintText(ref) {
  const text = refText(ref);
  return text ? `tainted by ${text}` : '';
}

/** Parts per million as a percentage string: 812345 → '81.23%'. */
export function ppmPercent(ppm) {
  return typeof ppm === 'number' ? `${(ppm / 10_000).toFixed(2)}%` : String(ppm);
}

/** Parts per billion (Perbill) as a percentage string: 1500000 → '0.15%'. */
export function perbillPercent(ppb) {
  return typeof ppb === 'number' ? `${(ppb / 10_000_000).toFixed(2)}%` : String(ppb);
}

/** The plain `kind` of a dataset: 'Curated' or 'synthetic'. */
function datasetKind(kind) {
  if (typeof kind === 'string') return kind;
  if (kind && typeof kind === 'object') return Object.keys(kind)[0] ?? '';
  return '';
}

/** The synthetic origin of a dataset (`{ generator, generationJob, promptSet }`) or null. */
function syntheticOf(kind) {
  if (!kind || typeof kind !== 'object') return null;
  return kind.synthetic ?? kind.Synthetic ?? null;
}

/** `[kind, node, id]` for every node of the answer, in list order. */
function eachNode(bom) {
  const out = [];
  for (const v of bom.versions ?? []) out.push(['version', v, v.id]);
  for (const d of bom.datasets ?? []) out.push(['dataset', d, d.id]);
  for (const j of bom.jobs ?? []) out.push(['job', j, j.id]);
  for (const e of bom.evaluations ?? []) out.push(['evaluation', e, e.benchmark]);
  for (const a of bom.anchors ?? []) out.push(['anchor', a, a.id]);
  return out;
}

/**
 * Whether a node carries taint: graded Tainted, tainted by something, a revoked dataset or
 * version, or the overall answer's taint source itself.
 */
function isTainted(kind, node, key, sourceKey) {
  if (node.grade === 'Tainted') return true;
  if (node.taintedBy != null) return true;
  if (kind === 'dataset' && (node.revoked === true || node.status === 'Rejected')) return true;
  if (kind === 'version' && node.status === 'Revoked') return true;
  return key === sourceKey;
}

/** The short caption drawn under a node. */
function caption(kind, node) {
  switch (kind) {
    case 'version':
      return bytesText(node.modelName);
    case 'dataset':
      return bytesText(node.name);
    case 'job':
      return String(node.receipt?.kind ?? '');
    case 'evaluation':
      return `${bytesText(node.name)} ${ppmPercent(node.score)}`.trim();
    case 'anchor':
      return `${node.traces ?? 0} traces`;
    default:
      return '';
  }
}

/** A node's id as drawn: an anchor's 32-byte hash id as its first and last bytes. */
export function short(nodeId) {
  const s = String(nodeId);
  return /^0x[0-9a-f]{64}$/i.test(s) ? `${s.slice(0, 6)}…${s.slice(-4)}` : s;
}

/** One item per node of the answer: `{ id, kind, nodeId, grade, tainted, text, label, record }`. */
export function bomToItems(bom) {
  const sourceKey = refKey(bom.taintedBy);
  return eachNode(bom).map(([kind, node, nodeId]) => {
    const id = `${kind}:${nodeId}`;
    const grade = node.grade ?? 'Declared';
    const tainted = isTainted(kind, node, id, sourceKey);
    const cap = caption(kind, node);
    return {
      id,
      kind,
      nodeId,
      grade,
      tainted,
      source: id === sourceKey,
      weakest: id === refKey(bom.weakest),
      text: `${kind} ${nodeId} — ${grade}`,
      label: cap ? `${kind} ${short(nodeId)}\n${cap}` : `${kind} ${short(nodeId)}`,
      record: decodeRecord(node),
    };
  });
}

/** The edges of the answer: `{ source, target, label }`, only where both ends are in it. */
export function bomToEdges(bom) {
  const present = new Set(eachNode(bom).map(([kind, , id]) => `${kind}:${id}`));
  const seen = new Set();
  const edges = [];
  const add = (source, target, label) => {
    if (!present.has(source) || !present.has(target) || source === target) return;
    const id = `${source}->${target}:${label}`;
    if (seen.has(id)) return;
    seen.add(id);
    edges.push({ id, source, target, label });
  };
  const queried = `version:${bom.version}`;

  for (const v of bom.versions ?? []) {
    const from = `version:${v.id}`;
    for (const p of v.parents ?? []) add(from, `version:${p.version}`, String(p.relation ?? 'parent'));
    for (const d of v.datasets ?? []) add(from, `dataset:${d}`, 'trained on');
    if (v.trainingJob != null) add(from, `job:${v.trainingJob}`, 'trained by');
  }
  for (const d of bom.datasets ?? []) {
    const from = `dataset:${d.id}`;
    for (const p of d.parents ?? []) add(from, `dataset:${p}`, 'derived from');
    const syn = syntheticOf(d.kind);
    if (syn) {
      if (syn.generator != null) add(from, `version:${syn.generator}`, 'generated by');
      if (syn.generationJob != null) add(from, `job:${syn.generationJob}`, 'generation job');
      if (syn.promptSet != null) add(from, `dataset:${syn.promptSet}`, 'prompt set');
    }
  }
  for (const e of bom.evaluations ?? []) add(`evaluation:${e.benchmark}`, queried, 'evaluates');
  for (const a of bom.anchors ?? []) {
    const from = `anchor:${a.id}`;
    add(from, queried, 'anchors');
    if (a.job != null) add(from, `job:${a.job}`, 'job');
  }
  return edges;
}

/** Cytoscape elements (nodes then edges) of an answer. */
export function bomToElements(bom) {
  const nodes = bomToItems(bom).map((item) => {
    const classes = [item.kind, `grade-${item.grade}`];
    if (item.tainted) classes.push('tainted');
    if (item.source) classes.push('taint-source');
    if (item.weakest) classes.push('weakest');
    if (item.id === `version:${bom.version}`) classes.push('queried');
    return {
      group: 'nodes',
      data: {
        id: item.id,
        kind: item.kind,
        nodeId: item.nodeId,
        grade: item.grade,
        tainted: item.tainted,
        label: item.label,
      },
      classes: classes.join(' '),
    };
  });
  const edges = bomToEdges(bom).map((e) => ({ group: 'edges', data: e, classes: 'relation' }));
  return [...nodes, ...edges];
}

/** The answer's headline: `{ version, grade, weakest, taintedBy, licenses, truncated, text }`. */
export function summarize(bom) {
  const weakest = refKey(bom.weakest);
  const taintedBy = refKey(bom.taintedBy);
  const licenses = (bom.licenses ?? []).map(bytesText);
  const parts = [`version ${bom.version}: ${bom.grade}`];
  if (weakest) parts.push(`weakest link ${refText(weakest)}`);
  if (taintedBy) parts.push(taintText(taintedBy));
  if (licenses.length) parts.push(`licenses ${licenses.join(', ')}`);
  if (bom.truncated) parts.push('truncated (bounds cut the answer)');
  return {
    version: bom.version,
    grade: bom.grade,
    weakest,
    taintedBy,
    licenses,
    truncated: !!bom.truncated,
    text: parts.join(' — '),
  };
}

/**
 * Leaderboard rows as `{ rank, version, score, at, taintedBy, tainted, text }`. Takes the
 * `.toJSON()` of the leaderboard: rows `{ version, score, at, taintedBy }`.
 */
export function leaderboardRows(rows) {
  return (rows ?? []).map((r, i) => {
    const taintedBy = refKey(r.taintedBy);
    let text = `version ${r.version} — ${ppmPercent(r.score)} (block ${r.at})`;
    if (taintedBy) text += ` — ${taintText(taintedBy)}`;
    return {
      rank: i + 1,
      version: r.version,
      score: r.score,
      at: r.at,
      taintedBy,
      tainted: taintedBy !== null,
      text,
    };
  });
}
