"""Contains all the data models used in inputs/outputs"""

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
