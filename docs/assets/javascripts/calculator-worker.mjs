// The calculators' Python, in a module Web Worker (Pyodide 314+ refuses classic workers).
//
// Started by calculator-boot.js with its boot data as the worker's name (JSON), so that Pyodide
// starts as soon as this module runs, without waiting for a message from a page still busy loading:
//   {indexURL, wheelURL, ...form.dataset}
//     (indexURL and wheelURL absolute, the site's own; the form's data attributes carry Pyodide's
//     file names from build_tools/calculator_site/pyodide_assets.py and the wheel's integrity:
//     bootConfig turns them into what boot needs)
// Messages from the page:
//   {type: "module", module} / {type: "module-failed", detail}   the page's compiled wasm
//   {type: "run", id, calculator, inputs}
//   {type: "call", id, module, function, args}   calculators.<module>.<function>(...args)
// Messages to the page:
//   {type: "ready", python, ms}        Python is running and `calculators` imports
//   {type: "result", id, view}         view: JSON text of calculators.web.view(...)
//   {type: "called", id, value}        a string, or a Uint8Array for Python bytes (a DOCX)
//   {type: "call-failed", id, detail}  the Python exception's last line
//   {type: "failed", stage, detail}    stage: "pyodide" | "wheel" | "import" | "run"
//
// Nothing here talks to any host but the site: Pyodide gets absolute URLs of the site's files and
// no package is loaded from a CDN (loadPackage is never called).

let viewJson = null;
let python = null;
let moduleArrived;
let moduleFailed;
// The page compiles pyodide.asm.wasm and sends the WebAssembly.Module: Chromium's code cache for
// compiled WebAssembly applies to the page's compiles, not to a worker's (measured on this site:
// a warm start 3.3 s in the worker alone, 2.1 s with the module from the page).
const compiled = new Promise((resolve, reject) => {
  moduleArrived = resolve;
  moduleFailed = reject;
});
compiled.catch(() => {});

function fail(stage, error) {
  self.postMessage({ type: "failed", stage, detail: String(error?.message || error) });
}

// While loadPyodide runs, its request for the wasm file gets an empty answer and its
// instantiateStreaming uses the page's module. Both are put back as soon as Pyodide has started.
function useCompiledModule(wasmURL) {
  const realFetch = self.fetch;
  const realInstantiate = WebAssembly.instantiateStreaming;
  self.fetch = (input, init) =>
    String(input) === wasmURL
      ? Promise.resolve(new Response(new Uint8Array(0), { headers: { "content-type": "application/wasm" } }))
      : realFetch(input, init);
  WebAssembly.instantiateStreaming = async (_source, imports) => {
    const module = await compiled;
    return { instance: await WebAssembly.instantiate(module, imports), module };
  };
  return () => {
    self.fetch = realFetch;
    WebAssembly.instantiateStreaming = realInstantiate;
  };
}

async function boot(config) {
  const started = performance.now();
  // The wheel downloads while Pyodide boots; the browser checks it against the sha256 of the build.
  const wheel = fetch(config.wheelURL, { integrity: config.wheelIntegrity }).then((response) => {
    if (!response.ok) throw new Error(`HTTP ${response.status}: ${config.wheelURL}`);
    return response.arrayBuffer();
  });
  wheel.catch(() => {}); // reported below, in order
  let pyodide;
  let sitePackages = null;
  const restore = useCompiledModule(config.wasmURL);
  try {
    const { loadPyodide } = await import(config.loaderURL);
    // Pyodide only logs a failed instantiation and then waits forever: fail as soon as the page does.
    const failed = compiled.then(() => new Promise(() => {}));
    pyodide = await Promise.race([
      loadPyodide({
        indexURL: config.indexURL,
        lockFileURL: config.lockFileURL,
        fsInit: async (_FS, info) => {
          sitePackages = info.sitePackages;
        },
        stdout: () => {},
        stderr: () => {},
      }),
      failed,
    ]);
  } catch (error) {
    fail("pyodide", error);
    return;
  } finally {
    restore();
  }
  let bytes;
  try {
    bytes = await wheel;
  } catch (error) {
    fail("wheel", error);
    return;
  }
  try {
    pyodide.unpackArchive(new Uint8Array(bytes), "wheel", { extractDir: sitePackages });
    const web = pyodide.pyimport("calculators.web");
    viewJson = web.view_json;
    python = pyodide;
    const version = pyodide.runPython("import sys; sys.version.split()[0]");
    self.postMessage({ type: "ready", python: version, ms: performance.now() - started });
  } catch (error) {
    fail("import", error);
  }
}

function bootConfig(data) {
  const { indexURL } = data;
  return {
    indexURL,
    loaderURL: indexURL + data.pyodideLoader,
    wasmURL: indexURL + data.pyodideWasm,
    lockFileURL: indexURL + data.pyodideLock,
    wheelURL: data.wheelURL,
    wheelIntegrity: data.wheelIntegrity,
  };
}

self.addEventListener("message", (event) => {
  const message = event.data || {};
  if (message.type === "module") {
    moduleArrived(message.module);
  } else if (message.type === "module-failed") {
    moduleFailed(new Error(message.detail));
  } else if (message.type === "run" && viewJson !== null) {
    try {
      const view = viewJson(message.calculator, JSON.stringify(message.inputs));
      self.postMessage({ type: "result", id: message.id, view });
    } catch (error) {
      fail("run", error);
    }
  }
});

// Only public functions of the calculators package: the page names them, the worker checks the names.
const CALLABLE = /^[a-z][a-z0-9_]*$/;

function call(message) {
  let module = null;
  let callable = null;
  try {
    if (!CALLABLE.test(message.module) || !CALLABLE.test(message.function)) throw new Error("недопустимое имя функции");
    module = python.pyimport(`calculators.${message.module}`);
    callable = module[message.function];
    let value = callable(...(message.args || []));
    if (value && typeof value.toJs === "function") {
      const proxy = value;
      value = proxy.toJs(); // bytes -> Uint8Array
      proxy.destroy();
    }
    const transfer = value instanceof Uint8Array ? [value.buffer] : [];
    self.postMessage({ type: "called", id: message.id, value }, transfer);
  } catch (error) {
    const text = String(error?.message || error)
      .trim()
      .split("\n");
    self.postMessage({ type: "call-failed", id: message.id, detail: text[text.length - 1] });
  } finally {
    if (callable) callable.destroy();
    if (module) module.destroy();
  }
}

self.addEventListener("message", (event) => {
  const message = event.data || {};
  if (message.type === "call" && python !== null) call(message);
});

self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  fail("pyodide", event.reason);
});

// Pyodide starts now, with the boot data the page gave as this worker's name.
try {
  boot(bootConfig(JSON.parse(self.name)));
} catch (error) {
  fail("pyodide", error);
}
