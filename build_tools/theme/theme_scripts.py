"""Scripts that the theme inlines in every page, moved to one cached file.

Material writes its palette script (about 800 bytes) into the header of every page. With
thousands of card pages it is cheaper to download once: the site overrides the partial with a
``<script src>`` and this module takes the script out of the theme's own partial, so it stays
the theme's code and follows its updates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

PALETTE_PARTIAL = "partials/javascripts/palette.html"
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


class ThemeScriptError(RuntimeError):
    pass


def palette_script(theme_dirs: Iterable[str | Path]) -> str:
    """The palette script of the first theme folder whose partial inlines it."""
    for folder in theme_dirs:
        partial = Path(folder) / PALETTE_PARTIAL
        if partial.is_file():
            found = _INLINE_SCRIPT.search(partial.read_text(encoding="utf-8"))
            if found:
                return found[1] + "\n"
    raise ThemeScriptError(f"В теме нет встроенного скрипта палитры ({PALETTE_PARTIAL}): обновите overrides/")
