"""Loading practice cards: files → validated :class:`Card` objects and :class:`Problem` s."""

from __future__ import annotations

import datetime as dt
import hashlib
import marshal
import os
import pickle
import stat as stat_module
import sys
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from itertools import islice
from pathlib import Path
from typing import Any

from build_tools.cards import checks, okved, regions
from build_tools.cards.answers import is_no_information
from build_tools.cards.card_file import CardFileError, read_card_file
from build_tools.cards.duplicates import similar_titles
from build_tools.cards.frontmatter import FrontMatter, FrontMatterError, Path_, parse
from build_tools.cards.partial_dates import PartialDate, of_date, parse_partial_date
from build_tools.cards.problems import Problem, Severity
from build_tools.cards.schema import official_fields
from build_tools.cards.schema_messages import schema_problems
from build_tools.content_cache import ContentCache, content_key

SMALL_ORGANIZATION_MAX = 100  # seed 002: groups «до 100» and «свыше 100» работников
# Size groups of the catalogue facet; «unknown» when the card does not give the headcount.
SIZE_GROUPS = ("small", "large", "unknown")


@dataclass(frozen=True, slots=True)
class Source:
    """A publication the card's information comes from."""

    url: str | None
    title: str | None
    publisher: str | None
    date: PartialDate | None


@dataclass(frozen=True, slots=True)
class CoOrganizer:
    name: str
    role: str | None


@dataclass(frozen=True, slots=True)
class Cost:
    amount: float  # rubles
    year: int | None
    note: str | None


@dataclass(frozen=True, slots=True)
class Metric:
    """A result in numbers: a calculator indicator (``indicator`` set) or the card's own indicator."""

    label: str
    unit: str | None
    before: float
    after: float
    period_before: str | None
    period_after: str | None
    indicator: str | None = None


MAX_PROBLEMS = 100  # per card: more is not read, and listing them would cost seconds


