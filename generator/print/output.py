"""Writing PDFs so that a failed or interrupted build never leaves a partial file or
touches the last good output: everything is written to temporary files beside the
targets and renamed only when every file of the build succeeded. The folders made for
them are removed again when the build fails.

Ctrl-C and SIGTERM (which the CLI turns into KeyboardInterrupt) discard the batch like
any error. During the renames both signals are held back, so a commit is all or
nothing; a signal that arrived meanwhile is raised right after it. A temporary file
carries the id of the process writing it, so the next build removes those that a
killed process (SIGKILL, power loss) left behind.
"""

from __future__ import annotations

import errno
import os
import re
import signal
from contextlib import contextmanager
from pathlib import Path

PARTIAL = re.compile(r"\..+\.(\d+)\.partial")
HELD_SIGNALS = {signal.SIGINT, signal.SIGTERM}


class OutputBatch:
    def __init__(self, folder: Path):
        self.folder = folder
        self._pending: list[tuple[Path, Path]] = []
        self._made: list[Path] = []  # the folders this batch made, deepest first
        self.committed = False

    def target(self, name: str) -> Path:
        """A temporary path to write `name` to; it becomes `folder/name` on commit."""
        if not self._pending:
            self._made = _missing_folders(self.folder)
            self.folder.mkdir(parents=True, exist_ok=True)
            remove_stale(self.folder)
        temp = self.folder / f".{name}.{os.getpid()}.partial"
        self._pending.append((temp, self.folder / name))
        return temp

    def commit(self) -> list[Path]:
        for _, final in self._pending:
            if final.is_dir():  # found before anything is renamed, not halfway
                raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(final))
        with signals_held():
            for temp, final in self._pending:
                os.replace(temp, final)
            self.committed = True
        return [final for _, final in self._pending]

    def discard(self) -> None:
        """Remove the temporary files, and the folders the batch made for them (a failed
        build leaves nothing, `--out new/deep/path` included); a folder something else
        was put in meanwhile stays."""
        with signals_held():
            for temp, _ in self._pending:
                temp.unlink(missing_ok=True)
            for folder in self._made:
                try:
                    folder.rmdir()
                except OSError:
                    break  # not empty (or not ours any more): its parents stay too


@contextmanager
def batch(folder: Path):
    """Yield an OutputBatch; commit it when the block succeeds, discard it otherwise."""
    out = OutputBatch(folder)
    try:
        yield out
        out.commit()
    except KeyboardInterrupt as exc:
        out.discard()
        exc.written = out.committed  # held back during the renames, which were completed
        raise
    except BaseException:
        out.discard()
        raise


@contextmanager
def signals_held():
    """Hold back Ctrl-C and SIGTERM until the block is done (POSIX; elsewhere a no-op)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, HELD_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _missing_folders(folder: Path) -> list[Path]:
    """The folders mkdir(parents=True) would make for `folder`, deepest first."""
    missing = []
    while not folder.exists() and not folder.is_symlink() and folder.parent != folder:
        missing.append(folder)
        folder = folder.parent
    return missing


def remove_stale(folder: Path) -> list[Path]:
    """Remove temporary files of builds whose process no longer runs."""
    removed = []
    for path in folder.glob(".*.partial"):
        match = PARTIAL.fullmatch(path.name)
        if match and path.is_file() and not _running(int(match.group(1))):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return False  # an earlier process with our id: this one has written nothing yet
    if os.name != "posix":
        return True  # no safe way to ask; leave the file
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    except OverflowError:
        return False
    return True
