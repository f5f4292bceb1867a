from __future__ import annotations

from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    Literal,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_object import ErrorObject


T = TypeVar("T", bound="ErrorResponse")


@_attrs_define
class ErrorResponse:
    """The error body every endpoint sends with a 4xx or 5xx status, in one of two
    envelopes that this one schema describes:

    - the Files API's `{"type": "error", "error": {...}, "request_id": "req_..."}`;
    - the Compliance API's bare `{"error": {"type": "...", "message": "..."}}`
      (revision J of its reference, April 2026: every example has no top-level
      `type` and no `request_id`; the `request-id` header carries the id).

    So only `error` is required: the references disagree on the rest, and one
    schema with optional `type` and `request_id` (rather than a `oneOf`) keeps the
    generated model a single class that parses both. Where both give an id, the
    `request-id` header wins.

    """

    error: ErrorObject
    type_: Literal["error"] | Unset = UNSET
    """ Always `error` where sent (the Files API); absent in the Compliance API's bodies. """
    request_id: None | str | Unset = UNSET
    """ The request's id, as in the `request-id` header (absent in the Compliance API's bodies). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error = self.error.to_dict()

        type_ = self.type_

        request_id: None | str | Unset
        if isinstance(self.request_id, Unset):
            request_id = UNSET
        else:
            request_id = self.request_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "error": error,
            }
        )
        if type_ is not UNSET:
            field_dict["type"] = type_
        if request_id is not UNSET:
            field_dict["request_id"] = request_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.error_object import ErrorObject  # noqa: PLC0415

        d = dict(src_dict)
        error = ErrorObject.from_dict(d.pop("error"))

        type_ = cast(Literal["error"] | Unset, d.pop("type", UNSET))
        if type_ != "error" and not isinstance(type_, Unset):
            raise ValueError(f"type must match const 'error', got '{type_}'")

        def _parse_request_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        request_id = _parse_request_id(d.pop("request_id", UNSET))

        error_response = cls(
            error=error,
            type_=type_,
            request_id=request_id,
        )

        error_response.additional_properties = d
        return error_response

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
