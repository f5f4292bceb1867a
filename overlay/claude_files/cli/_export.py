"""`claude-files compliance projects export`: every file and document of projects, one
folder per project, and `manifest.jsonl`, which proves what is complete.

- Each project's attachments are listed (every page); a `project_file` is downloaded
  through the chat-files endpoints, a `project_doc` through the documents' endpoint, an
  attachment of a kind this version does not know is reported and skipped.
- Names: each item gets a safe filename unique in its project's folder. An item the
  manifest already records keeps its recorded name; the others are named in the order
  the project lists them (`NamePlanner`), so the same ids give the same names.
- Each item is downloaded by the library (atomic, length and `Content-MD5` checked)
  into a private staging folder beside its final place, hashed (sha256), then moved
  into place: over the file the manifest records for it, else never over a file, unless
  that file holds the very same bytes (one this export committed just before a kill
  took its manifest line). Only then is its line appended to the manifest, flushed and
  fsynced: no line ever names a file that is not complete on disk.
- Run again, an item whose line exists and whose file still has that size and sha256
  is skipped, with no request for it; everything else is (re)done. A torn last line (a
  kill mid-write) is cut off. Staging folders a kill left behind are removed.
- Every request (list pages, downloads, retries) goes through one `RequestPacer`.
"""

from __future__ import annotations

import asyncio
import builtins
import hashlib
import json
import os
import shutil
import threading
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from claude_files import (
    AsyncClient,
    DestinationExistsError,
    ProjectAttachment,
    ProjectDocAttachment,
    ProjectFileAttachment,
    RequestPacer,
    ResponseInfo,
    place_file,
    safe_filename,
)
from claude_files.cli._kinds import UsageProblem
from claude_files.cli._names import STAGE_PREFIX as STAGING
from claude_files.cli._names import NamePlanner, staging_folder
from claude_files.cli._output import Output, human_size
from claude_files.cli._results import Outcome, Run, failure
from claude_files.cli._settings import Settings

MANIFEST = "manifest.jsonl"
#: Staging folders: the library's atomic download lands here, beside the final place.
STAGE_PREFIX = STAGING + "export-"
_HASH_BLOCK = 1024 * 1024


@dataclass(frozen=True)
class Entry:
    """One manifest line: an item complete on disk."""

    id: str
    type: str
    project: str
    filename: str
    path: str
    """Relative to the export's folder, with `/`."""
    bytes: int
    sha256: str
    request_id: str | None
    time: str
    """When it was committed (UTC, ISO 8601)."""

    def line(self) -> builtins.bytes:
        return (json.dumps(asdict(self), ensure_ascii=False) + "\n").encode("utf-8")

    @classmethod
    def parse(cls, line: builtins.bytes) -> Entry | None:
        """The entry on a line, or None when the line is not one."""
        try:
            data = json.loads(line)
            entry = cls(**data)
        except (ValueError, TypeError):
            return None
        texts = (entry.id, entry.type, entry.project, entry.filename, entry.path, entry.sha256)
        if not all(isinstance(v, str) for v in texts) or not isinstance(entry.bytes, int):
            return None
        return entry


class Manifest:
    """`manifest.jsonl`: the entries found at the start (per project and id, the last
    wins), and lines appended durably. Blocking: async code calls it in a thread."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.path = root / MANIFEST
        self.entries: dict[tuple[str, str], Entry] = {}
        self.ignored = 0
        """Complete lines that were not entries (edited by hand?): left as they are."""
        self.torn = False
        """Whether a torn last line was cut off."""
        self._lock = threading.Lock()
        self._fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o666)
        self._load()

    def _load(self) -> None:
        with open(self.path, "rb") as existing:
            data = existing.read()
        end = data.rfind(b"\n") + 1
        if end < len(data):  # killed mid-line: that line never counted
            os.ftruncate(self._fd, end)
            os.fsync(self._fd)
            self.torn = True
        for line in data[:end].splitlines():
            if not line.strip():
                continue
            entry = Entry.parse(line)
            if entry is None:
                self.ignored += 1
            else:
                self.entries[(entry.project, entry.id)] = entry

    def append(self, entry: Entry) -> None:
        """Add the line, then flush it to the disk."""
        with self._lock:
            os.write(self._fd, entry.line())
            os.fsync(self._fd)
        self.entries[(entry.project, entry.id)] = entry

    def close(self) -> None:
        os.close(self._fd)


def sha256_of(path: Path) -> tuple[int, str]:
    """(size, sha256 hex) of a file, read in blocks."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as f:
        while block := f.read(_HASH_BLOCK):
            digest.update(block)
            size += len(block)
    return size, digest.hexdigest()


