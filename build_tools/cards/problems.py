"""Problems found in a card, printed as ``path:line: field: message``."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from build_tools.cards.characters import printable


class Severity(StrEnum):
    ERROR = "ошибка"
    WARNING = "предупреждение"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    message: str
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        """One line, safe to print: whatever a card holds, it cannot move the cursor, clear the
        screen or add a line (say, a false «с ошибками: 0») to what a terminal or a log shows."""
        prefix = "" if self.is_error else "предупреждение: "
        return printable(f"{self.path}:{self.line}: {self.field}: {prefix}{self.message}")
