"""Calculators in the browser, side by side with the floor (part of `make bench`).

Usage: python -m tests.bench.calculators [RUNS]   (default 5; medians are reported)

Measured in Debian's Chromium (headless, Playwright) on a site built from the fixture cards and
served by Python's http.server on 127.0.0.1 (no compression, like the simplest static hosting):

- the floor: a bare HTML page, generated into the built site, that boots the same Pyodide files
  on the main thread, installs the same calculators wheel and calls one function
  (``engine.run`` on the coefficients example) — the least any page can do to show a live result;
  also "boot only" (Pyodide and ``1 + 1``) to show what the calculators themselves add;
- the real coefficients page: time from navigation start to the first live result (the
  ``calculator-live`` performance mark), cold (a new browser context: empty caches, no service
  worker) and warm (the same context, reloaded);
- a recalculation: from the ``input`` event to the updated result in the DOM (performance marks);
- bytes sent by the server during a first visit (page, assets, Pyodide, wheel; counted by the
  server, so the service worker's own requests are included).

Targets (issue): within 10 % of the floor cold and warm; a recalculation under 16 ms; a first visit
under 15 MB uncompressed.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import statistics
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from build_tools.calculator_site.pyodide_assets import build_wheel, find_pyodide
from calculators.registry import get
from tests.sites import FIXTURE_CARDS, REPO, make_project, mkdocs_build

WORK = REPO / ".bench" / "calculators"
PAGE = "calculators/coefficients/"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"]

FLOOR_HTML = """<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>floor</title></head><body>
<p id="out">…</p>
<script type="module">
const indexURL = new URL("{index}", location.href).href;
const wheel = fetch(new URL("{wheel}", location.href)).then((response) => response.arrayBuffer());
const {{ loadPyodide }} = await import(indexURL + "pyodide.mjs");
let sitePackages;
const pyodide = await loadPyodide({{
  indexURL, lockFileURL: indexURL + "pyodide-lock.json",
  fsInit: async (FS, info) => {{ sitePackages = info.sitePackages; }},
}});
if ({calculators}) {{
  pyodide.unpackArchive(new Uint8Array(await wheel), "wheel", {{ extractDir: sitePackages }});
  pyodide.globals.set("raw_json", {raw});
  document.getElementById("out").textContent = pyodide.runPython(
    "import json\\nfrom calculators.engine import run\\nfrom calculators.registry import get\\n"
    + "json.dumps(run(get('coefficients'), json.loads(raw_json)).to_json())");
}} else {{
  document.getElementById("out").textContent = String(pyodide.runPython("1 + 1"));
}}
performance.mark("floor-result");
document.body.dataset.done = "true";
</script></body></html>
"""


class _CountingHandler(http.server.SimpleHTTPRequestHandler):
    counter: dict[str, Any]
    compressed: bool = False  # send a file's .br / .gz copy to a browser that accepts it

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        if self.compressed:
            path = self.translate_path(self.path)
            accepted = self.headers.get("Accept-Encoding", "")
            self.counter.setdefault("accept_encoding", set()).add(accepted)
            for suffix, encoding in ((".br", "br"), (".gz", "gzip")):
                if encoding in accepted and os.path.isfile(path + suffix):
                    # As nginx's gzip_static does: the copy, the original's type and date.
                    source = open(path + suffix, "rb")  # noqa: SIM115 - closed by the base class
                    self.send_response(200)
                    self.send_header("Content-Type", self.guess_type(path))
                    self.send_header("Content-Encoding", encoding)
                    self.send_header("Content-Length", str(os.fstat(source.fileno()).st_size))
                    self.send_header("Last-Modified", self.date_time_string(int(os.stat(path).st_mtime)))
                    self.send_header("Vary", "Accept-Encoding")
                    self.end_headers()
                    return source
        return super().send_head()

    def copyfile(self, source, outputfile) -> None:  # type: ignore[no-untyped-def]
        data = source.read()
        self.counter["bytes"] += len(data)
        self.counter.setdefault("paths", []).append((self.path, len(data)))
        outputfile.write(data)


@contextmanager
def serve_counting(directory: Path, *, compressed: bool = False) -> Iterator[tuple[str, dict[str, Any]]]:
    counter: dict[str, Any] = {"bytes": 0}
    attributes = {"counter": counter, "compressed": compressed}
    handler = functools.partial(type("Handler", (_CountingHandler,), attributes), directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", counter
    finally:
        server.shutdown()
        server.server_close()


def build_site() -> Path:
    shutil.rmtree(WORK, ignore_errors=True)
    project = make_project(WORK / "project", card_dir=FIXTURE_CARDS)
    result = mkdocs_build(project)
    if result.returncode != 0:
        raise SystemExit(f"сборка не удалась:\n{result.stderr[-3000:]}")
    site = project / "site"
    pyodide, wheel = find_pyodide(), build_wheel()
    raw = json.dumps(dict(get("coefficients").examples[0].inputs))
    for name, calculators in (("floor.html", "true"), ("floor-boot.html", "false")):
        index = f"assets/pyodide/{pyodide.version}/"
        html = FLOOR_HTML.format(index=index, wheel=wheel.site_path, calculators=calculators, raw=json.dumps(raw))
        (site / name).write_text(html, encoding="utf-8")
    return site


def _mark(page, name: str) -> float:  # type: ignore[no-untyped-def]
    return float(page.evaluate(f"performance.getEntriesByName({json.dumps(name)})[0].startTime"))


WASM_START_JS = """() => {
  const entry = performance.getEntriesByType("resource").find((e) => e.name.endsWith("pyodide.asm.wasm"));
  return entry ? entry.startTime : -1;
}"""


def _first_live(page, url: str, floor: str | None, wasm_starts: list[float] | None = None) -> float:  # type: ignore[no-untyped-def]
    """Milliseconds from navigation to the first live result; ``wasm_starts`` gets the moment the
    wasm's download began (the page's preload lets it start before the theme's scripts)."""
    if floor:
        page.goto(url + floor)
        page.wait_for_selector("body[data-done]", timeout=60000)
        result = _mark(page, "floor-result")
    else:
        page.goto(url + PAGE)
        page.wait_for_selector("form.calc[data-live]", timeout=60000)
        result = _mark(page, "calculator-live")
    if wasm_starts is not None:
        wasm_starts.append(float(page.evaluate(WASM_START_JS)))
    return result


