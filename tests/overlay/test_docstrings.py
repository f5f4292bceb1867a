"""Every public method of both clients and of every resource has a docstring (issue 14.4),
and each async method's docstring is its sync twin's, word for word."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from typing import Any

import pytest

from claude_files import AsyncClient, AsyncPager, Client, DownloadStream, Pager


def public_members(cls: type) -> Iterator[tuple[str, Any]]:
    for name, member in inspect.getmembers(cls):
        if name.startswith("_"):
            continue
        if inspect.isfunction(member) or isinstance(member, property):
            yield name, member


def resources(client: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """(dotted name, object) for the client and each resource reachable from it."""
    yield prefix or "client", client
    for name, value in vars(client).items():
        if not name.startswith("_") and type(value).__module__.endswith("._resources"):
            yield from resources(value, f"{prefix}{name}.")


def twins() -> list[tuple[str, type, type]]:
    sync, asynchronous = Client(api_key="k"), AsyncClient(api_key="k")
    found_async = dict(resources(asynchronous))
    pairs = [(name, type(obj), type(found_async[name])) for name, obj in resources(sync)]
    sync.close()
    return pairs


TWINS = twins()


def test_the_walk_finds_every_resource() -> None:
    names = {name for name, _, _ in TWINS}
    assert {"client", "files.", "compliance.", "compliance.code_artifacts."} <= names
    assert {"compliance.projects.", "compliance.project_documents."} <= names
    assert len(TWINS) == 9


@pytest.mark.parametrize(("where", "sync", "asynchronous"), TWINS, ids=[t[0] for t in TWINS])
def test_every_public_method_has_a_docstring_shared_by_its_twin(
    where: str, sync: type, asynchronous: type
) -> None:
    assert inspect.getdoc(sync), f"{sync.__name__} has no docstring"
    assert inspect.getdoc(asynchronous) == inspect.getdoc(sync) or where == "client"
    sync_members = dict(public_members(sync))
    async_members = dict(public_members(asynchronous))
    assert sorted(sync_members) == sorted(async_members)
    missing = [name for name, member in sync_members.items() if not (member.__doc__ or "").strip()]
    assert missing == [], f"{sync.__name__}: no docstring on {missing}"
    differ = [
        name
        for name, member in sync_members.items()
        if async_members[name].__doc__ != member.__doc__
    ]
    assert differ == [], f"{asynchronous.__name__}: docstrings differ from the sync half's"


@pytest.mark.parametrize("cls", [Pager, AsyncPager, DownloadStream])
def test_the_objects_they_return_are_documented(cls: type) -> None:
    assert inspect.getdoc(cls)
    for name, member in public_members(cls):
        assert (member.__doc__ or "").strip(), f"{cls.__name__}.{name}"


def test_help_prints_the_download_rule() -> None:
    doc = inspect.getdoc(Client(api_key="k").files.download_to_file) or ""
    assert "DestinationExistsError" in doc
    assert '"out/"' in doc
