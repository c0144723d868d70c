"""The STORAGES entries of an S3-compatible object store (django-storages' S3 backend).

settings.py builds them from the S3_* variables when S3_BUCKET is set; the tests build them
the same way against a local S3-compatible server. One bucket holds both storages under two
prefixes laid out like MEDIA_ROOT on disk: `private/` (dossiers' files, issued forms) and the
rest (the catalog's blank forms), so copying MEDIA_ROOT into the bucket moves a deployment.
"""

from __future__ import annotations

# Bytes of a file being read that are kept in memory; a larger file spills to a temporary file
# for the length of the request (django-storages reads an object whole before serving it).
READ_MEMORY_BYTES = 5 * 1024 * 1024


def s3_storage(
    *,
    bucket: str,
    folder: str = "",
    endpoint_url: str = "",
    region: str = "",
    access_key: str = "",
    secret_key: str = "",
    addressing_style: str = "virtual",
    prefix: str = "",
) -> dict:
    """One STORAGES entry: private objects under `prefix/folder/` of `bucket`. Empty values
    leave boto3 to find them (its own environment variables, an instance's role)."""
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint_url or None,
            "region_name": region or None,
            "access_key": access_key or None,
            "secret_key": secret_key or None,
            "addressing_style": addressing_style,
            "location": "/".join(part for part in (prefix.strip("/"), folder) if part),
            # Never public: no URL of ours points into the bucket; our views check permission
            # and stream the bytes from it.
            "default_acl": "private",
            "querystring_auth": True,
            # A second file of the same name gets a suffix, as on disk: nothing is overwritten.
            "file_overwrite": False,
            "max_memory_size": READ_MEMORY_BYTES,
        },
    }


def s3_storages(**options) -> dict:
    """The "default" and "private" entries of STORAGES for one bucket (see `s3_storage`)."""
    return {
        "default": s3_storage(folder="", **options),
        "private": s3_storage(folder="private", **options),
    }
