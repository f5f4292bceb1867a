"""The resources: `files`, and `compliance.files`, `.generated_files`, `.artifacts`.

Each method builds its request with the generated endpoint module's `_get_kwargs` and
hands it to the shared transfer code; the async classes are the same calls, awaited.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, ClassVar, Literal, TypeVar, cast

import anyio.to_thread

from claude_files import _downloads
from claude_files._downloads import DownloadStream, Prepare
from claude_files._paging import AsyncPager, Pager, Params
from claude_files._retry import Protocol, request_protocol
from claude_files._uploads import FileInput, UploadSource, expires_in_seconds
from claude_files_openapi.api.compliance_artifacts import download_artifact_version
from claude_files_openapi.api.compliance_chat_files import (
    delete_chat_file,
    download_chat_file,
    get_chat_file,
)
from claude_files_openapi.api.compliance_generated_files import (
    download_generated_file,
    get_generated_file,
)
from claude_files_openapi.api.files import (
    delete_file,
    download_file,
    get_file_metadata,
    list_files,
    upload_file,
)
from claude_files_openapi.models import (
    ChatFile,
    DeletedChatFile,
    DeletedFile,
    FileListResponse,
    FileMetadata,
    FileUploadBody,
    GeneratedFile,
)
from claude_files_openapi.models.anthropic_version import check_anthropic_version
from claude_files_openapi.types import UNSET, File

if TYPE_CHECKING:
    from claude_files._client import AsyncClient, Client, _BaseClient

T = TypeVar("T")
Dest = str | os.PathLike[str]


def check_id(value: str, name: str = "file_id") -> str:
    """An id that stays one path segment: the generated code percent-encodes the rest."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    if value in ("", ".", "..") or "/" in value:
        raise ValueError(f"{name} {value!r} is not a valid id")
    return value


class _Resource:
    """Builds requests; the sync and async subclasses keep the client again as `_client`,
    typed as what they run requests with."""

    _api: ClassVar[Literal["files", "compliance"]]

    def __init__(self, client: _BaseClient[Any]) -> None:
        self._base = client

    def _version(self) -> dict[str, Any]:
        return {"anthropic_version": check_anthropic_version(self._base.api_version)}

    def _prepare(self, kwargs: dict[str, Any]) -> Prepare:
        complete = self._base._complete(kwargs, self._api)  # a missing key fails here
        return lambda: complete

    def _json(self, kwargs: dict[str, Any], parse: Callable[[Any], T]) -> Protocol[T]:
        return request_protocol(self._base._policy, self._prepare(kwargs), _json_parser(parse))


def _json_parser(parse: Callable[[Any], T]) -> Callable[[bytes], T]:
    return lambda body: parse(json.loads(body))


class _FilesBase(_Resource):
    _api = "files"

    def _options(self, workspace_id: str | None) -> dict[str, Any]:
        workspace = workspace_id or self._base.workspace_id
        return {**self._version(), "anthropic_workspace_id": workspace or UNSET}

    def _get(self, file_id: str, workspace_id: str | None) -> Protocol[FileMetadata]:
        kwargs = get_file_metadata._get_kwargs(check_id(file_id), **self._options(workspace_id))
        return self._json(kwargs, FileMetadata.from_dict)

    def _delete(self, file_id: str, workspace_id: str | None) -> Protocol[DeletedFile]:
        kwargs = delete_file._get_kwargs(check_id(file_id), **self._options(workspace_id))
        return self._json(kwargs, DeletedFile.from_dict)

    def _content(self, file_id: str, workspace_id: str | None) -> Prepare:
        kwargs = download_file._get_kwargs(check_id(file_id), **self._options(workspace_id))
        return self._prepare(kwargs)

    def _page(self, params: Params, workspace_id: str | None) -> Protocol[FileListResponse]:
        kwargs = list_files._get_kwargs(**params, **self._options(workspace_id))
        return self._json(kwargs, FileListResponse.from_dict)

    @staticmethod
    def _list_params(**params: Any) -> Params:
        if params["ids"] is not None and params["limit"] is not None:
            raise ValueError("ids cannot be combined with limit")
        return {k: v for k, v in params.items() if v is not None}

    def _upload(
        self, source: UploadSource, expires_in: int | timedelta | None, workspace_id: str | None
    ) -> Protocol[FileMetadata]:
        seconds = expires_in_seconds(expires_in)
        options = self._options(workspace_id)
        self._base._auth("files")  # a missing key fails before any I/O

        def prepare() -> dict[str, Any]:
            payload = cast(BinaryIO, source.open())
            body = FileUploadBody(
                file=File(payload=payload, file_name=source.filename, mime_type=source.mime_type),
                expires_in_seconds=UNSET if seconds is None else seconds,
            )
            kwargs = upload_file._get_kwargs(body=body, **options)
            del kwargs["headers"]["Content-Type"]  # pins boundary `+++`; httpx picks a random one
            return self._base._complete(kwargs, "files")

        policy = self._base._policy
        if not source.replayable:
            policy = dataclasses.replace(policy, max_retries=0)
        parse = _json_parser(FileMetadata.from_dict)
        return request_protocol(policy, prepare, parse, blocking=True)


