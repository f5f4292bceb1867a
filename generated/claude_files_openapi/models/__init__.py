"""Contains all the data models used in inputs/outputs"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .anthropic_version import AnthropicVersion
    from .chat_file import ChatFile
    from .code_artifact import CodeArtifact
    from .code_artifact_list_response import CodeArtifactListResponse
    from .code_artifact_user import CodeArtifactUser
    from .code_artifact_version import CodeArtifactVersion
    from .deleted_chat_file import DeletedChatFile
    from .deleted_code_artifact import DeletedCodeArtifact
    from .deleted_file import DeletedFile
    from .deleted_project_document import DeletedProjectDocument
    from .download_code_artifact_multi_file_format import (
        DownloadCodeArtifactMultiFileFormat,
    )
    from .error_details import ErrorDetails
    from .error_object import ErrorObject
    from .error_response import ErrorResponse
    from .file_list_response import FileListResponse
    from .file_metadata import FileMetadata
    from .file_scope import FileScope
    from .file_upload_body import FileUploadBody
    from .generated_file import GeneratedFile
    from .project_attachment_list_response import ProjectAttachmentListResponse
    from .project_doc_attachment import ProjectDocAttachment
    from .project_document import ProjectDocument
    from .project_document_user import ProjectDocumentUser
    from .project_file_attachment import ProjectFileAttachment
    from .unknown_project_attachment import UnknownProjectAttachment

#: Each model's module in this package, imported on first use.
_MODULES = {
    "AnthropicVersion": ".anthropic_version",
    "ChatFile": ".chat_file",
    "CodeArtifact": ".code_artifact",
    "CodeArtifactListResponse": ".code_artifact_list_response",
    "CodeArtifactUser": ".code_artifact_user",
    "CodeArtifactVersion": ".code_artifact_version",
    "DeletedChatFile": ".deleted_chat_file",
    "DeletedCodeArtifact": ".deleted_code_artifact",
    "DeletedFile": ".deleted_file",
    "DeletedProjectDocument": ".deleted_project_document",
    "DownloadCodeArtifactMultiFileFormat": ".download_code_artifact_multi_file_format",
    "ErrorDetails": ".error_details",
    "ErrorObject": ".error_object",
    "ErrorResponse": ".error_response",
    "FileListResponse": ".file_list_response",
    "FileMetadata": ".file_metadata",
    "FileScope": ".file_scope",
    "FileUploadBody": ".file_upload_body",
    "GeneratedFile": ".generated_file",
    "ProjectAttachmentListResponse": ".project_attachment_list_response",
    "ProjectDocAttachment": ".project_doc_attachment",
    "ProjectDocument": ".project_document",
    "ProjectDocumentUser": ".project_document_user",
    "ProjectFileAttachment": ".project_file_attachment",
    "UnknownProjectAttachment": ".unknown_project_attachment",
}

__all__ = (
    "AnthropicVersion",
    "ChatFile",
    "CodeArtifact",
    "CodeArtifactListResponse",
    "CodeArtifactUser",
    "CodeArtifactVersion",
    "DeletedChatFile",
    "DeletedCodeArtifact",
    "DeletedFile",
    "DeletedProjectDocument",
    "DownloadCodeArtifactMultiFileFormat",
    "ErrorDetails",
    "ErrorObject",
    "ErrorResponse",
    "FileListResponse",
    "FileMetadata",
    "FileScope",
    "FileUploadBody",
    "GeneratedFile",
    "ProjectAttachmentListResponse",
    "ProjectDocAttachment",
    "ProjectDocument",
    "ProjectDocumentUser",
    "ProjectFileAttachment",
    "UnknownProjectAttachment",
)


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
