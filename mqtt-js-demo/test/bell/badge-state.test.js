import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accessibleName, applyLive, createBadgeCache, initialBadge } from '../../src/bell/badge-state.js';

function memoryStorage() {
  const values = new Map();
  return { getItem: (key) => values.get(key) ?? null, setItem: (key, value) => values.set(key, String(value)), values };
}

describe('the bell badge', () => {
  it('shows the count kept from the last visit at once, marked stale', () => {
    const storage = memoryStorage();
    createBadgeCache(storage, 'alice').write({ count: 4, seq: 12, ts: 99 });

    const badge = initialBadge(createBadgeCache(storage, 'alice').read());

    assert.deepEqual(badge, { count: 4, seq: 12, stale: true, known: true });
  });

  it('keeps one count per user', () => {
    const storage = memoryStorage();
    createBadgeCache(storage, 'alice').write({ count: 4, seq: 12, ts: 99 });
    assert.equal(createBadgeCache(storage, 'bob').read(), null);
  });

  it('knows nothing before the first visit, and says nothing stale', () => {
    assert.deepEqual(initialBadge(null), { count: 0, seq: -1, stale: false, known: false });
  });

  it('lets the first live event confirm or replace the cached count', () => {
    const cached = initialBadge({ count: 4, seq: 12, ts: 0 });
    assert.deepEqual(applyLive({ count: 4, seq: 12, ts: 0 }), { count: 4, seq: 12, stale: false, known: true });
    assert.deepEqual(applyLive({ count: 6, seq: 14, ts: 0 }), { count: 6, seq: 14, stale: false, known: true });
    assert.equal(cached.stale, true);
  });

  it('ignores a cached value it did not write, and a storage that throws', () => {
    const storage = memoryStorage();
    storage.setItem('reddot-bell:alice', '{"count":-1,"seq":"x"}');
    assert.equal(createBadgeCache(storage, 'alice').read(), null);
    storage.setItem('reddot-bell:alice', 'not json');
    assert.equal(createBadgeCache(storage, 'alice').read(), null);
    const refusing = { getItem() { throw new Error('denied'); }, setItem() { throw new Error('quota'); } };
    assert.equal(createBadgeCache(refusing, 'alice').read(), null);
    assert.equal(createBadgeCache(refusing, 'alice').write({ count: 1, seq: 1, ts: 1 }), false);
    assert.equal(createBadgeCache(undefined, 'alice').read(), null);
  });

  it('names the button with the count, and says when it is only the last known one', () => {
    assert.equal(accessibleName({ count: 3, stale: false, known: true }), 'Notifications, 3 unread notifications');
    assert.equal(accessibleName({ count: 1, stale: false, known: true }), 'Notifications, 1 unread notification');
    assert.equal(accessibleName({ count: 0, stale: false, known: true }), 'Notifications, no unread notifications');
    assert.equal(accessibleName({ count: 3, stale: true, known: true }),
      'Notifications, 3 unread notifications (last known, updating)');
    assert.equal(accessibleName({ count: 0, stale: false, known: false }), 'Notifications');
  });
});
