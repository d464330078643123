// Calculator pages: the form generated at build time goes live with Python (Pyodide) in a module
// Web Worker, started as soon as the page loads and only on pages with a calculator.
//
// - Inputs: every [data-field] holds one control named after the input; [data-table] holds
//   [data-row] rows (cloned from <template data-template-for>); collect() turns the form into the
//   raw JSON the Python calculator reads (text as typed: Python checks and parses it).
// - State: in the URL (?victims=3&…; tables as JSON) or, for data-store="local", in localStorage
//   only. Nothing is ever sent anywhere: Python runs here.
// - Results: the worker answers with calculators.web.view(): every figure already written for
//   reading by Python, so the text equals the build-time HTML; charts are inline SVG drawn here.
// - Material's navigation.instant is off for the site; if it is ever turned on, document$ re-runs
//   setup for the new page.
(() => {
  "use strict";

  const TIMEOUT_MS = 30000;
  const PYODIDE_FILES = [
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
  ];
  const SVG = "http://www.w3.org/2000/svg";
  const REASONS = {
    pyodide: "не загрузились файлы Pyodide или браузер заблокировал WebAssembly",
    wheel: "не загрузился пакет калькуляторов",
    import: "пакет калькуляторов не запустился",
    run: "ошибка при расчёте",
    worker: "не запустился фоновый поток (Web Worker)",
    timeout: "Python не ответил за 30 секунд",
    unsupported: "браузер не поддерживает WebAssembly или модульные Web Workers",
  };

  // ---- the DOM of the form ---------------------------------------------------------------

  function owner(element) {
    return element.parentElement.closest("[data-row], [data-table], form");
  }

  function own(container, selector) {
    return Array.from(container.querySelectorAll(selector)).filter((element) => owner(element) === container);
  }

  function rowsOf(table) {
    const holder = own(table, "[data-rows]")[0];
    return holder ? Array.from(holder.children).filter((element) => element.matches("[data-row]")) : [];
  }

  function controlsOf(field) {
    return Array.from(field.querySelectorAll("input, select")).filter(
      (control) => control.name === field.dataset.field,
    );
  }

  function readField(field) {
    const controls = controlsOf(field);
    const first = controls[0];
    if (!first) return "";
    if (first.type === "checkbox") return first.checked;
    if (first.type === "radio") {
      const checked = controls.find((control) => control.checked);
      return checked ? checked.value : "";
    }
    return first.value;
  }

  function writeField(field, value) {
    const controls = controlsOf(field);
    const first = controls[0];
    if (!first) return;
    if (first.type === "checkbox") {
      first.checked = value === true || value === "true";
    } else if (first.type === "radio") {
      const wanted = value === undefined || value === null ? "" : String(value);
      for (const control of controls) control.checked = control.value === wanted;
    } else if (first.tagName === "SELECT") {
      const wanted = value === undefined || value === null ? "" : String(value);
      first.value = Array.from(first.options).some((option) => option.value === wanted) ? wanted : "";
    } else {
      first.value = value === undefined || value === null ? "" : String(value);
    }
  }

  // The raw input: text as typed (blank fields left out), booleans, choices, tables as lists.
  // calculator_forms.form_raw in Python follows the same rules.
  function collect(container) {
    const raw = {};
    for (const field of own(container, "[data-field]")) {
      const value = readField(field);
      if (typeof value === "boolean") raw[field.dataset.field] = value;
      else if (value.trim() !== "") raw[field.dataset.field] = value;
    }
    for (const table of own(container, "[data-table]")) {
      raw[table.dataset.table] = rowsOf(table).map(collect);
    }
    return raw;
  }

  function fill(container, values) {
    for (const field of own(container, "[data-field]")) writeField(field, values[field.dataset.field]);
    for (const table of own(container, "[data-table]")) {
      const rows = Array.isArray(values[table.dataset.table]) ? values[table.dataset.table] : [];
      for (const row of rowsOf(table)) row.remove();
      for (const rowValues of rows) fill(addRow(table), rowValues || {});
      renumber(table);
    }
  }

  function addRow(table) {
    const template = table.closest("form").querySelector(`template[data-template-for="${table.dataset.table}"]`);
    const holder = own(table, "[data-rows]")[0];
    const row = template.content.firstElementChild.cloneNode(true);
    holder.append(row);
    return row;
  }

  function renumber(table) {
    rowsOf(table).forEach((row, index) => {
      const number = own(row, "[data-row-number]")[0] || row.querySelector("[data-row-number]");
      if (number && number.closest("[data-row]") === row) number.textContent = String(index + 1);
    });
  }

  function locate(form, parts) {
    let element = own(form, `[data-field="${CSS.escape(parts[0])}"], [data-table="${CSS.escape(parts[0])}"]`)[0];
    if (!element) return null;
    for (const part of parts.slice(1)) {
      let next = null;
      if (typeof part === "number" && element.matches("[data-table]")) next = rowsOf(element)[part];
      else if (typeof part === "string" && element.matches("[data-row]")) {
        next = own(element, `[data-field="${CSS.escape(part)}"], [data-table="${CSS.escape(part)}"]`)[0];
      }
      if (!next) break;
      element = next;
    }
    return element;
  }

  function slotOf(element) {
    return Array.from(element.querySelectorAll("[data-message-slot]")).find(
      (slot) => slot.parentElement.closest("[data-field], [data-row], [data-table]") === element,
    );
  }

  // ---- rendering a result ----------------------------------------------------------------

  function message(item) {
    const paragraph = document.createElement("p");
    paragraph.className = `calc-msg calc-msg--${item.kind}`;
    paragraph.textContent = item.text;
    return paragraph;
  }

  // Where a message goes: beside the field it names (down to a table cell), under the output it
  // explains, or in the general list at the end of the results.
  function placeMessage(form, item, placed, invalid) {
    let slot = null;
    if (item.input) {
      const target = locate(form, [item.input, ...(item.path || [])]);
      slot = target && slotOf(target);
      if (slot && item.kind === "rejected" && target.matches("[data-field]")) {
        for (const control of controlsOf(target)) invalid.add(control);
      }
    }
    if (!slot && item.output) slot = form.querySelector(`[data-messages-for="${CSS.escape(item.output)}"]`);
    if (!slot) slot = form.querySelector('[data-messages-for=""]');
    if (!placed.has(slot)) placed.set(slot, []);
    placed.get(slot).push(item);
  }

  function setText(element, text) {
    if (element.textContent !== text) element.textContent = text;
  }

  // Only what changed is touched: a recalculation must not make the browser lay out the page anew.
  function showMessages(form, result) {
    const placed = new Map();
    const invalid = new Set();
    for (const item of result.messages) placeMessage(form, item, placed, invalid);
    for (const slot of form.querySelectorAll("[data-message-slot], [data-messages-for]")) {
      const items = placed.get(slot) || [];
      const current = Array.from(slot.children);
      const same =
        current.length === items.length &&
        items.every(
          (item, index) =>
            current[index].textContent === item.text && current[index].classList.contains(`calc-msg--${item.kind}`),
        );
      if (!same) slot.replaceChildren(...items.map(message));
    }
    for (const control of form.querySelectorAll("[aria-invalid]")) {
      if (!invalid.has(control)) control.removeAttribute("aria-invalid");
    }
    for (const control of invalid) control.setAttribute("aria-invalid", "true");
  }

  function renderTable(body, rows) {
    const columns = body.dataset.columns.split(" ");
    let list = Array.isArray(rows) ? rows : [];
    const nested = body.dataset.flatten;
    if (nested) list = list.flatMap((row) => (row[nested] || []).map((item) => ({ name: row.name, ...item })));
    const cells = list.map((row) => columns.map((column) => (row[column] === undefined ? "" : String(row[column]))));
    const current = Array.from(body.rows).map((tr) => Array.from(tr.cells).map((td) => td.textContent));
    if (JSON.stringify(cells) === JSON.stringify(current)) return;
    body.replaceChildren(
      ...list.map((row) => {
        const tr = document.createElement("tr");
        for (const column of columns) {
          const td = document.createElement("td");
          td.dataset.column = column;
          td.textContent = row[column] === undefined ? "" : String(row[column]);
          tr.append(td);
        }
        return tr;
      }),
    );
  }

  function render(form, view) {
    const outputs = view.outputs;
    const result = view.result;
    for (const element of form.querySelectorAll("output[data-output]")) {
      const item = outputs[element.dataset.output];
      if (!item) continue;
      setText(element, item.shown);
      const value = JSON.stringify(result[element.dataset.output] ?? null);
      if (element.dataset.value !== value) element.dataset.value = value;
    }
    for (const body of form.querySelectorAll("tbody[data-output]")) {
      const item = outputs[body.dataset.output];
      if (item) renderTable(body, item.shown);
    }
    for (const element of form.querySelectorAll("[data-unit-for]")) {
      const item = outputs[element.dataset.unitFor];
      if (item) setText(element, item.unit);
    }
    for (const element of form.querySelectorAll("[data-also-for]")) {
      const item = outputs[element.dataset.alsoFor];
      if (item) setText(element, (item.also || []).join("; "));
    }
    for (const element of form.querySelectorAll("[data-formula-for]")) {
      const item = outputs[element.dataset.formulaFor];
      if (!item) continue;
      setText(
        element,
        element.dataset.formulaMode === "symbols"
          ? item.formula || ""
          : [element.dataset.symbol, item.formula, item.substitution].filter(Boolean).join(" = "),
      );
    }
    showMessages(form, result);
    const weak = view.weak_rules || [];
    for (const link of form.querySelectorAll("[data-weak-link]")) {
      const hidden = !weak.includes(Number(link.dataset.weakLink));
      if (link.hidden !== hidden) link.hidden = hidden;
    }
    drawCharts(form, view);
    form.calculatorView = view;
    form.dispatchEvent(new CustomEvent("calculator:rendered", { detail: { view } }));
  }

  // ---- charts (inline SVG; colours from CSS, so both palettes work) ----------------------

  function svg(tag, attributes, text) {
    const element = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes || {})) element.setAttribute(name, String(value));
    if (text !== undefined) element.textContent = text;
    return element;
  }

  function isNumber(value) {
    return typeof value === "number" && Number.isFinite(value);
  }

  function drawCharts(form, view) {
    const rules = form.querySelector('[data-chart="rules"] [data-chart-canvas]');
    if (rules) rules.replaceChildren(rulesChart(form, view));
    const planActual = form.querySelector('[data-chart="plan-actual"] [data-chart-canvas]');
    if (planActual) planActual.replaceChildren(...(view.chart || []).map(planActualChart));
  }

  function rulesChart(form, view) {
    const threshold = Number(form.querySelector('[data-chart="rules"]').dataset.weakShare || 70);
    const width = 640;
    const row = 30;
    const left = 90;
    const right = 70;
    const height = row * 7 + 30;
    const scale = (value) => left + ((width - left - right) * value) / 100;
    const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "calc-svg", role: "img" });
    const summary = [];
    for (let number = 1; number <= 7; number += 1) {
      const value = view.result[`rule_${number}`];
      const y = 10 + (number - 1) * row;
      chart.append(
        svg("text", { x: left - 8, y: y + 17, class: "calc-svg__label", "text-anchor": "end" }, `Правило ${number}`),
      );
      chart.append(
        svg("rect", { x: left, y: y + 4, width: scale(100) - left, height: row - 10, class: "calc-svg__track" }),
      );
      if (isNumber(value)) {
        const weak = value < threshold;
        chart.append(
          svg("rect", {
            x: left,
            y: y + 4,
            width: Math.max(0, scale(Math.min(value, 100)) - left),
            height: row - 10,
            class: weak ? "calc-svg__bar calc-svg__bar--weak" : "calc-svg__bar",
          }),
        );
      }
      const shown = view.outputs[`rule_${number}`].shown;
      chart.append(
        svg("text", { x: scale(100) + 8, y: y + 17, class: "calc-svg__value" }, isNumber(value) ? `${shown} %` : shown),
      );
      summary.push(`правило ${number}: ${isNumber(value) ? `${shown} %` : "нет ответов"}`);
    }
    const x = scale(threshold);
    chart.append(svg("line", { x1: x, x2: x, y1: 4, y2: height - 22, class: "calc-svg__threshold" }));
    chart.append(svg("text", { x, y: height - 6, class: "calc-svg__axis", "text-anchor": "middle" }, `${threshold} %`));
    chart.setAttribute("aria-label", `Доля выполнения по правилам: ${summary.join("; ")}`);
    return chart;
  }

  function planActualChart(indicator) {
    const points = indicator.points || [];
    const values = [indicator.base, ...points.flatMap((point) => [point.plan, point.actual])].filter(isNumber);
    const top = Math.max(...values, 0) * 1.15 || 1;
    const width = 640;
    const height = 190;
    const left = 56;
    const bottom = 30;
    const plot = height - bottom - 24;
    const group = Math.max(1, points.length);
    const step = (width - left - 10) / group;
    const bar = Math.min(44, step / 3);
    const y = (value) => 24 + plot - (plot * value) / top;
    const format = (value) => (isNumber(value) ? value.toLocaleString("ru-RU", { maximumFractionDigits: 3 }) : "—");
    const figure = document.createElement("div");
    figure.className = "calc-chart__item";
    const title = document.createElement("p");
    title.className = "calc-chart__title";
    title.textContent = indicator.name;
    const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "calc-svg", role: "img" });
    const summary = [`базовое значение ${format(indicator.base)}`];
    chart.append(svg("line", { x1: left, x2: width - 5, y1: y(0), y2: y(0), class: "calc-svg__axisline" }));
    chart.append(svg("text", { x: left - 6, y: y(0) + 4, class: "calc-svg__axis", "text-anchor": "end" }, "0"));
    chart.append(
      svg(
        "text",
        { x: left - 6, y: y(top / 1.15) + 4, class: "calc-svg__axis", "text-anchor": "end" },
        format(top / 1.15),
      ),
    );
    points.forEach((point, index) => {
      const center = left + step * index + step / 2;
      for (const [key, shift, css] of [
        ["plan", -bar / 2 - 2, "calc-svg__bar calc-svg__bar--plan"],
        ["actual", bar / 2 + 2, "calc-svg__bar calc-svg__bar--actual"],
      ]) {
        const value = point[key];
        if (!isNumber(value)) continue;
        chart.append(
          svg("rect", {
            x: center + shift - bar / 2,
            y: y(value),
            width: bar,
            height: Math.max(0, y(0) - y(value)),
            class: css,
          }),
        );
        chart.append(
          svg(
            "text",
            { x: center + shift, y: y(value) - 4, class: "calc-svg__value", "text-anchor": "middle" },
            format(value),
          ),
        );
      }
      chart.append(
        svg("text", { x: center, y: height - 10, class: "calc-svg__label", "text-anchor": "middle" }, point.label),
      );
      summary.push(`${point.label}: план ${format(point.plan)}, факт ${format(point.actual)}`);
    });
    if (isNumber(indicator.base)) {
      chart.append(
        svg("line", { x1: left, x2: width - 5, y1: y(indicator.base), y2: y(indicator.base), class: "calc-svg__base" }),
      );
      chart.append(
        svg(
          "text",
          { x: width - 5, y: y(indicator.base) - 4, class: "calc-svg__axis", "text-anchor": "end" },
          `X0 = ${format(indicator.base)}`,
        ),
      );
    }
    chart.setAttribute("aria-label", `${indicator.name}: ${summary.join("; ")}`);
    const legend = document.createElement("p");
    legend.className = "calc-chart__legend";
    for (const [css, text] of [
      ["plan", "план"],
      ["actual", "факт"],
      ["base", "X0 — базовое значение"],
    ]) {
      const key = document.createElement("span");
      key.className = `calc-chart__key calc-chart__key--${css}`;
      key.textContent = text;
      legend.append(key);
    }
    figure.append(title, chart, legend);
    return figure;
  }

  // ---- state in the URL or in this browser ------------------------------------------------

  // The same JSON for the same values whatever order the fields were read in.
  function canonical(value) {
    if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
    if (value && typeof value === "object") {
      const keys = Object.keys(value).sort();
      return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(",")}}`;
    }
    return JSON.stringify(value);
  }

  function storageKey(form) {
    return `okhrana-truda:calculator:${form.dataset.calculator}`;
  }

  function differs(value, blank) {
    if (Array.isArray(value)) return value.length > 0 || (Array.isArray(blank) && blank.length > 0);
    if (typeof value === "boolean") return value !== blank;
    return value !== "" && value !== blank;
  }

  function saveState(form, data, raw) {
    if (form.dataset.store === "local") {
      try {
        if (canonical(raw) === canonical(collectValues(data.start))) localStorage.removeItem(storageKey(form));
        else localStorage.setItem(storageKey(form), JSON.stringify(raw));
      } catch {
        // storage disabled: the answers stay in the form only
      }
      return;
    }
    // Only what the reader typed or switched goes into the link; the form as it started gives a
    // link without parameters, which opens the page with the example shown as an example.
    const params = new URLSearchParams();
    if (canonical(raw) !== canonical(collectValues(data.start))) {
      for (const [key, value] of Object.entries(raw)) {
        if (!differs(value, data.blank[key])) continue;
        params.set(key, Array.isArray(value) ? JSON.stringify(value) : String(value));
      }
      // Switches set back to their defaults, nothing typed: one parameter says «not the example».
      if ([...params.keys()].length === 0) params.set(Object.keys(data.blank)[0], "");
    }
    const url = new URL(location.href);
    url.search = params.toString();
    history.replaceState(history.state, "", url);
  }

  // The raw input the blank form gives (booleans and default choices; blank text left out).
  function collectValues(values) {
    const raw = {};
    for (const [key, value] of Object.entries(values)) {
      if (typeof value === "boolean") raw[key] = value;
      else if (Array.isArray(value)) raw[key] = value.map(collectValues);
      else if (String(value).trim() !== "") raw[key] = value;
    }
    return raw;
  }

  function restoredState(form, data) {
    if (form.dataset.store === "local") {
      try {
        const text = localStorage.getItem(storageKey(form));
        const raw = text ? JSON.parse(text) : null;
        return raw && typeof raw === "object" ? { ...data.blank, ...raw } : null;
      } catch {
        return null;
      }
    }
    const params = new URLSearchParams(location.search);
    const known = Object.keys(data.blank).filter((key) => params.has(key));
    if (known.length === 0) return null;
    const values = { ...data.blank };
    for (const key of Object.keys(data.blank)) {
      const blank = data.blank[key];
      if (Array.isArray(blank)) {
        values[key] = [];
        if (!params.has(key)) continue;
        try {
          const rows = JSON.parse(params.get(key));
          values[key] = Array.isArray(rows) ? rows.filter((row) => row && typeof row === "object") : [];
        } catch {
          values[key] = [];
        }
      } else if (typeof blank === "boolean") {
        values[key] = params.has(key) ? params.get(key) === "true" : blank;
      } else {
        values[key] = params.has(key) ? params.get(key) : blank;
      }
    }
    return values;
  }

  // ---- the Python worker ------------------------------------------------------------------

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
      ...PYODIDE_FILES.map((name) => indexURL + name),
    ];
    navigator.serviceWorker.addEventListener("message", (event) => {
      if (event.data && event.data.type === "remembered") form.dataset.offline = "ready";
    });
    target.postMessage({ type: "remember", urls: [...new Set(urls)] });
  }

  class Engine {
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
      worker.postMessage({
        type: "boot",
        indexURL,
        lockFileURL: `${indexURL}pyodide-lock.json`,
        wheelURL: absolute(this.form.dataset.wheel),
        wheelIntegrity: this.form.dataset.wheelIntegrity,
      });
      compileWasm(`${indexURL}pyodide.asm.wasm`, this.form.dataset.offlineCache, this.liveShown, this.markStored).then(
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

  // ---- copy, CSV, print ---------------------------------------------------------------------

  function fieldLabel(field) {
    const control = controlsOf(field)[0];
    if (control?.getAttribute("aria-label")) return control.getAttribute("aria-label");
    const name = field.querySelector(".calc-field__name, .calc-measure__text, .calc-switch span");
    return name ? name.textContent.trim() : field.dataset.field;
  }

  function fieldText(field) {
    const controls = controlsOf(field);
    const first = controls[0];
    if (!first) return "";
    if (first.type === "checkbox") return first.checked ? "да" : "нет";
    if (first.type === "radio") {
      const checked = controls.find((control) => control.checked && control.value);
      return checked ? checked.closest("label").textContent.trim() : "";
    }
    if (first.tagName === "SELECT") return first.value ? first.selectedOptions[0].textContent.trim() : "";
    return first.value.trim();
  }

  function rowPrefix(field) {
    const parts = [];
    let row = field.closest("[data-row]");
    while (row) {
      const table = row.parentElement.closest("[data-table]");
      const year = own(row, '[data-field="year"]')[0];
      parts.unshift(year ? `год ${readField(year) || "?"}` : `строка ${rowsOf(table).indexOf(row) + 1}`);
      row = row.parentElement.closest("[data-row]");
    }
    return parts.length ? `${parts.join(", ")}: ` : "";
  }

  function exportRows(form, data) {
    const view = form.calculatorView || data.view;
    const rows = [
      ["Раздел", "Показатель", "Значение", "Единица", "Формула", "Точное значение"],
      ["Калькулятор", data.title, "", "", "", ""],
      ["Адрес", location.href, "", "", "", ""],
    ];
    for (const field of form.querySelectorAll("[data-field]")) {
      const text = fieldText(field);
      if (text === "") continue;
      const unit = field.querySelector(".calc-field__unit");
      rows.push([
        "Исходные данные",
        rowPrefix(field) + fieldLabel(field),
        text,
        unit ? unit.textContent.trim() : "",
        "",
        "",
      ]);
    }
    for (const row of view.rows) rows.push(["Результаты", ...row]);
    for (const item of view.result.messages) rows.push(["Пояснения", item.text, "", "", "", ""]);
    return rows;
  }

  // The exports' guard (formulaStarts: build_tools/export_tabular.py FORMULA_STARTS): a value that a
  // spreadsheet would run as a formula («=HYPERLINK(…)» from a shared link) is kept as text.
  function spreadsheetText(value, formulaStarts) {
    const text = String(value);
    return formulaStarts.some((start) => text.startsWith(start)) ? `'${text}` : text;
  }

  function csvText(rows, formulaStarts) {
    const cell = (value) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
    const line = (row) => row.map((value) => cell(spreadsheetText(value, formulaStarts))).join(",");
    return `\ufeff${rows.map(line).join("\r\n")}\r\n`;
  }

  async function copyText(text) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      const area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.append(area);
      area.select();
      const done = document.execCommand("copy");
      area.remove();
      return done;
    }
  }

  function download(form, data) {
    const blob = new Blob([csvText(exportRows(form, data), data.formula_starts)], { type: "text/csv;charset=utf-8" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = `${data.calculator}-${new Date().toISOString().slice(0, 10)}.csv`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  }

  // ---- one form -------------------------------------------------------------------------------

  function setup(form) {
    if (form.dataset.ready) return;
    form.dataset.ready = "true";
    const data = JSON.parse(form.querySelector("script[data-calculator-data]").textContent);
    const statusText = form.querySelector("[data-status-text]");
    const retry = form.querySelector('[data-action="retry"]');
    const staleNote = form.querySelector("[data-stale-note]");
    const done = form.querySelector("[data-action-done]");
    const exampleNote = form.querySelector("[data-example-note]");
    const filledNote = form.querySelector("[data-filled-note]");
    // The form as it started (nothing typed) shows the default example's results, labelled
    // «Пример»; any other state is computed from the form's own values and nothing else.
    const startKey = canonical(collectValues(data.start));
    const exampleRaw = collectValues(data.examples[0].values);
    const exampleKey = canonical(exampleRaw);
    const examples = data.examples
      .filter((item) => item.example)
      .map((item) => ({ title: item.title, key: canonical(collectValues(item.values)) }));
    let lastRaw = null;
    let firstLive = true;

    const stale = (flag) => {
      form.toggleAttribute("data-stale", flag);
      staleNote.hidden = !flag || form.dataset.status === "error";
    };

    const kept = form.dataset.store === "local" ? "в форме и в памяти этого браузера" : "в форме и в адресе страницы";
    const engine = new Engine(form, {
      status(status, detail) {
        form.dataset.status = status;
        retry.hidden = status !== "error";
        if (status === "loading") {
          statusText.textContent =
            "Запускается Python в браузере… Введённые данные сохранятся и будут пересчитаны автоматически.";
        } else if (status === "live") {
          statusText.textContent = `Расчёт работает в браузере (Python ${detail}): результаты обновляются при вводе.`;
        } else {
          statusText.textContent = `Не удалось запустить расчёт в браузере: ${detail}. Введённые данные не потеряны — они ${kept}. Для них результаты не рассчитаны.`;
        }
        stale(form.hasAttribute("data-stale"));
      },
      current: () => wanted(collect(form)),
      result(view) {
        render(form, view);
        stale(false);
        if (firstLive) {
          firstLive = false;
          performance.mark("calculator-live");
          form.dataset.live = "true";
          engine.markLive();
          engine.wasmStored
            .then(() => registerServiceWorker(form))
            .then((registration) => rememberForOffline(form, registration));
        }
      },
    });

    const updateYearLabels = () => {
      const year = form.querySelector('[data-field="reporting_year"] input');
      if (!year) return;
      const text = year.value.trim();
      const number = /^\d+$/.test(text) ? Number(text) : NaN;
      const valid = number >= 1990 && number <= 2100;
      for (const label of form.querySelectorAll("[data-year-label]")) {
        const reporting = label.dataset.yearLabel === "reporting";
        label.textContent = valid
          ? `${reporting ? number : number - 1} год`
          : reporting
            ? "Отчетный год"
            : "Предыдущий год";
      }
    };

    // The URL and local storage follow a moment after typing stops (history.replaceState costs
    // several milliseconds in Chromium); leaving the page or sharing it writes at once.
    let saveTimer = null;
    let unsaved = null;
    const saveNow = () => {
      clearTimeout(saveTimer);
      if (unsaved !== null) saveState(form, data, unsaved);
      unsaved = null;
    };
    const saveSoon = (raw) => {
      unsaved = raw;
      clearTimeout(saveTimer);
      saveTimer = setTimeout(saveNow, 300);
    };
    window.addEventListener("pagehide", saveNow);

    // What Python computes: the reader's values, or the example's while the form is as it started.
    const wanted = (raw) => (canonical(raw) === startKey ? exampleRaw : raw);

    // Whether the results are the example's, and whether the form holds an example on purpose.
    const mark = (key) => {
      const showing = key === startKey ? "example" : "own";
      if (form.dataset.showing !== showing) form.dataset.showing = showing;
      exampleNote.hidden = showing !== "example";
      const filled = examples.find((item) => item.key === key);
      filledNote.hidden = !filled;
      if (filled) {
        setText(filledNote, `В форме — значения примера «${filled.title}»: это не ваши данные, замените их своими.`);
      }
    };

    // Until Python answers, only the build-time example can be shown as it is; for anything else
    // the results stay blank («—») with a note, never an example figure beside the reader's data.
    const showBeforeLive = (key) => {
      const known = key === startKey || key === exampleKey;
      render(form, known ? data.view : data.waiting);
      stale(!known);
    };

    const edited = () => {
      const raw = collect(form);
      const key = canonical(raw);
      if (key === lastRaw) return;
      lastRaw = key;
      saveSoon(raw);
      updateYearLabels();
      mark(key);
      if (engine.live) engine.run(wanted(raw));
      else {
        engine.pending = wanted(raw);
        showBeforeLive(key);
      }
    };

    const load = (values) => {
      fill(form, { ...data.blank, ...values });
      edited();
    };

    form.addEventListener("input", (event) => {
      if (!event.target.closest("[data-action]")) edited();
    });
    form.addEventListener("change", (event) => {
      const action = event.target.closest("[data-action]");
      if (action && action.dataset.action === "example" && action.value) {
        const example = data.examples.find((item) => item.id === action.value);
        action.value = "";
        if (example) load(example.values);
      } else if (!action) {
        edited();
      }
    });
    form.addEventListener("submit", (event) => event.preventDefault());
    form.addEventListener("click", async (event) => {
      const button = event.target.closest("button[data-action]");
      if (!button) return;
      event.preventDefault();
      const action = button.dataset.action;
      saveNow();
      if (action === "retry") {
        engine.start();
      } else if (action === "clear") {
        load(data.start);
      } else if (action === "fill-example") {
        const example = data.examples.find((item) => item.id === button.dataset.example);
        if (example) load(example.values);
        done.textContent = "Форма заполнена примером";
      } else if (action === "add-row" || action === "add-year") {
        const table = action === "add-row" ? button.closest("[data-table]") : button.closest('[data-table="years"]');
        const previous = rowsOf(table).at(-1);
        const row = addRow(table);
        const year = own(row, '[data-field="year"]')[0];
        const last = previous && own(previous, '[data-field="year"]')[0];
        if (year && last && /^\d+$/.test(readField(last).trim())) writeField(year, String(Number(readField(last)) + 1));
        renumber(table);
        edited();
        const focus = row.querySelector("input, select");
        if (focus) focus.focus();
      } else if (action === "remove-row" || action === "remove-year") {
        const row = button.closest("[data-row]");
        const table = row.parentElement.closest("[data-table]");
        row.remove();
        renumber(table);
        edited();
      } else if (action === "preset") {
        const preset = data.examples.find((item) => item.id === button.dataset.preset);
        if (preset) load(preset.values);
      } else if (action === "copy") {
        const text = exportRows(form, data)
          .map((row) => row.map((value) => spreadsheetText(value, data.formula_starts)).join("\t"))
          .join("\n");
        done.textContent = (await copyText(text)) ? "Результаты скопированы" : "Не удалось скопировать";
      } else if (action === "copy-link") {
        done.textContent = (await copyText(location.href)) ? "Ссылка скопирована" : "Не удалось скопировать";
      } else if (action === "csv") {
        download(form, data);
        done.textContent = "CSV сохранён";
      } else if (action === "print") {
        window.print();
      }
    });

    // Restore the reader's state before the first paint of the charts; until Python answers,
    // only the example (or nothing) is shown.
    const restored = restoredState(form, data);
    if (restored) fill(form, restored);
    lastRaw = canonical(collect(form));
    mark(lastRaw);
    showBeforeLive(lastRaw);
    updateYearLabels();

    engine.start();
    form.calculatorEngine = engine;
  }

  function setupAll() {
    for (const form of document.querySelectorAll("form.calc[data-calculator]")) setup(form);
  }

  setupAll();
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(setupAll);
})();
