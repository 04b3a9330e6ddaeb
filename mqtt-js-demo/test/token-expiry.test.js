import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createReddotClient } from '../src/client.js';
import { createConnector } from '../src/connector.js';
import { TokenExpiredError } from '../src/token.js';
import { createIframeTransport } from '../src/transports/iframe.js';
import { createLongPollTransport } from '../src/transports/long-poll.js';
import { createMqttTransport } from '../src/transports/mqtt.js';
import { createPollTransport } from '../src/transports/poll.js';
import { createSseTransport } from '../src/transports/sse.js';
import { createWsTransport } from '../src/transports/ws.js';
import { createFakeEventSource, createFakeFetch, createFakeFrameHost, createFakeMqtt, createFakeWebSocket } from './fakes/browser.js';
import { createFakeClock, settle } from './fakes/clock.js';
import { jwt } from './fakes/tokens.js';
import { BASE, context, json, open } from './fakes/transport-context.js';
import { createFakeTransports } from './fakes/transports.js';

/** getToken() as a page writes it: a new token each time it is asked. */
function tokenMint() {
  let minted = 0;
  const getToken = async () => jwt({ sub: 'alice', scope: 'user', exp: 2_000_000_000, n: ++minted });
  return { getToken, count: () => minted, nth: (n) => jwt({ sub: 'alice', scope: 'user', exp: 2_000_000_000, n }) };
}

describe('getToken: a fresh token for every connection', () => {
  it('sse, ws and iframe put the token getToken() answers into ?access_token=', async () => {
    const mint = tokenMint();
    const sources = createFakeEventSource();
    open(createSseTransport(context({ EventSource: sources.EventSource }, { getToken: mint.getToken }).context));
    const sockets = createFakeWebSocket();
    open(createWsTransport(context({ WebSocket: sockets.WebSocket, location: { href: `${BASE}/` } }, { getToken: mint.getToken }).context));
    const host = createFakeFrameHost();
    open(createIframeTransport(context({ document: host.document, window: host.window }, { getToken: mint.getToken }).context));
    await settle();

    assert.equal(sources.instances[0].url, `${BASE}/push/sse/alice?access_token=${mint.nth(1)}`);
    assert.equal(sockets.instances[0].url, `ws://gateway.test/push/ws/alice?access_token=${mint.nth(2)}`);
    assert.equal(host.frames[0].src, `${BASE}/push/iframe/alice?access_token=${mint.nth(3)}`);
  });

  it('poll and long-poll ask for a token before every request', async () => {
    const mint = tokenMint();
    const fake = createFakeFetch();
    const { context: ctx, clock } = context({ fetch: fake.fetch }, { pollIntervalMs: 2000, getToken: mint.getToken });
    open(createPollTransport(ctx));
    await settle();
    fake.pending()[0].respond(200, json(1, 1));
    await clock.advance(2000);
    assert.deepEqual(fake.requests.map((request) => request.init.headers.Authorization),
      [`Bearer ${mint.nth(1)}`, `Bearer ${mint.nth(2)}`]);

    const longPolls = createFakeFetch();
    open(createLongPollTransport(context({ fetch: longPolls.fetch }, { getToken: mint.getToken }).context));
    await settle();
    longPolls.pending()[0].respond(200, json(1, 1));
    await settle();
    longPolls.pending()[0].respond(200, json(2, 2));
    await settle();
    assert.deepEqual(longPolls.requests.map((request) => request.init.headers.Authorization),
      [`Bearer ${mint.nth(3)}`, `Bearer ${mint.nth(4)}`, `Bearer ${mint.nth(5)}`]);
  });

  it('mqtt sends the fresh token as password on every connection', async () => {
    const mint = tokenMint();
    const mqtt = createFakeMqtt();
    const make = () => createMqttTransport(context({ mqttConnect: mqtt.connect }, { mqttUrl: 'ws://h/mqtt', getToken: mint.getToken }).context);
    open(make());
    open(make());
    await settle();
    assert.deepEqual(mqtt.clients.map((client) => [client.options.username, client.options.password]),
      [['alice', mint.nth(1)], ['alice', mint.nth(2)]]);
  });

  it('a getToken() that fails fails the transport, naming it', async () => {
    const sources = createFakeEventSource();
    const seen = open(createSseTransport(context({ EventSource: sources.EventSource }, {
      getToken: async () => {
        throw new Error('session over');
      },
    }).context));
    await settle();
    assert.deepEqual(seen.errors, ['getToken() failed: session over']);
    assert.equal(sources.instances.length, 0);
  });

  it('refuses a getToken that is not a function', () => {
    assert.throws(() => createReddotClient({ userId: 'alice', getToken: 'abc' }), /getToken must be a function/);
  });
});

