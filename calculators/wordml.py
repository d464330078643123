"""A small DOCX writer on the standard library: headings, paragraphs, tables, page orientation.

The calculators run in Pyodide, where python-docx is not available, so the programme document is
written here as WordprocessingML (ECMA-376) in a ``zipfile``: the parts Word and LibreOffice need
to open and edit a document (content types, relationships, document, styles, settings, core and
app properties) and nothing else. Headings use the built-in «heading 1/2» styles, so both editors
show them in their navigation; numbering is plain text, so an edit never renumbers the document.

The bytes depend only on the content: every zip entry carries the same date (1980-01-01, the
earliest a zip can hold) and the properties carry no creation time.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

FONT = "Times New Roman"
BODY_SIZE = 24  # half-points: 12 pt
TABLE_SIZE = 20  # 10 pt
FIRST_LINE = 709  # twips: 1.25 cm, the usual paragraph indent of Russian documents

# A4 in twips (1/20 pt) and the margins of each orientation: (top, right, bottom, left).
A4_SHORT, A4_LONG = 11906, 16838
PORTRAIT_MARGINS = (1134, 850, 1134, 1701)
LANDSCAPE_MARGINS = (1134, 1134, 850, 1134)

_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
# XML 1.0 forbids most control characters; a pasted text may carry them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ALIGNMENTS = {"left", "center", "right", "both"}


@dataclass(frozen=True)
class Run:
    """A piece of text with one formatting; ``script`` is ``"sub"``, ``"sup"`` or empty."""

    text: str
    bold: bool = False
    italic: bool = False
    script: str = ""


Content = str | Run | Sequence[str | Run]


@dataclass(frozen=True)
class Cell:
    """A table cell: each item of ``lines`` is a paragraph. ``merge`` is ``"restart"`` on the first
    cell of a vertical merge and ``"continue"`` on the cells it covers."""

    lines: tuple[Content, ...] = ("",)
    span: int = 1
    merge: str = ""
    bold: bool = False
    align: str = "left"
    shade: bool = False


def cell(text: Content = "", **options: object) -> Cell:
    """A one-paragraph cell."""
    return Cell((text,), **options)  # type: ignore[arg-type]


def _clean(text: str) -> str:
    return _CONTROL.sub("", text)


def _runs(content: Content, bold: bool = False, italic: bool = False) -> str:
    items: Sequence[str | Run] = [content] if isinstance(content, str | Run) else content
    out = []
    for item in items:
        run = Run(item, bold, italic) if isinstance(item, str) else item
        out.append(_run(run, bold or run.bold, italic or run.italic))
    return "".join(out)


def _run(run: Run, bold: bool, italic: bool) -> str:
    properties = ""
    if bold:
        properties += "<w:b/><w:bCs/>"
    if italic:
        properties += "<w:i/><w:iCs/>"
    if run.script == "sub":
        properties += '<w:vertAlign w:val="subscript"/>'
    elif run.script == "sup":
        properties += '<w:vertAlign w:val="superscript"/>'
    head = f"<w:r><w:rPr>{properties}</w:rPr>" if properties else "<w:r>"
    # Line breaks and tabs typed in a text stay line breaks and tabs in the document.
    pieces = []
    for number, line in enumerate(_clean(run.text).split("\n")):
        if number:
            pieces.append("<w:br/>")
        for index, part in enumerate(line.split("\t")):
            if index:
                pieces.append("<w:tab/>")
            if part:
                pieces.append(f'<w:t xml:space="preserve">{escape(part)}</w:t>')
    return head + "".join(pieces) + "</w:r>"


def _paragraph(
    content: Content,
    *,
    style: str = "",
    align: str = "",
    bold: bool = False,
    italic: bool = False,
    first_line: bool = False,
    keep_next: bool = False,
    page_break: bool = False,
    space_after: int | None = None,
) -> str:
    properties = ""
    if style:
        properties += f'<w:pStyle w:val="{style}"/>'
    if keep_next:
        properties += "<w:keepNext/>"
    if page_break:
        properties += "<w:pageBreakBefore/>"
    if space_after is not None:
        properties += f'<w:spacing w:after="{space_after}"/>'
    if first_line:
        properties += f'<w:ind w:firstLine="{FIRST_LINE}"/>'
    if align:
        if align not in _ALIGNMENTS:
            raise ValueError(f"alignment {align!r}")
        properties += f'<w:jc w:val="{align}"/>'
    head = f"<w:p><w:pPr>{properties}</w:pPr>" if properties else "<w:p>"
    return head + _runs(content, bold, italic) + "</w:p>"


def _section_properties(landscape: bool) -> str:
    if landscape:
        size = f'<w:pgSz w:w="{A4_LONG}" w:h="{A4_SHORT}" w:orient="landscape"/>'
        top, right, bottom, left = LANDSCAPE_MARGINS
    else:
        size = f'<w:pgSz w:w="{A4_SHORT}" w:h="{A4_LONG}"/>'
        top, right, bottom, left = PORTRAIT_MARGINS
    margins = (
        f'<w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}" '
        'w:header="709" w:footer="709" w:gutter="0"/>'
    )
    return f"<w:sectPr>{size}{margins}</w:sectPr>"


def text_width(landscape: bool) -> int:
    """The width between the margins, in twips."""
    _, right, _, left = LANDSCAPE_MARGINS if landscape else PORTRAIT_MARGINS
    return (A4_LONG if landscape else A4_SHORT) - right - left


class DocumentWriter:
    """Builds a document top to bottom; ``to_bytes()`` gives the DOCX."""

    def __init__(self, title: str) -> None:
        self.document_title = title
        self._body: list[str] = []
        self._landscape = False

    # -- blocks ------------------------------------------------------------------------------

    def title(self, text: str) -> None:
        self._body.append(_paragraph(text, style="Title"))

    def heading(self, text: str, level: int = 1, *, page_break: bool = False) -> None:
        self._body.append(_paragraph(text, style=f"Heading{level}", page_break=page_break))

    def paragraph(
        self,
        content: Content,
        *,
        align: str = "both",
        bold: bool = False,
        italic: bool = False,
        first_line: bool = True,
        keep_next: bool = False,
        page_break: bool = False,
        space_after: int | None = None,
    ) -> None:
        self._body.append(
            _paragraph(
                content,
                align=align,
                bold=bold,
                italic=italic,
                first_line=first_line,
                keep_next=keep_next,
                page_break=page_break,
                space_after=space_after,
            )
        )

    def table(self, rows: Sequence[Sequence[Cell]], weights: Sequence[float], header_rows: int = 1) -> None:
        """A bordered table across the text width; ``weights`` give the columns' shares of it."""
        total = sum(weights)
        available = text_width(self._landscape)
        widths = [int(available * weight / total) for weight in weights]
        grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
        out = [
            "<w:tbl><w:tblPr>"
            '<w:tblStyle w:val="TableGrid"/>'
            f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
            '<w:tblLayout w:type="fixed"/>'
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
            'w:noHBand="0" w:noVBand="1"/>'
            f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
        ]
        for number, row in enumerate(rows):
            header = number < header_rows
            out.append("<w:tr><w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if header else "") + "</w:trPr>")
            column = 0
            for item in row:
                width = sum(widths[column : column + item.span])
                column += item.span
                out.append(self._cell(item, width, header))
            if column != len(widths):
                raise ValueError(f"row {number} covers {column} columns of {len(widths)}")
            out.append("</w:tr>")
        out.append("</w:tbl>")
        self._body.append("".join(out))
        # Word wants a paragraph between a table and whatever follows it.
        self._body.append(_paragraph("", style="TableText"))

    @staticmethod
    def _cell(item: Cell, width: int, header: bool) -> str:
        properties = f'<w:tcW w:w="{width}" w:type="dxa"/>'
        if item.span > 1:
            properties += f'<w:gridSpan w:val="{item.span}"/>'
        if item.merge == "restart":
            properties += '<w:vMerge w:val="restart"/>'
        elif item.merge == "continue":
            properties += "<w:vMerge/>"
        if item.shade or header:
            properties += '<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/>'
        properties += '<w:vAlign w:val="center"/>' if header else ""
        lines = item.lines if item.lines else ("",)
        align = "center" if header else item.align
        paragraphs = "".join(
            _paragraph(line, style="TableText", align=align, bold=item.bold or header) for line in lines
        )
        return f"<w:tc><w:tcPr>{properties}</w:tcPr>{paragraphs}</w:tc>"

    def new_section(self, *, landscape: bool) -> None:
        """End the current section (its pages keep their orientation); the next starts on a new page."""
        self._body.append(f"<w:p><w:pPr>{_section_properties(self._landscape)}</w:pPr></w:p>")
        self._landscape = landscape

    # -- the package ------------------------------------------------------------------------------

    def document_xml(self) -> str:
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>'
            + "".join(self._body)
            + _section_properties(self._landscape)
            + "</w:body></w:document>"
        )

    def to_bytes(self) -> bytes:
        parts = {
            "[Content_Types].xml": CONTENT_TYPES,
            "_rels/.rels": PACKAGE_RELATIONSHIPS,
            "docProps/app.xml": APP_PROPERTIES,
            "docProps/core.xml": _core_properties(self.document_title),
            "word/_rels/document.xml.rels": DOCUMENT_RELATIONSHIPS,
            "word/document.xml": self.document_xml(),
            "word/settings.xml": SETTINGS,
            "word/styles.xml": STYLES,
        }
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, text in parts.items():
                info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
                info.external_attr = 0o644 << 16
                archive.writestr(info, text.encode("utf-8"), compress_type=zipfile.ZIP_DEFLATED)
        return buffer.getvalue()


