# ruff: noqa: ASYNC109 -- `timeout=` per call is the anthropic SDK's name; it is httpx's.
"""The resources: `files`, and `compliance.files`, `.generated_files`, `.artifacts`,
`.code_artifacts`.

Each method builds its request with the generated endpoint module's `_get_kwargs` and
hands it to the shared transfer code; the async classes are the same calls, awaited.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, ClassVar, Literal, TypeVar, cast

import anyio.to_thread

from claude_files import _downloads
from claude_files._downloads import DownloadStream, Prepare
from claude_files._errors import (
    APIResponseValidationError,
    InvalidArgumentError,
    InvalidIdError,
    InvalidIdTypeError,
    InvalidTypeError,
)
from claude_files._extract import ExtractLimits
from claude_files._models import with_request_id
from claude_files._options import NOT_GIVEN, NotGiven, RequestOptions, Timeout
from claude_files._paging import AsyncPager, Pager, Params, next_page_params
from claude_files._retry import Protocol, request_protocol
from claude_files._uploads import FileInput, UploadSource, expires_in_seconds
from claude_files_openapi.api.compliance_artifacts import download_artifact_version
from claude_files_openapi.api.compliance_chat_files import (
    delete_chat_file,
    download_chat_file,
    get_chat_file,
)
from claude_files_openapi.api.compliance_code_artifacts import (
    delete_code_artifact,
    download_code_artifact,
    get_code_artifact_version,
    list_code_artifacts,
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
    CodeArtifact,
    CodeArtifactListResponse,
    CodeArtifactVersion,
    DeletedChatFile,
    DeletedCodeArtifact,
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


# A `/`, or a control character (Unicode category Cc: U+0000-U+001F and U+007F-U+009F).
_NOT_IN_AN_ID = re.compile("[/\x00-\x1f\x7f-\x9f]")


def check_id(value: str, name: str = "file_id") -> str:
    """An id that stays one path segment: the generated code percent-encodes the rest.

    Refused before any request: a non-str, an empty or blank id, `.` and `..`, and any
    `/` or control character (a newline would be sent as is, percent-encoded).
    """
    if not isinstance(value, str):
        raise InvalidIdTypeError(f"{name} must be a str, not {type(value).__name__}")
    if value in (".", "..") or not value.strip() or _NOT_IN_AN_ID.search(value):
        raise InvalidIdError(f"{name} {value!r} is not a valid id")
    return value


class _Resource:
    """Builds requests; the sync and async subclasses keep the client again as `_client`,
    typed as what they run requests with."""

    _api: ClassVar[Literal["files", "compliance"]]

    def __init__(self, client: _BaseClient[Any]) -> None:
        self._base = client

    def _version(self) -> dict[str, Any]:
        """The `anthropic-version` to send: the Files API's always; on the Compliance
        API none, unless the client was given `compliance_api_version`."""
        if self._api == "compliance":
            return {"anthropic_version": self._base.compliance_api_version or UNSET}
        return {"anthropic_version": check_anthropic_version(self._base.api_version)}

    def _prepare(self, kwargs: dict[str, Any], options: RequestOptions) -> Prepare:
        complete = self._base._complete(kwargs, self._api, options)  # a missing key fails here
        return lambda: complete

    def _json(
        self, kwargs: dict[str, Any], parse: Callable[[Any], T], options: RequestOptions
    ) -> Protocol[T]:
        prepare = self._prepare(kwargs, options)
        return request_protocol(self._base._policy, prepare, _json_parser(parse))


def _json_parser(parse: Callable[[Any], T]) -> Callable[[bytes], T]:
    def parse_body(body: bytes) -> T:
        try:
            return parse(json.loads(body))
        except Exception as exc:  # whatever the models choke on: the server's fault
            raise APIResponseValidationError(
                f"the response is not the documented JSON: {type(exc).__name__}: {exc}"[:500]
            ) from exc

    return parse_body


class _FilesBase(_Resource):
    _api = "files"

    def _options(self, workspace_id: str | None) -> dict[str, Any]:
        workspace = workspace_id or self._base.workspace_id
        return {**self._version(), "anthropic_workspace_id": workspace or UNSET}

    def _get(
        self, file_id: str, workspace_id: str | None, options: RequestOptions
    ) -> Protocol[FileMetadata]:
        kwargs = get_file_metadata._get_kwargs(check_id(file_id), **self._options(workspace_id))
        return self._json(kwargs, with_request_id(FileMetadata).from_dict, options)

    def _delete(
        self, file_id: str, workspace_id: str | None, options: RequestOptions
    ) -> Protocol[DeletedFile]:
        kwargs = delete_file._get_kwargs(check_id(file_id), **self._options(workspace_id))
        return self._json(kwargs, with_request_id(DeletedFile).from_dict, options)

    def _content(self, file_id: str, workspace_id: str | None, options: RequestOptions) -> Prepare:
        kwargs = download_file._get_kwargs(check_id(file_id), **self._options(workspace_id))
        return self._prepare(kwargs, options)

    def _page(
        self, params: Params, workspace_id: str | None, options: RequestOptions
    ) -> Protocol[FileListResponse]:
        kwargs = list_files._get_kwargs(**params, **self._options(workspace_id))
        return self._json(kwargs, with_request_id(FileListResponse).from_dict, options)

    @staticmethod
    def _list_params(**params: Any) -> Params:
        if params["ids"] is not None and params["limit"] is not None:
            raise InvalidArgumentError("ids cannot be combined with limit")
        return {k: v for k, v in params.items() if v is not None}

    def _upload(
        self,
        source: UploadSource,
        expires_in: int | timedelta | None,
        workspace_id: str | None,
        options: RequestOptions,
    ) -> Protocol[FileMetadata]:
        seconds = expires_in_seconds(expires_in)
        headers = self._options(workspace_id)
        self._base._auth("files")  # a missing key fails before any I/O

        def prepare() -> dict[str, Any]:
            payload = cast(BinaryIO, source.open())
            body = FileUploadBody(
                file=File(payload=payload, file_name=source.filename, mime_type=source.mime_type),
                expires_in_seconds=UNSET if seconds is None else seconds,
            )
            kwargs = upload_file._get_kwargs(body=body, **headers)
            del kwargs["headers"]["Content-Type"]  # pins boundary `+++`; httpx picks a random one
            return self._base._complete(kwargs, "files", options)

        policy = self._base._policy
        if not source.replayable:
            policy = dataclasses.replace(policy, max_retries=0)
        parse = _json_parser(with_request_id(FileMetadata).from_dict)
        return request_protocol(policy, prepare, parse, blocking=True)


class Files(_FilesBase):
    """The Files API: `client.files`.

    Every method also takes `extra_headers`, `extra_query` and `timeout` for its
    requests (as in the anthropic SDK), and `workspace_id` to override the client's.
    """

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
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> FileMetadata:
        """Upload a path, bytes, an open binary file or `(filename, content, mime_type)`.

        A path is streamed from disk; `filename` and `mime_type` default to the path's
        (or the file's) name and its guessed type. `expires_in` (seconds or a
        timedelta) makes the file expire. Over `MAX_UPLOAD_BYTES` is refused before
        anything is sent; a missing path is `UploadFileNotFoundError`, a folder
        `UploadIsADirectoryError`. Retried only when the content can be sent again.
        """
        options = RequestOptions(timeout, extra_headers, extra_query)
        source = UploadSource(file, filename=filename, mime_type=mime_type)
        try:
            return self._client._execute(self._upload(source, expires_in, workspace_id, options))
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
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Pager[FileMetadata]:
        """Every file, newest first, fetched page by page as you iterate.

        `limit` is per page; `after_id`/`before_id` start after (before) a file;
        `ids` fetches those files only (one page, not with `limit`). Iterate the
        pager for files, or its `.pages` for whole pages (each with `_request_id`).
        """
        options = RequestOptions(timeout, extra_headers, extra_query)
        params = self._list_params(
            limit=limit, after_id=after_id, before_id=before_id, scope_id=scope_id, ids=ids
        )
        return Pager(lambda p: self._client._execute(self._page(p, workspace_id, options)), params)

    def get(
        self,
        file_id: str,
        *,
        workspace_id: str | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> FileMetadata:
        """A file's metadata (also `retrieve` and `retrieve_metadata`, the SDK's name)."""
        options = RequestOptions(timeout, extra_headers, extra_query)
        return self._client._execute(self._get(file_id, workspace_id, options))

    retrieve = get
    retrieve_metadata = get

    def delete(
        self,
        file_id: str,
        *,
        workspace_id: str | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> DeletedFile:
        """Delete a file (for good)."""
        options = RequestOptions(timeout, extra_headers, extra_query)
        return self._client._execute(self._delete(file_id, workspace_id, options))

    def download(
        self,
        file_id: str,
        *,
        max_bytes: int | None = None,
        workspace_id: str | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> bytes:
        """The file's bytes, in memory: at most `max_bytes` (by default the client's
        `max_download_bytes`), checked against `Content-Length` and `Content-MD5`."""
        options = RequestOptions(timeout, extra_headers, extra_query)
        prepare = self._content(file_id, workspace_id, options)
        return _downloads.download(
            self._client, prepare, self._base._max_bytes(max_bytes, memory=True)
        )

    def download_to_file(
        self,
        file_id: str,
        dest: Dest,
        *,
        overwrite: bool = False,
        max_bytes: int | None = None,
        workspace_id: str | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Path:
        """Stream the file to `dest`, atomically; returns the path written.

        `dest` is a folder when it exists as one or ends with a separator (`"out/"`):
        the file then takes the server's filename, made safe. Otherwise it is the
        file's path. A folder that does not exist is `DestinationNotFoundError`; an
        existing file without `overwrite=True` is `DestinationExistsError`, raised
        before the body is read. The file appears complete or not at all.
        """
        options = RequestOptions(timeout, extra_headers, extra_query)
        return _downloads.download_to_file(
            self._client,
            self._content(file_id, workspace_id, options),
            file_id,
            dest,
            overwrite=overwrite,
            max_bytes=self._base._max_bytes(max_bytes),
        )

    def download_stream(
        self,
        file_id: str,
        *,
        max_bytes: int | None = None,
        workspace_id: str | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> contextlib.AbstractContextManager[DownloadStream]:
        """A context manager: the request is sent on entering, chunks arrive as you
        iterate the `DownloadStream` (with `status_code`, `headers`, `request_id`)."""
        options = RequestOptions(timeout, extra_headers, extra_query)
        prepare = self._content(file_id, workspace_id, options)
        return _downloads.download_stream(self._client, prepare, self._base._max_bytes(max_bytes))


class AsyncFiles(_FilesBase):
    """The Files API: `client.files`.

    Every method also takes `extra_headers`, `extra_query` and `timeout` for its
    requests (as in the anthropic SDK), and `workspace_id` to override the client's.
    """

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
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> FileMetadata:
        """Upload a path, bytes, an open binary file or `(filename, content, mime_type)`.

        A path is streamed from disk; `filename` and `mime_type` default to the path's
        (or the file's) name and its guessed type. `expires_in` (seconds or a
        timedelta) makes the file expire. Over `MAX_UPLOAD_BYTES` is refused before
        anything is sent; a missing path is `UploadFileNotFoundError`, a folder
        `UploadIsADirectoryError`. Retried only when the content can be sent again.
        """
        options = RequestOptions(timeout, extra_headers, extra_query)
        source = await _in_thread(UploadSource, file, filename=filename, mime_type=mime_type)
        try:
            upload = self._upload(source, expires_in, workspace_id, options)
            return await self._client._execute(upload)
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
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> AsyncPager[FileMetadata]:
        """Every file, newest first, fetched page by page as you iterate.

        `limit` is per page; `after_id`/`before_id` start after (before) a file;
        `ids` fetches those files only (one page, not with `limit`). Iterate the
        pager for files, or its `.pages` for whole pages (each with `_request_id`).
        """
        options = RequestOptions(timeout, extra_headers, extra_query)
        params = self._list_params(
            limit=limit, after_id=after_id, before_id=before_id, scope_id=scope_id, ids=ids
        )
        fetch = self._client._execute
        return AsyncPager(lambda p: fetch(self._page(p, workspace_id, options)), params)

    async def get(
        self,
        file_id: str,
        *,
        workspace_id: str | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> FileMetadata:
        """A file's metadata (also `retrieve` and `retrieve_metadata`, the SDK's name)."""
        options = RequestOptions(timeout, extra_headers, extra_query)
        return await self._client._execute(self._get(file_id, workspace_id, options))

    retrieve = get
    retrieve_metadata = get

    async def delete(
        self,
        file_id: str,
        *,
        workspace_id: str | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> DeletedFile:
        """Delete a file (for good)."""
        options = RequestOptions(timeout, extra_headers, extra_query)
        return await self._client._execute(self._delete(file_id, workspace_id, options))

    async def download(
        self,
        file_id: str,
        *,
        max_bytes: int | None = None,
        workspace_id: str | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> bytes:
        """The file's bytes, in memory: at most `max_bytes` (by default the client's
        `max_download_bytes`), checked against `Content-Length` and `Content-MD5`."""
        options = RequestOptions(timeout, extra_headers, extra_query)
        prepare = self._content(file_id, workspace_id, options)
        return await _downloads.adownload(
            self._client, prepare, self._base._max_bytes(max_bytes, memory=True)
        )

    async def download_to_file(
        self,
        file_id: str,
        dest: Dest,
        *,
        overwrite: bool = False,
        max_bytes: int | None = None,
        workspace_id: str | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Path:
        """Stream the file to `dest`, atomically; returns the path written.

        `dest` is a folder when it exists as one or ends with a separator (`"out/"`):
        the file then takes the server's filename, made safe. Otherwise it is the
        file's path. A folder that does not exist is `DestinationNotFoundError`; an
        existing file without `overwrite=True` is `DestinationExistsError`, raised
        before the body is read. The file appears complete or not at all.
        """
        options = RequestOptions(timeout, extra_headers, extra_query)
        return await _downloads.adownload_to_file(
            self._client,
            self._content(file_id, workspace_id, options),
            file_id,
            dest,
            overwrite=overwrite,
            max_bytes=self._base._max_bytes(max_bytes),
        )

    def download_stream(
        self,
        file_id: str,
        *,
        max_bytes: int | None = None,
        workspace_id: str | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> contextlib.AbstractAsyncContextManager[DownloadStream]:
        """A context manager: the request is sent on entering, chunks arrive as you
        iterate the `DownloadStream` (with `status_code`, `headers`, `request_id`)."""
        options = RequestOptions(timeout, extra_headers, extra_query)
        prepare = self._content(file_id, workspace_id, options)
        return _downloads.adownload_stream(self._client, prepare, self._base._max_bytes(max_bytes))


class _ComplianceBase(_Resource):
    _api = "compliance"
    _content_kwargs: ClassVar[Callable[..., dict[str, Any]]]

    def _content(self, item_id: str, options: RequestOptions) -> Prepare:
        return self._prepare(self._call(self._content_kwargs, item_id), options)

    def _call(self, endpoint: Callable[..., dict[str, Any]], item_id: str) -> dict[str, Any]:
        return endpoint(check_id(item_id, "id"), **self._version())


class _ComplianceDownloads(_ComplianceBase):
    def __init__(self, client: Client) -> None:
        super().__init__(client)
        self._client = client

    def download(
        self,
        id: str,
        *,
        max_bytes: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> bytes:
        """The bytes, in memory (at most `max_bytes`, by default the client's cap)."""
        options = RequestOptions(timeout, extra_headers, extra_query)
        limit = self._base._max_bytes(max_bytes, memory=True)
        return _downloads.download(self._client, self._content(id, options), limit)

    def download_to_file(
        self,
        id: str,
        dest: Dest,
        *,
        overwrite: bool = False,
        max_bytes: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Path:
        """Stream to `dest` atomically, as `files.download_to_file` does: a folder (one
        that exists, or written `"out/"`) gets the server's filename; an existing file
        needs `overwrite=True`."""
        options = RequestOptions(timeout, extra_headers, extra_query)
        limit = self._base._max_bytes(max_bytes)
        return _downloads.download_to_file(
            self._client, self._content(id, options), id, dest, overwrite=overwrite, max_bytes=limit
        )

    def download_stream(
        self,
        id: str,
        *,
        max_bytes: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> contextlib.AbstractContextManager[DownloadStream]:
        """A context manager: the request is sent on entering, chunks arrive as you iterate."""
        options = RequestOptions(timeout, extra_headers, extra_query)
        limit = self._base._max_bytes(max_bytes)
        return _downloads.download_stream(self._client, self._content(id, options), limit)


class _AsyncComplianceDownloads(_ComplianceBase):
    def __init__(self, client: AsyncClient) -> None:
        super().__init__(client)
        self._client = client

    async def download(
        self,
        id: str,
        *,
        max_bytes: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> bytes:
        """The bytes, in memory (at most `max_bytes`, by default the client's cap)."""
        options = RequestOptions(timeout, extra_headers, extra_query)
        limit = self._base._max_bytes(max_bytes, memory=True)
        return await _downloads.adownload(self._client, self._content(id, options), limit)

    async def download_to_file(
        self,
        id: str,
        dest: Dest,
        *,
        overwrite: bool = False,
        max_bytes: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Path:
        """Stream to `dest` atomically, as `files.download_to_file` does: a folder (one
        that exists, or written `"out/"`) gets the server's filename; an existing file
        needs `overwrite=True`."""
        options = RequestOptions(timeout, extra_headers, extra_query)
        limit = self._base._max_bytes(max_bytes)
        return await _downloads.adownload_to_file(
            self._client, self._content(id, options), id, dest, overwrite=overwrite, max_bytes=limit
        )

    def download_stream(
        self,
        id: str,
        *,
        max_bytes: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> contextlib.AbstractAsyncContextManager[DownloadStream]:
        """A context manager: the request is sent on entering, chunks arrive as you iterate."""
        options = RequestOptions(timeout, extra_headers, extra_query)
        limit = self._base._max_bytes(max_bytes)
        return _downloads.adownload_stream(self._client, self._content(id, options), limit)


class ComplianceFiles(_ComplianceDownloads):
    """Files attached to chats (`claude_file_…`): `client.compliance.files`."""

    _content_kwargs = staticmethod(download_chat_file._get_kwargs)

    def get(
        self,
        id: str,
        *,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> ChatFile:
        """A chat file's metadata."""
        options = RequestOptions(timeout, extra_headers, extra_query)
        kwargs = self._call(get_chat_file._get_kwargs, id)
        return self._client._execute(
            self._json(kwargs, with_request_id(ChatFile).from_dict, options)
        )

    def delete(
        self,
        id: str,
        *,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> DeletedChatFile:
        """Delete a chat file (for good)."""
        options = RequestOptions(timeout, extra_headers, extra_query)
        kwargs = self._call(delete_chat_file._get_kwargs, id)
        return self._client._execute(
            self._json(kwargs, with_request_id(DeletedChatFile).from_dict, options)
        )


class AsyncComplianceFiles(_AsyncComplianceDownloads):
    """Files attached to chats (`claude_file_…`): `client.compliance.files`."""

    _content_kwargs = staticmethod(download_chat_file._get_kwargs)

    async def get(
        self,
        id: str,
        *,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> ChatFile:
        """A chat file's metadata."""
        options = RequestOptions(timeout, extra_headers, extra_query)
        kwargs = self._call(get_chat_file._get_kwargs, id)
        return await self._client._execute(
            self._json(kwargs, with_request_id(ChatFile).from_dict, options)
        )

    async def delete(
        self,
        id: str,
        *,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> DeletedChatFile:
        """Delete a chat file (for good)."""
        options = RequestOptions(timeout, extra_headers, extra_query)
        kwargs = self._call(delete_chat_file._get_kwargs, id)
        return await self._client._execute(
            self._json(kwargs, with_request_id(DeletedChatFile).from_dict, options)
        )


class ComplianceGeneratedFiles(_ComplianceDownloads):
    """Files Claude generated in chats (`claude_gen_file_…`)."""

    _content_kwargs = staticmethod(download_generated_file._get_kwargs)

    def get(
        self,
        id: str,
        *,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> GeneratedFile:
        """A generated file's metadata."""
        options = RequestOptions(timeout, extra_headers, extra_query)
        kwargs = self._call(get_generated_file._get_kwargs, id)
        return self._client._execute(
            self._json(kwargs, with_request_id(GeneratedFile).from_dict, options)
        )


class AsyncComplianceGeneratedFiles(_AsyncComplianceDownloads):
    """Files Claude generated in chats (`claude_gen_file_…`)."""

    _content_kwargs = staticmethod(download_generated_file._get_kwargs)

    async def get(
        self,
        id: str,
        *,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> GeneratedFile:
        """A generated file's metadata."""
        options = RequestOptions(timeout, extra_headers, extra_query)
        kwargs = self._call(get_generated_file._get_kwargs, id)
        return await self._client._execute(
            self._json(kwargs, with_request_id(GeneratedFile).from_dict, options)
        )


class ComplianceArtifacts(_ComplianceDownloads):
    """Artifact versions (`claude_artifact_version_…`): their content only."""

    _content_kwargs = staticmethod(download_artifact_version._get_kwargs)


class AsyncComplianceArtifacts(_AsyncComplianceDownloads):
    """Artifact versions (`claude_artifact_version_…`): their content only."""

    _content_kwargs = staticmethod(download_artifact_version._get_kwargs)


MultiFileFormat = Literal["zip"]


class _CodeArtifactsBase(_ComplianceBase):
    """Requests of `compliance.code_artifacts`; the subclasses run them."""

    def _list_params(
        self,
        limit: int | None,
        organization_ids: Sequence[str] | None,
        user_ids: Sequence[str] | None,
        updated_at: dict[str, datetime | None],
    ) -> Params:
        if limit is not None and not 1 <= limit <= 100:
            raise InvalidArgumentError("limit must be from 1 to 100")
        params: Params = {
            "limit": limit,
            "organization_ids": _strings(organization_ids, "organization_ids"),
            "user_ids": _strings(user_ids, "user_ids"),
        }
        for op, moment in updated_at.items():
            if moment is not None and moment.tzinfo is None:
                raise InvalidArgumentError(f"updated_at_{op} needs a timezone (an aware datetime)")
            params[f"updated_at_{op}"] = moment
        return {k: v for k, v in params.items() if v is not None}

    def _page(self, params: Params, options: RequestOptions) -> Protocol[CodeArtifactListResponse]:
        kwargs = list_code_artifacts._get_kwargs(**params, **self._version())
        return self._json(kwargs, with_request_id(CodeArtifactListResponse).from_dict, options)

    def _delete(self, artifact_id: str, options: RequestOptions) -> Protocol[DeletedCodeArtifact]:
        kwargs = self._call(delete_code_artifact._get_kwargs, artifact_id)
        return self._json(kwargs, with_request_id(DeletedCodeArtifact).from_dict, options)

    def _artifact_content(
        self,
        artifact_id: str,
        version_id: str | None,
        multi_file_format: MultiFileFormat | None,
        options: RequestOptions,
    ) -> Prepare:
        """The version's content (`version_id`), or the artifact's (`/content`, where
        alone `multi_file_format` applies)."""
        check_id(artifact_id, "artifact_id")
        if version_id is not None:
            kwargs = get_code_artifact_version._get_kwargs(
                artifact_id, check_id(version_id, "version_id"), **self._version()
            )
        else:
            if multi_file_format not in (None, "zip"):
                raise InvalidArgumentError(
                    f"multi_file_format must be 'zip', not {multi_file_format!r}"
                )
            kwargs = download_code_artifact._get_kwargs(
                artifact_id, multi_file_format=multi_file_format or UNSET, **self._version()
            )
        return self._prepare(kwargs, options)

    @staticmethod
    def _limits(extract: bool, extract_limits: ExtractLimits | None) -> ExtractLimits | None:
        if extract_limits is not None and not extract:
            raise InvalidArgumentError("extract_limits needs extract=True")
        return (extract_limits or ExtractLimits()) if extract else None

    @staticmethod
    def _find_version(artifact: CodeArtifact, version_id: str) -> CodeArtifactVersion | None:
        if not isinstance(artifact.versions, list):
            return None
        return next((v for v in artifact.versions if v.id == version_id), None)


def _strings(values: Sequence[str] | None, name: str) -> list[str] | None:
    if values is None:
        return None
    if isinstance(values, str):
        raise InvalidTypeError(f"{name} is a list of ids, not a str")
    return [check_id(v, name) for v in values]


class CodeArtifacts(_CodeArtifactsBase):
    """Sites published from Claude Code (`cart_…`): `client.compliance.code_artifacts`.

    The versions of an artifact are listed with it (`versions`, metadata only); a
    version's content and the artifact's (a ZIP when it has several files) go through
    the download trio, with the same caps, checks and atomic writes as every download.
    """

    def __init__(self, client: Client) -> None:
        super().__init__(client)
        self._client = client

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
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Pager[CodeArtifact]:
        """Every code artifact, page by page as you iterate (`limit` is per page, 1 to 100).

        Pages may be short or empty before the last: the pager follows `next_page`
        until the server stops sending one. The `updated_at_*` filters use an
        eventually-consistent index and never match artifacts from before the field
        was recorded: leave them out for a complete export.
        """
        options = RequestOptions(timeout, extra_headers, extra_query)
        bounds = {
            "gt": updated_at_gt,
            "gte": updated_at_gte,
            "lt": updated_at_lt,
            "lte": updated_at_lte,
        }
        params = self._list_params(limit, organization_ids, user_ids, bounds)
        fetch = self._client._execute
        return Pager(lambda p: fetch(self._page(p, options)), params, next_page_params)

    def get_version(
        self,
        artifact_id: str,
        version_id: str,
        *,
        organization_ids: Sequence[str] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> CodeArtifactVersion | None:
        """A version's metadata, or None when the list does not hold it (any more).

        The API has no endpoint for one version's metadata: it is found in the list,
        which this walks until the artifact turns up (narrow it with
        `organization_ids` when you know the organization).
        """
        pages = self.list(
            limit=100,
            organization_ids=organization_ids,
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
        )
        for artifact in pages:
            if artifact.id == artifact_id:
                return self._find_version(artifact, version_id)
        return None

    def delete(
        self,
        artifact_id: str,
        *,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> DeletedCodeArtifact:
        """Delete the artifact and all its versions (for good; content goes asynchronously)."""
        options = RequestOptions(timeout, extra_headers, extra_query)
        return self._client._execute(self._delete(artifact_id, options))

    def download(
        self,
        artifact_id: str,
        *,
        version_id: str | None = None,
        multi_file_format: MultiFileFormat | None = "zip",
        max_bytes: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> bytes:
        """The bytes in memory: a version's content (`version_id`), or else the
        artifact's (a ZIP when it has several files; `multi_file_format` applies to the
        artifact's content only), at most `max_bytes`."""
        options = RequestOptions(timeout, extra_headers, extra_query)
        prepare = self._artifact_content(artifact_id, version_id, multi_file_format, options)
        return _downloads.download(
            self._client, prepare, self._base._max_bytes(max_bytes, memory=True)
        )

    def download_to_file(
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
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Path:
        """Stream to `dest` atomically (a folder: under the server's filename, made safe).

        `dest` is a folder when it exists as one or ends with a separator (`"out/"`),
        as for `files.download_to_file`. `extract=True` takes a ZIP and extracts it
        into a new folder instead: `dest` itself when it does not exist, or a folder
        named after the archive inside the folder `dest` (refused, before the body is
        read, when that exists). Entries that would escape the folder, links and zip
        bombs (`extract_limits`) are refused with nothing written; the folder appears
        complete or not at all.
        """
        options = RequestOptions(timeout, extra_headers, extra_query)
        limits = self._limits(extract, extract_limits)
        prepare = self._artifact_content(artifact_id, version_id, multi_file_format, options)
        return _downloads.download_to_file(
            self._client,
            prepare,
            artifact_id,
            dest,
            overwrite=overwrite,
            max_bytes=self._base._max_bytes(max_bytes),
            extract=limits,
        )

    def download_stream(
        self,
        artifact_id: str,
        *,
        version_id: str | None = None,
        multi_file_format: MultiFileFormat | None = "zip",
        max_bytes: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> contextlib.AbstractContextManager[DownloadStream]:
        """A context manager: the request is sent on entering, chunks arrive as you iterate."""
        options = RequestOptions(timeout, extra_headers, extra_query)
        prepare = self._artifact_content(artifact_id, version_id, multi_file_format, options)
        return _downloads.download_stream(self._client, prepare, self._base._max_bytes(max_bytes))


class AsyncCodeArtifacts(_CodeArtifactsBase):
    """Sites published from Claude Code (`cart_…`): `client.compliance.code_artifacts`.

    The versions of an artifact are listed with it (`versions`, metadata only); a
    version's content and the artifact's (a ZIP when it has several files) go through
    the download trio, with the same caps, checks and atomic writes as every download.
    """

    def __init__(self, client: AsyncClient) -> None:
        super().__init__(client)
        self._client = client

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
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> AsyncPager[CodeArtifact]:
        """Every code artifact, page by page as you iterate (`limit` is per page, 1 to 100).

        Pages may be short or empty before the last: the pager follows `next_page`
        until the server stops sending one. The `updated_at_*` filters use an
        eventually-consistent index and never match artifacts from before the field
        was recorded: leave them out for a complete export.
        """
        options = RequestOptions(timeout, extra_headers, extra_query)
        bounds = {
            "gt": updated_at_gt,
            "gte": updated_at_gte,
            "lt": updated_at_lt,
            "lte": updated_at_lte,
        }
        params = self._list_params(limit, organization_ids, user_ids, bounds)
        fetch = self._client._execute
        return AsyncPager(lambda p: fetch(self._page(p, options)), params, next_page_params)

    async def get_version(
        self,
        artifact_id: str,
        version_id: str,
        *,
        organization_ids: Sequence[str] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> CodeArtifactVersion | None:
        """A version's metadata, or None when the list does not hold it (any more).

        The API has no endpoint for one version's metadata: it is found in the list,
        which this walks until the artifact turns up (narrow it with
        `organization_ids` when you know the organization).
        """
        pages = self.list(
            limit=100,
            organization_ids=organization_ids,
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
        )
        async for artifact in pages:
            if artifact.id == artifact_id:
                return self._find_version(artifact, version_id)
        return None

    async def delete(
        self,
        artifact_id: str,
        *,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> DeletedCodeArtifact:
        """Delete the artifact and all its versions (for good; content goes asynchronously)."""
        options = RequestOptions(timeout, extra_headers, extra_query)
        return await self._client._execute(self._delete(artifact_id, options))

    async def download(
        self,
        artifact_id: str,
        *,
        version_id: str | None = None,
        multi_file_format: MultiFileFormat | None = "zip",
        max_bytes: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> bytes:
        """The bytes in memory: a version's content (`version_id`), or else the
        artifact's (a ZIP when it has several files; `multi_file_format` applies to the
        artifact's content only), at most `max_bytes`."""
        options = RequestOptions(timeout, extra_headers, extra_query)
        prepare = self._artifact_content(artifact_id, version_id, multi_file_format, options)
        return await _downloads.adownload(
            self._client, prepare, self._base._max_bytes(max_bytes, memory=True)
        )

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
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Path:
        """Stream to `dest` atomically (a folder: under the server's filename, made safe).

        `dest` is a folder when it exists as one or ends with a separator (`"out/"`),
        as for `files.download_to_file`. `extract=True` takes a ZIP and extracts it
        into a new folder instead: `dest` itself when it does not exist, or a folder
        named after the archive inside the folder `dest` (refused, before the body is
        read, when that exists). Entries that would escape the folder, links and zip
        bombs (`extract_limits`) are refused with nothing written; the folder appears
        complete or not at all.
        """
        options = RequestOptions(timeout, extra_headers, extra_query)
        limits = self._limits(extract, extract_limits)
        prepare = self._artifact_content(artifact_id, version_id, multi_file_format, options)
        return await _downloads.adownload_to_file(
            self._client,
            prepare,
            artifact_id,
            dest,
            overwrite=overwrite,
            max_bytes=self._base._max_bytes(max_bytes),
            extract=limits,
        )

    def download_stream(
        self,
        artifact_id: str,
        *,
        version_id: str | None = None,
        multi_file_format: MultiFileFormat | None = "zip",
        max_bytes: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> contextlib.AbstractAsyncContextManager[DownloadStream]:
        """A context manager: the request is sent on entering, chunks arrive as you iterate."""
        options = RequestOptions(timeout, extra_headers, extra_query)
        prepare = self._artifact_content(artifact_id, version_id, multi_file_format, options)
        return _downloads.adownload_stream(self._client, prepare, self._base._max_bytes(max_bytes))


class Compliance:
    """The Compliance API's file endpoints (they use the compliance key)."""

    def __init__(self, client: Client) -> None:
        self.files = ComplianceFiles(client)
        self.generated_files = ComplianceGeneratedFiles(client)
        self.artifacts = ComplianceArtifacts(client)
        self.code_artifacts = CodeArtifacts(client)


class AsyncCompliance:
    """The Compliance API's file endpoints (they use the compliance key)."""

    def __init__(self, client: AsyncClient) -> None:
        self.files = AsyncComplianceFiles(client)
        self.generated_files = AsyncComplianceGeneratedFiles(client)
        self.artifacts = AsyncComplianceArtifacts(client)
        self.code_artifacts = AsyncCodeArtifacts(client)


async def _in_thread(func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    return await anyio.to_thread.run_sync(lambda: func(*args, **kwargs))
