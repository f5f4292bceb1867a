"""The resources: `files`, and `compliance.files`, `.generated_files`, `.artifacts`,
`.code_artifacts`, `.projects`, `.project_documents`.

Each method builds its request with the generated endpoint module's `_get_kwargs` and
hands it to the driver: a JSON call, or one of the download trio (`_transfers`). The
endpoint modules and the models are imported by the methods that use them, not with this
module: a command or a program that downloads one file loads one endpoint module, not
eighteen and their models (together about 20 ms of a start).
Every method also takes `extra_headers`, `extra_query` and `timeout` (`CallOptions`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, ClassVar, Literal, TypeVar, Unpack, cast

from claude_files._async import _transfers
from claude_files._async._driver import AsyncDriver
from claude_files._async._pager import AsyncPager
from claude_files._concurrency import arun_blocking
from claude_files._config import Api
from claude_files._downloads import DownloadStream, Prepare
from claude_files._errors import InvalidArgumentError
from claude_files._extract import ExtractLimits
from claude_files._files import Dest, resolve_dest
from claude_files._models import ResponseCallback, with_request_id
from claude_files._options import CallOptions, RequestOptions
from claude_files._paging import Params, next_page_params
from claude_files._progress import Progress, ProgressCallback
from claude_files._protocol import Flow, request_protocol
from claude_files._requests import (
    check_id,
    check_limit,
    code_artifacts_params,
    files_list_params,
    json_parser,
    limits_for,
)
from claude_files._uploads import FileInput, UploadSource, expires_in_seconds
from claude_files_openapi.types import UNSET, File

if TYPE_CHECKING:
    from claude_files._projects import ProjectAttachment
    from claude_files_openapi.models import (
        ChatFile,
        CodeArtifact,
        CodeArtifactListResponse,
        CodeArtifactVersion,
        DeletedChatFile,
        DeletedCodeArtifact,
        DeletedFile,
        DeletedProjectDocument,
        FileListResponse,
        FileMetadata,
        GeneratedFile,
        ProjectAttachmentListResponse,
        ProjectDocument,
    )

T = TypeVar("T")
MultiFileFormat = Literal["zip"]


class _Resource:
    """Builds requests and runs them with the driver."""

    _api: ClassVar[Api]

    def __init__(self, driver: AsyncDriver) -> None:
        self._driver = driver

    def _prepare(self, kwargs: dict[str, Any], options: CallOptions) -> Prepare:
        complete = self._driver.config.complete(kwargs, self._api, RequestOptions(**options))
        return lambda: complete  # a missing key has failed already, before any I/O

    async def _json(
        self,
        kwargs: dict[str, Any],
        parse: Callable[[Any], T],
        options: CallOptions,
        on_response: ResponseCallback | None = None,
    ) -> T:
        prepare = self._prepare(kwargs, options)
        flow = request_protocol(
            self._driver.policy, prepare, json_parser(parse), on_response=on_response
        )
        return await self._driver.execute(flow)

    def _pages(self, fetch: Callable[[Params], Flow[Any]], params: Params, **kw: Any) -> Any:
        return AsyncPager(lambda p: self._driver.execute(fetch(p)), params, **kw)

    async def _download(
        self,
        kwargs: dict[str, Any],
        max_bytes: int | None,
        options: CallOptions,
        on_progress: ProgressCallback | None = None,
    ) -> bytes:
        limit = self._driver.config.cap(max_bytes, memory=True)
        prepare = self._prepare(kwargs, options)
        return await _transfers.download(self._driver, prepare, limit, on_progress)

    async def _to_file(
        self,
        kwargs: dict[str, Any],
        item_id: str,
        dest: Dest,
        overwrite: bool,
        max_bytes: int | None,
        options: CallOptions,
        extract: ExtractLimits | None = None,
        on_progress: ProgressCallback | None = None,
        on_response: ResponseCallback | None = None,
    ) -> Path:
        return await _transfers.download_to_file(
            self._driver,
            self._prepare(kwargs, options),
            item_id,
            dest,
            overwrite=overwrite,
            max_bytes=self._driver.config.cap(max_bytes),
            extract=extract,
            on_progress=on_progress,
            on_response=on_response,
        )

    def _stream(
        self,
        kwargs: dict[str, Any],
        max_bytes: int | None,
        options: CallOptions,
        on_progress: ProgressCallback | None = None,
    ) -> contextlib.AbstractAsyncContextManager[DownloadStream]:
        limit = self._driver.config.cap(max_bytes)
        prepare = self._prepare(kwargs, options)
        return _transfers.download_stream(self._driver, prepare, limit, on_progress)


class AsyncFiles(_Resource):
    """The Files API: `client.files`.

    Every method also takes `extra_headers`, `extra_query` and `timeout` for its
    requests (as in the anthropic SDK), and `workspace_id` to override the client's.
    """

    _api = "files"

    def _headers(self, workspace_id: str | None) -> dict[str, Any]:
        workspace = workspace_id or self._driver.config.workspace_id
        return {
            **self._driver.config.version("files"),
            "anthropic_workspace_id": workspace or UNSET,
        }

    def _content(self, file_id: str, workspace_id: str | None) -> dict[str, Any]:
        from claude_files_openapi.api.files import download_file

        return download_file._get_kwargs(check_id(file_id), **self._headers(workspace_id))

    async def upload(
        self,
        file: FileInput,
        *,
        filename: str | None = None,
        mime_type: str | None = None,
        expires_in: int | timedelta | None = None,
        workspace_id: str | None = None,
        on_progress: ProgressCallback | None = None,
        **options: Unpack[CallOptions],
    ) -> FileMetadata:
        """Upload a path, bytes, an open binary file or `(filename, content, mime_type)`.

        A path is streamed from disk; `filename` and `mime_type` default to the path's
        (or the file's) name and its guessed type. `expires_in` (seconds or a
        timedelta) makes the file expire. Over `MAX_UPLOAD_BYTES` is refused before
        anything is sent; a missing path is `UploadFileNotFoundError`, a folder
        `UploadIsADirectoryError`. Retried only when the content can be sent again.
        `on_progress(done, total)` is told the file's bytes as they are sent (see
        `claude_files._progress`: a plain function, throttled, from 0 again on a retry).
        """
        from claude_files_openapi.models import FileMetadata

        seconds = expires_in_seconds(expires_in)
        headers = self._headers(workspace_id)
        config = self._driver.config
        config.auth_headers("files")  # a missing key fails before any I/O
        progress = Progress(on_progress)
        source = await arun_blocking(
            functools.partial(UploadSource, file, filename=filename, mime_type=mime_type)
        )
        progress.total = source.size

        def prepare() -> dict[str, Any]:
            from claude_files_openapi.api.files import upload_file
            from claude_files_openapi.models import FileUploadBody

            payload = cast(BinaryIO, progress.counted(source.open()))
            body = FileUploadBody(
                file=File(payload=payload, file_name=source.filename, mime_type=source.mime_type),
                expires_in_seconds=UNSET if seconds is None else seconds,
            )
            kwargs = upload_file._get_kwargs(body=body, **headers)
            del kwargs["headers"]["Content-Type"]  # pins boundary `+++`; httpx picks a random one
            return config.complete(kwargs, "files", RequestOptions(**options))

        policy = self._driver.policy
        if not source.replayable:
            policy = dataclasses.replace(policy, max_retries=0)
        parse = json_parser(with_request_id(FileMetadata).from_dict)
        on_body = progress.report if on_progress is not None else None
        try:
            uploaded = await self._driver.execute(
                request_protocol(policy, prepare, parse, blocking=True, on_body=on_body)
            )
            progress.finish()
            return uploaded
        finally:
            await arun_blocking(source.close)

    def list(
        self,
        *,
        limit: int | None = None,
        after_id: str | None = None,
        before_id: str | None = None,
        scope_id: str | None = None,
        ids: list[str] | None = None,
        workspace_id: str | None = None,
        **options: Unpack[CallOptions],
    ) -> AsyncPager[FileMetadata]:
        """Every file, newest first, fetched page by page as you iterate.

        `limit` is per page; `after_id`/`before_id` start after (before) a file;
        `ids` fetches those files only (one page, not with `limit`). Iterate the
        pager for files, or its `.pages` for whole pages (each with `_request_id`).
        """
        from claude_files_openapi.api.files import list_files
        from claude_files_openapi.models import FileListResponse

        params = files_list_params(
            limit=limit, after_id=after_id, before_id=before_id, scope_id=scope_id, ids=ids
        )
        headers = self._headers(workspace_id)
        parse = json_parser(with_request_id(FileListResponse).from_dict)

        def page(p: Params) -> Flow[FileListResponse]:
            prepare = self._prepare(list_files._get_kwargs(**p, **headers), options)
            return request_protocol(self._driver.policy, prepare, parse)

        pager: AsyncPager[FileMetadata] = self._pages(page, params)
        return pager

    async def get(
        self, file_id: str, *, workspace_id: str | None = None, **options: Unpack[CallOptions]
    ) -> FileMetadata:
        """A file's metadata (also `retrieve` and `retrieve_metadata`, the SDK's name)."""
        from claude_files_openapi.api.files import get_file_metadata
        from claude_files_openapi.models import FileMetadata

        kwargs = get_file_metadata._get_kwargs(check_id(file_id), **self._headers(workspace_id))
        return await self._json(kwargs, with_request_id(FileMetadata).from_dict, options)

    retrieve = get
    retrieve_metadata = get

    async def delete(
        self, file_id: str, *, workspace_id: str | None = None, **options: Unpack[CallOptions]
    ) -> DeletedFile:
        """Delete a file (for good)."""
        from claude_files_openapi.api.files import delete_file
        from claude_files_openapi.models import DeletedFile

        kwargs = delete_file._get_kwargs(check_id(file_id), **self._headers(workspace_id))
        return await self._json(kwargs, with_request_id(DeletedFile).from_dict, options)

    async def download(
        self,
        file_id: str,
        *,
        max_bytes: int | None = None,
        workspace_id: str | None = None,
        on_progress: ProgressCallback | None = None,
        **options: Unpack[CallOptions],
    ) -> bytes:
        """The file's bytes, in memory: at most `max_bytes` (by default the client's
        `max_download_bytes`), checked against `Content-Length` and `Content-MD5`.
        `on_progress(done, total)` is told the bytes as they arrive (`claude_files._progress`)."""
        kwargs = self._content(file_id, workspace_id)
        return await self._download(kwargs, max_bytes, options, on_progress)

    async def download_to_file(
        self,
        file_id: str,
        dest: Dest,
        *,
        overwrite: bool = False,
        max_bytes: int | None = None,
        workspace_id: str | None = None,
        on_progress: ProgressCallback | None = None,
        on_response: ResponseCallback | None = None,
        **options: Unpack[CallOptions],
    ) -> Path:
        """Stream the file to `dest`, atomically; returns the path written.

        `dest` is a folder when it exists as one or ends with a separator (`"out/"`):
        the file then takes the server's filename, made safe. Otherwise it is the
        file's path. A folder that does not exist is `DestinationNotFoundError`; an
        existing file without `overwrite=True` is `DestinationExistsError`, raised
        before the body is read. The file appears complete or not at all.
        `on_progress(done, total)` is told the bytes as they arrive; `on_response(info)`
        the response's status, headers and request id (a `ResponseInfo`) once accepted.
        """
        kwargs = self._content(file_id, workspace_id)
        return await self._to_file(
            kwargs,
            file_id,
            dest,
            overwrite,
            max_bytes,
            options,
            on_progress=on_progress,
            on_response=on_response,
        )

    def download_stream(
        self,
        file_id: str,
        *,
        max_bytes: int | None = None,
        workspace_id: str | None = None,
        on_progress: ProgressCallback | None = None,
        **options: Unpack[CallOptions],
    ) -> contextlib.AbstractAsyncContextManager[DownloadStream]:
        """A context manager: the request is sent on entering, chunks arrive as you
        iterate the `DownloadStream` (with `status_code`, `headers`, `request_id`);
        `on_progress(done, total)` is told the bytes as you receive them."""
        kwargs = self._content(file_id, workspace_id)
        return self._stream(kwargs, max_bytes, options, on_progress)


class _ComplianceResource(_Resource):
    """A Compliance API resource: its requests name one item by id."""

    _api = "compliance"

    def _call(
        self, endpoint: Callable[..., dict[str, Any]], item_id: str, name: str = "id"
    ) -> dict[str, Any]:
        return endpoint(check_id(item_id, name), **self._driver.config.version("compliance"))


class _ComplianceDownloads(_ComplianceResource):
    """The download trio of a Compliance item kind (`_content` is its endpoint)."""

    _content: ClassVar[Callable[..., dict[str, Any]]]

    async def download(
        self,
        id: str,
        *,
        max_bytes: int | None = None,
        on_progress: ProgressCallback | None = None,
        **options: Unpack[CallOptions],
    ) -> bytes:
        """The bytes, in memory (at most `max_bytes`, by default the client's cap);
        `on_progress(done, total)` is told them as they arrive."""
        kwargs = self._call(self._content, id)
        return await self._download(kwargs, max_bytes, options, on_progress)

    async def download_to_file(
        self,
        id: str,
        dest: Dest,
        *,
        overwrite: bool = False,
        max_bytes: int | None = None,
        on_progress: ProgressCallback | None = None,
        on_response: ResponseCallback | None = None,
        **options: Unpack[CallOptions],
    ) -> Path:
        """Stream to `dest` atomically, as `files.download_to_file` does: a folder (one
        that exists, or written `"out/"`) gets the server's filename; an existing file
        needs `overwrite=True`; `on_response(info)` is told the accepted response."""
        kwargs = self._call(self._content, id)
        return await self._to_file(
            kwargs,
            id,
            dest,
            overwrite,
            max_bytes,
            options,
            on_progress=on_progress,
            on_response=on_response,
        )

    def download_stream(
        self,
        id: str,
        *,
        max_bytes: int | None = None,
        on_progress: ProgressCallback | None = None,
        **options: Unpack[CallOptions],
    ) -> contextlib.AbstractAsyncContextManager[DownloadStream]:
        """A context manager: the request is sent on entering, chunks arrive as you iterate."""
        return self._stream(self._call(self._content, id), max_bytes, options, on_progress)


class AsyncComplianceFiles(_ComplianceDownloads):
    """Files attached to chats (`claude_file_…`): `client.compliance.files`."""

    @staticmethod
    def _content(*args: Any, **kwargs: Any) -> dict[str, Any]:
        from claude_files_openapi.api.compliance_chat_files import download_chat_file

        return download_chat_file._get_kwargs(*args, **kwargs)

    async def get(self, id: str, **options: Unpack[CallOptions]) -> ChatFile:
        """A chat file's metadata."""
        from claude_files_openapi.api.compliance_chat_files import get_chat_file
        from claude_files_openapi.models import ChatFile

        kwargs = self._call(get_chat_file._get_kwargs, id)
        return await self._json(kwargs, with_request_id(ChatFile).from_dict, options)

    async def delete(self, id: str, **options: Unpack[CallOptions]) -> DeletedChatFile:
        """Delete a chat file (for good)."""
        from claude_files_openapi.api.compliance_chat_files import delete_chat_file
        from claude_files_openapi.models import DeletedChatFile

        kwargs = self._call(delete_chat_file._get_kwargs, id)
        return await self._json(kwargs, with_request_id(DeletedChatFile).from_dict, options)


class AsyncComplianceGeneratedFiles(_ComplianceDownloads):
    """Files Claude generated in chats (`claude_gen_file_…`)."""

    @staticmethod
    def _content(*args: Any, **kwargs: Any) -> dict[str, Any]:
        from claude_files_openapi.api.compliance_generated_files import download_generated_file

        return download_generated_file._get_kwargs(*args, **kwargs)

    async def get(self, id: str, **options: Unpack[CallOptions]) -> GeneratedFile:
        """A generated file's metadata."""
        from claude_files_openapi.api.compliance_generated_files import get_generated_file
        from claude_files_openapi.models import GeneratedFile

        kwargs = self._call(get_generated_file._get_kwargs, id)
        return await self._json(kwargs, with_request_id(GeneratedFile).from_dict, options)


class AsyncComplianceArtifacts(_ComplianceDownloads):
    """Artifact versions (`claude_artifact_version_…`): their content only."""

    @staticmethod
    def _content(*args: Any, **kwargs: Any) -> dict[str, Any]:
        from claude_files_openapi.api.compliance_artifacts import download_artifact_version

        return download_artifact_version._get_kwargs(*args, **kwargs)


class AsyncCodeArtifacts(_Resource):
    """Sites published from Claude Code (`cart_…`): `client.compliance.code_artifacts`.

    The versions of an artifact are listed with it (`versions`, metadata only); a
    version's content and the artifact's (a ZIP when it has several files) go through
    the download trio, with the same caps, checks and atomic writes as every download.
    """

    _api = "compliance"

    def _content(
        self, artifact_id: str, version_id: str | None, multi_file_format: MultiFileFormat | None
    ) -> dict[str, Any]:
        """The version's content (`version_id`), or the artifact's (`/content`, where
        alone `multi_file_format` applies)."""
        from claude_files_openapi.api.compliance_code_artifacts import (
            download_code_artifact,
            get_code_artifact_version,
        )

        check_id(artifact_id, "artifact_id")
        version = self._driver.config.version("compliance")
        if version_id is not None:
            return get_code_artifact_version._get_kwargs(
                artifact_id, check_id(version_id, "version_id"), **version
            )
        if multi_file_format not in (None, "zip"):
            raise InvalidArgumentError(
                f"multi_file_format must be 'zip', not {multi_file_format!r}"
            )
        return download_code_artifact._get_kwargs(
            artifact_id, multi_file_format=multi_file_format or UNSET, **version
        )

    def list(
        self,
        *,
        limit: int | None = None,
        organization_ids: Sequence[str] | None = None,
        user_ids: Sequence[str] | None = None,
        updated_at_gt: datetime | None = None,
        updated_at_gte: datetime | None = None,
        updated_at_lt: datetime | None = None,
        updated_at_lte: datetime | None = None,
        **options: Unpack[CallOptions],
    ) -> AsyncPager[CodeArtifact]:
        """Every code artifact, page by page as you iterate (`limit` is per page, 1 to 100).

        Pages may be short or empty before the last: the pager follows `next_page`
        until the server stops sending one. The `updated_at_*` filters use an
        eventually-consistent index and never match artifacts from before the field
        was recorded: leave them out for a complete export.
        """
        from claude_files_openapi.api.compliance_code_artifacts import list_code_artifacts
        from claude_files_openapi.models import CodeArtifactListResponse

        bounds = {"gt": updated_at_gt, "gte": updated_at_gte, "lt": updated_at_lt}
        bounds["lte"] = updated_at_lte
        params = code_artifacts_params(limit, organization_ids, user_ids, bounds)
        version = self._driver.config.version("compliance")
        parse = json_parser(with_request_id(CodeArtifactListResponse).from_dict)

        def page(p: Params) -> Flow[CodeArtifactListResponse]:
            prepare = self._prepare(list_code_artifacts._get_kwargs(**p, **version), options)
            return request_protocol(self._driver.policy, prepare, parse)

        pager: AsyncPager[CodeArtifact] = self._pages(page, params, advance=next_page_params)
        return pager

    async def get_version(
        self,
        artifact_id: str,
        version_id: str,
        *,
        organization_ids: Sequence[str] | None = None,
        **options: Unpack[CallOptions],
    ) -> CodeArtifactVersion | None:
        """A version's metadata, or None when the list does not hold it (any more).

        The API has no endpoint for one version's metadata: it is found in the list,
        which this walks until the artifact turns up (narrow it with
        `organization_ids` when you know the organization).
        """
        async for artifact in self.list(limit=100, organization_ids=organization_ids, **options):
            if artifact.id == artifact_id:
                versions = artifact.versions if isinstance(artifact.versions, list) else []
                return next((v for v in versions if v.id == version_id), None)
        return None

    async def delete(self, artifact_id: str, **options: Unpack[CallOptions]) -> DeletedCodeArtifact:
        """Delete the artifact and all its versions (for good; content goes asynchronously)."""
        from claude_files_openapi.api.compliance_code_artifacts import delete_code_artifact
        from claude_files_openapi.models import DeletedCodeArtifact

        kwargs = delete_code_artifact._get_kwargs(
            check_id(artifact_id, "id"), **self._driver.config.version("compliance")
        )
        return await self._json(kwargs, with_request_id(DeletedCodeArtifact).from_dict, options)

    async def download(
        self,
        artifact_id: str,
        *,
        version_id: str | None = None,
        multi_file_format: MultiFileFormat | None = "zip",
        max_bytes: int | None = None,
        on_progress: ProgressCallback | None = None,
        **options: Unpack[CallOptions],
    ) -> bytes:
        """The bytes in memory: a version's content (`version_id`), or else the
        artifact's (a ZIP when it has several files; `multi_file_format` applies to the
        artifact's content only), at most `max_bytes`."""
        kwargs = self._content(artifact_id, version_id, multi_file_format)
        return await self._download(kwargs, max_bytes, options, on_progress)

    async def download_to_file(
        self,
        artifact_id: str,
        dest: Dest,
        *,
        version_id: str | None = None,
        multi_file_format: MultiFileFormat | None = "zip",
        overwrite: bool = False,
        max_bytes: int | None = None,
        extract: bool = False,
        extract_limits: ExtractLimits | None = None,
        on_progress: ProgressCallback | None = None,
        on_response: ResponseCallback | None = None,
        **options: Unpack[CallOptions],
    ) -> Path:
        """Stream to `dest` atomically (a folder: under the server's filename, made safe).

        `dest` is a folder when it exists as one or ends with a separator (`"out/"`),
        as for `files.download_to_file`. `extract=True` takes a ZIP and extracts it
        into a new folder instead: `dest` itself when it does not exist, or a folder
        named after the archive inside the folder `dest` (refused, before the body is
        read, when that exists). Entries that would escape the folder, links and zip
        bombs (`extract_limits`) are refused with nothing written; the folder appears
        complete or not at all. `on_response(info)` is told the accepted response.
        """
        limits = limits_for(extract, extract_limits)
        kwargs = self._content(artifact_id, version_id, multi_file_format)
        return await self._to_file(
            kwargs,
            artifact_id,
            dest,
            overwrite,
            max_bytes,
            options,
            limits,
            on_progress,
            on_response,
        )

    def download_stream(
        self,
        artifact_id: str,
        *,
        version_id: str | None = None,
        multi_file_format: MultiFileFormat | None = "zip",
        max_bytes: int | None = None,
        on_progress: ProgressCallback | None = None,
        **options: Unpack[CallOptions],
    ) -> contextlib.AbstractAsyncContextManager[DownloadStream]:
        """A context manager: the request is sent on entering, chunks arrive as you iterate."""
        kwargs = self._content(artifact_id, version_id, multi_file_format)
        return self._stream(kwargs, max_bytes, options, on_progress)


class AsyncComplianceProjects(_ComplianceResource):
    """Projects (`claude_proj_…`): `client.compliance.projects`, their files and documents.

    A project's files are chat files: download and delete them with
    `client.compliance.files`; its documents' text is `client.compliance.project_documents`'.
    """

    def attachments(
        self, project_id: str, *, limit: int | None = None, **options: Unpack[CallOptions]
    ) -> AsyncPager[ProjectAttachment]:
        """Every file and document of the project, oldest first, page by page as you
        iterate (`limit` is per page, 1 to 100; by default the server's 20).

        Items are `ProjectFileAttachment` (`type` `project_file`, a `claude_file_…`),
        `ProjectDocAttachment` (`project_doc`), or `UnknownProjectAttachment` for a
        kind this client does not know yet (kept, not an error). Iterate `.pages` for
        whole pages (each with `_request_id`).
        """
        from claude_files._projects import parse_attachments_page
        from claude_files_openapi.api.compliance_projects import list_project_attachments

        check_id(project_id, "project_id")
        params: Params = {} if limit is None else {"limit": check_limit(limit, 100)}
        version = self._driver.config.version("compliance")
        parse = json_parser(parse_attachments_page)

        def page(p: Params) -> Flow[ProjectAttachmentListResponse]:
            kwargs = list_project_attachments._get_kwargs(project_id, **p, **version)
            return request_protocol(self._driver.policy, self._prepare(kwargs, options), parse)

        pager: AsyncPager[ProjectAttachment] = self._pages(page, params, advance=next_page_params)
        return pager


class AsyncProjectDocuments(_ComplianceResource):
    """Projects' documents (`claude_proj_doc_…`): `client.compliance.project_documents`."""

    async def get(self, id: str, **options: Unpack[CallOptions]) -> ProjectDocument:
        """A document, with its text in `content` (and `user`, None when the creator's
        account is gone)."""
        from claude_files_openapi.api.compliance_projects import get_project_document
        from claude_files_openapi.models import ProjectDocument

        kwargs = self._call(get_project_document._get_kwargs, id)
        return await self._json(kwargs, with_request_id(ProjectDocument).from_dict, options)

    async def delete(self, id: str, **options: Unpack[CallOptions]) -> DeletedProjectDocument:
        """Delete a document (for good; needs the key's delete scope)."""
        from claude_files_openapi.api.compliance_projects import delete_project_document
        from claude_files_openapi.models import DeletedProjectDocument

        kwargs = self._call(delete_project_document._get_kwargs, id)
        return await self._json(kwargs, with_request_id(DeletedProjectDocument).from_dict, options)

    async def download_to_file(
        self,
        id: str,
        dest: Dest,
        *,
        overwrite: bool = False,
        max_bytes: int | None = None,
        on_progress: ProgressCallback | None = None,
        on_response: ResponseCallback | None = None,
        **options: Unpack[CallOptions],
    ) -> Path:
        """Write the document's text to `dest` as UTF-8, atomically; returns the path.

        `dest` is a folder when it exists as one or ends with a separator (`"out/"`):
        the file then takes the document's filename, made safe (else its id). A
        folder that does not exist is `DestinationNotFoundError`, raised before the
        request; an existing file without `overwrite=True` is `DestinationExistsError`.
        Text over `max_bytes` (as UTF-8) is `FileTooLargeError`. The file appears
        complete or not at all. The text comes in one JSON response: `on_progress` is
        told 0 and then all of its UTF-8 bytes, once they are written; `on_response(info)`
        is told that response.
        """
        from claude_files._projects import write_document
        from claude_files_openapi.api.compliance_projects import get_project_document
        from claude_files_openapi.models import ProjectDocument

        progress = Progress(on_progress)
        directory, target = await arun_blocking(resolve_dest, dest, overwrite)
        kwargs = self._call(get_project_document._get_kwargs, id)
        parse = with_request_id(ProjectDocument).from_dict
        document = await self._json(kwargs, parse, options, on_response)
        path = await arun_blocking(
            write_document, directory, target, document, overwrite, max_bytes
        )
        size = len(document.content.encode("utf-8"))
        progress.start(size)
        progress.advance(size)
        progress.finish()
        return path


class AsyncCompliance:
    """The Compliance API's file endpoints (they use the compliance key)."""

    def __init__(self, driver: AsyncDriver) -> None:
        self.files = AsyncComplianceFiles(driver)
        self.generated_files = AsyncComplianceGeneratedFiles(driver)
        self.artifacts = AsyncComplianceArtifacts(driver)
        self.code_artifacts = AsyncCodeArtifacts(driver)
        self.projects = AsyncComplianceProjects(driver)
        self.project_documents = AsyncProjectDocuments(driver)
