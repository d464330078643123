"""The «Нулевой травматизм» programme: the DOCX read back with python-docx, the yearly report, bad input.

The expected wording is written out here from seed 003, not taken from ``programme_template``, so
that a slip in the template fails a test. E_i figures are worked by hand in the comments.
"""

from __future__ import annotations

import copy
import io
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest

from calculators.programme import assess, document, report, view

REPO = Path(__file__).resolve().parents[2]
PROGRAMME = REPO / "tests" / "fixtures" / "programme.json"

# Seed 003, word for word apart from «ёлочки» for its straight quotes.
SEED_SECTIONS = [
    "1. Общие положения",
    "2. Паспорт программы",
    "3. Цели и задачи программы",
    "4. Показатели (индикаторы) достижения целей и решения задач программы",
    "5. Перечень мероприятий программы",
    "6. Обоснование ресурсного обеспечения программы",
    "7. Анализ рисков реализации программы и описание мер управления рисками",
    "8. Оценка уровня реализации программы",
]
APPENDIX_1_TITLE = "Целевые показатели (индикаторы) достижения целей и решения задач программы"
APPENDIX_2_TITLE = "Перечень мероприятий программы «Нулевой травматизм»"
SEED_RULES = [
    "3.1.1. Стать лидером – показать приверженность принципам;",
    "3.1.7. Инвестировать в кадры – мотивировать посредством участия.",
]
SEED_GOAL_1 = "3.2.1. Снижение и недопущение общего производственного травматизма;"
SEED_TASK_8 = (
    "3.3.8. Снижение рисков применения штрафных санкций по результатам проверок со стороны органов, "
    "осуществляющих государственный надзор за соблюдением трудового законодательства."
)
KCH_NAME = (
    "Коэффициент частоты производственного травматизма (численность пострадавших в результате несчастных "
    "случаев на производстве с утратой трудоспособности на один рабочий день и более и со смертельным "
    "исходом в расчете на 1 тыс. работающих)"
)


def programme() -> dict[str, Any]:
    return json.loads(PROGRAMME.read_text(encoding="utf-8"))


def read(content: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(content))