@dataclass(frozen=True, eq=False)
class Card:
    """A valid card: the front matter exactly as validated (``data``) and the body.

    What the lists, filters and statistics read of every card (``facts``: the front matter without
    the free-text answers) is held as it is; the whole front matter and the body only packed
    (marshalled and compressed), opened for the page, list entry, search document or export of
    one card at a time. Held whole, a card's texts were about 11 KB of memory (a 100,000-card
    build held 1.1 GB of them); packed, real cards take a third of that. Make one with ``Card.of``.
    """

    id: str
    source_path: str  # as shown to people, e.g. "practices/x.md"
    facts: dict[str, Any]  # the front matter without the keys of LONG_ANSWERS
    packed: bytes  # (data, body), marshalled and compressed: ``_opened``
    no_information: frozenset[str]  # the keys answered «нет сведений»
    file: Path | None = None  # the card file on disk, when loaded from one
    title_line: int = 1

    @classmethod
    def of(
        cls, id: str, source_path: str, data: dict[str, Any], body: str, file: Path | None = None, title_line: int = 1
    ) -> Card:
        facts = {key: _shared(value) for key, value in data.items() if key not in LONG_ANSWERS}
        packed = zlib.compress(marshal.dumps((data, body)))
        no_information = frozenset(key for key, value in data.items() if is_no_information(value))
        return cls(id, source_path, facts, packed, no_information, file, title_line)

    @property
    def data(self) -> dict[str, Any]:
        """The whole front matter (shared with other readers of this card: not to be changed)."""
        return _opened(self.packed)[0]

    @property
    def body(self) -> str:
        return _opened(self.packed)[1]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Card):
            return NotImplemented
        return (self.id, self.source_path, self.file, self.title_line, self.data, self.body) == (
            other.id,
            other.source_path,
            other.file,
            other.title_line,
            other.data,
            other.body,
        )

    __hash__ = None  # type: ignore[assignment]  # as a dataclass with eq: cards are not set members

    @property
    def title(self) -> str:
        return self.facts["title"].strip()

    @property
    def summary(self) -> str:
        return self.data["summary"]

    @cached_property
    def digest(self) -> str:
        """The hash of what the card says and where it is, with the code's version: the one key
        from which every cache of something made from the card derives its own (its page, search
        document, DOCX, the lists it is on). Made once per card: kept with it in the card cache."""
        return content_key(self.id, self.source_path, self.data, self.body)

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickle keeps a UTF-8 copy inside every non-ASCII string it writes, for the string's
        # life: pickled into the card cache and the open-data jobs, a new build's cards held their
        # Russian text twice (7 KB more a card, 70 MB at 10,000). marshal writes the facts (plain
        # YAML values) without; the packed texts go as they are. Of the worked-out values only the
        # digest goes.
        return (
            _unpickled_card,
            (
                self.id,
                self.source_path,
                marshal.dumps(self.facts),
                self.packed,
                tuple(self.no_information),
                self.file,
                self.title_line,
                self.__dict__.get("digest"),
            ),
        )

    @property
    def country(self) -> str:
        return self.facts.get("country", regions.DEFAULT_COUNTRY).strip()

    @property
    def is_foreign(self) -> bool:
        """Foreign practice: a country other than Russia."""
        return not regions.is_russia(self.facts.get("country"))

    @cached_property
    def region(self) -> str | None:
        """The subject of the Federation (canonical spelling); for foreign practice, its free text or None."""
        region = self.facts.get("region")
        if region is None:
            return None
        if self.is_foreign:
            return region.strip()
        return regions.canonical_region(region) or region

    @property
    def municipality(self) -> str | None:
        return self.facts.get("municipality")

    @property
    def organization(self) -> dict[str, Any]:
        return self.facts["organization"]

    @cached_property
    def date(self) -> dt.date:
        """When the information was submitted."""
        return dt.date.fromisoformat(self.facts["date"])

    @property
    def year(self) -> int:
        return self.date.year

    @property
    def quarter(self) -> str:
        """Reporting quarter, e.g. ``"2026Q1"`` (reports are submitted quarterly)."""
        return f"{self.date.year}Q{(self.date.month - 1) // 3 + 1}"

    @cached_property
    def introduced(self) -> PartialDate | None:
        """When the practice was introduced, at the precision the card gives."""
        value = self.facts.get("introduced")
        return parse_partial_date(value) if value is not None else None

    @cached_property
    def sort_date(self) -> PartialDate:
        """The date «сначала новые» sorts by: introduced, else the latest source's date, else submitted."""
        if self.introduced is not None:
            return self.introduced
        published = [source.date for source in self.sources if source.date is not None]
        if published:
            return max(published, key=lambda day: day.sort_key)
        return of_date(self.date)

    @cached_property
    def activity_code(self) -> str:
        return okved.split_activity(self.organization["activity"])[0]

    @cached_property
    def activity_name(self) -> str:
        """The classifier's name of the activity (a card may give the bare code)."""
        code, name = okved.split_activity(self.organization["activity"])
        return okved.activity_name(code) or name

    @property
    def activity(self) -> str:
        """``"52.10 Деятельность по складированию и хранению"``, the name as the classifier has it."""
        return f"{self.activity_code} {self.activity_name}".strip()

    @cached_property
    def okved_section(self) -> okved.Section | None:
        return okved.section_of(self.activity_code)

    @property
    def employees(self) -> int | None:
        return self.organization.get("employees")

    @property
    def size_group(self) -> str:
        """``small`` (до 100), ``large`` (свыше 100) or ``unknown`` (headcount not given)."""
        if self.employees is None:
            return "unknown"
        return "small" if self.employees <= SMALL_ORGANIZATION_MAX else "large"

    @property
    def co_organizers(self) -> list[CoOrganizer]:
        return [
            CoOrganizer(item["name"].strip(), _text(item.get("role"))) for item in self.facts.get("co_organizers", [])
        ]

    @property
    def categories(self) -> list[str]:
        return list(self.facts["category"])

    @property
    def golden_rules(self) -> list[int]:
        return sorted(self.facts.get("golden_rules", []))

    @property
    def is_example(self) -> bool:
        return bool(self.facts.get("example", False))

    @cached_property
    def sources(self) -> list[Source]:
        return [
            Source(
                _text(item.get("url")),
                _text(item.get("title")),
                _text(item.get("publisher")),
                parse_partial_date(item["date"]) if "date" in item else None,
            )
            for item in self.facts.get("sources", [])
        ]

    @property
    def cost(self) -> Cost | None:
        cost = self.facts.get("cost")
        if cost is None:
            return None
        return Cost(cost["amount"], cost.get("year"), _text(cost.get("note")))

    @cached_property
    def metrics(self) -> list[Metric]:
        """Results in numbers, calculator indicators and the card's own alike."""
        from calculators.indicators import INDICATORS

        found = []
        for item in self.facts.get("metrics", []):
            indicator = INDICATORS.get(item["indicator"]) if "indicator" in item else None
            found.append(
                Metric(
                    label=indicator.label if indicator else item["name"].strip(),
                    unit=indicator.unit if indicator else _text(item.get("unit")),
                    before=item["before"],
                    after=item["after"],
                    period_before=_period(item.get("period_before")),
                    period_after=_period(item.get("period_after")),
                    indicator=indicator.id if indicator else None,
                )
            )
        return found

    def says_no_information(self, key: str) -> bool:
        """The official question ``key`` is answered «нет сведений»."""
        return key in self.no_information

    @cached_property
    def completeness(self) -> tuple[int, int]:
        """(questions answered other than «нет сведений», all official questions): e.g. (11, 13)."""
        fields = official_fields()
        return sum(not self.says_no_information(field.key) for field in fields), len(fields)


