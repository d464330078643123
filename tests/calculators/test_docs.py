"""The docs markers: generated Markdown, computed numbers, untouched text."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

from build_tools.site_build.fragments import register_calculator_parts
from build_tools.site_build.layout import PageRef
from build_tools.site_build.markers import MarkerRegistry, Stage
from calculators import display
from calculators.docs import CALCULATOR_PARTS, READER_PARTS
from calculators.engine import run
from calculators.registry import CALCULATORS

REPO = Path(__file__).resolve().parents[2]
PAGES = sorted((REPO / "docs" / "calculators").glob("*.md"))
# The developers' page has the parts by field id (calculator-ids, calculator-fields).
DEVELOPERS_PAGE = REPO / "docs" / "developers" / "calculators.md"
EXTENSIONS = [
    "admonition",
    "attr_list",
    "md_in_html",
    "tables",
    "def_list",
    "footnotes",
    "pymdownx.details",
    "pymdownx.superfences",
    "toc",
]


def expand_markers(markdown_text: str) -> str:
    """The site's marker parser with the calculators' parts (the forms come after conversion)."""
    registry = MarkerRegistry()
    register_calculator_parts(registry)
    registry.register("calculator-form", Stage.HTML, lambda _marker, _page: "", argument=True)
    registry.register("programme-form", Stage.HTML, lambda _marker, _page: "")
    return registry.expand(markdown_text, Stage.MARKDOWN, PageRef("calculators/page.md", "calculators/page/"))


def test_text_without_markers_is_unchanged() -> None:
    text = "# Заголовок\n\nТекст с calculator-examples внутри строки.\n<!-- другое -->\n"
    assert expand_markers(text) == text
    assert expand_markers("") == ""


def test_markers_in_code_blocks_are_left_alone() -> None:
    text = "```markdown\n<!-- practices:calculator-examples coefficients -->\n```\n"
    assert expand_markers(text) == text


def test_unknown_marker_fails_loudly() -> None:
    with pytest.raises(ValueError, match="unknown_calc"):
        expand_markers("<!-- practices:calculator-examples unknown_calc -->")
    with pytest.raises(ValueError, match="charts"):
        expand_markers("<!-- practices:calculator-charts coefficients -->")


def test_marker_is_replaced_and_surrounding_text_kept() -> None:
    text = "До\n<!-- practices:calculator-sources contest -->\nПосле"
    out = expand_markers(text)
    assert out.startswith("До\n") and out.endswith("\nПосле")
    assert "Чернышевский район" in out and "<!--" not in out


def test_example_numbers_come_from_the_code() -> None:
    out = expand_markers("<!-- practices:calculator-examples coefficients -->")
    calculator = CALCULATORS["coefficients"]
    result = run(calculator, dict(calculator.examples[0].inputs))
    # 3 × 1000 / 340 = 8.8235… shown as «8,82»; 75 / (3 − 1) = 37.5 shown as «37,50»
    assert f"| {display.number(result.values['frequency'], 2)} |" in out
    assert "| 8,82 |" in out and "| 37,50 |" in out
    assert "`3 × 1000 / 340`" in out


def test_every_marker_of_every_calculator_renders() -> None:
    for calculator_id in CALCULATORS:
        for part in CALCULATOR_PARTS:
            out = expand_markers(f"<!-- practices:calculator-{part} {calculator_id} -->")
            assert out.strip(), (calculator_id, part)


@pytest.mark.parametrize("page", [*PAGES, DEVELOPERS_PAGE], ids=lambda p: p.relative_to(REPO / "docs").as_posix())
def test_pages_render_with_the_site_extensions(page: Path) -> None:
    text = expand_markers(page.read_text(encoding="utf-8"))
    assert re.findall(r"practices:calculator-(?!form )\S+", text) == []  # the form comes after conversion
    html = markdown.markdown(text, extensions=EXTENSIONS)
    assert "<table>" in html
    # A table that Markdown failed to parse would show up as a paragraph of pipes.
    assert "<p>|" not in html


def test_every_calculator_has_a_page_with_all_its_markers() -> None:
    names = {page.stem for page in PAGES}
    # «programme» is the Zero Injury programme page: it joins calculators, it declares none.
    assert names == {"index", "programme", *CALCULATORS}
    for calculator_id in CALCULATORS:
        text = (REPO / "docs" / "calculators" / f"{calculator_id}.md").read_text(encoding="utf-8")
        for part in READER_PARTS:
            assert f"<!-- practices:calculator-{part} {calculator_id} -->" in text
        # Field ids are for developers only: on their page, never on the reader's.
        assert f"<!-- practices:calculator-fields {calculator_id} -->" in DEVELOPERS_PAGE.read_text(encoding="utf-8")
        assert "calculator-fields" not in text


@pytest.mark.parametrize(
    ("value", "decimals", "shown"),
    [
        (8.823529, 2, "8,82"),
        (1234567.891, 1, "1\u00a0234\u00a0567,9"),
        (1000, 0, "1000"),
        (-6.03, 2, "−6,03"),
        (-0.001, 2, "0,00"),
        (None, 2, "—"),
        (float("nan"), 2, "—"),
    ],
)
def test_russian_number_display(value: float | None, decimals: int, shown: str) -> None:
    assert display.number(value, decimals) == shown


def test_the_seminar_example_is_the_calculators_first_example() -> None:
    # docs/economics.md writes the worked example out by hand for a seminar; every figure must
    # be what the calculator gives for its first example (the one its form opens with).
    page = (REPO / "docs" / "economics.md").read_text(encoding="utf-8")
    calculator = CALCULATORS["economics"]
    example = calculator.examples[0]
    result = run(calculator, dict(example.inputs))

    def shown(value: float, decimals: int = 2) -> str:
        return display.number(value, decimals).replace("\u00a0", " ")

    values = result.values
    for line in (
        f"| **Итого потерь за год** | **{shown(values['total_losses'], 0)}** |",
        f"= **{shown(values['losses_per_victim'])} руб.**",
        f"= **{shown(values['losses_per_1000'])} руб.**",
        f"= **{shown(values['losses_wage_share'])} %**",
        f"ROP = {shown(example.inputs['prevention_benefits'], 0)} / {shown(example.inputs['prevention_costs'], 0)}"
        f" = **{shown(values['rop'])}**",
        f"= **{shown(values['payback_years'])} года** ({shown(values['payback_years'] * 12, 0)} месяцев)",
        f"| Потерянное рабочее время: {example.inputs['days_lost']} × {shown(example.inputs['day_cost'], 0)} |"
        f" {shown(values['lost_time_cost'], 0)} |",
        f"{example.inputs['headcount']} работников, фонд оплаты труда за год — "
        f"{shown(example.inputs['wage_fund'], 0)} руб.",
    ):
        assert line in page, line
    for field, label in (
        ("employer_payments", "Выплаты работодателя сверх социального страхования"),
        ("replacement_costs", "Замена отсутствующих"),
        ("equipment_damage", "Повреждённое оборудование и материалы"),
        ("downtime_costs", "Простой"),
        ("investigation_costs", "Расследование"),
        ("tariff_surcharge", "Надбавка к страховому тарифу"),
        ("other_losses", "Прочие потери"),
    ):
        assert f"| {label} | {shown(example.inputs[field], 0)} |" in page, field
    assert "fines" not in example.inputs and "Штрафов не было" in page


def test_a_formula_may_name_an_earlier_output_by_its_symbol() -> None:
    out = expand_markers("<!-- practices:calculator-outputs economics -->")
    assert "`П / T`" in out and "`П × 1000 / P`" in out
    examples = expand_markers("<!-- practices:calculator-examples economics -->")
    # The worked example substitutes the total: П / T = 800 000 / 3
    assert "`800\u00a0000 / 3`" in examples
