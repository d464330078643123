// Python (Pyodide) in a module Web Worker (calculator-worker.mjs), started from the page's <head>
// by calculator-boot.js before this module loads (only on pages with a calculator); the engine
// adopts that worker. Pyodide's file names come from the build
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
    // Called by the page at the first live result; then the wasm is filed for offline use
    // (wasmStored, calculator-boot.js).
    this.markLive = () => {};
    this.wasmStored = null;
  }

  start() {
    this.stop();
    this.handlers.status("loading");
    if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
      this.fail("unsupported");
      return;
    }
    let python;
    try {
      python = window.calculatorBoot.start(); // the first time, the worker the <head> started
    } catch (error) {
      this.fail("unsupported", error);
      return;
    }
    this.worker = python.worker;
    this.markLive = python.markLive;
    this.wasmStored = python.stored;
    python.listen((event) => {
      if (event.type === "error") this.fail("worker", event.message);
      else this.receive(event.data || {});
    });
    this.arm();
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
