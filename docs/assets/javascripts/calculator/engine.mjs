// Python (Pyodide) in a module Web Worker (calculator-worker.mjs), started as soon as the page
// loads and only on pages with a calculator. Pyodide's file names come from the build
// (build_tools/calculator_site/pyodide_assets.py, on the form as data-pyodide-*), not from here.

const TIMEOUT_MS = 30000;
const REASONS = {
  pyodide: "не загрузились файлы Pyodide или браузер заблокировал WebAssembly",
  wheel: "не загрузился пакет калькуляторов",
  import: "пакет калькуляторов не запустился",
  run: "ошибка при расчёте",
  worker: "не запустился фоновый поток (Web Worker)",
  timeout: "Python не ответил за 30 секунд",
  unsupported: "браузер не поддерживает WebAssembly или модульные Web Workers",
};

function absolute(path) {
  return new URL(path, document.baseURI).href;
}

// Offline support: the service worker (at the site root) is registered once the first live result
// is shown (its installation would otherwise compete with Python's start), and is given the
// addresses this visit used; it copies them from the HTTP cache (no second download), so the
// next visit works without a network.
function registerServiceWorker(form) {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return Promise.resolve(null);
  const url = absolute(form.dataset.serviceWorker);
  return navigator.serviceWorker
    .register(url, { scope: new URL("./", url).href })
    .then(() => navigator.serviceWorker.ready)
    .catch(() => null);
}

// Chromium keeps compiled WebAssembly in its code cache for the page, not for workers: the page
// compiles Pyodide's wasm (streaming, off the main thread) and hands the module to the worker.
// On a visit the service worker does not control yet, the page also files the 9.6 MB download
// in the offline cache itself (the HTTP cache does not reliably keep it for the service worker),
// after ``later`` (the first live result): writing it meanwhile would slow Python's start.
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

function rememberForOffline(form, registration) {
  const target = registration?.active;
  if (!target) return;
  const here = location.origin;
  const indexURL = absolute(form.dataset.pyodide);
  const urls = [
    location.href,
    ...performance
      .getEntriesByType("resource")
      .map((entry) => entry.name)
      .filter((name) => name.startsWith(here)),
    absolute(form.dataset.worker),
    absolute(form.dataset.wheel),
    ...form.dataset.pyodideFiles.split(" ").map((name) => indexURL + name),
  ];
  navigator.serviceWorker.addEventListener("message", (event) => {
    if (event.data && event.data.type === "remembered") form.dataset.offline = "ready";
  });
  target.postMessage({ type: "remember", urls: [...new Set(urls)] });
}

export class Engine {
  constructor(form, handlers) {
    this.form = form;
    this.handlers = handlers;
    this.worker = null;
    this.live = false;
    this.pending = null;
    this.busy = false;
    this.sequence = 0;
    this.timer = null;
    // Resolved by the page at the first live result; then the wasm is filed for offline use.
    this.liveShown = new Promise((resolve) => (this.markLive = resolve));
    this.wasmStored = new Promise((resolve) => (this.markStored = resolve));
  }

  start() {
    this.stop();
    this.handlers.status("loading");
    if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
      this.fail("unsupported");
      return;
    }
    const indexURL = absolute(this.form.dataset.pyodide);
    try {
      this.worker = new Worker(absolute(this.form.dataset.worker), { type: "module" });
    } catch (error) {
      this.fail("unsupported", error);
      return;
    }
    this.worker.addEventListener("message", (event) => this.receive(event.data || {}));
    this.worker.addEventListener("error", (event) => {
      event.preventDefault();
      this.fail("worker", event.message);
    });
    this.arm();
    const worker = this.worker;
    // The worker reads Pyodide's file names and the wheel's integrity from the form's data.
    worker.postMessage({ ...this.form.dataset, type: "boot", indexURL, wheelURL: absolute(this.form.dataset.wheel) });
    compileWasm(
      indexURL + this.form.dataset.pyodideWasm,
      this.form.dataset.offlineCache,
      this.liveShown,
      this.markStored,
    ).then(
      (module) => worker.postMessage({ type: "module", module }),
      (error) => worker.postMessage({ type: "module-failed", detail: String(error?.message || error) }),
    );
  }

  stop() {
    clearTimeout(this.timer);
    if (this.worker) this.worker.terminate();
    this.worker = null;
    this.live = false;
    this.busy = false;
  }

  arm() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.fail("timeout"), TIMEOUT_MS);
  }

  fail(stage, detail) {
    if (detail) console.warn(`Калькулятор: ${REASONS[stage] || stage}:`, detail);
    this.stop();
    this.handlers.status("error", REASONS[stage] || REASONS.worker);
  }

  run(raw) {
    this.pending = raw;
    if (this.live && !this.busy) this.flush();
  }

  flush() {
    if (this.pending === null || !this.worker) return;
    const inputs = this.pending;
    this.pending = null;
    this.busy = true;
    this.sequence += 1;
    this.arm();
    this.worker.postMessage({ type: "run", id: this.sequence, calculator: this.form.dataset.calculator, inputs });
  }

  receive(message) {
    if (message.type === "ready") {
      clearTimeout(this.timer);
      this.live = true;
      this.handlers.status("live", message.python);
      this.pending = this.handlers.current();
      this.flush();
    } else if (message.type === "result") {
      clearTimeout(this.timer);
      this.busy = false;
      if (this.pending !== null) {
        this.flush(); // a newer input is waiting: show that one
        return;
      }
      this.handlers.result(JSON.parse(message.view));
    } else if (message.type === "failed") {
      this.fail(message.stage, message.detail);
    }
  }
}

// After the first live result: the service worker, then the addresses it should keep offline.
export function keepForOffline(form, engine) {
  engine.wasmStored
    .then(() => registerServiceWorker(form))
    .then((registration) => rememberForOffline(form, registration));
}
