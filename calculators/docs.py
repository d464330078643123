"""Generated parts of the calculators' docs pages, by name.

The site asks for a part with a marker line (the site's one marker syntax, see
``build_tools.site_build.markers``): ``<!-- practices:calculator-list -->``,
``<!-- practices:calculator-indicators -->`` or ``<!-- practices:calculator-PART ID -->``, PART
being one of ``CALCULATOR_PARTS``:

- ``inputs``: the input fields of a calculator;
- ``outputs``: its outputs with formulas and units;
- ``conventions``: its conventions and their switches;
- ``sources``: the normative sources;
- ``examples``: worked examples computed by the code at build time.

``list`` is the calculators with links (for ``docs/calculators/index.md``), ``indicators`` the
indicator ids a card's ``metrics[].indicator`` may name. An unknown part or calculator raises
``ValueError``: a typo must fail the build, not vanish from the page.
"""

from __future__ import annotations

from collections.abc import Callable

SITE_PARTS = ("list", "indicators")  # about all calculators: no id
CALCULATOR_PARTS = ("inputs", "outputs", "conventions", "sources", "examples")


def part(name: str, calculator_id: str | None = None) -> str:
    """The Markdown of one part (``calculator_id`` for the parts of one calculator)."""
    from calculators import docs_examples, docs_reference
    from calculators.registry import CALCULATORS

    if name == "list":
        return docs_reference.calculator_list(list(CALCULATORS.values()))
    if name == "indicators":
        return docs_reference.indicator_list()
    renderers: dict[str, Callable[..., str]] = {
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
