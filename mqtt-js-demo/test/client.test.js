import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createReddotClient } from '../src/client.js';
import { createFakeClock } from './fakes/clock.js';
import { createFakeTransports } from './fakes/transports.js';

function soloClient(options = {}) {
  const clock = createFakeClock();
  const transports = createFakeTransports();
  const shown = [];
  const used = [];
  const logs = [];
  const client = createReddotClient({
    userId: 'alice',
    baseUrl: 'http://gateway.test',
    shareAcrossTabs: false,
    globals: { setTimeout: clock.setTimeout, clearTimeout: clock.clearTimeout, now: clock.now, random: () => 0.5 },
    transportFactories: transports.factories(),
    onCount: (event) => shown.push(`${event.count}@${event.seq}`),
    onTransport: (name) => used.push(name),
    onLog: (entry) => logs.push(entry),
    ...options,
  });
  return { client, clock, transports, shown, used, logs };
}

describe('client', () => {
  it('refuses a user id or a transport the server would refuse', () => {
    assert.throws(() => createReddotClient({ userId: 'a b' }), /invalid userId/);
    assert.throws(() => createReddotClient({ userId: 'alice', transport: 'carrier-pigeon' }), /unknown transport/);
  });

  it('shows the first event, even the seq 0 of a user never notified', () => {
    const { client, transports, shown } = soloClient();
    client.start();
    transports.latest().emit(0, 0);
    assert.deepEqual(shown, ['0@0']);
    assert.deepEqual(client.state.count, 0);
    assert.deepEqual(client.state.seq, 0);
  });

  it('ignores events whose seq is not newer than the last one shown', () => {
    const { client, transports, shown } = soloClient();
    client.start();
    const sse = transports.latest();
    sse.emit(5, 10);
    sse.emit(4, 9);
    sse.emit(5, 10);
    sse.emit(6, 11);
    sse.emit(2, 3);
    assert.deepEqual(shown, ['5@10', '6@11']);
    assert.equal(client.state.count, 6);
  });

  it('keeps the seq order across a reconnect: the new transport starts from the last seq shown', async () => {
    const { client, clock, transports, shown } = soloClient({ transport: 'long-poll' });
    client.start();
    transports.latest().emit(3, 7);
    transports.latest().fail();
    await clock.advance(250);
    const reconnected = transports.latest();
    assert.notEqual(reconnected, transports.instances[0]);
    assert.equal(reconnected.openedWith, 7);
    reconnected.emit(3, 7);
    reconnected.emit(4, 8);
    assert.deepEqual(shown, ['3@7', '4@8']);
  });

  it('names the transport in use only once it delivered, not the ones it tried', async () => {
    const { client, clock, transports, used } = soloClient();
    client.start();
    transports.latest().fail();
    await clock.advance(4000);
    assert.deepEqual(used, []);
    assert.equal(client.state.trying, 'long-poll');
    transports.latest().emit(1, 1);
    assert.deepEqual(used, ['long-poll']);
    assert.equal(client.state.transport, 'long-poll');
    assert.equal(client.state.phase, 'open');
  });

  it('keeps naming the transport in use while it reconnects', () => {
    const { client, transports, used } = soloClient({ transport: 'ws' });
    client.start();
    transports.latest().emit(1, 1);
    transports.latest().fail();
    assert.equal(client.state.transport, 'ws');
    assert.equal(client.state.phase, 'retrying');
    assert.deepEqual(used, ['ws']);
  });

  it('logs the fallback and the reconnect plans', async () => {
    const { client, transports, logs } = soloClient();
    client.start();
    transports.latest().fail('WebSocket blocked');
    assert.ok(logs.some((entry) => entry.level === 'warn' && /mqtt failed \(WebSocket blocked\); falling back to sse/.test(entry.message)));
  });

  it('stops: closes its transport and can start again', () => {
    const { client, transports } = soloClient();
    client.start();
    client.stop();
    assert.ok(transports.latest().closed);
    assert.equal(client.state.phase, 'stopped');
    client.start();
    assert.equal(transports.instances.length, 2);
  });
});
