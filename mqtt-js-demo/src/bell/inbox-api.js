// The publisher's inbox endpoints the bell's panel uses. In token mode every call carries the user's own token
// (a user token may list its own notifications and mark them read, nothing else of /api/**).

const inboxPath = (userId) => `/api/users/${encodeURIComponent(userId)}/notifications`;

/**
 * @param {object} options
 * @param {string} options.userId
 * @param {string} [options.baseUrl] the API's origin (and path prefix); '' = the page's origin
 * @param {() => Promise<string|undefined>} [options.token] answers the token to send, if any
 * @param {typeof fetch} options.fetch
 */
export function createInboxApi({ userId, baseUrl = '', token = async () => undefined, fetch }) {
  const base = baseUrl.replace(/\/+$/, '') + inboxPath(userId);

  async function request(method, url) {
    const headers = { Accept: 'application/json, application/problem+json' };
    const bearer = await token();
    if (bearer) headers.Authorization = `Bearer ${bearer}`;
    let response;
    try {
      response = await fetch(url, { method, headers, cache: 'no-store' });
    } catch (error) {
      throw new Error(`could not reach the notifications API (${error.message})`);
    }
    const isJson = /\bjson\b/.test(response.headers.get('Content-Type') ?? '');
    const payload = isJson ? await response.json() : null;
    if (!response.ok) {
      const detail = payload?.detail ?? payload?.title ?? response.statusText;
      throw new Error(`the notifications API answered ${response.status}${detail ? `: ${detail}` : ''}`);
    }
    return payload;
  }

  return {
    /** One page, newest first: `{ notifications, page, size, hasMore }`. */
    async page(page, size) {
      const result = await request('GET', `${base}?page=${page}&size=${size}`);
      if (!Array.isArray(result?.notifications)) throw new Error('the notifications API answered no notifications list');
      return { notifications: result.notifications, hasMore: result.hasMore === true };
    },
    markRead(id) {
      return request('POST', `${base}/${encodeURIComponent(id)}/read`);
    },
    readAll() {
      return request('POST', `${base}/read-all`);
    },
  };
}

/**
 * The panel's list: pages appended in order, each notification once (a notification that arrives while the user
 * scrolls shifts the pages by one), newest first.
 */
export function mergeNotifications(shown, incoming) {
  const byId = new Map(shown.map((notification) => [String(notification.id), notification]));
  for (const notification of incoming) byId.set(String(notification.id), notification);
  return [...byId.values()].sort(newestFirst);
}

function newestFirst(a, b) {
  const byTime = Date.parse(b.createdAt) - Date.parse(a.createdAt);
  if (byTime) return byTime;
  return Number(b.id) - Number(a.id) || String(b.id).localeCompare(String(a.id));
}
