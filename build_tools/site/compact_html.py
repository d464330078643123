"""Drop the template indentation from finished pages (about a tenth of a card page).

Only whitespace at the start of a line goes, and never inside ``<pre>`` or ``<textarea>``,
where it is content.
"""

from __future__ import annotations

import re

_PRESERVED = re.compile(r"(<(pre|textarea)\b.*?</\2>)", re.DOTALL | re.IGNORECASE)
_INDENT = re.compile(r"\n[ \t]+")
_BLANK_LINES = re.compile(r"\n{2,}")


def compact_html(html: str) -> str:
    parts = _PRESERVED.split(html)
    # re.split with two groups yields: text, whole preserved block, tag name, text, …
    out = []
    for index in range(0, len(parts), 3):
        out.append(_BLANK_LINES.sub("\n", _INDENT.sub("\n", parts[index])))
        if index + 1 < len(parts):
            out.append(parts[index + 1])
    return "".join(out)
