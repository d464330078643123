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
import threading
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


class ChildPeaks:
    """The largest peak resident memory (VmHWM) of any child process, read from /proc while the
    build runs. ``RUSAGE_CHILDREN`` cannot say it: Linux counts in a child's ``ru_maxrss`` the
    memory of the parent it was forked from, up to its exec (a child started late in a 400 MB
    build reports 400 MB whatever it uses itself)."""

    def __init__(self) -> None:
        self.mb = 0.0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._done.wait(0.1):
            for children in Path("/proc/self/task").glob("*/children"):
                for pid in children.read_text().split():
                    try:
                        status = Path(f"/proc/{pid}/status").read_text()
                    except OSError:
                        continue  # ended meanwhile
                    for line in status.splitlines():
                        if line.startswith("VmHWM:"):
                            self.mb = max(self.mb, int(line.split()[1]) / 1024)

    def stop(self) -> float:
        self._done.set()
        self._thread.join()
        return self.mb


def main() -> None:
    kind, project = sys.argv[1], Path(sys.argv[2]).resolve()
    started = time.perf_counter()
    peaks = ChildPeaks()
    {"site": _site, "material": _material, "floor": _floor, "hugo": _hugo}[kind](project)
    children = peaks.stop()
    seconds = time.perf_counter() - started
    if not Path(f"/proc/self/task/{os.getpid()}/children").exists():  # a kernel without it: an upper bound
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    own_usage = resource.getrusage(resource.RUSAGE_SELF)
    child_usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = own_usage.ru_utime + own_usage.ru_stime + child_usage.ru_utime + child_usage.ru_stime
    # ru_maxrss is in KiB on Linux. The children (the open-data and search-index processes) are
    # sampled (ChildPeaks); the larger of the two figures is the peak of any one process.
    own = own_usage.ru_maxrss / 1024
    print(
        json.dumps(
            {"seconds": seconds, "cpu": cpu, "peak_mb": max(own, children), "own_mb": own, "children_mb": children}
        )
    )


if __name__ == "__main__":
    main()
