import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nextFocus } from '../../src/bell/focus-trap.js';
import { notificationRow } from '../../src/bell/notification-row.js';
import { relativeTime } from '../../src/bell/relative-time.js';

describe('the bell panel', () => {
  it('keeps Tab and Shift+Tab inside the panel, wrapping around', () => {
    const [a, b, c] = ['a', 'b', 'c'];
    assert.equal(nextFocus([a, b, c], c, false), a);
    assert.equal(nextFocus([a, b, c], a, true), c);
    assert.equal(nextFocus([a, b, c], a, false), b);
    assert.equal(nextFocus([a, b, c], 'panel', false), a);
    assert.equal(nextFocus([a, b, c], 'panel', true), c);
    assert.equal(nextFocus([], a, false), null);
  });

  it('says how long ago a notification came', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    assert.equal(relativeTime('2026-01-01T11:59:50Z', now, 'en'), 'now');
    assert.equal(relativeTime('2026-01-01T11:57:00Z', now, 'en'), '3 minutes ago');
    assert.equal(relativeTime('2026-01-01T10:00:00Z', now, 'en'), '2 hours ago');
    assert.equal(relativeTime('2025-12-31T12:00:00Z', now, 'en'), 'yesterday');
    assert.equal(relativeTime('not a date', now, 'en'), '');
  });
});

// just enough of a document for notificationRow: elements with classes, text, attributes and children
const fakeDocument = {
  createElement(tagName) {
    return {
      tagName, className: '', textContent: '', title: '', dataset: {}, attributes: {}, children: [],
      setAttribute(name, value) { this.attributes[name] = value; },
      append(child) { this.children.push(child); },
    };
  },
};

describe('a notification in the panel', () => {
  const now = Date.parse('2026-01-01T12:00:00Z');
  const unread = { id: 7, title: 'Parcel shipped', body: 'Out for delivery', category: 'orders', createdAt: '2026-01-01T11:55:00Z', read: false };

  it('shows title, body, category and relative time, and says it is unread', () => {
    const row = notificationRow(fakeDocument, unread, { now, locale: 'en' });
    const item = row.children[0];
    assert.equal(item.tagName, 'button');
    assert.equal(item.className, 'item unread');
    assert.equal(item.dataset.id, '7');
    assert.deepEqual(item.children.map((part) => [part.className, part.textContent]), [
      ['visually-hidden', 'Unread. '],
      ['dot', ''],
      ['item-title', 'Parcel shipped'],
      ['item-body', 'Out for delivery'],
      ['meta', 'orders · 5 minutes ago'],
    ]);
  });

  it('marks nothing on a read one, and leaves out what it lacks', () => {
    const item = notificationRow(fakeDocument, { id: 8, title: 'Hi', createdAt: '2026-01-01T11:00:00Z', read: true },
      { now, locale: 'en' }).children[0];
    assert.equal(item.className, 'item');
    assert.deepEqual(item.children.map((part) => part.className), ['dot', 'item-title', 'meta']);
    assert.equal(item.children[2].textContent, '1 hour ago');
  });
});
