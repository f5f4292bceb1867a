from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_details import ErrorDetails


T = TypeVar("T", bound="ErrorObject")


@_attrs_define
class ErrorObject:
    type_: str
    """ The broad category, an open set: `invalid_request_error`,
    `authentication_error`, `billing_error`, `permission_error`,
    `not_found_error`, `conflict_error`, `request_too_large`, `rate_limit_error`,
    `timeout_error`, `api_error`, `overloaded_error`, and more over time. The
    Compliance API (revision J) sends `internal_error` with a 500 where the Files
    API sends `api_error`; a client treats the two alike (the status decides).
    A 409 `conflict_error` is retried (the Files API lists it as transient)
    unless its message says a resource "cannot be deleted": revision J's 409 (a
    project that still holds chats) is a state only the caller can change.
     """
    message: str
    """ A human-readable explanation. Its wording can change; do not match on it. """
    details: ErrorDetails | Unset = UNSET
    """ Refines the error where one status and type cover several causes. The codes
    the file endpoints document: `file_not_downloadable` (400),
    `file_expired` (404), `storage_quota_exceeded` (400, upload),
    `organization_on_hold` (400, with `appeal_url`), `cmek_key_disabled` (400),
    `cmek_key_network_blocked` (400), `claude_code_key_creator_not_member` (400: the
    key belongs to a Claude Code workspace whose creator is no longer a member),
    `ramp_limit_exceeded` (429). Codes may be added; treat an unknown one as the
    bare `error.type`.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        message = self.message

        details: dict[str, Any] | Unset = UNSET
        if not isinstance(self.details, Unset):
            details = self.details.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "message": message,
            }
        )
        if details is not UNSET:
            field_dict["details"] = details

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.error_details import ErrorDetails  # noqa: PLC0415

        d = dict(src_dict)
        type_ = d.pop("type")

        message = d.pop("message")

        _details = d.pop("details", UNSET)
        details: ErrorDetails | Unset
        if isinstance(_details, Unset):
            details = UNSET
        else:
            details = ErrorDetails.from_dict(_details)

        error_object = cls(
            type_=type_,
            message=message,
            details=details,
        )

        error_object.additional_properties = d
        return error_object

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
