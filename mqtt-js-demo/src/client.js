// The Reddot browser client: shows a user's unread count, whatever transport gets it here.
//
//   const client = createReddotClient({ userId: 'alice', onCount: (event) => render(event.count) });
//   client.start();
//
// One tab per browser holds the connection (see leader.js); the others show what it posts.

import { DEFAULT_BACKOFF } from './backoff.js';
import { createConnector, DEFAULT_FIRST_EVENT_TIMEOUT_MS } from './connector.js';
import { resolveGlobals } from './globals.js';
import { joinTabGroup } from './leader.js';
import { AUTO_ORDER, requireUserId, toCountEvent, TRANSPORT_NAMES } from './protocol.js';
import { createPushConfigLoader } from './push-config.js';
import { TRANSPORT_FACTORIES } from './transports/index.js';

export const TRANSPORT_MODES = Object.freeze(['auto', ...TRANSPORT_NAMES]);

/**
 * @param {object} options
 * @param {string} options.userId
 * @param {string} [options.transport] 'auto' (default) or one of TRANSPORT_NAMES, then never dropped
 * @param {string} [options.baseUrl] the gateway's HTTP origin (and path prefix); default the page's origin
 * @param {string} [options.mqttUrl] MQTT over WebSocket URL; default from GET /push/config
 * @param {string} [options.token] a JWT: sent as Authorization: Bearer (fetch), ?access_token= (EventSource,
 *   WebSocket, iframe), and as MQTT password with its sub as user name
 * @param {() => Promise<string>|string} [options.getToken] asked for the token before every connection and poll
 *   request, instead of a fixed `token`; when the server ends a connection because its token expired, the client
 *   asks again and reconnects at once
 * @param {number} [options.pollIntervalMs] default from GET /push/config, else 2000
 * @param {number} [options.firstEventTimeoutMs] silence after which auto drops a transport (default 4000)
 * @param {{minDelayMs: number, maxDelayMs: number}} [options.backoff] reconnect delays (default 500 ms .. 20 s)
 * @param {boolean} [options.shareAcrossTabs] one connection per browser (default true)
 * @param {(event: object, state: object) => void} [options.onCount] a newer count event is shown
 * @param {(transport: string|null, state: object) => void} [options.onTransport] the transport in use changed
 * @param {(state: object) => void} [options.onStatus] role, phase or transport changed
 * @param {(entry: {level: string, message: string, time: number}) => void} [options.onLog]
 * @param {object} [options.globals] replacements for browser globals (tests)
 * @param {object} [options.transportFactories] replacements for transport factories by name (tests)
 */
