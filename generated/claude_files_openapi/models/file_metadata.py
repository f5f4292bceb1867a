from __future__ import annotations

import datetime
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
    from ..models.file_scope import FileScope


T = TypeVar("T", bound="FileMetadata")


@_attrs_define
class FileMetadata:
    id: str
    """ Unique object identifier. The format and length of IDs may change over time. """
    type_: Literal["file"]
    """ Object type. For files, always `file`. """
    filename: str
    """ Original filename of the uploaded file. """
    mime_type: str
    """ MIME type of the file. """
    size_bytes: int
    """ Size of the file in bytes. """
    created_at: datetime.datetime
    """ RFC 3339 datetime when the file was created. """
    downloadable: bool | Unset = UNSET
    """ Whether the file can be downloaded. Files a user uploaded cannot; files tools created can. """
    scope: FileScope | None | Unset = UNSET
    """ The scope this file was created in, when it has one. """
    expires_at: datetime.datetime | None | Unset = UNSET
    """ RFC 3339 datetime when the file expires and becomes unavailable for download; null when it does not expire.
    """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.file_scope import FileScope  # noqa: PLC0415

        id = self.id

        type_ = self.type_

        filename = self.filename

        mime_type = self.mime_type

        size_bytes = self.size_bytes

        created_at = self.created_at.isoformat()

        downloadable = self.downloadable

        scope: dict[str, Any] | None | Unset
        if isinstance(self.scope, Unset):
            scope = UNSET
        elif isinstance(self.scope, FileScope):
            scope = self.scope.to_dict()
        else:
            scope = self.scope

        expires_at: None | str | Unset
        if isinstance(self.expires_at, Unset):
            expires_at = UNSET
        elif isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "type": type_,
                "filename": filename,
                "mime_type": mime_type,
                "size_bytes": size_bytes,
                "created_at": created_at,
            }
        )
        if downloadable is not UNSET:
            field_dict["downloadable"] = downloadable
        if scope is not UNSET:
            field_dict["scope"] = scope
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.file_scope import FileScope  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        type_ = cast(Literal["file"], d.pop("type"))
        if type_ != "file":
            raise ValueError(f"type must match const 'file', got '{type_}'")

        filename = d.pop("filename")

        mime_type = d.pop("mime_type")

        size_bytes = d.pop("size_bytes")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        downloadable = d.pop("downloadable", UNSET)

        def _parse_scope(data: object) -> FileScope | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                scope_type_0 = FileScope.from_dict(data)

                return scope_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(FileScope | None | Unset, data)

        scope = _parse_scope(d.pop("scope", UNSET))

        def _parse_expires_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        expires_at = _parse_expires_at(d.pop("expires_at", UNSET))

        file_metadata = cls(
            id=id,
            type_=type_,
            filename=filename,
            mime_type=mime_type,
            size_bytes=size_bytes,
            created_at=created_at,
            downloadable=downloadable,
            scope=scope,
            expires_at=expires_at,
        )

        file_metadata.additional_properties = d
        return file_metadata

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
