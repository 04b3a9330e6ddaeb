// What the bell's badge shows: the last count kept in localStorage at once (stale), then what the live transport says.

const KEY_PREFIX = 'reddot-bell:';

/**
 * The last count shown for `userId`, kept across page loads. A storage that refuses (private mode, quota, a page
 * sandboxed without storage) only costs the warm start: `read` answers null, `write` reports false.
 */
export function createBadgeCache(storage, userId) {
  const key = KEY_PREFIX + userId;
  return {
    read() {
      let text;
      try {
        text = storage?.getItem(key);
      } catch {
        // a storage that throws on access is the same as an empty one: the live transport fills the badge
        return null;
      }
      if (!text) return null;
      try {
        const value = JSON.parse(text);
        const valid = [value?.count, value?.seq].every((n) => Number.isSafeInteger(n) && n >= 0);
        return valid ? { count: value.count, seq: value.seq, ts: Number(value.ts) || 0 } : null;
      } catch {
        // a value another script wrote under our key: ignored, overwritten by the next live count
        return null;
      }
    },
    write({ count, seq, ts }) {
      try {
        storage?.setItem(key, JSON.stringify({ count, seq, ts }));
        return true;
      } catch {
        return false;
      }
    },
  };
}

/** The badge before any connection: the cached count, stale; or nothing known yet. */
export function initialBadge(cached) {
  return cached
    ? { count: cached.count, seq: cached.seq, stale: true, known: true }
    : { count: 0, seq: -1, stale: false, known: false };
}

/**
 * A live count event (the client passes only newer seqs). The first one confirms the cached count (same seq) or
 * replaces it (newer seq). An older seq than the cached one means the server's store was reset (seqs only grow
 * across restarts): the server is the truth, so it replaces the cached count too.
 */
export function applyLive(event) {
  return { count: event.count, seq: event.seq, stale: false, known: true };
}

/** The bell button's accessible name: it states the count, and whether it is only the last known one. */
export function accessibleName({ count, stale, known }) {
  if (!known) return 'Notifications';
  const unread = count === 0 ? 'no unread notifications' : count === 1 ? '1 unread notification' : `${count} unread notifications`;
  return `Notifications, ${unread}${stale ? ' (last known, updating)' : ''}`;
}
