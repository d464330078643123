"""The calculators' files in the site (Pyodide, the calculators' wheel, the service worker) and
their forms (the calculators', the programme's), whose addresses point at those files."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from build_tools.calculator_site import calculator_forms, programme_form, pyodide_assets
from build_tools.site_build.files import GeneratedFile
from build_tools.site_build.layout import relative_url

CALCULATOR_SCRIPT = "assets/javascripts/calculator-page.mjs"
CALCULATOR_BOOT = "assets/javascripts/calculator-boot.js"  # starts the worker from <head>
CALCULATOR_WORKER = "assets/javascripts/calculator-worker.mjs"
CALCULATOR_STYLESHEET = "assets/stylesheets/calculators.css"
SERVICE_WORKER = "sw.js"  # at the site root: its scope is the whole site
# The «Нулевой травматизм» programme's page runs on the same Pyodide and worker.
PROGRAMME_SCRIPT = "assets/javascripts/programme-page.js"
PROGRAMME_STYLESHEET = "assets/stylesheets/programme.css"
# A form Python runs for (a calculator's, the programme's) and the data attributes of it that the
# <head>'s boot script needs: where Pyodide, the worker and the wheel are, the wheel's integrity,
# the offline cache's name and Pyodide's file names.
_PYTHON_FORM = re.compile(r'<form\b[^>]*\sdata-pyodide="[^"<>]+"[^>]*>')
_DATA_ATTRIBUTE = re.compile(r'\sdata-([a-z-]+)="([^"<>]*)"')
_BOOT_DATA = ("pyodide", "wheel", "wheel-integrity", "worker", "offline-cache", *pyodide_assets.boot_attributes())
_CHARSET = '<meta charset="utf-8">'
# The pages' scripts and styles (the theme's and the site's): a calculator page loads them too.
PAGE_ASSET_FOLDERS = ("assets/javascripts", "assets/stylesheets")
PAGE_ASSET_SUFFIXES = (".js", ".mjs", ".css")


@dataclass(frozen=True)
class CalculatorAssets:
    pyodide: pyodide_assets.PyodidePackage
    wheel: pyodide_assets.Wheel

    @classmethod
    def find(cls, project_root: Path) -> CalculatorAssets:
        """Pyodide from the project's node_modules (or this repository's); raises
        ``pyodide_assets.PyodideMissingError`` with a Russian message."""
        folder = pyodide_assets.node_package(project_root, pyodide_assets.ROOT)
        pyodide = pyodide_assets.find_pyodide(folder, pyodide_assets.pinned_version(folder.parent.parent))
        return cls(pyodide, pyodide_assets.build_wheel())

    @property
    def pyodide_folder(self) -> str:
        return f"assets/pyodide/{self.pyodide.version}/"

    def files(self) -> list[GeneratedFile]:
        files = [GeneratedFile(self.pyodide_folder + name, source=path) for name, path in self.pyodide.files()]
        files.append(GeneratedFile(self.wheel.site_path, content=self.wheel.content))
        files.append(GeneratedFile(SERVICE_WORKER, content=pyodide_assets.service_worker(self.pyodide, self.wheel)))
        return files

    @property
    def compressed_cache(self) -> Path:
        """Where compressed copies are kept: beside the ``node_modules`` Pyodide comes from, so that
        every site built from that checkout (the tests' too) compresses Pyodide once."""
        return self.pyodide.folder.parent.parent / ".cache" / "compressed"

    def compressed_uris(self, site_dir: Path) -> list[str]:
        """The files a calculator page downloads, to be served compressed (``precompressed``)."""
        uris = [self.pyodide_folder + name for name, _ in self.pyodide.files()]
        uris += [self.wheel.site_path, SERVICE_WORKER]
        for folder in PAGE_ASSET_FOLDERS:
            uris += [
                path.relative_to(site_dir).as_posix()
                for path in (site_dir / folder).rglob("*")
                if path.suffix in PAGE_ASSET_SUFFIXES
            ]
        return uris

    def form_html(self, calculator_id: str, *, page_url: str, catalogue_url: str) -> str:
        """Raises ``calculator_forms.CalculatorFormError`` (Russian) for a form the declarations do not match."""
        urls = self._form_urls(CALCULATOR_SCRIPT, page_url=page_url, catalogue_url=catalogue_url)
        return calculator_forms.form_html(calculator_id, urls)

    def programme_form_html(self, *, page_url: str, catalogue_url: str) -> str:
        urls = self._form_urls(PROGRAMME_SCRIPT, page_url=page_url, catalogue_url=catalogue_url)
        return programme_form.form_html(urls, relative_url(PROGRAMME_STYLESHEET, page_url))

    def _form_urls(self, script: str, *, page_url: str, catalogue_url: str) -> calculator_forms.FormUrls:
        def relative(path: str) -> str:
            return relative_url(path, page_url)

        return calculator_forms.FormUrls(
            pyodide=relative(self.pyodide_folder),
            wheel=relative(self.wheel.site_path),
            wheel_integrity=self.wheel.integrity,
            worker=relative(CALCULATOR_WORKER),
            script=relative(script),
            stylesheet=relative(CALCULATOR_STYLESHEET),
            service_worker=relative(SERVICE_WORKER),
            catalogue=relative(catalogue_url),
            offline_cache=pyodide_assets.runtime_cache(self.pyodide, self.wheel),
        )


def with_python_boot(html: str, page_url: str) -> str:
    """A page with a calculator's or the programme's form starts Python from its ``<head>``, before
    the theme's bundle and the page's modules: a preload of Pyodide's wasm (9.6 MB, the longest
    download), then ``calculator-boot.js`` with the form's boot data, which starts the worker and
    compiles the wasm (its ``fetch``, same URL, CORS mode, same-origin credentials, takes the
    preloaded response: the preload comes first, or Chromium downloads the wasm twice, and a retry
    after a failed download gets the failed preload); the page's script adopts that worker. Both
    come before the stylesheets, so that the script waits for none of them. Pages without such a
    form are returned unchanged."""
    form = _PYTHON_FORM.search(html) if "data-pyodide=" in html else None  # most pages: no search
    if form is None or _CHARSET not in html:
        return html
    data = {name: value for name, value in _DATA_ATTRIBUTE.findall(form.group(0)) if name in _BOOT_DATA}
    preload = (
        f'<link rel="preload" href="{data["pyodide"]}{pyodide_assets.BOOT_WASM}" as="fetch" type="application/wasm"'
        " crossorigin>"
    )
    attributes = "".join(f' data-{name}="{value}"' for name, value in data.items())
    script = f'<script src="{relative_url(CALCULATOR_BOOT, page_url)}"{attributes}></script>'
    return html.replace(_CHARSET, f"{_CHARSET}\n{preload}\n{script}", 1)
