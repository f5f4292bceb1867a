from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.project_attachment_list_response import ProjectAttachmentListResponse
from ...types import UNSET, Response, Unset

#: The operation of openapi.yaml this module calls: its operationId, method and path template.
OPERATION_ID = "list_project_attachments"
METHOD = "GET"
PATH = "/v1/compliance/apps/projects/{project_id}/attachments"


def _get_kwargs(
    project_id: str,
    *,
    limit: int | Unset = UNSET,
    page: str | Unset = UNSET,
    anthropic_version: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(anthropic_version, Unset):
        headers["anthropic-version"] = anthropic_version

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["page"] = page

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/compliance/apps/projects/{project_id}/attachments".format(
            project_id=quote(str(project_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | ProjectAttachmentListResponse | None:
    if response.status_code == 200:
        response_200 = ProjectAttachmentListResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 402:
        response_402 = ErrorResponse.from_dict(response.json())

        return response_402

    if response.status_code == 403:
        response_403 = ErrorResponse.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 408:
        response_408 = ErrorResponse.from_dict(response.json())

        return response_408

    if response.status_code == 409:
        response_409 = ErrorResponse.from_dict(response.json())

        return response_409

    if response.status_code == 412:
        response_412 = ErrorResponse.from_dict(response.json())

        return response_412

    if response.status_code == 413:
        response_413 = ErrorResponse.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = ErrorResponse.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = ErrorResponse.from_dict(response.json())

        return response_429

    if response.status_code == 431:
        response_431 = ErrorResponse.from_dict(response.json())

        return response_431

    if response.status_code == 499:
        response_499 = ErrorResponse.from_dict(response.json())

        return response_499

    if response.status_code == 500:
        response_500 = ErrorResponse.from_dict(response.json())

        return response_500

    if response.status_code == 501:
        response_501 = ErrorResponse.from_dict(response.json())

        return response_501

    if response.status_code == 503:
        response_503 = ErrorResponse.from_dict(response.json())

        return response_503

    if response.status_code == 504:
        response_504 = ErrorResponse.from_dict(response.json())

        return response_504

    if response.status_code == 529:
        response_529 = ErrorResponse.from_dict(response.json())

        return response_529

    if 400 <= response.status_code <= 499:
        response_4xx = ErrorResponse.from_dict(response.json())

        return response_4xx

    if 500 <= response.status_code <= 599:
        response_5xx = ErrorResponse.from_dict(response.json())

        return response_5xx

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | ProjectAttachmentListResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    project_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,
    page: str | Unset = UNSET,
    anthropic_version: str | Unset = UNSET,
) -> Response[ErrorResponse | ProjectAttachmentListResponse]:
    """List a project's files and documents

     The files and documents a claude.ai project holds, sorted by `created_at`, then
    by id (revision J of the Compliance API reference, April 2026). Pass the
    previous response's `next_page` as `page`; continue until it is null. Needs the
    `read:compliance_user_data` scope (401 `authentication_error` without it).

    Each item is told apart by `type`: a `project_file` is a chat file (`claude_file_…`)
    whose bytes are downloaded, and which is deleted, through the chat-files
    endpoints; a `project_doc` (`claude_proj_doc_…`) is text, read with the
    document endpoint. The set of types is open: an item of another `type` matches
    `UnknownProjectAttachment`, so a client keeps it rather than failing the page.
    `404` for an unknown project.

    Args:
        project_id (str):
        limit (int | Unset):
        page (str | Unset):
        anthropic_version (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ProjectAttachmentListResponse]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        limit=limit,
        page=page,
        anthropic_version=anthropic_version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    project_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,
    page: str | Unset = UNSET,
    anthropic_version: str | Unset = UNSET,
) -> ErrorResponse | ProjectAttachmentListResponse | None:
    """List a project's files and documents

     The files and documents a claude.ai project holds, sorted by `created_at`, then
    by id (revision J of the Compliance API reference, April 2026). Pass the
    previous response's `next_page` as `page`; continue until it is null. Needs the
    `read:compliance_user_data` scope (401 `authentication_error` without it).

    Each item is told apart by `type`: a `project_file` is a chat file (`claude_file_…`)
    whose bytes are downloaded, and which is deleted, through the chat-files
    endpoints; a `project_doc` (`claude_proj_doc_…`) is text, read with the
    document endpoint. The set of types is open: an item of another `type` matches
    `UnknownProjectAttachment`, so a client keeps it rather than failing the page.
    `404` for an unknown project.

    Args:
        project_id (str):
        limit (int | Unset):
        page (str | Unset):
        anthropic_version (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ProjectAttachmentListResponse
    """

    return sync_detailed(
        project_id=project_id,
        client=client,
        limit=limit,
        page=page,
        anthropic_version=anthropic_version,
    ).parsed


async def asyncio_detailed(
    project_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,
    page: str | Unset = UNSET,
    anthropic_version: str | Unset = UNSET,
) -> Response[ErrorResponse | ProjectAttachmentListResponse]:
    """List a project's files and documents

     The files and documents a claude.ai project holds, sorted by `created_at`, then
    by id (revision J of the Compliance API reference, April 2026). Pass the
    previous response's `next_page` as `page`; continue until it is null. Needs the
    `read:compliance_user_data` scope (401 `authentication_error` without it).

    Each item is told apart by `type`: a `project_file` is a chat file (`claude_file_…`)
    whose bytes are downloaded, and which is deleted, through the chat-files
    endpoints; a `project_doc` (`claude_proj_doc_…`) is text, read with the
    document endpoint. The set of types is open: an item of another `type` matches
    `UnknownProjectAttachment`, so a client keeps it rather than failing the page.
    `404` for an unknown project.

    Args:
        project_id (str):
        limit (int | Unset):
        page (str | Unset):
        anthropic_version (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ProjectAttachmentListResponse]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        limit=limit,
        page=page,
        anthropic_version=anthropic_version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    project_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,
    page: str | Unset = UNSET,
    anthropic_version: str | Unset = UNSET,
) -> ErrorResponse | ProjectAttachmentListResponse | None:
    """List a project's files and documents

     The files and documents a claude.ai project holds, sorted by `created_at`, then
    by id (revision J of the Compliance API reference, April 2026). Pass the
    previous response's `next_page` as `page`; continue until it is null. Needs the
    `read:compliance_user_data` scope (401 `authentication_error` without it).

    Each item is told apart by `type`: a `project_file` is a chat file (`claude_file_…`)
    whose bytes are downloaded, and which is deleted, through the chat-files
    endpoints; a `project_doc` (`claude_proj_doc_…`) is text, read with the
    document endpoint. The set of types is open: an item of another `type` matches
    `UnknownProjectAttachment`, so a client keeps it rather than failing the page.
    `404` for an unknown project.

    Args:
        project_id (str):
        limit (int | Unset):
        page (str | Unset):
        anthropic_version (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ProjectAttachmentListResponse
    """

    return (
        await asyncio_detailed(
            project_id=project_id,
            client=client,
            limit=limit,
            page=page,
            anthropic_version=anthropic_version,
        )
    ).parsed
