from typing import Literal

DownloadCodeArtifactMultiFileFormat = Literal["zip"]

DOWNLOAD_CODE_ARTIFACT_MULTI_FILE_FORMAT_VALUES: set[
    DownloadCodeArtifactMultiFileFormat
] = {
    "zip",
}


def check_download_code_artifact_multi_file_format(
    value: str,
) -> DownloadCodeArtifactMultiFileFormat:
    if value in DOWNLOAD_CODE_ARTIFACT_MULTI_FILE_FORMAT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {DOWNLOAD_CODE_ARTIFACT_MULTI_FILE_FORMAT_VALUES!r}"
    )
