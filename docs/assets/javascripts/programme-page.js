// The «Нулевой травматизм» programme page: the employer's programme as one JSON object (the very
// input of `python -m calculators programme`), kept in this browser, saved to and opened from a
// file. Python (calculators.programme, in the calculators' Pyodide worker) checks it after every
// edit, computes E_i and writes both DOCX documents; this script draws the form and the chart.
//
// - Every control with [data-path] holds one value of the programme: its path, dot-separated
//   ("indicators.0.plan.2026"). Values stay text as typed; Python reads «1 250,5» as a number.
// - Lists that grow (goals, tasks, indicators, measures, years) are drawn from the programme;
//   typing never redraws the control being typed in.
// - Messages from Python carry a path; each goes beside the control (or list) it names.
(() => {
  "use strict";

  // Python starts in a few seconds; a loaded machine may need much longer.
  const TIMEOUT_MS = 60000;
  const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  const SVG = "http://www.w3.org/2000/svg";
  const REASONS = {
    pyodide: "не загрузились файлы Pyodide или браузер заблокировал WebAssembly",
    wheel: "не загрузился пакет калькуляторов",
    import: "пакет калькуляторов не запустился",
    worker: "не запустился фоновый поток (Web Worker)",
    timeout: "Python не ответил вовремя",
    unsupported: "браузер не поддерживает WebAssembly или модульные Web Workers",
  };
  const ANSWERS = { yes: "выполняется", partly: "выполняется частично", no: "не выполняется" };

  // ---- small helpers -------------------------------------------------------------------------

  function h(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (value === false || value === null || value === undefined) continue;
      if (key === "text") element.textContent = value;
      else element.setAttribute(key, value === true ? "" : String(value));
    }
    element.append(...children.filter((child) => child !== null && child !== undefined && child !== false));
    return element;
  }

  function svg(tag, attributes, text) {
    const element = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attributes || {})) element.setAttribute(key, String(value));
    if (text !== undefined) element.textContent = text;
    return element;
  }

  function text(value) {
    return value === undefined || value === null ? "" : String(value);
  }

  function parts(path) {
    return path === ""
      ? []
      : path.split(".").map((part) => (/^\d+$/.test(part) && part.length < 4 ? Number(part) : part));
  }

  function getAt(object, keys) {
    return keys.reduce((value, key) => (value && typeof value === "object" ? value[key] : undefined), object);
  }

  // Objects keyed by year (plan, actual, financing) lose a key whose value is cleared.
  function setAt(object, keys, value) {
    let target = object;
    keys.slice(0, -1).forEach((key, index) => {
      if (!target[key] || typeof target[key] !== "object") target[key] = typeof keys[index + 1] === "number" ? [] : {};
      target = target[key];
    });
    const last = keys[keys.length - 1];
    if (value === "" && /^\d{4}$/.test(String(last)) && !Array.isArray(target)) delete target[last];
    else target[last] = value;
  }

  function download(blob, name) {
    const link = h("a", { href: URL.createObjectURL(blob), download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  }

  // ---- Python in the calculators' worker ------------------------------------------------------------
  // Started from the page's <head> by calculator-boot.js (the same worker and boot as the calculators').

  class Python {
    constructor(form, status) {
      this.form = form;
      this.status = status;
      this.worker = null;
      this.live = false;
      this.sequence = 0;
      this.waiting = new Map();
      this.timer = null;
    }

    start() {
      this.stop();
      this.status("loading");
      if (typeof WebAssembly !== "object" || typeof Worker !== "function") return this.fail("unsupported");
      let python;
      try {
        python = window.calculatorBoot.start(); // the first time, the worker the <head> started
      } catch (error) {
        return this.fail("unsupported", error);
      }
      this.worker = python.worker;
      python.listen((event) => {
        if (event.type === "error") this.fail("worker", event.message);
        else this.receive(event.data || {});
      });
      this.timer = setTimeout(() => this.fail("timeout"), TIMEOUT_MS);
      return undefined;
    }

    stop() {
      clearTimeout(this.timer);
      if (this.worker) this.worker.terminate();
      this.worker = null;
      this.live = false;
      for (const { reject } of this.waiting.values()) reject(new Error(REASONS.worker));
      this.waiting.clear();
    }

    fail(stage, detail) {
      if (detail) console.warn(`Программа: ${REASONS[stage] || stage}:`, detail);
      this.stop();
      this.status("error", REASONS[stage] || REASONS.worker);
    }

    receive(message) {
      if (message.type === "ready") {
        clearTimeout(this.timer);
        this.live = true;
        this.status("live", message.python);
      } else if (message.type === "called" || message.type === "call-failed") {
        const waiting = this.waiting.get(message.id);
        if (!waiting) return;
        this.waiting.delete(message.id);
        if (message.type === "called") waiting.resolve(message.value);
        else waiting.reject(new Error(message.detail));
      } else if (message.type === "failed") {
        this.fail(message.stage, message.detail);
      }
    }

    call(fn, ...args) {
      if (!this.live) return Promise.reject(new Error("Python ещё не запущен"));
      this.sequence += 1;
      const id = this.sequence;
      return new Promise((resolve, reject) => {
        this.waiting.set(id, { resolve, reject });
        this.worker.postMessage({ type: "call", id, module: "programme", function: fn, args });
      });
    }
  }

  // ---- the page ---------------------------------------------------------------------------------------

  function setup(form) {
    if (form.dataset.ready) return;
    form.dataset.ready = "true";
    const data = JSON.parse(form.querySelector("script[data-programme-data]").textContent);
    const labels = data.labels;
    const typicalById = Object.fromEntries(data.typical.map((item) => [item.id, item]));
    const done = form.querySelector("[data-done]");
    const statusText = form.querySelector("[data-status-text]");
    let state = null;
    let view = null;
    let yearsKey = "";

    // -- the programme in this browser -------------------------------------------------------------

    const visionZero = () => {
      try {
        const answers = JSON.parse(localStorage.getItem(data.vision_zero.key) || "null");
        return answers && typeof answers === "object" ? answers : null;
      } catch {
        return null;
      }
    };

    const answerOf = (answers, number) => (answers ? answers[data.vision_zero.prefix + number] : undefined);

    const weakMeasures = (answers) =>
      data.measures
        .filter((m) => data.vision_zero.not_implemented.includes(answerOf(answers, m.number)))
        .map((m) => m.number);

    const fresh = () => {
      const programme = JSON.parse(JSON.stringify(data.empty));
      programme.measures = weakMeasures(visionZero()).map((number) => ({
        id: number,
        deadline: "",
        executor: "",
        cost: "",
      }));
      return programme;
    };

    // A programme opened from a file or storage gets the lists the form draws; anything else is
    // kept as it is, for Python to name.
    const normalised = (programme) => {
      const result = { ...programme };
      for (const key of ["organization", "title", "approved_by", "financing_sources"])
        if (!(key in result)) result[key] = "";
      if (!Array.isArray(result.years)) result.years = result.years === undefined ? ["", ""] : result.years;
      for (const key of ["financing", "risks"]) if (result[key] === undefined) result[key] = {};
      for (const key of ["goals", "tasks"]) if (result[key] === undefined) result[key] = [...data.empty[key]];
      for (const key of ["indicators", "measures"]) if (result[key] === undefined) result[key] = [];
      return result;
    };

    const load = () => {
      try {
        const stored = JSON.parse(localStorage.getItem(data.storage_key) || "null");
        return stored && typeof stored === "object" && !Array.isArray(stored) ? normalised(stored) : null;
      } catch {
        return null;
      }
    };

    let saveTimer = null;
    const saveNow = () => {
      clearTimeout(saveTimer);
      saveTimer = null;
      try {
        localStorage.setItem(data.storage_key, JSON.stringify(state));
      } catch {
        // storage disabled: the programme stays in the page (and in a saved file)
      }
    };
    const saveSoon = () => {
      clearTimeout(saveTimer);
      saveTimer = setTimeout(saveNow, 300);
    };
    window.addEventListener("pagehide", () => {
      if (saveTimer !== null) saveNow();
    });

    // -- years -----------------------------------------------------------------------------------------

    const programmeYears = () => {
      const years = Array.isArray(state.years) ? state.years.map((year) => text(year).trim()) : [];
      if (years.length !== 2 || !years.every((year) => /^\d{4}$/.test(year))) return [];
      const [first, last] = years.map(Number);
      if (first < data.years.min || last > data.years.max || last < first || last - first + 1 > data.years.span)
        return [];
      return Array.from({ length: last - first + 1 }, (_, index) => first + index);
    };

    const noYears = () =>
      h("p", {
        class: "calc-field__hint prog-no-years",
        text: "Укажите первый и последний годы программы (в паспорте), чтобы ввести значения по годам.",
      });

    // -- controls --------------------------------------------------------------------------------------

    let uid = 0;
    const control = (path, label, options = {}) => {
      uid += 1;
      const id = `prog-${uid}`;
      const value = text(getAt(state, parts(path)));
      const attributes = { id, class: "calc-input prog-input", "data-path": path, autocomplete: "off" };
      if (options.maxLength) attributes.maxlength = options.maxLength;
      if (options.placeholder) attributes.placeholder = options.placeholder;
      let input;
      if (options.multiline) {
        input = h("textarea", { ...attributes, class: "calc-input prog-textarea", rows: 2 });
        input.value = value;
      } else if (options.choices) {
        input = h("select", { ...attributes, class: "calc-input calc-input--select" });
        for (const choice of options.choices) input.append(h("option", { value: choice.value, text: choice.label }));
        input.value = options.choices.some((choice) => choice.value === value) ? value : options.choices[0].value;
      } else {
        input = h("input", { ...attributes, type: "text", inputmode: options.numeric ? "decimal" : null });
        input.value = value;
      }
      const hint = options.hint ? h("p", { class: "calc-field__hint", id: `${id}-hint`, text: options.hint }) : null;
      if (hint) input.setAttribute("aria-describedby", hint.id);
      return h(
        "div",
        { class: `prog-field${options.compact ? " prog-field--compact" : ""}` },
        h("label", { class: "prog-field__label", for: id, text: label + (options.unit ? `, ${options.unit}` : "") }),
        input,
        hint,
        h("div", { class: "prog-messages", "aria-live": "polite" }),
      );
    };

    const removeButton = (action, label, attributes) =>
      h("button", {
        type: "button",
        class: "calc-button--icon",
        "data-action": action,
        "aria-label": label,
        title: label,
        ...attributes,
        text: "×",
      });

    // -- the lists -------------------------------------------------------------------------------------

    const renderTexts = (key, word, label) => {
      const list = form.querySelector(`[data-list="${key}"]`);
      const items = Array.isArray(state[key]) ? state[key] : [];
      const number = key === "goals" ? "3.2" : "3.3";
      list.replaceChildren(
        ...items.map((_, index) =>
          h(
            "div",
            { class: "prog-item" },
            control(`${key}.${index}`, `${number}.${index + 1}. ${word} ${index + 1}`, {
              multiline: true,
              maxLength: label.max_length,
            }),
            removeButton(`remove-${key}`, `Удалить: ${word.toLowerCase()} ${index + 1}`, { "data-index": index }),
          ),
        ),
        h("div", { class: "prog-messages", "aria-live": "polite" }),
      );
    };

    const indicatorName = (indicator, index) => {
      const typical = indicator && typicalById[indicator.preset];
      if (typical) return typical.name;
      return text(indicator?.name).trim() || `Показатель ${index + 1}`;
    };

    const renderIndicators = (years) => {
      const list = form.querySelector('[data-list="indicators"]');
      const indicators = Array.isArray(state.indicators) ? state.indicators : [];
      const fields = labels.indicator;
      const cards = indicators.map((indicator, index) => {
        const path = `indicators.${index}`;
        const typical = indicator && typicalById[indicator.preset];
        const head = h(
          "div",
          { class: "prog-card__head" },
          h("h4", { class: "prog-card__title", text: `${index + 1}. ${typical ? typical.name : "Свой показатель"}` }),
          removeButton("remove-indicator", `Удалить показатель ${index + 1}`, { "data-index": index }),
        );
        const body = [];
        if (typical) {
          body.push(
            h(
              "details",
              { class: "prog-method" },
              h("summary", { text: "Методика расчета" }),
              h("p", { text: typical.method }),
            ),
          );
        } else {
          body.push(control(`${path}.name`, fields.name.label, { maxLength: fields.name.max_length }));
          body.push(
            control(`${path}.method`, fields.method.label, { multiline: true, maxLength: fields.method.max_length }),
          );
          body.push(
            control(`${path}.better`, fields.better.label, { choices: [{ value: "", label: "—" }, ...labels.better] }),
          );
        }
        const baseHint = years.length ? `${fields.base.hint} (${years[0] - 1} год)` : fields.base.hint;
        body.push(control(`${path}.base`, fields.base.label, { numeric: true, hint: baseHint, compact: true }));
        const plan = h(
          "fieldset",
          { class: "prog-years-grid", "data-path": `${path}.plan` },
          h("legend", { class: "prog-field__label", text: "Плановые значения показателя" }),
        );
        if (years.length) {
          for (const year of years)
            plan.append(control(`${path}.plan.${year}`, `${year} г.`, { numeric: true, compact: true }));
        } else {
          plan.append(noYears());
        }
        plan.append(h("div", { class: "prog-messages", "aria-live": "polite" }));
        return h(
          "div",
          { class: "prog-card", "data-path": path },
          head,
          ...body,
          plan,
          h("div", { class: "prog-messages", "aria-live": "polite" }),
        );
      });
      list.replaceChildren(...cards, h("div", { class: "prog-messages", "aria-live": "polite" }));
      const used = new Set(indicators.map((indicator) => indicator?.preset));
      const select = form.querySelector("[data-add-preset]");
      const missing = data.typical.filter((item) => !used.has(item.id));
      select.replaceChildren(...missing.map((item) => h("option", { value: item.id, text: item.name })));
      select.disabled = missing.length === 0;
      form.querySelector('[data-action="add-preset"]').disabled = missing.length === 0;
      if (missing.length === 0) select.append(h("option", { value: "", text: "все четыре уже в программе" }));
    };

    const measureIndex = (number) =>
      Array.isArray(state.measures) ? state.measures.findIndex((m) => m && Number(m.id) === number) : -1;

    const measureFields = (index, term) => {
      const fields = labels.measure;
      const path = `measures.${index}`;
      return h(
        "div",
        { class: "prog-measure__fields" },
        control(`${path}.deadline`, fields.deadline.label, {
          placeholder: term || "",
          maxLength: fields.deadline.max_length,
          compact: true,
        }),
        control(`${path}.executor`, fields.executor.label, { maxLength: fields.executor.max_length, compact: true }),
        control(`${path}.cost`, fields.cost.label, { unit: fields.cost.unit, numeric: true, compact: true }),
      );
    };

    const catalogueLink = (rule) =>
      h("a", {
        class: "prog-practices",
        href: `${data.catalogue}?rule=${rule}`,
        text: `Практики каталога по правилу ${rule}`,
      });

    const renderMeasures = () => {
      const list = form.querySelector('[data-list="measures"]');
      const answers = visionZero();
      const groups = data.rules.map((rule) => {
        const rows = data.measures
          .filter((measure) => measure.rule === rule.number)
          .map((measure) => {
            const index = measureIndex(measure.number);
            uid += 1;
            const id = `prog-measure-${measure.number}`;
            const answer = answerOf(answers, measure.number);
            const box = h("input", { type: "checkbox", id, "data-measure": measure.number });
            box.checked = index >= 0;
            const row = h(
              "div",
              { class: "prog-measure", "data-path": index >= 0 ? `measures.${index}` : null },
              h(
                "label",
                { class: "prog-measure__choice", for: id },
                box,
                h("span", { text: `${measure.number}. ${measure.text}` }),
              ),
              h(
                "p",
                { class: "prog-measure__meta" },
                `Срок по типовой программе: ${measure.term}. `,
                answer
                  ? h("span", {
                      class: `prog-vz-answer prog-vz-answer--${answer}`,
                      text: `Самооценка: ${ANSWERS[answer] || answer}. `,
                    })
                  : null,
                catalogueLink(rule.number),
              ),
            );
            if (index >= 0)
              row.append(
                measureFields(index, measure.term),
                h("div", { class: "prog-messages", "aria-live": "polite" }),
              );
            return row;
          });
        return h(
          "fieldset",
          { class: "prog-rule" },
          h("legend", { class: "prog-rule__title", text: `${rule.number}. ${rule.section}` }),
          h("p", { class: "prog-rule__name", text: `«Золотое правило» ${rule.number}: ${rule.rule}` }),
          ...rows,
        );
      });
      list.replaceChildren(...groups, h("div", { class: "prog-messages", "aria-live": "polite" }));

      const own = form.querySelector('[data-list="own-measures"]');
      const fields = labels.measure;
      const sections = [
        { value: "", label: data.own_section },
        ...data.rules.map((rule) => ({ value: String(rule.number), label: `${rule.number}. ${rule.section}` })),
      ];
      const cards = [];
      (Array.isArray(state.measures) ? state.measures : []).forEach((measure, index) => {
        if (!measure || typeof measure !== "object" || (measure.id !== undefined && measure.id !== "")) return;
        const path = `measures.${index}`;
        cards.push(
          h(
            "div",
            { class: "prog-card", "data-path": path },
            h(
              "div",
              { class: "prog-card__head" },
              h("h4", { class: "prog-card__title", text: `Своё мероприятие ${cards.length + 1}` }),
              removeButton("remove-measure", `Удалить своё мероприятие ${cards.length + 1}`, { "data-index": index }),
            ),
            control(`${path}.text`, fields.text.label, { multiline: true, maxLength: fields.text.max_length }),
            control(`${path}.section`, fields.section.label, { choices: sections }),
            measureFields(index, ""),
            h("div", { class: "prog-messages", "aria-live": "polite" }),
          ),
        );
      });
      own.replaceChildren(...cards);

      const note = form.querySelector("[data-vision-zero-note]");
      const weak = weakMeasures(answers);
      const apply = form.querySelector('[data-action="from-vision-zero"]');
      if (!answers) {
        note.textContent =
          "Самооценка Vision Zero в этом браузере не найдена. Пройдите её на странице «Vision Zero» — мероприятия, которые не выполняются или выполняются частично, будут отмечены здесь.";
        apply.hidden = true;
      } else {
        note.textContent = weak.length
          ? `По самооценке Vision Zero в этом браузере не выполняются или выполняются частично мероприятия ${weak.join(", ")}; новая программа начинается с них.`
          : "По самооценке Vision Zero в этом браузере все отвеченные мероприятия выполняются.";
        apply.hidden = weak.length === 0;
      }
    };

    const renderFinancing = (years) => {
      const list = form.querySelector('[data-list="financing"]');
      const children = [h("p", { class: "prog-field__label", text: "Объем финансирования по годам" })];
      if (years.length) {
        for (const year of years)
          children.push(
            control(`financing.${year}`, `${year} год`, { unit: labels.financing.unit, numeric: true, compact: true }),
          );
      } else {
        children.push(noYears());
      }
      children.push(h("div", { class: "prog-messages", "aria-live": "polite" }));
      list.replaceChildren(...children);
    };

    const renderActual = (years) => {
      const list = form.querySelector('[data-list="actual"]');
      const indicators = Array.isArray(state.indicators) ? state.indicators : [];
      if (!years.length) {
        list.replaceChildren(noYears());
        return;
      }
      list.replaceChildren(
        ...indicators.map((indicator, index) => {
          const path = `indicators.${index}.actual`;
          const group = h(
            "fieldset",
            { class: "prog-years-grid", "data-path": path },
            h("legend", {
              class: "prog-field__label",
              "data-actual-name": index,
              text: `${index + 1}. ${indicatorName(indicator, index)}: фактические значения`,
            }),
          );
          for (const year of years)
            group.append(control(`${path}.${year}`, `${year} г.`, { numeric: true, compact: true }));
          group.append(h("div", { class: "prog-messages", "aria-live": "polite" }));
          return group;
        }),
      );
    };

    const renderLists = () => {
      const years = programmeYears();
      yearsKey = years.join(",");
      renderTexts("goals", "Цель", labels.goal);
      renderTexts("tasks", "Задача", labels.task);
      renderIndicators(years);
      renderMeasures();
      renderFinancing(years);
      renderActual(years);
    };

    const fillStatic = () => {
      for (const input of form.querySelectorAll("[data-path]:is(input, textarea, select)")) {
        if (input.closest("[data-list]")) continue;
        input.value = text(getAt(state, parts(input.dataset.path)));
      }
    };

    const renderAll = () => {
      fillStatic();
      renderLists();
      showMessages();
      renderResults();
    };

    // -- messages and results from Python -----------------------------------------------------------

    const slotFor = (element) => {
      if (element.matches("input, textarea, select"))
        return element.closest(".prog-field").querySelector(".prog-messages");
      if (element.matches(".prog-messages")) return element;
      return Array.from(element.children).find((child) => child.matches(".prog-messages")) || null;
    };

    const targetFor = (path) => {
      const keys = path.map(String);
      for (let length = keys.length; length >= 0; length -= 1) {
        const key = keys.slice(0, length).join(".");
        const found = Array.from(form.querySelectorAll(`[data-path="${CSS.escape(key)}"]`)).find((element) =>
          slotFor(element),
        );
        if (found) return found;
      }
      return form.querySelector(".prog-general");
    };

    function showMessages() {
      for (const slot of form.querySelectorAll(".prog-messages")) slot.replaceChildren();
      for (const control of form.querySelectorAll("[aria-invalid]")) control.removeAttribute("aria-invalid");
      if (!view) return;
      for (const item of view.messages) {
        const target = targetFor(item.path || []);
        const slot = slotFor(target);
        slot.append(h("p", { class: `calc-msg calc-msg--${item.kind}`, text: item.text }));
        if (item.kind === "rejected" && target.matches("input, textarea, select"))
          target.setAttribute("aria-invalid", "true");
      }
    }

    function renderResults() {
      const results = form.querySelector("[data-results]");
      const select = form.querySelector("[data-report-year]");
      const note = form.querySelector("[data-report-note]");
      const reportButton = form.querySelector('[data-action="report"]');
      const children = [];
      const evaluation = view?.accepted ? view.evaluation : [];
      const rows = [];
      evaluation.forEach((indicator, index) => {
        const done = indicator.points.filter((point) => point.actual !== null);
        done.forEach((point, row) => {
          const name =
            row === 0
              ? h("th", { scope: "rowgroup", rowspan: done.length, text: `${index + 1}. ${indicator.name}` })
              : null;
          const cells = [point.year, indicator.base_shown, point.plan_shown, point.actual_shown].map((value) =>
            h("td", { class: "calc-num", text: String(value) }),
          );
          const progress = h("td", {
            class: "calc-num",
            "data-progress": `${index}-${point.year}`,
            text: point.progress_shown,
          });
          rows.push(h("tr", {}, name, ...cells, progress));
        });
      });
      if (rows.length) {
        const head = h(
          "tr",
          {},
          ...["Показатель", "Год", "Базовое", "План", "Факт", "Уровень реализации Eᵢ"].map((title) =>
            h("th", { scope: "col", text: title }),
          ),
        );
        children.push(
          h(
            "div",
            { class: "calc-scroll" },
            h(
              "table",
              { class: "calc-table prog-table" },
              h("caption", { text: "Уровень реализации по показателям и годам" }),
              h("thead", {}, head),
              h("tbody", {}, ...rows),
            ),
          ),
        );
        const totals = view.totals.map((item) => `${item.year} год — ${item.total_shown}`).join("; ");
        if (totals)
          children.push(
            h("p", {
              class: "prog-totals",
              text: `Средний уровень реализации (каждое Eᵢ ограничено диапазоном 0–100 %): ${totals}.`,
            }),
          );
      } else if (view?.accepted) {
        children.push(
          h("p", {
            class: "calc-field__hint",
            text: "Фактических значений пока нет: Eᵢ появится, когда вы введёте факт хотя бы за один год.",
          }),
        );
      } else if (view) {
        children.push(
          h("p", {
            class: "calc-field__hint",
            text: "Eᵢ рассчитывается, когда в программе нет ошибок (они отмечены у полей).",
          }),
        );
      }
      const numeric = (value) => typeof value === "number";
      const charts = evaluation
        .filter((indicator) => indicator.points.some((point) => numeric(point.plan) || numeric(point.actual)))
        .map(chart);
      if (charts.length)
        children.push(
          h(
            "div",
            { class: "prog-charts" },
            h("h4", { class: "prog-subtitle", text: "План и факт по годам" }),
            ...charts,
          ),
        );
      results.replaceChildren(...children);

      const years = view?.accepted ? view.report_years : [];
      const chosen = select.value;
      select.replaceChildren(...years.map((year) => h("option", { value: year, text: `${year} год` })));
      if (years.map(String).includes(chosen)) select.value = chosen;
      else if (years.length) select.value = String(years[years.length - 1]);
      select.disabled = years.length === 0;
      reportButton.disabled = years.length === 0;
      note.textContent = years.length
        ? ""
        : "Отчёт составляется за год, по которому введено хотя бы одно фактическое значение.";
    }

    // Plan against actual for one indicator: a line for each, the base value dashed.
    function chart(indicator) {
      const points = indicator.points;
      const values = [indicator.base, ...points.flatMap((point) => [point.plan, point.actual])].filter(
        (value) => typeof value === "number",
      );
      const top = Math.max(...values, 0) * 1.2 || 1;
      const width = 640;
      const height = 220;
      const left = 48;
      const right = 24;
      const plotTop = 24;
      const plotBottom = height - 34;
      const step = points.length > 1 ? (width - left - right) / (points.length - 1) : 0;
      const x = (index) => (points.length > 1 ? left + step * index : (left + width - right) / 2);
      const y = (value) => plotBottom - ((plotBottom - plotTop) * value) / top;
      const figure = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "calc-svg prog-svg", role: "img" });
      figure.append(svg("line", { x1: left, x2: width - right, y1: y(0), y2: y(0), class: "calc-svg__axisline" }));
      figure.append(svg("text", { x: left - 6, y: y(0) + 4, class: "calc-svg__axis", "text-anchor": "end" }, "0"));
      figure.append(
        svg("line", {
          x1: left,
          x2: width - right,
          y1: y(indicator.base),
          y2: y(indicator.base),
          class: "calc-svg__base",
        }),
      );
      figure.append(
        svg(
          "text",
          { x: width - right, y: y(indicator.base) - 5, class: "calc-svg__axis", "text-anchor": "end" },
          `X⁰ = ${indicator.base_shown}`,
        ),
      );
      for (const [key, css, shape] of [
        ["plan", "prog-svg__plan", "circle"],
        ["actual", "prog-svg__actual", "rect"],
      ]) {
        const line = points.map((point, index) => [point[key], index]).filter(([value]) => typeof value === "number");
        if (line.length > 1)
          figure.append(
            svg("polyline", {
              points: line.map(([value, index]) => `${x(index)},${y(value)}`).join(" "),
              class: `${css} prog-svg__line`,
            }),
          );
        for (const [value, index] of line) {
          if (shape === "circle") figure.append(svg("circle", { cx: x(index), cy: y(value), r: 4.5, class: css }));
          else figure.append(svg("rect", { x: x(index) - 4.5, y: y(value) - 4.5, width: 9, height: 9, class: css }));
          const label = key === "plan" ? points[index].plan_shown : points[index].actual_shown;
          figure.append(
            svg(
              "text",
              {
                x: x(index) + (key === "plan" ? -8 : 8),
                y: y(value) - 8,
                class: "calc-svg__value",
                "text-anchor": key === "plan" ? "end" : "start",
              },
              label,
            ),
          );
        }
      }
      points.forEach((point, index) => {
        figure.append(
          svg(
            "text",
            { x: x(index), y: height - 12, class: "calc-svg__label", "text-anchor": "middle" },
            String(point.year),
          ),
        );
      });
      const summary = points.map(
        (point) =>
          `${point.year}: план ${point.plan_shown}, факт ${point.actual_shown}${point.progress_shown ? `, Eᵢ ${point.progress_shown}` : ""}`,
      );
      figure.setAttribute(
        "aria-label",
        `${indicator.name}: базовое значение ${indicator.base_shown}; ${summary.join("; ")}`,
      );
      const legend = h(
        "p",
        { class: "calc-chart__legend" },
        h("span", { class: "prog-key prog-key--plan", text: "план" }),
        h("span", { class: "prog-key prog-key--actual", text: "факт" }),
        h("span", { class: "calc-chart__key calc-chart__key--base", text: "X⁰ — базовое значение" }),
      );
      return h(
        "figure",
        { class: "calc-chart prog-chart" },
        h("figcaption", { class: "calc-chart__title", text: indicator.name }),
        figure,
        legend,
      );
    }

    // -- checking with Python ------------------------------------------------------------------------

    let checking = false;
    let again = false;
    const check = async () => {
      if (!python.live) return;
      if (checking) {
        again = true;
        return;
      }
      checking = true;
      try {
        view = JSON.parse(await python.call("view_json", JSON.stringify(state)));
        showMessages();
        renderResults();
        if (!again) form.dataset.checked = "true";
      } catch (error) {
        console.warn("Программа: проверка не выполнена:", error);
      } finally {
        checking = false;
      }
      if (again) {
        again = false;
        check();
      }
    };
    let checkTimer = null;
    const checkSoon = () => {
      form.dataset.checked = "false";
      clearTimeout(checkTimer);
      checkTimer = setTimeout(check, 150);
    };

    const changed = (structural) => {
      if (structural) renderLists();
      saveSoon();
      checkSoon();
    };

    // -- documents and files -----------------------------------------------------------------------

    const fileStem = () => {
      const years = programmeYears();
      return years.length
        ? `programma-nulevoy-travmatizm-${years[0]}-${years[years.length - 1]}`
        : "programma-nulevoy-travmatizm";
    };

    const focusFirstProblem = () => {
      const invalid = form.querySelector('[aria-invalid="true"]');
      if (invalid) invalid.focus();
    };

    const makeDocument = async (fn, args, name, what) => {
      if (!python.live) {
        done.textContent = "Python ещё запускается: документ можно будет скачать через несколько секунд.";
        return;
      }
      done.textContent = `Формируется ${what}…`;
      try {
        const bytes = await python.call(fn, JSON.stringify(state), ...args);
        download(new Blob([bytes], { type: DOCX }), name);
        done.textContent = `Сохранён файл ${name}`;
      } catch (error) {
        await check();
        const first = view?.messages.find((item) => item.kind === "rejected");
        done.textContent = `Документ не сформирован: ${first ? first.text : error.message}`;
        focusFirstProblem();
      }
    };

    const openFile = async (input) => {
      const file = input.files?.[0];
      input.value = "";
      if (!file) return;
      let opened;
      try {
        opened = JSON.parse(await file.text());
      } catch (error) {
        done.textContent = `Файл «${file.name}» не открыт: это не JSON (${error.message}). Текущая программа не изменилась.`;
        return;
      }
      if (!opened || typeof opened !== "object" || Array.isArray(opened)) {
        done.textContent = `Файл «${file.name}» не открыт: в нём не программа (нужен объект JSON). Текущая программа не изменилась.`;
        return;
      }
      state = normalised(opened);
      view = null;
      renderAll();
      saveNow();
      checkSoon();
      done.textContent = `Открыт файл ${file.name}`;
    };

    // -- events --------------------------------------------------------------------------------------

    form.addEventListener("submit", (event) => event.preventDefault());
    form.addEventListener("input", (event) => {
      const target = event.target;
      if (!target.dataset || target.dataset.path === undefined || target.type === "file") return;
      setAt(state, parts(target.dataset.path), target.value);
      let structural = false;
      if (target.dataset.path.startsWith("years.")) structural = programmeYears().join(",") !== yearsKey;
      const match = /^indicators\.(\d+)\.name$/.exec(target.dataset.path);
      if (match) {
        const legend = form.querySelector(`[data-actual-name="${match[1]}"]`);
        if (legend)
          legend.textContent = `${Number(match[1]) + 1}. ${indicatorName(state.indicators[match[1]], Number(match[1]))}: фактические значения`;
      }
      changed(structural);
    });
    form.addEventListener("change", (event) => {
      const target = event.target;
      if (target.matches("[data-measure]")) {
        const number = Number(target.dataset.measure);
        if (!Array.isArray(state.measures)) state.measures = [];
        const index = measureIndex(number);
        if (target.checked && index < 0) {
          // Measures of the list stay in its order, before the organisation's own.
          const at = state.measures.findIndex(
            (m) => !m || !(Number(m.id) < number) || m.id === "" || m.id === undefined,
          );
          const entry = { id: number, deadline: "", executor: "", cost: "" };
          if (at < 0) state.measures.push(entry);
          else state.measures.splice(at, 0, entry);
        } else if (!target.checked && index >= 0) {
          state.measures.splice(index, 1);
        }
        changed(true);
        const box = form.querySelector(`[data-measure="${number}"]`);
        if (box) box.focus();
      } else if (target.matches('[data-action="open"]')) {
        openFile(target);
      } else if (target.matches("select[data-path]")) {
        setAt(state, parts(target.dataset.path), target.value);
        changed(false);
      }
    });
    form.addEventListener("click", (event) => {
      const target = event.target.closest("button[data-action]");
      if (!target) return;
      const action = target.dataset.action;
      const index = Number(target.dataset.index);
      const focusLast = (selector) => {
        const all = form.querySelectorAll(selector);
        if (all.length) all[all.length - 1].focus();
      };
      if (action === "retry") {
        python.start();
      } else if (action === "add-goal" || action === "add-task") {
        const key = action === "add-goal" ? "goals" : "tasks";
        if (!Array.isArray(state[key])) state[key] = [];
        state[key].push("");
        changed(true);
        focusLast(`[data-list="${key}"] textarea`);
      } else if (action === "remove-goals" || action === "remove-tasks") {
        state[action.slice(7)].splice(index, 1);
        changed(true);
      } else if (action === "add-preset") {
        const preset = form.querySelector("[data-add-preset]").value;
        if (!preset) return;
        state.indicators.push({ preset, base: "", plan: {}, actual: {} });
        changed(true);
        focusLast('[data-list="indicators"] input[data-path$=".base"]');
      } else if (action === "add-indicator") {
        if (!Array.isArray(state.indicators)) state.indicators = [];
        state.indicators.push({ name: "", method: "", better: "", base: "", plan: {}, actual: {} });
        changed(true);
        focusLast('[data-list="indicators"] input[data-path$=".name"]');
      } else if (action === "remove-indicator") {
        state.indicators.splice(index, 1);
        changed(true);
      } else if (action === "add-measure") {
        if (!Array.isArray(state.measures)) state.measures = [];
        state.measures.push({ text: "", section: "", deadline: "", executor: "", cost: "" });
        changed(true);
        focusLast('[data-list="own-measures"] textarea');
      } else if (action === "remove-measure") {
        state.measures.splice(index, 1);
        changed(true);
      } else if (action === "from-vision-zero") {
        const numbers = weakMeasures(visionZero()).filter((number) => measureIndex(number) < 0);
        for (const number of numbers) state.measures.push({ id: number, deadline: "", executor: "", cost: "" });
        state.measures.sort((a, b) => (Number(a?.id) || 1000) - (Number(b?.id) || 1000));
        changed(true);
        done.textContent = numbers.length
          ? `Отмечены мероприятия ${numbers.join(", ")}`
          : "Все мероприятия из самооценки уже отмечены";
      } else if (action === "document") {
        makeDocument("document", [], `${fileStem()}.docx`, "документ программы");
      } else if (action === "report") {
        const year = Number(form.querySelector("[data-report-year]").value);
        makeDocument("report", [year], `otsenka-programmy-nulevoy-travmatizm-${year}.docx`, "отчёт об оценке");
      } else if (action === "save") {
        saveNow();
        const name = `${fileStem()}.json`;
        download(new Blob([`${JSON.stringify(state, null, 2)}\n`], { type: "application/json" }), name);
        done.textContent = `Программа сохранена в файл ${name}`;
      } else if (action === "reset") {
        if (
          !window.confirm(
            "Начать программу заново? Всё введённое на этой странице будет удалено из браузера (сохранённые файлы не затрагиваются).",
          )
        )
          return;
        state = fresh();
        view = null;
        renderAll();
        saveNow();
        checkSoon();
        done.textContent = "Начата новая программа";
      }
    });

    // -- start -------------------------------------------------------------------------------------------

    const python = new Python(form, (status, detail) => {
      form.dataset.status = status;
      form.querySelector('[data-action="retry"]').hidden = status !== "error";
      if (status === "loading") {
        statusText.textContent =
          "Запускается Python в браузере. Заполнять программу можно уже сейчас: всё введённое сохраняется в этом браузере.";
      } else if (status === "live") {
        statusText.textContent = `Python ${detail} работает в браузере: программа проверяется при вводе, документы формируются на вашем компьютере.`;
        check();
      } else {
        statusText.textContent = `Не удалось запустить Python в браузере: ${detail}. Введённое не потеряно — оно хранится в этом браузере; сохраните программу в файл и получите документ из командной строки или повторите попытку.`;
      }
    });

    state = load() || fresh();
    renderAll();
    python.start();
    form.programme = { state: () => state, python };
  }

  for (const form of document.querySelectorAll("form[data-programme]")) setup(form);
})();
