// One connection per browser, not per tab: the tabs of one origin that show the same group
// elect a leader. The leader holds the transport and posts what it receives on a
// BroadcastChannel; the others follow. With the Web Locks API the leader is whoever holds
// the lock: the browser grants it to a waiting tab the moment the leader's tab goes away.
// Without locks the tabs fall back to heartbeats on the channel; without a channel every tab
// is its own leader.

const ELECTION_KINDS = new Set(['heartbeat', 'claim', 'bye']);

/**
 * @param {object} options
 * @param {string} options.name the lock and channel name
 * @param {() => void} options.onLead this tab now holds the connection
 * @param {() => void} options.onFollow this tab lost the lead (heartbeat mode only); a tab that joins
 *   is a follower until onLead, and a solo group calls onLead right after joining
 * @param {(message: object) => void} options.onMessage a message another tab posted
 * @returns {{ post(message: object): void, close(): void, readonly isLeader: boolean, readonly mode: string }}
 */
export function joinTabGroup({ name, globals, onLead, onFollow, onMessage, onLog = () => {}, heartbeatMs = 1000 }) {
  const { BroadcastChannel, locks } = globals;
  if (!BroadcastChannel) {
    onLog('info', 'no BroadcastChannel: this tab keeps its own connection');
    return soloGroup(onLead);
  }
  const tabId = `${globals.now().toString(36)}-${globals.random().toString(36).slice(2, 10)}`;
  const channel = new BroadcastChannel(name);
  const group = { tabId, channel, globals, onLead, onFollow, onMessage, onLog, heartbeatMs, isLeader: false, closed: false };
  const election = locks?.request ? lockElection(group, name) : heartbeatElection(group);
  channel.onmessage = ({ data }) => {
    if (group.closed || !data || data.from === tabId) return;
    if (ELECTION_KINDS.has(data.kind)) election.receive(data);
    else onMessage(data);
  };
  election.start();
  return {
    post(message) {
      if (!group.closed) channel.postMessage({ ...message, from: tabId });
    },
    close() {
      if (group.closed) return;
      election.stop();
      group.closed = true;
      group.isLeader = false;
      channel.close();
    },
    get isLeader() {
      return group.isLeader;
    },
    get mode() {
      return election.mode;
    },
  };
}

function soloGroup(onLead) {
  let closed = false;
  // not synchronously: the caller has not got the group back yet
  queueMicrotask(() => {
    if (!closed) onLead();
  });
  return {
    post() {},
    close() {
      closed = true;
    },
    isLeader: true,
    mode: 'solo',
  };
}

function lead(group) {
  if (group.isLeader || group.closed) return;
  group.isLeader = true;
  group.onLead();
}

function follow(group) {
  if (!group.isLeader || group.closed) return;
  group.isLeader = false;
  group.onFollow();
}

function lockElection(group, lockName) {
  const abort = new AbortController();
  let release = null;
  let fallback = null;
  const election = {
    mode: 'locks',
    start() {
      group.globals.locks
        .request(lockName, { signal: abort.signal }, () => {
          if (group.closed) return undefined;
          lead(group);
          // held until this tab closes the group or goes away
          return new Promise((resolve) => {
            release = resolve;
          });
        })
        .catch((error) => {
          if (group.closed) return; // the abort of our own close()
          group.onLog('warn', `Web Locks refused (${error.message}); electing by heartbeats`);
          fallback = heartbeatElection(group);
          election.mode = fallback.mode;
          fallback.start();
        });
    },
    receive(message) {
      fallback?.receive(message);
    },
    stop() {
      fallback?.stop();
      abort.abort();
      release?.();
    },
  };
  return election;
}

// Tabs without Web Locks: the leader posts a heartbeat; a tab that hears none for three beats
// claims the lead, and the lowest tab id wins a tie. A leader that hears another leader with a
// lower id steps down, so a split (two tabs claiming at once) heals within a beat.
function heartbeatElection(group) {
  const { globals, heartbeatMs, tabId } = group;
  let watchdog = null;
  let beat = null;
  let claim = null;

  const post = (kind) => group.channel.postMessage({ kind, from: tabId });
  const armWatchdog = (delayMs = heartbeatMs * 3) => {
    globals.clearTimeout(watchdog);
    watchdog = globals.setTimeout(startClaim, delayMs);
  };
  const cancelClaim = () => {
    globals.clearTimeout(claim);
    claim = null;
  };

  function startClaim() {
    if (group.closed || group.isLeader) return;
    post('claim');
    claim = globals.setTimeout(() => {
      claim = null;
      becomeLeader();
    }, heartbeatMs);
  }

  function becomeLeader() {
    globals.clearTimeout(watchdog);
    lead(group);
    post('heartbeat');
    beat = globals.setTimeout(function pulse() {
      post('heartbeat');
      beat = globals.setTimeout(pulse, heartbeatMs);
    }, heartbeatMs);
  }

  function stepDown() {
    globals.clearTimeout(beat);
    follow(group);
    armWatchdog();
  }

  return {
    mode: 'heartbeats',
    // the first claim waits a little more than a beat, to hear a leader that already exists
    start: () => armWatchdog(heartbeatMs * 1.5),
    receive(message) {
      if (message.kind === 'heartbeat') {
        if (group.isLeader) {
          if (message.from < tabId) stepDown();
          return;
        }
        cancelClaim();
        armWatchdog();
      } else if (message.kind === 'claim') {
        if (group.isLeader) post('heartbeat');
        else if (claim && message.from < tabId) {
          cancelClaim();
          armWatchdog();
        }
      } else if (message.kind === 'bye' && !group.isLeader) {
        cancelClaim();
        armWatchdog(0);
      }
    },
    stop() {
      if (group.isLeader) post('bye');
      globals.clearTimeout(watchdog);
      globals.clearTimeout(beat);
      cancelClaim();
    },
  };
}
