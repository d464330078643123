"""Catalogue statistics: practices by region, direction, year, golden rule, real or example and
foreign country; how completely the cards answer the 13 questions (per card, region and question).

Charts are SVG strings made at build time: no script, text in ``currentColor`` and bars in the
theme's primary colour (a CSS variable with a fixed fallback), so they read in the light and the
dark palette alike. Every label is escaped; the tables under the charts carry the same numbers
for screen readers and for copying.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import quote

from build_tools import formatting
from build_tools.cards.answers import NO_INFORMATION
from build_tools.cards.loading import Card
from build_tools.cards.schema import official_fields
from build_tools.site.catalogue import FACETS, Facet, facet_values
from build_tools.site.render import labels

BAR_COLOUR = "#009688"  # Material's teal; practices.css replaces it with the theme's primary colour
NOT_GIVEN = "не указаны"

# Chart geometry, in SVG user units (= CSS pixels at full width).
_WIDTH = 720
_FONT_SIZE = 13
_CHAR_WIDTH = 7.5  # a generous average width of a Cyrillic letter at 13 px
_LINE_HEIGHT = 17
_BAR_HEIGHT = 14
_GAP = 8
_COUNT_ROOM = 48  # right of the longest bar, for its number


@dataclass(frozen=True)
class Count:
    value: str | None  # the catalogue filter value; None for «не указаны»
    label: str
    count: int


@dataclass(frozen=True)
class Breakdown:
    facet: str  # the catalogue facet id, also the URL parameter of the catalogue's filter
    title: str  # the section heading
    column: str  # the table's first column header
    counts: tuple[Count, ...]
    note: str | None = None


_SECTIONS = (
    # facet id, heading, table column, order, note
    ("region", "По субъектам Российской Федерации", "Субъект Российской Федерации", "count", None),
    (
        "category",
        "По направлениям передового опыта",
        "Направление",
        "declared",
        "Практика может относиться к нескольким направлениям, поэтому сумма больше числа практик.",
    ),
    ("year", "По годам представления информации", "Год", "value", None),
    ("kind", "Реальные практики и примеры", "Карточки", "declared", "Организации в примерах вымышленные."),
    (
        "country",
        "Зарубежный опыт",
        "Страна",
        "count",
        "Зарубежные практики не входят в региональный отчёт и в разбивку по субъектам Российской Федерации.",
    ),
    (
        "rule",
        "По «золотым правилам» Vision Zero",
        "«Золотое правило»",
        "declared",
        "Практика может служить нескольким правилам или ни одному из указанных.",
    ),
)


def breakdowns(cards: Sequence[Card]) -> list[Breakdown]:
    """The breakdowns, counted with the catalogue's own facets (so the links filter the same cards).

    A breakdown with nothing to count (no foreign practice) is left out.
    """
    facets = {facet.id: facet for facet in FACETS}
    result = []
    for facet_id, title, column, order, note in _SECTIONS:
        counts = tuple(_count(facets[facet_id], cards, order))
        if counts:
            result.append(Breakdown(facet_id, title, column, counts, note))
    return result


def _count(facet: Facet, cards: Sequence[Card], order: str) -> list[Count]:
    counts: dict[str, int] = {}
    missing = 0
    for card in cards:
        values = facet.values_of(card)
        missing += not values
        for value in values:
            counts[value] = counts.get(value, 0) + 1
    items = [Count(value, facet.label_of(value), count) for value, count in counts.items()]
    if order == "count":
        items.sort(key=lambda item: (-item.count, item.label))
    elif order == "value":
        items.sort(key=lambda item: item.value or "")
    else:  # the order the panel declares (real before examples, directions, rules 1–7)
        declared = [item.value for item in facet_values(facet, cards)]
        items.sort(key=lambda item: declared.index(item.value or ""))
    if missing and facet.id == "rule":
        items.append(Count(None, NOT_GIVEN, missing))
    return items


# -- SVG -------------------------------------------------------------------------------------


def bar_chart_svg(breakdown: Breakdown) -> str:
    """A horizontal bar chart of one breakdown.

    Short labels (regions, years) sit left of their bars; long ones (directions, rules) above.
    """
    counts = breakdown.counts
    title = f"{breakdown.title}: диаграмма (числа — в таблице под ней)"
    if not counts:
        return ""
    longest = max(len(item.label) for item in counts)
    side = longest * _CHAR_WIDTH <= _WIDTH * 0.45
    label_width = round(longest * _CHAR_WIDTH) + _GAP if side else 0
    bar_room = _WIDTH - label_width - _COUNT_ROOM
    top = max(item.count for item in counts)
    max_chars = int(_WIDTH / _CHAR_WIDTH)

    rows: list[str] = []
    y = _GAP
    for item in counts:
        bar_width = max(round(bar_room * item.count / top), 2) if item.count else 0
        if side:
            text_y = y + _BAR_HEIGHT - 3
            rows.append(f'<text x="{label_width - _GAP}" y="{text_y}" text-anchor="end">{_escape(item.label)}</text>')
            bar_y = y
        else:
            lines = _wrap(item.label, max_chars)
            for number, line in enumerate(lines):
                rows.append(f'<text x="0" y="{y + _LINE_HEIGHT * (number + 1) - 4}">{_escape(line)}</text>')
            bar_y = y + _LINE_HEIGHT * len(lines)
        rows.append(
            f'<rect class="stats-chart__bar" x="{label_width}" y="{bar_y}" width="{bar_width}" '
            f'height="{_BAR_HEIGHT}" fill="{BAR_COLOUR}">'
            f"<title>{_escape(item.label)}: {_shown_count(item.count)}</title></rect>"
        )
        rows.append(
            f'<text x="{label_width + bar_width + 6}" y="{bar_y + _BAR_HEIGHT - 3}">{_shown_count(item.count)}</text>'
        )
        y = bar_y + _BAR_HEIGHT + _GAP
    height = y + _GAP
    return (
        f'<svg class="stats-chart__svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH} {height}" '
        f'width="{_WIDTH}" height="{height}" role="img" aria-label="{_escape(title)}" '
        f'font-size="{_FONT_SIZE}" fill="currentColor">'
        f"<title>{_escape(title)}</title>"
        f'<line x1="{label_width}" y1="0" x2="{label_width}" y2="{height}" stroke="currentColor" '
        f'stroke-opacity="0.35"/>' + "".join(rows) + "</svg>"
    )


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return [*lines, current] if current else lines or [""]


def _escape(text: str) -> str:
    return html.escape(text, quote=True)


# -- the page ---------------------------------------------------------------------------------


def statistics_markdown(
    cards: Sequence[Card],
    *,
    catalogue_link: str = "catalogue.md",
    card_link: Callable[[Card], str] | None = None,
) -> str:
    """The statistics page's generated part: a summary, a chart and a table per breakdown, then
    how completely the cards answer the 13 questions.

    ``catalogue_link`` is the catalogue page as a Markdown link target from the statistics page;
    each table row links to the catalogue filtered by that value. ``card_link`` gives a card's
    page as a link target (by default ``practices/<id>.md``).
    """
    if not cards:
        return "В каталоге пока нет практик.\n"
    total = len(cards)
    sectors = {code: 0 for code in labels()["sector"]}
    for card in cards:
        sectors[card.organization["sector"]] += 1
    sector_text = ", ".join(
        f"{label.lower()} — {sectors[code]}" for code, label in labels()["sector"].items() if sectors[code]
    )
    regions = {card.region for card in cards if not card.is_foreign}
    examples = sum(card.is_example for card in cards)
    foreign = sum(card.is_foreign for card in cards)
    lines = [
        f"Всего практик в каталоге: **{_shown_count(total)}**, из них {sector_text}. "
        f"Реальных практик — **{total - examples}**, примеров с вымышленными организациями — **{examples}**. "
        f"Субъектов Российской Федерации: **{len(regions)}**"
        + (f"; зарубежных практик — **{foreign}**. " if foreign else ". ")
        + f"Сведения представлены с {formatting.russian_date(min(c.date for c in cards))} "
        # The date already ends with «г.»: no second full stop.
        f"по {formatting.russian_date(max(c.date for c in cards))}",
        "",
    ]
    for breakdown in breakdowns(cards):
        lines += [f"## {breakdown.title}", ""]
        if breakdown.note:
            lines += [breakdown.note, ""]
        lines += [f'<div class="stats-chart">{bar_chart_svg(breakdown)}</div>', ""]
        lines += _table(breakdown, total, catalogue_link)
        lines.append("")
    lines += completeness_markdown(cards, card_link or (lambda card: f"practices/{card.id}.md"))
    return "\n".join(lines)


def _table(breakdown: Breakdown, total: int, catalogue_link: str) -> list[str]:
    ranked = breakdown.facet == "region"  # «where a region stands» is its place
    header = (["Место"] if ranked else []) + [breakdown.column, "Практик", "Доля"]
    align = (["---:"] if ranked else []) + [":---", "---:", "---:"]
    rows = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    place = 0
    previous = None
    for index, item in enumerate(breakdown.counts, start=1):
        if item.count != previous:
            place, previous = index, item.count  # equal counts share a place: 1, 2, 2, 4
        label = _md(item.label)
        if item.value is not None:
            label = f"[{label}]({catalogue_link}?{breakdown.facet}={quote(item.value)})"
        share = _percent(item.count / total * 100)
        cells = ([str(place)] if ranked else []) + [label, _shown_count(item.count), share]
        rows.append("| " + " | ".join(cells) + " |")
    return rows


def _shown_count(value: int) -> str:
    """A count in the site's number style (12 000 with a no-break space)."""
    return formatting.russian_number(value, 0)


