"""Named users of two hubs for the workspace tests, and a harvested demo source with a failed record per hub."""

from __future__ import annotations

import uuid

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from harvesters.job_queue import create_job
from harvesters.jobs import run_job
from harvesters.models import HarvestError, HarvestJob
from poles.models import HarvestSource, HubMembership, Pole

PASSWORD = "correct horse battery staple 42"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """PBKDF2's deliberate slowness costs a second per user here; what is tested is the workspace, not the hash."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def private_harvest_queue(settings):
    """Jobs queued by the pages go to a queue of this test run, so no worker of `make run` picks them up."""
    settings.HARVEST_QUEUE = f"workspace-tests-{uuid.uuid4().hex[:8]}"
    yield settings.HARVEST_QUEUE
    from datatera.celery import app

    with app.connection_for_write() as connection:
        connection.default_channel.queue_delete(settings.HARVEST_QUEUE)


def make_user(username: str, pole: str | None = None, role: str = "admin", **fields):
    user = get_user_model().objects.create_user(username, email=f"{username}@example.org", password=PASSWORD, **fields)
    if pole:
        HubMembership.objects.create(user=user, pole=Pole.objects.get(code=pole), role=role)
    return user


@pytest.fixture
def users(db):
    """Two hubs' admins, an editor of ODATIS, a superuser, and a logged-in person who belongs to no hub."""
    return {
        "odatis_admin": make_user("odile", "ODATIS", "admin"),
        "odatis_editor": make_user("eddy", "ODATIS", "editor"),
        "aeris_admin": make_user("aeris-ann", "AERIS", "admin"),
        "superuser": make_user("root", None, is_superuser=True, is_staff=True),
        "nobody": make_user("nobody"),
    }


def harvested_with_error(source: HarvestSource) -> HarvestJob:
    """A real run of the (local demo) source, plus one per-record error as a bad record would leave."""
    job = run_job(create_job(source, full=True).pk)
    add_error(job)
    return job


def add_error(job: HarvestJob, identifier: str = "broken.xml") -> HarvestError:
    error = HarvestError.objects.create(
        job=job, identifier=identifier, message="iso19139: record has no title", excerpt="<gmd:MD_Metadata/>"
    )
    HarvestJob.objects.filter(pk=job.pk).update(failed=job.failed + 1)
    job.refresh_from_db()
    return error


def finished_job(source: HarvestSource, status: str = HarvestJob.Status.PARTIAL, **fields) -> HarvestJob:
    """A finished job row as a run leaves it (for pages and permissions; harvesting itself is tested elsewhere)."""
    now = timezone.now()
    defaults = {"started_at": now, "finished_at": now, "heartbeat_at": now, "seen": 10, "created": 9}
    return HarvestJob.objects.create(source=source, status=status, mode="full", **{**defaults, **fields})


@pytest.fixture
def hub_objects(db):
    """Per hub: its demo source and a finished job with one error."""
    objects = {}
    for code, slug in (("ODATIS", "demo-odatis"), ("AERIS", "demo-aeris")):
        source = HarvestSource.objects.get(slug=slug)
        job = finished_job(source)
        add_error(job)
        objects[code] = {"source": source, "job": job}
    return objects


def unreadable_record(identifier: str):
    """A response rewrite that renames one record's root element (still carrying its fileIdentifier): the crosswalk
    cannot read it, a real per-record error that keeps the record's identifier. (A record without a title is kept
    since issue 16, so a dropped title is no longer an error.)"""
    import re

    pattern = re.compile(
        rb"<gmd:MD_Metadata((?:(?!<gmd:MD_Metadata).)*?<gmd:fileIdentifier><gco:CharacterString>"
        + re.escape(identifier.encode())
        + rb"</gco:CharacterString></gmd:fileIdentifier>.*?)</gmd:MD_Metadata>",
        re.S,
    )
    return lambda body: pattern.sub(rb"<gmd:MD_Unreadable\1</gmd:MD_Unreadable>", body)


def in_get_records(request) -> bool:
    return request.start_position is not None
