// Raw WebSocket: ws(s)://{gateway}/push/ws/{userId}; one count event per text frame.

import { paths, parseCountEvent } from '../protocol.js';
import { endpointUrl, toWebSocketUrl } from '../urls.js';
import { createRelay } from './relay.js';

const NORMAL_CLOSURE = 1000;

export function createWsTransport({ userId, baseUrl, token, globals }) {
  let relay = null;
  let socket = null;
  return {
    name: 'ws',
    open(lastSeq, onCount, onError) {
      relay = createRelay(onCount, onError);
      const url = toWebSocketUrl(endpointUrl(baseUrl, paths.ws(userId), { access_token: token }), globals.location?.href);
      socket = new globals.WebSocket(url);
      socket.onmessage = (message) => relay.deliver(() => parseCountEvent(message.data, userId));
      // "error" carries no detail and is always followed by "close", which has the code
      socket.onclose = (event) => {
        const reason = event.reason ? `: ${event.reason}` : '';
        relay.fail(new Error(`WebSocket closed with code ${event.code}${reason}`));
      };
    },
    close() {
      relay?.close();
      socket?.close(NORMAL_CLOSURE, 'client closed');
    },
  };
}
