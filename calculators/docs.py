"""Generated parts of the calculators' docs pages.

The site's MkDocs plugin passes every page's Markdown through ``expand_markers``. A marker is a
line of its own (outside fenced code blocks):

For the readers' pages (names, symbols and units; no field ids):

- ``<!-- calculator-list -->``: the calculators with links (for ``docs/calculators/index.md``);
- ``<!-- calculator-inputs: <id> -->``: the input fields of a calculator;
- ``<!-- calculator-outputs: <id> -->``: its outputs with formulas and units;
- ``<!-- calculator-conventions: <id> -->``: its conventions and their switches;
- ``<!-- calculator-sources: <id> -->``: the normative sources;
- ``<!-- calculator-examples: <id> -->``: worked examples computed by the code at build time.

For the developers' page (``docs/developers/calculators.md``), with the ids of the command line:

- ``<!-- calculator-ids -->``: the calculators and their ids;
- ``<!-- calculator-indicators -->``: the indicator ids a card's ``metrics[].indicator`` may name;
- ``<!-- calculator-fields: <id> -->``: a calculator's inputs, outputs and switches by field id.

Any other text is returned unchanged. A marker naming an unknown part or calculator raises
``ValueError``: a typo must fail the build, not vanish from the page.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_MARKER = re.compile(r"^[ \t]*<!--\s*calculator-(?P<part>[a-z]+)(?:\s*:\s*(?P<id>[A-Za-z0-9_-]+))?\s*-->[ \t]*$")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")


def _part(part: str, calculator_id: str | None) -> str:
    from calculators import docs_examples, docs_reference
    from calculators.registry import CALCULATORS

    if part in ("list", "ids"):
        return docs_reference.calculator_list(list(CALCULATORS.values()), ids=part == "ids")
    if part == "indicators":
        return docs_reference.indicator_list()
    renderers: dict[str, Callable[..., str]] = {
        "fields": docs_reference.fields,
        "inputs": docs_reference.inputs,
        "outputs": docs_reference.outputs,
        "conventions": docs_reference.conventions,
        "sources": docs_reference.sources,
        "examples": docs_examples.examples,
    }
    if part not in renderers:
        raise ValueError(f"unknown calculator marker part {part!r}")
    if calculator_id is None or calculator_id not in CALCULATORS:
        known = ", ".join(CALCULATORS)
        raise ValueError(f"calculator marker {part!r} names {calculator_id!r}; known: {known}")
    return renderers[part](CALCULATORS[calculator_id])


def expand_markers(markdown: str) -> str:
    """``markdown`` with every marker line replaced by the Markdown it stands for."""
    if "calculator-" not in markdown:
        return markdown
    lines = markdown.split("\n")
    out: list[str] = []
    fence: str | None = None
    for line in lines:
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            out.append(line)
            continue
        if opening:
            fence = opening.group(1)
            out.append(line)
            continue
        match = _MARKER.match(line)
        if match is None:
            out.append(line)
            continue
        # Blank lines around the block keep tables and lists apart from the hand-written text.
        out.extend(["", _part(match.group("part"), match.group("id")), ""])
    return "\n".join(out)
