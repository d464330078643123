"""Building real sites with real MkDocs in temporary folders, and serving them on 127.0.0.1."""

from __future__ import annotations

import fcntl
import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pytest

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


def plugin_options(project: Path, options: Mapping[str, object]) -> None:
    """Set options of the site's plugin in the project's mkdocs.yml."""
    config = project / "mkdocs.yml"
    lines = "".join(
        f"      {key}: {str(value).lower() if isinstance(value, bool) else value}\n" for key, value in options.items()
    )
    text = config.read_text(encoding="utf-8")
    assert "  - practices\n" in text
    config.write_text(text.replace("  - practices\n", f"  - practices:\n{lines}"), encoding="utf-8")


def mkdocs_build(
    project: Path, *extra: str, command: str = "mkdocs", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` (or ``properdocs``, the maintained fork, which reads the same files);
    the public address (SITE_URL) only when ``env`` gives it."""
    inherited = {name: value for name, value in os.environ.items() if name != "SITE_URL"}
    env = {**inherited, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", command, "build", "--strict", *extra],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def shared_folder(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """A folder made once per test session, even when pytest-xdist runs the tests in several
    processes: the first to ask makes it, holding a lock; the others wait and reuse it."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the workers' own folders sit side by side in the session's folder
    target = base / name
    with (base / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (base / f"{name}.done").exists():
            shutil.rmtree(target, ignore_errors=True)
            make(target)
            (base / f"{name}.done").touch()
    return target


def built_site(
    tmp_path_factory: pytest.TempPathFactory,
    name: str,
    *,
    card_dir: Path | None = None,
    cards: dict[str, str] | None = None,
    options: Mapping[str, object] | None = None,
    command: str = "mkdocs",
) -> Path:
    """The ``site`` folder of a project built once per test session (see ``shared_folder``)."""

    def build(project: Path) -> None:
        make_project(project, cards=cards, card_dir=card_dir)
        if options:
            plugin_options(project, options)
        result = mkdocs_build(project, command=command)
        assert result.returncode == 0, result.stderr

    return shared_folder(tmp_path_factory, name, build) / "site"


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
