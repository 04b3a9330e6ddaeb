// One notification in the panel: a button (clicking marks it read) with title, body, category and relative time.

import { relativeTime } from './relative-time.js';

/** An `<li>` holding the notification's button; an unread one is marked by class, dot and the hidden word "Unread". */
export function notificationRow(document, notification, { now, locale }) {
  const item = document.createElement('button');
  item.type = 'button';
  item.className = notification.read ? 'item' : 'item unread';
  item.setAttribute('part', notification.read ? 'item' : 'item unread');
  item.dataset.id = String(notification.id);
  const when = relativeTime(notification.createdAt, now, locale);
  const parts = [['dot', ''], ['item-title', notification.title ?? '']];
  if (notification.body) parts.push(['item-body', notification.body]);
  parts.push(['meta', [notification.category, when].filter(Boolean).join(' · ')]);
  if (!notification.read) parts.unshift(['visually-hidden', 'Unread. ']);
  for (const [className, text] of parts) {
    const part = document.createElement('span');
    part.className = className;
    part.textContent = text;
    item.append(part);
  }
  if (notification.createdAt) item.title = new Date(notification.createdAt).toLocaleString(locale);
  const row = document.createElement('li');
  row.append(item);
  return row;
}
