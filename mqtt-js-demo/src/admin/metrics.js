// Reading the gateway's numbers: /push/stats (JSON) and /actuator/prometheus (text exposition format).

/** The value of each sample `name{labels} value` of the Prometheus text, keyed by `name` or `name{labels}`. */
export function parsePrometheus(text) {
  const samples = new Map();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*(?:\{[^}]*\})?)\s+(\S+)/.exec(line);
    if (match) samples.set(match[1], Number(match[2]));
  }
  return samples;
}

/** Per-second rates between two readings of counters; a counter that went down (a restart) counts from 0. */
export function ratesBetween(previous, current, seconds, names) {
  const rates = {};
  for (const [label, name] of Object.entries(names)) {
    const now = current.get(name);
    if (now === undefined) continue;
    const before = previous?.get(name);
    rates[label] = before === undefined || seconds <= 0 ? 0 : Math.max(0, now - (now >= before ? before : 0)) / seconds;
  }
  return rates;
}
