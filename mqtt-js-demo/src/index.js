// The package's entry: the client, and the names it accepts. The element is `./bell` (src/bell/reddot-bell.js).

export { createReddotClient, TRANSPORT_MODES } from './client.js';
export { TRANSPORT_NAMES, AUTO_ORDER, isValidUserId } from './protocol.js';
