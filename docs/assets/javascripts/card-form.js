// «Предложить практику»: the card form (build_tools/contribution/card_form.py writes the form and its rules).
// - Checks every field with the command line's own messages (rules.messages, rules.fields[].empty).
// - Writes the card file: YAML front matter whose strings are JSON-quoted (valid YAML that the
//   Python loader reads back exactly), then the Markdown body.
// - Keeps the draft in this browser's local storage; nothing is sent anywhere.
// - Text typed into the form only ever reaches the page as textContent.
(() => {
  "use strict";
  const form = document.querySelector("form[data-card-form]");
  const rulesElement = document.getElementById("card-form-rules");
  if (!form || !rulesElement) return;
  const rules = JSON.parse(rulesElement.textContent);
  const M = rules.messages;
  const STORAGE = "okhrana-praktiki:card-draft";
  const GITHUB_URL_LIMIT = 8000; // longer links are cut by browsers and servers
  const activityPattern = new RegExp(rules.patterns.activity, "u");
  const urlPattern = new RegExp(rules.patterns.url, "u");
  const okvedCodePattern = new RegExp(`^(?:${rules.patterns.okved_code})$`, "u");
  const phonePattern = new RegExp(rules.patterns.phone, "u");
  const emailPattern = new RegExp(rules.patterns.email, "u");
  // The validator's table of refused characters (build_tools/characters.py), kind by kind.
  const forbiddenKinds = rules.characters.forbidden.map((item) => ({
    kind: item.kind,
    pattern: new RegExp(item.pattern, "u"),
  }));
  const anyForbidden = new RegExp(rules.characters.forbidden.map((item) => item.pattern).join("|"), "gu");
  const invisibleOnly = new RegExp(`^${rules.characters.invisible}+$`, "u");
  const maxInteger = BigInt(rules.max_integer);
  const touched = new Set();
  let showAll = false;

  const format = (template, values) => template.replace(/\{(\w+)\}/g, (_, key) => String(values[key]));
  const length = (text) => [...text].length; // Python counts characters, not UTF-16 units
  const blank = (text) => text.trim() === "";
  const show = (text) => {
    const chars = [...text];
    return `«${chars.length <= 60 ? text : `${chars.slice(0, 57).join("")}…`}»`;
  };
  const unique = (items) => [...new Set(items)];
  const control = (path) => form.elements.namedItem(path);

  function read() {
    const values = {};
    for (const field of rules.fields) {
      if (field.kind === "checks") {
        values[field.path] = [...form.querySelectorAll(`input[name="${field.path}"]:checked`)].map((i) => i.value);
      } else {
        values[field.path] = control(field.path).value;
      }
    }
    return values;
  }

  function write(values) {
    for (const field of rules.fields) {
      const value = values[field.path];
      if (value === undefined) continue;
      if (field.kind === "checks") {
        for (const box of form.querySelectorAll(`input[name="${field.path}"]`)) box.checked = value.includes(box.value);
      } else {
        control(field.path).value = value;
      }
    }
  }

  // The card's data as the file will hold it, and every problem the command line would report.
  function check(values) {
    const data = { schema_version: rules.schema_version };
    const problems = [];
    const put = (path, value) => {
      const parts = path.split(".");
      let node = data;
      for (const part of parts.slice(0, -1)) {
        node[part] ||= {};
        node = node[part];
      }
      node[parts[parts.length - 1]] = value;
    };
    const error = (path, message) => problems.push({ path, message, warning: false });
    const checkCharacters = (path, text) => {
      const message = characterProblem(text);
      if (message) error(path, message);
      else if (!blank(text) && invisibleOnly.test(text)) error(path, M.invisible_only);
    };
    for (const field of rules.fields) {
      const raw = values[field.path];
      if (field.kind === "body") {
        const message = characterProblem(raw);
        if (message) error(field.path, message);
        continue;
      }
      if (field.kind === "checks") {
        const list = field.path === "golden_rules" ? raw.map(Number) : raw;
        if (list.length || field.required) put(field.path, list);
        if (!list.length && field.required) error(field.path, field.empty);
      } else if (field.kind === "words" || field.kind === "lines") {
        const separator = field.kind === "words" ? "," : "\n";
        const list = unique(
          raw
            .split(separator)
            .map((item) => item.trim())
            .filter(Boolean),
        );
        if (!list.length) continue;
        list.forEach((item, index) => {
          checkCharacters(field.kind === "lines" ? `${field.path}[${index}].url` : `${field.path}[${index}]`, item);
        });
        if (field.kind === "lines") {
          // Sources: one address a line, each a source with only its url.
          put(
            field.path,
            list.map((url) => ({ url })),
          );
          list.forEach((url, index) => {
            if (!urlPattern.test(url)) error(`${field.path}[${index}].url`, M.patterns.url);
          });
        } else {
          put(field.path, list);
        }
      } else if (field.kind === "integer") {
        const text = raw.trim();
        if (!text) continue;
        if (/^-?\d+$/.test(text)) {
          // Beyond 2^53 a JavaScript number is not the integer typed: the file gets the digits.
          const exact = BigInt(text);
          const safe = exact <= maxInteger && exact >= -maxInteger;
          put(field.path, safe ? Number(text) : exact);
          if (exact < 1n) error(field.path, format(M.below_minimum, { limit: 1 }));
          if (!safe) error(field.path, M.too_big_integer);
        } else {
          put(field.path, text);
          error(field.path, format(M.wrong_type, { expected: M.integer, shown: show(text) }));
        }
      } else {
        const text = field.kind === "textarea" ? raw.replace(/\r\n/g, "\n").trim() : raw.trim();
        if (!text && !field.required) continue;
        put(field.path, text);
        if (blank(text)) {
          error(field.path, field.empty);
          continue;
        }
        checkCharacters(field.path, text);
        if (field.min && length(text) < field.min)
          error(field.path, format(M.too_short, { length: length(text), limit: field.min }));
        if (field.max && length(text) > field.max)
          error(field.path, format(M.too_long, { length: length(text), limit: field.max }));
        if (field.kind === "date") checkDate(text, (message) => error(field.path, message));
        if (field.path === "organization.activity") checkActivity(text, (message) => error(field.path, message));
      }
    }
    warnPersonalData(data, "", problems);
    return { data, problems };
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

  function checkDate(text, report) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) {
      report(M.patterns.date);
      return;
    }
    const [year, month, day] = text.split("-").map(Number);
    const date = new Date(Date.UTC(year, month - 1, day));
    if (year < 1 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
      report(format(M.no_such_date, { date: text }));
      return;
    }
    const now = new Date();
    const today = new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()));
    if (date > today) report(format(M.future_date, { date: text }));
    else if (year < rules.earliest_year) report(format(M.early_date, { date: text }));
  }

  function checkActivity(text, report) {
    if (!activityPattern.test(text)) report(M.patterns.activity);
    // Only the classes are known here: a code of a missing class is reported as the validator does.
    const code = text.split(" ")[0];
    if (okvedCodePattern.test(code) && !rules.okved_classes.includes(code.slice(0, 2))) {
      report(format(M.unknown_okved_code, { code, nearest: "" }));
    }
  }

  function warnPersonalData(node, path, problems) {
    if (Array.isArray(node)) {
      node.forEach((item, index) => {
        warnPersonalData(item, `${path}[${index}]`, problems);
      });
    } else if (node && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) warnPersonalData(value, path ? `${path}.${key}` : key, problems);
    } else if (typeof node === "string") {
      if (phonePattern.test(node)) problems.push({ path, message: M.phone, warning: true });
      if (emailPattern.test(node)) problems.push({ path, message: M.email, warning: true });
    }
  }

  // ---- the file ---------------------------------------------------------------------------

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
  const scalar = (value) => (typeof value === "bigint" ? value.toString() : JSON.stringify(value));

  function yaml(data, indent = "") {
    const lines = [];
    for (const [key, value] of Object.entries(data)) {
      if (value && typeof value === "object" && !Array.isArray(value)) {
        lines.push(`${indent}${key}:`, yaml(value, `${indent}  `));
      } else {
        lines.push(`${indent}${key}: ${scalar(value).replace(anyForbidden, escapeCharacter)}`);
      }
    }
    return lines.join("\n");
  }

  function cardFile(values, data) {
    const body = values.body.replace(/\r\n/g, "\n").trim();
    return `---\n${yaml(data)}\n---\n${body ? `\n${body}\n` : ""}`;
  }

  // ---- the page ---------------------------------------------------------------------------

  function showProblems(problems) {
    const byPath = new Map();
    for (const problem of problems) {
      const field = problem.path.replace(/\[.*$/, ""); // golden_rules[1], sources[0].url → the field
      if (!byPath.has(field)) byPath.set(field, []);
      byPath.get(field).push(problem);
    }
    for (const slot of form.querySelectorAll("[data-messages-for]")) {
      const path = slot.dataset.messagesFor;
      const items = showAll || touched.has(path) ? byPath.get(path) || [] : [];
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
      for (const element of slot.closest("[data-path]").querySelectorAll("input, select, textarea")) {
        if (invalid) element.setAttribute("aria-invalid", "true");
        else element.removeAttribute("aria-invalid");
      }
    }
  }

  function labelOf(field, value) {
    const option = field.options.find((item) => String(item.value) === String(value));
    return option ? option.title : String(value);
  }

  function preview(values, data) {
    const box = form.querySelector("[data-preview]");
    const heading = document.createElement("h3");
    heading.textContent = data.title || "Название практики";
    const table = document.createElement("table");
    const rows = new Map();
    for (const field of rules.fields) {
      if (!field.number) continue;
      const value = field.path.split(".").reduce((node, part) => (node ? node[part] : undefined), data);
      if (value === undefined || value === "" || (Array.isArray(value) && !value.length)) continue;
      const text = Array.isArray(value) ? value.map((item) => labelOf(field, item)).join("; ") : labelOf(field, value);
      const key = field.number;
      if (!rows.has(key)) {
        const label = field.path.startsWith("organization.")
          ? "Сведения об организации, внедрившей передовой опыт"
          : field.label;
        rows.set(key, { label: `${key}. ${label}`, parts: [] });
      }
      rows.get(key).parts.push(text);
    }
    for (const { label, parts } of rows.values()) {
      const tr = table.insertRow();
      const th = document.createElement("th");
      th.textContent = label;
      const td = tr.insertCell();
      for (const part of parts) {
        const p = document.createElement("p");
        p.textContent = part;
        td.append(p);
      }
      tr.prepend(th);
    }
    const body = document.createElement("div");
    for (const paragraph of values.body.split(/\n\s*\n/).filter((text) => text.trim())) {
      const p = document.createElement("p");
      p.textContent = paragraph.trim();
      body.append(p);
    }
    box.replaceChildren(heading, table, body);
  }

  let current = { file: "", name: "", errors: 0 };

  function update() {
    const values = read();
    const { data, problems } = check(values);
    showProblems(problems);
    preview(values, data);
    const name = `practices/${slug(data.title || "") || "novaya-praktika"}.md`;
    const file = cardFile(values, data);
    const errors = problems.filter((problem) => !problem.warning).length;
    current = { file, name, errors };
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

  // The file is handed out only when the command line would accept it.
  function ready() {
    showAll = true;
    const { errors } = update();
    if (!errors) return true;
    say(`Карточка не готова: ошибок — ${errors}. Они показаны у полей.`);
    const first = form.querySelector('[aria-invalid="true"]');
    if (first) first.focus();
    return false;
  }

  form.addEventListener("input", (event) => {
    const field = event.target.closest("[data-path]");
    if (field) touched.add(field.dataset.path);
    update();
  });
  form.addEventListener("focusout", (event) => {
    const field = event.target.closest("[data-path]");
    if (field) {
      touched.add(field.dataset.path);
      update();
    }
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("click", async (event) => {
    const action = event.target.closest("[data-action]");
    if (!action) return;
    const kind = action.dataset.action;
    if (kind === "github") {
      if (!ready()) {
        event.preventDefault();
      } else if (action.dataset.tooLong === "true") {
        say(
          "Текст слишком длинный для ссылки: скачайте файл и загрузите его на открывшейся странице GitHub (Add file → Upload files).",
        );
      }
      return;
    }
    event.preventDefault();
    if (kind === "clear") {
      localStorage.removeItem(STORAGE);
      form.reset();
      touched.clear();
      showAll = false;
      form.querySelector("[data-draft-note]").hidden = true;
      update();
      say("Черновик удалён.");
    } else if (kind === "download" && ready()) {
      const link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([current.file], { type: "text/markdown;charset=utf-8" }));
      link.download = current.name.split("/").pop();
      document.body.append(link);
      link.click();
      link.remove();
      say(`Файл ${link.download} скачан. Добавьте его в папку practices/ репозитория.`);
    } else if (kind === "copy" && ready()) {
      try {
        await navigator.clipboard.writeText(current.file);
        say("Текст карточки скопирован.");
      } catch {
        const area = form.querySelector("[data-file]");
        area.select();
        say("Текст выделен: скопируйте его (Ctrl+C).");
      }
    }
  });

  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE) || "null");
    if (saved && typeof saved === "object") {
      write(saved);
      form.querySelector("[data-draft-note]").hidden = false;
    }
  } catch {
    /* a broken draft is ignored */
  }
  update();
})();
