"""Card pages: golden HTML, the 13 official questions in order, inert card text."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from build_tools.cards.loading import parse_card
from build_tools.cards.schema import official_fields
from build_tools.site.render import CardPageRenderer
from tests.sites import FIXTURE_CARDS

GOLDEN = Path(__file__).parent / "golden"
TODAY = dt.date(2026, 11, 23)


def render_fixture(name: str) -> str:
    path = FIXTURE_CARDS / f"{name}.md"
    card, problems = parse_card(path.read_text(encoding="utf-8"), name, f"practices/{name}.md", TODAY)
    assert card is not None, problems
    return CardPageRenderer().render(
        card, catalogue_url="../../catalogue/", edit_url=f"https://example.org/edit/main/practices/{name}.md"
    )


def test_card_page_matches_golden_file() -> None:
    html = render_fixture("povedencheskie-audity-bezopasnosti")
    golden = GOLDEN / "povedencheskie-audity-bezopasnosti.html"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(html, encoding="utf-8")
    assert html == golden.read_text(encoding="utf-8"), "обновите: UPDATE_GOLDEN=1 pytest tests/test_card_page.py"


def test_thirteen_questions_in_official_order_with_their_explanations_as_hints() -> None:
    html = render_fixture("povedencheskie-audity-bezopasnosti")
    positions = [html.index(f"<span>{field.number}.</span> {field.label}") for field in official_fields()]
    assert positions == sorted(positions)
    assert html.count('class="practice-form__hint"') == sum(bool(field.hint) for field in official_fields()) == 5
    assert '<span class="practice-form__hint">(на круглом столе, конференции, ВКС и т.п.)</span>' in html


def test_card_text_is_inert() -> None:
    html = render_fixture("povedencheskie-audity-bezopasnosti")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "javascript:" not in html
    assert "<b>" not in html
    assert 'href="https://example.org/pravila"' in html


def test_front_matter_markup_is_escaped() -> None:
    text = (FIXTURE_CARDS / "povedencheskie-audity-bezopasnosti.md").read_text(encoding="utf-8")
    hostile = text.replace(
        "title: Поведенческие аудиты безопасности на складском комплексе",
        'title: "Аудиты <img src=x onerror=alert(1)> на складе"',
    ).replace("adoptions: Не выявлено.", 'adoptions: "<script>alert(1)</script>"')
    card, problems = parse_card(hostile, "hostile-card", "practices/hostile-card.md", TODAY)
    assert card is not None, problems
    html = CardPageRenderer().render(card, catalogue_url="../../catalogue/", edit_url=None)
    assert "<img src=x" not in html and "<script>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
