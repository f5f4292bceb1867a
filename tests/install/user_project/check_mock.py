"""A user's test of their own code against the mock, copied into a fresh project as
test_mock.py. It passes with the `mock` extra; without it, only this test fails, with a
message naming `claude-files[mock]`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from claude_files import Client, NotFoundError

if TYPE_CHECKING:
    from claude_files.testing import MockServer


def test_upload_download_and_a_typed_error(mock_server: MockServer, tmp_path: Path) -> None:
    mock_server.uploaded_files_downloadable = True
    seeded = mock_server.add_file(b"seeded bytes", filename="seeded.txt", downloadable=True)
    with Client(api_key=mock_server.api_key, base_url=mock_server.base_url) as client:
        uploaded = client.files.upload(b"hello", filename="hello.txt", mime_type="text/plain")
        assert uploaded.filename == "hello.txt"
        assert client.files.download(uploaded.id) == b"hello"
        saved = client.files.download_to_file(seeded["id"], tmp_path)
        assert saved.read_bytes() == b"seeded bytes"
        with pytest.raises(NotFoundError):
            client.files.download("file_011CNhaDoesNotExist00000")
