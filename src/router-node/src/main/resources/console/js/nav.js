// Deep links: the page is a function of location.hash, so a reload shows the same page.

/** Goes to a hash; re-renders even when the hash is already the current one. */
export function go(hash) {
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = hash;
}

/** The current hash as path segments: '#/apis/abc/routes' -> ['apis', 'abc', 'routes']. */
export function segments() {
  return location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
}

const leaving = [];

/** Runs fn when the user leaves the current page (e.g. to close the test client's socket). */
export function onLeave(fn) {
  leaving.push(fn);
}

/** Called by the router before it renders another page. */
export function leave() {
  while (leaving.length) {
    try { leaving.pop()(); } catch (e) { console.error(e); }
  }
}
