"""The `claude-files` command tree (click), and `main`, its entry point.

The commands here only parse; `_commands` does the work.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from collections.abc import Callable, Coroutine, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from claude_files._version import __version__
from claude_files.cli import _startup
from claude_files.cli._kinds import (
    ARTIFACTS,
    CHAT_FILES,
    CODE_ARTIFACTS,
    FILES,
    GENERATED_FILES,
    PROJECT_DOCUMENTS,
    Kind,
    UsageProblem,
)
from claude_files.cli._output import JSON_SHAPE, Redactor
from claude_files.cli._settings import (
    ENV_API_KEY,
    ENV_BASE_URL,
    ENV_COMPLIANCE_ACCESS_KEY,
    ENV_COMPLIANCE_API_KEY,
    MissingKeyError,
    Settings,
)

if TYPE_CHECKING:
    from claude_files.cli import _commands, _export
else:
    _commands = _startup.lazy("claude_files.cli._commands")
    _export = _startup.lazy("claude_files.cli._export")

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

EPILOG = f"""\b
Exit codes:
  0    everything done
  1    some item failed: the others are still done, and a summary
       on stderr says which failed
  2    usage error (bad option or argument, no API key)
  130  interrupted (Ctrl-C): finished files stay, unfinished ones
       leave nothing behind. A second Ctrl-C waits for that cleanup
       (milliseconds); a third quits at once and may leave a
       .claude-files-*.part file

