from typing import Literal

AnthropicVersion = Literal["2023-06-01", "2026-10-21"]

ANTHROPIC_VERSION_VALUES: set[AnthropicVersion] = {
    "2023-06-01",
    "2026-10-21",
}


def check_anthropic_version(value: str) -> AnthropicVersion:
    if value in ANTHROPIC_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ANTHROPIC_VERSION_VALUES!r}"
    )
