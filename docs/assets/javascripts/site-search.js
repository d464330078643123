// Site search with Pagefind: a search box in the header of every page, results on the
// search page. Pagefind (and its index) is loaded only when the reader actually searches.
(() => {
  "use strict";

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
    const filterBox = root.querySelector(".site-search__filters");
    const results = root.querySelector(".site-search__results");
    const params = new URLSearchParams(location.search);
    const selected = new Map(); // filter name -> Set of values
    for (const [key, value] of params) {
      if (key === "q") continue;
      if (!selected.has(key)) selected.set(key, new Set());
      selected.get(key).add(value);
    }
    input.value = params.get("q") || "";
    let pagefind = null;
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
      if (!pagefind) {
        pagefind = await import(new URL("pagefind/pagefind.js", base).href);
        await pagefind.options({ baseUrl: base.pathname });
        // The cards are indexed in bundles of at most 1,200 pages (build_tools/search/pagefind.py),
        // each merged into the first; one search then looks through all of them.
        const manifest = new URL("pagefind/bundles.json", base);
        const bundles = await fetch(manifest).then((response) => (response.ok ? response.json() : []));
        for (const bundle of bundles) {
          await pagefind.mergeIndex(new URL(bundle, manifest).href);
        }
        // Filter counts come with search results only once the filter data is loaded.
        await pagefind.filters();
      }
      return pagefind;
    }

    function writeUrl(query) {
      const next = new URLSearchParams();
      if (query) next.set("q", query);
      for (const [name, values] of selected) for (const v of values) next.append(name, v);
      const text = next.toString();
      history.replaceState(null, "", text ? `?${text}` : location.pathname);
    }

    async function run() {
      const query = input.value.trim();
      const mine = ++generation;
      writeUrl(query);
      if (!query) {
        results.replaceChildren();
        filterBox.replaceChildren();
        status.textContent = "";
        return;
      }
      status.textContent = "Ищем…";
      let search;
      try {
        const engine = await load();
        const filters = {};
        for (const [name, values] of selected) if (values.size) filters[name] = { any: [...values] };
        search = await engine.search(query, { filters });
      } catch {
        status.textContent = "Поиск недоступен: не удалось загрузить поисковый индекс.";
        return;
      }
      if (mine !== generation || !search) return;
      const shown = search.results.slice(0, 20);
      const pages = await Promise.all(shown.map((result) => result.data()));
      if (mine !== generation) return;
      status.textContent = search.results.length
        ? `Найдено: ${search.results.length}${search.results.length > 20 ? " (показаны первые 20)" : ""}`
        : "Ничего не найдено. Попробуйте другие слова или уберите фильтры.";
      renderFilters(search.filters || {});
      results.replaceChildren(...pages.map(renderResult));
    }

    function renderFilters(available) {
      filterBox.replaceChildren();
      for (const [name, values] of Object.entries(available)) {
        const entries = Object.entries(values).filter(([value, count]) => count > 0 || selected.get(name)?.has(value));
        if (!entries.length) continue;
        const fieldset = document.createElement("fieldset");
        fieldset.className = "site-search__facet";
        const legend = document.createElement("legend");
        legend.textContent = name;
        fieldset.appendChild(legend);
        entries.sort(([a], [b]) => a.localeCompare(b, "ru"));
        for (const [value, count] of entries) {
          const label = document.createElement("label");
          const box = document.createElement("input");
          box.type = "checkbox";
          box.checked = !!selected.get(name)?.has(value);
          box.addEventListener("change", () => {
            if (!selected.has(name)) selected.set(name, new Set());
            if (box.checked) selected.get(name).add(value);
            else selected.get(name).delete(value);
            run();
          });
          label.append(box, ` ${value} `);
          const small = document.createElement("span");
          small.className = "catalogue-facet__count";
          small.textContent = count;
          label.appendChild(small);
          fieldset.appendChild(label);
        }
        filterBox.appendChild(fieldset);
      }
    }

    function renderResult(page) {
      const li = document.createElement("li");
      li.className = "site-search__result";
      const link = document.createElement("a");
      link.href = page.url;
      link.textContent = page.meta?.title || page.url;
      const heading = document.createElement("h2");
      heading.appendChild(link);
      const excerpt = document.createElement("p");
      // Pagefind marks matches with <mark>; everything else is inserted as text, never as HTML.
      page.excerpt.split(/(<mark>|<\/mark>)/).reduce((inMark, part) => {
        if (part === "<mark>") return true;
        if (part === "</mark>") return false;
        const text = decodeEntities(part);
        if (inMark) {
          const mark = document.createElement("mark");
          mark.textContent = text;
          excerpt.appendChild(mark);
        } else {
          excerpt.appendChild(document.createTextNode(text));
        }
        return inMark;
      }, false);
      li.append(heading, excerpt);
      return li;
    }

    function decodeEntities(text) {
      const area = document.createElement("textarea");
      area.innerHTML = text; // a textarea's content is never parsed as markup
      return area.value;
    }
  }
})();
