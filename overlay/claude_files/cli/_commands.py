"""What each command does, on one `AsyncClient` per run.

Every function takes parsed arguments, prints through `Output` and returns the exit
code. Per-item commands report each item as it finishes; one failure never stops the
others.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claude_files import (
    ClaudeFilesError,
    DestinationExistsError,
    ProgressCallback,
    place_file,
)
from claude_files.cli._kinds import CODE_ARTIFACTS, Kind, UsageProblem
from claude_files.cli._names import NamePlanner, staging_folder
from claude_files.cli._output import Output, human_size
from claude_files.cli._results import Outcome, Run, failure, run_each
from claude_files.cli._settings import Settings
from claude_files_openapi.types import Unset

if TYPE_CHECKING:
    from claude_files.cli._progress import Progress


def _unique(items: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _dump(model: Any) -> dict[str, Any]:
    data: dict[str, Any] = model.to_dict()
    return data


@contextmanager
def _bar(progress: Progress | None, label: str) -> Iterator[ProgressCallback | None]:
    """A progress bar for one transfer, as the `on_progress` to hand the library (None
    off a terminal, where nothing is drawn)."""
    if progress is None:
        yield None
        return
    bar = progress.bar(label)
    try:
        yield bar.update
    finally:
        bar.close()


# -- upload ------------------------------------------------------------------------------


@dataclass
class Expanded:
    """The files an upload's arguments stand for, and what their folders hold besides."""

    files: list[Path]
    #: (folder, subfolders, hidden entries) for each folder that held either.
    skipped: list[tuple[Path, int, int]]


def expand_paths(paths: Sequence[Path]) -> Expanded:
    """Files as given; a folder stands for the regular files directly in it (not hidden)."""
    found: list[Path] = []
    skipped: list[tuple[Path, int, int]] = []
    for path in paths:
        if not path.is_dir():
            found.append(path)
            continue
        subfolders = hidden = 0
        for entry in sorted(path.iterdir()):
            if entry.name.startswith("."):
                hidden += 1
            elif entry.is_dir():
                subfolders += 1
            elif entry.is_file():
                found.append(entry)
        if subfolders or hidden:
            skipped.append((path, subfolders, hidden))
    return Expanded(list(dict.fromkeys(found)), skipped)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def skipped_note(folder: Path, subfolders: int, hidden: int) -> str:
    parts = [_count(subfolders, "subfolder", "subfolders")] if subfolders else []
    parts += [_count(hidden, "hidden entry", "hidden entries")] if hidden else []
    return (
        f"note: {folder}: skipped {' and '.join(parts)} (a folder uploads only the "
        "files directly in it, never hidden ones; name them to upload them)"
    )


async def upload(
    settings: Settings,
    out: Output,
    paths: Sequence[Path],
    *,
    jobs: int,
    expires_in: int | None = None,
) -> int:
    expanded = expand_paths(paths)
    for folder, subfolders, hidden in expanded.skipped:
        out.info(skipped_note(folder, subfolders, hidden))
    files = expanded.files
    if not files:
        out.info("nothing to upload: the folders given hold no files")
        return 0
    run = Run("uploaded", out, order=[str(path) for path in files])
    async with settings.client() as client:
        with out.progress() as progress:

            async def one(path: Path) -> Outcome:
                try:
                    with _bar(progress, path.name) as on_progress:
                        meta = await client.files.upload(
                            path, expires_in=expires_in, on_progress=on_progress
                        )
                except Exception as exc:
                    return failure(str(path), exc, path=str(path))
                return Outcome(
                    item=str(path),
                    ok=True,
                    data={"ok": True, "path": str(path), "id": meta.id, "file": _dump(meta)},
                    text=f"uploaded {path} as {meta.id} ({human_size(meta.size_bytes)})",
                )

            try:
                await run_each(run, files, one, jobs=jobs, label=str)
            finally:
                run.summarize(interrupted=len(run.outcomes) < run.total)
    return run.exit_code()


# -- list --------------------------------------------------------------------------------

FILE_COLUMNS = ("ID", "FILENAME", "SIZE", "CREATED", "MIME TYPE")


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "-"
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in value.items())
    return " ".join(str(value).split())


