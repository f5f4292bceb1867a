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

T = TypeVar("T", bound="DeletedProjectDocument")


@_attrs_define
class DeletedProjectDocument:
    """The confirmation of a project document's deletion."""

    id: str
    """ The deleted document's id. """
    type_: Literal["claude_project_document_deleted"] | Unset = UNSET
    """ Always `claude_project_document_deleted`. """
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

        type_ = cast(
            Literal["claude_project_document_deleted"] | Unset, d.pop("type", UNSET)
        )
        if type_ != "claude_project_document_deleted" and not isinstance(type_, Unset):
            raise ValueError(
                f"type must match const 'claude_project_document_deleted', got '{type_}'"
            )

        deleted_project_document = cls(
            id=id,
            type_=type_,
        )

        deleted_project_document.additional_properties = d
        return deleted_project_document

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
