// Long polling: GET /push/long-poll/{userId}?since={seq}&timeout=25 in a loop; 200 = a newer
// event, 304 = nothing changed in time (or the token expired: the next request asks getToken() for a fresh one).

import { getText, sleep } from '../http.js';
import { paths, parseCountEvent } from '../protocol.js';
import { currentToken } from '../token.js';
import { endpointUrl } from '../urls.js';
import { createRelay } from './relay.js';

export const LONG_POLL_TIMEOUT_SECONDS = 25;
// the server holds a request up to its timeout; past that margin the connection is taken as dead
const ANSWER_MARGIN_MS = 10_000;
const FIRST_REQUEST_TIMEOUT_MS = 10_000;
// a 304 that comes back much sooner than asked (a proxy, a misconfigured server) must not spin
const MIN_ROUND_MS = 1000;

export function createLongPollTransport({ userId, baseUrl, token, getToken, globals, longPollTimeoutSeconds = LONG_POLL_TIMEOUT_SECONDS }) {
  let relay = null;
  const stop = new AbortController();
  const request = async (url, timeoutMs) =>
    getText(url, { ...globals, token: await currentToken({ token, getToken }), signal: stop.signal, timeoutMs });

  async function pollForever(lastSeq) {
    // a long poll for a user whose seq is still `since` would stay silent until its timeout:
    // one short poll shows the current count at once and proves the gateway answers
    const first = await request(endpointUrl(baseUrl, paths.poll(userId)), FIRST_REQUEST_TIMEOUT_MS);
    let since = Math.max(lastSeq, deliver(first.text));
    while (!relay.done) {
      const startedAt = globals.now();
      const url = endpointUrl(baseUrl, paths.longPoll(userId), { since, timeout: longPollTimeoutSeconds });
      const answer = await request(url, longPollTimeoutSeconds * 1000 + ANSWER_MARGIN_MS);
      if (answer.status === 304) {
        const elapsed = globals.now() - startedAt;
        if (elapsed < MIN_ROUND_MS) await sleep(MIN_ROUND_MS - elapsed, globals, stop.signal);
        continue;
      }
      const seq = deliver(answer.text);
      if (seq <= since) throw new Error(`long poll answered seq ${seq}, not newer than since=${since}`);
      since = seq;
    }
  }

  function deliver(text) {
    const event = parseCountEvent(text, userId);
    relay.deliver(() => event);
    return event.seq;
  }

  return {
    name: 'long-poll',
    open(lastSeq, onCount, onError) {
      relay = createRelay(onCount, onError);
      pollForever(lastSeq).catch((error) => relay.fail(error));
    },
    close() {
      relay?.close();
      stop.abort(new Error('long-poll transport closed'));
    },
  };
}
