"""`python -m build_tools new`: a card file that validates once its answers are written."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest

from build_tools.cards import okved
from build_tools.cards.loading import load_cards, parse_card
from build_tools.cards.translit import slugify
from build_tools.contribution.scaffold import ScaffoldError, choose_activity, new_card
from tests.sites import FIXTURE_CARDS

TODAY = dt.date(2026, 11, 1)

ANSWERS = {
    "region": "Краснодарский край",
    "municipality": "город Краснодар",
    "  name": "ООО «Пример»",
    "  sector": "commercial",
    "  activity": "52.10 Деятельность по складированию и хранению",
    "  employees": "120",
}


def fill_answers(text: str) -> str:
    """Write an answer after every empty key, leaving the template's lines as they are."""
    for key, value in ANSWERS.items():
        text = text.replace(f"\n{key}:\n", f"\n{key}: {value}\n", 1)
    text = re.sub(r"^(\w+): >-\n", r"\1: >-\n  Ответ на вопрос формы.\n", text, flags=re.MULTILINE)
    text = text.replace("category:\n  -\n", "category:\n  - organization\n")
    return re.sub(r"^(\w+):\n  -\n", r"\1:\n  - other\n", text, flags=re.MULTILINE)


def test_slug_is_a_transliteration_of_the_title() -> None:
    assert (
        slugify("Поведенческие аудиты безопасности на складе «Юг»")
        == "povedencheskie-audity-bezopasnosti-na-sklade-yug"
    )
    assert slugify("Щит, ёж и хлеб") == "shchit-ezh-i-khleb"
    assert len(slugify("очень длинное название " * 20)) <= 80


def test_new_card_validates_once_answered(tmp_path: Path) -> None:
    path = new_card("Экспресс-тесты по охране труда перед сменой", tmp_path, today=TODAY)
    assert path.name == "ekspress-testy-po-okhrane-truda-pered-smenoy.md"
    template = path.read_text(encoding="utf-8")
    card, problems = parse_card(template, path.stem, "new.md", TODAY)
    assert card is None and any("поле пустое" in str(problem) for problem in problems)
    answered = fill_answers(template)
    card, problems = parse_card(answered, path.stem, "new.md", TODAY)
    assert [str(p) for p in problems if p.is_error] == []
    assert card is not None and card.title == "Экспресс-тесты по охране труда перед сменой"
    # Only answers were added: every template line is still there, in order.
    answered_lines = iter(answered.splitlines())
    for line in template.splitlines():
        key = line.split(":")[0]
        assert any(candidate.startswith(key) for candidate in answered_lines), line


def test_new_card_never_overwrites(tmp_path: Path) -> None:
    new_card("Наставничество на стройке", tmp_path, today=TODAY)
    with pytest.raises(ScaffoldError, match="уже есть"):
        new_card("Наставничество на стройке", tmp_path, today=TODAY)


def test_near_duplicate_title_is_a_warning(tmp_path: Path) -> None:
    original = (FIXTURE_CARDS / "povedencheskie-audity-bezopasnosti.md").read_text(encoding="utf-8")
    (tmp_path / "povedencheskie-audity-bezopasnosti.md").write_text(original, encoding="utf-8")
    copy = original.replace("на складском комплексе", "на складских комплексах")
    (tmp_path / "povedencheskie-audity-kopiya.md").write_text(copy, encoding="utf-8")
    result = load_cards([tmp_path], root=tmp_path, today=TODAY)
    assert result.errors == []
    [warning] = [str(p) for p in result.warnings if "дубликат" in str(p)]
    assert warning.startswith("povedencheskie-audity-kopiya.md:3: title: предупреждение: название очень похоже")


def test_cli_new_then_validate_with_github_annotations(tmp_path: Path) -> None:
    from tests.sites import run_build_tools

    def run(*args: str):
        return run_build_tools(*args, cwd=tmp_path)

    created = run("new", "Дни охраны труда в библиотеке")
    assert created.returncode == 0 and created.stdout.strip() == "practices/dni-okhrany-truda-v-biblioteke.md"
    assert run("new", "Дни охраны труда в библиотеке").returncode == 1
    checked = run("validate", "--format", "github")
    assert checked.returncode == 1
    assert "::error file=practices/dni-okhrany-truda-v-biblioteke.md,line=9,title=region::поле пустое" in checked.stdout


def test_new_with_okved_fills_a_code_given_exactly_or_the_only_match(tmp_path: Path) -> None:
    from tests.sites import run_build_tools

    exact = run_build_tools("new", "Наставничество на складе", "--okved", "52.10", cwd=tmp_path)
    assert exact.returncode == 0, exact.stderr
    text = (tmp_path / "practices" / "nastavnichestvo-na-sklade.md").read_text(encoding="utf-8")
    assert '\n  activity: "52.10 Деятельность по складированию и хранению"\n' in text
    # Words that name one grouping only: it is written, name and all, and the card validates once answered.
    words = run_build_tools("new", "Аудиты на зерновом складе", "--okved", "хранение ЗЕРНА", cwd=tmp_path)
    assert words.returncode == 0, words.stderr
    assert "ОКВЭД 2: 52.10.3 Хранение и складирование зерна" in words.stderr
    path = tmp_path / "practices" / "audity-na-zernovom-sklade.md"
    card, problems = parse_card(fill_answers(path.read_text(encoding="utf-8")), path.stem, "x.md", dt.date.today())
    assert card is not None, [str(p) for p in problems]
    assert card.activity == "52.10.3 Хранение и складирование зерна"


def test_new_with_okved_lists_several_matches_and_writes_nothing(tmp_path: Path) -> None:
    from tests.sites import run_build_tools

    several = run_build_tools("new", "Наставничество на складе", "--okved", "склад", cwd=tmp_path)
    assert several.returncode == 1
    listed = [line.strip() for line in several.stderr.splitlines() if re.match(r"\s*\d+\. ", line)]
    assert listed == [f"{n}. {entry.text}" for n, entry in enumerate(okved.search("склад"), start=1)]
    assert "укажите код, например --okved 52" in several.stderr
    none = run_build_tools("new", "Наставничество на складе", "--okved", "абвгдеж", cwd=tmp_path)
    assert none.returncode == 1 and "ничего не найдено" in none.stderr
    assert not (tmp_path / "practices").exists()


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_at_a_terminal_the_contributor_picks_a_match_by_number() -> None:
    out = io.StringIO()
    chosen = choose_activity("склад", _Terminal("3\n"), out)
    assert chosen is not None and chosen.code == okved.search("склад")[2].code
    assert "Номер группировки" in out.getvalue()
    assert choose_activity("склад", _Terminal("\n"), io.StringIO()) is None
    assert choose_activity("склад", _Terminal("99\n"), io.StringIO()) is None
