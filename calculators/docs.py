"""Generated parts of the calculators' docs pages, by name.

The site asks for a part with a marker line (the site's one marker syntax, see
``build_tools.site_build.markers``): ``<!-- practices:calculator-PART -->`` for a part about all
calculators (``SITE_PARTS``), ``<!-- practices:calculator-PART ID -->`` for a part of one
calculator (``CALCULATOR_PARTS``).

For the readers' pages (names, symbols and units; no field ids):

- ``list``: the calculators with links (for ``docs/calculators/index.md``);
- ``inputs``: the input fields of a calculator;
- ``outputs``: its outputs with formulas and units;
- ``conventions``: its conventions and their switches;
- ``sources``: the normative sources;
- ``examples``: worked examples computed by the code at build time.

For the developers' page (``docs/developers/calculators.md``), with the ids of the command line:

- ``ids``: the calculators and their ids;
- ``indicators``: the indicator ids a card's ``metrics[].indicator`` may name;
- ``fields``: a calculator's inputs, outputs and switches by field id.

An unknown part or calculator raises ``ValueError``: a typo must fail the build, not vanish from
the page.
"""

from __future__ import annotations

from collections.abc import Callable

SITE_PARTS = ("list", "ids", "indicators")  # about all calculators: no id
READER_PARTS = ("inputs", "outputs", "conventions", "sources", "examples")  # a calculator's own page
CALCULATOR_PARTS = (*READER_PARTS, "fields")  # each names a calculator


def part(name: str, calculator_id: str | None = None) -> str:
    """The Markdown of one part (``calculator_id`` for the parts of one calculator)."""
    from calculators import docs_examples, docs_reference
    from calculators.registry import CALCULATORS

    if name in ("list", "ids"):
        return docs_reference.calculator_list(list(CALCULATORS.values()), ids=name == "ids")
    if name == "indicators":
        return docs_reference.indicator_list()
    renderers: dict[str, Callable[..., str]] = {
        "fields": docs_reference.fields,
        "inputs": docs_reference.inputs,
        "outputs": docs_reference.outputs,
        "conventions": docs_reference.conventions,
        "sources": docs_reference.sources,
        "examples": docs_examples.examples,
    }
    if name not in renderers:
        raise ValueError(f"unknown calculator part {name!r}")
    if calculator_id is None or calculator_id not in CALCULATORS:
        known = ", ".join(CALCULATORS)
        raise ValueError(f"calculator part {name!r} names {calculator_id!r}; known: {known}")
    return renderers[name](CALCULATORS[calculator_id])
