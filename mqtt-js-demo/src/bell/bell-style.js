// The bell's shadow-DOM style. Every colour and size is a CSS custom property a page may set on reddot-bell.

export const BELL_STYLE = `
:host {
  --_fg: var(--reddot-bell-color, #5c6477);
  --_badge-bg: var(--reddot-badge-background, #e5383b);
  --_badge-fg: var(--reddot-badge-color, #ffffff);
  --_panel-bg: var(--reddot-panel-background, #ffffff);
  --_panel-fg: var(--reddot-panel-color, #1d2230);
  --_muted: var(--reddot-muted-color, #5c6477);
  --_border: var(--reddot-border-color, #dfe3ec);
  --_accent: var(--reddot-accent-color, #3a56d4);
  --_unread-bg: var(--reddot-unread-background, #eef1fd);
  --_size: var(--reddot-bell-size, 1.75rem);
  --_panel-width: var(--reddot-panel-width, 22rem);
  position: relative;
  display: inline-block;
  font-family: var(--reddot-font, inherit);
  line-height: 1.4;
}
@media (prefers-color-scheme: dark) {
  :host {
    --_fg: var(--reddot-bell-color, #9aa3b8);
    --_panel-bg: var(--reddot-panel-background, #1b1f2a);
    --_panel-fg: var(--reddot-panel-color, #e7e9f0);
    --_muted: var(--reddot-muted-color, #9aa3b8);
    --_border: var(--reddot-border-color, #2c3242);
    --_accent: var(--reddot-accent-color, #7d93ff);
    --_unread-bg: var(--reddot-unread-background, #232a40);
  }
}
:host([hidden]) { display: none; }
button { font: inherit; color: inherit; }
.bell {
  position: relative; display: grid; place-items: center;
  width: calc(var(--_size) + 0.75rem); height: calc(var(--_size) + 0.75rem);
  padding: 0; border: 0; border-radius: 50%; background: transparent; cursor: pointer;
}
.bell:hover { background: color-mix(in srgb, var(--_fg) 12%, transparent); }
.bell:focus-visible, .item:focus-visible, .action:focus-visible {
  outline: 3px solid var(--_accent); outline-offset: 2px;
}
.icon { width: var(--_size); height: var(--_size); fill: var(--_fg); }
.badge {
  position: absolute; top: -0.1rem; right: -0.35rem;
  min-width: 1.35rem; height: 1.35rem; padding: 0 0.35rem;
  display: inline-grid; place-items: center; box-sizing: border-box;
  border-radius: 999px; border: 2px solid var(--_panel-bg);
  background: var(--_badge-bg); color: var(--_badge-fg);
  font-size: 0.75rem; font-weight: 700; font-variant-numeric: tabular-nums;
  transition: opacity 200ms;
}
.badge[hidden] { display: none; }
.badge.stale { opacity: 0.55; }
.panel {
  position: absolute; right: 0; top: calc(100% + 0.4rem); z-index: 10;
  width: min(var(--_panel-width), 92vw); max-height: min(28rem, 75vh);
  display: flex; flex-direction: column;
  background: var(--_panel-bg); color: var(--_panel-fg);
  border: 1px solid var(--_border); border-radius: 12px;
  box-shadow: 0 8px 32px rgb(0 0 0 / 18%);
  text-align: left;
}
.panel[hidden] { display: none; }
.head {
  display: flex; align-items: center; justify-content: space-between; gap: 0.5rem;
  padding: 0.6rem 0.8rem; border-bottom: 1px solid var(--_border);
}
.title { margin: 0; font-size: 1rem; }
.action {
  border: 0; background: transparent; color: var(--_accent); cursor: pointer;
  padding: 0.2rem 0.4rem; border-radius: 6px; font-size: 0.85rem;
}
.action:disabled { color: var(--_muted); cursor: default; }
.list { list-style: none; margin: 0; padding: 0; overflow-y: auto; overscroll-behavior: contain; }
.item {
  display: grid; grid-template-columns: 0.6rem 1fr; gap: 0.1rem 0.5rem;
  width: 100%; padding: 0.6rem 0.8rem; border: 0; border-bottom: 1px solid var(--_border);
  background: transparent; text-align: left; cursor: pointer;
}
.item.unread { background: var(--_unread-bg); }
.dot { grid-row: 1 / span 3; width: 0.5rem; height: 0.5rem; margin-top: 0.45rem; border-radius: 50%; }
.unread .dot { background: var(--_badge-bg); }
.item-title { font-weight: 600; overflow-wrap: anywhere; }
.unread .item-title { font-weight: 700; }
.item-body { color: var(--_panel-fg); font-size: 0.9rem; overflow-wrap: anywhere; }
.meta { color: var(--_muted); font-size: 0.8rem; }
.message { margin: 0; padding: 0.8rem; color: var(--_muted); font-size: 0.9rem; }
.message[data-kind="error"] { color: var(--reddot-error-color, #c62828); }
.visually-hidden {
  position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;
}
@media (prefers-reduced-motion: reduce) { .badge { transition: none; } }
`;
