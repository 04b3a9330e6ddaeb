// The live dashboard: polls /admin/summary every second (never two requests at once) and shows tiles, the parts'
// health and three small charts. In token mode the summary needs an admin token: open the page as /admin?token=….

import uPlot from 'uplot';
import { appendPoint, elsewhereNote, formatValue, partsOf, tilesOf } from './summary.js';

const INTERVAL_MS = 1000;
const WINDOW = 300;

const CHARTS = {
  connections: {
    series: ['MQTT TCP', 'MQTT WS', 'SSE', 'Long poll', 'WebSocket', 'iframe'],
    read: (s) => [s.connections['mqtt-tcp'], s.connections['mqtt-websocket'], s.connections.sse,
      s.connections['long-poll'], s.connections.ws, s.connections.iframe],
  },
  rates: {
    series: ['In', 'Out', 'Published', 'Delivered'],
    read: (s) => [s.broker?.messagesIn.perSecond ?? null, s.broker?.messagesOut.perSecond ?? null,
      s.publisher?.countsPublished.perSecond ?? null, s.gateway.countsDelivered.perSecond],
  },
  latency: {
    series: ['p50', 'p99'],
    read: (s) => [s.gateway.deliveryLatency.p50, s.gateway.deliveryLatency.p99],
  },
};

const token = new URLSearchParams(location.search).get('token');
const headers = token ? { Authorization: `Bearer ${token}` } : {};

function palette() {
  const style = getComputedStyle(document.documentElement);
  // five of the theme's colours, and a purple of its own: --error is another red
  return [...['--red', '--accent', '--ok', '--warn', '--muted'].map((name) => style.getPropertyValue(name).trim()), '#9b6bd6'];
}

function makeChart(element, definition) {
  const colors = palette();
  const axis = { stroke: getComputedStyle(document.documentElement).getPropertyValue('--muted').trim(), grid: { stroke: '#8882' }, ticks: { stroke: '#8882' } };
  definition.columns = [[], ...definition.series.map(() => [])];
  const plot = new uPlot({
    width: Math.max(200, element.clientWidth),
    height: 180,
    legend: { show: true, live: false },
    cursor: { show: false },
    scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(1, max * 1.1)] } },
    axes: [axis, { ...axis, size: 56 }],
    series: [{}, ...definition.series.map((label, i) => ({ label, stroke: colors[i % colors.length], width: 2, spanGaps: false }))],
  }, definition.columns, element);
  new ResizeObserver(() => plot.setSize({ width: Math.max(200, element.clientWidth), height: 180 })).observe(element);
  definition.plot = plot;
}

function renderTiles(summary) {
  const grid = document.getElementById('tiles');
  for (const tile of tilesOf(summary)) {
    let element = grid.querySelector(`[data-metric="${tile.key}"]`);
    if (!element) {
      element = document.createElement('div');
      element.className = 'tile';
      element.dataset.metric = tile.key;
      element.dataset.group = tile.group;
      element.innerHTML = '<span class="tile-label"></span><span class="tile-value"></span>';
      element.querySelector('.tile-label').textContent = tile.label;
      grid.append(element);
    }
    element.dataset.value = tile.value == null ? '' : String(tile.value);
    element.classList.toggle('unknown', tile.value == null);
    const text = formatValue(tile.value);
    element.querySelector('.tile-value').textContent = tile.value == null || !tile.unit ? text : `${text} ${tile.unit}`;
  }
}

function renderParts(summary) {
  const list = document.getElementById('parts');
  list.replaceChildren(...partsOf(summary).map((part) => {
    const item = document.createElement('li');
    item.className = 'part';
    item.dataset.part = part.name;
    item.dataset.state = part.here ? (part.status === 'UP' ? 'up' : 'down') : 'elsewhere';
    item.textContent = `${part.name} `;
    const status = document.createElement('span');
    status.className = 'part-status';
    status.textContent = part.here ? (part.status ?? '?') : 'not here';
    item.append(status);
    return item;
  }));
  const note = document.getElementById('elsewhere');
  note.textContent = elsewhereNote(summary);
  note.hidden = note.textContent === '';
}

function renderCharts(summary) {
  const x = summary.at / 1000;
  for (const definition of Object.values(CHARTS)) {
    appendPoint(definition.columns, x, definition.read(summary), WINDOW);
    definition.plot.setData(definition.columns);
  }
}

function setStatus(state, text) {
  const status = document.getElementById('status');
  status.dataset.state = state;
  status.textContent = text;
}

async function fetchSummary() {
  const response = await fetch('/admin/summary', { headers, cache: 'no-store' });
  if (response.status === 401 || response.status === 403) {
    throw new Error(`${response.status}: open this page as /admin?token=<admin token>`);
  }
  if (!response.ok) throw new Error(`/admin/summary answered ${response.status}`);
  return response.json();
}

async function tick() {
  try {
    const summary = await fetchSummary();
    renderTiles(summary);
    renderParts(summary);
    renderCharts(summary);
    setStatus('live', `Live · ${new Date(summary.at).toLocaleTimeString()}`);
  } catch (error) {
    setStatus('failing', error.message);
  } finally {
    setTimeout(tick, INTERVAL_MS);
  }
}

for (const [name, definition] of Object.entries(CHARTS)) makeChart(document.getElementById(`${name}-chart`), definition);
tick();
