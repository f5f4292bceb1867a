"""schemathesis hooks for the contract run, loaded through the run's config file.

One false positive is dropped, narrowly: schemathesis negates `expires_in_seconds` into
an array or object, its multipart encoder then sends no part of that name at all (an
empty or nested value has no form encoding), and the `negative_data_rejection` check
still counts the request as invalid. The mock cannot reject a field it never received;
the request on the wire is a valid upload. Any other failure is kept, and so is this one
whenever the field did reach the server.
"""

from __future__ import annotations

from typing import Any

import schemathesis
from schemathesis import Case, HookContext, Response
from schemathesis.core.failures import Failure

FORM_FIELDS = ("expires_in_seconds",)


def _unsent_negated_field(failure: Failure, case: Case[Any], response: Response) -> bool:
    if failure.code != "ST201" or case.operation.path != "/v1/files":
        return False
    if not isinstance(case.body, dict):
        return False
    sent = response.request.body
    sent_bytes = sent if isinstance(sent, bytes) else str(sent or "").encode()
    for name in FORM_FIELDS:
        value = case.body.get(name)
        if isinstance(value, list | dict) and name in failure.message:
            return f'name="{name}"'.encode() not in sent_bytes
    return False


@schemathesis.hook
def filter_failure(
    context: HookContext, failure: Failure, case: Case[Any], response: Response
) -> bool:
    """Keep every failure except a negated form field that was never sent."""
    return not _unsent_negated_field(failure, case, response)
