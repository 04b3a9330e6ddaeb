// <reddot-bell user="alice"></reddot-bell>: the bell with the live unread count and the panel of notifications.
//
//   <script type="module" src="/reddot-bell.js"></script>
//
// The count comes from createReddotClient (fallback between transports, one connection per browser); the panel
// from the publisher's inbox API. The count changes only through the push path: marking read asks the server,
// whose new count arrives like every other.

import { createReddotClient, TRANSPORT_MODES } from '../client.js';
import { isValidUserId } from '../protocol.js';
import { accessibleName, applyLive, createBadgeCache, initialBadge } from './badge-state.js';
import { TEMPLATE } from './bell-template.js';
import { nextFocus } from './focus-trap.js';
import { createInboxApi, mergeNotifications } from './inbox-api.js';
import { notificationRow } from './notification-row.js';


const DEFAULT_PAGE_SIZE = 20;
// how close to the end of the list a scroll must come before the next page loads
const LOAD_AHEAD_PX = 48;
const Base = globalThis.HTMLElement ?? class {};

export class ReddotBell extends Base {
  static get observedAttributes() {
    return ['user', 'token', 'transport', 'base-url', 'push-url'];
  }

  #getToken = undefined;
  #client = null;
  #badge = initialBadge(null);
  #items = [];
  #page = 0;
  #hasMore = true;
  #loading = null;
  #restart = false;
  #ui = null;
  #api = null;

  /** A callback answering a fresh token (or a promise of one), asked before every connection and API call. */
  get getToken() {
    return this.#getToken;
  }

  set getToken(callback) {
    if (callback !== undefined && typeof callback !== 'function') throw new TypeError('getToken must be a function');
    this.#getToken = callback;
    this.#scheduleRestart();
  }

