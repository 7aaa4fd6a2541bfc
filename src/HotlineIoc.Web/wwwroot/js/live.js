// Keeps every page live, and keeps a wall display alive for weeks without anyone touching it.
// - The circuit reconnects with backoff after a network drop.
// - When the server lost the circuit (restart), or retries run out, it waits until /healthz answers and reloads.
// - On a wall, a watchdog reloads the page when no update has arrived for a while.
// No dialog ever waits for a click.
(() => {
  const wall = () => document.querySelector('[data-wall]') !== null;
  let recovering = false;

  async function reloadWhenHealthy() {
    if (recovering) return;
    recovering = true;
    let delay = 1000;
    for (;;) {
      try {
        const response = await fetch('/healthz', { cache: 'no-store' });
        if (response.ok) { location.reload(); return; }
      } catch { /* server still down */ }
      await new Promise(r => setTimeout(r, delay));
      delay = Math.min(delay * 2, 30000);
    }
  }

  // Blazor sets these classes on the reconnect element; we watch them instead of showing its dialog.
  const modal = document.getElementById('components-reconnect-modal');
  if (modal) {
    new MutationObserver(() => {
      const c = modal.classList;
      document.documentElement.classList.toggle('hotline-offline', c.contains('components-reconnect-show'));
      if (c.contains('components-reconnect-rejected') || c.contains('components-reconnect-failed')) reloadWhenHealthy();
    }).observe(modal, { attributes: true, attributeFilter: ['class'] });
  }

  let lastBeat = Date.now();
  window.hotlineLive = {
    // Called by the server on every update and on its own timer.
    beat: () => { lastBeat = Date.now(); },
    lastBeatAgeSeconds: () => (Date.now() - lastBeat) / 1000,
  };
  setInterval(() => {
    const limit = Number(document.querySelector('[data-wall]')?.getAttribute('data-watchdog-seconds') || 0);
    if (wall() && limit > 0 && (Date.now() - lastBeat) / 1000 > limit) reloadWhenHealthy();
  }, 5000);

  Blazor.start({
    circuit: {
      reconnectionOptions: {
        maxRetries: 30,
        retryIntervalMilliseconds: attempt => Math.min(1000 * Math.pow(2, attempt), 30000),
      },
    },
  }).catch(() => reloadWhenHealthy());
})();