\b
Environment:
  {ENV_API_KEY}                key for `files` commands
  {ENV_COMPLIANCE_API_KEY}     key for `compliance` commands
  {ENV_COMPLIANCE_ACCESS_KEY}  the same, used when the one above is unset
  {ENV_BASE_URL}               API base URL (default https://api.anthropic.com)

\b
Output: result lines on stdout, messages and errors on stderr; progress
bars only when stderr is a terminal, tables only when stdout is one.

{JSON_SHAPE}
"""

LEAF_EPILOG = """\b
Exit codes: 0 everything done, 1 some item failed (a summary on stderr
says which), 2 usage error or no API key, 130 interrupted (Ctrl-C).
`claude-files --help` tells more."""

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


# -- shared options --------------------------------------------------------------------


def _settings(ctx: click.Context) -> Settings:
    return ctx.ensure_object(Settings)


def _store(name: str) -> Callable[[click.Context, click.Parameter, Any], Any]:
    def callback(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        if value is not None:
            setattr(_settings(ctx), name, value)
        return value

    return callback


def _option(*decls: str, store: str, **kwargs: Any) -> Callable[[F], F]:
    return click.option(*decls, expose_value=False, callback=_store(store), **kwargs)


def _common(api: str) -> Callable[[F], F]:
    """Key, base URL, --json and --verbose: on every command that calls an API."""
    if api == "files":
        key = _option(
            "--api-key",
            store="api_key",
            envvar=ENV_API_KEY,
            show_envvar=True,
            metavar="KEY",
            help="Files API key.",
        )
    else:
        key = _option(
            "--compliance-api-key",
            store="compliance_api_key",
            envvar=[ENV_COMPLIANCE_API_KEY, ENV_COMPLIANCE_ACCESS_KEY],
            show_envvar=True,
            metavar="KEY",
            help="Compliance API key.",
        )
    options = [key]
    if api == "compliance":
        options.append(
            _option(
                "--compliance-api-version",
                store="compliance_api_version",
                metavar="VERSION",
                help="Send `anthropic-version: VERSION` to the Compliance API (it documents "
                "no such header: by default none is sent).",
            )
        )
    options += [
        _option(
            "--base-url",
            store="base_url",
            envvar=ENV_BASE_URL,
            show_envvar=True,
            metavar="URL",
            help="API base URL.",
        ),
        _option(
            "--json",
            "json_mode",
            store="json_mode",
            is_flag=True,
            default=None,
            help="One JSON object per result on stdout (`claude-files --help` shows its shape).",
        ),
        _option(
            "-v",
            "--verbose",
            store="verbose",
            is_flag=True,
            default=None,
            help="Log each request (never the key) on stderr.",
        ),
    ]

    def decorate(f: F) -> F:
        for option in reversed(options):
            f = option(f)
        return f

    return decorate


jobs_option = click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1, max=64),
    default=4,
    show_default=True,
    help="Transfers at once (one client, one connection pool).",
)

ids_argument = click.argument("ids", metavar="ID...", nargs=-1, required=True)


_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(i?)b?\s*$", re.IGNORECASE)


class Size(click.ParamType[int]):
    """`1048576`, `500k`, `10MB`, `1GiB`: bytes, decimal or binary units."""

    name = "size"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        match = _SIZE.match(str(value))
        if not match:
            self.fail(f"{value!r} is not a size such as 500k, 10MB or 1GiB", param, ctx)
        number, unit, binary = match.groups()
        base = 1024 if binary else 1000
        return int(float(number) * base ** " kmgt".index(unit.lower() or " "))


_DURATION = re.compile(r"^\s*(\d+)\s*([smhd]?)\s*$", re.IGNORECASE)
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
EXPIRES_MIN, EXPIRES_MAX = 3600, 7_776_000  # the spec's range: one hour to ninety days


class Duration(click.ParamType[int]):
    """`3600`, `90m`, `12h`, `7d`: whole seconds, within the spec's range for expiry."""

    name = "duration"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            seconds = value
        elif match := _DURATION.match(str(value)):
            seconds = int(match.group(1)) * _UNIT_SECONDS[match.group(2).lower()]
        else:
            self.fail(f"{value!r} is not a duration such as 3600, 12h or 7d", param, ctx)
        if not EXPIRES_MIN <= seconds <= EXPIRES_MAX:
            self.fail(
                f"{value!r} is {seconds} seconds: expiry is one hour to 90 days "
                f"({EXPIRES_MIN} to {EXPIRES_MAX} seconds)",
                param,
                ctx,
            )
        return seconds


def download_options(f: F) -> F:
    f = click.option(
        "--max-size",
        type=Size(),
        default=None,
        metavar="SIZE",
        help="Refuse files larger than SIZE (e.g. 100MB), before reading them when "
        "the server says their size.",
    )(f)
    f = click.option(
        "--overwrite", is_flag=True, help="Replace existing files (never done without it)."
    )(f)
    f = click.option(
        "-o",
        "--output",
        metavar="DIR/|FILE",
        help="Where to download (default: the current folder). A folder when it ends "
        "with /, is an existing folder, or is given with several IDs: created if needed. "
        "Otherwise, with one ID, the file's own name (its folder must exist).",
    )(f)
    return f


# -- running a command -------------------------------------------------------------------


def _run(
    api: str | None,
    work: Callable[[Settings], Coroutine[Any, Any, int]],
) -> int:
    """Check the key `api` needs, then run the command's coroutine."""
    ctx = click.get_current_context()
    settings = _settings(ctx)
    settings.command = ctx.command_path.partition(" ")[2]
    if api is not None:
        settings.require(api)
    logger = logging.getLogger("claude_files")
    level = logger.level
    handler = settings.configure_logging()
    from claude_files.cli import _interrupt, _malloc

    _malloc.keep_freed_memory()
    _startup.import_httpx()
    try:
        return _interrupt.run(work(settings))
    finally:
        if handler is not None:  # leave the logger as it was found (main() may be called
            logger.removeHandler(handler)  # again in one process, as tests do)
            logger.setLevel(level)


# -- the tree ----------------------------------------------------------------------------


@click.group(context_settings=CONTEXT, epilog=EPILOG)
@click.version_option(__version__, "-V", "--version", prog_name="claude-files")
def cli() -> None:
    """Move files to and from Anthropic's Files API and Compliance API.

    \b
      claude-files files upload report.pdf ./scans/
      claude-files files list
      claude-files files download file_011C... -o exports/
      claude-files compliance generated-files download claude_gen_file_011C...
    """


@cli.group(context_settings=CONTEXT, epilog=LEAF_EPILOG)
def files() -> None:
    """The Files API: files you upload (key: ANTHROPIC_API_KEY)."""


@files.command("upload", epilog=LEAF_EPILOG)
@click.argument(
    "paths",
    metavar="PATH...",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, path_type=Path),
)
@click.option(
    "--expires-in",
    type=Duration(),
    metavar="SECONDS",
    help="Delete the uploaded files this long after upload: seconds, or with a unit "
    "(90m, 12h, 7d); one hour to 90 days. Default: they never expire.",
)
@jobs_option
@_common("files")
def files_upload(paths: tuple[Path, ...], expires_in: int | None, jobs: int) -> int:
    """Upload files. A folder uploads the files directly in it: not its subfolders,
    and not hidden files (names starting with a dot); a note on stderr counts what
    was skipped."""
    return _run(
        "files",
        lambda s: _commands.upload(s, s.output(), paths, jobs=jobs, expires_in=expires_in),
    )


