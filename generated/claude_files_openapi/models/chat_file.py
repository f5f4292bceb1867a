from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ChatFile")


@_attrs_define
class ChatFile:
    """A file a user attached to a chat."""

    id: str
    """ Tagged file id (`claude_file_…`). """
    created_at: datetime.datetime
    """ RFC 3339 creation timestamp. """
    filename: None | str
    """ Display name, or null when the upload had no filename. """
    mime_type: None | str
    """ MIME type of the downloadable variant; null for files with no downloadable content. """
    size_bytes: int | None
    """ Size of the downloadable variant in bytes, when known. """
    message_ids: list[str]
    """ Chat message ids that reference this file. One file can be attached to several messages. """
    claude_chat_ids: list[str] | Unset = UNSET
    """ Chats whose messages reference this file. """
    md5: None | str | Unset = UNSET
    """ Lowercase hex MD5 of the stored file; null when none is recorded. The download's `Content-MD5` is
    authoritative. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        created_at = self.created_at.isoformat()

        filename: None | str
        filename = self.filename

        mime_type: None | str
        mime_type = self.mime_type

        size_bytes: int | None
        size_bytes = self.size_bytes

        message_ids = self.message_ids

        claude_chat_ids: list[str] | Unset = UNSET
        if not isinstance(self.claude_chat_ids, Unset):
            claude_chat_ids = self.claude_chat_ids

        md5: None | str | Unset
        if isinstance(self.md5, Unset):
            md5 = UNSET
        else:
            md5 = self.md5

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "created_at": created_at,
                "filename": filename,
                "mime_type": mime_type,
                "size_bytes": size_bytes,
                "message_ids": message_ids,
            }
        )
        if claude_chat_ids is not UNSET:
            field_dict["claude_chat_ids"] = claude_chat_ids
        if md5 is not UNSET:
            field_dict["md5"] = md5

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
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

        def _parse_size_bytes(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        size_bytes = _parse_size_bytes(d.pop("size_bytes"))

        message_ids = cast(list[str], d.pop("message_ids"))

        claude_chat_ids = cast(list[str], d.pop("claude_chat_ids", UNSET))

        def _parse_md5(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        md5 = _parse_md5(d.pop("md5", UNSET))

        chat_file = cls(
            id=id,
            created_at=created_at,
            filename=filename,
            mime_type=mime_type,
            size_bytes=size_bytes,
            message_ids=message_ids,
            claude_chat_ids=claude_chat_ids,
            md5=md5,
        )

        chat_file.additional_properties = d
        return chat_file

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
