"""Building real sites with real MkDocs in temporary folders, and serving them on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURE_CARDS = REPO / "tests" / "fixtures" / "cards"


def make_project(target: Path, cards: dict[str, str] | None = None, card_dir: Path | None = None) -> Path:
    """A copy of the site's sources with the given cards in ``practices/``."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    for folder in ("docs", "overrides"):
        shutil.copytree(REPO / folder, target / folder, dirs_exist_ok=True)
    practices = target / "practices"
    practices.mkdir(exist_ok=True)
    if card_dir is not None:
        for path in card_dir.glob("*.md"):
            shutil.copy(path, practices / path.name)
    for name, text in (cards or {}).items():
        (practices / name).write_text(text, encoding="utf-8")
    return target


def mkdocs_build(project: Path, *extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict`; the public address (SITE_URL) only when ``env`` gives it."""
    inherited = {name: value for name, value in os.environ.items() if name != "SITE_URL"}
    env = {**inherited, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *extra],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a built site on an ephemeral port of 127.0.0.1; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def run_build_tools(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`python -m build_tools …` as a contributor runs it, in another folder."""
    return subprocess.run(
        [sys.executable, "-m", "build_tools", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_serve(project: Path, port: int, **popen: object) -> subprocess.Popen[str]:
    """`mkdocs serve --dirty` (what `make serve` runs) on 127.0.0.1:<port>."""
    return subprocess.Popen(  # type: ignore[call-overload]
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--dirty"],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        text=True,
        **popen,
    )