export function createReddotClient(options) {
  const userId = requireUserId(options.userId);
  const mode = options.transport ?? 'auto';
  if (!TRANSPORT_MODES.includes(mode)) {
    throw new TypeError(`unknown transport ${JSON.stringify(mode)}: one of ${TRANSPORT_MODES.join(', ')}`);
  }
  if (options.getToken !== undefined && typeof options.getToken !== 'function') {
    throw new TypeError('getToken must be a function that answers a token (or a promise of one)');
  }
  const globals = resolveGlobals(options.globals);
  const baseUrl = options.baseUrl ?? globals.location?.origin ?? '';
  const factories = { ...TRANSPORT_FACTORIES, ...options.transportFactories };
  const notify = {
    count: options.onCount ?? (() => {}),
    transport: options.onTransport ?? (() => {}),
    status: options.onStatus ?? (() => {}),
    log: options.onLog ?? (() => {}),
  };
  const transportContext = {
    userId,
    baseUrl,
    token: options.token,
    getToken: options.getToken,
    mqttUrl: options.mqttUrl,
    pollIntervalMs: options.pollIntervalMs,
    globals,
    loadPushConfig: createPushConfigLoader({ baseUrl, token: options.token, globals }),
  };

  // seq -1: nothing shown yet, so the first event (seq 0 for a user never notified) is shown too
  // transport: the one in use (opened); trying: the one being opened or retried
  const state = { userId, mode, role: 'idle', phase: 'idle', transport: null, trying: null, count: 0, seq: -1, ts: 0 };
  let connector = null;
  let group = null;
  let running = false;
  let heardLeader = false;

  const log = (level, message) => notify.log({ level, message, time: globals.now() });
  const snapshot = () => ({ ...state });

  function show(event) {
    if (event.seq <= state.seq) return false;
    Object.assign(state, { count: event.count, seq: event.seq, ts: event.ts });
    notify.count(event, snapshot());
    return true;
  }

  function setStatus({ role = state.role, phase = state.phase, transport = state.transport, trying = state.trying }) {
    const transportChanged = transport !== state.transport;
    if (!transportChanged && role === state.role && phase === state.phase && trying === state.trying) return;
    Object.assign(state, { role, phase, transport, trying });
    if (transportChanged) notify.transport(transport, snapshot());
    notify.status(snapshot());
  }

  function postState() {
    const event = state.seq >= 0 ? { userId, count: state.count, seq: state.seq, ts: state.ts } : null;
    group?.post({ kind: 'state', event, transport: state.transport, trying: state.trying, phase: state.phase });
  }

  function lead() {
    setStatus({ role: group && group.mode !== 'solo' ? 'leader' : 'solo' });
    const plan = mode === 'auto' ? `trying ${(options.autoOrder ?? AUTO_ORDER).join(', ')}` : `using ${mode}`;
    log('info', `${state.role === 'leader' ? 'this tab holds the connection for all tabs' : 'connecting'}: ${plan}`);
    connector = createConnector({
      candidates: mode === 'auto' ? options.autoOrder ?? AUTO_ORDER : [mode],
      createTransport: (name) => factories[name](transportContext),
      lastSeq: () => Math.max(state.seq, 0),
      onCount: (event) => {
        if (show(event)) postState();
      },
      onStatus: ({ transport, phase }) => {
        // the transport in use is the one that opened; a retry or a fallback attempt does not change it
        setStatus({ phase, trying: transport, transport: phase === 'open' ? transport : state.transport });
        postState();
      },
      onLog: log,
      firstEventTimeoutMs: options.firstEventTimeoutMs ?? DEFAULT_FIRST_EVENT_TIMEOUT_MS,
      backoff: options.backoff ?? DEFAULT_BACKOFF,
      timers: globals,
      random: globals.random,
    });
    connector.start();
  }

  function follow() {
    if (connector) log('info', 'another tab took over the connection');
    connector?.stop();
    connector = null;
    heardLeader = false;
    setStatus({ role: 'follower' });
    group?.post({ kind: 'hello' });
  }

  function receive(message) {
    if (message.kind === 'hello' && group?.isLeader) {
      postState();
    } else if (message.kind === 'state' && !group?.isLeader) {
      if (!heardLeader) log('info', 'another tab holds the connection: showing what it receives');
      heardLeader = true;
      setStatus({ phase: message.phase, transport: message.transport ?? null, trying: message.trying ?? null });
      if (message.event) acceptShared(message.event);
    }
  }

  function acceptShared(value) {
    let event;
    try {
      event = toCountEvent(value, userId);
    } catch (error) {
      log('warn', `ignored a malformed message from the leader tab: ${error.message}`);
      return;
    }
    show(event);
  }

  return {
    userId,
    mode,
    /** A copy of { userId, mode, role, phase, transport, trying, count, seq, ts }. */
    get state() {
      return snapshot();
    },
    start() {
      if (running) return;
      running = true;
      setStatus({ phase: 'connecting' });
      if (options.shareAcrossTabs === false) {
        lead();
        return;
      }
      // the forced transport is part of the name: a tab forcing ws must not follow an auto leader on mqtt
      group = joinTabGroup({
        name: `reddot:${userId}:${mode}`,
        globals,
        onLead: lead,
        onFollow: follow,
        onMessage: receive,
        onLog: log,
      });
      // every tab follows until it is elected
      if (group.mode !== 'solo') follow();
    },
    stop() {
      if (!running) return;
      running = false;
      connector?.stop();
      connector = null;
      group?.close();
      group = null;
      setStatus({ role: 'idle', phase: 'stopped' });
      log('info', 'stopped');
    },
  };
}