def _file_row(meta: Any, *, human: bool) -> list[str]:
    """A row of `list`: exact for scripts, short for people."""
    size = meta.size_bytes
    created = meta.created_at
    return [
        meta.id,
        _cell(meta.filename),
        human_size(size) if human else str(size),
        created.astimezone().strftime("%Y-%m-%d %H:%M") if human else created.isoformat(),
        _cell(meta.mime_type),
    ]


@dataclass(frozen=True)
class Listing:
    """How a list command shows its items: a table on a terminal, tab-separated lines
    off one, or --json lines with the item under `key`."""

    noun: str
    key: str
    columns: tuple[str, ...]
    row: Callable[[Any, bool], list[str]]
    """An item's cells: `(item, human)`, short for people, exact for scripts."""
    leading: tuple[str, ...]
    flexible: str | None


async def show_list(
    out: Output, listing: Listing, items: Callable[[], AsyncIterator[Any]], limit: int | None
) -> int:
    """Print the items as they arrive (or as far as `limit`); a failure part-way leaves
    what was listed and exits 1."""
    rows: list[list[str]] = []
    count = 0
    failed: Outcome | None = None
    try:
        async for item in items():
            count += 1
            if out.json_mode:
                out.json({"ok": True, "id": item.id, listing.key: _dump(item)})
            elif out.stdout_tty:
                rows.append(listing.row(item, True))
            else:
                out.line("\t".join(listing.row(item, False)))
            if limit is not None and count >= limit:
                break
    except ClaudeFilesError as exc:  # what was listed stands; the rest is an error
        failed = failure(f"list (after {_count(count, listing.noun, listing.noun + 's')})", exc)
    if out.stdout_tty and not out.json_mode:
        if rows:
            out.table(listing.columns, rows, leading=listing.leading, flexible=listing.flexible)
        out.info(_count(count, listing.noun, listing.noun + "s"))
    if failed is not None:
        Run("listed", out).report(failed)
        return 1
    return 0


FILE_LISTING = Listing(
    "file",
    "file",
    FILE_COLUMNS,
    lambda meta, human: _file_row(meta, human=human),
    leading=("ID", "SIZE", "CREATED"),
    flexible="FILENAME",
)


async def list_files(
    settings: Settings,
    out: Output,
    *,
    limit: int | None,
    page_size: int | None,
    after: str | None,
    before: str | None,
) -> int:
    per_page = page_size or (min(limit, 1000) if limit else 100)
    async with settings.client() as client:
        return await show_list(
            out,
            FILE_LISTING,
            lambda: aiter(client.files.list(limit=per_page, after_id=after, before_id=before)),
            limit,
        )


# -- get ---------------------------------------------------------------------------------


async def get(settings: Settings, out: Output, kind: Kind, ids: Sequence[str], *, jobs: int) -> int:
    ids = _unique(ids)
    run = Run("found", out, total=len(ids))
    gate = asyncio.Semaphore(jobs)
    async with settings.client() as client:
        resource = kind.resource(client)

        async def fetch(file_id: str) -> Any:
            async with gate:
                try:
                    return await resource.get(file_id)
                except Exception as exc:
                    return failure(file_id, exc, id=file_id)

        # Fetched together, printed in the order given.
        results = await asyncio.gather(*(fetch(i) for i in ids))
    shown = 0
    for file_id, result in zip(ids, results, strict=True):
        if isinstance(result, Outcome):
            run.report(result)
            continue
        data: dict[str, Any] = {"ok": True, "id": file_id, kind.result_key: _dump(result)}
        run.report(Outcome(file_id, True, data, ""), quiet=True)
        if out.json_mode:
            out.json(data)
            continue
        if shown and not out.stdout_tty:
            out.line("")
        shown += 1
        fields = [(k, _cell(v)) for k, v in data[kind.result_key].items()]
        out.fields(fields, title=f"{kind.noun} {file_id}")
    run.summarize()
    return run.exit_code()


# -- delete ------------------------------------------------------------------------------


async def delete(
    settings: Settings, out: Output, kind: Kind, ids: Sequence[str], *, jobs: int
) -> int:
    ids = _unique(ids)
    run = Run("deleted", out, order=ids)
    async with settings.client() as client:
        resource = kind.resource(client)

        async def one(file_id: str) -> Outcome:
            try:
                await resource.delete(file_id)
            except Exception as exc:
                return failure(file_id, exc, id=file_id)
            return Outcome(
                file_id, True, {"ok": True, "id": file_id, "deleted": True}, f"deleted {file_id}"
            )

        try:
            await run_each(run, ids, one, jobs=jobs)
        finally:
            run.summarize(interrupted=len(run.outcomes) < run.total)
    return run.exit_code()


