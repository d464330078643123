"""Russian → Latin transliteration for card file names (the style of the existing slugs)."""

from __future__ import annotations

import re

_LETTERS = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip

LETTERS = _LETTERS  # also written into the «Предложить практику» form (build_tools/contribution/card_form.py)
MAX_SLUG = 80


def slugify(title: str) -> str:
    """``"Поведенческие аудиты на складе"`` → ``"povedencheskie-audity-na-sklade"`` (≤ 80 characters)."""
    latin = "".join(_LETTERS.get(char, char) for char in title.lower())
    words = re.findall(r"[a-z0-9]+", latin)
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > MAX_SLUG:
            break
        slug = candidate
    # A first word longer than a whole name is cut rather than lost.
    return slug or (words[0][:MAX_SLUG] if words else "")
