"""The kinds of remote file the commands move, and the usage error they share.

Cheap to import (no httpx, no generated models): the command tree is built from these
before anything heavier is needed, so `claude-files --version` and `--help` stay fast.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from claude_files import AsyncClient


class UsageProblem(Exception):
    """Arguments that cannot work together: exit 2, like any usage error."""


@dataclass(frozen=True)
class Kind:
    """One kind of remote file: which API serves it, and through which resource."""

    noun: str
    api: str  # "files" or "compliance": the key it needs
    resource: Callable[[AsyncClient], Any]
    result_key: str = "file"
    """The key of a `get` result in a --json line."""


FILES = Kind("file", "files", lambda c: c.files)
CHAT_FILES = Kind("chat file", "compliance", lambda c: c.compliance.files)
GENERATED_FILES = Kind("generated file", "compliance", lambda c: c.compliance.generated_files)
ARTIFACTS = Kind("artifact version", "compliance", lambda c: c.compliance.artifacts)
CODE_ARTIFACTS = Kind("code artifact", "compliance", lambda c: c.compliance.code_artifacts)
PROJECT_DOCUMENTS = Kind(
    "project document",
    "compliance",
    lambda c: c.compliance.project_documents,
    result_key="project_document",
)
