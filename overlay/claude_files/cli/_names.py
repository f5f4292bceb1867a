"""Where each download lands: a safe name in the target folder, unique within one run."""

from __future__ import annotations

import unicodedata
from pathlib import Path

_MAX_NAME_BYTES = 255
_RESERVED = frozenset('<>:"|?*')


def safe_filename(name: str | None, fallback: str) -> str:
    """The server's filename made safe to create in a folder, on any system.

    Keeps only the last path component (either separator), drops control characters,
    replaces the characters Windows forbids with `_`, and drops leading dots (no
    hidden files, no `..`). What is left empty becomes `fallback` (the id). Long names
    are shortened, keeping the extension.
    """
    candidate = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    candidate = "".join(
        "_" if c in _RESERVED else c for c in candidate if unicodedata.category(c)[0] != "C"
    )
    candidate = candidate.strip().lstrip(".").strip()
    if not candidate:
        candidate = "".join("_" if c in _RESERVED or c in "/\\" else c for c in fallback)
    return _shorten(candidate)


def _shorten(name: str) -> str:
    if len(name.encode()) <= _MAX_NAME_BYTES:
        return name
    stem, dot, ext = name.rpartition(".")
    if not dot or len(ext) > 16:
        stem, ext = name, ""
    suffix = f".{ext}" if ext else ""
    budget = _MAX_NAME_BYTES - len(suffix.encode())
    stem_bytes = stem.encode()[:budget]
    return stem_bytes.decode(errors="ignore") + suffix


def numbered(name: str, n: int) -> str:
    """`report.pdf` → `report (2).pdf`; a leading dot is not an extension."""
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem:
        return _shorten(f"{name} ({n})")
    return _shorten(f"{stem} ({n}).{ext}")


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