  /** The client's state ({ role, phase, transport, count, seq, ... }) plus whether the badge is stale. */
  get state() {
    return { ...(this.#client?.state ?? {}), count: this.#badge.count, seq: this.#badge.seq, stale: this.#badge.stale };
  }

  get open() {
    return this.#ui ? !this.#ui.panel.hidden : false;
  }

  connectedCallback() {
    if (!this.#ui) this.#render();
    // a page may have set getToken before this module defined the element: that own property hides the setter
    if (Object.hasOwn(this, 'getToken')) {
      const callback = this.getToken;
      delete this.getToken;
      this.getToken = callback;
    }
    this.#scheduleRestart();
  }

  disconnectedCallback() {
    this.hide({ focusBell: false });
    this.#stop();
  }

  attributeChangedCallback(name, previous, value) {
    if (previous !== value) this.#scheduleRestart();
  }

  /** Opens the panel and loads the newest notifications. */
  show() {
    if (this.open) return;
    this.#ui.panel.hidden = false;
    this.#ui.button.setAttribute('aria-expanded', 'true');
    this.#reload();
    this.#ui.panel.focus();
    this.ownerDocument.addEventListener('pointerdown', this.#onOutside, true);
  }

  /** Closes the panel and gives the focus back to the bell. */
  hide({ focusBell = true } = {}) {
    if (!this.open) return;
    this.#ui.panel.hidden = true;
    this.#ui.button.setAttribute('aria-expanded', 'false');
    this.ownerDocument.removeEventListener('pointerdown', this.#onOutside, true);
    if (focusBell) this.#ui.button.focus();
  }

  #render() {
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = TEMPLATE;
    const $ = (selector) => root.querySelector(selector);
    this.#ui = {
      root,
      button: $('.bell'),
      badge: $('.badge'),
      panel: $('.panel'),
      list: $('.list'),
      readAll: $('.read-all'),
      message: $('.message'),
      announcer: $('.announcer'),
    };
    this.#ui.button.addEventListener('click', () => (this.open ? this.hide() : this.show()));
    root.addEventListener('keydown', (event) => this.#onKey(event));
    this.#ui.list.addEventListener('scroll', () => this.#maybeLoadMore());
    this.#ui.list.addEventListener('click', (event) => this.#onItemClick(event));
    this.#ui.readAll.addEventListener('click', () => this.#markAllRead());
  }

  // attributes and getToken are often set one after the other: start once, after all of them
  #scheduleRestart() {
    if (this.#restart || !this.isConnected) return;
    this.#restart = true;
    queueMicrotask(() => {
      this.#restart = false;
      if (!this.isConnected) return;
      this.#stop();
      this.#start();
    });
  }

  #start() {
    const userId = this.getAttribute('user');
    const transport = this.getAttribute('transport') || 'auto';
    // a page may add the element first and name the user later
    if (userId === null) return;
    if (!isValidUserId(userId)) {
      this.#fail(`user ${JSON.stringify(userId)} is not a valid user id`);
      return;
    }
    if (!TRANSPORT_MODES.includes(transport)) {
      this.#fail(`transport ${JSON.stringify(transport)} is not one of ${TRANSPORT_MODES.join(', ')}`);
      return;
    }
    const baseUrl = this.getAttribute('base-url') || undefined;
    const cache = createBadgeCache(this.#storage(), userId);
    this.#items = [];
    this.#showBadge(initialBadge(cache.read()));
    this.#api = createInboxApi({
      userId,
      baseUrl: baseUrl ?? '',
      token: () => this.#currentToken(),
      fetch: globalThis.fetch.bind(globalThis),
    });
    const getToken = this.#getToken;
    this.#client = createReddotClient({
      userId,
      transport,
      baseUrl: this.getAttribute('push-url') || baseUrl,
      token: this.getAttribute('token') || undefined,
      getToken: getToken ? () => getToken() : undefined,
      onCount: (event, state) => {
        cache.write(event);
        this.#showBadge(applyLive(event));
        if (this.open) this.#refreshFirstPage();
        this.#emit('reddot-count', { event, state });
      },
      onStatus: (state) => {
        this.dataset.transport = state.transport ?? '';
        this.dataset.role = state.role;
        this.dataset.phase = state.phase;
        this.#emit('reddot-status', { state });
      },
      onLog: (entry) => this.#emit('reddot-log', entry),
    });
    this.#client.start();
  }

