"""What the site ships so that the calculators run in the reader's browser, from the site itself.

- Pyodide: the npm package ``pyodide`` (pinned in package.json, installed by ``npm ci`` with the
  lock file's integrity hash) is copied into ``assets/pyodide/<version>/`` — only the five files
  that boot it (13.5 MB; no console pages, type declarations or source maps).
- The ``calculators`` package: a ``py3-none-any`` wheel built here with the standard library's
  ``zipfile``: sorted entries, a fixed timestamp and fixed permissions, so the same sources give
  the same bytes on every machine (a wheel, rather than loose files and a manifest: one request
  instead of twenty, integrity checked by the browser against one sha256, and a standard archive
  that ``pip install`` accepts too). Its folder is named after its hash, so it can be cached
  forever. The browser's worker fetches it with that integrity and unpacks it into
  site-packages.

No MkDocs here: the plugin only turns these into site files.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "calculators"
NODE_PACKAGE = ROOT / "node_modules" / "pyodide"

# The files Pyodide 314 needs to boot (measured: nothing else is requested).
BOOT_LOADER = "pyodide.mjs"
BOOT_WASM = "pyodide.asm.wasm"
BOOT_LOCK = "pyodide-lock.json"
BOOT_FILES = (BOOT_LOADER, "pyodide.asm.mjs", BOOT_WASM, "python_stdlib.zip", BOOT_LOCK)


def boot_attributes() -> dict[str, str]:
    """What a page's script needs to start Pyodide, as ``data-pyodide-*`` attributes of its form:
    the loader, the wasm the page compiles, the lock file, and every boot file for offline use."""
    return {
        "pyodide-loader": BOOT_LOADER,
        "pyodide-wasm": BOOT_WASM,
        "pyodide-lock": BOOT_LOCK,
        "pyodide-files": " ".join(BOOT_FILES),
    }


DISTRIBUTION = "okhrana_truda_calculators"
# 1980-01-01 is the earliest date a zip entry can hold; SOURCE_DATE_EPOCH overrides it.
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_FILE_MODE = 0o644 << 16
MISSING = "Нет {path}: выполните npm ci (make setup) — Pyodide для калькуляторов ставится из package-lock.json"


class PyodideMissingError(Exception):
    """node_modules/pyodide is absent, incomplete or not the pinned version (message in Russian)."""


@dataclass(frozen=True)
class PyodidePackage:
    version: str
    folder: Path

    def files(self) -> list[tuple[str, Path]]:
        """(name, path) of each boot file."""
        return [(name, self.folder / name) for name in BOOT_FILES]

    @property
    def size(self) -> int:
        return sum(path.stat().st_size for _, path in self.files())


@dataclass(frozen=True)
class Wheel:
    filename: str
    content: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    @property
    def integrity(self) -> str:
        """The Subresource Integrity value a ``fetch`` checks the download against."""
        return "sha256-" + base64.b64encode(hashlib.sha256(self.content).digest()).decode("ascii")

    @property
    def site_path(self) -> str:
        """Where the site serves it: a folder per content hash, so the file never changes."""
        return f"assets/calculators/{self.sha256[:16]}/{self.filename}"


def pinned_version(root: Path = ROOT) -> str | None:
    """The pyodide version package.json pins, or None when there is no package.json."""
    manifest = root / "package.json"
    if not manifest.is_file():
        return None
    return str(json.loads(manifest.read_text(encoding="utf-8"))["dependencies"]["pyodide"])


def find_pyodide(folder: Path = NODE_PACKAGE, pinned: str | None = None) -> PyodidePackage:
    """The installed Pyodide package; ``PyodideMissingError`` when it cannot boot or is not pinned."""
    display = _shown_path(folder)
    manifest = folder / "package.json"
    if not manifest.is_file():
        raise PyodideMissingError(MISSING.format(path=display))
    version = str(json.loads(manifest.read_text(encoding="utf-8"))["version"])
    if pinned is not None and version != pinned:
        raise PyodideMissingError(
            f"В {display} установлен pyodide {version}, а package.json требует {pinned}: выполните npm ci (make setup)"
        )
    missing = [name for name in BOOT_FILES if not (folder / name).is_file()]
    if missing:
        raise PyodideMissingError(MISSING.format(path=f"{display}/{missing[0]}"))
    return PyodidePackage(version, folder)


def _shown_path(folder: Path) -> str:
    try:
        return str(folder.relative_to(ROOT))
    except ValueError:
        return str(folder)


def package_version(package: Path = PACKAGE) -> str:
    for line in (package / "__init__.py").read_text(encoding="utf-8").splitlines():
        if line.startswith("__version__"):
            return line.split("=", 1)[1].strip().strip("\"'")
    raise ValueError(f"{package}/__init__.py: нет __version__")


def _record_hash(content: bytes) -> str:
    digest = hashlib.sha256(content).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def _timestamp() -> tuple[int, int, int, int, int, int]:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return _ZIP_EPOCH
    stamp = time.gmtime(max(int(epoch), 315532800))  # not before 1980-01-01
    return (stamp.tm_year, stamp.tm_mon, stamp.tm_mday, stamp.tm_hour, stamp.tm_min, stamp.tm_sec)


def build_wheel(package: Path = PACKAGE) -> Wheel:
    """The ``calculators`` package (its ``*.py`` files) as a reproducible ``py3-none-any`` wheel."""
    version = package_version(package)
    dist_info = f"{DISTRIBUTION}-{version}.dist-info"
    entries: list[tuple[str, bytes]] = [
        (f"{package.name}/{path.name}", path.read_bytes()) for path in sorted(package.glob("*.py"))
    ]
    metadata = (
        "Metadata-Version: 2.1\n"
        f"Name: {DISTRIBUTION}\n"
        f"Version: {version}\n"
        "Summary: Калькуляторы показателей охраны труда (только стандартная библиотека Python)\n"
        "License: MIT\n"
        "Requires-Python: >=3.11\n"
    )
    wheel = (
        "Wheel-Version: 1.0\nGenerator: build_tools.calculator_site.pyodide_assets\n"
        "Root-Is-Purelib: true\nTag: py3-none-any\n"
    )
    entries.append((f"{dist_info}/METADATA", metadata.encode("utf-8")))
    entries.append((f"{dist_info}/WHEEL", wheel.encode("utf-8")))
    entries.append((f"{dist_info}/top_level.txt", f"{package.name}\n".encode()))
    record_name = f"{dist_info}/RECORD"
    record = "".join(f"{name},{_record_hash(data)},{len(data)}\n" for name, data in entries) + f"{record_name},,\n"
    entries.append((record_name, record.encode("utf-8")))

    buffer = io.BytesIO()
    stamp = _timestamp()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries:  # sources sorted; dist-info last, RECORD at the very end
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = _FILE_MODE
            info.create_system = 3  # Unix, whatever machine builds it
            archive.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return Wheel(f"{DISTRIBUTION}-{version}-py3-none-any.whl", buffer.getvalue())


def runtime_cache(pyodide: PyodidePackage, wheel: Wheel) -> str:
    """The Cache Storage name for Pyodide and the wheel (the page may fill it before the worker runs)."""
    return f"okhrana-runtime-{pyodide.version}-{wheel.sha256[:16]}"


def service_worker(pyodide: PyodidePackage, wheel: Wheel, max_pages: int = 300) -> str:
    """``sw.js`` for the site root: its bytes change with Pyodide or the calculators, so browsers update it."""
    from build_tools.site.render import environment

    config = {
        "cache": runtime_cache(pyodide, wheel),
        "immutable": [f"assets/pyodide/{pyodide.version}/", wheel.site_path.rsplit("/", 1)[0] + "/"],
    }
    return environment().get_template("sw.js.j2").render(config=config, max_pages=max_pages)


def node_package(*roots: Path) -> Path:
    """node_modules/pyodide of the first root that has one (the project, then this repository)."""
    for root in roots:
        candidate = root / "node_modules" / "pyodide"
        if candidate.is_dir():
            return candidate
    return roots[0] / "node_modules" / "pyodide"
