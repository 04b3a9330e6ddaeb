import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPushConfigLoader } from '../src/push-config.js';
import { subjectOf } from '../src/token.js';
import { createIframeTransport } from '../src/transports/iframe.js';
import { createLongPollTransport } from '../src/transports/long-poll.js';
import { createMqttTransport } from '../src/transports/mqtt.js';
import { createPollTransport } from '../src/transports/poll.js';
import { createSseTransport } from '../src/transports/sse.js';
import { createWsTransport } from '../src/transports/ws.js';
import { createFakeEventSource, createFakeFetch, createFakeFrameHost, createFakeMqtt, createFakeWebSocket } from './fakes/browser.js';
import { settle } from './fakes/clock.js';
import { jwt } from './fakes/tokens.js';
import { BASE, context, json, open } from './fakes/transport-context.js';

const ALICE = jwt({ sub: 'alice', scope: 'user', exp: 2_000_000_000 });
const ADMIN = jwt({ sub: 'ops-console', scope: 'admin', exp: 2_000_000_000 });

describe('tokens', () => {
  it('reads the sub of a JWT without verifying it', () => {
    assert.equal(subjectOf(ALICE), 'alice');
    assert.equal(subjectOf(jwt({ sub: 'zoë@example.org', scope: 'user' })), 'zoë@example.org');
  });

  it('refuses what is not a JWT with a sub', () => {
    assert.throws(() => subjectOf('opaque'), /not a JWT/);
    assert.throws(() => subjectOf('a.%%%.c'), /payload is not JSON/);
    assert.throws(() => subjectOf(jwt({ scope: 'user' })), /no sub claim/);
  });
});

describe('the token on every transport', () => {
  it('mqtt: user name = the token\'s sub, password = the token', async () => {
    const mqtt = createFakeMqtt();
    open(createMqttTransport(context({ mqttConnect: mqtt.connect }, { mqttUrl: 'ws://h/mqtt', token: ADMIN }).context));
    await settle();
    assert.equal(mqtt.clients[0].options.username, 'ops-console', 'the sub, not the userId being read');
    assert.equal(mqtt.clients[0].options.password, ADMIN);
  });

  it('mqtt: a token that is not a JWT fails the transport before connecting', async () => {
    const mqtt = createFakeMqtt();
    const seen = open(createMqttTransport(context({ mqttConnect: mqtt.connect }, { mqttUrl: 'ws://h/mqtt', token: 'opaque' }).context));
    await settle();
    assert.equal(mqtt.clients.length, 0);
    assert.match(seen.errors[0], /not a JWT/);
  });

  it('sse: ?access_token=, since EventSource cannot send headers', () => {
    const fake = createFakeEventSource();
    open(createSseTransport(context({ EventSource: fake.EventSource }, { token: ALICE }).context));
    assert.equal(fake.instances[0].url, `${BASE}/push/sse/alice?access_token=${ALICE}`);
  });

  it('ws: ?access_token= on the upgrade request', () => {
    const fake = createFakeWebSocket();
    open(createWsTransport(context({ WebSocket: fake.WebSocket, location: { href: `${BASE}/` } }, { token: ALICE }).context));
    assert.equal(fake.instances[0].url, `ws://gateway.test/push/ws/alice?access_token=${ALICE}`);
  });

  it('iframe: ?access_token= on the frame', () => {
    const host = createFakeFrameHost();
    open(createIframeTransport(context({ document: host.document, window: host.window }, { token: ALICE }).context));
    assert.equal(host.frames[0].src, `${BASE}/push/iframe/alice?access_token=${ALICE}`);
  });

  it('poll: Authorization: Bearer, which fetch can send', async () => {
    const fake = createFakeFetch();
    open(createPollTransport(context({ fetch: fake.fetch }, { pollIntervalMs: 2000, token: ALICE }).context));
    await settle();
    assert.equal(fake.requests[0].url, `${BASE}/push/poll/alice`);
    assert.equal(fake.requests[0].init.headers.Authorization, `Bearer ${ALICE}`);
  });

  it('long-poll: Authorization: Bearer on the first poll and on every long poll', async () => {
    const fake = createFakeFetch();
    open(createLongPollTransport(context({ fetch: fake.fetch }, { token: ALICE }).context));
    await settle();
    fake.requests[0].respond(200, json(1, 1));
    await settle();
    assert.match(fake.requests[1].url, /\/push\/long-poll\/alice\?since=1/);
    assert.deepEqual(fake.requests.map((request) => request.init.headers.Authorization), [`Bearer ${ALICE}`, `Bearer ${ALICE}`]);
  });

  it('push config: Authorization: Bearer as well', async () => {
    const fake = createFakeFetch();
    const { context: ctx } = context({ fetch: fake.fetch });
    createPushConfigLoader({ baseUrl: BASE, token: ALICE, globals: ctx.globals })().catch(() => {});
    await settle();
    assert.equal(fake.requests[0].url, `${BASE}/push/config`);
    assert.equal(fake.requests[0].init.headers.Authorization, `Bearer ${ALICE}`);
  });
});
