"""Run one build in this process and print its wall time and peak memory as JSON.

Usage: python -m tests.bench.measure (site|material|floor) PROJECT_DIR
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path


def _site(project: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.chdir(project)
    build(load_config(str(project / "mkdocs.yml")))


def _material(project: Path) -> None:
    _site(project)


def _floor(project: Path) -> None:
    """PyYAML + Python-Markdown, no theme: the least any generator must do with these files."""
    import markdown
    import yaml

    out = project / "floor-site"
    out.mkdir(exist_ok=True)
    md = markdown.Markdown(extensions=["tables"])
    for path in sorted((project / "practices").glob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        data = yaml.safe_load(front)
        md.reset()
        html = md.convert(body)
        (out / f"{path.stem}.html").write_text(f"<h1>{data['title']}</h1>{html}", encoding="utf-8")


def main() -> None:
    kind, project = sys.argv[1], Path(sys.argv[2]).resolve()
    started = time.perf_counter()
    {"site": _site, "material": _material, "floor": _floor}[kind](project)
    seconds = time.perf_counter() - started
    # ru_maxrss is in KiB on Linux. The children are the open-data and search-index processes:
    # RUSAGE_CHILDREN gives the largest of them, so the larger of the two figures is the peak of
    # any one process of the build.
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": max(own, children), "own_mb": own, "children_mb": children}))


if __name__ == "__main__":
    main()
