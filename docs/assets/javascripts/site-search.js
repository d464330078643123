// Site search: a search box in the header of every page, results on the search page. The engine
// (search-engine.mjs) and the index it reads are loaded only when the reader actually searches.
(() => {
  "use strict";

  const PAGE_SIZE = 20;
  const config = JSON.parse(document.getElementById("__config")?.textContent || "{}");
  const base = new URL(`${config.base || "."}/`, location.href);
  const searchPage = new URL("search/", base);

  addHeaderBox();
  const root = document.querySelector("[data-site-search]");
  if (root) startSearchPage(root);

  function addHeaderBox() {
    const header = document.querySelector(".md-header__inner");
    if (!header || document.querySelector("[data-site-search]")) return;
    const form = document.createElement("form");
    form.className = "practices-header-search";
    form.setAttribute("role", "search");
    form.action = searchPage.href;
    const input = document.createElement("input");
    input.type = "search";
    input.name = "q";
    input.placeholder = "Поиск";
    input.setAttribute("aria-label", "Поиск по сайту");
    form.appendChild(input);
    const anchor = header.querySelector(".md-header__source") || null;
    header.insertBefore(form, anchor);
  }

  function startSearchPage(root) {
    const form = root.querySelector(".site-search__form");
    const input = root.querySelector(".site-search__input");
    const status = root.querySelector(".site-search__status");
    const suggestionBox = root.querySelector(".site-search__suggestion");
    const filterBox = root.querySelector(".site-search__filters");
    const groups = {
      practices: resultGroup(root.querySelector('[data-group="practices"]')),
      pages: resultGroup(root.querySelector('[data-group="pages"]')),
    };
    const params = new URLSearchParams(location.search);
    const selected = new Map(); // filter id -> Set of values
    for (const [key, value] of params) {
      if (key === "q") continue;
      if (!selected.has(key)) selected.set(key, new Set());
      selected.get(key).add(value);
    }
    input.value = params.get("q") || "";
    let engine = null;
    let generation = 0;
    let timer = 0;

    form.addEventListener("submit", (event) => {
      event.preventDefault();
      run();
    });
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(run, 250);
    });
    if (input.value.trim()) run();

    async function load() {
      if (!engine) {
        const module = await import(new URL("assets/javascripts/search-engine.mjs", base).href);
        engine = await module.openIndex(base);
      }
      return engine;
    }

    function writeUrl(query) {
      const next = new URLSearchParams();
      if (query) next.set("q", query);
      for (const [name, values] of selected) for (const v of values) next.append(name, v);
      const text = next.toString();
      history.replaceState(null, "", text ? `?${text}` : location.pathname);
    }

    function clear() {
      for (const group of Object.values(groups)) group.show([], null);
      filterBox.replaceChildren();
      suggestionBox.replaceChildren();
      suggestionBox.hidden = true;
    }

    async function run() {
      const query = input.value.trim();
      const mine = ++generation;
      writeUrl(query);
      if (!query) {
        clear();
        status.textContent = "";
        return;
      }
      status.textContent = "Ищем…";
      let index;
      let found;
      try {
        index = await load();
        found = await index.search(query, selected);
      } catch {
        if (mine === generation) status.textContent = "Поиск недоступен: не удалось загрузить поисковый индекс.";
        return;
      }
      if (mine !== generation) return;
      showSuggestion(found.suggestion);
      renderFilters(found.filters, found.practices.length > 0 || [...selected.values()].some((v) => v.size));
      const render = (doc) => renderResult(index, doc, found.terms);
      try {
        await Promise.all([groups.practices.show(found.practices, render), groups.pages.show(found.pages, render)]);
      } catch {
        if (mine === generation) status.textContent = "Поиск недоступен: не удалось загрузить результаты.";
        return;
      }
      // Announced once the results are on the page.
      if (mine === generation) status.textContent = statusText(found);
    }

    function statusText(found) {
      if (!found.words.length) {
        return "Уточните запрос: служебные слова («и», «по», «для» и подобные) ищутся только вместе с другими.";
      }
      const practices = found.practices.length;
      const pages = found.pages.length;
      if (!practices && !pages) return "Ничего не найдено. Попробуйте другие слова или уберите фильтры.";
      const parts = [`Найдено практик: ${practices}`];
      if (pages) parts.push(`страниц сайта: ${pages}`);
      const text = `${parts.join(", ")}.`;
      return found.partial ? `Нет результатов, где есть все слова запроса; показаны те, где есть часть. ${text}` : text;
    }

    function showSuggestion(suggestion) {
      suggestionBox.replaceChildren();
      suggestionBox.hidden = !suggestion;
      if (!suggestion) return;
      const link = document.createElement("a");
      const target = new URLSearchParams({ q: suggestion });
      link.href = `?${target}`;
      link.textContent = suggestion;
      link.addEventListener("click", (event) => {
        event.preventDefault();
        input.value = suggestion;
        run();
        input.focus();
      });
      suggestionBox.append("Возможно, вы искали: ", link, "?");
    }

    // A group of results (practices, the site's pages): its list grows by PAGE_SIZE with
    // «Показать ещё», and the focus moves to the first result added.
    function resultGroup(section) {
      const list = section.querySelector(".site-search__results");
      const count = section.querySelector(".site-search__count");
      const more = section.querySelector(".site-search__more");
      let docs = [];
      let render = null;
      let shown = 0;
      let token = 0;

      more.addEventListener("click", async () => {
        const first = await append();
        first?.querySelector("a")?.focus();
      });

      async function append() {
        const mine = token;
        const next = docs.slice(shown, shown + PAGE_SIZE);
        shown += next.length;
        const items = await Promise.all(next.map((doc) => render(doc)));
        if (mine !== token) return null;
        list.append(...items);
        const remaining = docs.length - shown;
        more.hidden = remaining <= 0;
        more.textContent = `Показать ещё (${Math.min(PAGE_SIZE, remaining)} из ${remaining})`;
        return items[0] || null;
      }

      return {
        async show(found, renderer) {
          token++;
          docs = found;
          render = renderer;
          shown = 0;
          list.replaceChildren();
          more.hidden = true;
          section.hidden = !found.length;
          count.textContent = found.length ? `(${found.length})` : "";
          if (found.length) await append();
        },
      };
    }

    async function renderResult(index, doc, terms) {
      const li = document.createElement("li");
      li.className = "site-search__result";
      const data = await index.document(doc);
      const link = document.createElement("a");
      link.href = new URL(data.u, base).href;
      appendPieces(link, index.highlight(data.t, terms));
      const heading = document.createElement("h3");
      heading.appendChild(link);
      const excerpt = document.createElement("p");
      appendPieces(excerpt, index.excerpt(data, terms));
      li.append(heading, excerpt);
      return li;
    }

    // Marked words as <mark>; everything is inserted as text, never as HTML.
    function appendPieces(element, pieces) {
      for (const [text, marked] of pieces) {
        if (marked) {
          const mark = document.createElement("mark");
          mark.textContent = text;
          element.appendChild(mark);
        } else {
          element.appendChild(document.createTextNode(text));
        }
      }
    }

    function renderFilters(filters, visible) {
      // The boxes are made anew: the one the reader just ticked keeps the focus.
      const focused = filterBox.contains(document.activeElement) ? document.activeElement : null;
      filterBox.replaceChildren();
      if (!visible) return;
      for (const filter of filters) {
        const values = filter.values.filter((value) => value.count > 0 || value.selected);
        if (!values.length) continue;
        const fieldset = document.createElement("fieldset");
        fieldset.className = "site-search__facet";
        const legend = document.createElement("legend");
        legend.textContent = filter.label;
        fieldset.appendChild(legend);
        for (const value of values) {
          const label = document.createElement("label");
          const box = document.createElement("input");
          box.type = "checkbox";
          box.name = filter.id;
          box.value = value.value;
          box.checked = value.selected;
          box.addEventListener("change", () => {
            if (!selected.has(filter.id)) selected.set(filter.id, new Set());
            if (box.checked) selected.get(filter.id).add(value.value);
            else selected.get(filter.id).delete(value.value);
            run();
          });
          label.append(box, ` ${value.label} `);
          const small = document.createElement("span");
          small.className = "catalogue-facet__count";
          small.textContent = value.count;
          label.appendChild(small);
          fieldset.appendChild(label);
          if (focused?.name === box.name && focused.value === box.value) queueMicrotask(() => box.focus());
        }
        filterBox.appendChild(fieldset);
      }
    }
  }
})();
