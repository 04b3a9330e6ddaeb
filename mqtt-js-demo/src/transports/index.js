// Every transport by name; each module has the same shape: name, open(lastSeq, onCount, onError[, onOpen]), close().

import { createIframeTransport } from './iframe.js';
import { createLongPollTransport } from './long-poll.js';
import { createMqttTransport } from './mqtt.js';
import { createPollTransport } from './poll.js';
import { createSseTransport } from './sse.js';
import { createWsTransport } from './ws.js';

export const TRANSPORT_FACTORIES = Object.freeze({
  mqtt: createMqttTransport,
  sse: createSseTransport,
  'long-poll': createLongPollTransport,
  poll: createPollTransport,
  ws: createWsTransport,
  iframe: createIframeTransport,
});
