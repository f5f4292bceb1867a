"""The summary names failed items in the order they were given, not as they finished."""

from __future__ import annotations

import pytest

from claude_files.cli._output import Output, Redactor
from claude_files.cli._results import Outcome, Run


def _failed(item: str) -> Outcome:
    return Outcome(item, False, {"ok": False, "id": item}, f"{item}: failed")


def test_failures_are_summarized_in_the_order_given(capsys: pytest.CaptureFixture[str]) -> None:
    out = Output(json_mode=False, redact=Redactor([]), progress=False)
    run = Run("downloaded", out, total=4, order=["a", "b", "c", "d"])
    for outcome in (_failed("d"), Outcome("a", True, {}, "a done"), _failed("b")):
        run.report(outcome, quiet=True)
    run.summarize(interrupted=False)
    assert capsys.readouterr().err.splitlines()[-1] == "1 of 4 downloaded; 2 failed: b, d"


def test_without_an_order_they_are_named_as_they_finished(
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = Output(json_mode=False, redact=Redactor([]), progress=False)
    run = Run("deleted", out, total=2)
    for item in ("y", "x"):
        run.report(_failed(item), quiet=True)
    run.summarize()
    assert capsys.readouterr().err.splitlines()[-1] == "0 of 2 deleted; 2 failed: y, x"
