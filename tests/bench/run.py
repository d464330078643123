"""`make bench`: build speed, memory and size, side by side with a plain Material build and the floor.

Usage: python -m tests.bench.run [N …]   (default: 1000 5000); then search (tests/bench/search.py:
the index alone at 5,000, 10,000 and 100,000 cards, relevance on the repository's cards) and the
calculators in the browser (tests/bench/calculators.py).
Targets (issue 2): 1,000 cards within 2× the floor; 5,000 cards within 5.5× the 1,000-card time;
card pages under 25 KB; peak memory under 400 MB; `make serve` shows an edit within 2 s at 1,000.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from build_tools.search.index import FOLDER
from tests.bench import search
from tests.bench.generate import generate
from tests.bench.search import first_search
from tests.sites import REPO, make_project

WORK = REPO / ".bench"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}

_PLAIN_MATERIAL = """site_name: Plain Material
theme:
  name: material
  language: ru
  font: false
plugins:
  - search
"""


def measure(kind: str, project: Path) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, "-m", "tests.bench.measure", kind, str(project)],
        capture_output=True,
        text=True,
        env=ENV,
        check=False,
        cwd=REPO,
    )
    if result.returncode != 0:
        raise SystemExit(f"{kind} build failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def mean_page_size(site: Path) -> float:
    pages = list(site.glob("practices/*/index.html"))
    return sum(p.stat().st_size for p in pages) / max(len(pages), 1)


def plain_material_project(target: Path, cards: Path) -> Path:
    (target / "docs" / "practices").mkdir(parents=True, exist_ok=True)
    (target / "mkdocs.yml").write_text(_PLAIN_MATERIAL, encoding="utf-8")
    (target / "docs" / "index.md").write_text("# Plain\n", encoding="utf-8")
    for path in cards.glob("*.md"):
        shutil.copy(path, target / "docs" / "practices" / path.name)
    return target


def serve_edit_seconds(project: Path) -> float:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload", "--dirty"],
        cwd=project,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    card = sorted((project / "practices").glob("*.md"))[0]
    url = f"http://127.0.0.1:{port}/practices/{card.stem}/"
    try:
        _wait_for(url, lambda text: True, timeout=600)
        text = card.read_text(encoding="utf-8")
        marker = f"Правка {time.time_ns()}"
        started = time.perf_counter()
        card.write_text(text.replace('title: "', f'title: "{marker} ', 1), encoding="utf-8")
        _wait_for(url, lambda page: marker in page, timeout=120)
        return time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_for(url: str, ready, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if ready(response.read().decode("utf-8")):
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"timed out waiting for {url}")


def main(sizes: list[int]) -> None:
    rows = []
    for count in sizes:
        base = WORK / str(count)
        shutil.rmtree(base, ignore_errors=True)
        cards = generate(base / "cards", count)
        site_project = make_project(base / "site", card_dir=cards)
        ours = measure("site", site_project)
        floor = measure("floor", site_project)
        material_project = plain_material_project(base / "material", cards)
        material = measure("material", material_project)
        site, plain = site_project / "site", material_project / "site"
        rows.append(
            {
                "cards": count,
                "ours_s": ours["seconds"],
                "ours_mb": ours["peak_mb"],
                "material_s": material["seconds"],
                "material_mb": material["peak_mb"],
                "floor_s": floor["seconds"],
                "floor_mb": floor["peak_mb"],
                "ours_site_mb": folder_size(site) / 2**20,
                "material_site_mb": folder_size(plain) / 2**20,
                "ours_page_kb": mean_page_size(site) / 1024,
                "material_page_kb": mean_page_size(plain) / 1024,
                "material_index_mb": (plain / "search" / "search_index.json").stat().st_size / 2**20,
                "first_search_kb": first_search(site / FOLDER, site / search.ENGINE).total / 1024,
            }
        )
        if count == 1000:
            rows[-1]["serve_edit_s"] = serve_edit_seconds(site_project)
    report(rows)


def report(rows: list[dict[str, float]]) -> None:
    print(
        "| карточек | наш сайт, с | Material, с | нижняя граница, с | наш/граница "
        "| пик памяти, МБ: наш / Material / граница |"
    )
    print("|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['cards']} | {r['ours_s']:.1f} | {r['material_s']:.1f} | {r['floor_s']:.1f} | "
            f"{r['ours_s'] / r['floor_s']:.1f}× | {r['ours_mb']:.0f} / "
            f"{r['material_mb']:.0f} / {r['floor_mb']:.0f} |"
        )
    print()
    print(
        "| карточек | сайт наш / Material, МБ | страница карточки наш / Material, КБ | индекс Material (весь, при первом просмотре), МБ | первый поиск, КБ |"  # noqa: E501
    )
    print("|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['cards']} | {r['ours_site_mb']:.1f} / {r['material_site_mb']:.1f} | "
            f"{r['ours_page_kb']:.1f} / {r['material_page_kb']:.1f} | {r['material_index_mb']:.1f} | "
            f"{r['first_search_kb']:.0f} |"
        )
    by_count = {r["cards"]: r for r in rows}
    print()
    if 1000 in by_count and 5000 in by_count:
        print(f"5 000 / 1 000 карточек: {by_count[5000]['ours_s'] / by_count[1000]['ours_s']:.1f}× (цель ≤ 5,5×)")
    if 1000 in by_count:
        print(f"make serve, правка одной карточки при 1 000: {by_count[1000]['serve_edit_s']:.1f} с (цель ≤ 2 с)")
    (WORK / "results.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [1000, 5000])
    print()
    search.report(WORK, [5000, 10_000, 100_000])
    print()
    from tests.bench import calculators

    calculators.main()
