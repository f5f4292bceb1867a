"""claude-files: a typed, streaming client for Anthropic's file endpoints.

The generated client (`claude_files_openapi`) is compiled from `openapi.yaml`; this
package is the handwritten layer on top of it.
"""

from claude_files._version import __version__

__all__ = ["__version__"]
