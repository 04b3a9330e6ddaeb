import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLongPollTransport } from '../../src/transports/long-poll.js';
import { createFakeFetch } from '../fakes/browser.js';
import { settle } from '../fakes/clock.js';
import { BASE, json, context, open } from '../fakes/transport-context.js';

describe('long-poll transport', () => {
  it('shows the current count with one short poll, then long-polls from its seq', async () => {
    const fake = createFakeFetch();
    const transport = createLongPollTransport(context({ fetch: fake.fetch }).context);
    const seen = open(transport, 2);
    await settle();
    assert.equal(fake.requests[0].url, `${BASE}/push/poll/alice`);
    fake.requests[0].respond(200, json(4, 5));
    await settle();
    assert.deepEqual(seen.counts, ['4@5']);
    assert.equal(fake.requests[1].url, `${BASE}/push/long-poll/alice?since=5&timeout=25`);
    fake.requests[1].respond(200, json(5, 6), { ETag: '"6"' });
    await settle();
    assert.equal(fake.requests[2].url, `${BASE}/push/long-poll/alice?since=6&timeout=25`);
    assert.deepEqual(seen.counts, ['4@5', '5@6']);
  });

  it('asks again after a 304, without delay when the server held the request', async () => {
    const fake = createFakeFetch();
    const { clock, context: ctx } = context({ fetch: fake.fetch });
    const seen = open(createLongPollTransport(ctx));
    await settle();
    fake.requests[0].respond(200, json(0, 0));
    await clock.advance(25_000);
    fake.requests[1].respond(304);
    await settle();
    assert.equal(fake.requests.length, 3);
    assert.equal(fake.requests[2].url, `${BASE}/push/long-poll/alice?since=0&timeout=25`);
    assert.deepEqual(seen.errors, []);
  });

  it('waits a second before asking again after a 304 that came back at once', async () => {
    const fake = createFakeFetch();
    const { clock, context: ctx } = context({ fetch: fake.fetch });
    open(createLongPollTransport(ctx));
    await settle();
    fake.requests[0].respond(200, json(0, 0));
    await settle();
    fake.requests[1].respond(304);
    await clock.advance(999);
    assert.equal(fake.requests.length, 2);
    await clock.advance(1);
    assert.equal(fake.requests.length, 3);
  });

  it('fails when a 200 carries a seq that is not newer than since', async () => {
    const fake = createFakeFetch();
    const seen = open(createLongPollTransport(context({ fetch: fake.fetch }).context));
    await settle();
    fake.requests[0].respond(200, json(1, 3));
    await settle();
    fake.requests[1].respond(200, json(1, 3));
    await settle();
    assert.deepEqual(seen.errors, ['long poll answered seq 3, not newer than since=3']);
  });

  it('takes a request unanswered past its timeout plus a margin as a dead connection', async () => {
    const fake = createFakeFetch();
    const { clock, context: ctx } = context({ fetch: fake.fetch });
    const seen = open(createLongPollTransport(ctx));
    await settle();
    fake.requests[0].respond(200, json(0, 0));
    await clock.advance(34_999);
    assert.deepEqual(seen.errors, []);
    await clock.advance(1);
    assert.equal(seen.errors.length, 1);
  });
});
