"""DOCX export: the official appendix table for each practice, alone or as a quarterly report.

The document follows the appendix of the methodological explanations (seed 000): per practice,
a two-column table whose 13 rows are the official questions word for word (bracketed explanations
included) in the official order, and the card's answers. The direction of the practice (seed 001)
is not a row of that table: it is a line above it. What the table has no row for goes where it
belongs without changing a row: the co-organisers in the answer to question 1 (the organisations
that introduced the practice), the sources the practice is described from after the table. A
report puts several practices in one document after a title block (reporting body, period), each
practice on its own page, and ends with the reporting body's signature block (executor, position,
telephone). Times New Roman 12, A4, as official documents are.

python-docx writes the package and the styles. The body is written as WordprocessingML and
parsed in one go: the site builds a DOCX for every card, and building each of a table's ~150
elements through python-docx's object API costs several milliseconds per card.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from xml.sax.saxutils import escape as xml_escape

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENTATION
from docx.opc.oxml import serialize_part_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Pt, RGBColor

from build_tools import formatting
from build_tools.cards.answers import NO_INFORMATION, is_no_information
from build_tools.cards.loading import Card
from build_tools.cards.schema import OPEN_LIST_FIELDS, direction, official_fields
from build_tools.exports.export_tabular import UrlOf
from build_tools.site import card_facts
from build_tools.site.catalogue import sorted_cards
from build_tools.site.render import labels

REPORT_TITLE = "Информация о внедрении и распространении передового опыта работы по улучшению условий и охраны труда"
BLANK_LINE = "______________________"
BODY_CAPTION = "(наименование органа местного самоуправления)"
PERIOD_CAPTION = "(отчётный период)"
EXAMPLE_NOTE = "Пример: организация вымышленная"
SOURCES_HEADING = "Источники сведений"
# The reporting body's signature block: (label, what the line is for).
SIGNATURE_LABELS = ("Исполнитель", "Должность", "Телефон")
AUTHOR = "Каталог передового опыта по охране труда"
FONT = "Times New Roman"
FONT_SIZE = Pt(12)
HEADING_STYLE_ID = "Heading1"  # python-docx's «Heading 1», restyled below
TABLE_STYLE_ID = "TableGrid"  # python-docx's «Table Grid»: thin borders on every cell
LABEL_WIDTH, ANSWER_WIDTH = Cm(6.0), Cm(10.5)  # A4 (21 cm) minus margins of 3 cm and 1.5 cm

# XML 1.0 forbids most control characters; YAML escapes could smuggle them into a card.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Parts of python-docx's default template that a plain document does not need: they are most of
# its size and of the time spent writing it.
_DROPPED_PARTS = (
    "stylesWithEffects",
    "customXml",
    "webSettings",
    "thumbnail",
    "theme",
    "numbering",
    "fontTable",
    "extended-properties",  # docProps/app.xml, which claims the file was written by Word for Mac
)
_DOCUMENT_PART = "word/document.xml"
_CORE_PART = "docProps/core.xml"
_KEPT_STYLES = {"Normal", "Default Paragraph Font", "Normal Table", "No List", "Table Grid", "heading 1"}


def answer_lines(card: Card, key: str) -> list[str]:
    """The answer to one official question as lines (paragraphs, list items, organisation parts)."""
    value = card.data[key]
    if key == "organization":
        org = card.organization
        section = card.okved_section
        activity = f"Вид экономической деятельности: {card.activity}"
        if section:
            activity += f" (раздел {section.letter} ОКВЭД 2)"
        lines = [org["name"], labels()["sector"][org["sector"]], activity]
        if card.employees is not None:
            lines.append(f"Среднесписочная численность: {formatting.employees_phrase(card.employees)}")
        if card.co_organizers:
            # Question 1 asks for the organisation that introduced the practice: those who did it
            # together with it belong here, the table has no other row for them.
            lines.append(f"{card_facts.CO_ORGANIZERS}:")
            lines.extend(card_facts.co_organizer_text(item) for item in card.co_organizers)
        return lines
    if key == "category":
        return [labels()["category"][code] for code in value]
    if is_no_information(value):
        return [NO_INFORMATION]
    if key in OPEN_LIST_FIELDS:
        items = [value] if isinstance(value, str) else value
        return [labels()[key].get(item, item) for item in items]
    return [line.strip() for line in value.strip().split("\n") if line.strip()]


@dataclass(frozen=True)
class Signature:
    """Who signs the report for the reporting body; a missing value is a line to fill in by hand."""

    executor: str | None = None  # «Исполнитель»: surname, name, patronymic
    position: str | None = None
    phone: str | None = None

    def lines(self) -> list[str]:
        values = (self.executor, self.position, self.phone)
        return [
            f"{label}: {(value or '').strip() or BLANK_LINE}"
            for label, value in zip(SIGNATURE_LABELS, values, strict=True)
        ]


class DocxWriter:
    """Writes DOCX files from one open base document, replacing its body for each file.

    Opening python-docx's template again for every file would cost more than writing the file:
    keep one writer for a whole build. Not thread-safe.
    """

    def __init__(self) -> None:
        base = _base_document()
        self._document: Document = docx.Document(io.BytesIO(base))
        # The package's other parts are the same in every file: python-docx's save would
        # serialise all of them again (most of the two milliseconds a file took); only the body
        # and the core properties change, and the rest is copied from the base package.
        with zipfile.ZipFile(io.BytesIO(base)) as package:
            self._parts = [(info.filename, package.read(info)) for info in package.infolist()]
        document_xml = dict(self._parts)[_DOCUMENT_PART].decode("utf-8")
        body_start = document_xml.index("<w:body>") + len("<w:body>")
        self._document_head = document_xml[:body_start]
        self._document_tail = document_xml[document_xml.index("<w:sectPr") :]
        # The body is generated text: check once that the tail really is the section's end.
        assert self._document_tail.endswith("</w:body></w:document>"), self._document_tail[-80:]

    def report(
        self,
        cards: Sequence[Card],
        *,
        body: str | None = None,
        period: str | None = None,
        url_of: UrlOf | None = None,
        signature: Signature | None = None,
    ) -> bytes:
        """All ``cards`` in one document: the title block, one practice per page, the signature block.

        ``body`` is the reporting body («Администрация … муниципального округа»), ``period``
        e.g. «за I квартал 2026 г.», ``signature`` who signs it; a missing one is a line to fill
        in by hand.
        """
        ordered = sorted_cards(cards)
        parts = [_title_block(body=body, period=period, count=len(ordered))]
        for number, card in enumerate(ordered, start=1):
            parts.append(
                _practice(
                    card,
                    heading=f"{number}. {card.title}" if len(ordered) > 1 else card.title,
                    page_break=number > 1,  # one practice per page, without an empty first page
                    url=url_of(card) if url_of else None,
                )
            )
        parts.append(_signature_block(signature or Signature()))
        title = (
            REPORT_TITLE if len(ordered) != 1 else f"{ordered[0].title}: {REPORT_TITLE[0].lower()}{REPORT_TITLE[1:]}"
        )
        return self._write("".join(parts), title=f"{title} {period}" if period else title)

    def card(self, card: Card, *, url_of: UrlOf | None = None) -> bytes:
        """One practice's appendix table, under the title block of its reporting quarter."""
        return self.report([card], period=f"за {formatting.quarter_label(card.quarter)}", url_of=url_of)

    def _write(self, body_xml: str, *, title: str) -> bytes:
        properties = self._document.core_properties
        # The file's «Title» property holds at most 255 characters (python-docx refuses more).
        title = _CONTROL.sub("", title)
        properties.title = title if len(title) <= 255 else title[:254] + "…"
        properties.created = properties.modified = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
        changed = {
            # Every string in body_xml went through xml_escape: the document is well-formed.
            _DOCUMENT_PART: f"{self._document_head}{body_xml}{self._document_tail}".encode(),
            _CORE_PART: serialize_part_xml(self._document.core_properties._element),
        }
        buffer = io.BytesIO()
        # The fastest deflate level: a thousand files a build, a few per cent larger each.
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
            for name, content in self._parts:
                package.writestr(name, changed.get(name, content))
        return buffer.getvalue()