RECALC_JS = """async (count) => {
  const form = document.querySelector("form.calc");
  const input = form.querySelector('[name="victims"]');
  const times = [];
  for (let i = 0; i < count; i += 1) {
    const rendered = new Promise((resolve) => form.addEventListener("calculator:rendered", resolve, { once: true }));
    input.value = String(2 + (i % 7));
    performance.mark("recalc-start");
    input.dispatchEvent(new Event("input", { bubbles: true }));
    await rendered;
    performance.mark("recalc-end");
    times.push(performance.measure("recalc", "recalc-start", "recalc-end").duration);
  }
  return times;
}"""


def measure(site: Path, runs: int) -> dict[str, object]:
    from playwright.sync_api import sync_playwright

    samples: dict[str, list[float]] = {key: [] for key in ("page_cold", "page_warm", "floor_cold", "floor_warm")}
    samples |= {"boot_cold": [], "boot_warm": []}
    recalc: list[float] = []
    wasm_start: dict[str, list[float]] = {"page": [], "floor": [], "boot": []}
    first_visit_bytes: list[int] = []
    with serve_counting(site) as (url, counter), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(runs):
            for key, floor in (("page", None), ("floor", "floor.html"), ("boot", "floor-boot.html")):
                context = browser.new_context()
                page = context.new_page()
                before = counter["bytes"]
                samples[f"{key}_cold"].append(_first_live(page, url, floor, wasm_start[key]))
                if key == "page":
                    page.wait_for_selector("form.calc[data-offline]", timeout=60000)
                    first_visit_bytes.append(counter["bytes"] - before)
                samples[f"{key}_warm"].append(_first_live(page, url, floor))
                if key == "page":
                    recalc.extend(page.evaluate(RECALC_JS, 40)[5:])  # the first few warm up the JIT
                context.close()
        browser.close()
    medians = {key: statistics.median(values) for key, values in samples.items()}
    compressed = first_visit_compressed(site)
    return {
        "date": date.today().isoformat(),
        "runs": runs,
        "ms": medians,
        "samples": samples,
        "recalc_ms": {"median": statistics.median(recalc), "p95": sorted(recalc)[int(len(recalc) * 0.95)]},
        "first_visit_bytes": statistics.median(first_visit_bytes),
        "first_visit_compressed": compressed,
        "wasm_start_ms": {key: statistics.median(values) for key, values in wasm_start.items()},
        "pyodide_bytes": find_pyodide().size,
        "wheel_bytes": len(build_wheel().content),
    }


