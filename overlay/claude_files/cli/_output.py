"""Everything the command prints goes through `Output`.

Three shapes of output, chosen once per run:

- `--json`: one JSON object per result on stdout, nothing else there, each in the one
  shape `JSON_SHAPE` describes;
- a terminal: tables for `list`/`get`, progress bars on stderr while bytes move;
- anything else (a pipe, a file): plain result lines, no colour, no bars.

Messages and errors go to stderr. Every line, on either stream, passes through the
redactor first, so an API key cannot be printed even by an error message that quotes it.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from claude_files.cli._progress import Progress

REDACTED = "[redacted]"

JSON_SHAPE = """\b
--json: one JSON object per line on stdout for each result, and for each
failed item, in one shape for every command:
  {"ok": true, "command": "files get", "id": "file_...", "file": {...}}
  {"ok": false, "command": "files get", "id": "file_...",
   "error": {"type": "not_found_error", "message": "...", "status": 404,
             "request_id": "req_..."}}
"ok" and "command" are always there; "id" names the item (for an upload,
the new file) and "path" the local file, when there is one. The result:
"file" (files upload, list, get; compliance files/generated-files get),
"code_artifact" (code-artifacts list, get), "code_artifact_version" (get
--version), "attachment" (projects attachments), "project_document"
(project-documents get), "size_bytes" (download), "export" (projects
export: the item's manifest entry and "skipped"), "files" (download
--extract: how many) or "deleted" (delete). "error" always has "type" and "message"; an
API error adds "status" and "request_id" (and "error_code", "hint")."""


class Redactor:
    """Replaces every secret it knows (API keys) with `[redacted]`."""

    def __init__(self, secrets: Iterable[str | None] = ()) -> None:
        # Longest first, so a key that contains another is removed whole.
        self._secrets = sorted({s for s in secrets if s and len(s) >= 4}, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        return text


def human_size(n: int | None) -> str:
    """`1.2 MB`: decimal units, as disks and download tools show sizes."""
    if n is None:
        return "?"
    if n < 1000:
        return f"{n} B"
    value = float(n)
    for unit in ("kB", "MB", "GB", "TB"):
        value /= 1000
        if value < 1000 or unit == "TB":
            return f"{value:.1f} {unit}"
    raise AssertionError("unreachable")


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Output:
    def __init__(
        self, *, json_mode: bool, redact: Redactor, progress: bool = True, command: str = ""
    ) -> None:
        self.json_mode = json_mode
        self.command = command
        self.redact = redact
        self.stdout_tty = _is_tty(sys.stdout)
        self.stderr_tty = _is_tty(sys.stderr)
        # Bars go to stderr, so they also show when stdout is piped (as curl does).
        self.progress_enabled = progress and self.stderr_tty
        self._live: Progress | None = None

    # -- the streams -------------------------------------------------------------------

    def _write(self, stream: TextIO, text: str) -> None:
        text = self.redact(text)
        live = self._live
        if live is not None and _is_tty(stream):
            live.print_above(text)
        else:
            stream.write(text + "\n")
            stream.flush()

    def line(self, text: str) -> None:
        """A plain result line on stdout (not in JSON mode)."""
        if not self.json_mode:
            self._write(sys.stdout, text)

    def json(self, obj: dict[str, Any]) -> None:
        """One result on stdout (JSON mode only), in the shape of `JSON_SHAPE`: `obj`
        has "ok" and the rest; "command" is added."""
        if self.json_mode:
            line = {"ok": obj["ok"], "command": self.command, **obj}
            self._write(sys.stdout, json.dumps(line, default=str, ensure_ascii=False))

    def result(self, obj: dict[str, Any], text: str) -> None:
        """A result: `obj` in JSON mode, else `text`."""
        if self.json_mode:
            self.json(obj)
        else:
            self.line(text)

    def info(self, text: str) -> None:
        """A message for the person at the terminal (stderr)."""
        self._write(sys.stderr, text)

    def error(self, text: str) -> None:
        self._write(sys.stderr, f"error: {text}")

    # -- tables --------------------------------------------------------------------------

    def table(
        self,
        columns: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        leading: Sequence[str] = ("ID", "SIZE", "CREATED"),
        flexible: str | None = "FILENAME",
    ) -> None:
        """A table fitted to the terminal (see `_layout`); tab-separated lines (no
        header) off one. Only `flexible` wraps, between words; when even that does not
        fit, each row is a block: its `leading` cells, then a line per other cell."""
        rows = [[self.redact(cell) for cell in row] for row in rows]
        if not self.stdout_tty:
            for row in rows:
                self._write(sys.stdout, "\t".join(row))
            return
        from rich.console import Console
        from rich.table import Table

        from claude_files.cli import _layout

        console = Console(file=sys.stdout, highlight=False)
        layout = _layout.fit(columns, rows, console.width, flexible)
        if layout.widths is None:
            lines = _layout.blocks(columns, rows, console.width, leading=leading, flexible=flexible)
            for line in lines:
                self._write(sys.stdout, line)
            return
        table = Table(box=None, show_edge=False, pad_edge=False, padding=(0, 1))
        for name, width in zip(columns, layout.widths, strict=True):
            table.add_column(
                name,
                width=width,
                no_wrap=True,
                overflow="fold",
                justify="right" if name == "SIZE" else "left",
            )
        for row in rows:
            cells = [
                "\n".join(_layout.wrap_words(cell, width)) if name == flexible else cell
                for name, width, cell in zip(columns, layout.widths, row, strict=True)
            ]
            table.add_row(*cells)
        console.print(table)

    def fields(self, pairs: Sequence[tuple[str, str]], *, title: str) -> None:
        """One record as `field  value` lines: a two-column table on a terminal."""
        if not self.stdout_tty:
            for name, value in pairs:
                self._write(sys.stdout, f"{name}\t{value}")
            return
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title, title_justify="left", show_header=False, show_edge=False)
        table.add_column(style="bold")
        table.add_column(overflow="fold")
        for name, value in pairs:
            table.add_row(name, self.redact(value))
        Console(file=sys.stdout, highlight=False).print(table)

    # -- progress ------------------------------------------------------------------------

    @contextmanager
    def progress(self) -> Iterator[Progress | None]:
        """Bars on stderr while the block runs, when stderr is a terminal; else None."""
        if not self.progress_enabled:
            yield None
            return
        from claude_files.cli._progress import Progress

        live = Progress(redirect_stdout=self.stdout_tty)
        self._live = live
        try:
            with live:
                yield live
        finally:
            self._live = None