  #stop() {
    this.#client?.stop();
    this.#client = null;
    this.#api = null;
  }

  #storage() {
    try {
      return globalThis.localStorage;
    } catch {
      // a sandboxed page throws on the mere access: the badge then starts cold
      return undefined;
    }
  }

  async #currentToken() {
    if (this.#getToken) return this.#getToken();
    return this.getAttribute('token') || undefined;
  }

  #showBadge(badge) {
    const changed = badge.count !== this.#badge.count || !badge.known;
    this.#badge = badge;
    const { button, badge: dot, announcer } = this.#ui;
    // the count is the element's own text, slotted into the red dot: page scripts and tests read it from here
    this.textContent = badge.known ? String(badge.count) : '';
    dot.hidden = !badge.known || badge.count === 0;
    dot.classList.toggle('stale', badge.stale);
    this.dataset.seq = badge.known ? String(badge.seq) : '';
    this.dataset.stale = String(badge.stale);
    const name = accessibleName(badge);
    button.setAttribute('aria-label', name);
    if (changed && badge.known && !badge.stale) announcer.textContent = name;
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  #fail(message) {
    this.#showMessage('error', message);
    this.#emit('reddot-log', { level: 'error', message, time: Date.now() });
  }

  #pageSize() {
    const size = Number(this.getAttribute('page-size'));
    return Number.isInteger(size) && size >= 1 && size <= 100 ? size : DEFAULT_PAGE_SIZE;
  }

  #reload() {
    this.#items = [];
    this.#page = 0;
    this.#hasMore = true;
    this.#renderItems();
    this.#loadNextPage();
  }

  #refreshFirstPage() {
    if (!this.#api) return;
    this.#api.page(0, this.#pageSize()).then(
      ({ notifications }) => {
        this.#items = mergeNotifications(this.#items, notifications);
        this.#renderItems();
      },
      (error) => this.#showMessage('error', error.message),
    );
  }

  #maybeLoadMore() {
    const { list } = this.#ui;
    if (list.scrollTop + list.clientHeight >= list.scrollHeight - LOAD_AHEAD_PX) this.#loadNextPage();
  }

  #loadNextPage() {
    if (this.#loading || !this.#hasMore || !this.#api) return this.#loading;
    const api = this.#api;
    this.#showMessage('', 'Loading…');
    this.#loading = api.page(this.#page, this.#pageSize()).then(
      ({ notifications, hasMore }) => {
        this.#loading = null;
        if (api !== this.#api) return;
        this.#page += 1;
        this.#hasMore = hasMore;
        this.#items = mergeNotifications(this.#items, notifications);
        this.#renderItems();
        this.#showMessage('', this.#items.length === 0 ? 'No notifications yet' : '');
        // a short first page leaves no scrollbar to scroll: fill the list until it scrolls or ends
        const { list } = this.#ui;
        if (this.open && hasMore && list.scrollHeight <= list.clientHeight) this.#loadNextPage();
      },
      (error) => {
        // no retry on its own: the next scroll or opening of the panel asks again
        this.#loading = null;
        this.#showMessage('error', error.message);
      },
    );
    return this.#loading;
  }

  #renderItems() {
    const document = this.ownerDocument;
    const now = Date.now();
    const locale = document.documentElement.lang || undefined;
    const rows = this.#items.map((notification) => notificationRow(document, notification, { now, locale }));
    this.#ui.list.replaceChildren(...rows);
    this.#ui.readAll.disabled = !this.#items.some((notification) => !notification.read) && this.#badge.count === 0;
  }

  async #onItemClick(event) {
    const item = event.target.closest?.('.item');
    if (!item || !this.#api) return;
    const notification = this.#items.find((candidate) => String(candidate.id) === item.dataset.id);
    if (!notification || notification.read) return;
    try {
      const updated = await this.#api.markRead(notification.id);
      // the list shows what the server answered; the badge waits for the pushed count
      this.#items = mergeNotifications(this.#items, [updated?.id !== undefined ? updated : { ...notification, read: true }]);
      this.#renderItems();
      this.#ui.list.querySelector(`[data-id="${CSS.escape(String(notification.id))}"]`)?.focus();
      this.#emit('reddot-read', { id: notification.id });
    } catch (error) {
      this.#showMessage('error', error.message);
    }
  }

  async #markAllRead() {
    if (!this.#api) return;
    try {
      await this.#api.readAll();
      this.#items = this.#items.map((notification) => ({ ...notification, read: true }));
      this.#renderItems();
      this.#emit('reddot-read', { all: true });
    } catch (error) {
      this.#showMessage('error', error.message);
    }
  }

  #showMessage(kind, text) {
    if (!this.#ui) return;
    this.#ui.message.dataset.kind = kind;
    this.#ui.message.textContent = text;
  }

  #onKey(event) {
    if (!this.open) return;
    if (event.key === 'Escape') {
      event.stopPropagation();
      this.hide();
    } else if (event.key === 'Tab') {
      const focusables = [...this.#ui.panel.querySelectorAll('button:not([disabled])')];
      const target = nextFocus(focusables, this.#ui.root.activeElement, event.shiftKey);
      if (target) {
        event.preventDefault();
        target.focus();
      }
    }
  }

  #onOutside = (event) => {
    if (!event.composedPath().includes(this)) this.hide({ focusBell: false });
  };
}

if (globalThis.customElements && !globalThis.customElements.get('reddot-bell')) {
  globalThis.customElements.define('reddot-bell', ReddotBell);
}

export { createReddotClient };