def report_docx(
    cards: Sequence[Card],
    *,
    body: str | None = None,
    period: str | None = None,
    url_of: UrlOf | None = None,
    signature: Signature | None = None,
) -> bytes:
    """A report of ``cards``; see :meth:`DocxWriter.report`."""
    return DocxWriter().report(cards, body=body, period=period, url_of=url_of, signature=signature)


def card_docx(card: Card, *, url_of: UrlOf | None = None) -> bytes:
    """One practice's appendix table; see :meth:`DocxWriter.card`."""
    return DocxWriter().card(card, url_of=url_of)


# -- the body ----------------------------------------------------------------------------------


def _title_block(*, body: str | None, period: str | None, count: int) -> str:
    body = (body or "").strip()
    parts = [
        _paragraph(REPORT_TITLE, centre=True, bold=True, size=Pt(14)),
        _paragraph(body or BLANK_LINE, centre=True, before=Pt(12)),
    ]
    if not body:
        parts.append(_paragraph(BODY_CAPTION, centre=True, size=Pt(10)))
    parts.append(_paragraph(period or f"за {BLANK_LINE}", centre=True, before=Pt(6)))
    if not period:
        parts.append(_paragraph(PERIOD_CAPTION, centre=True, size=Pt(10)))
    if count > 1:
        parts.append(_paragraph(f"Количество практик: {count}", centre=True, before=Pt(6)))
    return "".join(parts)