# The official answers held only packed: free text, a card's own. The organization stays out (a
# mapping the lists and filters read); the summary, which each full list entry shows, is opened
# for it (``Card.summary``).
LONG_ANSWERS = frozenset(field.key for field in official_fields() if field.key != "organization")


def _shared(value: Any) -> Any:
    """``value`` with its short strings interned: a region, a municipality, a category, a tag or
    a date is one object however many cards give it (marshal keeps them interned in the card
    cache and in the processes a card is sent to). Long texts, each a card's own, are left."""
    if isinstance(value, str):
        return sys.intern(value) if len(value) <= _SHARED_LENGTH else value
    if isinstance(value, dict):
        return {key: _shared(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_shared(item) for item in value]
    return value


_SHARED_LENGTH = 64  # the longest name of a subject of the Federation is 40 characters


@lru_cache(maxsize=64)
def _opened(packed: bytes) -> tuple[dict[str, Any], str]:
    """A card's front matter and body from ``Card.packed``. The last few opened are kept: a
    page, an export row or a search document reads several fields of one card in turn."""
    return marshal.loads(zlib.decompress(packed))


def _unpickled_card(
    card_id: str,
    source_path: str,
    facts: bytes,
    packed: bytes,
    no_information: tuple[str, ...],
    file: Path | None,
    title_line: int,
    digest: str | None,
) -> Card:
    """A card from ``Card.__reduce__``."""
    card = Card(card_id, source_path, marshal.loads(facts), packed, frozenset(no_information), file, title_line)
    if digest is not None:
        card.__dict__["digest"] = digest  # cached_property's own place
    return card


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _period(value: Any) -> str | None:
    return str(value).strip() if value is not None and str(value).strip() else None


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


def is_card_file_name(name: str) -> bool:
    """A file of the cards' folder read as a card: ``*.md``, not hidden."""
    return name.endswith(".md") and not name.startswith(".")


def card_files(paths: Iterable[Path]) -> list[Path]:
    """Markdown files named by ``paths`` (files, or folders searched non-recursively), each
    folder's in the order of their names."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(path / name for name in _names(path) if is_card_file_name(name))
        else:
            found.append(path)
    return found


def skipped_files(paths: Iterable[Path]) -> list[Path]:
    """Files in the folders of ``paths`` that look like cards but are not read as cards
    (``*.MD``, ``*.markdown``, hidden ``.*.md``): a card under such a name would silently vanish."""
    skipped: list[Path] = []
    for path in paths:
        if path.is_dir():
            for name in _names(path):
                suffix = os.path.splitext(name)[1]
                if suffix.lower() in (".md", ".markdown") and (name.startswith(".") or suffix != ".md"):
                    skipped.append(path / name)
    return skipped


def _names(folder: Path) -> list[str]:
    # Names sorted as strings: the order of sorted Paths of one folder, without Path's slow
    # comparison (a live preview lists the folder after every edit: 0.6 s at 10,000 cards).
    return sorted(os.listdir(folder))


def _skipped_problem(path: Path, root: Path | None) -> Problem:
    if path.name.startswith("."):
        message = "скрытый файл (имя начинается с точки) не проверяется и не попадёт на сайт: переименуйте его"
    else:
        message = f"файл с расширением «{path.suffix}» не проверяется и не попадёт на сайт: нужно «.md»"
    return Problem(display_path(path, root), 1, "имя файла", message)


def load_cards(paths: Sequence[Path], root: Path | None = None, today: dt.date | None = None) -> LoadResult:
    """Load and validate every card; every problem of every card is collected, none raised."""
    return CardCache().load(paths, root=root, today=today)


class CardCache:
    """Loads cards, re-reading only the files that changed since the previous load.

    A live preview reloads the whole folder after each edit; parsing and validating a thousand
    unchanged cards again would cost seconds. With a ``database``, what a card's file gave (the card
    and its problems) is also kept on disk between processes, keyed by the file's bytes, its
    name, the date (dates in the future are refused) and the code's version: a build after an
    edit of one card parses and validates that card only (5 ms a card).
    """

    def __init__(self, database: Path | None = None) -> None:
        self._known: dict[Path, tuple[tuple[int, int], Card | None, list[Problem]]] = {}
        self._disk = ContentCache(database) if database is not None else None

    def load(self, paths: Sequence[Path], root: Path | None = None, today: dt.date | None = None) -> LoadResult:
        result = LoadResult()
        result.problems.extend(_skipped_problem(path, root) for path in skipped_files(paths))
        known: dict[Path, tuple[tuple[int, int], Card | None, list[Problem]]] = {}
        resolved = _Resolved(root)
        files = card_files(paths)
        # A few hundred files at a time: the disk's entries of a batch are read in one query,
        # and no more than a batch of them is held at once.
        for start in range(0, len(files), _LOAD_AT_ONCE):
            # (path, stamp, what this cache holds of it or None, else the file resolved and its disk key)
            batch: list[tuple[Path, tuple[int, int], tuple[Card | None, list[Problem]] | None, Path, str | None]] = []
            for path in files[start : start + _LOAD_AT_ONCE]:
                try:
                    stat = os.lstat(path)
                    stamp = (stat.st_mtime_ns, stat.st_size)
                except OSError:
                    stat, stamp = None, (0, 0)
                cached = self._known.get(path)
                if cached is not None and cached[0] == stamp and stamp != (0, 0):
                    batch.append((path, stamp, (cached[1], cached[2]), path, None))
                else:
                    file = resolved.file(path, stat)
                    batch.append((path, stamp, None, file, self._disk_key(path, resolved.shown(path, file), today)))
            keys = [key for *_, key in batch if key is not None]
            stored = self._disk.read_many(keys) if self._disk is not None and keys else {}
            for path, stamp, held, file, key in batch:
                if held is not None:
                    card, problems = held
                else:
                    card, problems = self._load_card(
                        path, file, key, stored.pop(key, None) if key else None, root, today
                    )
                known[path] = (stamp, card, problems)
                result.problems.extend(problems)
                if card is not None:
                    result.cards.append(card)
        self._known = known
        result.cards.sort(key=lambda card: card.id)
        result.problems.extend(_duplicate_warnings(result.cards))
        return result

    def forget_unused(self) -> None:
        """Remove the disk entries of files no load since this cache was made asked for."""
        if self._disk is not None:
            self._disk.forget_unused()

    def _disk_key(self, path: Path, shown: str, today: dt.date | None) -> str | None:
        """The key of what ``path`` gives (``shown``: as problems name it, ``display_path``); None
        without a disk cache or when the file cannot be read (``load_card`` reports that)."""
        if self._disk is None:
            return None
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            return None
        return self._disk.key("card", digest, path.stem, shown, (today or dt.date.today()).isoformat())

    def _load_card(
        self, path: Path, file: Path, key: str | None, stored: bytes | None, root: Path | None, today: dt.date | None
    ) -> tuple[Card | None, list[Problem]]:
        """``file``: ``path`` resolved; ``stored``: the disk's entry under ``key``, if any."""
        if self._disk is None or key is None:
            return load_card(path, root=root, today=today)
        if stored is not None:
            try:
                card, problems = pickle.loads(stored)
            except Exception:  # an unreadable entry (an older pickle) is made again
                stored = None
        if stored is None:
            card, problems = load_card(path, root=root, today=today)
            if card is not None:
                _ = card.digest  # worked out once, kept in the entry
            self._disk.store(key, pickle.dumps((card, problems), protocol=pickle.HIGHEST_PROTOCOL))
        if card is not None:
            # This process's own new object: set in place, so that the values worked out once and
            # pickled with it (its digest) stay with it (``replace`` drops them); the loader's own
            # path object, not a copy.
            object.__setattr__(card, "file", file)
        return card, problems


