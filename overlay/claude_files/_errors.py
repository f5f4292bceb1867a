"""Every error the client raises, named as the anthropic SDK names them where they overlap.

ClaudeFilesError
├── APIError                          a request did not give a usable response
│   ├── APIStatusError                the server answered 4xx/5xx: status_code, type,
│   │   │                             error_code, message, request_id, response
│   │   ├── BadRequestError                    400
│   │   │   ├── FileNotDownloadableError       400 file_not_downloadable
│   │   │   ├── StorageQuotaExceededError      400 storage_quota_exceeded
│   │   │   └── OrganizationOnHoldError        400 organization_on_hold (appeal_url)
│   │   ├── AuthenticationError                401
│   │   ├── PaymentRequiredError               402
│   │   ├── PermissionDeniedError              403
│   │   ├── NotFoundError                      404
│   │   │   └── FileExpiredError               404 file_expired
│   │   ├── RequestTimeoutError                408
│   │   ├── ConflictError                      409
│   │   ├── PreconditionFailedError            412
│   │   ├── RequestTooLargeError               413 (also ContentTooLargeError)
│   │   ├── UnprocessableEntityError           422
│   │   │   ├── MultiFileUnavailableError      422 multi_file_unavailable (ask for a zip)
│   │   │   └── FileSetUnavailableError        422 file_set_unavailable (do not retry)
│   │   ├── RateLimitError                     429
│   │   ├── RequestHeaderFieldsTooLargeError   431
│   │   ├── ClientClosedRequestError           499
│   │   └── InternalServerError                5xx
│   │       ├── HTTPNotImplementedError        501
│   │       ├── ServiceUnavailableError        503
│   │       ├── GatewayTimeoutError            504
│   │       └── OverloadedError                529
│   ├── APIConnectionError            no response (refused, reset, ...)
│   │   └── APITimeoutError
│   └── APIResponseValidationError    a 2xx body that is not what the API documents
├── FileTooLargeError                 over a download cap or the upload limit
├── IncompleteDownloadError           body shorter/longer than announced, or cut off
├── ChecksumMismatchError             body does not match Content-MD5
├── ArchiveError                      a downloaded archive cannot be extracted
│   └── UnsafeArchiveError            an entry would escape the folder, or a zip bomb
│
│   Bad input, refused before anything is sent or written; each is also the builtin
│   a Python caller would expect, so `except ValueError` (etc.) works as well:
├── InvalidArgumentError              (ValueError) a bad value for a parameter
│   └── InvalidIdError                an id that is not one clean path segment
├── InvalidTypeError                  (TypeError) a parameter of the wrong type
│   └── InvalidIdTypeError            an id that is not a str
├── UploadFileNotFoundError           (FileNotFoundError) the path to upload is missing
├── UploadIsADirectoryError           (IsADirectoryError) the path to upload is a folder
├── DestinationNotFoundError          (FileNotFoundError) the folder to download into
│                                     is missing
└── DestinationExistsError            (FileExistsError) the file or folder to download
                                      to exists (and overwrite is not set)

A missing API key is a plain ClaudeFilesError. Every error has `request_id`: the
`request-id` of the response it comes from, None when there was none.
"""

from __future__ import annotations

import json
import os
import re
from http import HTTPStatus
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from claude_files_openapi.types import Unset

if TYPE_CHECKING:
    import httpx

    from claude_files_openapi.models import ErrorResponse


class ClaudeFilesError(Exception):
    """Base of every error this package raises on purpose."""

    request_id: str | None = None
    """The `request-id` of the response the error comes from (None: no response)."""


