"""Writing PDFs so that a failed build never leaves a partial file or touches the last
good output: everything is written to temporary files beside the targets and renamed
only when every file of the build succeeded."""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path


class OutputBatch:
    def __init__(self, folder: Path):
        self.folder = folder
        self._pending: list[tuple[Path, Path]] = []

    def target(self, name: str) -> Path:
        """A temporary path to write `name` to; it becomes `folder/name` on commit."""
        self.folder.mkdir(parents=True, exist_ok=True)
        temp = self.folder / f".{name}.{os.getpid()}.partial"
        self._pending.append((temp, self.folder / name))
        return temp

    def commit(self) -> list[Path]:
        for temp, final in self._pending:
            os.replace(temp, final)
        return [final for _, final in self._pending]

    def discard(self) -> None:
        for temp, _ in self._pending:
            temp.unlink(missing_ok=True)


@contextmanager
def batch(folder: Path):
    """Yield an OutputBatch; commit it when the block succeeds, discard it otherwise."""
    out = OutputBatch(folder)
    try:
        yield out
    except BaseException:
        out.discard()
        raise
    out.commit()
