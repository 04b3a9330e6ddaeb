// Types of the Reddot browser client (src/client.js).

export type TransportName = 'mqtt' | 'sse' | 'long-poll' | 'poll' | 'ws' | 'iframe';
export type TransportMode = 'auto' | TransportName;

/** The count event every transport delivers: `{"userId":"alice","count":3,"seq":7,"ts":1732280000000}`. */
export interface CountEvent {
  userId: string;
  count: number;
  seq: number;
  ts: number;
}

export interface ReddotClientState {
  userId: string;
  mode: TransportMode;
  /** 'leader' holds the connection for the browser's tabs, 'follower' shows what the leader posts. */
  role: 'idle' | 'solo' | 'leader' | 'follower';
  phase: 'idle' | 'connecting' | 'open' | 'retrying' | 'stopped';
  /** The transport in use (opened), or null. */
  transport: TransportName | null;
  /** The transport being opened or retried, or null. */
  trying: TransportName | null;
  count: number;
  /** -1 until the first event. */
  seq: number;
  ts: number;
}

export interface ReddotLogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  time: number;
}

export interface ReddotClientOptions {
  userId: string;
  transport?: TransportMode;
  /** The gateway's HTTP origin (and path prefix); default the page's origin. */
  baseUrl?: string;
  /** MQTT over WebSocket URL; default from GET /push/config. */
  mqttUrl?: string;
  /** A Reddot JWT (token mode). */
  token?: string;
  /** Asked for a token before every connection and poll request, instead of a fixed token. */
  getToken?: () => string | Promise<string>;
  pollIntervalMs?: number;
  firstEventTimeoutMs?: number;
  backoff?: { minDelayMs: number; maxDelayMs: number };
  shareAcrossTabs?: boolean;
  autoOrder?: TransportName[];
  onCount?: (event: CountEvent, state: ReddotClientState) => void;
  onTransport?: (transport: TransportName | null, state: ReddotClientState) => void;
  onStatus?: (state: ReddotClientState) => void;
  onLog?: (entry: ReddotLogEntry) => void;
  /** Replacements for browser globals (tests). */
  globals?: Record<string, unknown>;
  /** Replacements for transport factories by name (tests). */
  transportFactories?: Partial<Record<TransportName, (context: unknown) => unknown>>;
}

export interface ReddotClient {
  readonly userId: string;
  readonly mode: TransportMode;
  /** A copy of the current state. */
  readonly state: ReddotClientState;
  start(): void;
  stop(): void;
}

export function createReddotClient(options: ReddotClientOptions): ReddotClient;

export const TRANSPORT_MODES: readonly TransportMode[];
export const TRANSPORT_NAMES: readonly TransportName[];
export const AUTO_ORDER: readonly TransportName[];
export function isValidUserId(userId: string): boolean;