@files.command("list", epilog=LEAF_EPILOG)
@click.option("--limit", type=click.IntRange(min=1), help="Show at most this many files.")
@click.option("--after", "after", metavar="ID", help="Start after this file id.")
@click.option("--before", "before", metavar="ID", help="Page backwards from this file id.")
@click.option(
    "--page-size",
    type=click.IntRange(1, 1000),
    help="Files per request (default 100; fewer when --limit is smaller).",
)
@_common("files")
def files_list(
    limit: int | None, after: str | None, before: str | None, page_size: int | None
) -> int:
    """List files, newest first, across every page (or as far as --limit).

    A table on a terminal; otherwise one tab-separated line per file: id, filename,
    size in bytes, created_at (RFC 3339), MIME type.
    """
    if after and before:
        raise click.UsageError("--after and --before go in opposite directions: pick one")
    return _run(
        "files",
        lambda s: _commands.list_files(
            s, s.output(), limit=limit, page_size=page_size, after=after, before=before
        ),
    )


def _get_command(group: click.Group, kind: Kind) -> None:
    @group.command("get", epilog=LEAF_EPILOG)
    @ids_argument
    @jobs_option
    @_common(kind.api)
    def get(ids: tuple[str, ...], jobs: int) -> int:
        return _run(kind.api, lambda s: _commands.get(s, s.output(), kind, ids, jobs=jobs))

    get.help = f"Show the metadata of one or more {kind.noun}s."


def _download_command(group: click.Group, kind: Kind) -> None:
    @group.command("download", epilog=LEAF_EPILOG)
    @ids_argument
    @download_options
    @jobs_option
    @_common(kind.api)
    def download(
        ids: tuple[str, ...],
        output: str | None,
        overwrite: bool,
        max_size: int | None,
        jobs: int,
    ) -> int:
        return _run(
            kind.api,
            lambda s: _commands.download(
                s,
                s.output(),
                kind,
                ids,
                output=output,
                overwrite=overwrite,
                jobs=jobs,
                max_size=max_size,
            ),
        )

    download.help = (
        f"Download {kind.noun}s, under the names their downloads give (made safe); "
        "one request each. Each file is written to a temporary name "
        "and renamed into place when complete: an interrupted or failed download "
        "leaves nothing. Two files with one name in one run both land "
        "(`name (2).ext`)."
    )


def _delete_command(group: click.Group, kind: Kind) -> None:
    @group.command("delete", epilog=LEAF_EPILOG)
    @ids_argument
    @jobs_option
    @_common(kind.api)
    def delete(ids: tuple[str, ...], jobs: int) -> int:
        return _run(kind.api, lambda s: _commands.delete(s, s.output(), kind, ids, jobs=jobs))

    delete.help = f"Delete {kind.noun}s."


_get_command(files, FILES)
_download_command(files, FILES)
_delete_command(files, FILES)


@cli.group(context_settings=CONTEXT, epilog=LEAF_EPILOG)
def compliance() -> None:
    """The Compliance API: files of chats in your organisation
    (key: ANTHROPIC_COMPLIANCE_API_KEY, else ANTHROPIC_COMPLIANCE_ACCESS_KEY)."""


@compliance.group("files", context_settings=CONTEXT, epilog=LEAF_EPILOG)
def compliance_files() -> None:
    """Files attached to chats (claude_file_...)."""


@compliance.group("generated-files", context_settings=CONTEXT, epilog=LEAF_EPILOG)
def compliance_generated_files() -> None:
    """Files Claude generated in chats (claude_gen_file_...)."""


@compliance.group("artifacts", context_settings=CONTEXT, epilog=LEAF_EPILOG)
def compliance_artifacts() -> None:
    """Artifact versions (claude_artifact_version_...)."""


@compliance.group("code-artifacts", context_settings=CONTEXT, epilog=LEAF_EPILOG)
def compliance_code_artifacts() -> None:
    """Sites published from Claude Code (`cart_...`): list, get, download, delete."""