def _percent(value: float) -> str:
    return formatting.russian_percent(value, 1)


def _md(text: str) -> str:
    # Labels come from fixed lists, but a table cell must never be split or marked up by one.
    escaped = html.escape(text, quote=False)
    return re.sub(r"([\\`*_{}\[\]()#+!|])", r"\\\1", escaped)


# -- completeness -------------------------------------------------------------------------------

FOREIGN_ROW = "Зарубежный опыт"


@dataclass(frozen=True)
class Completeness:
    label: str  # a region, «Зарубежный опыт», or a number of answered questions
    practices: int
    no_information: int  # answers «нет сведений» among the practices' answers
    questions: int  # official questions per card (13)

    @property
    def answered_share(self) -> float:
        """Answers other than «нет сведений» among all the answers of these practices, in per cent."""
        return (1 - self.no_information / (self.practices * self.questions)) * 100


def completeness_by_region(cards: Sequence[Card]) -> list[Completeness]:
    """Per subject of the Federation (by name), foreign practice together at the end."""
    groups: dict[str, list[Card]] = {}
    for card in cards:
        groups.setdefault(FOREIGN_ROW if card.is_foreign else card.region or "", []).append(card)
    names = sorted((name for name in groups if name != FOREIGN_ROW), key=str.casefold)
    if FOREIGN_ROW in groups:
        names.append(FOREIGN_ROW)
    return [_completeness(name, groups[name]) for name in names]