# -- download ----------------------------------------------------------------------------


def destination(output: str | None, count: int) -> tuple[Path | None, Path | None]:
    """(folder, file): where downloads go. Exactly one of the two is set; a folder
    exists when this returns (made if needed), and a file's folder exists.

    `-o` names a folder when it ends with a separator, is an existing folder, or is
    given for several ids; otherwise (one id) it names the file. Checked before any
    request: a bad destination is a usage error.
    """
    if output is None:
        return Path("."), None
    if output == "-":
        raise UsageProblem("-o -: downloads go to files, not to stdout; name a file or folder")
    path = Path(output)
    if path.is_dir() or output.endswith(("/", os.sep)) or count > 1:
        if path.exists() and not path.is_dir():
            why = "several ids need a folder" if count > 1 else "a trailing / names a folder"
            raise UsageProblem(f"-o {output}: {why}, and this is a file")
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageProblem(f"-o {output}: cannot make this folder ({exc.strerror})") from None
        return path, None
    if not path.parent.is_dir():
        raise UsageProblem(
            f"-o {output}: no folder {path.parent}/ to put this file in "
            "(end -o with / to download into a new folder)"
        )
    return None, path


def _exists(path: Path) -> FileExistsError:
    return FileExistsError(f"{path} already exists (pass --overwrite to replace it)")


def _place(staged: Path, dest: Path, overwrite: bool) -> int:
    """Move a finished download into place; its size (one trip to a thread for both)."""
    place_file(staged, dest, overwrite=overwrite)
    return dest.stat().st_size


async def download(
    settings: Settings,
    out: Output,
    kind: Kind,
    ids: Sequence[str],
    *,
    output: str | None,
    overwrite: bool,
    jobs: int,
    max_size: int | None,
    extra: dict[str, Any] | None = None,
) -> int:
    """Each id into its file, `jobs` at a time: one request per file.

    Into a folder, a file is named by its download (`Content-Disposition`, made safe):
    the library writes it under that name in a private staging folder, atomically, and
    it moves into place under a name unique in this run. Names are claimed in the
    order the ids were given, so the same command always gives the same names.
    """
    ids = _unique(ids)
    extra = extra or {}
    folder, single = destination(output, len(ids))
    run = Run(
        "downloaded", out, total=len(ids), unfinished_note="they left nothing behind", order=ids
    )
    gate = asyncio.Semaphore(jobs)
    planner = NamePlanner(folder) if folder is not None else None

    async with settings.client() as client:
        resource = kind.resource(client)
        with out.progress() as progress:

            def done(file_id: str, path: Path, size: int) -> Outcome:
                return Outcome(
                    file_id,
                    True,
                    {"ok": True, "id": file_id, "path": str(path), "size_bytes": size},
                    f"downloaded {file_id} to {path} ({human_size(size)})",
                )

            async def fetch_to(file_id: str, dest: Path) -> None:
                """Into the file `dest`, through the library's atomic download_to_file."""
                try:
                    async with gate:
                        with _bar(progress, dest.name) as on_progress:
                            path = await resource.download_to_file(
                                file_id,
                                dest,
                                overwrite=overwrite,
                                max_bytes=max_size,
                                on_progress=on_progress,
                                **extra,
                            )
                    size = (await asyncio.to_thread(path.stat)).st_size
                    outcome = done(file_id, path, size)
                except DestinationExistsError:
                    outcome = failure(file_id, _exists(dest), id=file_id, path=str(dest))
                except Exception as exc:
                    outcome = failure(file_id, exc, id=file_id, path=str(dest))
                run.report(outcome)

            async def fetch_into(
                file_id: str, turn: asyncio.Event | None, claimed: asyncio.Event
            ) -> None:
                """Into the folder, named by the download; `turn` is the previous id's
                `claimed`."""
                assert planner is not None
                dest: Path | None = None
                try:
                    async with staging_folder(planner.folder) as stage:
                        async with gate:
                            with _bar(progress, file_id) as on_progress:
                                staged = await resource.download_to_file(
                                    file_id,
                                    stage,
                                    max_bytes=max_size,
                                    on_progress=on_progress,
                                    **extra,
                                )
                        if turn is not None:
                            await turn.wait()
                        dest = planner.claim(staged.name)
                        claimed.set()
                        size = await asyncio.to_thread(_place, staged, dest, overwrite)
                    outcome = done(file_id, dest, size)
                except DestinationExistsError as exc:
                    outcome = failure(file_id, _exists(dest or exc.path), id=file_id)
                except Exception as exc:
                    outcome = failure(file_id, exc, id=file_id)
                finally:  # also on Ctrl-C: the next id's turn comes
                    claimed.set()
                run.report(outcome)

            try:
                async with asyncio.TaskGroup() as group:
                    if single is not None:
                        group.create_task(fetch_to(ids[0], single))
                    else:
                        turn: asyncio.Event | None = None
                        for file_id in ids:
                            claimed = asyncio.Event()
                            group.create_task(fetch_into(file_id, turn, claimed))
                            turn = claimed
            finally:
                run.summarize(interrupted=len(run.outcomes) < run.total)
    return run.exit_code()


