// Catalogue filters: facets with counts, combined filters, sorting; state lives in the URL.
// The page already lists every card (it works without JavaScript); this script only hides,
// shows and reorders the server-rendered entries, using the compact catalogue.json.
(() => {
  "use strict";

  const root = document.querySelector(".catalogue[data-catalogue]");
  if (!root) return;

  const panel = root.querySelector(".catalogue-panel");
  const form = root.querySelector(".catalogue-filters");
  const skip = root.querySelector(".catalogue-skip");
  const panelCounts = root.querySelectorAll(".catalogue-panel__count");
  const toolbar = root.querySelector(".catalogue-toolbar");
  const status = root.querySelector(".catalogue-status");
  const empty = root.querySelector(".catalogue-empty");
  const list = root.querySelector(".catalogue-list");
  const sortSelect = root.querySelector("select[name=sort]");
  const items = new Map(Array.from(list.children).map((li) => [li.dataset.id, li]));
  // Titles often start with «quotes»: sort by the words, not the punctuation.
  const collator = new Intl.Collator("ru", { ignorePunctuation: true });
  const SORTS = ["date-desc", "date-asc", "title"];

  fetch(root.dataset.catalogue)
    .then((response) => {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    })
    .then(start)
    .catch(() => {
      // Without the data the full list stays as it is: nothing is lost.
      status.textContent = "Фильтры недоступны: не удалось загрузить данные каталога.";
      toolbar.hidden = false;
    });

  // «Скачать выбранное (CSV)»: the rows of the visible cards, cut from the full CSV built with
  // the site (data/practices.csv, next to catalogue.json), so the columns and the text are
  // exactly those of the full download.
  function downloadButton() {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-button catalogue-download";
    button.textContent = "Скачать выбранное (CSV)";
    toolbar.insertBefore(button, root.querySelector(".catalogue-reset"));
    const csvUrl = new URL("practices.csv", new URL(root.dataset.catalogue, location.href));
    let records = null;
    button.addEventListener("click", () => {
      const ids = Array.from(list.querySelectorAll(":scope > li:not([hidden])"), (li) => li.dataset.id);
      records ||= fetchRecords(csvUrl);
      records
        .then((all) => saveCsv(all, ids))
        .catch(() => {
          records = null;
          status.textContent = "Не удалось скачать: нет данных каталога в CSV.";
        });
    });
    return button;
  }

  function fetchRecords(url) {
    return fetch(url)
      .then((response) => {
        if (!response.ok) throw new Error(response.status);
        return response.text(); // decoding as UTF-8 drops the byte order mark
      })
      .then(csvRecords);
  }

  // Records of an RFC 4180 file, each with its line end: a line break inside a quoted field
  // belongs to the field. A doubled quote ("") flips the state twice, which leaves it as it was.
  function csvRecords(text) {
    const records = [];
    let start = 0;
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      if (text[i] === '"') quoted = !quoted;
      else if (text[i] === "\n" && !quoted) {
        records.push(text.slice(start, i + 1));
        start = i + 1;
      }
    }
    if (start < text.length) records.push(text.slice(start));
    return records;
  }

  function saveCsv(records, ids) {
    // The first field is the card id: a slug (a–z, 0–9, hyphens), never quoted, so it is read
    // without knowing the separator (export_tabular.CSV_SEPARATOR).
    const byId = new Map(records.slice(1).map((record) => [(/^[a-z0-9-]*/.exec(record) || [""])[0], record]));
    const rows = ids.filter((id) => byId.has(id)).map((id) => byId.get(id));
    // The byte order mark tells spreadsheet programs the file is UTF-8 (Cyrillic).
    const blob = new Blob(["\ufeff", records[0], ...rows], { type: "text/csv;charset=utf-8" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = `practices-${today()}.csv`;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  function today() {
    const now = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  }

  function start(data) {
    const facets = data.facets;
    const cards = data.cards.filter((card) => items.has(card.id));

    function readState() {
      const params = new URLSearchParams(location.search);
      const selected = facets.map((facet) => {
        const wanted = new Set(params.getAll(facet.id));
        const indexes = new Set();
        facet.values.forEach((value, i) => {
          if (wanted.has(value)) indexes.add(i);
        });
        return indexes;
      });
      const sort = SORTS.includes(params.get("sort")) ? params.get("sort") : SORTS[0];
      return { selected, sort };
    }

    function writeState(state) {
      const params = new URLSearchParams();
      facets.forEach((facet, f) => {
        for (const i of state.selected[f]) params.append(facet.id, facet.values[i]);
      });
      if (state.sort !== SORTS[0]) params.set("sort", state.sort);
      const query = params.toString();
      history.replaceState(null, "", query ? `?${query}` : location.pathname);
    }

    function matches(card, selected, skip) {
      for (let f = 0; f < facets.length; f++) {
        if (f === skip || selected[f].size === 0) continue;
        if (!card.f[f].some((i) => selected[f].has(i))) return false;
      }
      return true;
    }

    function apply(state) {
      // Counts of a facet ignore that facet's own selection, so they say what ticking adds.
      const counts = facets.map((facet) => new Array(facet.values.length).fill(0));
      const visible = [];
      for (const card of cards) {
        if (matches(card, state.selected, -1)) visible.push(card);
        for (let f = 0; f < facets.length; f++) {
          if (matches(card, state.selected, f)) {
            for (const i of card.f[f]) counts[f][i]++;
          }
        }
      }
      form.querySelectorAll("fieldset[data-facet]").forEach((fieldset) => {
        const f = facets.findIndex((facet) => facet.id === fieldset.dataset.facet);
        fieldset.querySelectorAll("input[type=checkbox]").forEach((input) => {
          const i = facets[f].values.indexOf(input.value);
          input.checked = state.selected[f].has(i);
          const count = i < 0 ? 0 : counts[f][i];
          const label = input.closest("label");
          label.querySelector(".catalogue-facet__count").textContent = count;
          label.classList.toggle("catalogue-facet__option--empty", count === 0 && !input.checked);
        });
      });
      sortCards(visible, state.sort);
      const shown = new Set(visible.map((card) => card.id));
      const fragment = document.createDocumentFragment();
      for (const card of visible) fragment.appendChild(items.get(card.id));
      for (const [id, li] of items) {
        li.hidden = !shown.has(id);
        if (li.hidden) fragment.appendChild(li);
      }
      list.appendChild(fragment);
      sortSelect.value = state.sort;
      download.disabled = visible.length === 0;
      status.textContent =
        visible.length === cards.length
          ? `Практик: ${cards.length}`
          : `Найдено практик: ${visible.length} из ${cards.length}`;
      for (const count of panelCounts) count.textContent = visible.length;
      empty.hidden = visible.length > 0;
    }

    function sortCards(visible, sort) {
      if (sort === "title") {
        visible.sort((a, b) => collator.compare(a.title, b.title));
      } else {
        const direction = sort === "date-asc" ? 1 : -1;
        visible.sort((a, b) => direction * a.date.localeCompare(b.date) || collator.compare(a.title, b.title));
      }
    }

    function stateFromForm() {
      const selected = facets.map((facet) => {
        const indexes = new Set();
        form.querySelectorAll(`input[name="${facet.id}"]:checked`).forEach((input) => {
          const i = facet.values.indexOf(input.value);
          if (i >= 0) indexes.add(i);
        });
        return indexes;
      });
      return { selected, sort: sortSelect.value };
    }

    function update() {
      const state = stateFromForm();
      writeState(state);
      apply(state);
    }

    const download = downloadButton();

    form.addEventListener("change", update);
    sortSelect.addEventListener("change", update);
    root.querySelector(".catalogue-reset").addEventListener("click", () => {
      form.reset();
      sortSelect.value = SORTS[0];
      update();
    });
    window.addEventListener("popstate", () => apply(readState()));

    // Beside the list (wide screens) the filters are always open; on a phone they start
    // collapsed so the list comes first, and close again when the screen narrows.
    const wide = window.matchMedia("(min-width: 60em)");
    panel.open = wide.matches;
    wide.addEventListener("change", () => (panel.open = wide.matches));

    panel.hidden = false;
    skip.hidden = false;
    toolbar.hidden = false;
    root.classList.add("catalogue--live");
    apply(readState());
  }
})();
