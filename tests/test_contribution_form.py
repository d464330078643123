"""More broken answers for «Предложить практику» (docs/suggest.md): the form and the command line
must still say the same words about each. Reuses the helpers of tests/test_card_form.py."""

from __future__ import annotations

import pytest

from tests.test_card_form import VALID, fill, press, produced_file, shown_messages, validator_messages

pytestmark = pytest.mark.browser

MORE_BROKEN: list[tuple[str, object]] = [
    ("organization.activity", "5.10 Складирование"),
    ("organization.activity", "52.1.1 Складирование"),
    ("organization.employees", "-3"),
    ("challenges", " \n "),
    ("title", "Звоните +7 918 123-45-67 про аудит"),
    ("tags", "склад, 8 (918) 123-45-67"),
    ("sources[0].url", "javascript:alert(1)"),
    ("sources[0].url", "https://example.org/с пробелом"),
    ("date", "2026-13-01"),
    ("summary", "а" * 601),
]


@pytest.mark.parametrize(("path", "value"), MORE_BROKEN, ids=[f"{p}={v!r}"[:60] for p, v in MORE_BROKEN])
def test_the_form_and_the_validator_agree_on_more_broken_answers(page, form_url: str, path: str, value: object):
    page.goto(form_url)
    fill(page, {**VALID, path: value})
    press(page, "download")
    expected = validator_messages(produced_file(page))
    assert expected, "a broken answer must be reported"
    assert shown_messages(page) == expected


# Answers the form tidies rather than refuses: a blank optional field and an empty row of a list are
# left out of the file, a repeated keyword is written once, so neither the form nor the command line
# has anything to say.
TIDIED: list[tuple[str, object]] = [
    ("municipality", "   "),
    ("sources[1].url", "  "),
    ("tags", "склад, склад"),
]


@pytest.mark.parametrize(("path", "value"), TIDIED, ids=[f"{p}={v!r}"[:60] for p, v in TIDIED])
def test_tidied_answers_give_a_valid_card(page, form_url: str, path: str, value: object):
    page.goto(form_url)
    fill(page, {**VALID, path: value})
    press(page, "download")
    assert validator_messages(produced_file(page)) == set()
    assert shown_messages(page) == set()