class Files(_FilesBase):
    """The Files API: `client.files`."""

    def __init__(self, client: Client) -> None:
        super().__init__(client)
        self._client = client

    def upload(
        self,
        file: FileInput,
        *,
        filename: str | None = None,
        mime_type: str | None = None,
        expires_in: int | timedelta | None = None,
        workspace_id: str | None = None,
    ) -> FileMetadata:
        """Upload a path, bytes, an open binary file or `(filename, content, mime_type)`."""
        source = UploadSource(file, filename=filename, mime_type=mime_type)
        try:
            return self._client._execute(self._upload(source, expires_in, workspace_id))
        finally:
            source.close()

    def list(
        self,
        *,
        limit: int | None = None,
        after_id: str | None = None,
        before_id: str | None = None,
        scope_id: str | None = None,
        ids: list[str] | None = None,
        workspace_id: str | None = None,
    ) -> Pager:
        """Every file, newest first, fetched page by page as you iterate."""
        params = self._list_params(
            limit=limit, after_id=after_id, before_id=before_id, scope_id=scope_id, ids=ids
        )
        return Pager(lambda p: self._client._execute(self._page(p, workspace_id)), params)

    def get(self, file_id: str, *, workspace_id: str | None = None) -> FileMetadata:
        return self._client._execute(self._get(file_id, workspace_id))

    retrieve = get

    def delete(self, file_id: str, *, workspace_id: str | None = None) -> DeletedFile:
        return self._client._execute(self._delete(file_id, workspace_id))

    def download(
        self, file_id: str, *, max_bytes: int | None = None, workspace_id: str | None = None
    ) -> bytes:
        prepare = self._content(file_id, workspace_id)
        return _downloads.download(self._client, prepare, self._base._max_bytes(max_bytes))

    def download_to_file(
        self,
        file_id: str,
        dest: Dest,
        *,
        overwrite: bool = False,
        max_bytes: int | None = None,
        workspace_id: str | None = None,
    ) -> Path:
        return _downloads.download_to_file(
            self._client,
            self._content(file_id, workspace_id),
            file_id,
            dest,
            overwrite=overwrite,
            max_bytes=self._base._max_bytes(max_bytes),
        )

    def download_stream(
        self, file_id: str, *, max_bytes: int | None = None, workspace_id: str | None = None
    ) -> contextlib.AbstractContextManager[DownloadStream]:
        prepare = self._content(file_id, workspace_id)
        return _downloads.download_stream(self._client, prepare, self._base._max_bytes(max_bytes))


