// One calculator form going live: its state, its example, its edits and its buttons. The parts:
// dom.mjs (fields), state.mjs (URL or local storage), engine.mjs (Python in a worker), render.mjs
// and charts.mjs (results), export.mjs (copy, CSV), numbers.mjs (Python's number style).

import { addRow, collect, fill, markBlank, own, readField, renumber, rowsOf, setText, writeField } from "./dom.mjs";
import { Engine, keepForOffline } from "./engine.mjs";
import { copyText, download, exportRows, spreadsheetText } from "./export.mjs";
import { render } from "./render.mjs";
import { canonical, collectValues, restoredState, saveState } from "./state.mjs";

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
      render(form, view, data.number_style);
      stale(false);
      if (firstLive) {
        firstLive = false;
        performance.mark("calculator-live");
        form.dataset.live = "true";
        engine.markLive();
        keepForOffline(form, engine);
      }
    },
  });

  const updateYearLabels = () => {
    const year = form.querySelector('[data-field="reporting_year"] input');
    if (!year) return;
    const text = year.value.trim();
    const number = /^\d+$/.test(text) ? Number(text) : NaN;
    const [first, last] = data.years; // calculators.declarations.FIRST_YEAR, LAST_YEAR
    const valid = number >= first && number <= last;
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
    render(form, known ? data.view : data.waiting, data.number_style);
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
    markBlank(form);
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
        .map((row) => row.map((value) => spreadsheetText(value, data.csv)).join("\t"))
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
  markBlank(form);
  showBeforeLive(lastRaw);
  updateYearLabels();

  engine.start();
  form.calculatorEngine = engine;
}

export function setupAll() {
  for (const form of document.querySelectorAll("form.calc[data-calculator]")) setup(form);
}
