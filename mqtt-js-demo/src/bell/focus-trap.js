// Keeps Tab and Shift+Tab inside the open panel.

/** The element to focus after `current` when Tab (or Shift+Tab: `backwards`) is pressed, wrapping around. */
export function nextFocus(focusables, current, backwards) {
  if (focusables.length === 0) return null;
  const index = focusables.indexOf(current);
  if (index < 0) return backwards ? focusables[focusables.length - 1] : focusables[0];
  const next = (index + (backwards ? -1 : 1) + focusables.length) % focusables.length;
  return focusables[next];
}
