import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { createConnector } from '../src/connector.js';
import { createFakeClock } from './fakes/clock.js';
import { createFakeTransports } from './fakes/transports.js';

const AUTO = ['mqtt', 'sse', 'long-poll', 'poll'];

describe('connector', () => {
  let clock;
  let transports;
  let counts;
  let statuses;

  beforeEach(() => {
    clock = createFakeClock();
    transports = createFakeTransports();
    counts = [];
    statuses = [];
  });

  function connector(candidates, options = {}) {
    return createConnector({
      candidates,
      createTransport: transports.create,
      lastSeq: () => 4,
      onCount: (event, name) => counts.push(`${name}:${event.count}`),
      onStatus: (status) => statuses.push(`${status.transport}:${status.phase}`),
      firstEventTimeoutMs: 4000,
      backoff: { minDelayMs: 500, maxDelayMs: 8000 },
      timers: clock,
      random: () => 0.5,
      ...options,
    });
  }

  it('opens the first candidate with the last seq shown', () => {
    connector(AUTO).start();
    assert.deepEqual(transports.names(), ['mqtt']);
    assert.equal(transports.latest().openedWith, 4);
  });

  it('falls back to the next transport at once when one fails before it ever opened', () => {
    connector(AUTO).start();
    transports.latest().fail('WebSocket blocked');
    assert.deepEqual(transports.names(), ['mqtt', 'sse']);
    assert.ok(transports.instances[0].closed);
  });

  it('falls back when a transport stays silent for firstEventTimeoutMs', async () => {
    connector(AUTO).start();
    await clock.advance(3999);
    assert.deepEqual(transports.names(), ['mqtt']);
    await clock.advance(1);
    assert.deepEqual(transports.names(), ['mqtt', 'sse']);
    assert.ok(transports.instances[0].closed);
    await clock.advance(4000);
    assert.deepEqual(transports.names(), ['mqtt', 'sse', 'long-poll']);
  });

  it('sticks to a transport once it delivered, and reconnects it after a back-off', async () => {
    connector(AUTO).start();
    transports.latest().fail();
    transports.latest().emit(3, 5);
    assert.deepEqual(counts, ['sse:3']);
    assert.ok(statuses.includes('sse:open'));

    transports.latest().fail('stream lost');
    assert.deepEqual(transports.names(), ['mqtt', 'sse'], 'no fallback, no immediate reconnect');
    assert.deepEqual(clock.pendingDelays(), [250], 'full jitter of the first 500 ms step');
    await clock.advance(250);
    assert.deepEqual(transports.names(), ['mqtt', 'sse', 'sse']);
  });

  it('keeps a transport that delivered even when a reconnect of it stays silent', async () => {
    connector(AUTO).start();
    transports.latest().emit(1, 1);
    transports.latest().fail();
    await clock.advance(250);
    await clock.advance(4000);
    assert.deepEqual(transports.names().slice(0, 2), ['mqtt', 'mqtt']);
    assert.ok(transports.names().every((name) => name === 'mqtt'));
  });

  it('treats a transport that signals open without an event as opened (MQTT subscription granted)', async () => {
    connector(AUTO).start();
    transports.latest().onOpen();
    await clock.advance(10_000);
    assert.deepEqual(transports.names(), ['mqtt']);
    assert.deepEqual(statuses, ['mqtt:connecting', 'mqtt:open']);
  });

  it('never drops a forced transport, whether it fails or stays silent', async () => {
    connector(['poll']).start();
    transports.latest().fail();
    await clock.advance(60_000);
    transports.latest().fail();
    await clock.advance(60_000);
    assert.ok(transports.instances.length >= 3);
    assert.ok(transports.names().every((name) => name === 'poll'));
  });

  it('after every transport failed, waits a back-off and starts over from the first', async () => {
    connector(AUTO).start();
    for (let i = 0; i < 4; i++) transports.latest().fail();
    assert.deepEqual(transports.names(), AUTO);
    assert.deepEqual(clock.pendingDelays(), [250]);
    await clock.advance(250);
    assert.deepEqual(transports.names(), [...AUTO, 'mqtt']);
  });

  it('doubles the back-off ceiling on each failure, up to the cap, and resets it after an open', async () => {
    const delays = [];
    connector(['ws'], { random: () => 0.999 }).start();
    for (let i = 0; i < 6; i++) {
      transports.latest().fail();
      delays.push(clock.pendingDelays()[0]);
      await clock.advance(delays[i]);
    }
    assert.deepEqual(delays, [499, 999, 1998, 3996, 7992, 7992]);
    transports.latest().emit(1, 1);
    transports.latest().fail();
    assert.deepEqual(clock.pendingDelays(), [499]);
  });

  it('ignores callbacks of a transport instance that is no longer current', () => {
    connector(AUTO).start();
    const mqtt = transports.latest();
    mqtt.fail();
    mqtt.emit(9, 9);
    mqtt.fail('late error');
    assert.deepEqual(counts, []);
    assert.deepEqual(transports.names(), ['mqtt', 'sse']);
  });

  it('stops: closes the open transport, cancels the pending retry, ignores late callbacks', async () => {
    const running = connector(['sse']);
    running.start();
    const first = transports.latest();
    first.fail();
    running.stop();
    await clock.advance(60_000);
    assert.equal(transports.instances.length, 1);

    running.start();
    const second = transports.latest();
    running.stop();
    assert.ok(second.closed);
    second.emit(1, 1);
    assert.deepEqual(counts, []);
  });

  it('treats a transport that throws in open() like one that failed', () => {
    const throwing = (name) => {
      if (name === 'mqtt') throw new Error('MQTT.js missing');
      return transports.create(name);
    };
    connector(AUTO, { createTransport: throwing }).start();
    assert.deepEqual(transports.names(), ['sse']);
  });
});
