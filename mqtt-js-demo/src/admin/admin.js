// The admin dashboard: polls the gateway every second and charts connections per transport and message rates.
// In token mode /push/stats needs an admin token: give it as ?token= on the page, as the demo page takes its own.

import uPlot from 'uplot';
import { parsePrometheus, ratesBetween } from './metrics.js';

const TRANSPORTS = ['sse', 'long-poll', 'ws', 'iframe'];
const RATES = {
  'received/s': 'reddot_gateway_counts_received_total',
  'delivered/s': 'reddot_gateway_counts_delivered_total',
  'broker in/s': 'reddot_broker_messages_received_total',
};
const WINDOW = 300;
const COLORS = ['#e5383b', '#1d70b8', '#00703c', '#f47738', '#6f72af'];

const token = new URLSearchParams(location.search).get('token');
const headers = token ? { Authorization: `Bearer ${token}` } : {};

const connections = { names: ['total', ...TRANSPORTS], data: [[]] };
const rates = { names: Object.keys(RATES), data: [[]] };
let previousScrape;
let previousTime;

function chart(element, series) {
  series.data = [[], ...series.names.map(() => [])];
  return new uPlot({
    width: Math.min(element.clientWidth || 800, 900),
    height: 220,
    scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(1, max)] } },
    series: [{}, ...series.names.map((label, i) => ({ label, stroke: COLORS[i % COLORS.length], width: 2 }))],
  }, series.data, element);
}

function push(series, plot, time, values) {
  series.data[0].push(time);
  series.names.forEach((name, i) => series.data[i + 1].push(values[name] ?? null));
  if (series.data[0].length > WINDOW) series.data.forEach((column) => column.shift());
  plot.setData(series.data);
}

/** Delivered counts per transport add up into one rate: the dashboard shows the total. */
function sumDelivered(samples) {
  let total;
  for (const [key, value] of samples) {
    if (key.startsWith('reddot_gateway_counts_delivered_total{')) total = (total ?? 0) + value;
  }
  if (total !== undefined) samples.set('reddot_gateway_counts_delivered_total', total);
  return samples;
}

function showLatest(values) {
  const body = document.querySelector('#latest tbody');
  for (const [name, value] of Object.entries(values)) {
    let row = body.querySelector(`tr[data-series="${CSS.escape(name)}"]`);
    if (!row) {
      row = document.createElement('tr');
      row.dataset.series = name;
      row.innerHTML = '<td></td><td class="value"></td>';
      row.firstChild.textContent = name;
      body.append(row);
    }
    const rounded = Number.isInteger(value) ? value : Math.round(value * 10) / 10;
    row.lastChild.textContent = String(rounded);
    row.dataset.value = String(value);
  }
}

function setStatus(state, text) {
  const status = document.getElementById('status');
  status.dataset.state = state;
  status.textContent = text;
}

async function fetchStats() {
  const response = await fetch('/push/stats', { headers, cache: 'no-store' });
  if (response.status === 401 || response.status === 403) throw new Error(`/push/stats: ${response.status}, open this page with ?token=<admin token>`);
  if (!response.ok) throw new Error(`/push/stats: ${response.status}`);
  return response.json();
}

async function fetchMetrics() {
  const response = await fetch('/actuator/prometheus', { cache: 'no-store' });
  // metrics are optional: a gateway without the Prometheus endpoint still charts its connections
  return response.ok ? sumDelivered(parsePrometheus(await response.text())) : undefined;
}

async function tick(connectionsPlot, ratesPlot) {
  try {
    const [stats, scrape] = await Promise.all([fetchStats(), fetchMetrics()]);
    const now = Date.now() / 1000;
    push(connections, connectionsPlot, now, stats);
    const latest = { ...stats };
    if (scrape) {
      const perSecond = ratesBetween(previousScrape, scrape, now - (previousTime ?? now), RATES);
      push(rates, ratesPlot, now, perSecond);
      Object.assign(latest, perSecond);
      previousScrape = scrape;
      previousTime = now;
    }
    showLatest(latest);
    setStatus('live', `Updated ${new Date().toLocaleTimeString()}`);
  } catch (error) {
    setStatus('failing', error.message);
  }
}

function start() {
  const connectionsPlot = chart(document.getElementById('connections-chart'), connections);
  const ratesPlot = chart(document.getElementById('rates-chart'), rates);
  tick(connectionsPlot, ratesPlot);
  setInterval(() => tick(connectionsPlot, ratesPlot), 1000);
}

start();
