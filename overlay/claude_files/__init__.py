"""claude-files: a typed, streaming client for Anthropic's file endpoints.

The generated client (`claude_files_openapi`) is compiled from `openapi.yaml`; this
package is the handwritten layer on top of it: `Client` and `AsyncClient`, with capped,
checked, atomic downloads, streamed uploads, paging, typed errors and retries.

Importing the package is cheap: each name below is imported from its module the first
time it is used (PEP 562), so `import claude_files` (as the pytest plugin does) pulls in
neither httpx nor the generated client until a name is needed.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from claude_files._async._client import AsyncClient
    from claude_files._async._pager import AsyncPager
    from claude_files._downloads import DownloadStream
    from claude_files._errors import (
        APIConnectionError,
        APIError,
        APIResponseValidationError,
        APIStatusError,
        APITimeoutError,
        ArchiveError,
        AuthenticationError,
        BadRequestError,
        ChecksumMismatchError,
        ClaudeFilesError,
        ClientClosedRequestError,
        ConflictError,
        ContentTooLargeError,
        DestinationExistsError,
        DestinationNotFoundError,
        FileExpiredError,
        FileNotDownloadableError,
        FileSetUnavailableError,
        FileTooLargeError,
        GatewayTimeoutError,
        HTTPNotImplementedError,
        IncompleteDownloadError,
        InternalServerError,
        InvalidArgumentError,
        InvalidIdError,
        InvalidIdTypeError,
        InvalidTypeError,
        MultiFileUnavailableError,
        NotFoundError,
        OrganizationOnHoldError,
        OverloadedError,
        PaymentRequiredError,
        PermissionDeniedError,
        PreconditionFailedError,
        RateLimitError,
        RequestHeaderFieldsTooLargeError,
        RequestTimeoutError,
        RequestTooLargeError,
        ServiceUnavailableError,
        StorageQuotaExceededError,
        UnprocessableEntityError,
        UnsafeArchiveError,
        UploadFileNotFoundError,
        UploadIsADirectoryError,
    )
    from claude_files._extract import ExtractLimits
    from claude_files._files import place_file, safe_filename
    from claude_files._models import ResponseCallback, ResponseInfo
    from claude_files._pacing import RequestPacer
    from claude_files._progress import ProgressCallback
    from claude_files._projects import ProjectAttachment
    from claude_files._sync._client import Client
    from claude_files._sync._pager import Pager
    from claude_files._telemetry import OpenTelemetryOptions
    from claude_files._transport import AsyncTransport, Transport
    from claude_files._uploads import MAX_UPLOAD_BYTES
    from claude_files._version import __version__
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
        ProjectDocAttachment,
        ProjectDocument,
        ProjectDocumentUser,
        ProjectFileAttachment,
        UnknownProjectAttachment,
    )

# Every public name and the module that defines it. A new export goes here, into the
# TYPE_CHECKING imports above (for type checkers and IDEs) and into __all__.
_EXPORTS: dict[str, str] = {
    "MAX_UPLOAD_BYTES": "claude_files._uploads",
    "APIConnectionError": "claude_files._errors",
    "APIError": "claude_files._errors",
    "APIResponseValidationError": "claude_files._errors",
    "APIStatusError": "claude_files._errors",
    "APITimeoutError": "claude_files._errors",
    "ArchiveError": "claude_files._errors",
    "AsyncClient": "claude_files._async._client",
    "AsyncPager": "claude_files._async._pager",
    "AsyncTransport": "claude_files._transport",
    "AuthenticationError": "claude_files._errors",
    "BadRequestError": "claude_files._errors",
    "ChatFile": "claude_files_openapi.models",
    "ChecksumMismatchError": "claude_files._errors",
    "ClaudeFilesError": "claude_files._errors",
    "Client": "claude_files._sync._client",
    "ClientClosedRequestError": "claude_files._errors",
    "CodeArtifact": "claude_files_openapi.models",
    "CodeArtifactListResponse": "claude_files_openapi.models",
    "CodeArtifactVersion": "claude_files_openapi.models",
    "ConflictError": "claude_files._errors",
    "ContentTooLargeError": "claude_files._errors",
    "DeletedChatFile": "claude_files_openapi.models",
    "DeletedCodeArtifact": "claude_files_openapi.models",
    "DeletedFile": "claude_files_openapi.models",
    "DeletedProjectDocument": "claude_files_openapi.models",
    "DestinationExistsError": "claude_files._errors",
    "DestinationNotFoundError": "claude_files._errors",
    "DownloadStream": "claude_files._downloads",
    "ExtractLimits": "claude_files._extract",
    "RequestPacer": "claude_files._pacing",
    "ResponseCallback": "claude_files._models",
    "ResponseInfo": "claude_files._models",
    "FileExpiredError": "claude_files._errors",
    "FileListResponse": "claude_files_openapi.models",
    "FileMetadata": "claude_files_openapi.models",
    "FileNotDownloadableError": "claude_files._errors",
    "FileSetUnavailableError": "claude_files._errors",
    "FileTooLargeError": "claude_files._errors",
    "GatewayTimeoutError": "claude_files._errors",
    "GeneratedFile": "claude_files_openapi.models",
    "HTTPNotImplementedError": "claude_files._errors",
    "IncompleteDownloadError": "claude_files._errors",
    "InternalServerError": "claude_files._errors",
    "InvalidArgumentError": "claude_files._errors",
    "InvalidIdError": "claude_files._errors",
    "InvalidIdTypeError": "claude_files._errors",
    "InvalidTypeError": "claude_files._errors",
    "MultiFileUnavailableError": "claude_files._errors",
    "NotFoundError": "claude_files._errors",
    "OpenTelemetryOptions": "claude_files._telemetry",
    "OrganizationOnHoldError": "claude_files._errors",
    "OverloadedError": "claude_files._errors",
    "Pager": "claude_files._sync._pager",
    "PaymentRequiredError": "claude_files._errors",
    "PermissionDeniedError": "claude_files._errors",
    "PreconditionFailedError": "claude_files._errors",
    "ProjectAttachment": "claude_files._projects",
    "ProjectAttachmentListResponse": "claude_files_openapi.models",
    "ProjectDocAttachment": "claude_files_openapi.models",
    "ProjectDocument": "claude_files_openapi.models",
    "ProjectDocumentUser": "claude_files_openapi.models",
    "ProjectFileAttachment": "claude_files_openapi.models",
    "ProgressCallback": "claude_files._progress",
    "RateLimitError": "claude_files._errors",
    "RequestHeaderFieldsTooLargeError": "claude_files._errors",
    "RequestTimeoutError": "claude_files._errors",
    "RequestTooLargeError": "claude_files._errors",
    "ServiceUnavailableError": "claude_files._errors",
    "StorageQuotaExceededError": "claude_files._errors",
    "Transport": "claude_files._transport",
    "UnknownProjectAttachment": "claude_files_openapi.models",
    "UnprocessableEntityError": "claude_files._errors",
    "UnsafeArchiveError": "claude_files._errors",
    "UploadFileNotFoundError": "claude_files._errors",
    "UploadIsADirectoryError": "claude_files._errors",
    "__version__": "claude_files._version",
    "place_file": "claude_files._files",
    "safe_filename": "claude_files._files",
}

__all__ = [
    "MAX_UPLOAD_BYTES",
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "ArchiveError",
    "AsyncClient",
    "AsyncPager",
    "AsyncTransport",
    "AuthenticationError",
    "BadRequestError",
    "ChatFile",
    "ChecksumMismatchError",
    "ClaudeFilesError",
    "Client",
    "ClientClosedRequestError",
    "CodeArtifact",
    "CodeArtifactListResponse",
    "CodeArtifactVersion",
    "ConflictError",
    "ContentTooLargeError",
    "DeletedChatFile",
    "DeletedCodeArtifact",
    "DeletedFile",
    "DeletedProjectDocument",
    "DestinationExistsError",
    "DestinationNotFoundError",
    "DownloadStream",
    "ExtractLimits",
    "FileExpiredError",
    "FileListResponse",
    "FileMetadata",
    "FileNotDownloadableError",
    "FileSetUnavailableError",
    "FileTooLargeError",
    "GatewayTimeoutError",
    "GeneratedFile",
    "HTTPNotImplementedError",
    "IncompleteDownloadError",
    "InternalServerError",
    "InvalidArgumentError",
    "InvalidIdError",
    "InvalidIdTypeError",
    "InvalidTypeError",
    "MultiFileUnavailableError",
    "NotFoundError",
    "OpenTelemetryOptions",
    "OrganizationOnHoldError",
    "OverloadedError",
    "Pager",
    "PaymentRequiredError",
    "PermissionDeniedError",
    "PreconditionFailedError",
    "ProgressCallback",
    "ProjectAttachment",
    "ProjectAttachmentListResponse",
    "ProjectDocAttachment",
    "ProjectDocument",
    "ProjectDocumentUser",
    "ProjectFileAttachment",
    "RateLimitError",
    "RequestHeaderFieldsTooLargeError",
    "RequestPacer",
    "RequestTimeoutError",
    "RequestTooLargeError",
    "ResponseCallback",
    "ResponseInfo",
    "ServiceUnavailableError",
    "StorageQuotaExceededError",
    "Transport",
    "UnknownProjectAttachment",
    "UnprocessableEntityError",
    "UnsafeArchiveError",
    "UploadFileNotFoundError",
    "UploadIsADirectoryError",
    "__version__",
    "place_file",
    "safe_filename",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # the next lookup does not come here
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
