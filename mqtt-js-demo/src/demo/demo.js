// The demo page: ?user=alice&transport=auto|mqtt|sse|long-poll|poll|ws|iframe[&token=...]

import { isValidUserId, TRANSPORT_NAMES } from '../protocol.js';
import { createEventLog } from './event-log.js';
import { incrementUnreadCount } from './publisher-api.js';
import { createView } from './view.js';

const params = new URLSearchParams(window.location.search);
const userId = params.get('user') || 'alice';
const transport = params.get('transport') || 'auto';
const token = params.get('token') || undefined;

const TRANSPORT_MODES = ['auto', ...TRANSPORT_NAMES];
const bell = document.getElementById('unread-count');
const view = createView(document);
const eventLog = createEventLog(document.getElementById('event-log'));
const sendButton = document.getElementById('send-notification');
const sendMessage = document.getElementById('send-message');

fillSettings();

if (!isValidUserId(userId)) {
  refuse(`"${userId}" is not a valid user: 1 to 64 of A–Z a–z 0–9 _ . @ -`);
} else if (!TRANSPORT_MODES.includes(transport)) {
  refuse(`"${transport}" is not a transport: one of ${TRANSPORT_MODES.join(', ')}`);
} else {
  start();
}

// <reddot-bell> (loaded by its own script tag, as on any page) holds the client; the page shows what it reports
function start() {
  bell.addEventListener('reddot-count', ({ detail: { event, state } }) => {
    view.showCount(event);
    const source = state.role === 'follower' ? 'from the leader tab' : `via ${state.transport ?? state.trying}`;
    eventLog.add('count', `unread count ${event.count} (seq ${event.seq}) ${source}`);
  });
  bell.addEventListener('reddot-status', ({ detail: { state } }) => view.showStatus(state));
  bell.addEventListener('reddot-log', ({ detail: { level, message, time } }) => eventLog.add(level, message, time));
  bell.addEventListener('reddot-read', ({ detail }) => {
    eventLog.add('info', detail.all ? 'marked all notifications read' : `marked notification ${detail.id} read`);
  });
  // a page that embeds the demo (or a browser test) may hand out short-lived tokens instead of a fixed ?token=
  if (typeof window.reddotGetToken === 'function') bell.getToken = () => window.reddotGetToken();
  if (token) bell.setAttribute('token', token);
  bell.setAttribute('transport', transport);
  bell.setAttribute('user', userId);
  // for debugging from the console and for the end-to-end scripts
  window.reddot = bell;
  sendButton.addEventListener('click', sendNotification);
}

async function sendNotification() {
  sendButton.disabled = true;
  showSendMessage('', 'Sending…');
  try {
    const event = await incrementUnreadCount(userId, { token });
    showSendMessage('ok', `Sent: the count is now ${event.count}.`);
    eventLog.add('info', `publisher set the count to ${event.count} (seq ${event.seq})`);
  } catch (error) {
    showSendMessage('error', error.message);
    eventLog.add('error', error.message);
  } finally {
    sendButton.disabled = false;
  }
}

function showSendMessage(kind, text) {
  sendMessage.dataset.kind = kind;
  sendMessage.textContent = text;
}

function refuse(message) {
  view.showError(message);
  eventLog.add('error', message);
  sendButton.disabled = true;
}

function fillSettings() {
  document.getElementById('user-input').value = userId;
  document.getElementById('user-chip').textContent = userId;
  const select = document.getElementById('transport-select');
  if (TRANSPORT_MODES.includes(transport)) select.value = transport;
  // kept in the form, so that switching user or transport keeps the caller's token
  if (token) document.getElementById('token-input').value = token;
}
