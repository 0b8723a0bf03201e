// The page's drawing: the cytoscape graph (styles, dagre layout), the node list, the record pane,
// the summary and the leaderboard.
import cytoscape from 'cytoscape';
import dagre from 'cytoscape-dagre';

cytoscape.use(dagre);

/** Fill colour by trust grade (the legend in index.html uses the same). */
export const GRADE_COLOURS = {
  Checked: '#2e9d4f',
  Attested: '#2f6fd1',
  Declared: '#c9a227',
  Tainted: '#e53935',
};
const TAINT_BORDER = '#7a0010';

const SHAPES = {
  version: 'round-rectangle',
  dataset: 'barrel',
  job: 'diamond',
  evaluation: 'star',
  anchor: 'triangle',
};

function styles() {
  const s = [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'text-wrap': 'wrap',
        'text-max-width': '140px',
        'text-valign': 'bottom',
        'text-margin-y': 6,
        'font-size': 11,
        'font-family': 'system-ui, sans-serif',
        color: '#222',
        'text-background-color': '#fff',
        'text-background-opacity': 0.8,
        'text-background-padding': '2px',
        width: 46,
        height: 34,
        'background-color': '#999',
        'border-width': 1,
        'border-color': '#555',
      },
    },
    {
      selector: 'edge',
      style: {
        label: 'data(label)',
        'font-size': 9,
        color: '#444',
        'text-rotation': 'autorotate',
        'text-background-color': '#fff',
        'text-background-opacity': 0.9,
        'text-background-padding': '1px',
        width: 1.5,
        'line-color': '#9aa',
        'target-arrow-color': '#9aa',
        'target-arrow-shape': 'triangle',
        'curve-style': 'bezier',
      },
    },
  ];
  for (const [kind, shape] of Object.entries(SHAPES)) {
    s.push({ selector: `node.${kind}`, style: { shape } });
  }
  s.push({ selector: 'node.evaluation, node.anchor', style: { width: 40, height: 40 } });
  s.push({ selector: 'node.dataset', style: { width: 38, height: 46 } });
  for (const [grade, colour] of Object.entries(GRADE_COLOURS)) {
    s.push({ selector: `node.grade-${grade}`, style: { 'background-color': colour } });
  }
  s.push(
    { selector: 'node.queried', style: { width: 62, height: 42, 'font-weight': 'bold', 'border-width': 3, 'border-color': '#222' } },
    // The taint mark: a thick dashed red border.
    {
      selector: 'node.tainted',
      style: { 'border-width': 5, 'border-style': 'dashed', 'border-color': TAINT_BORDER },
    },
    { selector: 'node.taint-source', style: { 'border-width': 7 } },
    { selector: 'edge[label = "evaluates"], edge[label = "anchors"]', style: { 'line-style': 'dotted' } },
    {
      selector: ':selected',
      style: { 'overlay-color': '#ffb300', 'overlay-opacity': 0.35, 'overlay-padding': 6 },
    },
    { selector: 'edge:selected', style: { 'line-color': '#ffb300', 'target-arrow-color': '#ffb300' } },
  );
  return s;
}

/** A cytoscape instance in `container`; `onSelect(id)` when a node is tapped. */
export function createGraph(container, onSelect) {
  const cy = cytoscape({
    container,
    elements: [],
    style: styles(),
    minZoom: 0.2,
    maxZoom: 3,
    boxSelectionEnabled: false,
  });
  cy.on('tap', 'node', (evt) => onSelect(evt.target.id()));
  return cy;
}

/** Replaces the graph's elements and lays them out top-down. */
export function renderGraph(cy, elements) {
  cy.elements().remove();
  cy.add(elements);
  cy.layout({
    name: 'dagre',
    rankDir: 'TB',
    nodeSep: 40,
    rankSep: 70,
    edgeSep: 10,
    nodeDimensionsIncludeLabels: true,
    fit: true,
    padding: 30,
    animate: false,
  }).run();
}

/** Fills `ul` with one `li` per item; `onSelect(id)` on click. */
export function renderItems(ul, items, onSelect) {
  ul.replaceChildren(
    ...items.map((item) => {
      const li = document.createElement('li');
      li.dataset.id = item.id;
      li.dataset.grade = item.grade;
      li.dataset.tainted = String(item.tainted);
      li.className = `grade-${item.grade}${item.tainted ? ' tainted' : ''}`;
      li.textContent = item.text;
      li.title = item.label.replace('\n', ': ');
      li.tabIndex = 0;
      li.addEventListener('click', () => onSelect(item.id));
      li.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onSelect(item.id);
        }
      });
      return li;
    }),
  );
}

/** Marks `id` selected in the graph and the list, and shows its record in `pre`. */
export function showSelection(cy, ul, pre, item) {
  cy.$(':selected').unselect();
  for (const li of ul.querySelectorAll('li.selected')) li.classList.remove('selected');
  if (!item) {
    pre.textContent = '';
    delete pre.dataset.id;
    return;
  }
  const node = cy.getElementById(item.id);
  if (node.nonempty()) node.select();
  const li = ul.querySelector(`li[data-id="${CSS.escape(item.id)}"]`);
  if (li) li.classList.add('selected');
  pre.textContent = JSON.stringify(item.record, null, 2);
  pre.dataset.id = item.id;
}

/** Shows the answer's headline in `el` with its data attributes. */
export function renderSummary(el, summary) {
  el.textContent = summary.text;
  el.dataset.grade = summary.grade;
  el.className = `grade-${summary.grade}${summary.taintedBy ? ' tainted' : ''}`;
  if (summary.weakest) el.dataset.weakest = summary.weakest;
  else delete el.dataset.weakest;
  if (summary.taintedBy) el.dataset.taintedBy = summary.taintedBy;
  else delete el.dataset.taintedBy;
  delete el.dataset.error;
}

/** Shows a message (no answer, or an error) in the summary, clearing its data attributes. */
export function renderSummaryMessage(el, text, isError) {
  el.textContent = text;
  el.className = isError ? 'error' : '';
  delete el.dataset.grade;
  delete el.dataset.weakest;
  delete el.dataset.taintedBy;
  if (isError) el.dataset.error = 'true';
  else delete el.dataset.error;
}

/** Fills the leaderboard `ol`; `onPick(version)` on click. */
export function renderLeaderboard(ol, rows, onPick) {
  ol.replaceChildren(
    ...rows.map((row) => {
      const li = document.createElement('li');
      li.dataset.version = String(row.version);
      li.dataset.tainted = String(row.tainted);
      if (row.tainted) li.className = 'tainted';
      li.textContent = row.text;
      li.tabIndex = 0;
      li.addEventListener('click', () => onPick(row.version));
      li.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') onPick(row.version);
      });
      return li;
    }),
  );
}
