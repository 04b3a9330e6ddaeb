// The page's live log: newest first, capped so a long session does not grow the page forever.

const MAX_ENTRIES = 60;

export function createEventLog(list, { maxEntries = MAX_ENTRIES } = {}) {
  return {
    add(level, message, time = Date.now()) {
      const item = list.ownerDocument.createElement('li');
      item.dataset.level = level;
      const stamp = item.appendChild(list.ownerDocument.createElement('time'));
      stamp.dateTime = new Date(time).toISOString();
      stamp.textContent = clock(time);
      const text = item.appendChild(list.ownerDocument.createElement('span'));
      text.className = 'message';
      text.textContent = message;
      list.prepend(item);
      while (list.children.length > maxEntries) list.lastElementChild.remove();
    },
  };
}

function clock(time) {
  const date = new Date(time);
  const pad = (value, width = 2) => String(value).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}
