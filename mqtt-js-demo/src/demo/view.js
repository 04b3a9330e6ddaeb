// Puts what <reddot-bell> reports on the page: the status line, the summary, the title (the bell draws its badge).

const PHASE_TEXT = {
  idle: () => 'Starting…',
  connecting: ({ trying }) => (trying ? `Connecting via ${trying}…` : 'Connecting…'),
  open: ({ transport }) => `Live via ${transport}`,
  retrying: ({ transport, trying }) => `${transport ? 'Connection lost' : 'No connection yet'}, retrying ${trying} soon…`,
  stopped: () => 'Stopped',
};

export function createView(document) {
  const status = document.getElementById('connection-status');
  const statusText = document.getElementById('connection-text');
  const summary = document.getElementById('unread-summary');
  const baseTitle = document.title;

  return {
    showCount({ count }) {
      document.title = count > 0 ? `(${count}) ${baseTitle}` : baseTitle;
      const text = count === 0 ? 'No unread notifications' : count === 1 ? '1 unread notification' : `${count} unread notifications`;
      summary.textContent = text;
      summary.dataset.unread = String(count > 0);
    },
    showStatus(state) {
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
