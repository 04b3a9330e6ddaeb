import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { joinTabGroup } from '../src/leader.js';
import { createFakeClock, settle } from './fakes/clock.js';
import { createChannelNetwork, createFakeLocks } from './fakes/tabs.js';

function browser({ withLocks = true } = {}) {
  const clock = createFakeClock();
  const network = createChannelNetwork();
  const locks = withLocks ? createFakeLocks() : undefined;
  let tabCount = 0;
  function openTab(name = 'reddot:alice:auto') {
    const tab = { roles: [], messages: [] };
    tabCount += 1;
    const tabNumber = tabCount;
    tab.group = joinTabGroup({
      name,
      globals: {
        BroadcastChannel: network.BroadcastChannel,
        locks,
        setTimeout: clock.setTimeout,
        clearTimeout: clock.clearTimeout,
        // later tabs get larger ids, as with real time
        now: () => clock.now() + tabNumber,
        random: () => tabNumber / 100,
      },
      onLead: () => tab.roles.push('leader'),
      onFollow: () => tab.roles.push('follower'),
      onMessage: (message) => tab.messages.push(message),
      heartbeatMs: 1000,
    });
    return tab;
  }
  return { clock, network, locks, openTab };
}

const leaders = (tabs) => tabs.filter((tab) => tab.group.isLeader).length;

describe('tab group with Web Locks', () => {
  it('lets the first tab lead and the next ones wait', async () => {
    const { openTab } = browser();
    const first = openTab();
    const second = openTab();
    await settle();
    assert.equal(first.group.mode, 'locks');
    assert.ok(first.group.isLeader);
    assert.ok(!second.group.isLeader);
    assert.deepEqual(first.roles, ['leader']);
    assert.deepEqual(second.roles, []);
  });

  it('hands the lead to a waiting tab when the leader tab closes', async () => {
    const { openTab, locks } = browser();
    const first = openTab();
    const second = openTab();
    const third = openTab();
    await settle();
    first.group.close();
    await settle();
    assert.ok(second.group.isLeader);
    assert.equal(leaders([second, third]), 1);
    assert.ok(locks.held('reddot:alice:auto'));
  });

  it('releases the lock when the last tab closes, and withdraws a waiting request', async () => {
    const { openTab, locks } = browser();
    const first = openTab();
    const second = openTab();
    await settle();
    second.group.close();
    first.group.close();
    await settle();
    assert.ok(!locks.held('reddot:alice:auto'));
    assert.deepEqual(second.roles, []);
  });

  it('carries messages between the tabs of one group only, never back to the sender', async () => {
    const { openTab } = browser();
    const first = openTab();
    const second = openTab();
    const otherUser = openTab('reddot:bob:auto');
    await settle();
    first.group.post({ kind: 'state', event: { count: 1 } });
    await settle();
    assert.deepEqual(second.messages.map((message) => message.kind), ['state']);
    assert.deepEqual(first.messages, []);
    assert.deepEqual(otherUser.messages, []);
  });

  it('elects by heartbeats when the browser refuses the lock request', async () => {
    const { openTab, locks, clock } = browser();
    locks.request = () => Promise.reject(new DOMException('locks are disabled', 'SecurityError'));
    const tab = openTab();
    await settle();
    assert.equal(tab.group.mode, 'heartbeats');
    await clock.advance(3000);
    assert.ok(tab.group.isLeader);
  });
});

describe('tab group without Web Locks', () => {
  it('elects exactly one leader among tabs that start together', async () => {
    const { openTab, clock } = browser({ withLocks: false });
    const tabs = [openTab(), openTab(), openTab()];
    assert.equal(tabs[0].group.mode, 'heartbeats');
    await clock.advance(5000);
    assert.equal(leaders(tabs), 1);
    assert.ok(tabs[0].group.isLeader, 'the oldest tab wins the tie');
    await clock.advance(20_000);
    assert.equal(leaders(tabs), 1, 'and stays the only leader');
  });

  it('lets a tab that joins later follow the existing leader', async () => {
    const { openTab, clock } = browser({ withLocks: false });
    const first = openTab();
    await clock.advance(5000);
    const late = openTab();
    await clock.advance(20_000);
    assert.ok(first.group.isLeader);
    assert.ok(!late.group.isLeader);
  });

  it('hands over at once when the leader closes and says goodbye', async () => {
    const { openTab, clock } = browser({ withLocks: false });
    const first = openTab();
    await clock.advance(5000);
    const second = openTab();
    await clock.advance(3000);
    first.group.close();
    await clock.advance(1100);
    assert.ok(second.group.isLeader);
  });

  it('takes over when the leader tab goes silent without goodbye', async () => {
    const { openTab, clock, network } = browser({ withLocks: false });
    const first = openTab();
    await clock.advance(5000);
    const second = openTab();
    await clock.advance(3000);
    const [leaderChannel] = network.channels;
    leaderChannel.dead = true;
    await clock.advance(5000);
    assert.ok(second.group.isLeader);
  });

  it('heals a split: of two leaders the younger one steps down', async () => {
    const { openTab, clock, network } = browser({ withLocks: false });
    const first = openTab();
    const second = openTab();
    const [firstChannel, secondChannel] = [...network.channels];
    firstChannel.dead = true;
    secondChannel.dead = true;
    await clock.advance(5000);
    assert.equal(leaders([first, second]), 2);
    firstChannel.dead = false;
    secondChannel.dead = false;
    await clock.advance(2000);
    assert.ok(first.group.isLeader);
    assert.ok(!second.group.isLeader);
    assert.deepEqual(second.roles, ['leader', 'follower']);
  });
});

describe('tab group without BroadcastChannel', () => {
  it('lets every tab lead alone', async () => {
    const leads = [];
    const group = joinTabGroup({
      name: 'reddot:alice:auto',
      globals: { BroadcastChannel: undefined },
      onLead: () => leads.push('lead'),
      onFollow: () => {},
      onMessage: () => {},
    });
    assert.deepEqual(leads, [], 'not before the caller holds the group');
    await settle();
    assert.deepEqual(leads, ['lead']);
    assert.equal(group.mode, 'solo');
    group.post({ kind: 'state' });
  });
});
