import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.code_artifact_list_response import CodeArtifactListResponse
from ...models.error_response import ErrorResponse
from ...types import UNSET, Response, Unset

#: The operation of openapi.yaml this module calls: its operationId, method and path template.
OPERATION_ID = "list_code_artifacts"
METHOD = "GET"
PATH = "/v1/compliance/apps/code/artifacts"


def _get_kwargs(
    *,
    limit: int | Unset = UNSET,
    page: str | Unset = UNSET,
    organization_ids: list[str] | Unset = UNSET,
    user_ids: list[str] | Unset = UNSET,
    updated_at_gt: datetime.datetime | Unset = UNSET,
    updated_at_gte: datetime.datetime | Unset = UNSET,
    updated_at_lt: datetime.datetime | Unset = UNSET,
    updated_at_lte: datetime.datetime | Unset = UNSET,
    anthropic_version: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(anthropic_version, Unset):
        headers["anthropic-version"] = anthropic_version

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["page"] = page

    json_organization_ids: list[str] | Unset = UNSET
    if not isinstance(organization_ids, Unset):
        json_organization_ids = organization_ids

    params["organization_ids[]"] = json_organization_ids

    json_user_ids: list[str] | Unset = UNSET
    if not isinstance(user_ids, Unset):
        json_user_ids = user_ids

    params["user_ids[]"] = json_user_ids

    json_updated_at_gt: str | Unset = UNSET
    if not isinstance(updated_at_gt, Unset):
        json_updated_at_gt = updated_at_gt.isoformat()
    params["updated_at.gt"] = json_updated_at_gt

    json_updated_at_gte: str | Unset = UNSET
    if not isinstance(updated_at_gte, Unset):
        json_updated_at_gte = updated_at_gte.isoformat()
    params["updated_at.gte"] = json_updated_at_gte

    json_updated_at_lt: str | Unset = UNSET
    if not isinstance(updated_at_lt, Unset):
        json_updated_at_lt = updated_at_lt.isoformat()
    params["updated_at.lt"] = json_updated_at_lt

    json_updated_at_lte: str | Unset = UNSET
    if not isinstance(updated_at_lte, Unset):
        json_updated_at_lte = updated_at_lte.isoformat()
    params["updated_at.lte"] = json_updated_at_lte

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/compliance/apps/code/artifacts",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CodeArtifactListResponse | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = CodeArtifactListResponse.from_dict(response.json())

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
) -> Response[CodeArtifactListResponse | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,
    page: str | Unset = UNSET,
    organization_ids: list[str] | Unset = UNSET,
    user_ids: list[str] | Unset = UNSET,
    updated_at_gt: datetime.datetime | Unset = UNSET,
    updated_at_gte: datetime.datetime | Unset = UNSET,
    updated_at_lt: datetime.datetime | Unset = UNSET,
    updated_at_lte: datetime.datetime | Unset = UNSET,
    anthropic_version: str | Unset = UNSET,
) -> Response[CodeArtifactListResponse | ErrorResponse]:
    """List Claude Code artifacts

     Lists the Claude Code artifacts of the organizations under the parent
    organization, sorted by artifact id (not creation time) within each batch of
    child organizations. Pass the previous response's `next_page` as `page`. Pages
    may be short or empty while `next_page` is still set: continue until it is
    null or absent. An artifact published during an export may land before the
    cursor; for a point-in-time-complete export, list again once publishing has
    quiesced. Artifacts owned by a since-deleted child organization are not listed.

    The `updated_at.*` filters match an eventually-consistent index, and artifacts
    published before `updated_at` was recorded never match them: omit them for a
    complete enumeration.

    Args:
        limit (int | Unset):
        page (str | Unset):
        organization_ids (list[str] | Unset):
        user_ids (list[str] | Unset):
        updated_at_gt (datetime.datetime | Unset):
        updated_at_gte (datetime.datetime | Unset):
        updated_at_lt (datetime.datetime | Unset):
        updated_at_lte (datetime.datetime | Unset):
        anthropic_version (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CodeArtifactListResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        limit=limit,
        page=page,
        organization_ids=organization_ids,
        user_ids=user_ids,
        updated_at_gt=updated_at_gt,
        updated_at_gte=updated_at_gte,
        updated_at_lt=updated_at_lt,
        updated_at_lte=updated_at_lte,
        anthropic_version=anthropic_version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,
    page: str | Unset = UNSET,
    organization_ids: list[str] | Unset = UNSET,
    user_ids: list[str] | Unset = UNSET,
    updated_at_gt: datetime.datetime | Unset = UNSET,
    updated_at_gte: datetime.datetime | Unset = UNSET,
    updated_at_lt: datetime.datetime | Unset = UNSET,
    updated_at_lte: datetime.datetime | Unset = UNSET,
    anthropic_version: str | Unset = UNSET,
) -> CodeArtifactListResponse | ErrorResponse | None:
    """List Claude Code artifacts

     Lists the Claude Code artifacts of the organizations under the parent
    organization, sorted by artifact id (not creation time) within each batch of
    child organizations. Pass the previous response's `next_page` as `page`. Pages
    may be short or empty while `next_page` is still set: continue until it is
    null or absent. An artifact published during an export may land before the
    cursor; for a point-in-time-complete export, list again once publishing has
    quiesced. Artifacts owned by a since-deleted child organization are not listed.

    The `updated_at.*` filters match an eventually-consistent index, and artifacts
    published before `updated_at` was recorded never match them: omit them for a
    complete enumeration.

    Args:
        limit (int | Unset):
        page (str | Unset):
        organization_ids (list[str] | Unset):
        user_ids (list[str] | Unset):
        updated_at_gt (datetime.datetime | Unset):
        updated_at_gte (datetime.datetime | Unset):
        updated_at_lt (datetime.datetime | Unset):
        updated_at_lte (datetime.datetime | Unset):
        anthropic_version (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CodeArtifactListResponse | ErrorResponse
    """

    return sync_detailed(
        client=client,
        limit=limit,
        page=page,
        organization_ids=organization_ids,
        user_ids=user_ids,
        updated_at_gt=updated_at_gt,
        updated_at_gte=updated_at_gte,
        updated_at_lt=updated_at_lt,
        updated_at_lte=updated_at_lte,
        anthropic_version=anthropic_version,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,
    page: str | Unset = UNSET,
    organization_ids: list[str] | Unset = UNSET,
    user_ids: list[str] | Unset = UNSET,
    updated_at_gt: datetime.datetime | Unset = UNSET,
    updated_at_gte: datetime.datetime | Unset = UNSET,
    updated_at_lt: datetime.datetime | Unset = UNSET,
    updated_at_lte: datetime.datetime | Unset = UNSET,
    anthropic_version: str | Unset = UNSET,
) -> Response[CodeArtifactListResponse | ErrorResponse]:
    """List Claude Code artifacts

     Lists the Claude Code artifacts of the organizations under the parent
    organization, sorted by artifact id (not creation time) within each batch of
    child organizations. Pass the previous response's `next_page` as `page`. Pages
    may be short or empty while `next_page` is still set: continue until it is
    null or absent. An artifact published during an export may land before the
    cursor; for a point-in-time-complete export, list again once publishing has
    quiesced. Artifacts owned by a since-deleted child organization are not listed.

    The `updated_at.*` filters match an eventually-consistent index, and artifacts
    published before `updated_at` was recorded never match them: omit them for a
    complete enumeration.

    Args:
        limit (int | Unset):
        page (str | Unset):
        organization_ids (list[str] | Unset):
        user_ids (list[str] | Unset):
        updated_at_gt (datetime.datetime | Unset):
        updated_at_gte (datetime.datetime | Unset):
        updated_at_lt (datetime.datetime | Unset):
        updated_at_lte (datetime.datetime | Unset):
        anthropic_version (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CodeArtifactListResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        limit=limit,
        page=page,
        organization_ids=organization_ids,
        user_ids=user_ids,
        updated_at_gt=updated_at_gt,
        updated_at_gte=updated_at_gte,
        updated_at_lt=updated_at_lt,
        updated_at_lte=updated_at_lte,
        anthropic_version=anthropic_version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,
    page: str | Unset = UNSET,
    organization_ids: list[str] | Unset = UNSET,
    user_ids: list[str] | Unset = UNSET,
    updated_at_gt: datetime.datetime | Unset = UNSET,
    updated_at_gte: datetime.datetime | Unset = UNSET,
    updated_at_lt: datetime.datetime | Unset = UNSET,
    updated_at_lte: datetime.datetime | Unset = UNSET,
    anthropic_version: str | Unset = UNSET,
) -> CodeArtifactListResponse | ErrorResponse | None:
    """List Claude Code artifacts

     Lists the Claude Code artifacts of the organizations under the parent
    organization, sorted by artifact id (not creation time) within each batch of
    child organizations. Pass the previous response's `next_page` as `page`. Pages
    may be short or empty while `next_page` is still set: continue until it is
    null or absent. An artifact published during an export may land before the
    cursor; for a point-in-time-complete export, list again once publishing has
    quiesced. Artifacts owned by a since-deleted child organization are not listed.

    The `updated_at.*` filters match an eventually-consistent index, and artifacts
    published before `updated_at` was recorded never match them: omit them for a
    complete enumeration.

    Args:
        limit (int | Unset):
        page (str | Unset):
        organization_ids (list[str] | Unset):
        user_ids (list[str] | Unset):
        updated_at_gt (datetime.datetime | Unset):
        updated_at_gte (datetime.datetime | Unset):
        updated_at_lt (datetime.datetime | Unset):
        updated_at_lte (datetime.datetime | Unset):
        anthropic_version (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CodeArtifactListResponse | ErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            page=page,
            organization_ids=organization_ids,
            user_ids=user_ids,
            updated_at_gt=updated_at_gt,
            updated_at_gte=updated_at_gte,
            updated_at_lt=updated_at_lt,
            updated_at_lte=updated_at_lte,
            anthropic_version=anthropic_version,
        )
    ).parsed
