"""Every workspace URL and action, for users of two hubs, an editor, a person of no hub, a superuser and an
anonymous visitor: a hub's people reach only their hub (another hub's URL is a 404 and changes nothing), editors
cannot delete, anonymous visitors are sent to the login page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from harvesters.models import HarvestJob
from poles.models import HarvestSource, HubMembership
from tests.hub_workspace.conftest import finished_job
from workspace.models import AuditEvent

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "odatis_admin", "odatis_editor", "aeris_admin", "nobody", "superuser"]
HUB_OF = {"odatis_admin": "ODATIS", "odatis_editor": "ODATIS", "aeris_admin": "AERIS"}


def _queued(objects):
    return HarvestJob.objects.create(source=objects["source"], status="queued")


def _stuck(objects):
    long_ago = timezone.now() - timedelta(hours=2)
    return HarvestJob.objects.create(
        source=objects["source"], status="running", started_at=long_ago, heartbeat_at=long_ago, worker="lost:1"
    )


def _with_member(objects):
    """A second member of the hub to remove; returns the hub's finished job like the other set-ups."""
    from tests.hub_workspace.conftest import make_user

    make_user(f"member-{objects['source'].pole.code.lower()}", objects["source"].pole.code, "editor")
    return objects["job"]


def _people_url(objects, job):
    return reverse("workspace:people", args=[objects["source"].pole.code])


def _remove_url(objects, job):
    from poles.models import HubMembership

    member = HubMembership.objects.get(user__username=f"member-{objects['source'].pole.code.lower()}")
    return reverse("workspace:people_remove", args=[objects["source"].pole.code, member.user_id])


def _job_url(name):
    return lambda objects, job: reverse(f"workspace:{name}", args=[objects["source"].slug, job.pk])


def _source_url(name):
    return lambda objects, job: reverse(f"workspace:{name}", args=[objects["source"].slug])


# name: (method, url(objects, job), data(objects), which job (None: the hub's finished job), admins only)
ACTIONS = {
    "source page": ("get", _source_url("source"), None, None, False),
    "source edit page": ("get", _source_url("source_edit"), None, None, False),
    "source edit": (
        "post",
        _source_url("source_edit"),
        lambda o: {
            "name": "Renamed",
            "protocol": "local",
            "url": o["source"].url,
            "schedule": "manual",
            "enabled": "on",
            "local_pattern": "**/*.xml",
            "action": "save",
        },
        None,
        False,
    ),
    "harvest now": ("post", _source_url("source_harvest"), lambda o: {"mode": "full"}, None, False),
    "disable": ("post", _source_url("source_enable"), lambda o: {"enabled": "0"}, None, False),
    "delete page": ("get", _source_url("source_delete"), None, None, True),
    "delete": ("post", _source_url("source_delete"), lambda o: {"confirm_slug": o["source"].slug}, None, True),
    "job page": ("get", _job_url("job"), None, None, False),
    "job errors filtered": ("get", lambda o, j: _job_url("job")(o, j) + "?message=title", None, None, False),
    "job progress (JSON)": ("get", _job_url("job_progress"), None, None, False),
    "abort": ("post", _job_url("job_abort"), lambda o: {}, _queued, False),
    "take over": ("post", _job_url("job_take_over"), lambda o: {}, _stuck, False),
    "re-run failed": ("post", _job_url("job_retry"), lambda o: {}, None, False),
    "people page": ("get", _people_url, None, None, True),
    "add a member": ("post", _people_url, lambda o: {"username": "nobody", "role": "editor"}, None, True),
    "remove a member": ("post", _remove_url, lambda o: {}, _with_member, True),
}


def expected(role: str, hub: str, admins_only: bool) -> str:
    if role == "anonymous":
        return "login"
    if role == "superuser" or HUB_OF.get(role) == hub:
        return "forbidden" if admins_only and role == "odatis_editor" else "allowed"
    return "not found"


def fingerprint(objects) -> tuple:
    source = HarvestSource.objects.filter(pk=objects["source"].pk).first()
    return (
        source and (source.name, source.enabled, source.options),
        tuple(HarvestJob.objects.filter(source=objects["source"]).order_by("pk").values_list("pk", "status")),
        AuditEvent.objects.count(),
        tuple(HubMembership.objects.order_by("pk").values_list("user_id", "pole_id", "role")),
    )


def client_for(role: str, users) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(users[role])
    return client


