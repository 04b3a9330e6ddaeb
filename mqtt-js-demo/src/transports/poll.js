// Short polling: GET /push/poll/{userId} every pollIntervalMs.

import { getText, sleep } from '../http.js';
import { paths, parseCountEvent } from '../protocol.js';
import { currentToken } from '../token.js';
import { DEFAULT_POLL_INTERVAL_MS } from '../push-config.js';
import { endpointUrl } from '../urls.js';
import { createRelay } from './relay.js';

const REQUEST_TIMEOUT_MS = 10_000;

export function createPollTransport({ userId, baseUrl, token, getToken, globals, pollIntervalMs, loadPushConfig }) {
  let relay = null;
  const stop = new AbortController();
  const url = endpointUrl(baseUrl, paths.poll(userId));

  async function pollForever() {
    const intervalMs = pollIntervalMs ?? (await intervalFromConfig());
    while (!relay.done) {
      const accessToken = await currentToken({ token, getToken });
      const { text } = await getText(url, { ...globals, token: accessToken, signal: stop.signal, timeoutMs: REQUEST_TIMEOUT_MS });
      relay.deliver(() => parseCountEvent(text, userId));
      await sleep(intervalMs, globals, stop.signal);
    }
  }

  // polling still works without /push/config; only its pace falls back to the default
  async function intervalFromConfig() {
    try {
      return (await loadPushConfig()).pollIntervalMs;
    } catch {
      return DEFAULT_POLL_INTERVAL_MS;
    }
  }

  return {
    name: 'poll',
    open(lastSeq, onCount, onError) {
      relay = createRelay(onCount, onError);
      // after close() the loop ends by the abort; relay.fail is then a no-op
      pollForever().catch((error) => relay.fail(error));
    },
    close() {
      relay?.close();
      stop.abort(new Error('poll transport closed'));
    },
  };
}
