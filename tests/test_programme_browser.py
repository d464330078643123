"""The «Нулевой травматизм» programme page in Debian's Chromium: from an empty programme to the DOCX.

The documents the page downloads are read back with python-docx, and each is compared part by part
with what CPython writes for the programme the page saved: the same Python, so the same XML.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest

from calculators.programme import document, report

pytestmark = pytest.mark.browser

LIVE_TIMEOUT_MS = 90_000
PAGE = "calculators/programme/"
FORM = "form[data-programme]"


def open_page(page, url: str) -> None:
    page.goto(url + PAGE)
    page.wait_for_selector(f'{FORM}[data-status="live"]', timeout=LIVE_TIMEOUT_MS)
    checked(page)


def checked(page) -> None:
    """Wait until Python has checked the programme as it is now."""
    page.wait_for_selector(f'{FORM}[data-checked="true"]', timeout=LIVE_TIMEOUT_MS)


def field(page, path: str):
    return page.locator(f'{FORM} [data-path="{path}"]')


def fill(page, values: dict[str, str]) -> None:
    for path, value in values.items():
        field(page, path).fill(value)
    checked(page)


def messages_beside(page, path: str) -> list[str]:
    slot = field(page, path).locator(
        "xpath=ancestor::div[contains(@class, 'prog-field')][1]//div[contains(@class, 'prog-messages')]"
    )
    return slot.locator("p").all_inner_texts()


def download(page, action: str, target: Path) -> Path:
    with page.expect_download(timeout=LIVE_TIMEOUT_MS) as info:
        page.locator(f'{FORM} [data-action="{action}"]').click()
    target.mkdir(parents=True, exist_ok=True)
    path = target / info.value.suggested_filename
    info.value.save_as(path)
    return path


def parts(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def texts(content: bytes) -> list[str]:
    """Every paragraph and every table cell, in the order of the body."""
    doc = docx.Document(io.BytesIO(content))
    out: list[str] = []
    for element in doc.element.body.iterchildren():
        if element.tag.endswith("}p"):
            out.append(docx.text.paragraph.Paragraph(element, doc).text)
        elif element.tag.endswith("}tbl"):
            table = docx.table.Table(element, doc)
            out.extend(" | ".join(cell.text for cell in row.cells) for row in table.rows)
    return out


def fill_programme(page) -> None:
    """What an employer types into the empty programme."""
    fill(page, {"organization": "ООО «Южный порт»", "approved_by": "приказ от 20.12.2024 № 145"})
    fill(page, {"years.0": "2025", "years.1": "2027"})
    fill(
        page,
        {
            "indicators.0.base": "2,5",
            "indicators.0.plan.2025": "2",
            "indicators.0.plan.2026": "1,5",
            "indicators.0.plan.2027": "1",
            "indicators.1.base": "0",
            "indicators.1.plan.2025": "0",
            "indicators.2.base": "4",
            "indicators.3.base": "40",
            "indicators.3.plan.2025": "35",
            "financing.2025": "1200",
            "financing.2026": "1 350,5",
            "financing.2027": "1400",
            "risks.mitigation": "перераспределение средств между мероприятиями",
        },
    )
    page.locator(f'{FORM} [data-measure="7"]').check()
    checked(page)
    fill(page, {"measures.0.executor": "специалист по охране труда", "measures.0.cost": "450"})
    page.locator(f'{FORM} [data-action="add-measure"]').click()
    fill(page, {"measures.1.text": "Установка систем видеонаблюдения", "measures.1.executor": "главный инженер"})
    field(page, "measures.1.section").select_option("5")
    checked(page)


def test_from_an_empty_programme_to_a_downloaded_docx(page, fixture_url: str, tmp_path: Path) -> None:
    open_page(page, fixture_url)
    form = page.locator(FORM)
    # The empty programme: the template's four indicators, its goals, no measure (no self-assessment here).
    assert form.locator(".prog-card__title").first.inner_text().startswith("1. Коэффициент частоты")
    assert form.locator('[data-list="indicators"] > .prog-card').count() == 4
    assert field(page, "goals.0").input_value() == "Снижение и недопущение общего производственного травматизма"
    assert form.locator("[data-measure]:checked").count() == 0
    # Asking for the document now names what is missing, beside the field, and goes there.
    form.locator('[data-action="document"]').click()
    page.wait_for_function("document.querySelector('[data-done]').textContent.startsWith('Документ не сформирован')")
    assert "«Организация»: поле не заполнено" in messages_beside(page, "organization")
    assert field(page, "organization").get_attribute("aria-invalid") == "true"

    fill_programme(page)
    assert form.locator(".calc-msg--rejected").count() == 0, form.locator(".calc-msg--rejected").all_inner_texts()
    docx_path = download(page, "document", tmp_path)
    assert docx_path.name == "programma-nulevoy-travmatizm-2025-2027.docx"
    lines = texts(docx_path.read_bytes())
    assert "ООО «Южный порт»" in lines
    assert "Сроки реализации | 2025–2027 годы" in lines
    assert "2026 год – 1350,5;" in lines  # «1 350,5» as typed, read by Python
    assert (
        "1 | Проведение специальной оценки условий труда | В соответствии с Федеральным законом от 28.12.2013 "
        "№ 426-ФЗ «О специальной оценке условий труда» | специалист по охране труда | 450" in lines
    )
    assert "2 | Установка систем видеонаблюдения |  | главный инженер | " in lines

    # CPython writes the very same document for the programme the page saves.
    saved = download(page, "save", tmp_path)
    programme = json.loads(saved.read_text(encoding="utf-8"))
    assert programme["organization"] == "ООО «Южный порт»"
    assert parts(document(json.dumps(programme, ensure_ascii=False))) == parts(docx_path.read_bytes())


def test_save_then_open_gives_back_the_same_programme(browser, fixture_url: str, tmp_path: Path) -> None:
    first = browser.new_context()
    page = first.new_page()
    open_page(page, fixture_url)
    fill_programme(page)
    saved = download(page, "save", tmp_path)
    first.close()

    # Another browser (nothing in its storage), a year later: the file brings the programme back.
    second = browser.new_context()
    page = second.new_page()
    try:
        open_page(page, fixture_url)
        assert field(page, "organization").input_value() == ""
        page.locator(f'{FORM} [data-action="open"]').set_input_files(str(saved))
        page.wait_for_function("document.querySelector('[data-done]').textContent.startsWith('Открыт файл')")
        checked(page)
        assert field(page, "organization").input_value() == "ООО «Южный порт»"
        assert field(page, "financing.2026").input_value() == "1 350,5"
        assert field(page, "measures.1.text").input_value() == "Установка систем видеонаблюдения"
        assert page.locator(f'{FORM} [data-measure="7"]').is_checked()
        again = download(page, "save", tmp_path / "again")
        assert json.loads(again.read_text(encoding="utf-8")) == json.loads(saved.read_text(encoding="utf-8"))
        # Kept in this browser too: a reload shows it.
        page.reload()
        page.wait_for_selector(f'{FORM}[data-status="live"]', timeout=LIVE_TIMEOUT_MS)
        assert field(page, "organization").input_value() == "ООО «Южный порт»"
    finally:
        second.close()


def test_a_file_that_is_not_a_programme_changes_nothing(page, fixture_url: str, tmp_path: Path) -> None:
    open_page(page, fixture_url)
    fill(page, {"organization": "АО «Завод»"})
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    page.locator(f'{FORM} [data-action="open"]').set_input_files(str(broken))
    page.wait_for_function("document.querySelector('[data-done]').textContent.includes('не открыт')")
    assert "Текущая программа не изменилась" in page.locator("[data-done]").inner_text()
    assert field(page, "organization").input_value() == "АО «Завод»"


def test_bad_input_gets_the_python_message_beside_the_field(page, fixture_url: str) -> None:
    open_page(page, fixture_url)
    fill(page, {"years.0": "2025", "years.1": "2026"})
    fill(page, {"indicators.0.plan.2026": "много"})
    assert messages_beside(page, "indicators.0.plan.2026") == [
        "«Целевые показатели программы», строка 1, 2026 год, «Плановое значение на год»: нужно число, получено «много»"
    ]
    assert field(page, "indicators.0.plan.2026").get_attribute("aria-invalid") == "true"
    fill(page, {"years.1": "2040"})
    assert "не длиннее 10 лет" in " ".join(messages_beside(page, "years.1"))
    # The year columns follow the term: none while it is invalid, and the typed plan is kept.
    assert page.locator(f'{FORM} [data-path="indicators.0.plan.2026"]').count() == 0
    fill(page, {"years.1": "2026"})
    assert field(page, "indicators.0.plan.2026").input_value() == "много"


def test_yearly_evaluation_e_i_chart_and_report(page, fixture_url: str, tmp_path: Path) -> None:
    open_page(page, fixture_url)
    fill_programme(page)
    # Кч 2,5 → 1,8 at plan 2: (2,5 − 1,8) / (2,5 − 2) × 100 = 140 %; Увр 40 → 38 at plan 35: 2 / 5 × 100 = 40 %
    fill(page, {"indicators.0.actual.2025": "1,8", "indicators.3.actual.2025": "38"})
    results = page.locator(f"{FORM} [data-results]")
    assert results.locator('[data-progress="0-2025"]').inner_text() == "140,0\u00a0%"
    assert results.locator('[data-progress="3-2025"]').inner_text() == "40,0\u00a0%"
    # Mean of the clamped values: (100 + 40) / 2 = 70 %
    assert "2025 год — 70,0\u00a0%" in results.locator(".prog-totals").inner_text()
    chart = results.locator("svg.prog-svg").first
    label = chart.get_attribute("aria-label")
    assert label.startswith("Коэффициент частоты производственного травматизма")
    assert "2025: план 2, факт 1,8, Eᵢ 140,0\u00a0%" in label
    assert chart.locator("circle.prog-svg__plan").count() == 3 and chart.locator("rect.prog-svg__actual").count() == 1

    path = download(page, "report", tmp_path)
    assert path.name == "otsenka-programmy-nulevoy-travmatizm-2025.docx"
    lines = texts(path.read_bytes())
    assert lines[0] == "Оценка уровня реализации программы «Нулевой травматизм» за 2025 год"
    assert "Средний уровень реализации по показателям за 2025 год: 70,0\u00a0%." in lines
    saved = json.loads(download(page, "save", tmp_path).read_text(encoding="utf-8"))
    assert parts(report(json.dumps(saved, ensure_ascii=False), 2025)) == parts(path.read_bytes())
    # The programme document now carries E_i in section 8.
    assert "Результаты оценки уровня реализации программы" in texts(download(page, "document", tmp_path).read_bytes())


def test_the_self_assessment_preselects_the_measures_not_carried_out(page, fixture_url: str) -> None:
    page.goto(fixture_url + "calculators/vision_zero/")
    page.wait_for_selector('form[data-calculator="vision_zero"][data-status="live"]', timeout=LIVE_TIMEOUT_MS)
    # The page shows its example's answers first: start from none.
    page.locator('form[data-calculator="vision_zero"] [data-action="clear"]').click()
    answers: dict[int, str] = {1: "yes", 9: "no", 21: "partly", 33: "no"}
    for number, answer in answers.items():
        page.locator(f'input[name="measure_{number}"][value="{answer}"]').check()
    page.wait_for_function(
        "(localStorage.getItem('okhrana-truda:calculator:vision_zero') || '').includes('measure_33')"
    )
    open_page(page, fixture_url)
    form = page.locator(FORM)
    checked_boxes = form.locator("[data-measure]:checked")
    assert sorted(int(box.get_attribute("data-measure")) for box in checked_boxes.all()) == [9, 21, 33]
    assert "мероприятия 9, 21, 33" in form.locator("[data-vision-zero-note]").inner_text()
    row = form.locator('[data-measure="9"]').locator("xpath=ancestor::div[contains(@class, 'prog-measure')][1]")
    assert "Самооценка: не выполняется." in row.inner_text()
    link = row.locator("a.prog-practices")
    assert link.inner_text() == "Практики каталога по правилу 2"
    assert link.get_attribute("href").endswith("catalogue/?rule=2")


def test_every_control_has_a_label(page, fixture_url: str) -> None:
    open_page(page, fixture_url)
    fill(page, {"years.0": "2025", "years.1": "2026"})
    page.locator(f'{FORM} [data-measure="1"]').check()
    page.locator(f'{FORM} [data-action="add-indicator"]').click()
    checked(page)
    unlabelled: list[Any] = page.eval_on_selector_all(
        f"{FORM} input, {FORM} select, {FORM} textarea",
        """controls => controls.filter(c => !(c.labels && c.labels.length) && !c.getAttribute('aria-label'))
                              .map(c => c.outerHTML.slice(0, 120))""",
    )
    assert unlabelled == []