def intact(root: Path, entry: Entry) -> bool:
    """Whether the file the entry names is still what it says (size, then sha256)."""
    path = root / entry.path
    try:
        if not path.is_file() or path.stat().st_size != entry.bytes:
            return False
        return sha256_of(path) == (entry.bytes, entry.sha256)
    except OSError:
        return False


def place(staged: Path, dest: Path, sha256: str, *, ours: bool) -> None:
    """Move the complete `staged` file to `dest` (the library's `place_file`: durable,
    and without `overwrite` never over a file). Over `dest` only when it is `ours` (the
    manifest records it for this item), or when it holds these very bytes (committed by
    a run that was killed before its manifest line)."""
    try:
        place_file(staged, dest, overwrite=ours)
    except DestinationExistsError:
        if not (dest.is_file() and sha256_of(dest)[1] == sha256):
            raise FileExistsError(
                f"{dest} exists and is not this export's (its manifest does not "
                "name it): left as it is; move it away and run again"
            ) from None


def remove_stale_stages(folder: Path) -> None:
    """Staging folders a killed run left (each held at most one unfinished download)."""
    if folder.is_dir():
        for entry in folder.iterdir():
            if entry.name.startswith(STAGE_PREFIX) and entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass
class _Counts:
    downloaded: int = 0
    skipped: int = 0
    failed: list[str] = field(default_factory=list)


@dataclass
class _Export:
    """One run: the client, the manifest, the gate on transfers, and the tallies."""

    client: AsyncClient
    manifest: Manifest
    run: Run
    gate: asyncio.Semaphore
    counts: _Counts = field(default_factory=_Counts)

    def report(self, outcome: Outcome, kind: str) -> None:
        if kind == "downloaded":
            self.counts.downloaded += 1
        elif kind == "skipped":
            self.counts.skipped += 1
        else:
            self.counts.failed.append(outcome.item)
        self.run.report(outcome)

    def done(self, entry: Entry, *, skipped: bool) -> Outcome:
        where = self.manifest.root / entry.path
        data: dict[str, Any] = {
            "ok": True,
            "id": entry.id,
            "path": str(where),
            "export": {**asdict(entry), "skipped": skipped},
        }
        if skipped:
            text = f"skipped {entry.id}: {where} is complete ({human_size(entry.bytes)})"
        else:
            text = f"downloaded {entry.id} to {where} ({human_size(entry.bytes)})"
        return Outcome(entry.id, True, data, text)

    async def item(self, project: str, item: ProjectAttachment, dest: Path) -> None:
        """Export one attachment to `dest` (or skip it, or report why not)."""
        root = self.manifest.root
        relative = dest.relative_to(root).as_posix()
        known = self.manifest.entries.get((project, item.id))
        ours = known is not None and known.path == relative
        fields = {"id": item.id, "path": str(dest)}
        try:
            if known is not None and ours and await asyncio.to_thread(intact, root, known):
                self.report(self.done(known, skipped=True), "skipped")
                return
            if not isinstance(item, ProjectFileAttachment | ProjectDocAttachment):
                message = f"a {item.type_!r} attachment: this version cannot export that kind"
                outcome = Outcome(
                    item.id,
                    False,
                    {
                        "ok": False,
                        "id": item.id,
                        "error": {"type": "unsupported", "message": message},
                    },
                    f"{item.id}: unsupported: {message} (skipped)",
                )
                self.report(outcome, "failed")
                return
            async with self.gate:
                entry = await self._download(project, item, dest, relative, ours=ours)
        except Exception as exc:
            self.report(failure(item.id, exc, **fields), "failed")
            return
        self.report(self.done(entry, skipped=False), "downloaded")

    async def _download(
        self,
        project: str,
        item: ProjectFileAttachment | ProjectDocAttachment,
        dest: Path,
        relative: str,
        *,
        ours: bool,
    ) -> Entry:
        async with staging_folder(dest.parent, STAGE_PREFIX) as stage:
            seen: list[ResponseInfo] = []
            staged = stage / dest.name
            compliance = self.client.compliance
            if isinstance(item, ProjectFileAttachment):
                await compliance.files.download_to_file(item.id, staged, on_response=seen.append)
            else:
                await compliance.project_documents.download_to_file(
                    item.id, staged, on_response=seen.append
                )
            size, digest = await asyncio.to_thread(sha256_of, staged)
            await asyncio.to_thread(place, staged, dest, digest, ours=ours)
            entry = Entry(
                id=item.id,
                type=item.type_,
                project=project,
                filename=dest.name,
                path=relative,
                bytes=size,
                sha256=digest,
                request_id=seen[-1].request_id if seen else None,
                time=_now(),
            )
            await asyncio.to_thread(self.manifest.append, entry)
            return entry

    def plan(self, project: str, folder: Path, items: Sequence[ProjectAttachment]) -> list[Path]:
        """Each item's destination: the manifest's name for an item it records, then
        new names in the order listed."""
        planner = NamePlanner(folder)
        chosen: dict[str, Path] = {}
        for item in items:
            known = self.manifest.entries.get((project, item.id))
            if known is not None and (self.manifest.root / known.path).parent == folder:
                chosen[item.id] = planner.claim(Path(known.path).name)
        for item in items:
            if item.id not in chosen:
                name = getattr(item, "filename", None)
                chosen[item.id] = planner.claim(
                    safe_filename(name if isinstance(name, str) else None, item.id) or "file"
                )
        return [chosen[item.id] for item in items]

    async def project(self, project: str, group: asyncio.TaskGroup) -> None:
        """List the project, then start its items (they wait for the gate)."""
        root = self.manifest.root
        try:
            if safe_filename(project) != project:
                raise ValueError(f"{project!r} cannot name a folder")
            items = [item async for item in self.client.compliance.projects.attachments(project)]
            folder = root / project
            await asyncio.to_thread(folder.mkdir, exist_ok=True)
            await asyncio.to_thread(remove_stale_stages, folder)
        except Exception as exc:
            self.run.total += 1
            self.report(failure(project, exc, id=project), "failed")
            return
        self.run.total += len(items)
        for item, dest in zip(items, self.plan(project, folder, items), strict=True):
            group.create_task(self.item(project, item, dest))


