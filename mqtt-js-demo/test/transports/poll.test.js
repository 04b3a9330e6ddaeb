import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPollTransport } from '../../src/transports/poll.js';
import { createFakeFetch } from '../fakes/browser.js';
import { settle } from '../fakes/clock.js';
import { BASE, json, context, open } from '../fakes/transport-context.js';

describe('poll transport', () => {
  it('asks /push/poll/{userId} at once, then every pollIntervalMs', async () => {
    const fake = createFakeFetch();
    const { clock, context: ctx } = context({ fetch: fake.fetch }, { pollIntervalMs: 2000 });
    const seen = open(createPollTransport(ctx));
    await settle();
    assert.equal(fake.requests.length, 1);
    assert.equal(fake.requests[0].url, `${BASE}/push/poll/alice`);
    assert.equal(fake.requests[0].init.cache, 'no-store');
    fake.requests[0].respond(200, json(1, 1));
    await clock.advance(1999);
    assert.equal(fake.requests.length, 1);
    await clock.advance(1);
    assert.equal(fake.requests.length, 2);
    fake.requests[1].respond(200, json(2, 2));
    await settle();
    assert.deepEqual(seen.counts, ['1@1', '2@2']);
  });

  it('takes its pace from /push/config when none is given', async () => {
    const fake = createFakeFetch();
    const { clock, context: ctx } = context({ fetch: fake.fetch });
    open(createPollTransport(ctx));
    await settle();
    assert.equal(fake.requests[0].url, `${BASE}/push/config`);
    fake.requests[0].respondJson({ mqttUrl: 'ws://127.0.0.1:8083/mqtt', pollIntervalMs: 500 });
    await settle();
    fake.requests[1].respond(200, json(1, 1));
    await clock.advance(500);
    assert.equal(fake.requests.length, 3);
  });

  it('fails on an HTTP error, naming the status', async () => {
    const fake = createFakeFetch();
    const seen = open(createPollTransport(context({ fetch: fake.fetch }, { pollIntervalMs: 2000 }).context));
    await settle();
    fake.requests[0].respond(503, 'busy');
    await settle();
    assert.deepEqual(seen.errors, [`HTTP 503 from ${BASE}/push/poll/alice`]);
  });

  it('fails when the gateway does not answer in time', async () => {
    const fake = createFakeFetch();
    const { clock, context: ctx } = context({ fetch: fake.fetch }, { pollIntervalMs: 2000 });
    const seen = open(createPollTransport(ctx));
    await clock.advance(10_000);
    assert.equal(seen.errors.length, 1);
    assert.match(seen.errors[0], /no answer .* within 10000 ms/);
  });

  it('aborts its request on close and reports nothing', async () => {
    const fake = createFakeFetch();
    const transport = createPollTransport(context({ fetch: fake.fetch }, { pollIntervalMs: 2000 }).context);
    const seen = open(transport);
    await settle();
    transport.close();
    await settle();
    assert.ok(fake.requests[0].init.signal.aborted);
    assert.deepEqual(seen.errors, []);
  });
});
