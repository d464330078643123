"""Writing a file so that nothing is lost: no silent overwrite, no half-written file (an export,
a migrated card), no export in the cards' folder, and a Russian message instead of a traceback."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import tempfile
from pathlib import Path
from typing import BinaryIO


class OutputError(Exception):
    """The file was not written; the message says why, in Russian. Nothing was changed."""


def write_output(out: Path, content: bytes, *, overwrite: bool, protected: Path | None = None) -> None:
    """Write ``content`` to ``out`` through a temporary file in the same folder, renamed at the end:
    a full disk leaves the old file whole.

    ``protected`` is the folder of cards for an export: it never lands there (a stray file there
    would be taken for a card, or replace one).
    """
    if out.is_dir():
        raise OutputError(f"{out.as_posix()} — это папка: укажите имя файла")
    if out.exists() and not out.is_file():
        # A device or a pipe: replacing it with a file (as root: /dev/null) would break the system.
        raise OutputError(f"{out.as_posix()} — не обычный файл: укажите имя файла")
    folder = out.parent
    if protected is not None and _inside(folder, protected):
        raise OutputError(
            f"в папку карточек {protected.as_posix()} выгрузка не записывается: укажите файл в другой папке"
        )
    if (out.exists() or out.is_symlink()) and not overwrite:
        raise OutputError(
            f"файл {out.as_posix()} уже есть: укажите другое имя или добавьте --force, чтобы заменить его"
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{out.name}.", suffix=".tmp")
    except OSError as error:
        raise OutputError(_explain(error, folder)) from None
    try:
        with os.fdopen(descriptor, "wb") as stream:
            os.fchmod(stream.fileno(), _mode_for(out))  # mkstemp makes the file private (0600)
            _write_all(stream, content)
        if overwrite:
            os.replace(temporary, out)
        else:
            _rename_without_overwriting(temporary, out)
    except FileExistsError:
        os.unlink(temporary)
        raise OutputError(
            f"файл {out.as_posix()} уже есть: укажите другое имя или добавьте --force, чтобы заменить его"
        ) from None
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise OutputError(_explain(error, out)) from None


def _write_all(stream: BinaryIO, content: bytes) -> None:
    stream.write(content)
    stream.flush()
    os.fsync(stream.fileno())  # a full disk shows here, not after the rename


def _mode_for(out: Path) -> int:
    try:
        return stat.S_IMODE(out.stat().st_mode)  # a replaced file keeps its permissions
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _rename_without_overwriting(temporary: str, out: Path) -> None:
    # A hard link fails if the name was taken since the check above; rename would replace it.
    try:
        os.link(temporary, out)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: the check above has to do
        if out.exists():
            raise FileExistsError(str(out)) from None
        os.replace(temporary, out)
        return
    os.unlink(temporary)


def _inside(folder: Path, protected: Path) -> bool:
    try:
        folder.resolve().relative_to(protected.resolve())
    except ValueError:
        return False
    return True


def _explain(error: OSError, path: Path) -> str:
    reasons = {
        errno.ENOSPC: "на диске нет места",
        errno.EDQUOT: "исчерпана квота на диске",
        errno.EACCES: "нет прав на запись",
        errno.EPERM: "нет прав на запись",
        errno.EROFS: "диск только для чтения",
        errno.ENOTDIR: "часть пути — не папка",
        errno.EISDIR: "это папка",
        errno.EFBIG: "файл слишком большой для этого диска",
        errno.ENOENT: "нет такой папки",
    }
    reason = reasons.get(error.errno or 0, f"ошибка записи ({error.strerror})")
    return f"{path.as_posix()}: файл не записан — {reason}"


def place_file(source: Path, target: Path) -> None:
    """Put ``source``'s file at ``target``: a hard link where the file system allows (no bytes
    copied, no new file), a copy otherwise. For the build's own files kept in its cache: they are
    never written into through a link, every one is replaced whole (a new file renamed over it)."""
    if target.exists() and os.path.samefile(source, target):
        # Already linked: renaming a second link of the same file over it would do nothing
        # (POSIX) and leave that link in the site.
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.part")
    partial.unlink(missing_ok=True)
    try:
        os.link(source, partial)
    except OSError:
        shutil.copy2(source, partial)  # with its time, as a link has
    # The file keeps the time its entry was made: a dirty build (MkDocs --dirty) puts a file in
    # place only when it is newer than the site's, so an unchanged card's DOCX is not put there
    # again, and a changed one's entry is newer (an entry no build used is removed at the end of
    # that build, so an entry found again was made for this very content).
    partial.replace(target)


class SharingWriter:
    """Writes the files of a new version of a folder; a file whose bytes equal one of the
    ``previous`` version's becomes a hard link to it instead of a new file.

    Why: on this project's build machines (ext4 without a journal) each new file costs 0.3–0.7 ms
    of kernel time and a link about 0.03 ms, and a one-card change leaves nearly every file of a
    folder such as the search index as it was. Only for folders that are replaced whole and never
    written into (a link shares the bytes with the previous version)."""

    # A file not found under its own name is looked for among this many of the same size (the
    # search index's documents move by one number when a newer card comes first).
    _CANDIDATES = 8

    def __init__(self, folder: Path, previous: Path | None) -> None:
        self.folder = folder
        self.previous = previous if previous is not None and previous.is_dir() else None
        self._by_size: dict[int, list[Path]] | None = None

    def write(self, relative: str, content: bytes) -> None:
        target = self.folder / relative
        if self.previous is None or not self._linked(self.previous / relative, content, target):
            target.write_bytes(content)

    def _linked(self, same_name: Path, content: bytes, target: Path) -> bool:
        others = [path for path in self._of_size(len(content)) if path != same_name]
        for candidate in [same_name, *others[: self._CANDIDATES]]:
            try:
                if candidate.stat().st_size != len(content) or candidate.read_bytes() != content:
                    continue
                os.link(candidate, target)
            except OSError:
                continue
            return True
        return False

    def _of_size(self, size: int) -> list[Path]:
        # Sizes come from the directory listing (no file is read) and only once a file is not
        # found under its own name: an edited card costs one listing, not a read of every file.
        if self._by_size is None:
            self._by_size = {}
            assert self.previous is not None
            for folder, _, names in os.walk(self.previous):
                for name in names:
                    path = Path(folder, name)
                    with contextlib.suppress(OSError):
                        self._by_size.setdefault(path.stat().st_size, []).append(path)
        return self._by_size.get(size, [])
