// Catalogue filters: facets with counts, combined filters, sorting, pages; state lives in the URL.
// Without this script the page is the first page of the list with links to the static list
// pages. The script loads its data in shards, only as the reader's choices ask for them
// (build_tools/site/catalogue_shards.py says what each file holds): index.json at once, a
// facet's positions when a filter is ticked, an order when another sort is chosen, and the
// entries of the page shown. While it loads, the results are aria-busy.
(() => {
  "use strict";

  const root = document.querySelector(".catalogue[data-catalogue]");
  if (!root) return;

  const panel = root.querySelector(".catalogue-panel");
  const form = root.querySelector(".catalogue-filters");
  const skip = root.querySelector(".catalogue-skip");
  const panelCounts = root.querySelectorAll(".catalogue-panel__count");
  const results = root.querySelector(".catalogue-results");
  const toolbar = root.querySelector(".catalogue-toolbar");
  const status = root.querySelector(".catalogue-status");
  const empty = root.querySelector(".catalogue-empty");
  const list = root.querySelector(".catalogue-list");
  const sortSelect = root.querySelector("select[name=sort]");
  const browse = root.querySelector(".catalogue-browse");
  const indexUrl = new URL(root.dataset.catalogue, location.href);
  const pageSize = Number(root.dataset.pageSize);
  const SORTS = ["date-desc", "date-asc", "title"];
  const ORDER_FILES = { "date-asc": "order-date-asc.json", title: "order-title.json" };

  // The page's own entries are the first page of the list, newest first: positions 0, 1, …
  const entries = new Map(Array.from(list.children, (li, position) => [position, li]));
  const files = new Map();
  let busy = 0;

  function load(name, asText) {
    const url = new URL(name, indexUrl).href;
    if (!files.has(url)) {
      const request = fetch(url).then((response) => {
        if (!response.ok) throw new Error(response.status);
        return asText ? response.text() : response.json();
      });
      // A failed request is tried again the next time it is needed.
      request.catch(() => files.delete(url));
      files.set(url, request);
    }
    return files.get(url);
  }

  function tracked(promise) {
    busy++;
    results.setAttribute("aria-busy", "true");
    return promise.finally(() => {
      busy--;
      if (busy === 0) results.removeAttribute("aria-busy");
    });
  }

  tracked(load("index.json"))
    .then(start)
    .catch(() => {
      // Without the data the static list stays as it is, with its page links: nothing is lost.
      status.textContent = "Фильтры недоступны: не удалось загрузить данные каталога.";
      toolbar.hidden = false;
    });

  // Positions of each value's cards, from the gaps the file stores.
  function positions(gapLists) {
    return gapLists.map((gaps) => {
      const result = new Int32Array(gaps.length);
      let position = 0;
      gaps.forEach((gap, i) => {
        position += gap;
        result[i] = position;
      });
      return result;
    });
  }

  function start(index) {
    const facets = index.facets;
    const total = index.total;
    const chunk = index.chunk;
    const postings = facets.map(() => null);
    let generation = 0;
    let rendering = Promise.resolve();
    let shownIds = () => Promise.resolve([]);

    const pager = document.createElement("nav");
    pager.className = "catalogue-pager catalogue-pager--live";
    pager.setAttribute("aria-label", "Страницы списка");
    const previous = pagerButton("← Предыдущая", -1);
    const pageStatus = document.createElement("span");
    pageStatus.className = "catalogue-pager__current";
    const next = pagerButton("Следующая →", 1);
    pager.append(previous, " ", pageStatus, " ", next);
    const staticPager = root.querySelector(".catalogue-pager");
    if (staticPager) staticPager.replaceWith(pager);
    else list.after(pager);

    function pagerButton(text, step) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "md-button catalogue-pager__step";
      button.textContent = text;
      button.addEventListener("click", () => {
        const state = stateFromForm();
        state.page = current.page + step;
        writeState(state);
        render(state).then(() => list.focus());
      });
      return button;
    }

    let current = readState();

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
      const page = Math.max(1, Number.parseInt(params.get("page"), 10) || 1);
      return { selected, sort, page };
    }

    function writeState(state) {
      const params = new URLSearchParams();
      facets.forEach((facet, f) => {
        for (const i of state.selected[f]) params.append(facet.id, facet.values[i]);
      });
      if (state.sort !== SORTS[0]) params.set("sort", state.sort);
      if (state.page > 1) params.set("page", String(state.page));
      const query = params.toString();
      history.replaceState(null, "", query ? `?${query}` : location.pathname);
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
      return { selected, sort: sortSelect.value, page: 1 };
    }

    function facetPostings(f) {
      if (postings[f]) return Promise.resolve(postings[f]);
      return load(`facet-${facets[f].id}.json`).then((gapLists) => {
        postings[f] = positions(gapLists);
        return postings[f];
      });
    }

    // Every facet's counts depend on every ticked filter: once one is ticked, all positions are needed.
    function dataFor(state) {
      const filtered = state.selected.some((values) => values.size > 0);
      const needed = [filtered ? Promise.all(facets.map((_, f) => facetPostings(f))) : Promise.resolve(null)];
      needed.push(state.sort in ORDER_FILES ? load(ORDER_FILES[state.sort]) : Promise.resolve(null));
      return Promise.all(needed);
    }

    // For each position, how many ticked facets it matches; a facet's counts ignore its own ticks,
    // so they say what ticking adds.
    function compute(state, all) {
      const ticked = [];
      state.selected.forEach((values, f) => {
        if (values.size > 0) ticked.push(f);
      });
      if (ticked.length === 0) {
        return { matches: null, counts: facets.map((facet) => facet.counts) };
      }
      const member = new Map();
      const matched = new Uint8Array(total);
      for (const f of ticked) {
        const inFacet = new Uint8Array(total);
        for (const i of state.selected[f]) {
          for (const position of all[f][i]) inFacet[position] = 1;
        }
        for (let position = 0; position < total; position++) matched[position] += inFacet[position];
        member.set(f, inFacet);
      }
      const k = ticked.length;
      const counts = facets.map((_facet, f) => {
        const own = member.get(f);
        return all[f].map((cards) => {
          let count = 0;
          for (const position of cards) {
            if (own ? matched[position] - own[position] === k - 1 : matched[position] === k) count++;
          }
          return count;
        });
      });
      return { matches: (position) => matched[position] === k, counts };
    }

    function visiblePositions(matches, order) {
      const visible = [];
      if (order) {
        for (const position of order) if (!matches || matches(position)) visible.push(position);
      } else {
        for (let position = 0; position < total; position++) if (!matches || matches(position)) visible.push(position);
      }
      return visible;
    }

    function entriesFor(shown) {
      const chunks = new Set(shown.filter((position) => !entries.has(position)).map((p) => Math.floor(p / chunk)));
      return Promise.all(
        Array.from(chunks, (c) =>
          load(`cards-${c}.html`, true).then((html) => {
            const template = document.createElement("template");
            template.innerHTML = html; // built with the site from the cards, escaped by the template
            Array.from(template.content.children).forEach((li, i) => {
              entries.set(c * chunk + i, li);
            });
          }),
        ),
      );
    }

    function render(state) {
      const mine = ++generation;
      rendering = tracked(
        dataFor(state).then(([all, order]) => {
          const { matches, counts } = compute(state, all);
          const visible = visiblePositions(matches, order);
          const pages = Math.max(1, Math.ceil(visible.length / pageSize));
          const page = Math.min(state.page, pages);
          const shown = visible.slice((page - 1) * pageSize, page * pageSize);
          return entriesFor(shown).then(() => {
            if (mine !== generation) return; // a later choice has been shown meanwhile
            current = { ...state, page };
            shownIds = () => chosen(visible);
            show(state, counts, shown, visible.length, page, pages);
          });
        }),
      ).catch(() => {
        status.textContent = "Не удалось загрузить данные каталога. Проверьте соединение и повторите.";
      });
      return rendering;
    }

    // The list the reader last asked for, once shown: a download clicked while a filter's data is
    // still loading holds the cards of that filter, not those of the list it replaces.
    function settled() {
      const mine = generation;
      return rendering.then(() => (mine === generation ? undefined : settled()));
    }

    function show(state, counts, shown, found, page, pages) {
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
      list.replaceChildren(...shown.map((position) => entries.get(position)));
      list.start = (page - 1) * pageSize + 1;
      sortSelect.value = state.sort;
      download.disabled = found === 0;
      status.textContent = found === total ? `Практик: ${total}` : `Найдено практик: ${found} из ${total}`;
      for (const count of panelCounts) count.textContent = found;
      empty.hidden = found > 0;
      pager.hidden = pages < 2;
      pageStatus.textContent = `Страница ${page} из ${pages}`;
      previous.disabled = page <= 1;
      next.disabled = page >= pages;
    }

    // The ids of the chosen cards in the order shown, and their years (which CSV files hold them).
    function chosen(visible) {
      const y = facets.findIndex((facet) => facet.id === "year");
      return Promise.all([load("ids.json"), facetPostings(y)]).then(([ids, years]) => {
        const yearOf = new Int32Array(total);
        years.forEach((cards, i) => {
          for (const position of cards) yearOf[position] = i;
        });
        const wanted = new Set(visible.map((position) => facets[y].values[yearOf[position]]));
        return { ids: visible.map((position) => ids[position]), years: wanted };
      });
    }

    function update() {
      const state = stateFromForm();
      writeState(state);
      render(state);
    }

    const download = downloadButton(() => settled().then(() => shownIds()));

    form.addEventListener("change", update);
    sortSelect.addEventListener("change", update);
    root.querySelector(".catalogue-reset").addEventListener("click", () => {
      form.reset();
      sortSelect.value = SORTS[0];
      update();
    });
    window.addEventListener("popstate", () => render(readState()));

    // Beside the list (wide screens) the filters are always open; on a phone they start
    // collapsed so the list comes first, and close again when the screen narrows.
    const wide = window.matchMedia("(min-width: 60em)");
    panel.open = wide.matches;
    wide.addEventListener("change", () => {
      panel.open = wide.matches;
    });

    panel.hidden = false;
    skip.hidden = false;
    toolbar.hidden = false;
    if (browse) browse.hidden = true; // the filter panel does what its links do
    root.classList.add("catalogue--live");
    return render(current);
  }

  // «Скачать выбранное (CSV)»: the rows of the chosen cards, cut from the per-year CSV files built
  // with the site (listed in data/downloads.json), so the columns and the text are exactly those
  // of the full downloads. Only the years of the chosen cards are fetched.
  function downloadButton(chosenIds) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-button catalogue-download";
    button.textContent = "Скачать выбранное (CSV)";
    toolbar.insertBefore(button, root.querySelector(".catalogue-reset"));
    button.addEventListener("click", () => {
      tracked(
        Promise.all([chosenIds(), load("../downloads.json")])
          .then(([chosen, listed]) => csvFor(chosen, listed))
          .then(([header, rows]) => saveCsv(header, rows)),
      ).catch(() => {
        status.textContent = "Не удалось скачать: нет данных каталога в CSV.";
      });
    });
    return button;
  }

  function csvFor({ ids, years }, listed) {
    // Per-year files (practices-2025.csv, practices-2025-2.csv …) hold every card once.
    const csvNames = listed
      .map((entry) => entry[0].split("/").pop())
      .filter((name) => {
        const match = /^practices-(\d{4})(-\d+)?\.csv$/.exec(name);
        return match !== null && years.has(match[1]);
      });
    return Promise.all(csvNames.map((name) => load(`../${name}`, true).then(csvRecords))).then((tables) => {
      const byId = new Map();
      for (const records of tables) {
        for (const record of records.slice(1)) byId.set(cardId(record), record);
      }
      const header = tables.length > 0 ? tables[0][0] : "";
      return [header, ids.filter((id) => byId.has(id)).map((id) => byId.get(id))];
    });
  }

  // The first field is the card id: a slug, never quoted, whatever the separator.
  function cardId(record) {
    const match = /^[a-z0-9-]+/.exec(record);
    return match ? match[0] : "";
  }

  // Records of an RFC 4180 file, each with its line end: a line break inside a quoted field
  // belongs to the field. A doubled quote ("") flips the state twice, which leaves it as it was.
  function csvRecords(text) {
    const records = [];
    let begin = 0;
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      if (text[i] === '"') quoted = !quoted;
      else if (text[i] === "\n" && !quoted) {
        records.push(text.slice(begin, i + 1));
        begin = i + 1;
      }
    }
    if (begin < text.length) records.push(text.slice(begin));
    return records;
  }

  function saveCsv(header, rows) {
    // The byte order mark tells spreadsheet programs the file is UTF-8 (Cyrillic).
    const blob = new Blob(["\ufeff", header, ...rows], { type: "text/csv;charset=utf-8" });
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
})();
