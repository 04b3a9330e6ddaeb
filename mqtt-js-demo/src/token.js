// Reddot's access tokens as the browser sees them: a JWT it passes on, never verifies (the servers do).

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
