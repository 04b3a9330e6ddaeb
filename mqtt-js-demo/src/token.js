// Reddot's access tokens as the browser sees them: a JWT it passes on, never verifies (the servers do).
// The page hands in either a fixed `token` or `getToken()`, which the client calls before every connection.

/**
 * The `sub` claim of a JWT, read from its payload without checking the signature: the MQTT user name the broker
 * expects next to the token. Throws on anything that is not a JWT with a `sub`.
 */
export function subjectOf(token) {
  const parts = String(token).split('.');
  if (parts.length !== 3) throw new TypeError('the token is not a JWT (header.payload.signature)');
  let claims;
  try {
    claims = JSON.parse(decodeBase64Url(parts[1]));
  } catch (error) {
    throw new TypeError(`the token's payload is not JSON: ${error.message}`);
  }
  if (typeof claims?.sub !== 'string' || claims.sub === '') throw new TypeError('the token has no sub claim');
  return claims.sub;
}

function decodeBase64Url(text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
  const bytes = Uint8Array.from(globalThis.atob(base64), (char) => char.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** The server ended a connection because its token expired: reconnect at once with a fresh token, it is no failure. */
export class TokenExpiredError extends Error {
  constructor(transport) {
    super(`${transport}: the server ended the connection, its token expired`);
    this.name = 'TokenExpiredError';
    this.tokenExpired = true;
  }
}

/** The token for the next connection or request: `getToken()`'s if the page gave one, else the fixed `token`. */
export async function currentToken({ token, getToken }) {
  if (!getToken) return token;
  try {
    return await getToken();
  } catch (error) {
    throw new Error(`getToken() failed: ${error?.message ?? error}`);
  }
}

/**
 * Calls `connect(token)` with the token for a new connection: at once with a fixed token (no getToken), otherwise once
 * `getToken()` has answered, unless the transport was closed meanwhile; a failing getToken() fails the transport.
 */
export function withToken(context, relay, connect) {
  if (!context.getToken) {
    connect(context.token);
    return;
  }
  currentToken(context)
    .then((token) => {
      if (!relay.done) connect(token);
    })
    .catch((error) => relay.fail(error));
}
