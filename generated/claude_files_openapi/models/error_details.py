from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ErrorDetails")


@_attrs_define
class ErrorDetails:
    """Refines the error where one status and type cover several causes. The codes
    the file endpoints document: `file_not_downloadable` (400),
    `file_expired` (404), `storage_quota_exceeded` (400, upload),
    `organization_on_hold` (400, with `appeal_url`), `cmek_key_disabled` (400),
    `cmek_key_network_blocked` (400), `claude_code_key_creator_not_member` (400: the
    key belongs to a Claude Code workspace whose creator is no longer a member),
    `ramp_limit_exceeded` (429). Codes may be added; treat an unknown one as the
    bare `error.type`.

    """

    error_code: str
    """ Names the cause. An open set. """
    appeal_url: None | str | Unset = UNSET
    """ With `organization_on_hold`, where the organization can appeal. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error_code = self.error_code

        appeal_url: None | str | Unset
        if isinstance(self.appeal_url, Unset):
            appeal_url = UNSET
        else:
            appeal_url = self.appeal_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "error_code": error_code,
            }
        )
        if appeal_url is not UNSET:
            field_dict["appeal_url"] = appeal_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        error_code = d.pop("error_code")

        def _parse_appeal_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        appeal_url = _parse_appeal_url(d.pop("appeal_url", UNSET))

        error_details = cls(
            error_code=error_code,
            appeal_url=appeal_url,
        )

        error_details.additional_properties = d
        return error_details

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
