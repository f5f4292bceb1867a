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

T = TypeVar("T", bound="ProjectFileAttachment")


@_attrs_define
class ProjectFileAttachment:
    """A file of a project: a chat file (`claude_file_…`), whose bytes are downloaded,
    and which is deleted, through the chat-files endpoints.

    """

    type_: Literal["project_file"]
    """ Always `project_file`. """
    id: str
    """ The chat file's id (`claude_file_…`). """
    created_at: datetime.datetime
    """ RFC 3339 creation timestamp. """
    filename: None | str
    """ Display name, or null when the upload had none (as a chat file's). """
    mime_type: None | str
    """ MIME type, or null for a file with no downloadable variant (as a chat file's). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        id = self.id

        created_at = self.created_at.isoformat()

        filename: None | str
        filename = self.filename

        mime_type: None | str
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
        type_ = cast(Literal["project_file"], d.pop("type"))
        if type_ != "project_file":
            raise ValueError(f"type must match const 'project_file', got '{type_}'")

        id = d.pop("id")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_filename(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        filename = _parse_filename(d.pop("filename"))

        def _parse_mime_type(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        mime_type = _parse_mime_type(d.pop("mime_type"))

        project_file_attachment = cls(
            type_=type_,
            id=id,
            created_at=created_at,
            filename=filename,
            mime_type=mime_type,
        )

        project_file_attachment.additional_properties = d
        return project_file_attachment

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
