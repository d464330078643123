"""Hostile input (issue 14): cards come from anyone. Whatever a card holds, the tools end within
seconds and bounded memory, say what is wrong in Russian on the right line, print nothing that
can mislead a terminal, and lose no file.

The bounded-work cases run `python -m build_tools validate` in a child process with an address
space limit and a timeout: before the fixes they took gigabytes, minutes or a segmentation fault.
The limits are guards against a hang, far from the seconds the work takes; speed is measured in
`make bench`.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools import output_file
from build_tools.cards import characters
from build_tools.cards.card_file import SIZE_LIMIT
from build_tools.cards.loading import parse_card
from build_tools.cards.schema_messages import PATTERN_MESSAGES
from build_tools.cli import main
from tests.sites import FIXTURE_CARDS, REPO

TODAY = dt.date(2026, 11, 23)
VALID = (FIXTURE_CARDS / "povedencheskie-audity-bezopasnosti.md").read_text(encoding="utf-8")
MEMORY_LIMIT = 1024 * 1024 * 1024  # bytes of address space for the child: Python and its imports take ~300 MB
TIMEOUT = 60  # seconds: a hang guard (each case takes well under a second)


def validate_bounded(*paths: Path, cwd: Path, timeout: float = TIMEOUT) -> subprocess.CompletedProcess[str]:
    """`python -m build_tools validate …` under a memory limit and a timeout."""

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    return subprocess.run(
        [sys.executable, "-m", "build_tools", "validate", *map(str, paths)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=limit_memory,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
        check=False,
    )


def card_with(replacements: dict[str, str], body_extra: str = "") -> str:
    text = VALID
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    return text + body_extra


def errors_of(text: str, stem: str = "kartochka-primer") -> list[str]:
    _, problems = parse_card(text, stem, f"practices/{stem}.md", TODAY)
    return [str(problem) for problem in problems if problem.is_error]


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.split("\n"), 1) if needle in line)


def write_card(folder: Path, name: str, text: str | bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def assert_reported(result: subprocess.CompletedProcess[str], *expected: str) -> None:
    assert result.returncode == 1, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    for line in expected:
        assert line in result.stdout, (line, result.stdout[-2000:])


# -- bounded work ----------------------------------------------------------------------------

ALIAS_BOMB = (
    "---\n"
    + "a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
    + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 10))
    + "---\n"
)


def test_an_alias_bomb_is_refused_at_once_with_its_line(tmp_path: Path) -> None:
    assert len(ALIAS_BOMB) < 1024  # 9⁹ strings once expanded: gigabytes
    card = write_card(tmp_path / "practices", "aliasy-bomba.md", ALIAS_BOMB)
    result = validate_bounded(card, cwd=tmp_path)
    assert_reported(
        result,
        "practices/aliasy-bomba.md:2: фронтматтер: якоря и ссылки YAML («&имя», «*имя») в карточке не допускаются",
    )


@pytest.mark.parametrize(
    ("yaml_text", "line"),
    [
        ("title: &t Поведенческие аудиты безопасности\nsummary: *t\n", 2),
        ("region: Краснодарский край\norganization: &org\n  name: ООО\n", 3),
        ("region: x\nsummary: *nothing\n", 3),  # an alias of no anchor is refused all the same
        ("base: &b {name: x}\norganization:\n  <<: *b\n", 2),  # a merge key needs an alias
    ],
)
def test_cards_use_no_anchors_or_aliases_at_all(yaml_text: str, line: int) -> None:
    errors = errors_of(f"---\n{yaml_text}---\n")
    assert errors == [
        f"practices/kartochka-primer.md:{line}: фронтматтер: якоря и ссылки YAML («&имя», «*имя») "
        "в карточке не допускаются: напишите значение полностью"
    ]


def test_deep_nesting_is_refused_instead_of_crashing_libyaml(tmp_path: Path) -> None:
    # 100,000 brackets (200 KB) crashed libyaml's recursive composer: a segmentation fault.
    depth = 100_000
    card = write_card(tmp_path / "practices", "glubokaya-vlozhennost.md", f"---\na: {'[' * depth}{']' * depth}\n---\n")
    result = validate_bounded(card, cwd=tmp_path)
    assert_reported(
        result, "practices/glubokaya-vlozhennost.md:2: фронтматтер: слишком глубокая вложенность: в карточке не больше"
    )


@pytest.mark.parametrize(
    "word",
    [
        "а" * 60_000,  # the case: 55 s with the quadratic e-mail pattern
        "a" * 200_000,
        "a" * 200_000 + "@",
        "a@" * 100_000,
        "a." * 100_000 + "@x",
        "x@" + "a" * 200_000,
    ],
    ids=["cyrillic-60000", "latin-200000", "trailing-at", "at-every-other", "dots-then-at", "long-domain"],
)
def test_one_long_word_is_checked_in_linear_time(tmp_path: Path, word: str) -> None:
    text = VALID + "\n" + word + "\n"
    assert len(text.encode()) < SIZE_LIMIT
    card = write_card(tmp_path / "practices", "dlinnoe-slovo.md", text)
    result = validate_bounded(card, cwd=tmp_path, timeout=30)
    assert "Traceback" not in result.stderr
    assert "Проверено карточек: 1;" in result.stderr


def test_one_long_word_in_a_field_is_checked_in_linear_time(tmp_path: Path) -> None:
    text = card_with({"problem: >-\n": "problem: >-\n  " + "a" * 200_000 + "@\n"})
    card = write_card(tmp_path / "practices", "dlinnoe-slovo.md", text)
    result = validate_bounded(card, cwd=tmp_path, timeout=30)
    assert "Traceback" not in result.stderr
    assert "Проверено карточек: 1;" in result.stderr


def test_a_card_file_has_a_size_limit_with_a_clear_message(tmp_path: Path) -> None:
    card = write_card(tmp_path / "practices", "ogromnaya.md", VALID + "Абзац. " * 40_000)
    result = validate_bounded(card, cwd=tmp_path)
    assert_reported(result, "practices/ogromnaya.md:1: файл: файл слишком большой:")
    assert "допустимо не более 256 КБ" in result.stdout


def test_twenty_thousand_unknown_fields_end_in_seconds_with_a_hundred_problems(tmp_path: Path) -> None:
    fields = "".join(f"pole{number}: 1\n" for number in range(20_000))
    text = card_with({"\ntitle:": f"\n{fields}title:"})
    card = write_card(tmp_path / "practices", "mnogo-poley.md", text)
    result = validate_bounded(card, cwd=tmp_path)
    assert_reported(result, f"practices/mnogo-poley.md:{line_of(text, 'pole0:')}: pole0: неизвестное поле")
    problems = [line for line in result.stdout.splitlines() if line.startswith("practices/")]
    assert len(problems) == 101
    assert "замечаний больше 100: показаны первые 100" in problems[-1]


def test_a_list_of_forty_thousand_mappings_ends_in_seconds(tmp_path: Path) -> None:
    items = ", ".join(["{}"] * 40_000)  # uniqueItems over unhashable items
    card = write_card(tmp_path / "practices", "mnogo-tegov.md", card_with({"tags: [": f"tags: [{items}, "}))
    result = validate_bounded(card, cwd=tmp_path)
    assert_reported(result, "practices/mnogo-tegov.md:")


# -- paths -----------------------------------------------------------------------------------


def test_a_symlink_is_refused_by_name_and_never_read(tmp_path: Path) -> None:
    practices = tmp_path / "practices"
    practices.mkdir()
    (practices / "parol.md").symlink_to("/etc/passwd")
    (practices / "nuli.md").symlink_to("/dev/zero")
    write_card(practices, "povedencheskie-audity-bezopasnosti.md", VALID)
    result = validate_bounded(practices, cwd=tmp_path)
    message = "файл: карточка — символическая ссылка: ссылки не читаются, положите в папку сам файл карточки"
    assert_reported(result, f"practices/parol.md:1: {message}", f"practices/nuli.md:1: {message}")
    assert "root:" not in result.stdout + result.stderr
    assert "Проверено карточек: 3; с ошибками: 2; ошибок: 2;" in result.stderr


def test_a_fifo_a_folder_and_a_device_are_refused_without_waiting(tmp_path: Path) -> None:
    practices = tmp_path / "practices"
    practices.mkdir()
    os.mkfifo(practices / "kanal.md")  # opening it for reading would wait for a writer forever
    (practices / "papka.md").mkdir()
    result = validate_bounded(practices, practices / "kanal.md", Path("/dev/zero"), cwd=tmp_path, timeout=30)
    assert_reported(
        result,
        "practices/kanal.md:1: файл: это не файл, а именованный канал: карточкой может быть только обычный файл",
        "practices/papka.md:1: файл: это не файл, а папка: карточкой может быть только обычный файл",
        "/dev/zero:1: файл: это не файл, а устройство: карточкой может быть только обычный файл",
    )


@pytest.mark.parametrize("stem", ["index", "readme", "README"])
def test_index_and_readme_are_reserved_slugs(stem: str) -> None:
    assert errors_of(VALID, stem) == [
        f"practices/{stem}.md:1: имя файла: имя файла «{stem}.md» зарезервировано для служебных страниц: "
        "назовите карточку по её содержанию"
    ]


def test_files_that_look_like_cards_but_are_skipped_are_errors(tmp_path: Path) -> None:
    practices = tmp_path / "practices"
    for name in ("BOLSHIE-BUKVY.MD", "drugoe-rasshirenie.markdown", ".skrytaya.md"):
        write_card(practices, name, VALID)
    write_card(practices, "zametki.txt", "не карточка")
    result = validate_bounded(practices, cwd=tmp_path)
    assert_reported(
        result,
        "practices/BOLSHIE-BUKVY.MD:1: имя файла: файл с расширением «.MD» не проверяется и не попадёт на сайт",
        "practices/drugoe-rasshirenie.markdown:1: имя файла: файл с расширением «.markdown» не проверяется",
        "practices/.skrytaya.md:1: имя файла: скрытый файл (имя начинается с точки) не проверяется",
    )
    assert "zametki" not in result.stdout


def test_a_folder_without_cards_is_a_failure_that_says_so(tmp_path: Path) -> None:
    (tmp_path / "practices").mkdir()
    write_card(tmp_path / "practices", "zametki.txt", "не карточка")
    result = validate_bounded(tmp_path / "practices", cwd=tmp_path)
    assert result.returncode == 1
    assert "practices: карточек не найдено (карточка — файл с расширением .md)" in result.stderr


# -- no traceback, ever ----------------------------------------------------------------------


def test_an_integer_of_5000_digits_is_a_line_of_the_report(tmp_path: Path) -> None:
    text = card_with({"employees: 340": "employees: " + "9" * 5000})
    practices = tmp_path / "practices"
    write_card(practices, "dlinnoe-chislo.md", text)
    write_card(practices, "kartochka-s-oshibkoy.md", VALID.replace("sector: commercial", "sector: comercial"))
    write_card(practices, "povedencheskie-audity-bezopasnosti.md", VALID)
    result = validate_bounded(practices, cwd=tmp_path)
    line = line_of(text, "employees:")
    assert_reported(
        result,
        f"practices/dlinnoe-chislo.md:{line}: фронтматтер: число из 5000 цифр слишком длинное",
        "practices/kartochka-s-oshibkoy.md:",  # the other cards are still reported
    )
    assert "Проверено карточек: 3; с ошибками: 2;" in result.stderr


def test_an_integer_the_browser_cannot_keep_is_refused() -> None:
    text = card_with({"employees: 340": "employees: 9007199254740993"})
    assert errors_of(text) == [
        f"practices/kartochka-primer.md:{line_of(text, 'employees:')}: organization.employees: "
        "число слишком большое: допустимо не более 9\u00a0007\u00a0199\u00a0254\u00a0740\u00a0991"
    ]


def test_a_file_not_in_utf8_is_a_line_of_the_report(tmp_path: Path) -> None:
    data = VALID.encode("utf-8")
    broken = data.replace("Краснодарский".encode(), "Краснодарский".encode("cp1251"), 1)
    write_card(tmp_path / "practices", "ne-utf.md", broken)
    write_card(tmp_path / "practices", "utf-shestnadtsat.md", VALID.encode("utf-16"))
    result = validate_bounded(tmp_path / "practices", cwd=tmp_path)
    line = line_of(VALID, "Краснодарский")
    assert_reported(
        result,
        f"practices/ne-utf.md:{line}: файл: файл не в кодировке UTF-8 (байт 0xCA в строке {line}): "
        "сохраните его в UTF-8",
        "practices/utf-shestnadtsat.md:1: файл: файл в кодировке UTF-16: сохраните его в UTF-8",
    )


def test_a_bom_and_windows_line_ends_are_accepted() -> None:
    card, problems = parse_card("\ufeff" + VALID.replace("\n", "\r\n"), "kartochka-primer", "x.md", TODAY)
    assert card is not None, problems
    assert card.data["title"] == "Поведенческие аудиты безопасности на складском комплексе"
    assert "\r" not in card.body


# Every case: a YAML mistake, the file line it is on, and the Russian words that must lead the message.
# libyaml (the C parser) words its errors differently from PyYAML's Python parser.
YAML_ERRORS = [
    ("title: Аудит: склад", "title: Аудит", "двоеточие с пробелом внутри значения"),
    ("title: @аудит", "title: @", "значение не может начинаться с «@»: заключите значение в кавычки"),
    ("title: `аудит`", "title: `", "значение не может начинаться с «`»"),
    ("organization:\n\tname: x", "\tname", "табуляция вместо пробелов"),
    ('title: "Аудит\nregion: x', 'title: "Аудит', "не закрыты кавычки"),
    ("tags: [аудит, склад\nregion: x", "tags: [аудит", "список в квадратных скобках не закрыт «]»"),
    ("organization: {name: x\nregion: x", "organization: {", "набор в фигурных скобках не закрыт «}»"),
    ("title: x\n region: y\n  summary: z", " region", "двоеточие с пробелом внутри значения"),
    ("title: x\nregion", "region", "ожидалось «ключ: значение»"),
    ('title: "\\q"', 'title: "\\q"', "неизвестная последовательность «\\…» в кавычках"),
    ('title: "\\ud800"', 'title: "\\ud800"', "недопустимый код символа в «\\u…» или «\\x…»"),
    ("title: !!binary aGk=", "!!binary", "тег YAML «!!binary» в карточке не допускается"),
    ("title: !!python/object:os.system x", "!!python", "тег YAML «!!python/object:os.system» в карточке не"),
    ("? [a]\n: b", "? [a]", "ключом поля может быть только слово"),
    ("a: - b", "a: - b", "пункт списка «- …» не на своём месте"),
]


@pytest.mark.parametrize(("yaml_text", "needle", "russian"), YAML_ERRORS, ids=[c[2][:40] for c in YAML_ERRORS])
def test_yaml_errors_get_a_russian_explanation_on_the_right_line(yaml_text: str, needle: str, russian: str) -> None:
    text = f"---\n{yaml_text}\n---\n"
    errors = errors_of(text)
    assert len(errors) == 1, errors
    prefix = f"practices/kartochka-primer.md:{line_of(text, needle)}: фронтматтер: "
    assert errors[0].startswith(prefix), errors
    message = errors[0].removeprefix(prefix)
    assert russian in message
    if message.startswith("ошибка YAML:"):
        assert re.search(r"\([a-z][^()]*\)$", message), "libyaml's own English stays after the Russian"


def test_the_yaml_error_hints_fire_with_libyaml() -> None:
    import yaml

    assert yaml.__with_libyaml__, "the loader is meant to run on libyaml's parser"
    error = errors_of("---\ntitle: Аудит: склад\n---\n")[0]
    assert "(mapping values are not allowed in this context)" in error  # libyaml's wording


# -- no lying output ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "code", "kind"),
    [
        ('"\\e[2J\\e[HАудит склада"', "U+001B", "управляющий символ"),
        ('"Аудит\\x85склада и цеха"', "U+0085", "управляющий символ"),
        ('"Аудит \\rсклада и цеха"', "U+000D", "управляющий символ"),
        ("\u202eАудит склада наоборот", "U+202E", "символ смены направления текста"),
        ('"Аудит склада \\u2066и цеха"', "U+2066", "символ смены направления текста"),
        ('"Аудит\\u2029склада и цеха"', "U+2029", "разделитель строк или абзацев"),
        ('"Аудит склада\\uFFFE и цеха"', "U+FFFE", "несимвол Юникода"),
        ("Аудит склада № ٤٢ и цеха", "U+0664", "цифра не из набора 0–9"),
    ],
)
def test_refused_characters_are_errors_of_their_field(value: str, code: str, kind: str) -> None:
    text = card_with({"title: Поведенческие аудиты безопасности на складском комплексе": f"title: {value}"})
    assert errors_of(text) == [
        f"practices/kartochka-primer.md:{line_of(text, 'title:')}: title: недопустимый символ {code} ({kind}): "
        "удалите его"
    ]


def test_a_raw_line_separator_is_refused_where_it_stands() -> None:
    text = card_with({"title: Поведенческие": "title: Поведен\u2028ческие"})
    assert errors_of(text) == [
        f"practices/kartochka-primer.md:{line_of(text, 'title:')}: фронтматтер: недопустимый символ U+2028 "
        "(разделитель строк или абзацев): удалите его"
    ]


def test_refused_characters_in_the_body_are_errors_on_their_line() -> None:
    text = VALID + "\nАбзац с \u202eперевёрнутым текстом.\n"
    assert errors_of(text) == [
        f"practices/kartochka-primer.md:{line_of(text, 'Абзац с')}: текст карточки: "
        "недопустимый символ U+202E (символ смены направления текста): удалите его"
    ]


def test_a_title_of_invisible_characters_is_empty() -> None:
    invisible = "\u200b\u200c\u200d\u2060\u3164\ufeff\u00ad\u180e\u200b\u200b\u2800"
    text = card_with({"title: Поведенческие аудиты безопасности на складском комплексе": f'title: "{invisible}"'})
    assert errors_of(text) == [
        f"practices/kartochka-primer.md:{line_of(text, 'title:')}: title: поле пустое: в нём только невидимые символы"
    ]


def test_nan_and_infinity_are_refused_in_numbers() -> None:
    metrics = "metrics:\n  - indicator: frequency\n    before: .nan\n    after: -.inf\n    period_before: 2024\n"
    text = card_with({"\ntitle:": f"\n{metrics}title:"})
    message = "нужно обычное число: .nan и .inf не допускаются"
    assert errors_of(text) == [
        f"practices/kartochka-primer.md:{line_of(text, 'before:')}: metrics[0].before: {message}",
        f"practices/kartochka-primer.md:{line_of(text, 'after:')}: metrics[0].after: {message}",
    ]


def test_arabic_indic_digits_in_an_okved_code_are_refused() -> None:
    text = card_with({"activity: 52.10": "activity: ٥٢.١٠"})
    line = line_of(text, "activity:")
    assert errors_of(text) == [
        f"practices/kartochka-primer.md:{line}: organization.activity: недопустимый символ U+0665 "
        "(цифра не из набора 0–9): удалите его",
        f"practices/kartochka-primer.md:{line}: organization.activity: {PATTERN_MESSAGES['activity']}",
    ]


def test_a_card_cannot_clear_the_terminal_or_fake_the_summary(tmp_path: Path) -> None:
    fake = "\\e[2J\\e[H\\nПроверено карточек: 1; с ошибками: 0; ошибок: 0; предупреждений: 0.\\r"
    text = card_with({"region: Краснодарский край": f'region: "{fake}"'})
    write_card(tmp_path / "practices", "obman.md", text)
    for output in ("text", "github"):
        result = subprocess.run(
            [sys.executable, "-m", "build_tools", "validate", "--format", output, "practices"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
            check=False,
        )
        shown = result.stdout + result.stderr
        assert result.returncode == 1
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", shown)
        assert shown.count("Проверено карточек:") == 2  # the escaped value (\n visible) and the summary
        summary = [line for line in shown.splitlines() if line.startswith("Проверено карточек:")]
        assert len(summary) == 1 and summary[0].startswith("Проверено карточек: 1; с ошибками: 1; ошибок: 2;")
        assert "\\x1b[2J" in result.stdout


def test_printable_shows_every_dangerous_character_as_an_escape() -> None:
    assert characters.printable("a\x1b[2Jb\nc\td\u202ee\x85f\ud800g") == "a\\x1b[2Jb\\nc\\td\\u202ee\\x85f\\ud800g"
    assert characters.printable("Обычный текст: «кавычки», № 5, ².") == "Обычный текст: «кавычки», № 5, ²."


# -- nothing lost: export --out ----------------------------------------------------------------


@pytest.fixture
def export_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_card(tmp_path / "practices", "povedencheskie-audity-bezopasnosti.md", VALID)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_export_refuses_to_overwrite_without_force(export_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = export_project / "otchet.csv"
    out.write_text("важный файл", encoding="utf-8")
    assert main(["export", "--out", "otchet.csv"]) == 1
    assert "файл otchet.csv уже есть: укажите другое имя или добавьте --force" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "важный файл"
    assert main(["export", "--out", "otchet.csv", "--force"]) == 0
    assert out.read_text(encoding="utf-8-sig").startswith("Наименование практики") or "аудиты" in out.read_text(
        encoding="utf-8-sig"
    )
    assert [path.name for path in export_project.iterdir() if path.name.startswith(".")] == []


def test_export_keeps_the_permissions_of_a_new_file(export_project: Path) -> None:
    assert main(["export", "--out", "novyy.json"]) == 0
    umask = os.umask(0)
    os.umask(umask)
    assert (export_project / "novyy.json").stat().st_mode & 0o777 == 0o666 & ~umask


@pytest.mark.parametrize(
    ("out", "message"),
    [
        ("practices/otchet.json", "в папку карточек practices выгрузка не записывается"),
        ("practices/vlozhennaya/otchet.json", "в папку карточек practices выгрузка не записывается"),
        ("./practices/../practices/otchet.docx", "в папку карточек practices выгрузка не записывается"),
        ("papka.json", "papka.json — это папка: укажите имя файла"),
    ],
)
def test_export_never_writes_into_practices_or_onto_a_folder(
    export_project: Path, capsys: pytest.CaptureFixture[str], out: str, message: str
) -> None:
    (export_project / "papka.json").mkdir()
    before = sorted(path.name for path in (export_project / "practices").iterdir())
    assert main(["export", "--out", out, "--force"]) == 1
    assert message in capsys.readouterr().err
    assert sorted(path.name for path in (export_project / "practices").iterdir()) == before


def test_export_on_a_full_disk_is_a_russian_message_and_keeps_the_old_file(
    export_project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = export_project / "otchet.xlsx"
    out.write_bytes(b"old")

    def full_disk(stream: object, content: bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(output_file, "_write_all", full_disk)
    assert main(["export", "--out", "otchet.xlsx", "--force"]) == 1
    assert "Выгрузка не выполнена: otchet.xlsx: файл не записан — на диске нет места" in capsys.readouterr().err
    assert out.read_bytes() == b"old"
    assert sorted(path.name for path in export_project.iterdir()) == ["otchet.xlsx", "practices"]


def test_export_does_not_replace_a_device(export_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "csv", "--out", "/dev/null", "--force"]) == 1
    assert "/dev/null — не обычный файл" in capsys.readouterr().err
    assert Path("/dev/null").is_char_device()


# -- new ----------------------------------------------------------------------------------------


def test_new_refuses_a_title_the_validator_would_refuse(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    practices = tmp_path / "practices"
    assert main(["new", "Очень длинное название " * 20, "--dir", str(practices)]) == 1
    assert "название не подходит: слишком длинно: 459 симв., допустимо не более 200" in capsys.readouterr().err
    assert main(["new", "Аудит\u202e склада и цеха", "--dir", str(practices)]) == 1
    assert "недопустимый символ U+202E" in capsys.readouterr().err
    assert not practices.exists()


def test_new_with_one_long_word_makes_a_card_whose_title_validates(tmp_path: Path) -> None:
    practices = tmp_path / "practices"
    title = "Наставничество" * 12  # 168 letters in one word: longer than a whole file name
    assert main(["new", title, "--dir", str(practices)]) == 0
    (card,) = practices.iterdir()
    assert len(card.stem) == 80
    _, problems = parse_card(card.read_text(encoding="utf-8"), card.stem, "x.md", TODAY)
    assert not [problem for problem in problems if problem.field in ("title", "имя файла")]


def test_new_says_truly_why_a_title_makes_no_file_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for title in ("ЪЪЪЪЪЪЪЪЪЪЪЪ", "安全生产管理的最佳实践"):
        assert main(["new", title, "--dir", str(tmp_path)]) == 1
        assert (
            f"из названия «{title}» не получается имя файла: нужно хотя бы три буквы "
            "(русские, кроме ъ и ь, или латинские) или цифры"
        ) in capsys.readouterr().err
    assert main(["new", "12345678901", "--dir", str(tmp_path)]) == 0  # digits alone make a name


# -- the form's character sets are the validator's ------------------------------------------------

NODE_CHECK = r"""
const patterns = JSON.parse(require("fs").readFileSync(0, "utf8"));
const kinds = patterns.forbidden.map((item) => [item.kind, new RegExp(item.pattern, "u")]);
const invisible = new RegExp(`^${patterns.invisible}$`, "u");
const out = [];
for (let cp = 0; cp <= 0x10ffff; cp++) {
  const char = String.fromCodePoint(cp);
  const kind = kinds.find(([, pattern]) => pattern.test(char));
  out.push(`${kind ? kind[0] : ""}|${invisible.test(char) ? 1 : 0}`);
}
process.stdout.write(out.join("\n"));
"""


def test_the_forms_character_sets_are_the_validators_on_every_code_point() -> None:
    import json

    patterns = characters.js_patterns()
    result = subprocess.run(
        ["node", "-e", NODE_CHECK], input=json.dumps(patterns), capture_output=True, text=True, check=True
    )
    browser = result.stdout.split("\n")
    assert len(browser) == 0x110000
    differences = []
    for cp, line in enumerate(browser):
        found = characters.forbidden_character(chr(cp))
        python = f"{found.kind if found else ''}|{int(characters.shows_nothing(chr(cp)))}"
        if line != python:
            differences.append((hex(cp), line, python))
    assert not differences, differences[:20]


# -- property: any text gets a report, never an exception ------------------------------------------

YAML_PIECES = st.sampled_from(
    [
        "---", "\n", " ", "  ", "\t", ":", ": ", "- ", "[", "]", "{", "}", ",", "&a ", "*a", "!!str ", "!!binary ",
        "! ", "'", '"', "\\", "\\x1b", "\\u202e", "\\ud800", "#", "|", ">-", "?", "%YAML 1.1", "...", "<<: ",
        "title", "region", "organization", "metrics", "tags", "9" * 25, "9" * 4400, ".nan", "-.inf", "1e999",
        "2026-02-30", "\u202e", "\u2028", "\x85", "\x00", "\ufeff", "\ufffe", "\ud800", "\u200b", "٤٢", "\r", "\r\n",
        "@", "`", "a@b.ru", "+7 918 123 45 67", "<script>", "](javascript:",
    ]
)  # fmt: skip


def _assert_reported(text: str) -> None:
    card, problems = parse_card(text, "kartochka-primer", "practices/kartochka-primer.md", TODAY)
    lines = text.count("\n") + 2
    for problem in problems:
        assert 1 <= problem.line <= lines, (problem, lines)
        shown = str(problem)
        assert characters.printable(shown) == shown  # one line, nothing a terminal would act on
        assert "Traceback" not in shown
    assert card is not None or any(problem.is_error for problem in problems)


FUZZ_SETTINGS = settings(
    max_examples=150, deadline=5000, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


@FUZZ_SETTINGS
@given(st.lists(YAML_PIECES, max_size=60).map("".join))
def test_generated_yaml_gets_a_report_never_an_exception(yaml_text: str) -> None:
    _assert_reported(f"---\n{yaml_text}\n---\nТекст.\n")


@FUZZ_SETTINGS
@given(st.text(max_size=400))
def test_any_unicode_front_matter_gets_a_report_never_an_exception(yaml_text: str) -> None:
    _assert_reported(f"---\n{yaml_text}\n---\n")


@FUZZ_SETTINGS
@given(st.integers(min_value=0, max_value=len(VALID)), st.text(min_size=1, max_size=20))
def test_a_valid_card_with_anything_inserted_gets_a_report_never_an_exception(position: int, inserted: str) -> None:
    _assert_reported(VALID[:position] + inserted + VALID[position:])


def test_migrate_reads_cards_as_the_validator_does(tmp_path: Path) -> None:
    practices = tmp_path / "practices"
    practices.mkdir()
    (practices / "nuli.md").symlink_to("/dev/zero")
    write_card(practices, "aliasy-bomba.md", ALIAS_BOMB)

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    result = subprocess.run(
        [sys.executable, "-m", "build_tools", "migrate", "practices"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=limit_memory,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "practices/nuli.md:1: файл: карточка — символическая ссылка" in result.stderr
    assert "practices/aliasy-bomba.md:2: фронтматтер: якоря и ссылки YAML" in result.stderr
    assert (practices / "aliasy-bomba.md").read_text(encoding="utf-8") == ALIAS_BOMB
    assert (practices / "nuli.md").is_symlink()
