"""`python -m build_tools migrate`: version-1 cards become valid version-2 cards, text kept."""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

import pytest

from build_tools.cards.frontmatter import FrontMatterError
from build_tools.cards.loading import load_cards, parse_card
from build_tools.cards.migrate import migrate_text
from tests.sites import REPO, run_build_tools

TODAY = dt.date(2026, 11, 23)
V1 = (Path(__file__).parent / "fixtures" / "v1_cards" / "povedencheskie-audity-v1.md").read_text(encoding="utf-8")
LINKS_BLOCK = """links:
  # Публикация администрации
  - https://example.org/news/audity
  - "https://example.org/doc.pdf"   # положение о ПАБ
"""


def errors(text: str) -> list[str]:
    _, problems = parse_card(text, "povedencheskie-audity-v1", "practices/povedencheskie-audity-v1.md", TODAY)
    return [str(problem) for problem in problems if problem.is_error]


def changed_lines(old: str, new: str) -> tuple[list[str], list[str]]:
    """(removed lines, added lines) between two texts."""
    removed, added = [], []
    for line in difflib.ndiff(old.splitlines(keepends=True), new.splitlines(keepends=True)):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


def test_a_version_1_card_is_refused_with_the_command_to_run() -> None:
    assert LINKS_BLOCK in V1
    assert errors(V1) == [
        "practices/povedencheskie-audity-v1.md:1: schema_version: карточка версии 1: "
        "выполните python -m build_tools migrate"
    ]


def test_v1_to_v2_validates_keeps_every_other_byte_and_twice_is_a_no_op() -> None:
    migrated, changes = migrate_text(V1)
    assert changes == ["добавлено schema_version: 2", "links → sources (ссылок: 2, у каждой только url)"]
    assert errors(migrated) == []
    removed, added = changed_lines(V1, migrated)
    assert removed == [
        "links:\n",
        "  - https://example.org/news/audity\n",
        '  - "https://example.org/doc.pdf"   # положение о ПАБ\n',
    ]
    assert added == [
        "schema_version: 2\n",
        "sources:\n",
        "  - url: https://example.org/news/audity\n",
        '  - url: "https://example.org/doc.pdf"   # положение о ПАБ\n',
    ]
    assert migrated.startswith("---\nschema_version: 2\n# Карточка версии 1")
    card, _ = parse_card(migrated, "povedencheskie-audity-v1", "x.md", TODAY)
    assert card is not None
    assert [(source.url, source.title) for source in card.sources] == [
        ("https://example.org/news/audity", None),
        ("https://example.org/doc.pdf", None),
    ]
    assert migrate_text(migrated) == (migrated, [])


@pytest.mark.parametrize(
    ("links", "sources", "change"),
    [
        (
            'links: [https://example.org/a, "https://example.org/b"]  # два\n',
            'sources: [{url: https://example.org/a}, {url: "https://example.org/b"}]  # два\n',
            "links → sources (ссылок: 2, у каждой только url)",
        ),
        ("links: []\n", "", "удалено пустое поле links"),
        ("links:\n", "", "удалено пустое поле links"),
    ],
)
def test_other_shapes_of_links(links: str, sources: str, change: str) -> None:
    text = V1.replace(LINKS_BLOCK, links)
    migrated, changes = migrate_text(text)
    assert changes == ["добавлено schema_version: 2", change]
    assert migrated == "---\nschema_version: 2\n" + text.removeprefix("---\n").replace(links, sources)
    assert errors(migrated) == []
    assert migrate_text(migrated) == (migrated, [])


def test_schema_version_1_is_replaced_and_crlf_line_ends_are_kept() -> None:
    text = V1.replace("---\n#", "---\nschema_version: 1\n#", 1).replace("\n", "\r\n")
    migrated, changes = migrate_text(text)
    assert changes[0] == "schema_version: 1 → 2"
    assert migrated.count("\r\n") == text.count("\r\n")
    assert "\r\nschema_version: 2\r\n" in migrated and "schema_version: 1" not in migrated
    assert errors(migrated) == []


def test_a_municipal_unitary_enterprise_said_to_be_budget_becomes_commercial_and_nothing_else_is_guessed() -> None:
    text = V1.replace("name: ООО «Тестовый складской терминал»", "name: МУП «Водоканал»").replace(
        "sector: commercial", "sector: budget"
    )
    migrated, changes = migrate_text(text)
    assert changes[-1].startswith("organization.sector: budget → commercial")
    assert "  sector: commercial\n" in migrated and "budget" not in migrated
    # A budget organisation that is not a municipal enterprise stays budget.
    school = V1.replace("name: ООО «Тестовый складской терминал»", "name: МБОУ «Школа № 5»").replace(
        "sector: commercial", "sector: budget"
    )
    migrated, changes = migrate_text(school)
    assert not any("sector" in change for change in changes)
    assert "  sector: budget\n" in migrated
    # And a v2 card is not touched at all, whatever it says.
    already = "---\nschema_version: 2\n" + text.removeprefix("---\n")
    assert migrate_text(already) == (already, [])


def test_unreadable_front_matter_is_refused_with_the_validators_message() -> None:
    broken = V1.replace("tags: [поведенческий аудит, склад]", "tags: [поведенческий аудит, склад")
    with pytest.raises(FrontMatterError) as raised:
        migrate_text(broken)
    [validator_error] = errors(broken)
    assert validator_error.endswith(f"фронтматтер: {raised.value.message}")
    assert f":{raised.value.line}: " in validator_error


def test_repository_cards_are_all_version_2() -> None:
    files = sorted((REPO / "practices").glob("*.md"))
    assert len(files) >= 32
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert migrate_text(text) == (text, []), path.name
    sectors = {
        card.organization["name"]: card.organization["sector"]
        for card in load_cards([REPO / "practices"]).cards
        if card.organization["name"].startswith("МУП")
    }
    assert len(sectors) == 3 and set(sectors.values()) == {"commercial"}


def test_cli_prints_what_changed_per_file_then_nothing_the_second_time(tmp_path: Path) -> None:
    practices = tmp_path / "practices"
    practices.mkdir()
    (practices / "povedencheskie-audity-v1.md").write_text(V1, encoding="utf-8")
    broken = V1.replace("tags: [поведенческий аудит, склад]", "tags: [склад")
    (practices / "slomannaya-kartochka.md").write_text(broken, encoding="utf-8")

    first = run_build_tools("migrate", cwd=tmp_path)
    assert first.returncode == 1  # one file could not be read
    assert first.stdout == (
        "practices/povedencheskie-audity-v1.md: добавлено schema_version: 2; "
        "links → sources (ссылок: 2, у каждой только url)\n"
    )
    assert "practices/slomannaya-kartochka.md:" in first.stderr and "файл не изменён" in first.stderr
    assert (practices / "slomannaya-kartochka.md").read_text(encoding="utf-8") == broken

    (practices / "slomannaya-kartochka.md").unlink()
    migrated = (practices / "povedencheskie-audity-v1.md").read_text(encoding="utf-8")
    second = run_build_tools("migrate", "practices", cwd=tmp_path)
    assert second.returncode == 0 and second.stdout == ""
    assert "обновлено: 0" in second.stderr
    assert (practices / "povedencheskie-audity-v1.md").read_text(encoding="utf-8") == migrated
    assert run_build_tools("validate", cwd=tmp_path).returncode == 0
