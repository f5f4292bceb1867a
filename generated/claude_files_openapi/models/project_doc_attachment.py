from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ProjectDocAttachment")


@_attrs_define
class ProjectDocAttachment:
    """A document of a project (`claude_proj_doc_…`); its text comes from the document endpoint."""

    type_: Literal["project_doc"]
    """ Always `project_doc`. """
    id: str
    """ The document's id (`claude_proj_doc_…`). """
    created_at: datetime.datetime
    """ RFC 3339 creation timestamp. """
    filename: str
    """ The document's name. """
    mime_type: str
    """ `text/plain` in revision J. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        id = self.id

        created_at = self.created_at.isoformat()

        filename = self.filename

        mime_type = self.mime_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "id": id,
                "created_at": created_at,
                "filename": filename,
                "mime_type": mime_type,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["project_doc"], d.pop("type"))
        if type_ != "project_doc":
            raise ValueError(f"type must match const 'project_doc', got '{type_}'")

        id = d.pop("id")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        filename = d.pop("filename")

        mime_type = d.pop("mime_type")

        project_doc_attachment = cls(
            type_=type_,
            id=id,
            created_at=created_at,
            filename=filename,
            mime_type=mime_type,
        )

        project_doc_attachment.additional_properties = d
        return project_doc_attachment

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
