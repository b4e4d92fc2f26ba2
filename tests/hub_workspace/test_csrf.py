"""Every state-changing form of the workspace and the account pages refuses a POST without the CSRF token, and
works with the token its own page carries (Django's test client with enforce_csrf_checks=True)."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from harvesters.models import HarvestJob
from tests.hub_workspace.conftest import PASSWORD
from tests.hub_workspace.test_permissions import _queued, _stuck

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _user_id(username: str) -> int:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username).pk


def _edit_data(source):
    return {
        "name": "Renamed",
        "protocol": "local",
        "url": source.url,
        "schedule": "manual",
        "enabled": "on",
        "action": "save",
    }


def _add_data(source):
    return {
        "name": "New",
        "slug": "new-local",
        "pole": source.pole_id,
        "protocol": "local",
        "url": "demo/odatis",
        "schedule": "manual",
        "action": "save",
    }


# name: (page that shows the form, URL the form posts to, data, job factory)
FORMS = {
    "source add": (lambda s, j: reverse("workspace:source_add"), None, _add_data, None),
    "source edit": (lambda s, j: reverse("workspace:source_edit", args=[s.slug]), None, _edit_data, None),
    "harvest now": (
        lambda s, j: reverse("workspace:source", args=[s.slug]),
        lambda s, j: reverse("workspace:source_harvest", args=[s.slug]),
        lambda s: {"mode": "incremental"},
        None,
    ),
    "disable": (
        lambda s, j: reverse("workspace:source", args=[s.slug]),
        lambda s, j: reverse("workspace:source_enable", args=[s.slug]),
        lambda s: {"enabled": "0"},
        None,
    ),
    "delete": (
        lambda s, j: reverse("workspace:source_delete", args=[s.slug]),
        None,
        lambda s: {"confirm_slug": s.slug},
        None,
    ),
    "abort": (
        lambda s, j: reverse("workspace:job", args=[s.slug, j.pk]),
        lambda s, j: reverse("workspace:job_abort", args=[s.slug, j.pk]),
        lambda s: {},
        _queued,
    ),
    "take over": (
        lambda s, j: reverse("workspace:job", args=[s.slug, j.pk]),
        lambda s, j: reverse("workspace:job_take_over", args=[s.slug, j.pk]),
        lambda s: {},
        _stuck,
    ),
    "re-run failed": (
        lambda s, j: reverse("workspace:job", args=[s.slug, j.pk]),
        lambda s, j: reverse("workspace:job_retry", args=[s.slug, j.pk]),
        lambda s: {},
        None,
    ),
    "add a member": (
        lambda s, j: reverse("workspace:people", args=["ODATIS"]),
        None,
        lambda s: {"username": "nobody", "role": "editor"},
        None,
    ),
    "remove a member": (
        lambda s, j: reverse("workspace:people", args=["ODATIS"]),
        lambda s, j: reverse("workspace:people_remove", args=["ODATIS", _user_id("eddy")]),
        lambda s: {},
        None,
    ),
    "logout": (lambda s, j: reverse("workspace:home"), lambda s, j: reverse("workspace:logout"), lambda s: {}, None),
    "password change": (
        lambda s, j: reverse("workspace:password_change"),
        None,
        lambda s: {
            "old_password": PASSWORD,
            "new_password1": "an0ther long passphrase",
            "new_password2": "an0ther long passphrase",
        },
        None,
    ),
}


@pytest.mark.parametrize("form", list(FORMS))
def test_it_refuses_a_post_without_the_csrf_token_and_accepts_the_pages_own(form, users, hub_objects):
    page_of, action_of, data_of, job_of = FORMS[form]
    source = hub_objects["ODATIS"]["source"]
    job = job_of(hub_objects["ODATIS"]) if job_of else hub_objects["ODATIS"]["job"]
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["odatis_admin"])
    page_url = page_of(source, job)
    action_url = (action_of or page_of)(source, job)
    jobs_before = HarvestJob.objects.count()

    refused = client.post(action_url, data_of(source))
    assert refused.status_code == 403 and b"CSRF" in refused.content
    assert HarvestJob.objects.count() == jobs_before

    page = client.get(page_url)
    assert page.status_code == 200
    token = TOKEN.search(page.content.decode())
    assert token, f"no CSRF token in the form of {page_url}"
    accepted = client.post(action_url, {**data_of(source), "csrfmiddlewaretoken": token.group(1)})
    assert accepted.status_code == 302, accepted.content[:400]


def test_the_login_form_refuses_a_post_without_the_csrf_token(users):
    client = Client(enforce_csrf_checks=True)
    data = {"username": "odile", "password": PASSWORD}
    assert client.post(reverse("workspace:login"), data).status_code == 403
    token = TOKEN.search(client.get(reverse("workspace:login")).content.decode()).group(1)
    response = client.post(reverse("workspace:login"), {**data, "csrfmiddlewaretoken": token})
    assert response.status_code == 302 and response["Location"] == reverse("workspace:home")
