"""A local S3-compatible object store for the tests: moto's server mode as a subprocess on a
free port (S3_TEST_PORT picks one), and `object_storage`, which points Motcua's stored files
(STORAGES "default" and "private") at a fresh bucket of it the way settings.py does with
S3_BUCKET set."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass

import httpx
import pytest

from motcua.lib.objectstore import s3_storages
from tests.sim_process import free_port

ACCESS_KEY = "motcua-test-access"
SECRET_KEY = "motcua-test-secret"  # noqa: S105 - moto accepts any
REGION = "ap-southeast-1"


@dataclass
class S3Server:
    endpoint_url: str

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            region_name=REGION,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
        )


@pytest.fixture(scope="session")
def s3_server():
    port = int(os.environ.get("S3_TEST_PORT") or free_port())
    log = tempfile.NamedTemporaryFile(prefix="moto-", suffix=".log", delete=False)  # noqa: SIM115
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    server = S3Server(f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"moto server exited: {open(log.name).read()[-2000:]}")
            try:
                httpx.get(server.endpoint_url + "/moto-api/", timeout=1)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        os.unlink(log.name)


@dataclass
class ObjectStorage:
    server: S3Server
    bucket: str

    def keys(self, prefix: str = "") -> list[str]:
        listing = self.server.client().list_objects_v2(Bucket=self.bucket, Prefix=prefix)
        return [item["Key"] for item in listing.get("Contents", [])]


@pytest.fixture
def object_storage(s3_server, settings):
    """A fresh private bucket, and STORAGES pointing at it as S3_BUCKET would."""
    bucket = f"motcua-{uuid.uuid4().hex[:12]}"
    s3_server.client().create_bucket(
        Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION}
    )
    settings.STORAGES = {
        **settings.STORAGES,
        **s3_storages(
            bucket=bucket,
            endpoint_url=s3_server.endpoint_url,
            region=REGION,
            access_key=ACCESS_KEY,
            secret_key=SECRET_KEY,
            addressing_style="path",
        ),
    }
    return ObjectStorage(s3_server, bucket)
