"""Reading one card file with bounded work, whatever sits at its path.

Cards arrive from anyone: a "card" may be a symbolic link to /etc/passwd, a FIFO that never
ends, /dev/zero, or a file of gigabytes. Only a regular file is read, never through a link, and
never more than ``SIZE_LIMIT`` bytes of it.
"""

from __future__ import annotations

import math
import os
import stat
from pathlib import Path

SIZE_LIMIT = 256 * 1024  # bytes; the largest real card is about 11 KB
_KINDS = {
    stat.S_IFDIR: "папка",
    stat.S_IFIFO: "именованный канал",
    stat.S_IFCHR: "устройство",
    stat.S_IFBLK: "устройство",
    stat.S_IFSOCK: "сокет",
}
# O_NONBLOCK: opening a FIFO would otherwise wait for a writer; O_NOFOLLOW: a link swapped in
# after the check is not followed.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


class CardFileError(Exception):
    """The file cannot be a card; ``line`` is where the trouble is (1 when it is the whole file)."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def read_card_file(path: Path) -> str:
    """The card's text (a leading UTF-8 BOM dropped), or :class:`CardFileError` in Russian."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        raise CardFileError("файл не найден") from None
    except OSError as error:
        raise CardFileError(f"файл не читается: {error.strerror}") from None
    if stat.S_ISLNK(info.st_mode):
        raise CardFileError("карточка — символическая ссылка: ссылки не читаются, положите в папку сам файл карточки")
    _require_regular(info)
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        raise CardFileError(f"файл не читается: {error.strerror}") from None
    try:
        info = os.fstat(descriptor)  # the file opened, which may not be the one looked at
        _require_regular(info)
        if info.st_size > SIZE_LIMIT:
            raise CardFileError(_too_big(info.st_size))
        data = _read_at_most(descriptor, SIZE_LIMIT + 1)
    except OSError as error:
        raise CardFileError(f"файл не читается: {error.strerror}") from None
    finally:
        os.close(descriptor)
    if len(data) > SIZE_LIMIT:  # it grew after fstat
        raise CardFileError(_too_big(len(data)))
    return _decode(data)


def _require_regular(info: os.stat_result) -> None:
    if not stat.S_ISREG(info.st_mode):
        kind = _KINDS.get(stat.S_IFMT(info.st_mode), "не обычный файл")
        raise CardFileError(f"это не файл, а {kind}: карточкой может быть только обычный файл")


def _read_at_most(descriptor: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    remaining = limit
    while remaining > 0:
        chunk = os.read(descriptor, min(remaining, 65536))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _too_big(size: int) -> str:
    return (
        f"файл слишком большой: {math.ceil(size / 1024)} КБ, допустимо не более {SIZE_LIMIT // 1024} КБ "
        "(подробности можно вынести в ссылки на источники)"
    )


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CardFileError("файл в кодировке UTF-16: сохраните его в UTF-8")
    try:
        return data.decode("utf-8-sig")  # a BOM some Windows editors write is accepted and dropped
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CardFileError(
            f"файл не в кодировке UTF-8 (байт 0x{data[error.start]:02X} в строке {line}): сохраните его в UTF-8",
            line,
        ) from None
