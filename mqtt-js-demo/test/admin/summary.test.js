import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appendPoint, elsewhereNote, formatValue, partsOf, tilesOf } from '../../src/admin/summary.js';

const traffic = (total, perSecond) => ({ total, perSecond });
const ALL_IN_ONE = {
  at: 1_700_000_000_000,
  parts: { broker: 'in this process', publisher: 'in this process', gateway: 'in this process', database: 'in this process' },
  health: { broker: 'UP', publisher: 'UP', gateway: 'UP', database: 'DOWN' },
  connections: { 'mqtt-tcp': 3, 'mqtt-websocket': 2, sse: 4, 'long-poll': 1, ws: 0, iframe: 0 },
  broker: { connections: 5, sessions: 6, retainedMessages: 7, messagesIn: traffic(10, 2.5), messagesOut: traffic(20, 5) },
  publisher: { countsPublished: traffic(10, 2.5), notifications: traffic(0, 0), outboxBacklog: 1 },
  gateway: { countsReceived: traffic(10, 2.5), countsDelivered: traffic(9, 2.25), deliveryLatency: { p50: 3.2, p99: 12.5, count: 9 } },
};
const GATEWAY_ALONE = {
  ...ALL_IN_ONE,
  parts: { ...ALL_IN_ONE.parts, broker: 'not in this process', publisher: 'not in this process', database: 'not in this process' },
  health: { broker: null, publisher: null, gateway: 'UP', database: null },
  connections: { ...ALL_IN_ONE.connections, 'mqtt-tcp': null, 'mqtt-websocket': null },
  broker: null,
  publisher: null,
};

const valueOf = (summary, key) => tilesOf(summary).find((tile) => tile.key === key).value;

describe('dashboard summary', () => {
  it('adds up the connections of every kind', () => {
    assert.equal(valueOf(ALL_IN_ONE, 'connections'), 10);
    assert.equal(valueOf(ALL_IN_ONE, 'mqtt-websocket'), 2);
    assert.equal(valueOf(ALL_IN_ONE, 'messages-out'), 5);
    assert.equal(valueOf(ALL_IN_ONE, 'latency-p99'), 12.5);
  });

  it('leaves what another process knows unknown rather than zero', () => {
    assert.equal(valueOf(GATEWAY_ALONE, 'mqtt-tcp'), null);
    assert.equal(valueOf(GATEWAY_ALONE, 'outbox'), null);
    assert.equal(valueOf(GATEWAY_ALONE, 'sessions'), null);
    assert.equal(valueOf(GATEWAY_ALONE, 'connections'), 5);
    assert.equal(formatValue(null), '—');
  });

  it('names the parts that are elsewhere, and none when all are here', () => {
    assert.equal(elsewhereNote(ALL_IN_ONE), '');
    assert.match(elsewhereNote(GATEWAY_ALONE), /without the broker, publisher, database/);
    assert.deepEqual(partsOf(ALL_IN_ONE).find((part) => part.name === 'database'), { name: 'database', here: true, status: 'DOWN' });
    assert.deepEqual(partsOf(GATEWAY_ALONE).find((part) => part.name === 'broker'), { name: 'broker', here: false, status: null });
  });

  it('formats rates to one decimal and groups thousands', () => {
    assert.equal(formatValue(2.25), '2.3');
    assert.equal(formatValue(12345), '12,345');
  });

  it('keeps a chart to its window', () => {
    const columns = [[], []];
    for (let i = 0; i < 5; i += 1) appendPoint(columns, i, [i * 10], 3);
    assert.deepEqual(columns, [[2, 3, 4], [20, 30, 40]]);
  });
});