def first_visit_compressed(site: Path) -> dict[str, Any]:
    """A first visit of the coefficients page (cold, until its files are stored for offline use)
    from a server that sends the .br / .gz copies the build wrote: bytes sent, the encodings
    Chromium accepted, how often the wasm was requested (once: the page's fetch takes the
    <head>'s preload), and what the same files weigh as brotli (what an HTTPS host sends)."""
    from playwright.sync_api import sync_playwright

    with serve_counting(site, compressed=True) as (url, counter), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context()
        page = context.new_page()
        page.goto(url + PAGE)
        page.wait_for_selector("form.calc[data-offline]", timeout=60000)
        context.close()
        browser.close()
    paths = [path for path, _ in counter["paths"]]
    as_brotli = 0
    for path in paths:
        file = site / path.split("?")[0].lstrip("/")
        file = file / "index.html" if file.is_dir() else file
        copy = file.with_name(file.name + ".br")
        as_brotli += (copy if copy.is_file() else file).stat().st_size
    return {
        "bytes": counter["bytes"],
        "accept_encoding": sorted(counter.get("accept_encoding", set())),
        "wasm_requests": sum(path.endswith("pyodide.asm.wasm") for path in paths),
        "as_brotli_bytes": as_brotli,
    }


def report(results: dict[str, object]) -> None:
    ms = results["ms"]
    assert isinstance(ms, dict)
    recalc = results["recalc_ms"]
    assert isinstance(recalc, dict)
    print(f"Калькуляторы в браузере, {results['date']}, медиана {results['runs']} прогонов (Chromium, 127.0.0.1):")
    print()
    print("| | холодный, мс | тёплый, мс |")
    print("|---|---|---|")
    for label, key in (
        ("страница «Коэффициенты травматизма»: первый живой результат", "page"),
        ("нижняя граница: Pyodide + пакет калькуляторов + один вызов", "floor"),
        ("для сравнения: только загрузка Pyodide", "boot"),
    ):
        print(f"| {label} | {ms[key + '_cold']:.0f} | {ms[key + '_warm']:.0f} |")
    cold, warm = ms["page_cold"] / ms["floor_cold"], ms["page_warm"] / ms["floor_warm"]
    print(f"| страница / граница (цель ≤ 1,10) | {cold:.2f} | {warm:.2f} |")
    # On a busy machine the medians of page and floor may come from different moments: the ratio
    # within each run (page and floor one after the other) is steadier.
    samples = results["samples"]
    assert isinstance(samples, dict)
    within = {
        kind: statistics.median(p / f for p, f in zip(samples[f"page_{kind}"], samples[f"floor_{kind}"], strict=True))
        for kind in ("cold", "warm")
    }
    print(f"| то же, медиана отношений в каждом прогоне | {within['cold']:.2f} | {within['warm']:.2f} |")
    print()
    starts = results["wasm_start_ms"]
    assert isinstance(starts, dict)
    print(
        f"Загрузка pyodide.asm.wasm начинается (холодный, медиана): страница {starts['page']:.0f} мс, "
        f"нижняя граница {starts['floor']:.0f} мс"
    )
    median, p95 = recalc["median"], recalc["p95"]
    print(f"Пересчёт после ввода: медиана {median:.1f} мс, 95-й процентиль {p95:.1f} мс (цель < 16 мс)")
    megabytes = float(results["first_visit_bytes"]) / 1e6  # type: ignore[arg-type]
    pyodide_mb = int(results["pyodide_bytes"]) / 1e6  # type: ignore[call-overload]
    wheel_kb = int(results["wheel_bytes"]) / 1e3  # type: ignore[call-overload]
    print(
        f"Первое посещение: {megabytes:.2f} МБ без сжатия (цель < 15 МБ); из них Pyodide {pyodide_mb:.2f} МБ, "
        f"пакет калькуляторов {wheel_kb:.0f} КБ"
    )
    compressed = results["first_visit_compressed"]
    assert isinstance(compressed, dict)
    print(
        f"Первое посещение со сжатыми копиями: отправлено {compressed['bytes'] / 1e6:.2f} МБ "
        f"(Accept-Encoding Chromium: {', '.join(compressed['accept_encoding'])}); те же файлы в Brotli — "
        f"{compressed['as_brotli_bytes'] / 1e6:.2f} МБ (цель ≤ 6 МБ); "
        f"запросов pyodide.asm.wasm: {compressed['wasm_requests']}"
    )
    (WORK / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")


def main(runs: int = 5) -> None:
    site = build_site()
    report(measure(site, runs))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
