import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createReddotClient } from '../src/client.js';
import { createFakeClock, settle } from './fakes/clock.js';
import { createChannelNetwork, createFakeLocks } from './fakes/tabs.js';
import { createFakeTransports } from './fakes/transports.js';

// One browser: tabs share the BroadcastChannel network, the locks and the clock.
function browser() {
  const clock = createFakeClock();
  const network = createChannelNetwork();
  const locks = createFakeLocks();
  const transports = createFakeTransports();
  function openTab({ userId = 'alice', transport = 'auto' } = {}) {
    const tab = { shown: [], transports: [] };
    tab.client = createReddotClient({
      userId,
      transport,
      baseUrl: 'http://gateway.test',
      globals: {
        BroadcastChannel: network.BroadcastChannel,
        locks,
        setTimeout: clock.setTimeout,
        clearTimeout: clock.clearTimeout,
        now: clock.now,
        random: Math.random,
      },
      transportFactories: transports.factories(),
      onCount: (event) => tab.shown.push(event.count),
      onTransport: (name) => tab.transports.push(name),
    });
    tab.client.start();
    return tab;
  }
  return { clock, transports, openTab };
}

describe('tabs of one browser', () => {
  it('share one transport: the follower shows the counts and the transport of the leader', async () => {
    const { transports, openTab } = browser();
    const leader = openTab();
    const follower = openTab();
    await settle();
    assert.equal(leader.client.state.role, 'leader');
    assert.equal(follower.client.state.role, 'follower');
    assert.deepEqual(transports.names(), ['mqtt'], 'one connection for two tabs');

    transports.latest().emit(2, 1);
    transports.latest().emit(3, 2);
    await settle();
    assert.deepEqual(leader.shown, [2, 3]);
    assert.deepEqual(follower.shown, [2, 3]);
    assert.deepEqual(follower.transports, ['mqtt']);
    assert.equal(follower.client.state.phase, 'open');
  });

  it('answers a tab that joins later with the current state at once', async () => {
    const { transports, openTab } = browser();
    const leader = openTab();
    await settle();
    transports.latest().emit(7, 4);
    const late = openTab();
    await settle();
    assert.deepEqual(late.shown, [7]);
    assert.equal(late.client.state.transport, 'mqtt');
    assert.equal(leader.client.state.role, 'leader');
  });

  it('moves the connection to a follower when the leader tab closes, continuing from its seq', async () => {
    const { transports, openTab } = browser();
    const leader = openTab({ transport: 'sse' });
    const follower = openTab({ transport: 'sse' });
    await settle();
    transports.latest().emit(5, 9);
    await settle();
    leader.client.stop();
    await settle();
    assert.ok(transports.instances[0].closed);
    assert.equal(follower.client.state.role, 'leader');
    assert.equal(transports.instances.length, 2);
    const takeover = transports.latest();
    assert.equal(takeover.openedWith, 9);
    takeover.emit(5, 9);
    takeover.emit(6, 10);
    assert.deepEqual(follower.shown, [5, 6]);
  });

  it('keeps separate connections for tabs of different users', async () => {
    const { transports, openTab } = browser();
    openTab({ userId: 'alice' });
    openTab({ userId: 'bob' });
    await settle();
    assert.equal(transports.instances.length, 2);
  });

  it('keeps separate connections for tabs that force different transports', async () => {
    const { transports, openTab } = browser();
    const auto = openTab({ transport: 'auto' });
    const ws = openTab({ transport: 'ws' });
    await settle();
    assert.deepEqual(transports.names().sort(), ['mqtt', 'ws']);
    assert.equal(auto.client.state.role, 'leader');
    assert.equal(ws.client.state.role, 'leader');
  });

  it('shows a stale event in no tab', async () => {
    const { transports, openTab } = browser();
    openTab();
    const follower = openTab();
    await settle();
    transports.latest().emit(4, 8);
    await settle();
    transports.latest().emit(3, 7);
    await settle();
    assert.deepEqual(follower.shown, [4]);
  });
});
