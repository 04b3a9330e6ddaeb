import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createWsTransport } from '../../src/transports/ws.js';
import { createFakeWebSocket } from '../fakes/browser.js';
import { json, context, open } from '../fakes/transport-context.js';

describe('ws transport', () => {
  it('connects to ws://{gateway}/push/ws/{userId} and reads one event per frame', () => {
    const fake = createFakeWebSocket();
    const transport = createWsTransport(context({ WebSocket: fake.WebSocket }).context);
    const seen = open(transport);
    const [socket] = fake.instances;
    assert.equal(socket.url, 'ws://gateway.test/push/ws/alice');
    socket.receive(json(1, 1));
    socket.receive(json(2, 2));
    assert.deepEqual(seen.counts, ['1@1', '2@2']);
  });

  it('reports a close with its code and reason, and closes normally itself', () => {
    const fake = createFakeWebSocket();
    const transport = createWsTransport(context({ WebSocket: fake.WebSocket }).context);
    const seen = open(transport);
    fake.instances[0].serverClose(1013, 'try again later');
    assert.deepEqual(seen.errors, ['WebSocket closed with code 1013: try again later']);

    const second = createWsTransport(context({ WebSocket: fake.WebSocket }).context);
    open(second);
    second.close();
    assert.deepEqual(fake.instances[1].closedWith, { code: 1000, reason: 'client closed' });
  });

  it('resolves a relative base URL against the page', () => {
    const fake = createFakeWebSocket();
    const { context: relative } = context({ WebSocket: fake.WebSocket, location: { href: 'https://app.test/inbox' } }, { baseUrl: '' });
    createWsTransport(relative).open(0, () => {}, () => {});
    assert.equal(fake.instances[0].url, 'wss://app.test/push/ws/alice');
  });
});
