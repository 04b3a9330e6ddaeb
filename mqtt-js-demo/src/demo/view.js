// Puts the client's state on the page: the badge, the status line, the title, the announcer.

const PHASE_TEXT = {
  idle: () => 'Starting…',
  connecting: ({ trying }) => (trying ? `Connecting via ${trying}…` : 'Connecting…'),
  open: ({ transport }) => `Live via ${transport}`,
  retrying: ({ transport, trying }) => `${transport ? 'Connection lost' : 'No connection yet'}, retrying ${trying} soon…`,
  stopped: () => 'Stopped',
};

export function createView(document) {
  const badge = document.getElementById('unread-count');
  const status = document.getElementById('connection-status');
  const statusText = document.getElementById('connection-text');
  const summary = document.getElementById('unread-summary');
  const announcer = document.getElementById('live-announcer');
  const baseTitle = document.title;

  return {
    showCount({ count, seq }) {
      const previous = badge.textContent;
      badge.textContent = String(count);
      badge.dataset.seq = String(seq);
      badge.hidden = count === 0;
      document.title = count > 0 ? `(${count}) ${baseTitle}` : baseTitle;
      if (previous !== badge.textContent && count > 0) bump(badge);
      const text = count === 0 ? 'No unread notifications' : count === 1 ? '1 unread notification' : `${count} unread notifications`;
      summary.textContent = text;
      summary.dataset.unread = String(count > 0);
      announcer.textContent = text;
    },
    showStatus(state) {
      badge.dataset.transport = state.transport ?? '';
      badge.dataset.role = state.role;
      status.dataset.phase = state.phase;
      const text = (PHASE_TEXT[state.phase] ?? PHASE_TEXT.idle)(state);
      statusText.textContent = state.role === 'follower' ? `${text} (the connection of another tab)` : text;
    },
    showError(message) {
      status.dataset.phase = 'error';
      statusText.textContent = message;
    },
  };
}

function bump(element) {
  element.classList.remove('bump');
  // reading layout restarts the CSS animation on the next class add
  void element.offsetWidth;
  element.classList.add('bump');
}
