from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.anthropic_version import AnthropicVersion
from ...models.error_response import ErrorResponse
from ...models.file_list_response import FileListResponse
from ...types import UNSET, Response, Unset

#: The operation of openapi.yaml this module calls: its operationId, method and path template.
OPERATION_ID = "list_files"
METHOD = "GET"
PATH = "/v1/files"


def _get_kwargs(
    *,
    beta: bool | Unset = UNSET,
    limit: int | Unset = UNSET,
    page: str | Unset = UNSET,
    ids: list[str] | Unset = UNSET,
    after_id: str | Unset = UNSET,
    before_id: str | Unset = UNSET,
    scope_id: str | Unset = UNSET,
    anthropic_version: AnthropicVersion,
    anthropic_beta: str | Unset = UNSET,
    anthropic_workspace_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["anthropic-version"] = str(anthropic_version)

    if not isinstance(anthropic_beta, Unset):
        headers["anthropic-beta"] = anthropic_beta

    if not isinstance(anthropic_workspace_id, Unset):
        headers["anthropic-workspace-id"] = anthropic_workspace_id

    params: dict[str, Any] = {}

    params["beta"] = beta

    params["limit"] = limit

    params["page"] = page

    json_ids: list[str] | Unset = UNSET
    if not isinstance(ids, Unset):
        json_ids = ids

    params["ids[]"] = json_ids

    params["after_id"] = after_id

    params["before_id"] = before_id

    params["scope_id"] = scope_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/files",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | FileListResponse | None:
    if response.status_code == 200:
        response_200 = FileListResponse.from_dict(response.json())

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
) -> Response[ErrorResponse | FileListResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    beta: bool | Unset = UNSET,
    limit: int | Unset = UNSET,
    page: str | Unset = UNSET,
    ids: list[str] | Unset = UNSET,
    after_id: str | Unset = UNSET,
    before_id: str | Unset = UNSET,
    scope_id: str | Unset = UNSET,
    anthropic_version: AnthropicVersion,
    anthropic_beta: str | Unset = UNSET,
    anthropic_workspace_id: str | Unset = UNSET,
) -> Response[ErrorResponse | FileListResponse]:
    """List files

     Lists files, newest first. Two paging shapes are served at once:

    * today's: pass the previous response's `next_page` as `page`; `next_page` is
      null on the last page;
    * the beta's: pass `after_id` (the page right after that object) or `before_id`
      (the page right before it) and read `has_more`, `first_id`, `last_id`.

    `ids` restricts the result to those files and always gives one page; it cannot
    be combined with `page` or `limit`.

    Args:
        beta (bool | Unset):
        limit (int | Unset):
        page (str | Unset):
        ids (list[str] | Unset):
        after_id (str | Unset):
        before_id (str | Unset):
        scope_id (str | Unset):
        anthropic_version (AnthropicVersion): An API version both shapes of these endpoints are
            described for.
        anthropic_beta (str | Unset):
        anthropic_workspace_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | FileListResponse]
    """

    kwargs = _get_kwargs(
        beta=beta,
        limit=limit,
        page=page,
        ids=ids,
        after_id=after_id,
        before_id=before_id,
        scope_id=scope_id,
        anthropic_version=anthropic_version,
        anthropic_beta=anthropic_beta,
        anthropic_workspace_id=anthropic_workspace_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    beta: bool | Unset = UNSET,
    limit: int | Unset = UNSET,
    page: str | Unset = UNSET,
    ids: list[str] | Unset = UNSET,
    after_id: str | Unset = UNSET,
    before_id: str | Unset = UNSET,
    scope_id: str | Unset = UNSET,
    anthropic_version: AnthropicVersion,
    anthropic_beta: str | Unset = UNSET,
    anthropic_workspace_id: str | Unset = UNSET,
) -> ErrorResponse | FileListResponse | None:
    """List files

     Lists files, newest first. Two paging shapes are served at once:

    * today's: pass the previous response's `next_page` as `page`; `next_page` is
      null on the last page;
    * the beta's: pass `after_id` (the page right after that object) or `before_id`
      (the page right before it) and read `has_more`, `first_id`, `last_id`.

    `ids` restricts the result to those files and always gives one page; it cannot
    be combined with `page` or `limit`.

    Args:
        beta (bool | Unset):
        limit (int | Unset):
        page (str | Unset):
        ids (list[str] | Unset):
        after_id (str | Unset):
        before_id (str | Unset):
        scope_id (str | Unset):
        anthropic_version (AnthropicVersion): An API version both shapes of these endpoints are
            described for.
        anthropic_beta (str | Unset):
        anthropic_workspace_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | FileListResponse
    """

    return sync_detailed(
        client=client,
        beta=beta,
        limit=limit,
        page=page,
        ids=ids,
        after_id=after_id,
        before_id=before_id,
        scope_id=scope_id,
        anthropic_version=anthropic_version,
        anthropic_beta=anthropic_beta,
        anthropic_workspace_id=anthropic_workspace_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    beta: bool | Unset = UNSET,
    limit: int | Unset = UNSET,
    page: str | Unset = UNSET,
    ids: list[str] | Unset = UNSET,
    after_id: str | Unset = UNSET,
    before_id: str | Unset = UNSET,
    scope_id: str | Unset = UNSET,
    anthropic_version: AnthropicVersion,
    anthropic_beta: str | Unset = UNSET,
    anthropic_workspace_id: str | Unset = UNSET,
) -> Response[ErrorResponse | FileListResponse]:
    """List files

     Lists files, newest first. Two paging shapes are served at once:

    * today's: pass the previous response's `next_page` as `page`; `next_page` is
      null on the last page;
    * the beta's: pass `after_id` (the page right after that object) or `before_id`
      (the page right before it) and read `has_more`, `first_id`, `last_id`.

    `ids` restricts the result to those files and always gives one page; it cannot
    be combined with `page` or `limit`.

    Args:
        beta (bool | Unset):
        limit (int | Unset):
        page (str | Unset):
        ids (list[str] | Unset):
        after_id (str | Unset):
        before_id (str | Unset):
        scope_id (str | Unset):
        anthropic_version (AnthropicVersion): An API version both shapes of these endpoints are
            described for.
        anthropic_beta (str | Unset):
        anthropic_workspace_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | FileListResponse]
    """

    kwargs = _get_kwargs(
        beta=beta,
        limit=limit,
        page=page,
        ids=ids,
        after_id=after_id,
        before_id=before_id,
        scope_id=scope_id,
        anthropic_version=anthropic_version,
        anthropic_beta=anthropic_beta,
        anthropic_workspace_id=anthropic_workspace_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    beta: bool | Unset = UNSET,
    limit: int | Unset = UNSET,
    page: str | Unset = UNSET,
    ids: list[str] | Unset = UNSET,
    after_id: str | Unset = UNSET,
    before_id: str | Unset = UNSET,
    scope_id: str | Unset = UNSET,
    anthropic_version: AnthropicVersion,
    anthropic_beta: str | Unset = UNSET,
    anthropic_workspace_id: str | Unset = UNSET,
) -> ErrorResponse | FileListResponse | None:
    """List files

     Lists files, newest first. Two paging shapes are served at once:

    * today's: pass the previous response's `next_page` as `page`; `next_page` is
      null on the last page;
    * the beta's: pass `after_id` (the page right after that object) or `before_id`
      (the page right before it) and read `has_more`, `first_id`, `last_id`.

    `ids` restricts the result to those files and always gives one page; it cannot
    be combined with `page` or `limit`.

    Args:
        beta (bool | Unset):
        limit (int | Unset):
        page (str | Unset):
        ids (list[str] | Unset):
        after_id (str | Unset):
        before_id (str | Unset):
        scope_id (str | Unset):
        anthropic_version (AnthropicVersion): An API version both shapes of these endpoints are
            described for.
        anthropic_beta (str | Unset):
        anthropic_workspace_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | FileListResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            beta=beta,
            limit=limit,
            page=page,
            ids=ids,
            after_id=after_id,
            before_id=before_id,
            scope_id=scope_id,
            anthropic_version=anthropic_version,
            anthropic_beta=anthropic_beta,
            anthropic_workspace_id=anthropic_workspace_id,
        )
    ).parsed
