// The DOM of a calculator form (build_tools/site/templates/calculator_form.html.j2): every
// [data-field] holds one control named after the input; [data-table] holds [data-row] rows (cloned
// from <template data-template-for>); collect() turns the form into the raw JSON the Python
// calculator reads (text as typed: Python checks and parses it).

function owner(element) {
  return element.parentElement.closest("[data-row], [data-table], form");
}

export function own(container, selector) {
  return Array.from(container.querySelectorAll(selector)).filter((element) => owner(element) === container);
}

export function rowsOf(table) {
  const holder = own(table, "[data-rows]")[0];
  return holder ? Array.from(holder.children).filter((element) => element.matches("[data-row]")) : [];
}

export function controlsOf(field) {
  return Array.from(field.querySelectorAll("input, select")).filter((control) => control.name === field.dataset.field);
}

export function readField(field) {
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

export function writeField(field, value) {
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
export function collect(container) {
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

export function fill(container, values) {
  for (const field of own(container, "[data-field]")) writeField(field, values[field.dataset.field]);
  for (const table of own(container, "[data-table]")) {
    const rows = Array.isArray(values[table.dataset.table]) ? values[table.dataset.table] : [];
    for (const row of rowsOf(table)) row.remove();
    for (const rowValues of rows) fill(addRow(table), rowValues || {});
    renumber(table);
  }
}

export function addRow(table) {
  const template = table.closest("form").querySelector(`template[data-template-for="${table.dataset.table}"]`);
  const holder = own(table, "[data-rows]")[0];
  const row = template.content.firstElementChild.cloneNode(true);
  holder.append(row);
  return row;
}

export function renumber(table) {
  rowsOf(table).forEach((row, index) => {
    const number = own(row, "[data-row-number]")[0] || row.querySelector("[data-row-number]");
    if (number && number.closest("[data-row]") === row) number.textContent = String(index + 1);
  });
}

export function locate(form, parts) {
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

export function slotOf(element) {
  return Array.from(element.querySelectorAll("[data-message-slot]")).find(
    (slot) => slot.parentElement.closest("[data-field], [data-row], [data-table]") === element,
  );
}

export function setText(element, text) {
  if (element.textContent !== text) element.textContent = text;
}

// Text fields left empty carry data-blank: the printout leaves them out (calculators.css).
export function markBlank(form) {
  for (const field of form.querySelectorAll("[data-field]")) {
    const value = readField(field);
    const blank = typeof value === "string" && value.trim() === "" && controlsOf(field)[0]?.type === "text";
    if (field.hasAttribute("data-blank") !== blank) field.toggleAttribute("data-blank", blank);
  }
}
