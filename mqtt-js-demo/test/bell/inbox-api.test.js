import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createInboxApi, mergeNotifications } from '../../src/bell/inbox-api.js';

function fakeFetch(answers) {
  const calls = [];
  const fetch = async (url, init) => {
    calls.push({ url, method: init.method, headers: init.headers });
    const [status, body, type = 'application/json'] = answers.shift();
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
  };
  return { fetch, calls };
}

const note = (id, createdAt, read = false) => ({ id, userId: 'alice', title: `n${id}`, createdAt, read });

describe('the bell panel API', () => {
  it('asks the publisher page by page, with the user token as Bearer', async () => {
    const { fetch, calls } = fakeFetch([[200, { notifications: [note(2, '2026-01-01T00:00:02Z')], page: 1, size: 1, hasMore: true }]]);
    const api = createInboxApi({ userId: 'alice', baseUrl: 'https://api.example.com/', token: async () => 'jwt', fetch });

    const page = await api.page(1, 1);

    assert.equal(page.hasMore, true);
    assert.equal(page.notifications[0].id, 2);
    assert.equal(calls[0].url, 'https://api.example.com/api/users/alice/notifications?page=1&size=1');
    assert.equal(calls[0].method, 'GET');
    assert.equal(calls[0].headers.Authorization, 'Bearer jwt');
  });

  it('marks one read and all read with POSTs, no Authorization in open mode', async () => {
    const { fetch, calls } = fakeFetch([[200, note(7, '2026-01-01T00:00:00Z', true)], [200, { userId: 'alice', count: 0, seq: 3, ts: 1 }]]);
    const api = createInboxApi({ userId: 'alice', fetch });

    await api.markRead(7);
    await api.readAll();

    assert.deepEqual(calls.map((call) => `${call.method} ${call.url}`), [
      'POST /api/users/alice/notifications/7/read',
      'POST /api/users/alice/notifications/read-all',
    ]);
    assert.equal(calls[0].headers.Authorization, undefined);
  });

  it('shows the problem detail of a refusal', async () => {
    const { fetch } = fakeFetch([[403, { title: 'Not allowed', status: 403, detail: 'not your inbox' }, 'application/problem+json']]);
    await assert.rejects(createInboxApi({ userId: 'alice', fetch }).page(0, 20), /answered 403: not your inbox/);
  });

  it('lists each notification once, newest first, when pages shift under a new arrival', () => {
    const first = [note(3, '2026-01-01T00:00:03Z'), note(2, '2026-01-01T00:00:02Z')];
    // a fourth arrived: page 1 now starts with what page 0 ended with
    const second = [note(2, '2026-01-01T00:00:02Z'), note(1, '2026-01-01T00:00:01Z')];
    const merged = mergeNotifications(mergeNotifications([], first), second);
    assert.deepEqual(merged.map((n) => n.id), [3, 2, 1]);
    const read = mergeNotifications(merged, [note(2, '2026-01-01T00:00:02Z', true)]);
    assert.deepEqual(read.map((n) => n.read), [false, true, false]);
  });
});
