"""Documents on an S3-compatible store: the settings' S3 path, run against a real S3 server.

moto's server speaks the S3 protocol on a local port; a fresh Python process reads
Rebound's settings from the environment, as a deployment would, and saves, opens and
deletes a document through storages["documents"].
"""

import json
import os
import socket
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, sys, django
django.setup()
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from interviews.models import document_file_name
storage = storages["documents"]
name = storage.save(document_file_name(None, "cv.pdf"), ContentFile(b"%PDF-1.7 cv"))
# Saving under a name already taken must keep both files, never overwrite.
second = storage.save(name, ContentFile(b"%PDF-1.7 other"))
with storage.open(name, "rb") as stored:
    content = stored.read().decode()
with storage.open(second, "rb") as stored:
    other = stored.read().decode()
existed = storage.exists(name)
url = storage.url(name)
storage.delete(name)
print(json.dumps({
    "backend": type(storage).__module__ + "." + type(storage).__name__,
    "name": name, "second": second, "content": content, "other": other,
    "existed": existed, "gone": not storage.exists(name), "url": url,
}))
"""


@dataclass
class Store:
    endpoint: str
    bucket: str
    client: object


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def s3_server():
    """Start moto's S3 server on a free local port with an empty bucket; yield its address."""
    try:
        import boto3
        from moto.server import ThreadedMotoServer
    except ImportError as error:  # pragma: no cover - moto is a dev dependency
        pytest.skip(f"moto's server is not installed: {error}")
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    try:
        server.start()
    except OSError as error:  # pragma: no cover - only when the port cannot be bound
        pytest.skip(f"moto's server could not start: {error}")
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="eu-west-1",
        aws_access_key_id="rebound-test",
        aws_secret_access_key="rebound-test-secret",
    )
    # moto keeps its buckets for the whole process: each test takes one of its own.
    bucket = f"rebound-documents-{uuid.uuid4().hex[:12]}"
    client.create_bucket(
        Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
    )
    yield Store(endpoint, bucket, client)
    server.stop()


def run_probe(store):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "AWS_"))}
    env.update(
        DJANGO_DEBUG="true",
        DJANGO_SETTINGS_MODULE="rebound.settings",
        DJANGO_DOCUMENTS_S3_BUCKET=store.bucket,
        DJANGO_DOCUMENTS_S3_ENDPOINT_URL=store.endpoint,
        DJANGO_DOCUMENTS_S3_REGION="eu-west-1",
        DJANGO_DOCUMENTS_S3_ACCESS_KEY_ID="rebound-test",
        DJANGO_DOCUMENTS_S3_SECRET_ACCESS_KEY="rebound-test-secret",
        DJANGO_DOCUMENTS_S3_ADDRESSING_STYLE="path",
    )
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_documents_go_to_the_s3_bucket_when_the_operator_names_one(s3_server):
    result = run_probe(s3_server)
    listing = s3_server.client.list_objects_v2(Bucket=s3_server.bucket)

    assert result["backend"] == "storages.backends.s3.S3Storage"
    assert result["content"] == "%PDF-1.7 cv"
    assert result["existed"] is True
    assert result["gone"] is True
    # Only the second file is left: the first was deleted through the storage.
    assert [item["Key"] for item in listing["Contents"]] == [f"documents/{result['second']}"]


def test_a_name_already_taken_in_the_bucket_keeps_both_files(s3_server):
    result = run_probe(s3_server)

    assert result["second"] != result["name"]
    assert result["other"] == "%PDF-1.7 other"


def test_stored_documents_are_private_and_reached_only_by_signed_urls(s3_server):
    result = run_probe(s3_server)
    key = f"documents/{result['second']}"
    client = s3_server.client
    grants = client.get_object_acl(Bucket=s3_server.bucket, Key=key)["Grants"]

    # No grant to a group such as AllUsers: only the owner can read it.
    assert all("URI" not in grant["Grantee"] for grant in grants), grants
    assert "X-Amz-Signature=" in result["url"]
    head = client.head_object(Bucket=s3_server.bucket, Key=key)
    assert head["ContentDisposition"] == "attachment"
