"""Loading practice cards: files → validated :class:`Card` objects and :class:`Problem` s."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from build_tools.cards import checks, okved, regions
from build_tools.cards.duplicates import similar_titles
from build_tools.cards.frontmatter import FrontMatterError, Path_, parse
from build_tools.cards.problems import Problem, Severity
from build_tools.cards.schema_messages import schema_problems

SMALL_ORGANIZATION_MAX = 100  # seed 002: groups «до 100» and «свыше 100» работников


@dataclass(frozen=True)
class Card:
    """A valid card. ``data`` is the front matter exactly as validated."""

    id: str
    source_path: str  # as shown to people, e.g. "practices/x.md"
    data: dict[str, Any]
    body: str
    file: Path | None = None  # the card file on disk, when loaded from one
    title_line: int = 1

    @property
    def title(self) -> str:
        return self.data["title"].strip()

    @property
    def region(self) -> str:
        return regions.canonical_region(self.data["region"]) or self.data["region"]

    @property
    def municipality(self) -> str | None:
        return self.data.get("municipality")

    @property
    def organization(self) -> dict[str, Any]:
        return self.data["organization"]

    @cached_property
    def date(self) -> dt.date:
        return dt.date.fromisoformat(self.data["date"])

    @property
    def year(self) -> int:
        return self.date.year

    @property
    def quarter(self) -> str:
        """Reporting quarter, e.g. ``"2026Q1"`` (reports are submitted quarterly)."""
        return f"{self.date.year}Q{(self.date.month - 1) // 3 + 1}"

    @property
    def okved_section(self) -> okved.Section | None:
        code, _ = okved.split_activity(self.organization["activity"])
        return okved.section_of(code)

    @property
    def size_group(self) -> str | None:
        employees = self.organization.get("employees")
        if employees is None:
            return None
        return "small" if employees <= SMALL_ORGANIZATION_MAX else "large"

    @property
    def categories(self) -> list[str]:
        return list(self.data["category"])

    @property
    def golden_rules(self) -> list[int]:
        return sorted(self.data.get("golden_rules", []))

    @property
    def is_example(self) -> bool:
        return bool(self.data.get("example", False))


@dataclass
class LoadResult:
    cards: list[Card] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [problem for problem in self.problems if not problem.is_error]


def card_files(paths: Iterable[Path]) -> list[Path]:
    """Markdown files named by ``paths`` (files, or folders searched non-recursively)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.glob("*.md") if not p.name.startswith(".")))
        else:
            found.append(path)
    return found


def load_cards(paths: Sequence[Path], root: Path | None = None, today: dt.date | None = None) -> LoadResult:
    """Load and validate every card; every problem of every card is collected, none raised."""
    return CardCache().load(paths, root=root, today=today)


class CardCache:
    """Loads cards, re-reading only the files that changed since the previous load.

    A live preview reloads the whole folder after each edit; parsing and validating a thousand
    unchanged cards again would cost seconds.
    """

    def __init__(self) -> None:
        self._known: dict[Path, tuple[tuple[int, int], Card | None, list[Problem]]] = {}

    def load(self, paths: Sequence[Path], root: Path | None = None, today: dt.date | None = None) -> LoadResult:
        result = LoadResult()
        known: dict[Path, tuple[tuple[int, int], Card | None, list[Problem]]] = {}
        for path in card_files(paths):
            try:
                stat = path.stat()
                stamp = (stat.st_mtime_ns, stat.st_size)
            except OSError:
                stamp = (0, 0)
            cached = self._known.get(path)
            if cached is not None and cached[0] == stamp and stamp != (0, 0):
                card, problems = cached[1], cached[2]
            else:
                card, problems = load_card(path, root=root, today=today)
            known[path] = (stamp, card, problems)
            result.problems.extend(problems)
            if card is not None:
                result.cards.append(card)
        self._known = known
        result.cards.sort(key=lambda card: card.id)
        result.problems.extend(_duplicate_warnings(result.cards))
        return result


def load_card(path: Path, root: Path | None = None, today: dt.date | None = None) -> tuple[Card | None, list[Problem]]:
    shown = _display_path(path, root)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None, [Problem(shown, 1, "файл", "файл не в кодировке UTF-8")]
    except OSError as error:
        return None, [Problem(shown, 1, "файл", f"файл не читается: {error.strerror}")]
    card, problems = parse_card(text, path.stem, shown, today or dt.date.today())
    return (replace(card, file=path.resolve()) if card else None), problems


def parse_card(text: str, stem: str, shown: str, today: dt.date) -> tuple[Card | None, list[Problem]]:
    problems: list[Problem] = []
    slug_problem = checks.slug_problem(stem)
    if slug_problem:
        problems.append(Problem(shown, 1, "имя файла", slug_problem))
    try:
        front = parse(text)
    except FrontMatterError as error:
        return None, [*problems, Problem(shown, error.line, "фронтматтер", error.message)]
    if not isinstance(front.data, dict):
        return None, [
            *problems,
            Problem(shown, 1, "фронтматтер", "фронтматтер должен состоять из полей «ключ: значение»"),
        ]

    def report(path: Path_, message: str, severity: Severity = Severity.ERROR) -> None:
        problems.append(Problem(shown, front.line_of(path), _dotted(path), message, severity))

    for path, line in front.duplicate_keys:
        problems.append(Problem(shown, line, _dotted(path), "поле указано дважды: останется только последнее значение"))
    for path, message in schema_problems(front.data):
        report(path, message)
    for path, message in checks.data_problems(front.data, today):
        report(path, message)
    for path, message in checks.text_warnings(front.data):
        report(path, message, Severity.WARNING)
    for offset, message in checks.body_warnings(front.body):
        problems.append(Problem(shown, front.body_line + offset, "текст карточки", message, Severity.WARNING))

    problems.sort(key=lambda problem: problem.line)
    if any(problem.is_error for problem in problems):
        return None, problems
    card = Card(id=stem, source_path=shown, data=front.data, body=front.body, title_line=front.line_of(("title",)))
    return card, problems


def _duplicate_warnings(cards: Sequence[Card]) -> Iterator[Problem]:
    for card, other in similar_titles(cards):
        yield Problem(
            card.source_path,
            card.title_line,
            "title",
            f"название очень похоже на карточку {other.source_path} («{other.title}»): возможно, это дубликат",
            Severity.WARNING,
        )


def _dotted(path: Path_) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "фронтматтер"


def _display_path(path: Path, root: Path | None) -> str:
    base = root or Path.cwd()
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