@compliance_code_artifacts.command("list", epilog=LEAF_EPILOG)
@click.option("--limit", type=click.IntRange(min=1), help="Show at most this many artifacts.")
@click.option(
    "--page-size",
    type=click.IntRange(1, 100),
    help="Artifacts per request (default 100; fewer when --limit is smaller).",
)
@click.option(
    "--org",
    "organization_ids",
    multiple=True,
    metavar="ID",
    help="Only this organization (repeatable).",
)
@click.option(
    "--user", "user_ids", multiple=True, metavar="ID", help="Only this owner (repeatable)."
)
@click.option(
    "--updated-since",
    type=click.DateTime(["%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%d"]),
    help="Only artifacts updated at or after this time (UTC unless an offset is given). "
    "An eventually-consistent index: leave it out for a complete export.",
)
@click.option(
    "--updated-before",
    type=click.DateTime(["%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%d"]),
    help="Only artifacts updated before this time.",
)
@_common("compliance")
def code_artifacts_list(
    limit: int | None,
    page_size: int | None,
    organization_ids: tuple[str, ...],
    user_ids: tuple[str, ...],
    updated_since: datetime | None,
    updated_before: datetime | None,
) -> int:
    """List code artifacts, by id, across every page (or as far as --limit).

    A table on a terminal; otherwise one tab-separated line per artifact: id, owner
    user id, read mode, updated_at (RFC 3339), number of versions, published version.
    """
    return _run(
        "compliance",
        lambda s: _commands.list_code_artifacts(
            s,
            s.output(),
            limit=limit,
            page_size=page_size,
            organization_ids=organization_ids,
            user_ids=user_ids,
            updated_since=_aware(updated_since),
            updated_before=_aware(updated_before),
        ),
    )


@compliance_code_artifacts.command("get", epilog=LEAF_EPILOG)
@ids_argument
@click.option(
    "--version", "version_id", metavar="VERSION_ID", help="Show this version of one artifact."
)
@_common("compliance")
def code_artifacts_get(ids: tuple[str, ...], version_id: str | None) -> int:
    """Show code artifacts as the list has them, with their versions (or one version)."""
    return _run(
        "compliance",
        lambda s: _commands.get_code_artifacts(s, s.output(), ids, version_id=version_id),
    )


@compliance_code_artifacts.command("download", epilog=LEAF_EPILOG)
@ids_argument
@click.option(
    "--version", "version_id", metavar="VERSION_ID", help="Download this version of one artifact."
)
@click.option(
    "--extract",
    is_flag=True,
    help="Extract the ZIP into a new folder (-o names it; by default it is named after the "
    "archive). Entries that would escape the folder, links and zip bombs are refused, "
    "with nothing written.",
)
@download_options
@jobs_option
@_common("compliance")
def code_artifacts_download(
    ids: tuple[str, ...],
    version_id: str | None,
    extract: bool,
    output: str | None,
    overwrite: bool,
    max_size: int | None,
    jobs: int,
) -> int:
    """Download code artifacts: each artifact's content (a ZIP when it has several
    files), or with --version one version's file, under the name the server gives. Each
    download is written to a temporary name and renamed into place when complete: an
    interrupted or failed one leaves nothing."""
    return _run(
        "compliance",
        lambda s: _commands.download_code_artifacts(
            s,
            s.output(),
            ids,
            output=output,
            version_id=version_id,
            extract=extract,
            overwrite=overwrite,
            jobs=jobs,
            max_size=max_size,
        ),
    )


@compliance.group("projects", context_settings=CONTEXT, epilog=LEAF_EPILOG)
def compliance_projects() -> None:
    """Projects (claude_proj_...): the files and documents they hold."""


@compliance_projects.command("attachments", epilog=LEAF_EPILOG)
@click.argument("project_id", metavar="PROJECT_ID")
@click.option("--limit", type=click.IntRange(min=1), help="Show at most this many attachments.")
@click.option(
    "--page-size",
    type=click.IntRange(1, 100),
    help="Attachments per request (default 100; fewer when --limit is smaller).",
)
@_common("compliance")
def projects_attachments(project_id: str, limit: int | None, page_size: int | None) -> int:
    """List a project's files and documents, oldest first, across every page.

    A table on a terminal; otherwise one tab-separated line per attachment: type
    (project_file, project_doc, or a kind this version does not know), id, filename,
    created_at (RFC 3339), MIME type. A project_file is a chat file: `compliance files
    download|delete` take its id; a project_doc's text is `compliance project-documents`'.
    """
    return _run(
        "compliance",
        lambda s: _commands.list_attachments(
            s, s.output(), project_id, limit=limit, page_size=page_size
        ),
    )


