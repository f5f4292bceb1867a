from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="DeletedChatFile")


@_attrs_define
class DeletedChatFile:
    """The confirmation of a chat file's deletion (also of a project file's, which is
    a chat file). Revision J of the Compliance API reference (April 2026) documents
    `{"id", "type": "claude_file_deleted"}` (`ComplianceFileDeleteResponse`). Seed
    002 documents no body at all: its `delete` returns None and "the server's
    confirmation payload is discarded". So `type` is optional, and when sent it is
    `claude_file_deleted`: a body with only the id still parses, and one that sends
    another type is not this operation's answer.

    """

    id: str
    """ The deleted file's id. """
    type_: Literal["claude_file_deleted"] | Unset = UNSET
    """ Always `claude_file_deleted` where sent (revision J); the seeds show no body. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        type_ = cast(Literal["claude_file_deleted"] | Unset, d.pop("type", UNSET))
        if type_ != "claude_file_deleted" and not isinstance(type_, Unset):
            raise ValueError(
                f"type must match const 'claude_file_deleted', got '{type_}'"
            )

        deleted_chat_file = cls(
            id=id,
            type_=type_,
        )

        deleted_chat_file.additional_properties = d
        return deleted_chat_file

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
