import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { incrementUnreadCount } from '../src/demo/publisher-api.js';

function fakeFetch(answers) {
  const calls = [];
  const fetch = async (url, init) => {
    calls.push({ url, method: init.method, body: init.body, headers: init.headers });
    const [status, body, type = 'application/json'] = answers.shift();
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'Content-Type': type } });
  };
  return { fetch, calls };
}

describe('the demo button', () => {
  it('reads the count, then PUTs it one higher', async () => {
    const { fetch, calls } = fakeFetch([
      [200, { userId: 'alice', count: 4, seq: 9, ts: 1 }],
      [200, { userId: 'alice', count: 5, seq: 10, ts: 2, qos: 1, retain: true }],
    ]);
    const event = await incrementUnreadCount('alice', { fetch });
    assert.equal(event.count, 5);
    assert.deepEqual(calls.map((call) => `${call.method} ${call.url}`), ['GET /api/users/alice/unread-count', 'PUT /api/users/alice/unread-count']);
    assert.deepEqual(JSON.parse(calls[1].body), { count: 5 });
  });

  it('shows the problem detail of a refusal', async () => {
    const { fetch } = fakeFetch([[403, { title: 'Forbidden', status: 403, detail: 'needs an admin token' }, 'application/problem+json']]);
    await assert.rejects(incrementUnreadCount('alice', { fetch, token: 't' }), /answered 403: needs an admin token/);
  });

  it('says so when this origin has no publisher API', async () => {
    const { fetch } = fakeFetch([[404, '<html>not here</html>', 'text/html']]);
    await assert.rejects(incrementUnreadCount('alice', { fetch }), /answered 404: .*is the publisher API on this origin\?/);
    const ok = fakeFetch([[200, '<html>index</html>', 'text/html']]);
    await assert.rejects(incrementUnreadCount('alice', { fetch: ok.fetch }), /did not answer a count event/);
  });

  it('reports a network failure', async () => {
    const fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    await assert.rejects(incrementUnreadCount('alice', { fetch }), /could not reach the publisher API .*Failed to fetch/);
  });
});