class AsyncFiles(_FilesBase):
    """The Files API: `client.files`."""

    def __init__(self, client: AsyncClient) -> None:
        super().__init__(client)
        self._client = client

    async def upload(
        self,
        file: FileInput,
        *,
        filename: str | None = None,
        mime_type: str | None = None,
        expires_in: int | timedelta | None = None,
        workspace_id: str | None = None,
    ) -> FileMetadata:
        """Upload a path, bytes, an open binary file or `(filename, content, mime_type)`."""
        source = await _in_thread(UploadSource, file, filename=filename, mime_type=mime_type)
        try:
            return await self._client._execute(self._upload(source, expires_in, workspace_id))
        finally:
            await _in_thread(source.close)

    def list(
        self,
        *,
        limit: int | None = None,
        after_id: str | None = None,
        before_id: str | None = None,
        scope_id: str | None = None,
        ids: list[str] | None = None,
        workspace_id: str | None = None,
    ) -> AsyncPager:
        """Every file, newest first, fetched page by page as you iterate."""
        params = self._list_params(
            limit=limit, after_id=after_id, before_id=before_id, scope_id=scope_id, ids=ids
        )
        return AsyncPager(lambda p: self._client._execute(self._page(p, workspace_id)), params)

    async def get(self, file_id: str, *, workspace_id: str | None = None) -> FileMetadata:
        return await self._client._execute(self._get(file_id, workspace_id))

    retrieve = get

    async def delete(self, file_id: str, *, workspace_id: str | None = None) -> DeletedFile:
        return await self._client._execute(self._delete(file_id, workspace_id))

    async def download(
        self, file_id: str, *, max_bytes: int | None = None, workspace_id: str | None = None
    ) -> bytes:
        prepare = self._content(file_id, workspace_id)
        return await _downloads.adownload(self._client, prepare, self._base._max_bytes(max_bytes))

    async def download_to_file(
        self,
        file_id: str,
        dest: Dest,
        *,
        overwrite: bool = False,
        max_bytes: int | None = None,
        workspace_id: str | None = None,
    ) -> Path:
        return await _downloads.adownload_to_file(
            self._client,
            self._content(file_id, workspace_id),
            file_id,
            dest,
            overwrite=overwrite,
            max_bytes=self._base._max_bytes(max_bytes),
        )

    def download_stream(
        self, file_id: str, *, max_bytes: int | None = None, workspace_id: str | None = None
    ) -> contextlib.AbstractAsyncContextManager[DownloadStream]:
        prepare = self._content(file_id, workspace_id)
        return _downloads.adownload_stream(self._client, prepare, self._base._max_bytes(max_bytes))


class _ComplianceBase(_Resource):
    _api = "compliance"
    _content_kwargs: ClassVar[Callable[..., dict[str, Any]]]

    def _content(self, item_id: str) -> Prepare:
        return self._prepare(self._call(self._content_kwargs, item_id))

    def _call(self, endpoint: Callable[..., dict[str, Any]], item_id: str) -> dict[str, Any]:
        return endpoint(check_id(item_id, "id"), **self._version())


class _ComplianceDownloads(_ComplianceBase):
    def __init__(self, client: Client) -> None:
        super().__init__(client)
        self._client = client

    def download(self, id: str, *, max_bytes: int | None = None) -> bytes:
        """The bytes, in memory (at most `max_bytes`, by default the client's cap)."""
        limit = self._base._max_bytes(max_bytes)
        return _downloads.download(self._client, self._content(id), limit)

    def download_to_file(
        self, id: str, dest: Dest, *, overwrite: bool = False, max_bytes: int | None = None
    ) -> Path:
        """Stream to `dest` (a path, or a directory for the server's filename), atomically."""
        limit = self._base._max_bytes(max_bytes)
        return _downloads.download_to_file(
            self._client, self._content(id), id, dest, overwrite=overwrite, max_bytes=limit
        )

    def download_stream(
        self, id: str, *, max_bytes: int | None = None
    ) -> contextlib.AbstractContextManager[DownloadStream]:
        """A context manager: the request is sent on entering, chunks arrive as you iterate."""
        limit = self._base._max_bytes(max_bytes)
        return _downloads.download_stream(self._client, self._content(id), limit)