@compliance_projects.command("export", epilog=LEAF_EPILOG)
@click.argument("project_ids", metavar="PROJECT_ID...", nargs=-1, required=True)
@click.option(
    "-o", "--output", required=True, metavar="DIR", help="The export's folder (created if needed)."
)
@click.option(
    "--max-requests-per-minute",
    type=click.IntRange(min=1),
    default=600,  # the Compliance API's budget per parent organisation
    show_default=True,
    help="Start at most this many requests in any 60 s (list pages and retries count). "
    "The Compliance API allows 600 a minute per parent organisation, for all its keys.",
)
@jobs_option
@_common("compliance")
def projects_export(
    project_ids: tuple[str, ...], output: str, max_requests_per_minute: int, jobs: int
) -> int:
    """Download every file and document of the projects into DIR/PROJECT_ID/, and
    write DIR/manifest.jsonl: a line per item once it is complete on disk (id, type,
    project, filename, path, bytes, sha256, request_id, time).

    Run it again to finish an interrupted export: what the manifest records and the disk
    still holds (same size and sha256) is skipped without a request; the rest is done.
    Nothing is ever left half-written under its name, and no file the manifest does not
    name is replaced. A kind of attachment this version does not know is reported, and
    skipped."""
    return _run(
        "compliance",
        lambda s: _export.export_projects(
            s,
            s.output(),
            project_ids,
            output=output,
            jobs=jobs,
            max_requests_per_minute=max_requests_per_minute,
        ),
    )


@compliance.group("project-documents", context_settings=CONTEXT, epilog=LEAF_EPILOG)
def compliance_project_documents() -> None:
    """Projects' documents (claude_proj_doc_...): get (with their text), download, delete."""


def _aware(moment: datetime | None) -> datetime | None:
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment


_delete_command(compliance_code_artifacts, CODE_ARTIFACTS)
_get_command(compliance_files, CHAT_FILES)
_download_command(compliance_files, CHAT_FILES)
_delete_command(compliance_files, CHAT_FILES)
_get_command(compliance_generated_files, GENERATED_FILES)
_download_command(compliance_generated_files, GENERATED_FILES)
_download_command(compliance_artifacts, ARTIFACTS)
_get_command(compliance_project_documents, PROJECT_DOCUMENTS)
_download_command(compliance_project_documents, PROJECT_DOCUMENTS)
_delete_command(compliance_project_documents, PROJECT_DOCUMENTS)


@cli.command("mock-server", context_settings=CONTEXT)
@click.option(
    "--port", type=click.IntRange(0, 65535), default=0, help="Port (default: a free one)."
)
@click.option(
    "--seed",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="JSON fixture to seed it with.",
)
@click.option(
    "--uploaded-downloadable",
    is_flag=True,
    help="Let uploaded files be downloaded (the real API refuses: file_not_downloadable).",
)
def mock_server(port: int, seed: Path | None, uploaded_downloadable: bool) -> int:
    """Run the embedded mock server on 127.0.0.1 until Ctrl-C (needs the `mock` extra)."""
    from claude_files.cli._mock import serve

    return serve(port=port, seed=seed, uploaded_downloadable=uploaded_downloadable)


# -- the entry point ---------------------------------------------------------------------


def _keys_in(args: Sequence[str]) -> Redactor:
    """A redactor for every key this run could know, when its settings are out of reach."""
    names = (ENV_API_KEY, ENV_COMPLIANCE_API_KEY, ENV_COMPLIANCE_ACCESS_KEY)
    keys = [os.environ.get(name) for name in names]
    for i, arg in enumerate(args):
        for option in ("--api-key", "--compliance-api-key"):
            if arg == option and i + 1 < len(args):
                keys.append(args[i + 1])
            elif arg.startswith(option + "="):
                keys.append(arg.partition("=")[2])
    return Redactor(keys)


def main(argv: Sequence[str] | None = None) -> int:
    """Run `claude-files` with `argv` (default: the process's arguments); the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        rv = cli.main(args=args, prog_name="claude-files", standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        return EXIT_USAGE if isinstance(exc, click.UsageError) else exc.exit_code
    except (UsageProblem, MissingKeyError) as exc:
        click.echo(f"claude-files: error: {exc}", err=True)
        return EXIT_USAGE
    except (KeyboardInterrupt, click.Abort):
        click.echo("claude-files: interrupted", err=True)
        return EXIT_INTERRUPTED
    except Exception as exc:
        return _failed(exc, args)
    return rv if isinstance(rv, int) else EXIT_OK


def _failed(exc: Exception, args: Sequence[str]) -> int:
    """An error no command turned into a failed item (imported only now: the command
    tree needs none of it)."""
    from claude_files import ClaudeFilesError
    from claude_files.cli._results import describe_error

    if isinstance(exc, ClaudeFilesError):
        click.echo(f"claude-files: error: {_keys_in(args)(describe_error(exc)[1])}", err=True)
    else:  # a bug: say what it was, never with a key in it
        logging.getLogger("claude_files.cli").debug("internal error", exc_info=True)
        click.echo(f"claude-files: internal error: {_keys_in(args)(repr(exc))}", err=True)
    return EXIT_FAILED
