// The bell's shadow DOM: the button with the red dot (the element's own text, slotted), the panel, an announcer.

import { BELL_STYLE } from './bell-style.js';

export const TEMPLATE = `
<style>${BELL_STYLE}</style>
<button class="bell" part="button" type="button" aria-haspopup="dialog" aria-expanded="false" aria-label="Notifications">
  <svg class="icon" part="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-1.7 1.7A1 1 0 0 0 4 19.4h16a1 1 0 0 0 .7-1.7L19 16Z"/>
  </svg>
  <span class="badge" part="badge" aria-hidden="true" hidden><slot></slot></span>
</button>
<div class="panel" part="panel" role="dialog" aria-modal="true" aria-label="Notifications" tabindex="-1" hidden>
  <div class="head">
    <h2 class="title">Notifications</h2>
    <button class="action read-all" part="read-all" type="button">Mark all as read</button>
  </div>
  <ul class="list" part="list" aria-label="Notifications, newest first"></ul>
  <p class="message" role="status" aria-live="polite"></p>
</div>
<div class="visually-hidden announcer" role="status" aria-live="polite"></div>
`;