def completeness_distribution(cards: Sequence[Card]) -> list[Completeness]:
    """How many practices answer 13 questions, 12, … (most complete first; only counts that occur)."""
    groups: dict[int, list[Card]] = {}
    for card in cards:
        groups.setdefault(card.completeness[0], []).append(card)
    return [_completeness(str(answered), groups[answered]) for answered in sorted(groups, reverse=True)]


def no_information_by_question(cards: Sequence[Card]) -> list[tuple[int, str, int]]:
    """(question number, its title, practices answering it «нет сведений») for each of the 13."""
    return [
        (field.number, field.label, sum(card.says_no_information(field.key) for card in cards))
        for field in official_fields()
    ]


def _completeness(label: str, cards: Sequence[Card]) -> Completeness:
    questions = cards[0].completeness[1]
    missing = sum(card.completeness[1] - card.completeness[0] for card in cards)
    return Completeness(label, len(cards), missing, questions)


def completeness_markdown(cards: Sequence[Card], card_link: Callable[[Card], str]) -> list[str]:
    questions = len(official_fields())
    total = len(cards)
    lines = [
        "## Полнота сведений",
        "",
        f"Сколько из {questions} вопросов структуры карточка отвечает по существу. Ответ «{NO_INFORMATION}» "
        "означает, что источник на вопрос не отвечает (так бывает у практик, описанных по публикациям); "
        "пустых ответов у карточки не бывает.",
        "",
        "| Вопросов с ответом | Практик | Доля |",
        "| :--- | ---: | ---: |",
    ]
    for item in completeness_distribution(cards):
        share = _percent(item.practices / total * 100)
        lines.append(f"| {item.label} из {questions} | {_shown_count(item.practices)} | {share} |")
    lines += [
        "",
        "### Полнота по субъектам Российской Федерации",
        "",
        f"Полнота — доля ответов по существу среди всех ответов практик субъекта (практик × {questions}).",
        "",
        f"| Субъект Российской Федерации | Практик | Ответов «{NO_INFORMATION}» | Полнота |",
        "| :--- | ---: | ---: | ---: |",
    ]
    for item in completeness_by_region(cards):
        share = _percent(item.answered_share)
        lines.append(
            f"| {_md(item.label)} | {_shown_count(item.practices)} | {_shown_count(item.no_information)} | {share} |"
        )
    lines += [
        "",
        "### Вопросы без сведений",
        "",
        f"| № | Вопрос | Практик с ответом «{NO_INFORMATION}» |",
        "| ---: | :--- | ---: |",
    ]
    lines += [f"| {number} | {_md(label)} | {count} |" for number, label, count in no_information_by_question(cards)]
    incomplete = sorted(
        (card for card in cards if card.completeness[0] < card.completeness[1]),
        key=lambda card: (card.completeness[0], card.title.casefold()),
    )
    if incomplete:
        lines += [
            "",
            f'??? info "По карточкам: практики с ответами «{NO_INFORMATION}» ({len(incomplete)})"',
            "",
            "    | Практика | Вопросов с ответом | Вопросы без сведений (номера) |",
            "    | :--- | ---: | :--- |",
        ]
        for card in incomplete:
            missing = ", ".join(str(f.number) for f in official_fields() if card.says_no_information(f.key))
            answered, of = card.completeness
            lines.append(f"    | [{_md(card.title)}]({card_link(card)}) | {answered} из {of} | {missing} |")
    lines.append("")
    return lines
