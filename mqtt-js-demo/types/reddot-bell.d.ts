// Types of the <reddot-bell> element (src/bell/reddot-bell.js, served as /reddot-bell.js).

import type { CountEvent, ReddotClientState, ReddotLogEntry } from './index.js';

export { createReddotClient } from './index.js';

/** A notification as the publisher lists it (GET /api/users/{userId}/notifications). */
export interface ReddotNotification {
  id: number | string;
  userId: string;
  title: string;
  body?: string | null;
  category?: string | null;
  /** ISO-8601 instant. */
  createdAt: string;
  read: boolean;
}

export interface ReddotBellState extends Partial<ReddotClientState> {
  count: number;
  seq: number;
  /** True while the badge shows the count kept in localStorage, before the live transport confirmed it. */
  stale: boolean;
}

/**
 * `<reddot-bell user="alice" transport="auto" token="…" base-url="https://api.example.com" page-size="20">`.
 * Its text content is the count shown; it reflects `data-transport`, `data-role`, `data-phase`, `data-seq` and
 * `data-stale`.
 */
export class ReddotBell extends HTMLElement {
  static readonly observedAttributes: string[];
  /** Asked for a fresh token before every connection and every API call; takes precedence over `token`. */
  getToken: (() => string | Promise<string>) | undefined;
  readonly state: ReddotBellState;
  /** Whether the panel is open. */
  readonly open: boolean;
  /** Opens the panel and loads the newest notifications. */
  show(): void;
  /** Closes the panel; gives the focus back to the bell unless told not to. */
  hide(options?: { focusBell?: boolean }): void;
}

export interface ReddotBellEventMap {
  'reddot-count': CustomEvent<{ event: CountEvent; state: ReddotClientState }>;
  'reddot-status': CustomEvent<{ state: ReddotClientState }>;
  'reddot-log': CustomEvent<ReddotLogEntry>;
  'reddot-read': CustomEvent<{ id?: number | string; all?: boolean }>;
}

declare global {
  interface HTMLElementTagNameMap {
    'reddot-bell': ReddotBell;
  }
}
