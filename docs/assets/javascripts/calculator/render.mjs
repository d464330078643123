// A result on the form: calculators.web.view() has written every figure for reading, so the text
// equals the build-time HTML; only what changed is touched (a recalculation must not make the
// browser lay out the page anew).

import { drawCharts } from "./charts.mjs";
import { controlsOf, locate, setText, slotOf } from "./dom.mjs";

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

export function render(form, view, style) {
  const outputs = view.outputs;
  const result = view.result;
  for (const element of form.querySelectorAll("output[data-output]")) {
    const item = outputs[element.dataset.output];
    if (!item) continue;
    setText(element, item.shown);
    const value = JSON.stringify(result[element.dataset.output] ?? null);
    if (element.dataset.value !== value) element.dataset.value = value;
  }
  for (const element of form.querySelectorAll("output[data-summary-of]")) {
    const item = outputs[element.dataset.summaryOf];
    if (item) setText(element, item.shown);
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
  drawCharts(form, view, style);
  form.calculatorView = view;
  form.dispatchEvent(new CustomEvent("calculator:rendered", { detail: { view } }));
}
