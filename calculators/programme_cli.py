"""``python -m calculators programme --input FILE.json --out FILE.docx [--report YEAR] [--force]``.

Prints one JSON object: ``document`` (the path written, or ``null``) and ``messages`` (the
programme's messages, as ``calculators.programme.message_json`` writes them). Exit status 0 when
the document was written, 2 when the input was refused or the file exists (without ``--force``),
1 when the file could not be written. The document goes to a temporary file beside the target
and is then renamed, so a failure never leaves half a document under the target's name.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, TextIO

from calculators.cli import EXIT_OK, EXIT_REJECTED, parse_json
from calculators.messages import Message, rejected
from calculators.programme import assess, message_json

EXIT_WRITE_FAILED = 1


def _answer(document: str | None, messages: list[Message]) -> str:
    data: dict[str, Any] = {"document": document, "messages": [message_json(m) for m in messages]}
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def _read_input(name: str, stdin: TextIO | None) -> tuple[str | None, str]:
    if name == "-":
        return (stdin or sys.stdin).read(), ""
    try:
        return Path(name).read_text(encoding="utf-8-sig"), ""
    except FileNotFoundError:
        return None, f"Файл программы «{name}» не найден"
    except UnicodeDecodeError:
        return None, f"Файл программы «{name}» не в кодировке UTF-8"
    except OSError as error:
        return None, f"Файл программы «{name}» не читается: {error.strerror}"


def _write(target: Path, content: bytes, force: bool) -> str:
    """Write ``content`` to ``target`` through a temporary file; the Russian reason on failure."""
    try:
        # Closed below, in the same try as the rename; a with block could not keep the file.
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp", delete=False
        )
    except OSError as error:
        return f"Не удалось записать «{target}»: {error.strerror}"
    temporary = Path(handle.name)
    try:
        with handle:
            handle.write(content)
        # NamedTemporaryFile creates the file for its owner only; a document gets the usual mode.
        umask = os.umask(0)
        os.umask(umask)
        temporary.chmod(0o666 & ~umask)
        if force:
            os.replace(temporary, target)
        else:
            # A hard link fails if the target exists: no window in which another file is overwritten.
            os.link(temporary, target)
            temporary.unlink()
    except FileExistsError:
        temporary.unlink(missing_ok=True)
        return f"Файл «{target}» уже существует: укажите --force, чтобы перезаписать его"
    except OSError as error:
        temporary.unlink(missing_ok=True)
        return f"Не удалось записать «{target}»: {error.strerror}"
    return ""


def write_programme(arguments: argparse.Namespace, stdin: TextIO | None = None) -> tuple[int, str]:
    from calculators.programme_document import programme_docx, report_docx

    target = Path(arguments.out)
    if target.exists() and not arguments.force:
        text = f"Файл «{target}» уже существует: укажите --force, чтобы перезаписать его"
        return EXIT_REJECTED, _answer(None, [rejected(text, "out")])
    text, problem = _read_input(arguments.input, stdin)
    raw = None
    if text is not None:
        raw, problem = parse_json(text)
    if problem:
        return EXIT_REJECTED, _answer(None, [rejected(problem)])
    assessment = assess(raw)
    if assessment.programme is None or assessment.evaluation is None:
        return EXIT_REJECTED, _answer(None, assessment.messages)
    if arguments.report is None:
        content = programme_docx(assessment.programme, assessment.evaluation)
    else:
        year = arguments.report
        if year not in assessment.evaluation.years_with_actual():
            text = f"За {year} год нет ни одного фактического значения показателей: отчёт об оценке не составляется"
            return EXIT_REJECTED, _answer(None, [*assessment.messages, rejected(text, "report")])
        content = report_docx(assessment.programme, assessment.evaluation, year)
    failure = _write(target, content, arguments.force)
    if failure:
        return EXIT_WRITE_FAILED, _answer(None, [*assessment.messages, rejected(failure, "out")])
    return EXIT_OK, _answer(str(target), assessment.messages)