describe('a connection ended because its token expired', () => {
  it('sse: the expired event ends the stream before EventSource could retry with the old token', () => {
    const sources = createFakeEventSource();
    const seen = open(createSseTransport(context({ EventSource: sources.EventSource }, { token: 't' }).context));
    sources.instances[0].emit('expired', 'token expired');
    assert.ok(sources.instances[0].closed);
    assert.deepEqual(seen.errors, ['sse: the server ended the connection, its token expired']);
  });

  it('ws: close code 1008 with reason "token expired", and only that, is an expiry', () => {
    const sockets = createFakeWebSocket();
    const errors = [];
    for (const [code, reason] of [[1008, 'token expired'], [1008, 'origin not allowed'], [1006, 'token expired']]) {
      const transport = createWsTransport(context({ WebSocket: sockets.WebSocket, location: { href: `${BASE}/` } }, { token: 't' }).context);
      transport.open(0, () => {}, (error) => errors.push(Boolean(error.tokenExpired)));
      sockets.instances[sockets.instances.length - 1].serverClose(code, reason);
    }
    assert.deepEqual(errors, [true, false, false]);
  });

  it('iframe: the stream\'s reddotExpired() call is an expiry, the frame\'s load after it changes nothing', () => {
    const host = createFakeFrameHost();
    const seen = open(createIframeTransport(context({ document: host.document, window: host.window }, { token: 't' }).context));
    host.window.reddotExpired('token expired');
    host.frames[0].dispatch('load');
    assert.deepEqual(seen.errors, ['iframe: the server ended the connection, its token expired']);
  });
});

describe('connector and client after an expiry', () => {
  function connector(transports, clock, logs = []) {
    return createConnector({
      candidates: ['mqtt', 'sse', 'long-poll', 'poll'],
      createTransport: transports.create,
      onCount: () => {},
      onLog: (level, message) => logs.push(`${level}: ${message}`),
      backoff: { minDelayMs: 500, maxDelayMs: 8000 },
      timers: clock,
      random: () => 0.5,
    });
  }

  it('reopens the same transport at once: no fallback, no back-off', async () => {
    const clock = createFakeClock();
    const transports = createFakeTransports();
    const logs = [];
    connector(transports, clock, logs).start();
    transports.latest().fail('mqtt failed');
    transports.latest().emit(1, 1);
    await clock.advance(5000);
    transports.latest().onError(new TokenExpiredError('sse'));
    assert.deepEqual(transports.names(), ['mqtt', 'sse', 'sse']);
    assert.match(logs.at(-1), /^info: sse: the server ended the connection, its token expired: reconnecting/);
    // a transport that had not opened yet is not dropped for an expiry either
    await clock.advance(1000);
    transports.latest().onError(new TokenExpiredError('sse'));
    assert.deepEqual(transports.names(), ['mqtt', 'sse', 'sse', 'sse']);
  });

  it('two expiries within a second count as a failure, so a page handing out stale tokens cannot spin', async () => {
    const clock = createFakeClock();
    const transports = createFakeTransports();
    connector(transports, clock).start();
    transports.latest().emit(1, 1);
    transports.latest().onError(new TokenExpiredError('mqtt'));
    transports.latest().onError(new TokenExpiredError('mqtt'));
    assert.deepEqual(transports.names(), ['mqtt', 'mqtt']);
    assert.deepEqual(clock.pendingDelays().filter((delay) => delay < 4000), [250]);
  });

  it('the client keeps its transport and the badge across an expiry, with the token getToken() answers next', async () => {
    const clock = createFakeClock();
    const sources = createFakeEventSource();
    const mint = tokenMint();
    const used = [];
    const shown = [];
    const client = createReddotClient({
      userId: 'alice',
      baseUrl: BASE,
      transport: 'auto',
      autoOrder: ['sse', 'long-poll'],
      shareAcrossTabs: false,
      getToken: mint.getToken,
      globals: { EventSource: sources.EventSource, setTimeout: clock.setTimeout, clearTimeout: clock.clearTimeout, now: clock.now, random: () => 0.5 },
      onTransport: (name) => used.push(name),
      onCount: (event) => shown.push(event.count),
    });
    client.start();
    await settle();
    sources.instances[0].emit('count', json(3, 3));
    sources.instances[0].emit('expired', 'token expired');
    await settle();
    sources.instances[1].emit('count', json(4, 4));

    assert.equal(sources.instances[1].url, `${BASE}/push/sse/alice?access_token=${mint.nth(2)}`);
    assert.deepEqual(shown, [3, 4]);
    assert.deepEqual(used, ['sse']);
    assert.equal(client.state.transport, 'sse');
    client.stop();
  });
});
