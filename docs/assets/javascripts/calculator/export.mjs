// Copy, CSV and print of a form's inputs and results (the rows Python wrote: view.rows).

import { controlsOf, own, readField, rowsOf } from "./dom.mjs";

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

export function exportRows(form, data) {
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

// The site exports' rules, handed over by Python with the page data (`csv`: the separator and the
// guard's characters, build_tools/exports/export_tabular.py): a value a spreadsheet would run as
// a formula («=HYPERLINK(…)» from a shared link) is kept as text by a leading apostrophe.
export function spreadsheetText(value, rules) {
  const text = String(value);
  return rules.formula_starts.some((start) => text.startsWith(start)) ? `'${text}` : text;
}

// As Python's csv.writer (QUOTE_MINIMAL, CRLF): quoted when the cell holds the separator, a quote
// or a line break; a byte order mark first, so that Excel reads UTF-8.
export function csvText(rows, rules) {
  const special = ['"', "\r", "\n", rules.separator];
  const cell = (value) => (special.some((mark) => value.includes(mark)) ? `"${value.replace(/"/g, '""')}"` : value);
  const line = (row) => row.map((value) => cell(spreadsheetText(value, rules))).join(rules.separator);
  return `\ufeff${rows.map(line).join("\r\n")}\r\n`;
}

export async function copyText(text) {
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

export function download(form, data) {
  const blob = new Blob([csvText(exportRows(form, data), data.csv)], { type: "text/csv;charset=utf-8" });
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = `${data.calculator}-${new Date().toISOString().slice(0, 10)}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}
