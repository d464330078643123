// Starts Python for a calculator or programme page from the page's <head>, before the theme's
// scripts and the page's own modules: the worker (calculator-worker.mjs) boots Pyodide while the
// browser is still reading the page. A small classic script, emitted into <head> only on pages with
// such a form (build_tools/site_build/calculator_assets.with_python_boot), carrying the form's
// data attributes (Pyodide's file names, the wheel and its integrity, the worker).
//
// window.calculatorBoot.start() hands the page's script (calculator/engine.mjs, programme-page.js)
// the worker started here the first time, and starts a new one after that (the «Повторить» button):
//   { worker, listen(handler), markLive(), stored }
//   listen: the worker's message and error events, those that arrived before it was called first;
//   markLive: the first live result is shown; stored: the wasm is filed for offline use (after that).
(() => {
  "use strict";

  const script = document.currentScript;
  const data = { ...script.dataset };

  function absolute(path) {
    return new URL(path, document.baseURI).href;
  }

  // Chromium keeps compiled WebAssembly in its code cache for the page, not for workers: the page
  // compiles Pyodide's wasm (streaming, off the main thread; the fetch takes the <head>'s preload)
  // and hands the module to the worker. On a visit the service worker does not control yet, the
  // page also files the 9.6 MB download in the offline cache itself (the HTTP cache does not
  // reliably keep it for the service worker), after ``later`` (the first live result): writing it
  // meanwhile would slow Python's start.
  async function compileWasm(url, cacheName, later, stored) {
    const response = await fetch(url, { credentials: "same-origin" });
    if (!response.ok) throw new Error(`HTTP ${response.status}: ${url}`);
    if (cacheName && window.caches && !navigator.serviceWorker?.controller) {
      const copy = response.clone();
      later
        .then(() => caches.open(cacheName))
        .then((cache) => cache.put(url, copy))
        .catch(() => {})
        .then(stored);
    } else {
      stored();
    }
    if (WebAssembly.compileStreaming && (response.headers.get("content-type") || "").startsWith("application/wasm")) {
      return WebAssembly.compileStreaming(response);
    }
    return WebAssembly.compile(await response.arrayBuffer());
  }

  // Throws where the browser has no module workers.
  function start() {
    const indexURL = absolute(data.pyodide);
    // The worker turns the form's data into its boot configuration (its bootConfig): given as its
    // name, the worker starts Pyodide at once, not when this busy page gets round to a message.
    const boot = { ...data, indexURL, wheelURL: absolute(data.wheel) };
    const worker = new Worker(absolute(data.worker), { type: "module", name: JSON.stringify(boot) });
    const early = [];
    let handler = null;
    const deliver = (event) => (handler ? handler(event) : early.push(event));
    worker.addEventListener("message", deliver);
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      deliver(event);
    });
    let markLive;
    let markStored;
    const live = new Promise((resolve) => (markLive = resolve));
    const stored = new Promise((resolve) => (markStored = resolve));
    compileWasm(indexURL + data.pyodideWasm, data.offlineCache, live, markStored).then(
      (module) => worker.postMessage({ type: "module", module }),
      (error) => worker.postMessage({ type: "module-failed", detail: String(error?.message || error) }),
    );
    return {
      worker,
      markLive,
      stored,
      listen(callback) {
        handler = callback;
        for (const event of early.splice(0)) callback(event);
      },
    };
  }

  let first = null;
  if (typeof WebAssembly === "object" && typeof Worker === "function") {
    try {
      first = start();
    } catch {
      first = null; // the page's script reports it when it asks
    }
  }

  window.calculatorBoot = {
    start() {
      const started = first || start();
      first = null;
      return started;
    },
  };
})();
