"""`workshop new kit DIR`: a working kit folder to start from, outside this repository.

It holds a kit file, one sample deck with comments, the default brand and a .gitignore
(output/ and the kit's secret stay out of version control; a secret is never copied,
each kit makes its own on its first build); the card layouts and sheets are built into
the package, so the kit builds at once."""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

from ..errors import BuildError

BUILTIN = resources.files("generator") / "builtin"
DEFAULT_BRAND = "neutraal"
# what stays out of version control: built PDFs, and the secret short links are made
# with (whoever has it can work out every team's links)
# the secret gives away every code; the answers are the teams' (see README, Privacy)
GITIGNORE = "output/\n.workshop-secret\nanswers.sqlite3*\n"


def new_kit(target: Path) -> list[Path]:
    """Write the kit into `target` (new or empty); return the files written."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise BuildError(
            f"cannot make a kit in {target}: expected a new or empty folder, found "
            f"{'a file' if not target.is_dir() else 'a folder with files in it'}"
        )
    sources = [
        (BUILTIN / "kit", Path()),
        (BUILTIN / "brands" / DEFAULT_BRAND, Path("assets") / DEFAULT_BRAND),
    ]
    written = []
    try:
        for source, place in sources:
            written += _copy_tree(source, target / place)
        (target / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
        written.append(target / ".gitignore")
    except OSError as exc:
        raise BuildError(f"cannot write to {exc.filename or target}: {exc.strerror}") from None
    return written


def _copy_tree(source: Traversable, target: Path) -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for item in sorted(source.iterdir(), key=lambda i: i.name):
        if item.is_dir():
            written += _copy_tree(item, target / item.name)
        elif not item.name.startswith((".", "__")):
            (target / item.name).write_bytes(item.read_bytes())
            written.append(target / item.name)
    return written
