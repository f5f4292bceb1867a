"""Contains all the data models used in inputs/outputs"""

from .anthropic_version import AnthropicVersion
from .chat_file import ChatFile
from .deleted_chat_file import DeletedChatFile
from .deleted_file import DeletedFile
from .error_details import ErrorDetails
from .error_object import ErrorObject
from .error_response import ErrorResponse
from .file_list_response import FileListResponse
from .file_metadata import FileMetadata
from .file_scope import FileScope
from .file_upload_body import FileUploadBody
from .generated_file import GeneratedFile

__all__ = (
    "AnthropicVersion",
    "ChatFile",
    "DeletedChatFile",
    "DeletedFile",
    "ErrorDetails",
    "ErrorObject",
    "ErrorResponse",
    "FileListResponse",
    "FileMetadata",
    "FileScope",
    "FileUploadBody",
    "GeneratedFile",
)