def _core_properties(title: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(_clean(title))}</dc:title><dc:language>ru-RU</dc:language>"
        "</cp:coreProperties>"
    )


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/word/document.xml" ContentType="{MIME}.main+xml"/>'
    '<Override PartName="/word/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/docProps/core.xml" '
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "</Types>"
)

PACKAGE_RELATIONSHIPS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
    'core-properties" Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)

DOCUMENT_RELATIONSHIPS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'styles" Target="styles.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'settings" Target="settings.xml"/>'
    "</Relationships>"
)

APP_PROPERTIES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>Передовой опыт по охране труда</Application></Properties>"
)

SETTINGS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:settings xmlns:w="{W_NS}">'
    '<w:defaultTabStop w:val="708"/>'
    '<w:characterSpacingControl w:val="doNotCompress"/>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" '
    'w:val="15"/></w:compat>'
    '<w:themeFontLang w:val="ru-RU"/>'
    "</w:settings>"
)

_FONTS = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'


def _size(half_points: int) -> str:
    return f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'


def _heading_style(level: int, size: int) -> str:
    return (
        f'<w:style w:type="paragraph" w:styleId="Heading{level}"><w:name w:val="heading {level}"/>'
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>'
        '<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="120"/><w:jc w:val="center"/>'
        f'<w:outlineLvl w:val="{level - 1}"/></w:pPr><w:rPr><w:b/><w:bCs/>{_size(size)}</w:rPr></w:style>'
    )


STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:styles xmlns:w="{W_NS}">'
    "<w:docDefaults>"
    f'<w:rPrDefault><w:rPr>{_FONTS}{_size(BODY_SIZE)}<w:lang w:val="ru-RU" w:eastAsia="ru-RU" w:bidi="ar-SA"/>'
    "</w:rPr></w:rPrDefault>"
    '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
    "</w:docDefaults>"
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
    '<w:pPr><w:spacing w:after="120"/></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/>'
    '<w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:before="240" w:after="240"/><w:jc w:val="center"/>'
    f"</w:pPr><w:rPr><w:b/><w:bCs/>{_size(32)}</w:rPr></w:style>"
    + _heading_style(1, 26)
    + _heading_style(2, 24)
    + '<w:style w:type="paragraph" w:customStyle="1" w:styleId="TableText"><w:name w:val="Table Text"/>'
    '<w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="0"/></w:pPr>'
    f"<w:rPr>{_size(TABLE_SIZE)}</w:rPr></w:style>"
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
    '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>'
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
    '<w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
    '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
    "</w:tblCellMar></w:tblPr></w:style>"
    '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/>'
    "<w:tblPr><w:tblBorders>"
    + "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    + "</w:tblBorders></w:tblPr></w:style>"
    "</w:styles>"
)
