"""Fitting a listing to the terminal: ids, sizes, dates and MIME types stay whole, and
names wrap only between words.

When every other column fits at full width and the flexible one (the name) keeps room
for its longest word, it is a table. Otherwise each row becomes a short block: its
leading cells on one line, then each other cell on a line of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

GAP = 2  # between columns
INDENT = "  "  # the lines of a block under its first
MIN_FLEXIBLE = 12

# A word and the separators after it: a line may break after a space, -, _ or .
_TOKEN = re.compile(r"[^\s\-_.]*[\s\-_.]*")


def wrap_words(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width`, broken only after a separator, unless one
    word alone is wider than that."""
    lines: list[str] = []
    line = ""
    for token in (t for t in _TOKEN.findall(text) if t):
        if line and len(line) + len(token.rstrip()) > width:
            lines.append(line.rstrip())
            line = ""
        while len(token.rstrip()) > width:  # a word wider than the column: no choice
            lines.append(token[:width])
            token = token[width:]
        line += token
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def longest_word(text: str) -> int:
    return max((len(t.rstrip()) for t in _TOKEN.findall(text)), default=0)


@dataclass(frozen=True)
class Fit:
    """How a listing goes on the terminal: `widths` of every column when a table,
    else None (blocks)."""

    widths: list[int] | None


def fit(
    columns: Sequence[str], rows: Sequence[Sequence[str]], width: int, flexible: str | None
) -> Fit:
    natural = [max([len(name), *(len(row[i]) for row in rows)]) for i, name in enumerate(columns)]
    gaps = GAP * (len(columns) - 1)
    if sum(natural) + gaps <= width:
        return Fit(natural)
    if flexible is None or flexible not in columns:
        return Fit(None)
    i = columns.index(flexible)
    room = width - gaps - sum(w for j, w in enumerate(natural) if j != i)
    needed = max([MIN_FLEXIBLE, len(flexible), *(longest_word(row[i]) for row in rows)])
    if room < min(needed, natural[i]):
        return Fit(None)
    return Fit([room if j == i else w for j, w in enumerate(natural)])


def blocks(
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    width: int,
    *,
    leading: Sequence[str],
    flexible: str | None,
) -> list[str]:
    """Each row as lines: the `leading` cells side by side, then one line per other
    cell (labelled, but for the flexible one)."""
    first = [i for i, name in enumerate(columns) if name in leading]
    widths = {i: max(len(row[i]) for row in rows) for i in first}
    lines: list[str] = []
    for row in rows:
        lines.append("  ".join(row[i].ljust(widths[i]) for i in first).rstrip())
        for i, name in enumerate(columns):
            if i in first:
                continue
            text = row[i] if name == flexible else f"{name.lower()}: {row[i]}"
            lines.extend(INDENT + part for part in wrap_words(text, width - len(INDENT)))
    return lines
