"""The request id of a parsed result, as the anthropic SDK's `_request_id` on its models;
and `ResponseInfo`, what a response said, for calls whose result has no room for it.

The generated models are slotted attrs classes: no attribute can be added to an
instance. `with_request_id(Model)` is a subclass made once per model, with one more
slot; its `from_dict` builds it (the generated `from_dict` calls `cls(...)`), so it is
still a `Model` for `isinstance`, `to_dict()` and `repr`, and equal to a plain `Model`
with the same fields (the request id takes no part in equality). Only the top-level
result carries it: the items of a list page do not, the page does (`pager.pages`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

import attrs

M = TypeVar("M")


class _RequestIdMixin:
    """The behaviour of every `with_request_id` subclass (slots: none of its own)."""

    __slots__ = ()
    _model: ClassVar[type[Any]]
    _request_id: str | None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, self._model):
            return NotImplemented
        return all(
            getattr(self, f.name) == getattr(other, f.name) for f in attrs.fields(self._model)
        )

    __hash__ = None  # type: ignore[assignment]  # as the attrs models: mutable, unhashable

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled (and copied) as the plain model: the subclass is not importable."""
        to_dict = self._model.to_dict
        return (self._model.from_dict, (to_dict(self),))


_SUBCLASSES: dict[type[Any], type[Any]] = {}


def with_request_id(model: type[M]) -> type[M]:
    """`model` with a `_request_id` slot (one subclass per model, made once)."""
    known: type[M] | None = _SUBCLASSES.get(model)
    if known is not None:
        return known
    namespace = {
        "__slots__": ("_request_id",),
        "__module__": model.__module__,
        "__qualname__": model.__qualname__,  # the same repr as the model's
        "__doc__": model.__doc__,
        "_model": model,
    }
    subclass: type[M] = type(model.__name__, (_RequestIdMixin, model), namespace)
    return _SUBCLASSES.setdefault(model, subclass)


def set_request_id(value: object, request_id: str | None) -> None:
    """Record the response's `request-id` on a result that has room for it."""
    if isinstance(value, _RequestIdMixin):
        value._request_id = request_id  # type: ignore[misc]  # the subclass's slot


@dataclass(frozen=True)
class ResponseInfo:
    """What the response to a call said: its status, headers and `request-id`.

    `download_to_file(..., on_response=...)` is told it once the response is accepted,
    before the body is written (its result, a `Path`, has no room for a request id).
    """

    status_code: int
    headers: Mapping[str, str]
    request_id: str | None

    @classmethod
    def of(cls, status_code: int, headers: Mapping[str, str]) -> ResponseInfo:
        return cls(status_code, headers, headers.get("request-id"))


#: `on_response(info)`: told what the response said, once it is accepted.
ResponseCallback = Callable[[ResponseInfo], object]
