"""What a check reports: findings with a severity, and the facts of one file.

Errors are what a print shop would send back (a font not embedded, an image far below
print resolution, a code that cannot be read, text in the bleed, boxes that do not nest,
RGB in a file that says it is PDF/X); warnings are what prints but may disappoint
(an image under 225 dpi, a hairline, a quiet zone under four modules)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from ..errors import Severity


@dataclass(frozen=True)
class Finding:
    severity: Severity
    check: str  # the module that found it: 'fonts', 'images', ...
    message: str
    page: int | None = None  # 1-based; None: the whole file

    def __str__(self) -> str:
        where = f"page {self.page}: " if self.page is not None else ""
        return f"{self.severity}: {where}{self.message}"


@dataclass
class Report:
    """The preflight of one PDF: what it holds (`facts`, per check) and what is wrong."""

    file: str
    pages: int = 0
    facts: dict[str, Any] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    def error(self, check: str, message: str, page: int | None = None) -> None:
        self.findings.append(Finding(Severity.ERROR, check, message, page))

    def warn(self, check: str, message: str, page: int | None = None) -> None:
        self.findings.append(Finding(Severity.WARNING, check, message, page))

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.WARNING]

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "pages": self.pages,
            **self.facts,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "findings": [asdict(f) for f in self.findings],
        }
