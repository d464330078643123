"""Pyodide and the calculator pages' files ship with .br and .gz copies a static host can send as
they are (issue 18): each copy unpacks to the very bytes beside it."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import brotli

from build_tools.site_build.precompressed import write_precompressed


def _unpacked(path: Path) -> bytes:
    data = path.read_bytes()
    return brotli.decompress(data) if path.suffix == ".br" else gzip.decompress(data)


def test_pyodide_the_wheel_and_the_calculator_scripts_ship_compressed(fixture_site: Path) -> None:
    pyodide = next((fixture_site / "assets" / "pyodide").iterdir())
    wheel = next((fixture_site / "assets" / "calculators").rglob("*.whl"))
    originals = [
        pyodide / "pyodide.asm.wasm",
        pyodide / "python_stdlib.zip",
        pyodide / "pyodide.asm.mjs",
        wheel,
        # The calculator page's modules (its 0.5 KB entry module is below MIN_SIZE and ships as it is).
        fixture_site / "assets" / "javascripts" / "calculator" / "page.mjs",
        fixture_site / "assets" / "javascripts" / "calculator" / "engine.mjs",
        fixture_site / "assets" / "javascripts" / "calculator-worker.mjs",
    ]
    for original in originals:
        for suffix in (".br", ".gz"):
            copy = original.with_name(original.name + suffix)
            assert copy.is_file(), copy
            assert _unpacked(copy) == original.read_bytes(), copy
    # What a first visit downloads of Pyodide, sent as brotli: under 6 MB (13.5 MB as it is).
    boot = [pyodide / name for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")]
    assert sum(path.with_name(path.name + ".br").stat().st_size for path in boot) < 6_000_000


def test_a_changed_file_is_compressed_anew_and_an_unchanged_one_comes_from_the_cache(tmp_path: Path) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    script = site / "assets" / "a.js"
    script.parent.mkdir(parents=True)
    script.write_text("const first = 1;\n" * 200, encoding="utf-8")
    (site / "small.js").write_text("x", encoding="utf-8")
    told: list[str] = []
    assert write_precompressed(site, ["assets/a.js", "small.js", "missing.js"], cache, told.append) == [
        "assets/a.js.br",
        "assets/a.js.gz",
    ]
    assert len(list(cache.glob("*.br"))) == 1
    # The wait is announced (the first build of a checkout compresses Pyodide: seconds), once.
    assert told == ["Сжимаются копии файлов калькуляторов для публикации (.br и .gz, 0,0 МБ): "
                    "это делается один раз для этой копии проекта и может занять до полуминуты…"]  # fmt: skip
    write_precompressed(site, ["assets/a.js"], cache, told.append)
    assert len(told) == 1

    script.write_text("const second = 2;\n" * 200, encoding="utf-8")
    write_precompressed(site, ["assets/a.js"], cache)
    assert _unpacked(site / "assets" / "a.js.br") == script.read_bytes()
    assert _unpacked(site / "assets" / "a.js.gz") == script.read_bytes()
    assert len(list(cache.glob("*.br"))) == 2

    # An entry in the cache is what is sent: a second build copies it instead of compressing.
    entry = next(path for path in cache.glob("*.gz") if gzip.decompress(path.read_bytes()) == script.read_bytes())
    entry.write_bytes(gzip.compress(b"from the cache", mtime=0))
    write_precompressed(site, ["assets/a.js"], cache)
    assert _unpacked(site / "assets" / "a.js.gz") == b"from the cache"


def test_a_calculator_page_asks_for_the_wasm_from_its_head_and_other_pages_do_not(fixture_site: Path) -> None:
    page = fixture_site / "calculators" / "coefficients" / "index.html"
    html = page.read_text(encoding="utf-8")
    head = html[: html.index("</head>")]
    match = re.search(r'<link rel="preload" href="([^"]+)" as="fetch" type="application/wasm" crossorigin>', head)
    assert match is not None
    assert head.index(match.group(0)) < head.index('<link rel="stylesheet"')  # before the theme's files
    assert (page.parent / match.group(1)).resolve().is_file()
    assert match.group(1).endswith("/pyodide.asm.wasm")
    for other in (fixture_site / "index.html", fixture_site / "catalogue" / "index.html"):
        assert 'rel="preload"' not in other.read_text(encoding="utf-8")
