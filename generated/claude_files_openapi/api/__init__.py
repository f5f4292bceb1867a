"""Contains methods for accessing the API"""

#: Every operation of openapi.yaml: (operationId, method, path template), by tag; each is
#: also its endpoint module's OPERATION_ID, METHOD and PATH.
OPERATIONS: tuple[tuple[str, str, str], ...] = (
    ("list_files", "GET", "/v1/files"),
    ("upload_file", "POST", "/v1/files"),
    ("get_file_metadata", "GET", "/v1/files/{file_id}"),
    ("delete_file", "DELETE", "/v1/files/{file_id}"),
    ("download_file", "GET", "/v1/files/{file_id}/content"),
    ("get_chat_file", "GET", "/v1/compliance/apps/chats/files/{claude_file_id}"),
    ("delete_chat_file", "DELETE", "/v1/compliance/apps/chats/files/{claude_file_id}"),
    (
        "download_chat_file",
        "GET",
        "/v1/compliance/apps/chats/files/{claude_file_id}/content",
    ),
    (
        "get_generated_file",
        "GET",
        "/v1/compliance/apps/chats/generated-files/{claude_gen_file_id}",
    ),
    (
        "download_generated_file",
        "GET",
        "/v1/compliance/apps/chats/generated-files/{claude_gen_file_id}/content",
    ),
    (
        "download_artifact_version",
        "GET",
        "/v1/compliance/apps/artifacts/{artifact_version_id}/content",
    ),
    ("list_code_artifacts", "GET", "/v1/compliance/apps/code/artifacts"),
    (
        "delete_code_artifact",
        "DELETE",
        "/v1/compliance/apps/code/artifacts/{artifact_id}",
    ),
    (
        "get_code_artifact_version",
        "GET",
        "/v1/compliance/apps/code/artifacts/{artifact_id}/versions/{version_id}",
    ),
    (
        "download_code_artifact",
        "GET",
        "/v1/compliance/apps/code/artifacts/{artifact_id}/content",
    ),
    (
        "list_project_attachments",
        "GET",
        "/v1/compliance/apps/projects/{project_id}/attachments",
    ),
    (
        "get_project_document",
        "GET",
        "/v1/compliance/apps/projects/documents/{document_id}",
    ),
    (
        "delete_project_document",
        "DELETE",
        "/v1/compliance/apps/projects/documents/{document_id}",
    ),
)
