from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.project_document_user import ProjectDocumentUser


T = TypeVar("T", bound="ProjectDocument")


@_attrs_define
class ProjectDocument:
    """A project document, with its text (`ComplianceProjectDocument` in revision J)."""

    id: str
    """ The document's id (`claude_proj_doc_…`). """
    filename: str
    """ The document's name. """
    content: str
    """ The document's full text. """
    created_at: datetime.datetime
    """ RFC 3339 creation timestamp. """
    user: None | ProjectDocumentUser | Unset = UNSET
    """ Who created it; null when that account was deleted. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.project_document_user import ProjectDocumentUser  # noqa: PLC0415

        id = self.id

        filename = self.filename

        content = self.content

        created_at = self.created_at.isoformat()

        user: dict[str, Any] | None | Unset
        if isinstance(self.user, Unset):
            user = UNSET
        elif isinstance(self.user, ProjectDocumentUser):
            user = self.user.to_dict()
        else:
            user = self.user

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "filename": filename,
                "content": content,
                "created_at": created_at,
            }
        )
        if user is not UNSET:
            field_dict["user"] = user

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.project_document_user import ProjectDocumentUser  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        filename = d.pop("filename")

        content = d.pop("content")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_user(data: object) -> None | ProjectDocumentUser | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                user_type_0 = ProjectDocumentUser.from_dict(data)

                return user_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ProjectDocumentUser | Unset, data)

        user = _parse_user(d.pop("user", UNSET))

        project_document = cls(
            id=id,
            filename=filename,
            content=content,
            created_at=created_at,
            user=user,
        )

        project_document.additional_properties = d
        return project_document

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
