"""Occupational-safety calculators: declarations plus pure functions, standard library only.

The package must run unchanged in CPython and in Pyodide, so it imports nothing outside the
standard library, has no subpackages (the parity test copies ``calculators/*.py`` as they are) and
does no work at import time: ``calculators.indicators`` is imported by the card validator.

Modules
-------
- ``indicators``: ``INDICATORS``, the indicator ids a card's ``metrics[].indicator`` may name.
- ``declarations``: ``Calculator``, ``Input``, ``Output``, ``Choice``, ``Convention``, ``Example``,
  ``Group``, ``Variant``, ``Alternative``, ``Outcome`` — what a calculator declares.
- ``messages``: ``Message`` and ``Unavailable`` (a value that becomes ``null`` with a reason).
- ``validation``: reads raw input against a declaration; every refusal names the Russian label.
- ``formulas``: the tiny formula language shared by the docs and the computation; ``rates``
  evaluates an output's formula with a Russian reason when it cannot.
- ``engine``: ``run(calculator, raw) -> Result``: checks the raw input against the declaration,
  calls the pure function and guarantees a result that is valid strict JSON; a refused field
  blanks only the outputs ``Calculator.uses`` says are computed from it.
- ``display``: the one number style (``number``, ``percent``, ``entered``, ``plain``) and
  ``rules()``, its description with samples for the browser.
- ``coefficients``, ``zero_injury``, ``vision_zero`` (+ ``vision_zero_measures``), ``contest``,
  ``economics``: one declaration and one pure function each; ``economics.practice_effects``
  gives the economic effect of a practice card (its cost and money metrics) for the card page.
- ``registry``: ``CALCULATORS`` (id -> Calculator) and ``get(id)``.
- ``cli``: the command line (``python -m calculators list | run <id> --input '<json>'``).
- ``docs``: ``part(name, id)``, the generated parts of the site's docs pages (``docs_reference``,
  ``docs_examples``, ``docs_markdown`` and ``display`` build the Markdown).

Result format (``Result.to_json()``, printed by ``python -m calculators run``)
----------------------------------------------------------------------------
One JSON object. Every output id of the calculator is a key; its value is a number, a string, a
list or a list of objects as the output's ``kind`` says, or ``null`` when it cannot be computed.
The key ``messages`` is a list of objects, each with

- ``kind``: ``"rejected"`` (an input was refused, the exit status is 2: the outputs computed
  from it are ``null`` with an ``unavailable`` message naming it, the others are still computed;
  nothing is computed when the input is not an object, has an unknown key or when every output
  uses a refused field),
  ``"warning"`` (suspicious but accepted input), ``"unavailable"`` (why an output is ``null``)
  or ``"note"`` (which convention or assumption produced a figure);
- ``text``: the Russian explanation; for inputs it names the field's Russian label;
- ``input`` or ``output``: the id concerned, when there is one;
- ``path``: for fields inside a table input or output, the row index (from 0) and column id.

Numbers are never rounded in results (rounding is for display, ``Output.decimals``), and never
NaN or infinite: such a value becomes ``null`` with an ``unavailable`` message.
"""

__all__ = ["__version__"]

__version__ = "0.1.0"
