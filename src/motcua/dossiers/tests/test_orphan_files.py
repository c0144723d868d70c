"""A submission whose transaction rolls back after its files were written leaves them on disk;
the periodic sweep deletes them once they are old enough, and never a file a row points at."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction

from motcua.dossiers import services
from motcua.dossiers.storage import private_storage
from motcua.dossiers.tests.fixtures import pdf, submit_online

pytestmark = pytest.mark.django_db


class _Abandoned(Exception):
    pass


def _submit(world, name: str):
    """An online submission whose first file is named after `name`."""
    uploads = [services.Upload("DON", pdf(f"{name}-don.pdf")), services.Upload("GCN", pdf())]
    return submit_online(world, uploads=uploads).dossier


def _age(name: str, hours: float) -> None:
    path = Path(private_storage().path(name))
    moment = time.time() - hours * 3600
    os.utime(path, (moment, moment))


def test_files_of_a_rolled_back_submission_are_swept_and_kept_files_stay(world):
    kept = _submit(world, "kept")
    kept_names = [f.file.name for f in kept.files.all()]
    storage = private_storage()
    before = set(Path(storage.path("dossiers")).rglob("*"))
    with pytest.raises(_Abandoned), transaction.atomic():
        _submit(world, "lost")
        raise _Abandoned
    orphans = [
        path.relative_to(storage.location).as_posix()
        for path in set(Path(storage.path("dossiers")).rglob("*")) - before
        if path.is_file()
    ]
    assert len(orphans) == 2  # written, then their rows rolled back
    for name in [*orphans, *kept_names]:
        _age(name, 7)
    fresh_orphan = storage.save("dossiers/2026/03/dang-ghi.pdf", pdf())  # a transaction running

    call_command("sweep_dossiers", stdout=open(os.devnull, "w"))

    assert not any(storage.exists(name) for name in orphans)
    assert all(storage.exists(name) for name in kept_names)
    assert storage.exists(fresh_orphan)
    for file in kept.files.all():
        assert file.file.read().startswith(b"%PDF")


def test_the_sweep_touches_nothing_when_the_database_knows_no_file_at_all(db):
    """Pointed at an empty or wrong database, every file would look orphaned: the sweep stops."""
    storage = private_storage()
    name = storage.save("dossiers/2026/03/that-lac.pdf", pdf())
    _age(name, 48)

    call_command("sweep_dossiers", stdout=open(os.devnull, "w"))

    assert storage.exists(name)
