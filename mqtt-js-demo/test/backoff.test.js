import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backoffDelay } from '../src/backoff.js';

const options = { minDelayMs: 500, maxDelayMs: 20_000 };

describe('backoffDelay', () => {
  it('stays within [0, min * 2^attempt) with full jitter', () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const ceiling = 500 * 2 ** attempt;
      assert.equal(backoffDelay(attempt, options, () => 0), 0);
      assert.equal(backoffDelay(attempt, options, () => 0.5), ceiling / 2);
      assert.ok(backoffDelay(attempt, options, () => 0.999999) < ceiling);
    }
  });

  it('never exceeds the cap, however many attempts failed', () => {
    for (const attempt of [6, 10, 40, 1000]) {
      const delay = backoffDelay(attempt, options, () => 0.999999);
      assert.ok(delay < 20_000 && delay >= 19_999, `attempt ${attempt}: ${delay}`);
    }
  });

  it('spreads delays across the whole range with a real random source', () => {
    const delays = Array.from({ length: 2000 }, () => backoffDelay(3, options));
    assert.ok(delays.every((delay) => delay >= 0 && delay < 4000));
    assert.ok(Math.min(...delays) < 400, 'some delays near 0');
    assert.ok(Math.max(...delays) > 3600, 'some delays near the ceiling');
  });
});
