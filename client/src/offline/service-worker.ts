/**
 * Registers the service worker (client/pwa/sw.js) on every load, which also checks for a newer
 * one, and tries again while the page has none controlling it. On a weak signal the first visit's
 * install (the shell and the pages kept for offline use) can lose a file; the browser then drops
 * that worker, and without another try the phone would not open the app offline until a full
 * reload, which an app kept open all day may never get. Another try comes when the connection
 * returns (`online`) and after a growing pause (1, 2, 4 … 15 minutes) while the page stays open.
 */
const FIRST_PAUSE_MS = 60_000;
const LONGEST_PAUSE_MS = 15 * 60_000;

export function keepServiceWorker(url = '/sw.js'): void {
  const sw = navigator.serviceWorker;
  let failures = 0;
  let timer: number | undefined;
  let trying = false;

  const later = () => {
    if (timer !== undefined) return;
    const pause = Math.min(FIRST_PAUSE_MS * 2 ** failures++, LONGEST_PAUSE_MS);
    timer = window.setTimeout(() => {
      timer = undefined;
      void register();
    }, pause);
  };

  async function register(): Promise<void> {
    if (trying) return;
    trying = true;
    try {
      const registration = await sw.register(url);
      const worker = registration.installing;
      // An install that fails (a file of the shell did not arrive) ends as `redundant`.
      worker?.addEventListener('statechange', () => {
        if (worker.state === 'redundant' && !registration.active) later();
      });
    } catch {
      later(); // the worker's script itself did not arrive
    } finally {
      trying = false;
    }
  }

  window.addEventListener('online', () => {
    if (sw.controller) return;
    window.clearTimeout(timer);
    timer = undefined;
    void register();
  });
  void register();
}
