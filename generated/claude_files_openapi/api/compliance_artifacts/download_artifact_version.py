from http import HTTPStatus
from io import BytesIO
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...types import UNSET, File, Response, Unset

#: The operation of openapi.yaml this module calls: its operationId, method and path template.
OPERATION_ID = "download_artifact_version"
METHOD = "GET"
PATH = "/v1/compliance/apps/artifacts/{artifact_version_id}/content"


def _get_kwargs(
    artifact_version_id: str,
    *,
    anthropic_version: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(anthropic_version, Unset):
        headers["anthropic-version"] = anthropic_version

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/compliance/apps/artifacts/{artifact_version_id}/content".format(
            artifact_version_id=quote(str(artifact_version_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | File | None:
    if response.status_code == 200:
        response_200 = File(payload=BytesIO(response.content))

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
) -> Response[ErrorResponse | File]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    artifact_version_id: str,
    *,
    client: AuthenticatedClient | Client,
    anthropic_version: str | Unset = UNSET,
) -> Response[ErrorResponse | File]:
    """Download an artifact version's content

     The full text of one artifact version. Artifacts cannot be deleted.

    Args:
        artifact_version_id (str):
        anthropic_version (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | File]
    """

    kwargs = _get_kwargs(
        artifact_version_id=artifact_version_id,
        anthropic_version=anthropic_version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    artifact_version_id: str,
    *,
    client: AuthenticatedClient | Client,
    anthropic_version: str | Unset = UNSET,
) -> ErrorResponse | File | None:
    """Download an artifact version's content

     The full text of one artifact version. Artifacts cannot be deleted.

    Args:
        artifact_version_id (str):
        anthropic_version (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | File
    """

    return sync_detailed(
        artifact_version_id=artifact_version_id,
        client=client,
        anthropic_version=anthropic_version,
    ).parsed


async def asyncio_detailed(
    artifact_version_id: str,
    *,
    client: AuthenticatedClient | Client,
    anthropic_version: str | Unset = UNSET,
) -> Response[ErrorResponse | File]:
    """Download an artifact version's content

     The full text of one artifact version. Artifacts cannot be deleted.

    Args:
        artifact_version_id (str):
        anthropic_version (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | File]
    """

    kwargs = _get_kwargs(
        artifact_version_id=artifact_version_id,
        anthropic_version=anthropic_version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    artifact_version_id: str,
    *,
    client: AuthenticatedClient | Client,
    anthropic_version: str | Unset = UNSET,
) -> ErrorResponse | File | None:
    """Download an artifact version's content

     The full text of one artifact version. Artifacts cannot be deleted.

    Args:
        artifact_version_id (str):
        anthropic_version (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | File
    """

    return (
        await asyncio_detailed(
            artifact_version_id=artifact_version_id,
            client=client,
            anthropic_version=anthropic_version,
        )
    ).parsed