def _output_folder(output: str) -> Path:
    root = Path(output)
    if root.exists() and not root.is_dir():
        raise UsageProblem(f"-o {output}: the export needs a folder, and this is a file")
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageProblem(f"-o {output}: cannot make this folder ({exc.strerror})") from None
    return root


def _summary(out: Output, export: _Export, *, interrupted: bool) -> None:
    counts, run = export.counts, export.run
    line = f"{counts.downloaded} downloaded, {counts.skipped} skipped (already complete)"
    line += f", {len(counts.failed)} failed"
    if counts.failed:
        line += f": {', '.join(counts.failed)}"
    if interrupted:
        unfinished = run.total - len(run.outcomes)
        line = f"interrupted: {line}; {unfinished} unfinished (they left nothing behind)"
    out.info(f"{line}; manifest: {export.manifest.path}")


async def export_projects(
    settings: Settings,
    out: Output,
    project_ids: Sequence[str],
    *,
    output: str,
    jobs: int,
    max_requests_per_minute: int,
) -> int:
    """Export the projects into `output`; the exit code (1 when an item failed)."""
    projects = list(dict.fromkeys(project_ids))
    root = _output_folder(output)
    manifest = await asyncio.to_thread(Manifest, root)
    if manifest.torn:
        out.info(f"note: {manifest.path}: cut off a torn last line (a run was killed)")
    if manifest.ignored:
        out.info(f"note: {manifest.path}: {manifest.ignored} lines are not entries: ignored")
    pacer = RequestPacer(max_requests_per_minute, 60.0)
    run = Run("exported", out)
    try:
        async with settings.client() as base:
            client = base.with_options(pacer=pacer)
            export = _Export(client, manifest, run, asyncio.Semaphore(jobs))
            try:
                async with asyncio.TaskGroup() as group:
                    for project in projects:
                        await export.project(project, group)
            finally:
                _summary(out, export, interrupted=len(run.outcomes) < run.total)
    finally:
        manifest.close()
    return run.exit_code()
