"""What a calculator declares: inputs, outputs, conventions, sources, examples.

Everything a form, the input checks, the command line or a docs page needs is here, so that none
of them repeats a label, a unit or a bound. ``to_json()`` gives the serialisable form that
``python -m calculators list`` prints.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from calculators.formulas import variables
from calculators.messages import Message

# The years a calculator accepts (programme years, reporting year): the project's convention, wide
# enough for any real report and narrow enough to catch a typo. The page script gets them from here.
FIRST_YEAR, LAST_YEAR = 1990, 2100

InputKind = Literal["integer", "number", "boolean", "choice", "text", "table"]
OutputKind = Literal["number", "text", "boolean", "list", "table"]


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class Input:
    """One input field. ``kind`` decides how the raw value is read and checked."""

    id: str
    label: str
    kind: InputKind = "number"
    unit: str = ""
    hint: str = ""
    # The letter used for this input in the formulas shown to readers (T, P, D …).
    symbol: str = ""
    minimum: float | None = None
    maximum: float | None = None
    # For a table: the default rows are given by a preset, not here.
    default: Any = None
    step: float | None = None
    required: bool = False
    choices: tuple[Choice, ...] = ()
    max_length: int | None = None
    columns: tuple[Input, ...] = ()
    min_rows: int = 0
    max_rows: int | None = None
    # Where the field sits: a section of a long form (a golden rule, the reporting year …).
    group: str | None = None
    # The place in the source document this field comes from («Приложение 2, п. 3»).
    ref: str = ""

    @property
    def integer(self) -> bool:
        return self.kind == "integer"

    def choice_label(self, value: Any) -> str:
        for choice in self.choices:
            if choice.value == value:
                return choice.label
        return str(value)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "label": self.label,
            "kind": self.kind,
            "unit": self.unit,
            "min": self.minimum,
            "max": self.maximum,
            "default": self.default,
            "integer": self.integer,
            "step": 1 if self.integer and self.step is None else self.step,
            "required": self.required,
        }
        for key, value in (("hint", self.hint), ("symbol", self.symbol), ("ref", self.ref)):
            if value:
                data[key] = value
        if self.group is not None:
            data["group"] = self.group
        if self.choices:
            data["choices"] = [{"value": c.value, "label": c.label} for c in self.choices]
        if self.max_length is not None:
            data["max_length"] = self.max_length
        if self.kind == "table":
            data["columns"] = [column.to_json() for column in self.columns]
            data["min_rows"] = self.min_rows
            data["max_rows"] = self.max_rows
        return data


@dataclass(frozen=True)
class Variant:
    """The formula or unit of an output when an option input has a given value."""

    input: str
    value: Any
    formula: str = ""
    unit: str = ""


@dataclass(frozen=True)
class Alternative:
    """The same output shown in a second unit (value × factor), e.g. per 100 000 workers."""

    unit: str
    factor: float
    decimals: int


@dataclass(frozen=True)
class Output:
    id: str
    label: str
    unit: str = ""
    kind: OutputKind = "number"
    decimals: int = 2
    hint: str = ""
    symbol: str = ""
    # Plain-text formula with ``{input_id}`` placeholders: the docs show it with the inputs'
    # symbols and, in worked examples, with their values. Empty when not a single expression.
    formula: str = ""
    variants: tuple[Variant, ...] = ()
    alternatives: tuple[Alternative, ...] = ()
    columns: tuple[Output, ...] = ()
    group: str | None = None
    ref: str = ""
    # The inputs this output is computed from, when its formula does not say (no formula, or a
    # formula over other ids, as the contest's previous-year rows): see ``Calculator.uses``.
    uses: tuple[str, ...] = ()

    def _variant(self, options: Mapping[str, Any], attribute: str) -> str:
        for variant in self.variants:
            if options.get(variant.input) == variant.value and getattr(variant, attribute):
                return str(getattr(variant, attribute))
        return str(getattr(self, attribute))

    def formula_for(self, options: Mapping[str, Any]) -> str:
        return self._variant(options, "formula")

    def unit_for(self, options: Mapping[str, Any]) -> str:
        return self._variant(options, "unit")

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "label": self.label,
            "unit": self.unit,
            "kind": self.kind,
            "decimals": self.decimals,
        }
        for key, value in (
            ("hint", self.hint),
            ("symbol", self.symbol),
            ("formula", self.formula),
            ("ref", self.ref),
        ):
            if value:
                data[key] = value
        if self.group is not None:
            data["group"] = self.group
        if self.variants:
            data["variants"] = [
                {"input": v.input, "value": v.value, "formula": v.formula, "unit": v.unit} for v in self.variants
            ]
        if self.alternatives:
            data["alternatives"] = [
                {"unit": a.unit, "factor": a.factor, "decimals": a.decimals} for a in self.alternatives
            ]
        if self.columns:
            data["columns"] = [column.to_json() for column in self.columns]
        return data


@dataclass(frozen=True)
class Convention:
    """A rule the sources leave implicit; ``input`` names the switch when it is an option."""

    title: str
    text: str
    input: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"title": self.title, "text": self.text, "input": self.input}


@dataclass(frozen=True)
class Group:
    """A section of a long form; inputs and outputs name it by ``group``."""

    id: str
    title: str
    text: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "text": self.text}


@dataclass(frozen=True)
class Example:
    """A worked example: the docs page shows it computed, the parity test runs it."""

    id: str
    title: str
    text: str
    inputs: Mapping[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "text": self.text, "inputs": self.inputs}


@dataclass(frozen=True)
class Outcome:
    """What a pure function returns: values (or ``Unavailable``) by output id, and messages."""

    values: dict[str, Any]
    messages: list[Message] = field(default_factory=list)


@dataclass(frozen=True)
class Section:
    """A titled part of a flat form: input or output ids, and conventions shown under it."""

    title: str
    ids: tuple[str, ...]
    # Titles of conventions shown under the section (e.g. how rates convert between units).
    conventions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Layout:
    """How the calculator's web form is arranged (build_tools/calculator_site renders each kind).

    ``kind`` names one renderer of the site's registry: "flat" (sections of fields, listed here and
    checked against the declaration), "indicators" (a table of rows), "checklist" (answers by
    group), "two_years" (a value table for two years).
    """

    kind: str = "flat"
    inputs: tuple[Section, ...] = ()
    outputs: tuple[Section, ...] = ()
    # Where the form keeps its state: "url" (a link reproduces the result) or "local" (this browser only).
    store: str = "url"
    # The preset the empty form starts from (rows with names but no numbers), or "" for none.
    start: str = ""
    # Key results repeated in a bar that stays at the foot of the screen beside the inputs (on a
    # phone the full results are below the form): (output id, short name).
    summary: tuple[tuple[str, str], ...] = ()
    # What ``calculators.web.view`` adds for this form's charts and links (names of ``web.EXTRAS``).
    extras: tuple[str, ...] = ()


@dataclass(frozen=True)
class Calculator:
    id: str
    title: str
    summary: str
    inputs: tuple[Input, ...]
    outputs: tuple[Output, ...]
    compute: Callable[[Mapping[str, Any]], Outcome]
    # Checks across fields (fatal victims above victims …); run after each field passed its own.
    check: Callable[[Mapping[str, Any]], list[Message]] | None = None
    conventions: tuple[Convention, ...] = ()
    sources: tuple[str, ...] = ()
    examples: tuple[Example, ...] = ()
    # Ready-made inputs a form can load (the seed 003 indicators …).
    presets: tuple[Example, ...] = ()
    groups: tuple[Group, ...] = ()
    # The values the output formulas see, when the function fills documented fallbacks in
    # (the docs substitute these into the formulas of a worked example).
    formula_values: Callable[[Mapping[str, Any]], dict[str, Any]] | None = None
    # How its web form is arranged: part of the declaration, so a new calculator touches one module.
    layout: Layout = Layout()
    # Inputs that stand in for a blank input (blank «listed_workers» → «headcount»): an output
    # using the blank input then also uses these.
    fallbacks: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Table inputs whose compute takes a row refused by the checks as ``None`` and blanks only
    # what that row gives (one indicator), instead of every output using the table.
    row_tolerant: tuple[str, ...] = ()

    def uses(self, output_id: str, values: Mapping[str, Any] | None = None) -> frozenset[str]:
        """The input ids ``output_id`` is computed from.

        Declared by the output (``Output.uses``) or read from its formula and variants; an output
        with neither uses every input. With ``values``, a fallback counts only where its input is
        blank (a filled «listed_workers» does not use «headcount»).
        """
        output = self.output(output_id)
        if output.uses:
            found = set(output.uses)
        elif output.formula:
            found = set(variables(output.formula))
            for variant in output.variants:
                found.add(variant.input)
                found.update(variables(variant.formula) if variant.formula else ())
        else:
            return frozenset(item.id for item in self.inputs)
        # Output ids that are not also input ids (zero_injury's «indicators» is both).
        outputs = {item.id for item in self.outputs} - {item.id for item in self.inputs}
        pending = list(found)
        while pending:
            name = pending.pop()
            # A formula over another output («total_losses») uses what that output uses.
            if name in outputs:
                found.discard(name)
                more = self.uses(name, values)
            elif values is not None and values.get(name) is not None:
                continue
            else:
                more = frozenset(self.fallbacks.get(name, ()))
            for other in more - found:
                found.add(other)
                pending.append(other)
        return frozenset(found)

    def input(self, input_id: str) -> Input:
        for item in self.inputs:
            if item.id == input_id:
                return item
        raise KeyError(input_id)

    def output(self, output_id: str) -> Output:
        for item in self.outputs:
            if item.id == output_id:
                return item
        raise KeyError(output_id)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "summary": self.summary,
            "inputs": [item.to_json() for item in self.inputs],
            "outputs": [item.to_json() for item in self.outputs],
            "conventions": [item.to_json() for item in self.conventions],
            "sources": list(self.sources),
            "examples": [item.to_json() for item in self.examples],
            "presets": [item.to_json() for item in self.presets],
            "groups": [item.to_json() for item in self.groups],
        }
