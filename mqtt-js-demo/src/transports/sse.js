// Server-Sent Events: GET /push/sse/{userId}, events named "count", id = seq.

import { paths, parseCountEvent, SSE_COUNT_EVENT, SSE_EXPIRED_EVENT } from '../protocol.js';
import { TokenExpiredError, withToken } from '../token.js';
import { endpointUrl } from '../urls.js';
import { createRelay } from './relay.js';

const CLOSED = 2;

export function createSseTransport({ userId, baseUrl, token, getToken, globals }) {
  let relay = null;
  let source = null;
  return {
    name: 'sse',
    open(lastSeq, onCount, onError) {
      relay = createRelay(onCount, onError);
      withToken({ token, getToken }, relay, (accessToken) => connect(accessToken));
    },
    close() {
      relay?.close();
      source?.close();
    },
  };

  function connect(accessToken) {
    source = new globals.EventSource(endpointUrl(baseUrl, paths.sse(userId), { access_token: accessToken }));
    source.addEventListener(SSE_COUNT_EVENT, (message) => relay.deliver(() => parseCountEvent(message.data, userId)));
    // the last event of a stream whose token expired: EventSource must not retry with that token
    source.addEventListener(SSE_EXPIRED_EVENT, () => {
      source.close();
      relay.fail(new TokenExpiredError('sse'));
    });
    // EventSource would retry on its own, without our back-off or fallback: the client decides instead.
    source.onerror = () => {
      const refused = source.readyState === CLOSED;
      relay.fail(new Error(refused ? 'SSE stream refused (HTTP error or wrong content type)' : 'SSE stream lost'));
    };
  }
}
