// Raw WebSocket: ws(s)://{gateway}/push/ws/{userId}; one count event per text frame.

import { paths, parseCountEvent, TOKEN_EXPIRED_REASON, WS_POLICY_VIOLATION } from '../protocol.js';
import { TokenExpiredError, withToken } from '../token.js';
import { endpointUrl, toWebSocketUrl } from '../urls.js';
import { createRelay } from './relay.js';

const NORMAL_CLOSURE = 1000;

export function createWsTransport({ userId, baseUrl, token, getToken, globals }) {
  let relay = null;
  let socket = null;
  return {
    name: 'ws',
    open(lastSeq, onCount, onError) {
      relay = createRelay(onCount, onError);
      withToken({ token, getToken }, relay, connect);
    },
    close() {
      relay?.close();
      socket?.close(NORMAL_CLOSURE, 'client closed');
    },
  };

  function connect(accessToken) {
    const url = toWebSocketUrl(endpointUrl(baseUrl, paths.ws(userId), { access_token: accessToken }), globals.location?.href);
    socket = new globals.WebSocket(url);
    socket.onmessage = (message) => relay.deliver(() => parseCountEvent(message.data, userId));
    // "error" carries no detail and is always followed by "close", which has the code
    socket.onclose = (event) => {
      if (event.code === WS_POLICY_VIOLATION && event.reason === TOKEN_EXPIRED_REASON) {
        relay.fail(new TokenExpiredError('ws'));
        return;
      }
      const reason = event.reason ? `: ${event.reason}` : '';
      relay.fail(new Error(`WebSocket closed with code ${event.code}${reason}`));
    };
  }
}