class _AsyncComplianceDownloads(_ComplianceBase):
    def __init__(self, client: AsyncClient) -> None:
        super().__init__(client)
        self._client = client

    async def download(self, id: str, *, max_bytes: int | None = None) -> bytes:
        limit = self._base._max_bytes(max_bytes)
        return await _downloads.adownload(self._client, self._content(id), limit)

    async def download_to_file(
        self, id: str, dest: Dest, *, overwrite: bool = False, max_bytes: int | None = None
    ) -> Path:
        limit = self._base._max_bytes(max_bytes)
        return await _downloads.adownload_to_file(
            self._client, self._content(id), id, dest, overwrite=overwrite, max_bytes=limit
        )

    def download_stream(
        self, id: str, *, max_bytes: int | None = None
    ) -> contextlib.AbstractAsyncContextManager[DownloadStream]:
        limit = self._base._max_bytes(max_bytes)
        return _downloads.adownload_stream(self._client, self._content(id), limit)


class ComplianceFiles(_ComplianceDownloads):
    """Files attached to chats (`claude_file_…`): `client.compliance.files`."""

    _content_kwargs = staticmethod(download_chat_file._get_kwargs)

    def get(self, id: str) -> ChatFile:
        kwargs = self._call(get_chat_file._get_kwargs, id)
        return self._client._execute(self._json(kwargs, ChatFile.from_dict))

    def delete(self, id: str) -> DeletedChatFile:
        kwargs = self._call(delete_chat_file._get_kwargs, id)
        return self._client._execute(self._json(kwargs, DeletedChatFile.from_dict))


class AsyncComplianceFiles(_AsyncComplianceDownloads):
    _content_kwargs = staticmethod(download_chat_file._get_kwargs)

    async def get(self, id: str) -> ChatFile:
        kwargs = self._call(get_chat_file._get_kwargs, id)
        return await self._client._execute(self._json(kwargs, ChatFile.from_dict))

    async def delete(self, id: str) -> DeletedChatFile:
        kwargs = self._call(delete_chat_file._get_kwargs, id)
        return await self._client._execute(self._json(kwargs, DeletedChatFile.from_dict))


class ComplianceGeneratedFiles(_ComplianceDownloads):
    """Files Claude generated in chats (`claude_gen_file_…`)."""

    _content_kwargs = staticmethod(download_generated_file._get_kwargs)

    def get(self, id: str) -> GeneratedFile:
        kwargs = self._call(get_generated_file._get_kwargs, id)
        return self._client._execute(self._json(kwargs, GeneratedFile.from_dict))


class AsyncComplianceGeneratedFiles(_AsyncComplianceDownloads):
    _content_kwargs = staticmethod(download_generated_file._get_kwargs)

    async def get(self, id: str) -> GeneratedFile:
        kwargs = self._call(get_generated_file._get_kwargs, id)
        return await self._client._execute(self._json(kwargs, GeneratedFile.from_dict))


class ComplianceArtifacts(_ComplianceDownloads):
    """Artifact versions (`claude_artifact_version_…`): their content only."""

    _content_kwargs = staticmethod(download_artifact_version._get_kwargs)


class AsyncComplianceArtifacts(_AsyncComplianceDownloads):
    _content_kwargs = staticmethod(download_artifact_version._get_kwargs)


class Compliance:
    """The Compliance API's file endpoints (they use the compliance key)."""

    def __init__(self, client: Client) -> None:
        self.files = ComplianceFiles(client)
        self.generated_files = ComplianceGeneratedFiles(client)
        self.artifacts = ComplianceArtifacts(client)


class AsyncCompliance:
    def __init__(self, client: AsyncClient) -> None:
        self.files = AsyncComplianceFiles(client)
        self.generated_files = AsyncComplianceGeneratedFiles(client)
        self.artifacts = AsyncComplianceArtifacts(client)


async def _in_thread(func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    return await anyio.to_thread.run_sync(lambda: func(*args, **kwargs))
