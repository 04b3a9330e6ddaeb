import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePrometheus, ratesBetween } from '../../src/admin/metrics.js';

describe('admin metrics', () => {
  it('reads samples of the Prometheus text, with and without labels, skipping comments', () => {
    const samples = parsePrometheus([
      '# HELP reddot_gateway_counts_received_total Counts',
      '# TYPE reddot_gateway_counts_received_total counter',
      'reddot_gateway_counts_received_total 12.0',
      'reddot_gateway_counts_delivered_total{transport="sse"} 3.0',
      '',
    ].join('\n'));

    assert.equal(samples.get('reddot_gateway_counts_received_total'), 12);
    assert.equal(samples.get('reddot_gateway_counts_delivered_total{transport="sse"}'), 3);
    assert.equal(samples.size, 2);
  });

  it('turns two readings of a counter into a rate per second, from 0 after a restart', () => {
    const names = { 'received/s': 'received' };
    const first = new Map([['received', 10]]);

    assert.deepEqual(ratesBetween(undefined, first, 1, names), { 'received/s': 0 });
    assert.deepEqual(ratesBetween(first, new Map([['received', 30]]), 2, names), { 'received/s': 10 });
    assert.deepEqual(ratesBetween(first, new Map([['received', 4]]), 1, names), { 'received/s': 4 });
  });
});
