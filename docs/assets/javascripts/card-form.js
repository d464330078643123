// «Предложить практику»: the card form (build_tools/contribution/card_form.py writes the form and its rules).
// - Checks every field with the command line's own messages (rules.messages, rules.fields[].empty, …).
// - Writes the card file: YAML front matter whose strings are JSON-quoted (valid YAML that the
//   Python loader reads back exactly), then the Markdown body. A draft with errors is written the
//   same way, marked «draft: true» (which the validator reports), and can be opened again.
// - Searches and checks ОКВЭД 2 in the classifier, fetched from its own file when first needed.
// - Keeps the draft in this browser's local storage; nothing is sent anywhere.
// - Text typed into the form only ever reaches the page as textContent.
(() => {
  "use strict";
  const form = document.querySelector("form[data-card-form]");
  const rulesElement = document.getElementById("card-form-rules");
  if (!form || !rulesElement) return;
  const rules = JSON.parse(rulesElement.textContent);
  const M = rules.messages;
  const NONE = rules.no_information;
  const STORAGE = "okhrana-praktiki:card-draft";
  const GITHUB_URL_LIMIT = 8000; // longer links are cut by browsers and servers
  const pattern = (source) => new RegExp(source, "u");
  const activityPattern = pattern(rules.patterns.activity);
  const urlPattern = pattern(rules.patterns.url);
  const datePattern = pattern(rules.patterns.date);
  const partialDatePattern = pattern(rules.patterns.partial_date);
  const freeTextPattern = pattern(rules.patterns.free_text);
  const okvedCodePattern = pattern(`^(?:${rules.patterns.okved_code})$`);
  const phonePattern = pattern(rules.patterns.phone);
  const emailPattern = pattern(rules.patterns.email);
  const rawHtmlPattern = pattern(rules.patterns.raw_html);
  const markdownLinkPattern = new RegExp(rules.patterns.markdown_link, "gu");
  const regionDash = new RegExp(rules.patterns.region_dash, "gu");
  // The validator's table of refused characters (build_tools/cards/characters.py), kind by kind.
  const forbiddenKinds = rules.characters.forbidden.map((item) => ({
    kind: item.kind,
    pattern: new RegExp(item.pattern, "u"),
  }));
  const anyForbidden = new RegExp(rules.characters.forbidden.map((item) => item.pattern).join("|"), "gu");
  const invisibleOnly = new RegExp(`^${rules.characters.invisible}+$`, "u");
  const maxInteger = BigInt(rules.max_integer);
  const fieldByPath = new Map(rules.fields.map((field) => [field.path, field]));
  // Fields whose messages are shown: those edited (not merely visited: a message appearing when a
  // field is left would move the page under the pointer), and all of them after a button.
  const touched = new Set();
  let showAll = false;

  // ---- small helpers ----------------------------------------------------------------------------

  const format = (template, values) => template.replace(/\{(\w+)\}/g, (_, key) => String(values[key]));
  const length = (text) => [...text].length; // Python counts characters, not UTF-16 units
  const show = (text) => {
    const chars = [...text];
    return `«${chars.length <= 60 ? text : `${chars.slice(0, 57).join("")}…`}»`;
  };
  const unique = (items) => [...new Set(items)];
  const control = (name) => form.elements.namedItem(name);
  const isPlainObject = (value) =>
    value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Num);
  const pad = (number) => String(number).padStart(2, "0");
  // regions._normalise: dashes between words as « — », spaces collapsed, case ignored.
  const normaliseName = (name) => name.trim().replace(regionDash, " — ").replace(/\s+/gu, " ").toLowerCase();
  // answers.is_no_information
  const isNoInformation = (value) =>
    typeof value === "string" &&
    value.split(/\s+/u).filter(Boolean).join(" ").replace(/\.$/, "").trim().toLowerCase() === NONE;

  // A number as the file will write it: the digits typed (normalised), never a float's rounding.
  class Num {
    constructor(text) {
      this.text = text;
    }
    valueOf() {
      return Number(this.text);
    }
  }

  // «1 800,50» → "1800.50"; "007" → "7". Anything else is not a number (null).
  function numberText(raw, integer) {
    const text = raw
      .trim()
      .replace(/(?<=\d)[\s\u00a0\u202f](?=\d)/gu, "")
      .replace(/^(-?\d+),(\d+)$/, "$1.$2");
    const match = (integer ? /^(-?)(\d+)$/ : /^(-?)(\d+)(\.\d+)?$/).exec(text);
    if (!match) return null;
    const digits = match[2].replace(/^0+(?=\d)/, "");
    const sign = digits === "0" && !match[3] ? "" : match[1];
    return `${sign}${digits}${match[3] || ""}`;
  }

  // ДД.ММ.ГГГГ → ГГГГ-ММ-ДД; anything else is kept as typed (the validator names what is wrong).
  function isoDate(text) {
    const match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
    return match ? `${match[3]}-${pad(match[2])}-${pad(match[1])}` : text;
  }

  // Also ММ.ГГГГ → ГГГГ-ММ; a year alone stays a year.
  function isoPartialDate(text) {
    const month = /^(\d{1,2})\.(\d{4})$/.exec(text);
    return month ? `${month[2]}-${pad(month[1])}` : isoDate(text);
  }

  function today() {
    const now = new Date();
    return new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()));
  }

  // ---- rows of a list of objects (co-organisers, sources, metrics) ------------------------------

  const rowsOf = (path) => [...form.querySelectorAll(`[data-row="${path}"]`)];

  function addRow(path) {
    const template = form.querySelector(`template[data-row-template="${path}"]`);
    const row = template.content.firstElementChild.cloneNode(true);
    form.querySelector(`[data-rows="${path}"]`).append(row);
    renumber(path);
    return row;
  }

  // Names, ids and references of a row follow its place: rows are numbered from 0 in the file.
  function renumber(path) {
    rowsOf(path).forEach((row, index) => {
      const old = row.dataset.index;
      const from = `${path}[${old}]`;
      const to = `${path}[${index}]`;
      const swap = (value) => value.split(from).join(to);
      for (const element of [row, ...row.querySelectorAll("*")]) {
        for (const attribute of ["name", "id", "for", "aria-describedby", "aria-controls", "data-messages-for"]) {
          const value = element.getAttribute(attribute);
          if (value?.includes(from)) element.setAttribute(attribute, swap(value));
        }
      }
      row.dataset.index = String(index);
      for (const number of row.querySelectorAll("[data-row-number]")) number.textContent = String(index + 1);
    });
  }

  // ---- the form's state -------------------------------------------------------------------------

  function read() {
    const values = { "#rows": {} };
    for (const element of form.elements) {
      if (!element.name || element.type === "file") continue;
      if (element.type === "checkbox" && element.hasAttribute("data-multi")) {
        values[element.name] = values[element.name] || [];
        if (element.checked) values[element.name].push(element.value);
      } else if (element.type === "checkbox") {
        values[element.name] = element.checked;
      } else {
        values[element.name] = element.value;
      }
    }
    for (const field of rules.fields) {
      if (field.kind === "repeat") values["#rows"][field.path] = rowsOf(field.path).length;
    }
    return values;
  }

  function write(values) {
    for (const field of rules.fields) {
      if (field.kind !== "repeat") continue;
      for (const row of rowsOf(field.path)) row.remove();
      const count = Number(values["#rows"]?.[field.path]) || 0;
      for (let index = 0; index < count; index++) addRow(field.path);
    }
    for (const element of form.elements) {
      if (!element.name || element.type === "file" || !(element.name in values)) continue;
      const value = values[element.name];
      if (element.type === "checkbox" && element.hasAttribute("data-multi")) {
        element.checked = Array.isArray(value) && value.includes(element.value);
      } else if (element.type === "checkbox") {
        element.checked = Boolean(value);
      } else {
        element.value = typeof value === "string" ? value : "";
      }
    }
    syncControls();
  }

  function isForeign(values) {
    return Boolean(values["country:foreign"]) && !rules.russia.includes((values.country || "").trim());
  }

  // What is shown and editable follows the answers: the foreign-practice switch, «нет сведений»,
  // a calculator indicator (which brings its own name and unit).
  function syncControls() {
    const values = read();
    const switchedOn = Boolean(values["country:foreign"]);
    const foreign = isForeign(values);
    for (const box of form.querySelectorAll("[data-shown-when]")) {
      const when = box.dataset.shownWhen;
      box.hidden = box.id === "card-country-box" ? !switchedOn : (when === "foreign") !== foreign;
    }
    for (const box of form.querySelectorAll("[data-none-for]")) {
      const path = box.dataset.noneFor;
      const field = fieldByPath.get(path);
      if (field.kind === "open") {
        for (const element of form.querySelectorAll(`[name="${path}"], [name="${path}:other"]`))
          element.disabled = box.checked;
      } else {
        control(path).readOnly = box.checked;
      }
    }
    for (const select of form.querySelectorAll("[data-indicator]")) {
      const row = select.closest("[data-row]");
      for (const part of row.querySelectorAll('[data-part="name"], [data-part="unit"]'))
        part.hidden = select.value !== "";
    }
  }

  function switchNoInformation(box) {
    const path = box.dataset.noneFor;
    if (fieldByPath.get(path).kind === "open") return;
    const text = control(path);
    const stash = control(`${path}:stash`);
    if (box.checked) {
      stash.value = text.value.trim() === NONE ? "" : text.value;
      text.value = NONE;
    } else {
      text.value = stash.value;
      stash.value = "";
    }
  }

  // The body as the file holds it: blank lines around it dropped, the first line's indent kept
  // (four spaces make a code block).
  const bodyText = (values) =>
    (values.body || "")
      .replace(/\r\n?/g, "\n")
      .replace(/^(?:[ \t]*\n)+/, "")
      .trimEnd();

  // ---- the card's data and every problem the command line would report ---------------------------

  function check(values) {
    const data = { schema_version: rules.schema_version };
    const problems = [];
    const rowMaps = {};
    const foreign = isForeign(values);
    const country = (values.country || "").trim();

    for (const field of rules.fields) {
      if (field.kind === "body") continue;
      const setTop = (value) => {
        const parts = field.path.split(".");
        let node = data;
        for (const part of parts.slice(0, -1)) {
          node[part] ||= {};
          node = node[part];
        }
        node[parts[parts.length - 1]] = value;
      };
      const error = (message, at = field.path) => problems.push({ path: at, message, warning: false });
      const context = makeContext(field, field.path, field.path, values, setTop, error, true);
      context.foreign = foreign;
      context.country = country;
      if (field.kind === "repeat") collectRows(field, context, rowMaps);
      else if (field.kind === "group") collectGroup(field, context);
      else KINDS[field.kind](field, context);
    }
    warnPersonalData(data, "", problems);
    warnBody(bodyText(values), problems);
    return { data, problems, rowMaps };
  }

  function makeContext(field, name, path, values, put, report, top) {
    const error = (message, at = path) => report(message, at);
    // checks.value_problems: whatever the field, a value may not hold a refused character, show
    // nothing, or be an integer a browser cannot keep exactly.
    const checkValue = (value, at) => {
      if (typeof value === "string") {
        const message = characterProblem(value);
        if (message) error(message, at);
        else if (value.trim() && invisibleOnly.test(value)) error(M.invisible_only, at);
      } else if (Array.isArray(value)) {
        value.forEach((item, index) => {
          checkValue(item, `${at}[${index}]`);
        });
      } else if (value instanceof Num && !value.text.includes(".")) {
        const exact = BigInt(value.text);
        if (exact > maxInteger || exact < -maxInteger) error(M.too_big_integer, at);
      }
    };
    return {
      name,
      path,
      values,
      put(value) {
        put(value);
        checkValue(value, path);
      },
      error,
      raw: () => values[name],
      // An empty required value: a top-level field is written empty (the validator calls it
      // empty); a part of a list item or of the cost is left out (the validator calls it missing).
      absent() {
        if (top) {
          put("");
          error(field.empty);
        } else {
          error(field.missing);
        }
      },
    };
  }

  const trimmed = (context) => String(context.raw() ?? "").trim();

  function collectText(field, context) {
    const raw = String(context.raw() ?? "");
    const text = (field.kind === "textarea" ? raw.replace(/\r\n/g, "\n") : raw).trim();
    if (!text) {
      if (field.required) context.absent();
      return;
    }
    context.put(text);
    if (field.min && length(text) < field.min)
      context.error(format(M.too_short, { length: length(text), limit: field.min }));
    if (field.max && length(text) > field.max)
      context.error(format(M.too_long, { length: length(text), limit: field.max }));
    if (field.path === "url" && !urlPattern.test(text)) context.error(M.patterns.url);
    if (field.kind === "okved") checkActivity(text, context.error);
  }

  function collectChoice(field, context) {
    const value = context.raw() || "";
    if (!value) {
      if (field.required) context.absent();
      return;
    }
    context.put(value);
  }

  function collectInteger(field, context) {
    const text = trimmed(context);
    if (!text) return;
    const digits = numberText(text, true);
    if (digits === null) {
      context.put(text);
      context.error(format(M.wrong_type, { expected: M.type_names.integer, shown: show(text) }));
      return;
    }
    const number = new Num(digits);
    context.put(number);
    if (field.kind === "year") {
      // The schema's 1000–9999, then the dates' own limits (checks._partial_date_problems).
      if (number < 1000 || number > 9999) context.error(format(M.year_digits, { shown: digits }));
      else checkPartialDate(digits, context.error);
    } else if (field.minimum !== null && number < field.minimum) {
      context.error(format(M.below_minimum, { limit: field.minimum }));
    }
  }

  function collectNumber(field, context) {
    const text = trimmed(context);
    if (!text) {
      if (field.required) context.absent();
      return;
    }
    const digits = numberText(text, false);
    if (digits === null) {
      context.put(text);
      context.error(format(M.wrong_type, { expected: M.type_names.number, shown: show(text) }));
      return;
    }
    const number = new Num(digits);
    context.put(number);
    if (field.minimum !== null && number < field.minimum)
      context.error(format(M.below_minimum, { limit: field.minimum }));
  }

  const KINDS = {
    text: collectText,
    textarea: collectText,
    okved: collectText,
    select: collectChoice,
    indicator: collectChoice,
    integer: collectInteger,
    year: collectInteger,
    number: collectNumber,
    period(_field, context) {
      const text = trimmed(context);
      if (text) context.put(text);
    },
    switch(_field, context) {
      context.put(Boolean(context.raw()));
    },
    date(field, context) {
      const text = trimmed(context);
      if (!text) {
        if (field.required) context.absent();
        return;
      }
      const iso = isoDate(text);
      context.put(iso);
      checkDate(iso, context.error);
    },
    partial_date(_field, context) {
      const text = trimmed(context);
      if (!text) return;
      const iso = isoPartialDate(text);
      context.put(iso);
      if (!partialDatePattern.test(iso)) context.error(M.partial_date);
      else checkPartialDate(iso, context.error);
    },
    country(field, context) {
      if (!context.values["country:foreign"]) return;
      const text = context.country;
      if (rules.russia.includes(text)) return; // Russia as the schema spells it: no country in the file
      context.put(text);
      if (!text) context.error(field.empty);
      else if (rules.russia_lookalikes.includes(normaliseName(text))) context.error(M.russia_spelling);
    },
    region(field, context) {
      if (!context.foreign) {
        collectChoice(field, context);
        return;
      }
      const text = String(context.values["region:foreign"] || "").trim();
      if (!text) return;
      context.put(text);
      // checks._place_problems: a subject of the Federation abroad, unless the country is Russia misspelt.
      const russiaMisspelt = rules.russia_lookalikes.includes(normaliseName(context.country));
      if (!russiaMisspelt && normaliseName(text) in rules.regions) {
        context.error(format(M.foreign_region, { region: text, country: context.country }));
      }
    },
    checks(field, context) {
      const raw = context.raw() || [];
      const list = field.path === "golden_rules" ? raw.map(Number) : raw;
      if (list.length || field.required) context.put(list);
      if (!list.length && field.required) context.error(field.empty);
    },
    open(field, context) {
      // Questions 9–11: the codes ticked, then «свой вариант» as written; or «нет сведений» alone.
      if (context.values[`${field.path}:none`]) {
        context.put(NONE);
        return;
      }
      const codes = context.raw() || [];
      const other = String(context.values[`${field.path}:other`] || "").trim();
      const list = unique(other ? [...codes, other] : codes);
      context.put(list);
      if (!list.length) {
        context.error(field.empty);
        return;
      }
      const index = list.indexOf(other);
      const known = field.options.some((option) => option.value === other);
      if (other && !known && !freeTextPattern.test(other)) {
        const options = field.options.map((option) => option.title).join("; ");
        context.error(
          format(M.unknown_free_answer, { shown: show(other), options, hint: M.codes_hint }),
          `${field.path}[${index}]`,
        );
      }
      if (list.length > 1 && list.some(isNoInformation)) context.error(M.no_information_alone);
    },
    words(_field, context) {
      const list = unique(
        String(context.raw() || "")
          .split(",")
          .map((item) => item.trim())
          .filter(Boolean),
      );
      if (list.length) context.put(list);
    },
  };

  const isBlank = (value) => value === undefined || value === "" || (typeof value === "string" && !value.trim());

  function collectParts(field, prefix, itemPath, context, item) {
    for (const part of field.items) {
      // A calculator indicator has its own name and unit: the form's are kept, not written.
      if ((part.path === "name" || part.path === "unit") && context.values[`${prefix}.indicator`]) continue;
      const name = `${prefix}.${part.path}`;
      const put = (value) => {
        item[part.path] = value;
      };
      KINDS[part.kind](
        part,
        makeContext(part, name, `${itemPath}.${part.path}`, context.values, put, context.error, false),
      );
    }
    if (field.which && !field.which_keys.some((key) => key in item)) context.error(field.which, itemPath);
  }

  function collectRows(field, context, rowMaps) {
    const items = [];
    const map = [];
    const count = context.values["#rows"]?.[field.path] || 0;
    for (let index = 0; index < count; index++) {
      const prefix = `${field.path}[${index}]`;
      // A row left empty is not an item (as a blank optional field is not a field).
      if (field.items.every((part) => isBlank(context.values[`${prefix}.${part.path}`]))) continue;
      const item = {};
      collectParts(field, prefix, `${field.path}[${items.length}]`, context, item);
      items.push(item);
      map.push(index);
    }
    rowMaps[field.path] = map;
    if (items.length) context.put(items);
  }

  function collectGroup(field, context) {
    if (field.items.every((part) => isBlank(context.values[`${field.path}.${part.path}`]))) return;
    const item = {};
    context.put(item);
    collectParts(field, field.path, field.path, context, item);
  }

  function checkDate(text, report) {
    if (!datePattern.test(text)) {
      report(M.patterns.date);
      return;
    }
    const [year, month, day] = text.split("-").map(Number);
    const date = new Date(Date.UTC(year, month - 1, day));
    if (year < 1 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
      report(format(M.no_such_date, { date: text }));
      return;
    }
    if (date > today()) report(format(M.future_date, { date: text }));
    else if (year < rules.earliest_year) report(format(M.early_date, { date: text }));
  }

  // checks._partial_date_problems for a well-shaped ГГГГ, ГГГГ-ММ or ГГГГ-ММ-ДД.
  function checkPartialDate(text, report) {
    const [year, month, day] = text.split("-").map(Number);
    if (month !== undefined && (month < 1 || month > 12)) {
      report(format(M.no_such_date, { date: text }));
      return;
    }
    const first = new Date(Date.UTC(year, (month || 1) - 1, day || 1));
    if (day !== undefined && (first.getUTCMonth() !== month - 1 || first.getUTCDate() !== day || year < 1)) {
      report(format(M.no_such_date, { date: text }));
      return;
    }
    first.setUTCFullYear(year); // years below 100 are not 19xx
    if (first > today()) report(format(M.future_date, { date: text }));
    else if (year < rules.earliest_partial_year) report(format(M.early_date, { date: text }));
  }

  function warnPersonalData(node, path, problems) {
    if (Array.isArray(node)) {
      node.forEach((item, index) => {
        warnPersonalData(item, `${path}[${index}]`, problems);
      });
    } else if (isPlainObject(node)) {
      for (const [key, value] of Object.entries(node)) warnPersonalData(value, path ? `${path}.${key}` : key, problems);
    } else if (typeof node === "string") {
      if (phonePattern.test(node)) problems.push({ path, message: M.phone, warning: true });
      if (emailPattern.test(node)) problems.push({ path, message: M.email, warning: true });
    }
  }

  // checks.body_warnings: line by line, outside fenced code; and the file's refused characters,
  // the first of each line (checks.file_text_problems).
  function warnBody(body, problems) {
    const warn = (message) => problems.push({ path: M.body_field, slot: "body", message, warning: true });
    for (const line of body.split("\n")) {
      const message = characterProblem(line);
      if (message) problems.push({ path: M.body_field, slot: "body", message, warning: false });
    }
    let inCode = false;
    for (const line of body.split("\n")) {
      if (/^\s*(```|~~~)/u.test(line)) {
        inCode = !inCode;
        continue;
      }
      if (inCode) continue;
      if (phonePattern.test(line)) warn(M.phone);
      if (emailPattern.test(line)) warn(M.email);
      if (rawHtmlPattern.test(line)) warn(M.raw_html);
      for (const match of line.matchAll(markdownLinkPattern)) {
        if (!["http", "https"].includes(match[1].toLowerCase())) warn(format(M.link_scheme, { scheme: match[1] }));
      }
    }
  }

  // The validator's message for the first refused character of the text, if any.
  function characterProblem(text) {
    let first = null;
    for (const { kind, pattern } of forbiddenKinds) {
      const match = pattern.exec(text);
      if (match && (!first || match.index < first.index)) first = { index: match.index, kind };
    }
    if (!first) return "";
    const code = `U+${text.codePointAt(first.index).toString(16).toUpperCase().padStart(4, "0")}`;
    return format(M.forbidden_character, { code, kind: first.kind });
  }

  // ---- ОКВЭД 2: the classifier, its search and the activity check --------------------------------

  const okved = { entries: null, byCode: null, failed: false, loading: null };
  const lookalikes = new Map(
    [...rules.okved.lookalike_latin].map((char, index) => [char, rules.okved.lookalike_cyrillic[index]]),
  );

  function loadClassifier() {
    if (!okved.loading) {
      okved.loading = fetch(rules.okved.url)
        .then((response) => (response.ok ? response.json() : Promise.reject(new Error(String(response.status)))))
        .then((entries) => {
          okved.entries = entries.map(([code, name]) => ({ code, name, comparable: comparable(name) }));
          okved.byCode = new Map(okved.entries.map((entry) => [entry.code, entry]));
        })
        .catch(() => {
          okved.failed = true;
        })
        .finally(() => {
          form.dataset.okved = okved.failed ? "failed" : "loaded";
          runSearch();
          update();
        });
    }
    return okved.loading;
  }

  // okved._comparable: case, spacing, «ё»/«е», Latin look-alike letters and a final full stop ignored.
  function comparable(name) {
    const text = name.trim().split(/\s+/u).join(" ").toLowerCase().replaceAll("ё", "е");
    return [...text]
      .map((char) => lookalikes.get(char) || char)
      .join("")
      .replace(/\.+$/, "");
  }

  const words = (text) => text.split(/[^\p{L}\p{N}_]+/u).filter(Boolean);

  // okved.search: a code prefix, or words that each start a word of the name (broader groupings first).
  function searchClassifier(query) {
    const text = query.trim();
    if (!text || !okved.entries) return [];
    let found;
    if (/^[0-9][0-9.]*$/.test(text)) {
      found = okved.entries.filter((entry) => entry.code.startsWith(text));
    } else {
      const terms = words(comparable(text));
      found = okved.entries.filter((entry) => {
        const nameWords = words(entry.comparable);
        return terms.every((term) => nameWords.some((word) => word.startsWith(term)));
      });
      found.sort((a, b) => a.code.length - b.code.length);
    }
    return found.slice(0, rules.okved.limit);
  }

  // okved.activity_problem, once the classifier is here (until then only the shape is checked).
  function checkActivity(text, report) {
    if (!activityPattern.test(text)) report(M.patterns.activity);
    const space = text.indexOf(" ");
    const code = space < 0 ? text : text.slice(0, space);
    const name =
      space < 0
        ? ""
        : text
            .slice(space + 1)
            .trim()
            .split(/\s+/u)
            .join(" ");
    if (!okvedCodePattern.test(code) || !okved.byCode) return;
    const entry = okved.byCode.get(code);
    if (!entry) {
      let parent = code;
      let nearest = "";
      while (parent.length > 2) {
        parent = parent.slice(0, -1).replace(/\.$/, "");
        const group = okved.byCode.get(parent);
        if (group) {
          nearest = format(M.nearest_group, { code: group.code, name: group.name });
          break;
        }
      }
      report(format(M.unknown_okved_code, { code, nearest }));
    } else if (name && comparable(name) !== entry.comparable) {
      report(format(M.wrong_okved_name, { code, name: entry.name }));
    }
  }

  const okvedQuery = form.querySelector("[data-okved-query]");
  const okvedResults = form.querySelector("[data-okved-results]");
  const okvedStatus = form.querySelector("[data-okved-status]");

  function runSearch() {
    if (!okvedQuery) return;
    const query = okvedQuery.value;
    if (!query.trim()) {
      okvedResults.replaceChildren();
      okvedStatus.textContent = "";
      return;
    }
    if (okved.failed) {
      okvedStatus.textContent = "Классификатор не загрузился: проверьте соединение и обновите страницу.";
      return;
    }
    if (!okved.entries) {
      okvedStatus.textContent = "Загрузка классификатора…";
      loadClassifier();
      return;
    }
    const found = searchClassifier(query);
    okvedResults.replaceChildren(
      ...found.map((entry) => {
        const item = document.createElement("li");
        const button = document.createElement("button");
        button.type = "button";
        button.className = "card-form__okved-choice";
        button.dataset.okvedCode = entry.code;
        const code = document.createElement("strong");
        code.textContent = entry.code;
        button.append(code, ` ${entry.name}`);
        item.append(button);
        return item;
      }),
    );
    okvedStatus.textContent = !found.length
      ? "Ничего не найдено: попробуйте начало слова или код."
      : found.length >= rules.okved.limit
        ? `Показаны первые ${found.length}: уточните запрос. Нажмите на строку, чтобы выбрать.`
        : `Найдено: ${found.length}. Нажмите на строку, чтобы выбрать.`;
  }

  // ---- the file -----------------------------------------------------------------------------------

  function slug(title) {
    const latin = [...title.toLowerCase()]
      .map((char) => (char in rules.translit ? rules.translit[char] : char))
      .join("");
    let result = "";
    const words = latin.match(/[a-z0-9]+/g) || [];
    for (const word of words) {
      const candidate = result ? `${result}-${word}` : word;
      if (candidate.length > rules.max_slug) break;
      result = candidate;
    }
    // A first word longer than a whole name is cut rather than lost (as translit.slugify does).
    return result || (words.length ? words[0].slice(0, rules.max_slug) : "");
  }

  // JSON strings and numbers are YAML scalars: nothing a contributor types can change the structure.
  // A refused character is written as a YAML escape, so the validator names the field it is in.
  const escapeCharacter = (char) => {
    const code = char.codePointAt(0);
    return code <= 0xffff ? `\\u${code.toString(16).padStart(4, "0")}` : `\\U${code.toString(16).padStart(8, "0")}`;
  };
  const scalar = (value) =>
    value instanceof Num ? value.text : JSON.stringify(value).replace(anyForbidden, escapeCharacter);

  function yaml(data, indent = "") {
    const lines = [];
    for (const [key, value] of Object.entries(data)) {
      if (isPlainObject(value)) {
        lines.push(`${indent}${key}:`, ...yaml(value, `${indent}  `));
      } else if (Array.isArray(value) && value.length && value.every(isPlainObject)) {
        lines.push(`${indent}${key}:`);
        for (const item of value) {
          yaml(item, `${indent}    `).forEach((line, index) => {
            lines.push(index ? line : `${indent}  - ${line.trimStart()}`);
          });
        }
      } else if (Array.isArray(value)) {
        lines.push(`${indent}${key}: [${value.map(scalar).join(", ")}]`);
      } else {
        lines.push(`${indent}${key}: ${scalar(value)}`);
      }
    }
    return lines;
  }

  function cardFile(values, data, draftErrors = null) {
    const body = bodyText(values);
    const head = [];
    if (draftErrors !== null) {
      head.push(
        `# Черновик из формы «Предложить практику»: ошибок — ${draftErrors}. Откройте его в форме («Открыть файл»)`,
        "# или исправьте здесь, затем удалите строку draft.",
        `${rules.draft_key}: true`,
      );
    }
    return `---\n${[...head, ...yaml(data)].join("\n")}\n---\n${body ? `\n${body}\n` : ""}`;
  }

  // A value as this form writes it: JSON, except that a refused character beyond U+FFFF is YAML's
  // \UXXXXXXXX (see escapeCharacter), which JSON spells as two \u escapes.
  const parseScalar = (text) =>
    JSON.parse(
      text.replace(/(?<!\\)((?:\\\\)*)\\U([0-9a-fA-F]{8})/g, (_, slashes, hex) => {
        const char = String.fromCodePoint(parseInt(hex, 16));
        return (
          slashes + [...char.split("")].map((unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, "0")}`).join("")
        );
      }),
    );

  // The front matter this form writes (JSON scalars, nested maps, lists of maps), read back.
  function parseOwnFile(text) {
    const lines = text.replace(/\r\n?/g, "\n").split("\n");
    if (lines[0] !== "---") throw new Error("no front matter");
    const end = lines.indexOf("---", 1);
    if (end < 0) throw new Error("no end of front matter");
    const data = {};
    let key = null;
    let item = null;
    for (const line of lines.slice(1, end)) {
      if (!line.trim() || line.trimStart().startsWith("#")) continue;
      const top = /^([A-Za-z_]\w*):(?: (.+))?$/.exec(line);
      const itemStart = /^ {2}- ([A-Za-z_]\w*): (.+)$/.exec(line);
      const itemPart = /^ {4}([A-Za-z_]\w*): (.+)$/.exec(line);
      const mapPart = /^ {2}([A-Za-z_]\w*): (.+)$/.exec(line);
      if (top) {
        key = top[1];
        item = null;
        data[key] = top[2] === undefined ? null : parseScalar(top[2]);
      } else if (itemStart && key) {
        if (!Array.isArray(data[key])) data[key] = [];
        item = { [itemStart[1]]: parseScalar(itemStart[2]) };
        data[key].push(item);
      } else if (itemPart && item) {
        item[itemPart[1]] = parseScalar(itemPart[2]);
      } else if (mapPart && key) {
        if (!isPlainObject(data[key])) data[key] = {};
        data[key][mapPart[1]] = parseScalar(mapPart[2]);
      } else {
        throw new Error(`unexpected line: ${line}`);
      }
    }
    const body = lines
      .slice(end + 1)
      .join("\n")
      .replace(/^\n/, "")
      .replace(/\n$/, "");
    return { data, body };
  }

  // The form's values for a card's data: the inverse of check().
  function valuesOf(data, body) {
    const values = { "#rows": {}, body };
    const text = (value) => (value === undefined || value === null ? "" : String(value));
    const get = (path) =>
      path.split(".").reduce((node, part) => (node && typeof node === "object" ? node[part] : undefined), data);
    const fill = (field, name, value) => {
      if (field.kind === "checks") values[name] = (value || []).map(String);
      else if (field.kind === "switch") values[name] = value === true;
      else if (field.kind === "words") values[name] = (value || []).join(", ");
      else values[name] = text(value);
    };
    for (const field of rules.fields) {
      const value = field.kind === "body" ? undefined : get(field.path);
      if (field.kind === "body") continue;
      if (field.kind === "country") {
        values["country:foreign"] = value !== undefined;
        values.country = text(value);
      } else if (field.kind === "region") {
        const foreign = data.country !== undefined && !rules.russia.includes(String(data.country).trim());
        values[foreign ? "region:foreign" : "region"] = text(value);
      } else if (field.kind === "open") {
        if (isNoInformation(value)) {
          values[`${field.path}:none`] = true;
          continue;
        }
        const items = Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)];
        const codes = field.options.map((option) => option.value);
        values[field.path] = items.filter((item) => codes.includes(item));
        values[`${field.path}:other`] = items.filter((item) => !codes.includes(item)).join("; ");
      } else if (field.kind === "repeat") {
        const items = Array.isArray(value) ? value : [];
        values["#rows"][field.path] = items.length;
        items.forEach((item, index) => {
          for (const part of field.items) fill(part, `${field.path}[${index}].${part.path}`, item?.[part.path]);
        });
      } else if (field.kind === "group") {
        for (const part of field.items) fill(part, `${field.path}.${part.path}`, value?.[part.path]);
      } else {
        fill(field, field.path, value);
        if (field.none && isNoInformation(value)) values[`${field.path}:none`] = true;
      }
    }
    return values;
  }

  // ---- the page -----------------------------------------------------------------------------------

  function slotFor(problem, rowMaps) {
    if (problem.slot) return document.getElementById(`card-${problem.slot}-messages`);
    // The file numbers the filled rows only; the form numbers every row.
    let name = problem.path.replace(/^(\w+)\[(\d+)\]/, (whole, group, index) =>
      rowMaps[group] && rowMaps[group][Number(index)] !== undefined
        ? `${group}[${rowMaps[group][Number(index)]}]`
        : whole,
    );
    while (name) {
      const slot = document.getElementById(`card-${name}-messages`);
      if (slot) return slot;
      const shorter = name.replace(/(\.[^.[\]]+|\[\d+\])$/, "");
      name = shorter === name ? "" : shorter;
    }
    return null;
  }

  function showProblems(problems, rowMaps) {
    const bySlot = new Map();
    for (const problem of problems) {
      const slot = slotFor(problem, rowMaps);
      if (!slot) continue;
      if (!bySlot.has(slot)) bySlot.set(slot, []);
      bySlot.get(slot).push(problem);
    }
    const shown = [];
    for (const slot of form.querySelectorAll("[data-messages-for]")) {
      const field = slot.closest("[data-path]").dataset.path;
      const items = showAll || touched.has(field) ? bySlot.get(slot) || [] : [];
      slot.replaceChildren(
        ...items.map((problem) => {
          const line = document.createElement("p");
          line.className = problem.warning ? "card-form__warning" : "card-form__error";
          line.dataset.path = problem.path;
          line.textContent = problem.warning ? `предупреждение: ${problem.message}` : problem.message;
          return line;
        }),
      );
      const invalid = items.some((problem) => !problem.warning);
      for (const element of form.querySelectorAll(`[aria-describedby~="${CSS.escape(slot.id)}"]`)) {
        if (!["INPUT", "SELECT", "TEXTAREA"].includes(element.tagName)) continue;
        if (invalid) element.setAttribute("aria-invalid", "true");
        else element.removeAttribute("aria-invalid");
      }
      for (const problem of items) if (!problem.warning) shown.push({ slot, problem });
    }
    return shown;
  }

  // The list of errors above the buttons: each a link to its field.
  function showSummary(shown) {
    const box = form.querySelector("[data-summary]");
    if (!shown.length) {
      box.replaceChildren();
      return;
    }
    const heading = document.createElement("p");
    heading.className = "card-form__summary-title";
    heading.textContent = `Ошибок: ${shown.length}. Исправьте их — или сохраните черновик, чтобы продолжить позже.`;
    const list = document.createElement("ul");
    for (const { slot, problem } of shown) {
      const target =
        form.querySelector(`[aria-describedby~="${CSS.escape(slot.id)}"]:is(input, select, textarea)`) ||
        slot.closest("[data-path]").querySelector("input, select, textarea");
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = target?.id ? `#${target.id}` : "#";
      link.textContent = `${labelOf(slot)}: ${problem.message}`;
      link.addEventListener("click", (event) => {
        if (!target) return;
        event.preventDefault();
        target.focus();
      });
      item.append(link);
      list.append(item);
    }
    box.replaceChildren(heading, list);
  }

  function labelOf(slot) {
    const wrapper = slot.closest("[data-path]");
    const field = fieldByPath.get(wrapper.dataset.path);
    const row = slot.closest("[data-row]");
    const part = slot.closest("[data-part]");
    let label = field.label;
    if (row) label += ` — ${field.item_label.toLowerCase()} ${Number(row.dataset.index) + 1}`;
    if (part) label += ` — ${field.items.find((item) => item.path === part.dataset.part).label}`;
    return label;
  }

  function optionTitle(field, value) {
    const option = field.options.find((item) => String(item.value) === String(value));
    return option ? option.title : String(value);
  }

  // The card as its page will show it (build_tools/site/templates/card.html.j2), with the site's classes.
  function preview(values, data) {
    const box = form.querySelector("[data-preview]");
    const make = (tag, className, text) => {
      const element = document.createElement(tag);
      if (className) element.className = className;
      if (text !== undefined) element.textContent = text;
      return element;
    };
    const heading = make("h3", "card-form__preview-title", data.title || "Название практики");
    const badges = make("p", "practice-badges");
    const badge = (text, modifier = "") => badges.append(make("span", `practice-badge${modifier}`, text));
    badge(
      data.example ? "Пример" : "Реальная практика",
      data.example ? " practice-badge--example" : " practice-badge--real",
    );
    for (const code of Array.isArray(data.category) ? data.category : [])
      badge(optionTitle(fieldByPath.get("category"), code), " practice-badge--category");
    const org = data.organization || {};
    if (org.sector) badge(optionTitle(fieldByPath.get("organization.sector"), org.sector));
    if (isForeign(values)) badge(`Зарубежный опыт: ${data.country || ""}`, " practice-badge--foreign");
    else if (data.region) badge(data.region);
    if (/^\d{4}/.test(data.date || "")) badge(data.date.slice(0, 4));

    const table = make("table", "practice-form");
    const tbody = make("tbody");
    table.append(tbody);
    const row = (number, label, cell) => {
      const tr = make("tr");
      const th = make("th");
      th.scope = "row";
      th.append(make("span", "", `${number}.`), ` ${label}`);
      const td = make("td");
      td.append(...cell);
      tr.append(th, td);
      tbody.append(tr);
    };
    const paragraphs = (text) =>
      String(text)
        .split("\n")
        .map((part) => part.trim())
        .filter(Boolean)
        .map((part) => make("p", "", part));
    const answer = (field, value) => {
      if (value === undefined || value === "" || (Array.isArray(value) && !value.length))
        return [make("p", "card-form__preview-empty", "—")];
      if (isNoInformation(value) || (Array.isArray(value) && value.length === 1 && isNoInformation(value[0]))) {
        return [make("p", "practice-no-information", NONE)];
      }
      if (field.kind === "open") {
        const items = (Array.isArray(value) ? value : [value]).map((item) => optionTitle(field, item));
        if (items.length === 1) return [make("p", "", items[0])];
        const list = make("ul");
        list.append(...items.map((item) => make("li", "", item)));
        return [list];
      }
      return paragraphs(value);
    };
    const activity = String(org.activity || "");
    const entry = okved.byCode ? okved.byCode.get(activity.split(" ")[0]) : null;
    // The classifier's name under the field: a bare code is written, and this is what it means.
    form.querySelector("[data-okved-name]").textContent = entry ? `По классификатору: ${entry.code} ${entry.name}` : "";
    const organization = [make("strong", "", org.name || "—")];
    if (org.sector) organization.push(make("br"), optionTitle(fieldByPath.get("organization.sector"), org.sector));
    if (activity)
      organization.push(
        make("br"),
        `Вид экономической деятельности: ${entry ? `${entry.code} ${entry.name}` : activity}`,
      );
    if (org.employees !== undefined)
      organization.push(
        make("br"),
        `Среднесписочная численность: ${org.employees instanceof Num ? org.employees.text : org.employees}`,
      );
    const coOrganizers = Array.isArray(data.co_organizers) ? data.co_organizers : [];
    if (coOrganizers.length) {
      const list = make("ul");
      list.append(
        ...coOrganizers.map((item) => make("li", "", item.role ? `${item.name} — ${item.role}` : item.name || "—")),
      );
      organization.push(make("p", "practice-co-organizers", `${rules.page_words.co_organizers}:`), list);
    }
    row(1, rules.organization_label, organization);
    for (const field of rules.fields) {
      if (!field.number || field.number === 1) continue;
      row(field.number, field.label, answer(field, data[field.path]));
    }

    const parts = [heading, badges, table];
    const body = bodyText(values);
    if (body) {
      parts.push(make("h4", "", "Подробное описание"));
      const rendered = make("div", "practice-body");
      rendered.dataset.previewBody = "";
      if (window.cardFormMarkdown) rendered.append(window.cardFormMarkdown.render(body, rules.markdown));
      else rendered.append(...paragraphs(body));
      parts.push(rendered);
    }
    const hasMetrics = Array.isArray(data.metrics) && data.metrics.length;
    if (hasMetrics || data.cost) parts.push(make("h4", "", "Результаты в цифрах"));
    if (hasMetrics) {
      // A wide table scrolls on a phone; the keyboard reaches it too.
      const scroll = make("div", "card-form__scroll");
      scroll.tabIndex = 0;
      scroll.setAttribute("role", "region");
      scroll.setAttribute("aria-label", "Результаты в цифрах");
      const metrics = make("table", "practice-metrics");
      const head = make("tr");
      for (const title of ["Показатель", "До внедрения", "После внедрения"]) head.append(make("th", "", title));
      const thead = make("thead");
      thead.append(head);
      const rows = make("tbody");
      const indicators = fieldByPath.get("metrics").items.find((item) => item.path === "indicator");
      for (const metric of data.metrics) {
        const tr = make("tr");
        const label = metric.indicator ? optionTitle(indicators, metric.indicator) : metric.name || "—";
        const value = (number, period) => `${entered(number)}${period ? ` (${period})` : ""}`;
        tr.append(
          make("td", "", metric.unit ? `${label}, ${metric.unit}` : label),
          make("td", "", value(metric.before, metric.period_before)),
          make("td", "", value(metric.after, metric.period_after)),
        );
        rows.append(tr);
      }
      metrics.append(thead, rows);
      scroll.append(metrics);
      parts.push(scroll);
    }
    if (data.cost) {
      const cost = data.cost;
      const amount = entered(cost.amount);
      const line = make("p", "practice-cost");
      line.append(make("strong", "", "Затраты на внедрение:"), ` ${amount} ${rules.page_words.rubles}`);
      if (cost.year !== undefined) line.append(` (${cost.year instanceof Num ? cost.year.text : cost.year} г.)`);
      if (cost.note) line.append(`: ${cost.note}`);
      parts.push(line);
    }
    if (Array.isArray(data.sources) && data.sources.length) {
      parts.push(make("h4", "", "Источники"));
      const list = make("ol", "practice-sources");
      for (const source of data.sources) {
        const item = make("li");
        item.append(source.title || source.url || "—");
        if (source.publisher) item.append(` — ${source.publisher}`);
        if (source.date) item.append(`, ${source.date}`);
        list.append(item);
      }
      parts.push(list);
    }
    box.replaceChildren(...parts);
  }

  // A typed number as the card page shows it (calculators.display.entered): decimal comma, a
  // minus sign, thousands grouped from five digits on.
  function entered(value) {
    if (!(value instanceof Num)) return value === undefined ? "—" : String(value);
    const [whole, fraction] = value.text.replace(/^-/, "").split(".");
    const grouped = whole.length <= 4 ? whole : whole.replace(/\B(?=(\d{3})+$)/g, "\u00a0");
    return `${value.text.startsWith("-") ? "−" : ""}${grouped}${fraction ? `,${fraction}` : ""}`;
  }

  function updateCounters(values) {
    for (const counter of form.querySelectorAll("[data-counter-for]")) {
      const field = fieldByPath.get(counter.dataset.counterFor);
      const count = length((values[field.path] || "").trim());
      counter.textContent = `Символов: ${count} из ${field.max}`;
      counter.classList.toggle("card-form__counter--over", count > field.max);
    }
  }

  let current = { file: "", name: "", errors: 0, values: {}, data: {} };

  function update() {
    const values = read();
    const { data, problems, rowMaps } = check(values);
    const shown = showProblems(problems, rowMaps);
    if (showAll) showSummary(shown);
    updateCounters(values);
    preview(values, data);
    const name = `practices/${slug(data.title || "") || "novaya-praktika"}.md`;
    const file = cardFile(values, data);
    const errors = problems.filter((problem) => !problem.warning).length;
    current = { file, name, errors, values, data };
    form.querySelector("[data-file-name]").textContent = name;
    form.querySelector("[data-file]").value = file;
    const github = form.querySelector('[data-action="github"]');
    if (github) {
      const url = `${rules.repo_url}/new/main?filename=${encodeURIComponent(name)}&value=${encodeURIComponent(file)}`;
      github.href = url.length <= GITHUB_URL_LIMIT ? url : `${rules.repo_url}/upload/main/practices`;
      github.dataset.tooLong = String(url.length > GITHUB_URL_LIMIT);
    }
    try {
      localStorage.setItem(STORAGE, JSON.stringify(values));
    } catch {
      /* storage full or disabled: the form still works */
    }
    return current;
  }

  function say(text) {
    form.querySelector("[data-status]").textContent = text;
  }

  // The file is handed out only when the command line would accept it. The classifier is waited
  // for when the card names an activity: its code and name are checked against it.
  // Counts finished checks (after a button): what tests and assistive scripts can wait for.
  const checked = () => {
    form.dataset.checks = String(Number(form.dataset.checks) + 1);
  };

  async function ready() {
    showAll = true;
    if (read()["organization.activity"].trim()) await loadClassifier();
    const { errors } = update();
    checked();
    if (!errors) return true;
    say(`Карточка не готова: ошибок — ${errors}. Они перечислены выше и показаны у полей; черновик можно сохранить.`);
    form.querySelector("[data-summary]").focus();
    return false;
  }

  function download(text, fileName) {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: "text/markdown;charset=utf-8" }));
    link.download = fileName;
    document.body.append(link);
    link.click();
    link.remove();
  }

  function touch(target) {
    const field = target.closest("[data-path]");
    if (field) touched.add(field.dataset.path);
    if (target.closest("[data-okved-search]") || target.name === "organization.activity") loadClassifier();
  }

  form.addEventListener("input", (event) => {
    if (event.target.matches("[data-okved-query]")) {
      runSearch();
      return;
    }
    if (event.target.matches("[data-open-file]")) return;
    touch(event.target);
    if (event.target.name === "country") syncControls();
    update();
  });
  form.addEventListener("change", (event) => {
    const target = event.target;
    if (target.matches("[data-none-for]")) switchNoInformation(target);
    if (target.matches("[data-none-for], [data-foreign-switch], [data-indicator]")) syncControls();
    if (target.matches("[data-open-file]")) openFile(target);
    else update();
  });
  form.addEventListener("focusin", (event) => {
    if (event.target.closest("[data-okved-search]") || event.target.name === "organization.activity") loadClassifier();
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("click", async (event) => {
    const choice = event.target.closest("[data-okved-code]");
    if (choice) {
      const entry = okved.byCode.get(choice.dataset.okvedCode);
      const activity = control("organization.activity");
      activity.value = `${entry.code} ${entry.name}`;
      touched.add("organization.activity");
      update();
      activity.focus();
      okvedStatus.textContent = `Выбрано: ${entry.code} ${entry.name}`;
      return;
    }
    const action = event.target.closest("[data-action]");
    if (!action) return;
    const kind = action.dataset.action;
    if (kind === "github") {
      // The link opens at once (a popup cannot wait); the errors, if any, are shown instead.
      showAll = true;
      const { errors } = update();
      if (errors) {
        event.preventDefault();
        ready();
      } else if (action.dataset.tooLong === "true") {
        say(
          "Текст слишком длинный для ссылки: скачайте файл и загрузите его на открывшейся странице GitHub (Add file → Upload files).",
        );
      }
      return;
    }
    event.preventDefault();
    if (kind === "add-row") {
      const row = addRow(action.dataset.path);
      touched.add(action.dataset.path);
      syncControls();
      update();
      row.querySelector("input, select, textarea").focus();
    } else if (kind === "remove-row") {
      const row = action.closest("[data-row]");
      const path = row.dataset.row;
      const index = Number(row.dataset.index);
      row.remove();
      renumber(path);
      touched.add(path);
      update();
      const rows = rowsOf(path);
      const next = rows[Math.min(index, rows.length - 1)];
      (next
        ? next.querySelector("input, select, textarea")
        : form.querySelector(`[data-action="add-row"][data-path="${path}"]`)
      ).focus();
      say(`Удалено. Осталось: ${rows.length}.`);
    } else if (kind === "clear") {
      localStorage.removeItem(STORAGE);
      resetForm();
      showAll = false;
      showSummary([]);
      form.querySelector("[data-draft-note]").hidden = true;
      update();
      say("Форма очищена, черновик удалён.");
    } else if (kind === "download" && (await ready())) {
      download(current.file, current.name.split("/").pop());
      say(`Файл ${current.name.split("/").pop()} скачан. Добавьте его в папку practices/ репозитория.`);
    } else if (kind === "copy" && (await ready())) {
      try {
        await navigator.clipboard.writeText(current.file);
        say("Текст карточки скопирован.");
      } catch {
        const area = form.querySelector("[data-file]");
        area.select();
        say("Текст выделен: скопируйте его (Ctrl+C).");
      }
    } else if (kind === "save-draft") {
      showAll = true;
      if (current.values["organization.activity"]?.trim()) await loadClassifier();
      const { values, data, errors } = update();
      const fileName = current.name.split("/").pop();
      download(cardFile(values, data, errors), fileName);
      say(
        errors
          ? `Черновик ${fileName} сохранён с ошибками (${errors}): он отмечен строкой draft, и каталог не примет его, пока ошибки не исправлены. Откройте его здесь кнопкой «Открыть файл».`
          : `Черновик ${fileName} сохранён; ошибок нет — для отправки скачайте карточку кнопкой «Скачать файл».`,
      );
      checked();
    }
  });

  // Every answer empty and every list without rows, as the page first comes.
  function resetForm() {
    form.reset();
    for (const field of rules.fields) if (field.kind === "repeat") for (const row of rowsOf(field.path)) row.remove();
    for (const stash of form.querySelectorAll('[name$=":stash"]')) stash.value = ""; // reset() leaves hidden inputs
    touched.clear();
    syncControls();
  }

  async function openFile(input) {
    const file = input.files?.[0];
    input.value = "";
    if (!file) return;
    let parsed;
    try {
      parsed = parseOwnFile(await file.text());
    } catch {
      say(
        `Файл ${file.name} не открыт: форма открывает только файлы, которые сама сохранила. Другие карточки правьте в текстовом редакторе.`,
      );
      checked();
      return;
    }
    resetForm();
    write(valuesOf(parsed.data, parsed.body));
    showAll = true;
    if (parsed.data.organization?.activity) loadClassifier();
    const { errors } = update();
    say(`Открыт файл ${file.name}${errors ? `: ошибок — ${errors}, они показаны у полей` : ""}.`);
    checked();
  }

  form.dataset.checks = "0";
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE) || "null");
    if (saved && typeof saved === "object") {
      write(saved);
      form.querySelector("[data-draft-note]").hidden = false;
      if (typeof saved["organization.activity"] === "string" && saved["organization.activity"].trim()) loadClassifier();
    }
  } catch {
    /* a broken draft is ignored */
  }
  syncControls();
  update();
})();