# -- code artifacts ----------------------------------------------------------------------

CODE_ARTIFACT_COLUMNS = ("ID", "OWNER", "READ MODE", "UPDATED", "VERSIONS", "PUBLISHED")


def _artifact_row(artifact: Any, *, human: bool) -> list[str]:
    updated = artifact.updated_at if isinstance(artifact.updated_at, datetime) else None
    when = "-"
    if updated is not None:
        when = updated.astimezone().strftime("%Y-%m-%d %H:%M") if human else updated.isoformat()
    versions = artifact.versions if isinstance(artifact.versions, list) else []
    return [
        artifact.id,
        _cell(_known(artifact.owner_user_id)),
        _cell(_known(artifact.read_mode)),
        when,
        str(len(versions)),
        _cell(_known(artifact.published_version_id)),
    ]


def _known(value: Any) -> Any:
    return None if isinstance(value, Unset) else value


CODE_ARTIFACT_LISTING = Listing(
    "code artifact",
    "code_artifact",
    CODE_ARTIFACT_COLUMNS,
    lambda artifact, human: _artifact_row(artifact, human=human),
    leading=("ID", "UPDATED", "VERSIONS"),
    flexible=None,
)


async def list_code_artifacts(
    settings: Settings,
    out: Output,
    *,
    limit: int | None,
    page_size: int | None,
    organization_ids: Sequence[str],
    user_ids: Sequence[str],
    updated_since: datetime | None,
    updated_before: datetime | None,
) -> int:
    per_page = page_size or (min(limit, 100) if limit else 100)
    async with settings.client() as client:
        return await show_list(
            out,
            CODE_ARTIFACT_LISTING,
            lambda: aiter(
                client.compliance.code_artifacts.list(
                    limit=per_page,
                    organization_ids=list(organization_ids) or None,
                    user_ids=list(user_ids) or None,
                    updated_at_gte=updated_since,
                    updated_at_lt=updated_before,
                )
            ),
            limit,
        )


async def get_code_artifacts(
    settings: Settings, out: Output, ids: Sequence[str], *, version_id: str | None
) -> int:
    """Each artifact as the list has it (or one version's metadata), in the order given.

    The API has no endpoint for one artifact: the list is walked once for all of them.
    """
    ids = _unique(ids)
    if version_id is not None and len(ids) != 1:
        raise UsageProblem("--version belongs to one artifact: give exactly one ID")
    run = Run("found", out, total=len(ids))
    found: dict[str, Any] = {}
    async with settings.client() as client:
        try:
            async for artifact in client.compliance.code_artifacts.list(limit=100):
                if artifact.id in ids:
                    found[artifact.id] = artifact
                    if len(found) == len(ids):
                        break
        except ClaudeFilesError as exc:
            for artifact_id in ids:
                run.report(failure(artifact_id, exc, id=artifact_id))
            run.summarize()
            return run.exit_code()
    for artifact_id in ids:
        entry = found.get(artifact_id)
        record: Any = entry
        if entry is not None and version_id is not None:
            versions = entry.versions if isinstance(entry.versions, list) else []
            record = next((v for v in versions if v.id == version_id), None)
        if record is None:
            what = f"version {version_id} of {artifact_id}" if version_id else artifact_id
            missing = LookupError(f"{what} is not in the list (deleted, or rotated out)")
            run.report(failure(artifact_id, missing, id=artifact_id))
            continue
        key = "code_artifact_version" if version_id else "code_artifact"
        data: dict[str, Any] = {"ok": True, "id": artifact_id, key: _dump(record)}
        run.report(Outcome(artifact_id, True, data, ""), quiet=True)
        if out.json_mode:
            out.json(data)
            continue
        fields = [(k, _cell(v)) for k, v in data[key].items()]
        title = f"version {version_id} of {artifact_id}" if version_id else artifact_id
        out.fields(fields, title=f"code artifact {title}")
    run.summarize()
    return run.exit_code()