def _practice(card: Card, *, heading: str, page_break: bool, url: str | None) -> str:
    parts = [_paragraph(heading, style=HEADING_STYLE_ID, page_break=page_break)]
    if card.is_example:
        parts.append(_paragraph(EXAMPLE_NOTE, italic=True))
    place = ", ".join(
        part for part in (card.country if card.is_foreign else None, card.region, card.municipality) if part
    )
    # The date ends with «г.», which ends the sentence too.
    introduced = f" Практика внедрена: {formatting.russian_partial_date(card.introduced)}" if card.introduced else ""
    facts = [
        f"{direction().label}: {'; '.join(labels()['category'][code] for code in card.categories)}",
        f"{place}.{introduced} Дата представления информации: {formatting.russian_date(card.date)}",
    ]
    if url and url.startswith(("https://", "http://")):  # a site-relative address means nothing on paper
        facts.append(f"Страница практики: {url}")
    parts.extend(_paragraph(fact, after=Pt(6) if i == len(facts) - 1 else None) for i, fact in enumerate(facts))
    parts.append(_appendix_table(card))
    parts.append(_sources(card))
    return "".join(parts)


def _sources(card: Card) -> str:
    """The publications the practice is described from, numbered, after its table."""
    if not card.sources:
        return ""
    heading = card_facts.FROM_PUBLICATIONS if card_facts.from_publications(card) else SOURCES_HEADING
    lines = [f"{number}. {card_facts.source_text(source)}" for number, source in enumerate(card.sources, start=1)]
    return _paragraph(f"{heading}:", before=Pt(12), after=Pt(3), keep_next=True) + "".join(
        _paragraph(line, after=Pt(3)) for line in lines
    )


def _signature_block(signature: Signature) -> str:
    lines = signature.lines()
    # Kept together on one page, never split from each other.
    return "".join(
        _paragraph(line, before=Pt(24) if i == 0 else Pt(6), keep_next=i < len(lines) - 1)
        for i, line in enumerate(lines)
    )


def _appendix_table(card: Card) -> str:
    rows = "".join(
        "<w:tr>" + _cell([field.question], LABEL_WIDTH) + _cell(answer_lines(card, field.key), ANSWER_WIDTH) + "</w:tr>"
        for field in official_fields()
    )
    return (
        f'<w:tbl><w:tblPr><w:tblStyle w:val="{TABLE_STYLE_ID}"/>'
        f'<w:tblW w:w="{LABEL_WIDTH.twips + ANSWER_WIDTH.twips}" w:type="dxa"/>'
        '<w:jc w:val="center"/><w:tblLayout w:type="fixed"/></w:tblPr>'
        f'<w:tblGrid><w:gridCol w:w="{LABEL_WIDTH.twips}"/><w:gridCol w:w="{ANSWER_WIDTH.twips}"/></w:tblGrid>'
        f"{rows}</w:tbl>"
    )


def _cell(lines: list[str], width: Length) -> str:
    # A little space between paragraphs of one answer; a cell must hold a paragraph, even empty.
    last = len(lines) - 1
    paragraphs = (
        "".join(_paragraph(line, after=Pt(3) if i < last else None) for i, line in enumerate(lines)) or "<w:p/>"
    )
    return f'<w:tc><w:tcPr><w:tcW w:w="{width.twips}" w:type="dxa"/></w:tcPr>{paragraphs}</w:tc>'