_LOAD_AT_ONCE = 500


def load_card(path: Path, root: Path | None = None, today: dt.date | None = None) -> tuple[Card | None, list[Problem]]:
    shown = display_path(path, root)
    try:
        text = read_card_file(path)
    except CardFileError as error:
        return None, [Problem(shown, error.line, "файл", error.message)]
    try:
        card, problems = parse_card(text, path.stem, shown, today or dt.date.today())
    except Exception as error:  # a fault of the validator must not hide the other cards' reports
        message = f"карточку не удалось проверить: ошибка программы проверки ({type(error).__name__}); сообщите о ней"
        return None, [Problem(shown, 1, "файл", message)]
    return (replace(card, file=path.resolve()) if card else None), problems


def parse_card(text: str, stem: str, shown: str, today: dt.date) -> tuple[Card | None, list[Problem]]:
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")  # a BOM and Windows line ends are fine
    problems: list[Problem] = []
    slug_problem = checks.slug_problem(stem)
    if slug_problem:
        problems.append(Problem(shown, 1, "имя файла", slug_problem))
    # Characters no card may hold, where they stand in the file; in the front matter they are then
    # not reported again for the field's value.
    characters = list(checks.file_text_problems(text))
    try:
        front = parse(text)
    except FrontMatterError as error:
        # A YAML error after a refused character may be its doing (U+2028 and U+0085 break lines
        # for YAML, control characters stop it): the character is reported, the rest on re-checking.
        if not any(line <= error.line for line, _ in characters):
            problems.append(Problem(shown, error.line, "фронтматтер", error.message))
        problems.extend(Problem(shown, line, "фронтматтер", message) for line, message in characters)
        return None, sorted(problems, key=lambda problem: problem.line)
    if not isinstance(front.data, dict):
        return None, [
            *problems,
            Problem(shown, 1, "фронтматтер", "фронтматтер должен состоять из полей «ключ: значение»"),
        ]

    def report(path: Path_, message: str, severity: Severity = Severity.ERROR) -> None:
        problems.append(Problem(shown, front.line_of(path), _dotted(path), message, severity))

    # Each source is read lazily up to the limit: a card of 20,000 unknown fields would otherwise
    # cost a "did you mean" search for each (seconds), to print a report nobody reads to the end.
    for line, message in characters:
        field = "текст карточки" if line >= front.body_line else _dotted(front.path_at(line))
        problems.append(Problem(shown, line, field, message))
    _activity_as_written(front)
    version_problem = checks.version_problem(front.data)
    if version_problem:
        report(("schema_version",), version_problem)
        return None, problems
    for path, line in front.duplicate_keys[: MAX_PROBLEMS + 1]:
        problems.append(Problem(shown, line, _dotted(path), "поле указано дважды: останется только последнее значение"))
    for path, message in islice(schema_problems(front.data), MAX_PROBLEMS + 1):
        report(path, message)
    in_front_matter = any(line < front.body_line for line, _ in characters)
    for path, message in islice(
        checks.value_problems(front.data, check_characters=not in_front_matter), MAX_PROBLEMS + 1
    ):
        report(path, message)
    for path, message in checks.data_problems(front.data, today):
        report(path, message)
    for path, message in checks.data_warnings(front.data):
        report(path, message, Severity.WARNING)
    for path, message in islice(checks.text_warnings(front.data), MAX_PROBLEMS + 1):
        report(path, message, Severity.WARNING)
    for offset, message in islice(checks.body_warnings(front.body), MAX_PROBLEMS + 1):
        problems.append(Problem(shown, front.body_line + offset, checks.BODY_FIELD, message, Severity.WARNING))

    problems.sort(key=lambda problem: problem.line)
    if len(problems) > MAX_PROBLEMS:
        more = Problem(
            shown,
            problems[MAX_PROBLEMS].line,
            "карточка",
            f"замечаний больше {MAX_PROBLEMS}: показаны первые {MAX_PROBLEMS}, остальные — после исправления",
        )
        problems = [*problems[:MAX_PROBLEMS], more]
    if any(problem.is_error for problem in problems):
        return None, problems
    card = Card.of(stem, shown, front.data, front.body, title_line=front.line_of(("title",)))
    return card, problems


