// What the dashboard shows of one /admin/summary answer: tiles, chart points, the parts' state. Pure functions,
// tested with node's test runner; admin.js only puts them on the page.

const NOT_HERE = 'not in this process';

/** The tiles, in the page's order: key (data-metric), label, value (null: unknown here), unit, group. */
export function tilesOf(summary) {
  const c = summary.connections ?? {};
  const mqtt = c['mqtt-tcp'] == null ? null : c['mqtt-tcp'] + (c['mqtt-websocket'] ?? 0);
  const browser = ['sse', 'long-poll', 'ws', 'iframe'].reduce((sum, kind) => sum + (c[kind] ?? 0), 0);
  const broker = summary.broker;
  const publisher = summary.publisher;
  const gateway = summary.gateway;
  const latency = gateway?.deliveryLatency;
  return [
    { key: 'connections', label: 'Connections', value: (mqtt ?? 0) + browser, group: 'connections' },
    { key: 'mqtt-tcp', label: 'MQTT over TCP', value: c['mqtt-tcp'] ?? null, group: 'connections' },
    { key: 'mqtt-websocket', label: 'MQTT over WebSocket', value: c['mqtt-websocket'] ?? null, group: 'connections' },
    { key: 'sse', label: 'SSE', value: c.sse ?? 0, group: 'connections' },
    { key: 'long-poll', label: 'Long poll', value: c['long-poll'] ?? 0, group: 'connections' },
    { key: 'ws', label: 'WebSocket', value: c.ws ?? 0, group: 'connections' },
    { key: 'iframe', label: 'iframe', value: c.iframe ?? 0, group: 'connections' },
    { key: 'messages-in', label: 'Messages in', value: broker?.messagesIn.perSecond ?? null, unit: '/s', group: 'traffic' },
    { key: 'messages-out', label: 'Messages out', value: broker?.messagesOut.perSecond ?? null, unit: '/s', group: 'traffic' },
    { key: 'published', label: 'Counts published', value: publisher?.countsPublished.perSecond ?? null, unit: '/s', group: 'traffic' },
    { key: 'delivered', label: 'Delivered to browsers', value: gateway?.countsDelivered.perSecond ?? null, unit: '/s', group: 'traffic' },
    { key: 'outbox', label: 'Outbox backlog', value: publisher?.outboxBacklog ?? null, group: 'traffic' },
    { key: 'latency-p50', label: 'Latency p50', value: latency?.p50 ?? null, unit: 'ms', group: 'latency' },
    { key: 'latency-p99', label: 'Latency p99', value: latency?.p99 ?? null, unit: 'ms', group: 'latency' },
    { key: 'sessions', label: 'Broker sessions', value: broker?.sessions ?? null, group: 'broker' },
    { key: 'retained', label: 'Retained messages', value: broker?.retainedMessages ?? null, group: 'broker' },
  ];
}

/** A tile's text: integers as they are, rates to one decimal, thousands grouped; an em dash for unknown. */
export function formatValue(value) {
  if (value == null) return '—';
  const rounded = Number.isInteger(value) ? value : Math.round(value * 10) / 10;
  return rounded.toLocaleString('en-US');
}

/** The parts with their state: here and healthy ('UP'), here and not, or elsewhere (health null). */
export function partsOf(summary) {
  return Object.entries(summary.parts ?? {}).map(([name, where]) => ({
    name,
    here: where !== NOT_HERE,
    status: summary.health?.[name] ?? null,
  }));
}

/** The sentence for parts not in this process, or '' when every part is here. */
export function elsewhereNote(summary) {
  const away = partsOf(summary).filter((part) => !part.here).map((part) => part.name);
  if (away.length === 0) return '';
  return `This page is served by a process without the ${away.join(', ')}: `
    + 'their figures are not known here. Look at the process that runs them.';
}

/** Keeps a chart's columns to the last `window` points: x (seconds) first, then one column per series. */
export function appendPoint(columns, x, values, window) {
  columns[0].push(x);
  values.forEach((value, i) => columns[i + 1].push(value));
  while (columns[0].length > window) columns.forEach((column) => column.shift());
  return columns;
}