@pytest.mark.parametrize("hub", ["ODATIS", "AERIS"])
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(ACTIONS))
def test_it_lets_only_the_hubs_people_reach_its_objects(action, role, hub, users, hub_objects):
    method, url_of, data_of, job_of, admins_only = ACTIONS[action]
    objects = hub_objects[hub]
    job = job_of(objects) if job_of else objects["job"]
    url = url_of(objects, job)
    before = fingerprint(objects)
    client = client_for(role, users)
    response = client.post(url, data_of(objects)) if method == "post" else client.get(url)
    outcome = expected(role, hub, admins_only)
    if outcome == "login":
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")
    elif outcome == "not found":
        assert response.status_code == 404
        assert objects["source"].name not in response.content.decode()  # nothing about it leaks (the URL aside)
    elif outcome == "forbidden":
        assert response.status_code == 403
    else:
        assert response.status_code == (200 if method == "get" else 302), response.content[:500]
    if method == "post":
        changed = fingerprint(objects) != before
        assert changed == (outcome == "allowed"), f"{action} by {role} on {hub}: changed={changed}"


@pytest.mark.parametrize("role", ROLES)
def test_it_lists_only_the_users_hubs_on_the_workspace_and_audit_pages(role, users, hub_objects):
    client = client_for(role, users)
    for name in ("workspace:home", "workspace:audit"):
        client.post(reverse("workspace:source_enable", args=["demo-odatis"]), {"enabled": "0"})
        client.post(reverse("workspace:source_enable", args=["demo-aeris"]), {"enabled": "0"})
        response = client.get(reverse(name))
        if role == "anonymous":
            assert response.status_code == 302
            continue
        assert response.status_code == 200
        page = response.content.decode()
        sees_odatis = role in ("odatis_admin", "odatis_editor", "superuser")
        sees_aeris = role in ("aeris_admin", "superuser")
        assert ("demo-odatis" in page) == sees_odatis, (name, role)
        assert ("demo-aeris" in page) == sees_aeris, (name, role)


def test_it_offers_only_the_users_own_hubs_when_adding_a_source(users):
    client = client_for("aeris_admin", users)
    page = client.get(reverse("workspace:source_add")).content.decode()
    assert ">AERIS<" in page and ">ODATIS<" not in page
    odatis = HarvestSource.objects.get(slug="demo-odatis").pole_id
    response = client.post(
        reverse("workspace:source_add"),
        {
            "name": "Sneaky",
            "slug": "sneaky",
            "pole": odatis,
            "protocol": "local",
            "url": "demo/odatis",
            "schedule": "manual",
            "action": "save",
        },
    )
    assert response.status_code == 200 and not HarvestSource.objects.filter(slug="sneaky").exists()
    assert "Select a valid choice" in response.content.decode()


@pytest.mark.parametrize("role", ["anonymous", "nobody"])
def test_it_keeps_the_add_page_from_people_without_a_hub(role, users):
    response = client_for(role, users).get(reverse("workspace:source_add"))
    assert response.status_code == (302 if role == "anonymous" else 404)


def test_the_editor_sees_no_delete_button_and_the_admin_does(users, hub_objects):
    url = reverse("workspace:source", args=["demo-odatis"])
    assert "Delete…" not in client_for("odatis_editor", users).get(url).content.decode()
    assert "Delete…" in client_for("odatis_admin", users).get(url).content.decode()


@pytest.mark.parametrize("role", ["odatis_admin", "aeris_admin"])
def test_the_django_admin_shows_staff_only_their_hubs_sources_and_jobs(role, users, hub_objects):
    from django.contrib.auth.models import Permission

    user = users[role]
    user.is_staff = True
    user.save()
    user.user_permissions.set(
        Permission.objects.filter(codename__in=["view_harvestsource", "change_harvestsource", "view_harvestjob"])
    )
    client = client_for(role, users)
    own, other = ("ODATIS", "AERIS") if role == "odatis_admin" else ("AERIS", "ODATIS")
    listing = client.get("/admin/poles/harvestsource/").content.decode()
    assert hub_objects[own]["source"].slug in listing and hub_objects[other]["source"].slug not in listing
    other_source = hub_objects[other]["source"]
    assert client.get(f"/admin/poles/harvestsource/{other_source.pk}/change/").status_code == 302  # "not found"
    assert client.get(f"/admin/poles/harvestsource/{hub_objects[own]['source'].pk}/change/").status_code == 200
    other_job = hub_objects[other]["job"]
    assert client.get(f"/admin/harvesters/harvestjob/{other_job.pk}/change/").status_code == 302
    assert client.get(f"/admin/harvesters/harvestjob/{hub_objects[own]['job'].pk}/change/").status_code == 200


def test_a_finished_job_of_another_source_is_not_reachable_under_this_sources_url(users, hub_objects):
    """The job must belong to the source in the URL: an ODATIS address with an AERIS job number is a 404."""
    aeris_job = finished_job(hub_objects["AERIS"]["source"])
    url = reverse("workspace:job", args=["demo-odatis", aeris_job.pk])
    assert client_for("odatis_admin", users).get(url).status_code == 404
