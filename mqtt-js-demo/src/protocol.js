// Names, paths and payload shapes fixed by the Reddot contract, kept in one place.

const USER_ID = /^[A-Za-z0-9_.@-]{1,64}$/;

/** Every transport a client can be forced to use. */
export const TRANSPORT_NAMES = Object.freeze(['mqtt', 'sse', 'long-poll', 'poll', 'ws', 'iframe']);

/** The order `auto` tries; ws and iframe are demo transports, chosen only when forced. */
export const AUTO_ORDER = Object.freeze(['mqtt', 'sse', 'long-poll', 'poll']);

export const SSE_COUNT_EVENT = 'count';
export const IFRAME_CALLBACK = 'reddotCount';
// how the gateway ends a connection whose token expired (token mode): the client comes back with a fresh token
export const SSE_EXPIRED_EVENT = 'expired';
export const IFRAME_EXPIRED_CALLBACK = 'reddotExpired';
export const WS_POLICY_VIOLATION = 1008;
export const TOKEN_EXPIRED_REASON = 'token expired';
export const USER_PROPERTY_SEQ = 'seq';
export const USER_PROPERTY_TS = 'ts';

export const paths = Object.freeze({
  config: () => '/push/config',
  stats: () => '/push/stats',
  poll: (userId) => `/push/poll/${userId}`,
  longPoll: (userId) => `/push/long-poll/${userId}`,
  sse: (userId) => `/push/sse/${userId}`,
  ws: (userId) => `/push/ws/${userId}`,
  iframe: (userId) => `/push/iframe/${userId}`,
  unreadCount: (userId) => `/api/users/${userId}/unread-count`,
});

export function unreadCountTopic(userId) {
  return `/message/${userId}`;
}

export function isValidUserId(userId) {
  return typeof userId === 'string' && USER_ID.test(userId);
}

export function requireUserId(userId) {
  if (!isValidUserId(userId)) {
    throw new TypeError(`invalid userId ${JSON.stringify(userId)}: 1 to 64 of A-Z a-z 0-9 _ . @ -`);
  }
  return userId;
}

/**
 * Checks a decoded count event and returns a frozen copy.
 * An event for another user is refused: it must never reach this user's badge.
 */
export function toCountEvent(value, userId) {
  if (value === null || typeof value !== 'object') {
    throw new TypeError('count event is not an object');
  }
  const { count, seq, ts } = value;
  if (value.userId !== userId) {
    throw new TypeError(`count event for ${JSON.stringify(value.userId)}, expected ${JSON.stringify(userId)}`);
  }
  requireWhole('count', count);
  requireWhole('seq', seq);
  if (!Number.isFinite(ts)) {
    throw new TypeError(`count event ts ${JSON.stringify(ts)} is not a number`);
  }
  return Object.freeze({ userId, count, seq, ts });
}

export function parseCountEvent(text, userId) {
  return toCountEvent(JSON.parse(text), userId);
}

/** Builds the count event from an MQTT 5 message: decimal payload, `seq` and `ts` user properties. */
export function countEventFromMqtt(userId, payload, properties) {
  const text = typeof payload === 'string' ? payload : new TextDecoder().decode(payload);
  const userProperties = properties?.userProperties ?? {};
  return toCountEvent({
    userId,
    count: wholeNumber(text),
    seq: wholeNumber(lastValue(userProperties[USER_PROPERTY_SEQ])),
    ts: wholeNumber(lastValue(userProperties[USER_PROPERTY_TS])),
  }, userId);
}

function requireWhole(name, value) {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new TypeError(`count event ${name} ${JSON.stringify(value)} is not a whole number`);
  }
}

// A property sent twice arrives as an array in MQTT.js; the last one wins.
function lastValue(value) {
  return Array.isArray(value) ? value[value.length - 1] : value;
}

function wholeNumber(text) {
  return typeof text === 'string' && /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
}
