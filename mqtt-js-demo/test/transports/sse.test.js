import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSseTransport } from '../../src/transports/sse.js';
import { createFakeEventSource } from '../fakes/browser.js';
import { BASE, json, context, open } from '../fakes/transport-context.js';

describe('sse transport', () => {
  it('listens to "count" events of /push/sse/{userId}', () => {
    const fake = createFakeEventSource();
    const transport = createSseTransport(context({ EventSource: fake.EventSource }).context);
    const seen = open(transport);
    const [source] = fake.instances;
    assert.equal(source.url, `${BASE}/push/sse/alice`);
    source.emit('count', json(3, 7), '7');
    assert.deepEqual(seen.counts, ['3@7']);
    assert.equal(transport.name, 'sse');
  });

  it('passes a token as access_token, since EventSource cannot send headers', () => {
    const fake = createFakeEventSource();
    createSseTransport(context({ EventSource: fake.EventSource }, { token: 'abc' }).context).open(0, () => {}, () => {});
    assert.equal(fake.instances[0].url, `${BASE}/push/sse/alice?access_token=abc`);
  });

  it('reports a lost stream once, and closes the EventSource so it does not retry on its own', () => {
    const fake = createFakeEventSource();
    const transport = createSseTransport(context({ EventSource: fake.EventSource }).context);
    const seen = open(transport);
    fake.instances[0].error(0);
    fake.instances[0].error(2);
    assert.deepEqual(seen.errors, ['SSE stream lost']);
    transport.close();
    assert.ok(fake.instances[0].closed);
  });

  it('fails on a malformed event and stays silent after close', () => {
    const fake = createFakeEventSource();
    const transport = createSseTransport(context({ EventSource: fake.EventSource }).context);
    const seen = open(transport);
    fake.instances[0].emit('count', '{"userId":"bob","count":1,"seq":1,"ts":1}');
    assert.equal(seen.errors.length, 1);
    assert.match(seen.errors[0], /expected "alice"/);
    fake.instances[0].emit('count', json(1, 2));
    assert.deepEqual(seen.counts, []);
  });
});