def _activity_as_written(front: FrontMatter) -> None:
    """An ОКВЭД 2 code YAML read as a number (`activity: 24.20` → 24.2) as the file writes it: «24.20»."""
    organization = front.data.get("organization")
    if not isinstance(organization, dict):
        return
    activity = organization.get("activity")
    written = front.number_texts.get(("organization", "activity"))
    if isinstance(activity, int | float) and not isinstance(activity, bool) and written is not None:
        organization["activity"] = written


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
        # Keys are whatever YAML made of them: null, true, 12 are keys too (list indexes are ints).
        is_index = isinstance(part, int) and not isinstance(part, bool)
        text += f"[{part}]" if is_index else (f".{part}" if text else str(part))
    return text or "фронтматтер"


class _Resolved:
    """Card paths resolved as ``Path.resolve`` and ``display_path`` resolve them, each folder and
    the root once: resolving every card's path component by component took a tenth of a second of
    an unchanged build of 1,000 cards."""

    def __init__(self, root: Path | None) -> None:
        self._base = (root or Path.cwd()).resolve()
        self._folders: dict[Path, Path] = {}

    def file(self, path: Path, stat: os.stat_result | None) -> Path:
        if stat is None or stat_module.S_ISLNK(stat.st_mode):
            return path.resolve()  # a link resolves to where it points, not to its folder
        folder = self._folders.get(path.parent)
        if folder is None:
            folder = self._folders[path.parent] = path.parent.resolve()
        # The same object when the folder resolves to itself: a card and the loader then hold one
        # path between them, not two (half a kilobyte a card).
        return path if folder == path.parent else folder / path.name

    def shown(self, path: Path, file: Path) -> str:
        try:
            return file.relative_to(self._base).as_posix()
        except ValueError:
            return path.as_posix()


def display_path(path: Path, root: Path | None) -> str:
    base = root or Path.cwd()
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
