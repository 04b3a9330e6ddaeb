import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nextFocus } from '../../src/bell/focus-trap.js';
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
