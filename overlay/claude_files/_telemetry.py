"""OpenTelemetry traces of API calls, as the anthropic SDK (2.13) makes them: the switch.

With `opentelemetry-api` installed (the `otel` extra), every API call (one method's
request with all its retries, one page of a list, a download with its resumes) is one
`CLIENT` span, and every attempt carries its W3C trace context (`traceparent`); see
`claude_files._otel`, which makes them.

Off, it costs nothing and imports nothing: when `opentelemetry-api` is not installed,
when `ANTHROPIC_OPEN_TELEMETRY=false` (read when the client is made, as the SDK reads it),
or with the client's `open_telemetry=False`. When no OpenTelemetry SDK is set up, the
API's tracer records nothing and no span is made (nor a header sent).

`open_telemetry` takes, as the SDK's does, `{"traces": bool, "propagation": bool,
"tracer_provider": provider}`; one that is given is complete (the environment is read
only for None): `traces` is on and `propagation` on unless they say otherwise, and
`tracer_provider` is OpenTelemetry's global one unless given.
`ANTHROPIC_OPEN_TELEMETRY_PROPAGATION=false` sends no trace context.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypedDict

from claude_files._errors import InvalidTypeError

if TYPE_CHECKING:
    from claude_files._otel import CallTrace


class OpenTelemetryOptions(TypedDict, total=False):
    """A client's tracing (`Client(open_telemetry=...)`), as the anthropic SDK takes it."""

    traces: bool
    propagation: bool
    #: An `opentelemetry.trace.TracerProvider`; OpenTelemetry's global one by default.
    tracer_provider: Any


OpenTelemetryOption = OpenTelemetryOptions | bool | None

_NOT_LOADED: Any = object()


class Telemetry:
    """A client's tracing, resolved once; the tracer is asked for on the first call."""

    def __init__(self, option: OpenTelemetryOption, base_url: str) -> None:
        if option is None:
            options: Mapping[str, Any] = {
                "traces": not _env_false("ANTHROPIC_OPEN_TELEMETRY"),
                "propagation": not _env_false("ANTHROPIC_OPEN_TELEMETRY_PROPAGATION"),
            }
        elif isinstance(option, bool):
            options = {"traces": option}
        elif isinstance(option, Mapping):
            options = option
        else:
            raise InvalidTypeError("open_telemetry is a dict of options, a bool or None")
        self.traces = bool(options.get("traces", True))
        self.propagation = bool(options.get("propagation", True))
        self.tracer_provider = options.get("tracer_provider")
        self.base_url = base_url
        self._tracer: Any = _NOT_LOADED

    def start(self) -> CallTrace | None:
        """What traces one API call, or None: tracing is off (then nothing is imported)."""
        if not self.traces:
            return None
        if self._tracer is _NOT_LOADED:
            self._tracer = self._load()
        if self._tracer is None:
            return None
        from claude_files._otel import CallTrace

        return CallTrace(self._tracer, self.propagation, self.base_url)

    def _load(self) -> Any:
        try:
            from claude_files import _otel
        except ImportError:  # opentelemetry-api is not installed: no spans
            return None
        return _otel.tracer(self.tracer_provider)


def _env_false(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() == "false"
