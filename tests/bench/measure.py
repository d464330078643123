"""Run one build in this process and print its wall time, CPU time and peak memory as JSON.

Usage: python -m tests.bench.measure (site|material|floor|hugo) PROJECT_DIR

The CPU time is that of every process of the build (this one and the children it waited for:
the search-index and open-data writers, Hugo), so a build that uses both cores is not flattered by
its wall time.
"""

from __future__ import annotations

import html
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any


def _site(project: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.chdir(project)
    # As `make build` runs it: in place (--dirty), which the plugin learns at start-up.
    config = load_config(str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=True)
    try:
        build(config, dirty=True)
    finally:
        config.plugins.on_shutdown()


def _material(project: Path) -> None:
    _site(project)


def _floor(project: Path) -> None:
    """The least any generator must do with these files: libyaml reads the front matter (as the
    site does), Python-Markdown converts the body, and every text of the front matter is escaped
    into the page. No theme, no search, no exports."""
    import markdown
    import yaml

    out = project / "floor-site"
    out.mkdir(exist_ok=True)
    md = markdown.Markdown(extensions=["tables"])
    for path in sorted((project / "practices").glob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        data = yaml.load(front, Loader=yaml.CSafeLoader)
        md.reset()
        texts = "".join(f"<p>{html.escape(text)}</p>" for text in _texts(data))
        page = f"<h1>{html.escape(str(data['title']))}</h1>{texts}{md.convert(body)}"
        (out / f"{path.stem}.html").write_text(page, encoding="utf-8")


def _texts(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [text for item in value.values() for text in _texts(item)]
    if isinstance(value, list):
        return [text for item in value for text in _texts(item)]
    return [str(value)]


def _hugo(project: Path) -> None:
    """Hugo, a peer written in Go, on the same Markdown files (tests/bench/run.py lays them out)."""
    subprocess.run(["hugo", "--quiet", "--source", str(project)], check=True)


def main() -> None:
    kind, project = sys.argv[1], Path(sys.argv[2]).resolve()
    started = time.perf_counter()
    {"site": _site, "material": _material, "floor": _floor, "hugo": _hugo}[kind](project)
    seconds = time.perf_counter() - started
    own_usage = resource.getrusage(resource.RUSAGE_SELF)
    child_usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = own_usage.ru_utime + own_usage.ru_stime + child_usage.ru_utime + child_usage.ru_stime
    # ru_maxrss is in KiB on Linux. The children are the open-data and search-index processes:
    # RUSAGE_CHILDREN gives the largest of them, so the larger of the two figures is the peak of
    # any one process of the build.
    own = own_usage.ru_maxrss / 1024
    children = child_usage.ru_maxrss / 1024
    print(
        json.dumps(
            {"seconds": seconds, "cpu": cpu, "peak_mb": max(own, children), "own_mb": own, "children_mb": children}
        )
    )


if __name__ == "__main__":
    main()