def _paragraph(
    text: str,
    *,
    style: str | None = None,
    page_break: bool = False,
    keep_next: bool = False,
    before: Length | None = None,
    after: Length | None = None,
    centre: bool = False,
    bold: bool = False,
    italic: bool = False,
    size: Length | None = None,
) -> str:
    # Child elements in the order the WordprocessingML schema requires.
    paragraph_properties = "".join(
        (
            f'<w:pStyle w:val="{style}"/>' if style else "",
            "<w:keepNext/>" if keep_next else "",
            "<w:pageBreakBefore/>" if page_break else "",
            _spacing(before, after),
            '<w:jc w:val="center"/>' if centre else "",
        )
    )
    half_points = round(size.pt * 2) if size is not None else None
    run_properties = "".join(
        (
            "<w:b/>" if bold else "",
            "<w:i/>" if italic else "",
            f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>' if half_points else "",
        )
    )
    text = xml_escape(_CONTROL.sub("", text.replace("\t", " ")))
    return (
        "<w:p>"
        + (f"<w:pPr>{paragraph_properties}</w:pPr>" if paragraph_properties else "")
        + "<w:r>"
        + (f"<w:rPr>{run_properties}</w:rPr>" if run_properties else "")
        + f'<w:t xml:space="preserve">{text}</w:t></w:r></w:p>'
    )


def _spacing(before: Length | None, after: Length | None) -> str:
    if before is None and after is None:
        return ""
    attributes = "".join(
        f' w:{name}="{round(value.pt * 20)}"' for name, value in (("before", before), ("after", after)) if value
    )
    return f"<w:spacing{attributes}/>"


# -- the base document ------------------------------------------------------------------------


@cache
def _base_document() -> bytes:
    """python-docx's default document, trimmed and set up for Russian official papers."""
    document = docx.Document()
    part = document.part
    for rels in (part.rels, part.package.rels):
        for r_id, rel in list(rels.items()):
            if rel.reltype.endswith(_DROPPED_PARTS):
                del rels[r_id]  # a part nothing refers to is not written
    styles = document.styles.element
    for child in list(styles):
        if child.tag == qn("w:latentStyles"):
            styles.remove(child)
        elif child.tag == qn("w:style"):
            name = child.find(qn("w:name"))
            if name is None or name.get(qn("w:val")) not in _KEPT_STYLES:
                styles.remove(child)
    _set_styles(document)

    section = document.sections[0]
    section.orientation = WD_ORIENTATION.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3.0), Cm(1.5)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)

    properties = document.core_properties
    properties.author = AUTHOR
    properties.last_modified_by = AUTHOR
    properties.language = "ru-RU"
    properties.comments = ""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _set_styles(document: Document) -> None:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(run_defaults)
    for tag in ("w:sz", "w:szCs"):
        _child(run_defaults, tag).set(qn("w:val"), str(round(FONT_SIZE.pt * 2)))
    # Russian spelling and hyphenation in the word processor.
    _child(run_defaults, "w:lang").set(qn("w:val"), "ru-RU")

    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = FONT_SIZE
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0

    heading = document.styles["Heading 1"]
    link = heading.element.find(qn("w:link"))
    if link is not None:
        heading.element.remove(link)  # its character style «Heading 1 Char» was dropped
    _set_fonts(heading.element.get_or_add_rPr())
    heading.font.size = Pt(14)
    heading.font.bold = True
    heading.font.color.rgb = RGBColor(0, 0, 0)
    heading.paragraph_format.space_before = Pt(12)
    heading.paragraph_format.space_after = Pt(6)
    heading.paragraph_format.keep_with_next = True


def _set_fonts(run_properties) -> None:  # an lxml <w:rPr>
    fonts = run_properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = run_properties.makeelement(qn("w:rFonts"), {})
        run_properties.insert(0, fonts)
    for attribute in list(fonts.attrib):
        if attribute.lower().endswith("theme"):  # a theme font would win over the named one
            del fonts.attrib[attribute]
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)


def _child(parent, tag: str):  # lxml elements
    child = parent.find(qn(tag))
    if child is None:
        child = parent.makeelement(qn(tag), {})
        parent.append(child)
    return child
