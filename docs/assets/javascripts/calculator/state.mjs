// The form's state: in the URL (?victims=3&…; tables as JSON), or for data-store="local" in this
// browser's local storage only. Nothing is ever sent anywhere: Python runs here.

// The same JSON for the same values whatever order the fields were read in.
export function canonical(value) {
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

export function saveState(form, data, raw) {
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
export function collectValues(values) {
  const raw = {};
  for (const [key, value] of Object.entries(values)) {
    if (typeof value === "boolean") raw[key] = value;
    else if (Array.isArray(value)) raw[key] = value.map(collectValues);
    else if (String(value).trim() !== "") raw[key] = value;
  }
  return raw;
}

export function restoredState(form, data) {
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
