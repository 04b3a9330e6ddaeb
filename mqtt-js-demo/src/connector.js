// Opens transports one at a time and keeps one open.
// Fallback rule (centrifuge-js): a transport that fails or stays silent before it ever opened is
// dropped for the next candidate; once one has opened (delivered an event), the connector sticks
// to it and only reconnects it, with back-off. A forced transport (a single candidate) is never dropped.
// Every instance gets a generation: callbacks of an instance that is no longer current are ignored.
// A connection the server ended because its token expired is no failure: the same transport reopens at once (and
// asks the page for a fresh token), unless that happened less than a second ago (a page handing out stale tokens).

import { backoffDelay, DEFAULT_BACKOFF } from './backoff.js';

export const DEFAULT_FIRST_EVENT_TIMEOUT_MS = 4000;
const MIN_EXPIRY_INTERVAL_MS = 1000;

/**
 * @param {object} options
 * @param {string[]} options.candidates transport names in the order to try; one name = forced
 * @param {(name: string) => object} options.createTransport a fresh transport instance
 * @param {() => number} options.lastSeq the newest seq shown, handed to open()
 * @param {(event: object, name: string) => void} options.onCount every event a current transport delivers
 * @param {(status: {transport: string, phase: string}) => void} options.onStatus phase: connecting | open | retrying
 * @param {(level: string, message: string) => void} options.onLog
 */
export function createConnector({
  candidates,
  createTransport,
  lastSeq = () => 0,
  onCount,
  onStatus = () => {},
  onLog = () => {},
  firstEventTimeoutMs = DEFAULT_FIRST_EVENT_TIMEOUT_MS,
  backoff = DEFAULT_BACKOFF,
  timers,
  random = Math.random,
}) {
  if (candidates.length === 0) throw new TypeError('no transport to try');
  const forced = candidates.length === 1;
  let index = 0;
  let stuckTo = forced ? candidates[0] : null;
  let attempt = 0;
  let generation = 0;
  let current = null;
  let silenceTimer = null;
  let retryTimer = null;
  let running = false;
  let lastExpiryAt = -Infinity;

  function openNext() {
    retryTimer = null;
    const name = stuckTo ?? candidates[index];
    const id = ++generation;
    const isCurrent = () => running && id === generation;
    let opened = false;

    const markOpen = () => {
      if (opened) return;
      opened = true;
      timers.clearTimeout(silenceTimer);
      attempt = 0;
      if (stuckTo !== name) onLog('info', `${name} works: staying on it`);
      stuckTo = name;
      onStatus({ transport: name, phase: 'open' });
    };
    const fail = (error) => {
      generation++;
      timers.clearTimeout(silenceTimer);
      current?.close();
      current = null;
      afterFailure(name, error);
    };

    onStatus({ transport: name, phase: 'connecting' });
    silenceTimer = timers.setTimeout(() => {
      if (isCurrent()) fail(new Error(`no event within ${firstEventTimeoutMs} ms`));
    }, firstEventTimeoutMs);
    try {
      current = createTransport(name);
      current.open(
        lastSeq(),
        (event) => {
          if (!isCurrent()) return;
          markOpen();
          onCount(event, name);
        },
        (error) => {
          if (isCurrent()) fail(error);
        },
        () => {
          if (isCurrent()) markOpen();
        },
      );
    } catch (error) {
      // a missing browser API (no EventSource) or a bad URL throws right away: same as a failure
      if (isCurrent()) fail(error);
    }
  }

  function afterFailure(name, error) {
    const now = timers.now?.() ?? Date.now();
    if (error?.tokenExpired && now - lastExpiryAt >= MIN_EXPIRY_INTERVAL_MS) {
      lastExpiryAt = now;
      onLog('info', `${error.message}: reconnecting with a fresh token`);
      openNext();
      return;
    }
    if (stuckTo) {
      retryLater(`${name} failed (${error.message})`);
      return;
    }
    index += 1;
    if (index < candidates.length) {
      onLog('warn', `${name} failed (${error.message}); falling back to ${candidates[index]}`);
      openNext();
      return;
    }
    index = 0;
    retryLater(`${name} failed (${error.message}); every transport failed`);
  }

  function retryLater(reason) {
    const delayMs = backoffDelay(attempt, backoff, random);
    attempt += 1;
    const next = stuckTo ?? candidates[index];
    onLog('warn', `${reason}; retrying ${next} in ${delayMs} ms`);
    onStatus({ transport: next, phase: 'retrying' });
    retryTimer = timers.setTimeout(openNext, delayMs);
  }

  return {
    start() {
      if (running) return;
      running = true;
      openNext();
    },
    stop() {
      if (!running) return;
      running = false;
      generation++;
      timers.clearTimeout(silenceTimer);
      timers.clearTimeout(retryTimer);
      current?.close();
      current = null;
    },
    /** The transport that has delivered and is kept, or null while still choosing. */
    get stuckTo() {
      return stuckTo;
    },
  };
}
