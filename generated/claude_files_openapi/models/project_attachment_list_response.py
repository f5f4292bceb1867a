from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.project_doc_attachment import ProjectDocAttachment
    from ..models.project_file_attachment import ProjectFileAttachment
    from ..models.unknown_project_attachment import UnknownProjectAttachment


T = TypeVar("T", bound="ProjectAttachmentListResponse")


@_attrs_define
class ProjectAttachmentListResponse:
    """One page of a project's attachments."""

    data: list[ProjectDocAttachment | ProjectFileAttachment | UnknownProjectAttachment]
    has_more: bool | Unset = UNSET
    """ Whether `next_page` is set. """
    next_page: None | str | Unset = UNSET
    """ Token for the next page (pass as `page`); null or absent on the last page. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.project_doc_attachment import ProjectDocAttachment  # noqa: PLC0415
        from ..models.project_file_attachment import ProjectFileAttachment  # noqa: PLC0415

        data = []
        for data_item_data in self.data:
            data_item: dict[str, Any]
            if isinstance(data_item_data, ProjectFileAttachment):
                data_item = data_item_data.to_dict()
            elif isinstance(data_item_data, ProjectDocAttachment):
                data_item = data_item_data.to_dict()
            else:
                data_item = data_item_data.to_dict()

            data.append(data_item)

        has_more = self.has_more

        next_page: None | str | Unset
        if isinstance(self.next_page, Unset):
            next_page = UNSET
        else:
            next_page = self.next_page

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
            }
        )
        if has_more is not UNSET:
            field_dict["has_more"] = has_more
        if next_page is not UNSET:
            field_dict["next_page"] = next_page

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.project_doc_attachment import ProjectDocAttachment  # noqa: PLC0415
        from ..models.project_file_attachment import ProjectFileAttachment  # noqa: PLC0415
        from ..models.unknown_project_attachment import UnknownProjectAttachment  # noqa: PLC0415

        d = dict(src_dict)
        data = []
        _data = d.pop("data")
        for data_item_data in _data:

            def _parse_data_item(
                data: object,
            ) -> (
                ProjectDocAttachment | ProjectFileAttachment | UnknownProjectAttachment
            ):
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_project_attachment_type_0 = (
                        ProjectFileAttachment.from_dict(data)
                    )

                    return componentsschemas_project_attachment_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_project_attachment_type_1 = (
                        ProjectDocAttachment.from_dict(data)
                    )

                    return componentsschemas_project_attachment_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_project_attachment_type_2 = (
                    UnknownProjectAttachment.from_dict(data)
                )

                return componentsschemas_project_attachment_type_2

            data_item = _parse_data_item(data_item_data)

            data.append(data_item)

        has_more = d.pop("has_more", UNSET)

        def _parse_next_page(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        next_page = _parse_next_page(d.pop("next_page", UNSET))

        project_attachment_list_response = cls(
            data=data,
            has_more=has_more,
            next_page=next_page,
        )

        project_attachment_list_response.additional_properties = d
        return project_attachment_list_response

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
