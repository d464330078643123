// Wide tables scroll inside their box; a keyboard can reach such a box only if it takes the focus
// (WCAG 2.1.1). Material wraps tables in .md-typeset__scrollwrap when the page starts; calculator
// forms have .calc-scroll, card pages .practice-scroll. A box wider than its content becomes a named region with tabindex="0"
// (arrow keys then scroll it); one that fits leaves the tab order, so it costs no extra Tab press.
(() => {
  "use strict";

  const SELECTOR = ".md-typeset__scrollwrap, .calc-scroll, .practice-scroll";

  function nameOf(box) {
    const caption = box.querySelector("caption");
    if (caption?.textContent.trim()) return caption.textContent.trim();
    // The nearest heading before the table names what it is about.
    let node = box;
    while (node && node !== document.body) {
      let previous = node.previousElementSibling;
      while (previous) {
        const heading = /^H[1-6]$/.test(previous.tagName)
          ? previous
          : previous.querySelector?.("h1, h2, h3, h4, h5, h6");
        if (heading) return heading.textContent.replace("¶", "").trim();
        previous = previous.previousElementSibling;
      }
      node = node.parentElement;
    }
    return "";
  }

  // Regions need distinct names: the second table under one heading is «… (2)».
  const used = new Map();

  function uniqueName(box) {
    const base = `Таблица${nameOf(box) ? `: ${nameOf(box)}` : ""}`;
    const count = (used.get(base) || 0) + 1;
    used.set(base, count);
    return count === 1 ? base : `${base} (${count})`;
  }

  function mark(box) {
    const scrolls = box.scrollWidth > box.clientWidth + 1;
    if (scrolls && !box.hasAttribute("data-scroll-region")) {
      box.setAttribute("data-scroll-region", "");
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.dataset.scrollName ||= uniqueName(box);
      box.setAttribute("aria-label", box.dataset.scrollName);
    } else if (!scrolls && box.hasAttribute("data-scroll-region")) {
      for (const name of ["data-scroll-region", "tabindex", "role", "aria-label"]) box.removeAttribute(name);
    }
  }

  // A box's overflow changes with the window (a phone turned sideways) and with its content
  // (calculator results filled in): both resize the box or its table.
  const observer =
    "ResizeObserver" in window
      ? new ResizeObserver((entries) => {
          for (const entry of entries) {
            const box = entry.target.closest(SELECTOR);
            if (box) mark(box);
          }
        })
      : null;
  const watched = new WeakSet();

  function scan() {
    document.querySelectorAll(SELECTOR).forEach((box) => {
      mark(box);
      if (observer && !watched.has(box)) {
        watched.add(box);
        observer.observe(box);
        if (box.firstElementChild) observer.observe(box.firstElementChild);
      }
    });
  }

  // Material's document$ emits once its components (the table wrappers among them) are in place.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(scan);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", scan);
  } else {
    scan();
  }
  window.addEventListener("load", scan);
})();
