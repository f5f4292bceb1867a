from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.code_artifact_user import CodeArtifactUser
    from ..models.code_artifact_version import CodeArtifactVersion


T = TypeVar("T", bound="CodeArtifact")


@_attrs_define
class CodeArtifact:
    """A site published from Claude Code. Only `id` is always present here; fields may be added."""

    id: str
    """ Tagged artifact id (`cart_…`). """
    organization_uuid: str | Unset = UNSET
    """ The organization the artifact belongs to. """
    organization_id: str | Unset = UNSET
    """ The organization's tagged id (`org_…`), where sent. """
    owner_user_id: None | str | Unset = UNSET
    """ The owner's user id; null for an artifact published by an agent session. """
    published_version_id: None | str | Unset = UNSET
    """ The version a non-owner viewer would render; null when none (a Claude Docs document). """
    read_mode: str | Unset = UNSET
    """ Who can view it, an open set (`owner`, `users`, `org`, `public` today). """
    artifact_type: str | Unset = UNSET
    """ The kind of artifact, where sent (for example `claude_docs`). An open set. """
    updated_at: datetime.datetime | None | Unset = UNSET
    """ Last update; null for artifacts published before this was recorded. """
    user: CodeArtifactUser | None | Unset = UNSET
    """ The owner; null when published by an agent, or when the owner's account is gone. """
    versions: list[CodeArtifactVersion] | Unset = UNSET
    """ Up to about the 20 most recently published versions (older ones are not retained). Metadata only. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.code_artifact_user import CodeArtifactUser  # noqa: PLC0415

        id = self.id

        organization_uuid = self.organization_uuid

        organization_id = self.organization_id

        owner_user_id: None | str | Unset
        if isinstance(self.owner_user_id, Unset):
            owner_user_id = UNSET
        else:
            owner_user_id = self.owner_user_id

        published_version_id: None | str | Unset
        if isinstance(self.published_version_id, Unset):
            published_version_id = UNSET
        else:
            published_version_id = self.published_version_id

        read_mode = self.read_mode

        artifact_type = self.artifact_type

        updated_at: None | str | Unset
        if isinstance(self.updated_at, Unset):
            updated_at = UNSET
        elif isinstance(self.updated_at, datetime.datetime):
            updated_at = self.updated_at.isoformat()
        else:
            updated_at = self.updated_at

        user: dict[str, Any] | None | Unset
        if isinstance(self.user, Unset):
            user = UNSET
        elif isinstance(self.user, CodeArtifactUser):
            user = self.user.to_dict()
        else:
            user = self.user

        versions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.versions, Unset):
            versions = []
            for versions_item_data in self.versions:
                versions_item = versions_item_data.to_dict()
                versions.append(versions_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if organization_uuid is not UNSET:
            field_dict["organization_uuid"] = organization_uuid
        if organization_id is not UNSET:
            field_dict["organization_id"] = organization_id
        if owner_user_id is not UNSET:
            field_dict["owner_user_id"] = owner_user_id
        if published_version_id is not UNSET:
            field_dict["published_version_id"] = published_version_id
        if read_mode is not UNSET:
            field_dict["read_mode"] = read_mode
        if artifact_type is not UNSET:
            field_dict["artifact_type"] = artifact_type
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        if user is not UNSET:
            field_dict["user"] = user
        if versions is not UNSET:
            field_dict["versions"] = versions

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.code_artifact_user import CodeArtifactUser  # noqa: PLC0415
        from ..models.code_artifact_version import CodeArtifactVersion  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        organization_uuid = d.pop("organization_uuid", UNSET)

        organization_id = d.pop("organization_id", UNSET)

        def _parse_owner_user_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        owner_user_id = _parse_owner_user_id(d.pop("owner_user_id", UNSET))

        def _parse_published_version_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        published_version_id = _parse_published_version_id(
            d.pop("published_version_id", UNSET)
        )

        read_mode = d.pop("read_mode", UNSET)

        artifact_type = d.pop("artifact_type", UNSET)

        def _parse_updated_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_at_type_0 = datetime.datetime.fromisoformat(data)

                return updated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        updated_at = _parse_updated_at(d.pop("updated_at", UNSET))

        def _parse_user(data: object) -> CodeArtifactUser | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                user_type_0 = CodeArtifactUser.from_dict(data)

                return user_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CodeArtifactUser | None | Unset, data)

        user = _parse_user(d.pop("user", UNSET))

        _versions = d.pop("versions", UNSET)
        versions: list[CodeArtifactVersion] | Unset = UNSET
        if _versions is not UNSET:
            versions = []
            for versions_item_data in _versions:
                versions_item = CodeArtifactVersion.from_dict(versions_item_data)

                versions.append(versions_item)

        code_artifact = cls(
            id=id,
            organization_uuid=organization_uuid,
            organization_id=organization_id,
            owner_user_id=owner_user_id,
            published_version_id=published_version_id,
            read_mode=read_mode,
            artifact_type=artifact_type,
            updated_at=updated_at,
            user=user,
            versions=versions,
        )

        code_artifact.additional_properties = d
        return code_artifact

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