async def download_code_artifacts(
    settings: Settings,
    out: Output,
    ids: Sequence[str],
    *,
    output: str | None,
    version_id: str | None,
    extract: bool,
    overwrite: bool,
    jobs: int,
    max_size: int | None,
) -> int:
    ids = _unique(ids)
    if version_id is not None and len(ids) != 1:
        raise UsageProblem("--version belongs to one artifact: give exactly one ID")
    extra: dict[str, Any] = {"version_id": version_id} if version_id else {}
    if not extract:
        return await download(
            settings,
            out,
            CODE_ARTIFACTS,
            ids,
            output=output,
            overwrite=overwrite,
            jobs=jobs,
            max_size=max_size,
            extra=extra,
        )
    if overwrite:
        raise UsageProblem("--extract makes a new folder and never replaces one: drop --overwrite")
    folder, single = destination(output, len(ids))
    run = Run("extracted", out, unfinished_note="they left nothing behind", order=ids)
    async with settings.client() as client:
        artifacts = client.compliance.code_artifacts
        with out.progress() as progress:

            async def one(artifact_id: str) -> Outcome:
                dest = single if single is not None else folder
                assert dest is not None
                try:
                    with _bar(progress, artifact_id) as on_progress:
                        path = await artifacts.download_to_file(
                            artifact_id,
                            dest,
                            extract=True,
                            max_bytes=max_size,
                            on_progress=on_progress,
                            **extra,
                        )
                except Exception as exc:
                    return failure(artifact_id, exc, id=artifact_id)
                count = await asyncio.to_thread(_count_files, path)
                noun = "file" if count == 1 else "files"
                return Outcome(
                    artifact_id,
                    True,
                    {"ok": True, "id": artifact_id, "path": str(path), "files": count},
                    f"extracted {artifact_id} into {path} ({count} {noun})",
                )

            try:
                await run_each(run, ids, one, jobs=jobs)
            finally:
                run.summarize(interrupted=len(run.outcomes) < run.total)
    return run.exit_code()


def _count_files(folder: Path) -> int:
    return sum(1 for p in folder.rglob("*") if p.is_file())


# -- projects ----------------------------------------------------------------------------

ATTACHMENT_COLUMNS = ("TYPE", "ID", "FILENAME", "CREATED", "MIME TYPE")


def _attachment_row(item: Any, human: bool) -> list[str]:
    """Any attachment, of a known kind or not (its fields then as far as it has them)."""
    created = getattr(item, "created_at", None)
    when = "-"
    if isinstance(created, datetime):
        when = created.astimezone().strftime("%Y-%m-%d %H:%M") if human else created.isoformat()
    return [
        item.type_,
        item.id,
        _cell(_known(getattr(item, "filename", None))),
        when,
        _cell(_known(getattr(item, "mime_type", None))),
    ]


ATTACHMENT_LISTING = Listing(
    "attachment",
    "attachment",
    ATTACHMENT_COLUMNS,
    _attachment_row,
    leading=("TYPE", "ID", "CREATED"),
    flexible="FILENAME",
)


async def list_attachments(
    settings: Settings,
    out: Output,
    project_id: str,
    *,
    limit: int | None,
    page_size: int | None,
) -> int:
    per_page = page_size or (min(limit, 100) if limit else 100)
    async with settings.client() as client:
        projects = client.compliance.projects
        return await show_list(
            out,
            ATTACHMENT_LISTING,
            lambda: aiter(projects.attachments(project_id, limit=per_page)),
            limit,
        )