class APIError(ClaudeFilesError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class APIStatusError(APIError):
    """The server answered with a 4xx or 5xx status.

    `type` is `error.type` and `error_code` is `error.details.error_code` (None when
    absent); `body` is the parsed envelope (None when the body was not one).
    """

    status_code: int
    hint: ClassVar[str | None] = None
    """What to do about it, added to the message (for the kinds where the API says)."""
    _by_status: ClassVar[dict[int, type[APIStatusError]]] = {}
    _by_code: ClassVar[dict[str, type[APIStatusError]]] = {}

    def __init_subclass__(cls, status: int | None = None, code: str | None = None) -> None:
        """Register the class for its status, or for the `error_code` that refines one."""
        super().__init_subclass__()
        if status is not None:
            APIStatusError._by_status[status] = cls
        if code is not None:
            APIStatusError._by_code[code] = cls

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        request_id: str | None = None,
        body: ErrorResponse | None = None,
        response: httpx.Response | None = None,
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.request_id = request_id
        self.body = body
        self.response = response
        self.type: str | None = body.error.type_ if body else None
        self.api_message: str | None = body.error.message if body else None
        details = body.error.details if body else None
        self.details = None if isinstance(details, Unset) else details
        self.error_code: str | None = self.details.error_code if self.details else None


class BadRequestError(APIStatusError, status=400):
    pass


class FileNotDownloadableError(BadRequestError, code="file_not_downloadable"):
    """The file's bytes cannot be downloaded (files a user uploaded)."""


class StorageQuotaExceededError(BadRequestError, code="storage_quota_exceeded"):
    pass


class OrganizationOnHoldError(BadRequestError, code="organization_on_hold"):
    @property
    def appeal_url(self) -> str | None:
        url = self.details.appeal_url if self.details else None
        return url if isinstance(url, str) else None


class AuthenticationError(APIStatusError, status=401):
    """A bad or revoked key, or (the Compliance API) a key without the scope the endpoint
    needs: then `missing_scope` names it."""

    @property
    def missing_scope(self) -> str | None:
        """The scope the message says the key lacks (`read:compliance_user_data`, ...)."""
        found = _SCOPE.search(self.api_message or "")
        return found.group(1) if found else None


_SCOPE = re.compile(r"does not have the `?([a-z_]+:[a-z_]+)`? scope")


class PaymentRequiredError(APIStatusError, status=402):
    pass


class PermissionDeniedError(APIStatusError, status=403):
    pass


class NotFoundError(APIStatusError, status=404):
    pass


class FileExpiredError(NotFoundError, code="file_expired"):
    """The file's `expires_at` has passed: its bytes are gone for good."""


class RequestTimeoutError(APIStatusError, status=408):
    pass


class ConflictError(APIStatusError, status=409):
    pass


class PreconditionFailedError(APIStatusError, status=412):
    pass


class RequestTooLargeError(APIStatusError, status=413):
    pass


ContentTooLargeError = RequestTooLargeError


class UnprocessableEntityError(APIStatusError, status=422):
    pass


class MultiFileUnavailableError(UnprocessableEntityError, code="multi_file_unavailable"):
    """The content has more than one file, and this request serves only one."""

    hint = (
        "the content has several files: do not retry; download the artifact's content "
        "as a ZIP instead (code_artifacts.download(artifact_id, multi_file_format='zip'), "
        "without version_id)"
    )


class FileSetUnavailableError(UnprocessableEntityError, code="file_set_unavailable"):
    """The artifact's set of files cannot be served."""

    hint = (
        "the artifact's files cannot be served as a set: do not retry; list the artifact "
        "again and download its versions one by one (version_id=...)"
    )


class RateLimitError(APIStatusError, status=429):
    pass


class RequestHeaderFieldsTooLargeError(APIStatusError, status=431):
    pass


class ClientClosedRequestError(APIStatusError, status=499):
    pass


class InternalServerError(APIStatusError):
    pass


class HTTPNotImplementedError(InternalServerError, status=501):
    pass


class ServiceUnavailableError(InternalServerError, status=503):
    pass


class GatewayTimeoutError(InternalServerError, status=504):
    pass


class OverloadedError(InternalServerError, status=529):
    pass


class APIConnectionError(APIError):
    def __init__(self, message: str = "Connection error.") -> None:
        super().__init__(message)


class APITimeoutError(APIConnectionError):
    def __init__(self, message: str = "Request timed out.") -> None:
        super().__init__(message)


class APIResponseValidationError(APIError):
    """A successful response whose body is not the documented JSON (as the anthropic SDK's)."""


class FileTooLargeError(ClaudeFilesError):
    """More bytes than allowed: `limit` is the cap, `size` the size when it is known."""

    def __init__(self, limit: int, size: int | None = None) -> None:
        what = f"{size} bytes" if size is not None else "more bytes than that"
        super().__init__(f"file too large: the limit is {limit} bytes, the file is {what}")
        self.limit = limit
        self.size = size


class IncompleteDownloadError(ClaudeFilesError):
    """The body did not match what the response announced, or was cut off."""

    def __init__(self, message: str, *, expected: int | None = None, received: int = 0) -> None:
        super().__init__(message)
        self.expected = expected
        self.received = received


class ChecksumMismatchError(ClaudeFilesError):
    def __init__(self, expected: str, actual: str) -> None:
        super().__init__(f"Content-MD5 mismatch: server sent {expected}, body hashes to {actual}")
        self.expected = expected
        self.actual = actual


class ArchiveError(ClaudeFilesError):
    """A downloaded archive that cannot be extracted (not a ZIP, or a broken one)."""


class UnsafeArchiveError(ArchiveError):
    """An archive refused before anything was written: `entry` is the offending member.

    An entry that would land outside the folder (an absolute path, `..`, a drive
    letter), a symbolic link, or more entries or uncompressed bytes (in total, or in
    proportion to the compressed size) than the limits allow.
    """

    def __init__(self, message: str, entry: str | None = None) -> None:
        super().__init__(message)
        self.entry = entry


class InvalidArgumentError(ClaudeFilesError, ValueError):
    """A parameter's value is not one the call accepts; nothing was sent."""


class InvalidIdError(InvalidArgumentError):
    """An id that is empty, blank, `.` or `..`, or holds `/` or a control character."""


class InvalidTypeError(ClaudeFilesError, TypeError):
    """A parameter of a type the call does not take; nothing was sent."""


class InvalidIdTypeError(InvalidTypeError):
    """An id that is not a str (None, bytes, a number, a list)."""


class _PathError(ClaudeFilesError):
    """A local path that cannot be used; `path` is the one meant (never a temporary file).

    OSError's own `filename` and `errno` stay unset: with a filename and no errno,
    its message would read `[Errno None] None: ...`.
    """

    def __init__(self, message: str, path: str | os.PathLike[str]) -> None:
        super().__init__(message)
        self.path = Path(path)


class UploadFileNotFoundError(_PathError, FileNotFoundError):
    """The path given to `files.upload` does not exist."""


class UploadIsADirectoryError(_PathError, IsADirectoryError):
    """The path given to `files.upload` is a folder."""


class DestinationNotFoundError(_PathError, FileNotFoundError):
    """The folder a download is to go into does not exist (the library does not create it)."""


class DestinationExistsError(_PathError, FileExistsError):
    """The file (or, for `extract=True`, the folder) a download would create exists."""

    @classmethod
    def file(cls, path: Path, request_id: str | None = None) -> DestinationExistsError:
        error = cls(f"{path} exists: pass overwrite=True to replace it", path)
        error.request_id = request_id
        return error

    @classmethod
    def folder(cls, path: Path, request_id: str | None = None) -> DestinationExistsError:
        message = (
            f"{path} exists: extract=True makes a new folder; remove it or choose another dest"
        )
        error = cls(message, path)
        error.request_id = request_id
        return error


def error_class(status: int, error_code: str | None) -> type[APIStatusError]:
    """The class for a status, refined by `error_code` when the code belongs to it."""
    fallback = InternalServerError if status >= 500 else APIStatusError
    base = APIStatusError._by_status.get(status, fallback)
    refined = APIStatusError._by_code.get(error_code or "")
    return refined if refined is not None and issubclass(refined, base) else base


def parse_envelope(body: bytes) -> ErrorResponse | None:
    """The error envelope, or None for a body that is not one (a CDN's HTML page)."""
    from claude_files_openapi.models import ErrorResponse  # loaded by the first error

    try:
        data: Any = json.loads(body)
        return ErrorResponse.from_dict(data)
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


def make_status_error(
    status: int,
    headers: Any,
    body: bytes,
    response: httpx.Response | None = None,
) -> APIStatusError:
    """Classify an error response from its status, `error.type` and `error_code`."""
    envelope = parse_envelope(body)
    request_id = headers.get("request-id")
    if envelope is not None:
        details = envelope.error.details
        code = None if isinstance(details, Unset) else details.error_code
        text = f"{envelope.error.type_}: {envelope.error.message}"
        if code:
            text += f" ({code})"
        if request_id is None and isinstance(envelope.request_id, str):
            request_id = envelope.request_id
    else:
        code = None
        page = _redact(body.decode("utf-8", "replace"), response)
        text = " ".join(page.split())[:200] or _phrase(status)
    text = _redact(text, response)
    message = f"{status} {text}" + (f" [request-id {request_id}]" if request_id else "")
    cls = error_class(status, code)
    if cls.hint:
        message += f": {cls.hint}"
    return cls(message, status_code=status, request_id=request_id, body=envelope, response=response)


def _redact(text: str, response: httpx.Response | None) -> str:
    """`text` without the key the request was sent with: a proxy's error page or an
    error message may quote the request's headers back."""
    try:
        headers = response.request.headers if response is not None else None
    except RuntimeError:  # a response built without its request
        headers = None
    if headers is None:
        return text
    bearer = headers.get("authorization", "")
    for secret in (headers.get("x-api-key"), bearer.removeprefix("Bearer ").strip()):
        if secret:
            text = text.replace(secret, "[redacted]")
    return text


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "error"
