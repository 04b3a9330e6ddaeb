// What every transport module gets, with fake globals, and a recorder of its callbacks.

import { createPushConfigLoader } from '../../src/push-config.js';
import { createFakeClock } from './clock.js';

export const BASE = 'http://gateway.test';
export const event = (count, seq) => ({ userId: 'alice', count, seq, ts: 1_732_280_000_000 + seq });
export const json = (count, seq) => JSON.stringify(event(count, seq));

export function context(globals, extra = {}) {
  const clock = createFakeClock();
  const all = { setTimeout: clock.setTimeout, clearTimeout: clock.clearTimeout, now: clock.now, random: () => 0.25, ...globals };
  return {
    clock,
    context: {
      userId: 'alice',
      baseUrl: BASE,
      globals: all,
      loadPushConfig: createPushConfigLoader({ baseUrl: BASE, globals: all }),
      ...extra,
    },
  };
}

function recorder() {
  const seen = { counts: [], errors: [], opens: 0 };
  return {
    seen,
    onCount: (value) => seen.counts.push(`${value.count}@${value.seq}`),
    onError: (error) => seen.errors.push(error.message),
    onOpen: () => {
      seen.opens += 1;
    },
  };
}

export function open(transport, lastSeq = 0) {
  const r = recorder();
  transport.open(lastSeq, r.onCount, r.onError, r.onOpen);
  return r.seen;
}