def cells(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def headings(document_: docx.document.Document) -> list[str]:
    return [p.text for p in document_.paragraphs if p.style.name.startswith("Heading")]


def body_text(document_: docx.document.Document) -> str:
    return "\n".join(p.text for p in document_.paragraphs)


def table_after(document_: docx.document.Document, heading: str):
    """The first table that follows the paragraph ``heading`` in the body."""
    body = document_.element.body
    seen = False
    for element in body.iterchildren():
        if element.tag.endswith("}p") and docx.text.paragraph.Paragraph(element, document_).text == heading:
            seen = True
        elif seen and element.tag.endswith("}tbl"):
            return docx.table.Table(element, document_)
    raise AssertionError(f"no table after «{heading}»")


def build(raw: dict[str, Any]) -> docx.document.Document:
    return read(document(json.dumps(raw, ensure_ascii=False)))


# -- the programme document ------------------------------------------------------------------------


def test_every_section_of_the_seed_in_order_then_both_appendices() -> None:
    doc = build(programme())
    found = headings(doc)
    sections = [text for text in found if text in SEED_SECTIONS]
    assert sections == SEED_SECTIONS
    assert found.index(APPENDIX_1_TITLE) > found.index(SEED_SECTIONS[-1])
    assert found.index(APPENDIX_2_TITLE) > found.index(APPENDIX_1_TITLE)
    text = body_text(doc)
    lines = text.split("\n")
    for appendix in ("Приложение 1", "Приложение 2"):
        assert lines[lines.index(appendix) + 1] == "к программе «Нулевой травматизм»"
    # The sections carry the seed's text: the golden rules, goals and tasks (the template's defaults).
    for line in [*SEED_RULES, SEED_GOAL_1, SEED_TASK_8]:
        assert line in lines, line
    assert "Оценка уровня реализации мероприятий программы проводится по каждому показателю" in text


def test_passport_holds_the_organisations_values() -> None:
    doc = build(programme())
    passport = dict((row[0], row[1]) for row in cells(table_after(doc, "2. Паспорт программы")))
    assert list(passport) == [
        "Наименование программы",
        "Утверждающий локальный правовой акт",
        "Цели",
        "Задачи",
        "Целевые индикаторы (показатели)",
        "Сроки реализации",
        "Объемы финансирования",
    ]
    assert passport["Наименование программы"] == "Программа «Нулевой травматизм»"
    assert passport["Утверждающий локальный правовой акт"] == "приказ генерального директора от 20.12.2024 № 145"
    assert passport["Сроки реализации"] == "2025–2027 годы"
    # 1200 + 1350,5 + 1400 = 3950,5 тыс. руб.
    assert passport["Объемы финансирования"].split("\n") == [
        "Общий объем финансирования 3950,5 тыс. руб., в том числе по годам:",
        "2025 год – 1200;",
        "2026 год – 1350,5;",
        "2027 год – 1400",
    ]
    assert passport["Целевые индикаторы (показатели)"].split("\n")[0] == f"1. {KCH_NAME};"
    assert "ООО «Пример»" in body_text(doc)


def test_appendix_1_lists_each_indicator_with_method_base_and_plan_per_year() -> None:
    doc = build(programme())
    rows = cells(table_after(doc, APPENDIX_1_TITLE))
    assert rows[0][:5] == [
        "№ п/п",
        "Наименование целевого показателя",
        "Методика расчета целевого показателя",
        "Базовое значение целевого показателя",
        "Плановые значения показателя",
    ]
    assert rows[1][4:] == ["2025 г.", "2026 г.", "2027 г."]
    assert rows[2][1] == KCH_NAME
    assert rows[2][2].startswith("Значение показателя рассчитывается по формуле Кч = (Кпостр × 1000) / Краб")
    assert rows[2][3:] == ["2,5", "2", "1,5", "1"]
    assert "Кпсм - численность пострадавших" in rows[3][2]
    assert rows[4][1:] == [
        "Доля рабочих мест, на которых проведена СОУТ, %",
        "______________________________",
        "60",
        "80",
        "100",
        "100",
    ]


def test_appendix_2_lists_the_measures_by_section_with_deadline_and_executor() -> None:
    doc = build(programme())
    rows = cells(table_after(doc, APPENDIX_2_TITLE))
    assert rows[0] == ["№ п/п", "Наименование мероприятия", "Срок исполнения", "Исполнитель", "Стоимость, тыс. руб."]
    body = [row for row in rows[1:]]
    sections = [row[0] for row in body if len(set(row)) == 1]
    assert sections == [
        "1. Повышение ответственности руководства за охрану труда",
        "2. Выявление угроз и контроль рисков",
        "5. Обеспечение соответствия оборудования и процессов производства требованиям охраны труда",
        "8. Иные мероприятия организации",
    ]
    measures = [row for row in body if len(set(row)) > 1]
    assert measures == [
        # Measure 1 of the list, deadline left blank: the list's own «Срок исполнения».
        [
            "1",
            "Направление руководителя организации и руководителей структурных подразделений организации на "
            "тренинги по вопросам охраны труда",
            "В соответствии с утвержденным графиком",
            "генеральный директор",
            "",
        ],
        ["2", "Проведение специальной оценки условий труда", "2025–2026 годы", "специалист по охране труда", "450"],
        [
            "3",
            "Установка систем видеонаблюдения на погрузочных площадках",
            "III квартал 2026 г.",
            "главный инженер",
            "800",
        ],
        ["4", "Конкурс «Лучший по профессии»", "ежегодно", "отдел кадров", ""],
    ]


def test_section_8_gives_e_i_for_the_years_with_actual_values() -> None:
    doc = build(programme())
    rows = cells(table_after(doc, "Результаты оценки уровня реализации программы"))
    assert rows[0][2:] == [
        "Год",
        "Базовое значение",
        "Плановое значение",
        "Фактическое значение",
        "Уровень реализации Ei, %",
    ]
    figures = [row[2:] for row in rows[1:]]
    assert figures == [
        # Кч: (2,5 − 1,8) / (2,5 − 2,0) × 100 = 0,7 / 0,5 × 100 = 140 %
        ["2025", "2,5", "2", "1,8", "140,0\u00a0%"],
        # Кчсм: 0 → 0 at plan 0, «удержание достигнутого уровня» held: 100 %
        ["2025", "0", "0", "0", "100,0\u00a0%"],
        # СОУТ (more is better): (60 − 75) / (60 − 80) × 100 = 75 %; (60 − 90) / (60 − 100) × 100 = 75 %
        ["2025", "60", "80", "75", "75,0\u00a0%"],
        ["2026", "60", "100", "90", "75,0\u00a0%"],
    ]
    # The plan-only year 2027 has no E_i row; the «удержание» convention is explained under the table.
    assert "«удержание достигнутого уровня»" in body_text(doc)


def test_no_actual_values_no_results_table() -> None:
    raw = programme()
    for indicator in raw["indicators"]:
        indicator.pop("actual")
    doc = build(raw)
    assert "Результаты оценки уровня реализации программы" not in headings(doc)
    assert len(doc.tables) == 3  # passport, Приложение 1, Приложение 2


def test_blanks_keep_the_templates_placeholders() -> None:
    raw = {"organization": "АО «Завод»", "years": [2026, 2026], "indicators": [{"preset": "harmful_share", "base": 40}]}
    doc = build(raw)
    text = body_text(doc)
    assert "Общий объем финансирования программы составляет _____ тыс. руб., в том числе по годам:" in text
    assert "2026 год – _____" in text.split("\n")
    assert (
        "Источниками ресурсного обеспечения программы являются: _____ (перечислить инвестиционные программы, "
        "проекты, иные источники)" in text
    )
    assert "7.3. Иные риски (перечислить)." in text.split("\n")
    passport = dict((row[0], row[1]) for row in cells(doc.tables[0]))
    assert passport["Сроки реализации"] == "2026 год"
    assert passport["Утверждающий локальный правовой акт"] == "______________________________"


def test_risks_fill_section_7() -> None:
    doc = build(programme())
    lines = body_text(doc).split("\n")
    assert (
        "7.1. Невозможность реализации (или реализация не в полном объеме) следующих мероприятий: № 21 (внешний "
        "аудит) по причине недостатка средств;"
    ) in lines
    assert "7.2. Недостижение ожидаемых результатов (указать каких) по причине (указать причины);" in lines


def test_the_same_programme_gives_the_same_bytes() -> None:
    text = json.dumps(programme(), ensure_ascii=False)
    assert document(text) == document(text)
    names = zipfile.ZipFile(io.BytesIO(document(text))).namelist()
    assert names[0] == "[Content_Types].xml"
    assert "word/document.xml" in names and "word/styles.xml" in names


def test_text_with_markup_and_control_characters_stays_text() -> None:
    raw = programme()
    raw["organization"] = "ООО «<w:p>Рога & копыта\x07»"
    doc = build(raw)
    assert "ООО «<w:p>Рога & копыта»" in body_text(doc)


# -- the yearly report -----------------------------------------------------------------------------


def test_report_for_a_year() -> None:
    content = report(json.dumps(programme(), ensure_ascii=False), 2025)
    doc = read(content)
    assert doc.paragraphs[0].text == "Оценка уровня реализации программы «Нулевой травматизм» за 2025 год"
    year = cells(table_after(doc, "2. Уровень реализации по показателям за 2025 год"))
    assert [row[2:] for row in year[1:]] == [
        ["2,5", "2", "1,8", "140,0\u00a0%"],
        ["0", "0", "0", "100,0\u00a0%"],
        ["60", "80", "75", "75,0\u00a0%"],
    ]
    # Mean with each E_i clamped to 0–100 %: (100 + 100 + 75) / 3 = 91,666… → 91,7 %
    assert "Средний уровень реализации по показателям за 2025 год: 91,7\u00a0%." in body_text(doc)


def test_report_for_a_later_year_shows_the_years_so_far() -> None:
    doc = read(report(json.dumps(programme(), ensure_ascii=False), 2026))
    year = cells(table_after(doc, "2. Уровень реализации по показателям за 2026 год"))
    # Only СОУТ has a 2026 actual value; Кч has a plan (1,5) but no actual value yet.
    assert [row[4:] for row in year[1:]] == [["—", "—"], ["—", "—"], ["90", "75,0\u00a0%"]]
    history = cells(table_after(doc, "3. Ход реализации программы по годам"))
    assert [row[2] for row in history[1:]] == ["2025", "2025", "2025", "2026"]
    assert "Средний уровень реализации по годам: 2025 год – 91,7\u00a0%; 2026 год – 75,0\u00a0%." in body_text(doc)


def test_report_for_a_year_without_actual_values_is_refused() -> None:
    with pytest.raises(ValueError, match="За 2027 год нет ни одного фактического значения"):
        report(json.dumps(programme(), ensure_ascii=False), 2027)


# -- what the page gets --------------------------------------------------------------------------------


def test_view_gives_e_i_and_chart_points() -> None:
    data = view(programme())
    assert data["accepted"] is True
    assert data["report_years"] == [2025, 2026]
    first = data["evaluation"][0]
    assert [(p["year"], p["plan"], p["actual"], p["progress_shown"]) for p in first["points"]] == [
        (2025, 2.0, 1.8, "140,0\u00a0%"),
        (2026, 1.5, None, ""),
        (2027, 1.0, None, ""),
    ]
    assert [(item["year"], item["total_shown"]) for item in data["totals"]] == [
        (2025, "91,7\u00a0%"),
        (2026, "75,0\u00a0%"),
    ]
    json.dumps(data, allow_nan=False)


def test_a_plan_worse_than_the_base_is_a_warning_on_that_indicator() -> None:
    raw = programme()
    raw["indicators"][0]["plan"]["2026"] = 3
    data = view(raw)
    assert data["accepted"] is True
    warnings = [m for m in data["messages"] if m["kind"] == "warning"]
    assert warnings[0]["path"][:2] == ["indicators", 0]
    assert "хуже базового 2,5" in warnings[0]["text"]


def test_costs_above_the_financing_are_a_warning() -> None:
    raw = programme()
    raw["financing"] = {"2025": 100, "2026": 100, "2027": 100}
    texts = [m["text"] for m in view(raw)["messages"] if m["kind"] == "warning"]
    # 450 + 800 = 1250 > 100 + 100 + 100 = 300
    assert (
        "Стоимость мероприятий (1250 тыс. руб.) больше общего объема финансирования программы (300 тыс. руб.)" in texts
    )


# -- bad input -------------------------------------------------------------------------------------------


def _with(change) -> dict[str, Any]:
    raw = programme()
    change(raw)
    return raw


BAD: list[tuple[str, Any, list[Any], str]] = [
    ("not an object", [], [], "Программа должна быть объектом JSON"),
    ("no organization", _with(lambda r: r.pop("organization")), ["organization"], "«Организация»: поле не заполнено"),
    ("unknown field", _with(lambda r: r.update(budget=1)), ["budget"], "Неизвестное поле «budget»"),
    ("no years", _with(lambda r: r.pop("years")), ["years"], "«Сроки реализации»: поле не заполнено"),
    ("one year", _with(lambda r: r.update(years=[2025])), ["years"], "нужен список из двух лет"),
    (
        "years reversed",
        _with(lambda r: r.update(years=[2027, 2025])),
        ["years", 1],
        "последний год 2025 раньше первого 2027",
    ),
    ("too long", _with(lambda r: r.update(years=[2025, 2040])), ["years", 1], "не длиннее 10 лет"),
    (
        "year as text",
        _with(lambda r: r.update(years=["две тысячи", 2027])),
        ["years", 0],
        "«Сроки реализации, первый год»: нужно число",
    ),
    (
        "plan outside the term",
        _with(lambda r: r["indicators"][0]["plan"].update({"2030": 1})),
        ["indicators", 0, "plan", "2030"],
        "«2030» — не год срока реализации программы (2025–2027)",
    ),
    (
        "negative actual",
        _with(lambda r: r["indicators"][2]["actual"].update({"2025": -5})),
        ["indicators", 2, "actual", "2025"],
        "«Целевые показатели программы», строка 3, 2025 год, «Фактическое значение за год»: "
        "не может быть отрицательным",
    ),
    (
        "no base",
        _with(lambda r: r["indicators"][1].pop("base")),
        ["indicators", 1, "base"],
        "«Целевые показатели программы», строка 2, «Базовое значение»: поле не заполнено",
    ),
    (
        "no name",
        _with(lambda r: r["indicators"][2].pop("name")),
        ["indicators", 2, "name"],
        "нужно наименование показателя или выбор типового показателя",
    ),
    (
        "unknown preset",
        _with(lambda r: r["indicators"][0].update(preset="ltifr")),
        ["indicators", 0, "preset"],
        "«Типовой показатель Приложения 1»: допустимые значения",
    ),
    (
        "no indicators",
        _with(lambda r: r.update(indicators=[])),
        ["indicators"],
        "нужен хотя бы один целевой показатель",
    ),
    (
        "financing text",
        _with(lambda r: r["financing"].update({"2026": "много"})),
        ["financing", "2026"],
        "2026 год, «Объем финансирования»: нужно число, получено «много»",
    ),
    (
        "measure 37",
        _with(lambda r: r["measures"].append({"id": 37})),
        ["measures", 4, "id"],
        "«Мероприятия программы», строка 5, «Номер мероприятия в типовом перечне»: должно быть не больше 36",
    ),
    (
        "measure twice",
        _with(lambda r: r["measures"].append({"id": 7})),
        ["measures", 4, "id"],
        "мероприятие № 7 перечня уже есть в программе",
    ),
    (
        "id and text",
        _with(lambda r: r["measures"][0].update(text="Своё")),
        ["measures", 0, "text"],
        "либо номер мероприятия из типового перечня, либо наименование",
    ),
    (
        "empty measure",
        _with(lambda r: r["measures"].append({"executor": "кто-то"})),
        ["measures", 4, "text"],
        "нужен номер мероприятия из типового перечня (1–36) или наименование своего мероприятия",
    ),
    (
        "wrong section",
        _with(lambda r: r["measures"][0].update(section=3)),
        ["measures", 0, "section"],
        "мероприятие № 7 относится к разделу 2 перечня, а не 3",
    ),
    (
        "negative cost",
        _with(lambda r: r["measures"][0].update(cost=-1)),
        ["measures", 0, "cost"],
        "«Стоимость»: не может быть отрицательным",
    ),
    (
        "goals not a list",
        _with(lambda r: r.update(goals="снизить травматизм")),
        ["goals"],
        "«Цели программы»: нужен список строк",
    ),
    (
        "unknown risk",
        _with(lambda r: r["risks"].update(weather="дождь")),
        ["risks", "weather"],
        "«Риски реализации программы»: неизвестное поле «weather»",
    ),
]


@pytest.mark.parametrize(("raw", "path", "text"), [case[1:] for case in BAD], ids=[case[0] for case in BAD])
def test_bad_input_is_refused_with_a_message_naming_the_field(raw: Any, path: list[Any], text: str) -> None:
    assessment = assess(copy.deepcopy(raw))
    assert not assessment.accepted
    refusals = [m for m in view(copy.deepcopy(raw))["messages"] if m["kind"] == "rejected"]
    assert any(text in m["text"] and m["path"] == path for m in refusals), refusals
    # The browser's «Скачать» gets the same refusal as an exception with the Russian text.
    with pytest.raises(ValueError) as refused:
        document(json.dumps(raw, ensure_ascii=False))
    assert text in str(refused.value)


# -- the command line ------------------------------------------------------------------------------------


def _cli(*args: str, stdin: str | None = None) -> tuple[int, dict[str, Any]]:
    completed = subprocess.run(
        [sys.executable, "-m", "calculators", "programme", *args],
        cwd=REPO,
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert completed.stderr == ""
    return completed.returncode, json.loads(completed.stdout)


def test_cli_writes_the_document_and_never_overwrites_without_force(tmp_path: Path) -> None:
    out = tmp_path / "programme.docx"
    status, data = _cli("--input", str(PROGRAMME), "--out", str(out))
    assert status == 0 and data["document"] == str(out)
    assert headings(read(out.read_bytes()))[:1] == ["1. Общие положения"]
    out.write_bytes(b"the employer's edited copy")
    status, data = _cli("--input", str(PROGRAMME), "--out", str(out))
    assert status == 2 and data["document"] is None
    assert "уже существует: укажите --force" in data["messages"][0]["text"]
    assert out.read_bytes() == b"the employer's edited copy"
    status, _ = _cli("--input", str(PROGRAMME), "--out", str(out), "--force")
    assert status == 0 and out.read_bytes().startswith(b"PK")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["programme.docx"]  # no temporary file left


def test_cli_report_for_a_year(tmp_path: Path) -> None:
    out = tmp_path / "report.docx"
    status, _ = _cli("--input", str(PROGRAMME), "--out", str(out), "--report", "2025")
    assert status == 0
    assert read(out.read_bytes()).paragraphs[0].text.endswith("за 2025 год")
    status, data = _cli("--input", str(PROGRAMME), "--out", str(tmp_path / "none.docx"), "--report", "2027")
    assert status == 2 and not (tmp_path / "none.docx").exists()
    assert "За 2027 год нет ни одного фактического значения" in data["messages"][-1]["text"]


def test_cli_bad_input_exits_2_with_the_message_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "programme.docx"
    raw = programme()
    raw["indicators"][0]["base"] = "два с половиной"
    status, data = _cli("--input", "-", "--out", str(out), stdin=json.dumps(raw, ensure_ascii=False))
    assert status == 2 and data["document"] is None
    assert data["messages"][0]["text"] == (
        "«Целевые показатели программы», строка 1, «Базовое значение»: нужно число, получено «два с половиной»"
    )
    assert not out.exists()
    status, data = _cli("--input", "-", "--out", str(out), stdin="{broken")
    assert status == 2 and "не являются корректным JSON (строка 1, позиция 2)" in data["messages"][0]["text"]
    status, data = _cli("--input", str(tmp_path / "missing.json"), "--out", str(out))
    assert status == 2 and "не найден" in data["messages"][0]["text"]


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice не установлен (apt-get install libreoffice-writer-nogui)"
)
def test_libreoffice_opens_the_document(tmp_path: Path) -> None:
    source = tmp_path / "programme.docx"
    source.write_bytes(document(PROGRAMME.read_text(encoding="utf-8")))
    completed = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "txt:Text",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    text = (tmp_path / "programme.txt").read_text(encoding="utf-8-sig")
    for heading in [*SEED_SECTIONS, APPENDIX_1_TITLE, APPENDIX_2_TITLE]:
        assert heading in text
    assert "Проведение специальной оценки условий труда" in text


def test_blank_deadline_and_executor_stay_blank_cells() -> None:
    # As the page sends them: every field present, blank ones as empty text.
    raw = programme()
    raw["measures"] = [
        {"id": 2, "deadline": "", "executor": "", "cost": ""},
        {"text": "Своё мероприятие", "section": "", "deadline": "", "executor": "", "cost": ""},
    ]
    rows = cells(table_after(build(raw), APPENDIX_2_TITLE))
    assert rows[0] == ["№ п/п", "Наименование мероприятия", "Срок исполнения", "Исполнитель"]  # no cost column
    assert rows[2][2:] == ["Постоянно", ""]  # the list's own deadline for measure 2
    assert rows[4] == ["2", "Своё мероприятие", "", ""]
