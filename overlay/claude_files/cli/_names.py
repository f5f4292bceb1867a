"""Where each download lands: a safe name in the target folder, unique within one run,
and the private staging folder it waits in until it is named."""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from claude_files import safe_filename

#: Staging folders start so: hidden, and recognisably this tool's.
STAGE_PREFIX = ".claude-files-"


@asynccontextmanager
async def staging_folder(folder: Path, prefix: str = STAGE_PREFIX) -> AsyncIterator[Path]:
    """A new private folder inside `folder` (the same file system, so what is downloaded
    into it moves into place with a link), removed with whatever is left in it when the
    block ends, however it ends: with no await on the way out, so a second Ctrl-C
    cannot skip the removal."""
    stage = Path(await asyncio.to_thread(tempfile.mkdtemp, prefix=prefix, dir=folder))
    try:
        yield stage
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def numbered(name: str, n: int) -> str:
    """`report.pdf` → `report (2).pdf`; a leading dot is not an extension."""
    stem, dot, ext = name.rpartition(".")
    candidate = f"{name} ({n})" if not dot or not stem else f"{stem} ({n}).{ext}"
    return safe_filename(candidate) or candidate


class NamePlanner:
    """Hands out destination paths in one folder, each name at most once per run.

    The first item that wants `report.pdf` gets it; the next ones get `report (2).pdf`,
    `report (3).pdf`, ... so nothing of this run is lost. Names depend only on the ids
    and their order, never on what is on disk: running the same command again gives
    the same names (and so refuses them, unless `--overwrite`).
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._taken: set[str] = set()

    def claim(self, name: str) -> Path:
        if name.casefold() not in self._taken:
            self._taken.add(name.casefold())
            return self.folder / name
        n = 2
        while True:
            candidate = numbered(name, n)
            key = candidate.casefold()
            if key not in self._taken:
                self._taken.add(key)
                return self.folder / candidate
            n += 1
