"""Logging in, out, changing one's password, the failed-login throttle (in the real Redis cache), and the
`hubadmin` command that creates hub admins and editors."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from poles.models import HubMembership
from tests.hub_workspace.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_throttle():
    cache.clear()
    yield
    cache.clear()


def login(client: Client, username: str, password: str, address: str = "10.0.0.1"):
    return client.post(reverse("workspace:login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def test_it_logs_a_hub_admin_in_and_out(users):
    client = Client()
    response = login(client, "odile", PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("workspace:home")
    assert "demo-odatis" in client.get(reverse("workspace:home")).content.decode()
    assert client.post(reverse("workspace:logout")).status_code == 302
    assert client.get(reverse("workspace:home")).status_code == 302


def test_it_sends_a_visitor_back_where_they_were_going_after_logging_in(users):
    client = Client()
    target = reverse("workspace:source", args=["demo-odatis"])
    page = client.get(target)
    assert page["Location"] == f"{reverse('workspace:login')}?next={target}"
    response = client.post(page["Location"], {"username": "odile", "password": PASSWORD, "next": target})
    assert response["Location"] == target


def test_the_login_page_speaks_french(users):
    page = Client().get(reverse("workspace:login"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Se connecter" in page and "Mot de passe" in page


def test_it_throttles_failed_logins_for_a_user_name_even_with_the_right_password_afterwards(users, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    client = Client()
    for _ in range(3):
        assert login(client, "odile", "wrong").status_code == 200
    blocked = login(client, "odile", PASSWORD, address="10.0.0.2")  # another address: the name is what is locked
    assert blocked.status_code == 429
    assert "Too many failed attempts" in blocked.content.decode()
    assert "_auth_user_id" not in client.session
    # Another account is not locked by someone guessing odile's password from elsewhere.
    assert login(Client(), "eddy", PASSWORD, address="10.0.0.3").status_code == 302


def test_it_throttles_one_address_trying_many_user_names(users, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    client = Client()
    for name in ("a", "b", "c"):
        login(client, name, "wrong", address="10.9.9.9")
    assert login(client, "eddy", PASSWORD, address="10.9.9.9").status_code == 429
    assert login(Client(), "eddy", PASSWORD, address="10.9.9.8").status_code == 302


def test_a_successful_login_clears_the_user_names_failures(users, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    client = Client()
    login(client, "odile", "wrong", address="10.0.0.4")
    login(client, "odile", "wrong", address="10.0.0.5")
    assert login(Client(), "odile", PASSWORD, address="10.0.0.6").status_code == 302
    login(client, "odile", "wrong", address="10.0.0.7")
    login(client, "odile", "wrong", address="10.0.0.8")
    assert login(Client(), "odile", PASSWORD, address="10.0.0.9").status_code == 302


def test_it_changes_the_password(users):
    client = Client()
    client.force_login(users["odatis_admin"])
    new = "a brand new passphrase 7"
    response = client.post(
        reverse("workspace:password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302 and response["Location"] == reverse("workspace:password_change_done")
    assert login(Client(), "odile", new).status_code == 302
    assert login(Client(), "odile", PASSWORD, address="10.1.1.1").status_code == 200


def run(*args, stdin: str | None = None) -> str:
    out = io.StringIO()
    if stdin is not None:
        import sys

        old, sys.stdin = sys.stdin, io.StringIO(stdin)
        try:
            call_command("hubadmin", *args, stdout=out)
        finally:
            sys.stdin = old
    else:
        call_command("hubadmin", *args, stdout=out)
    return out.getvalue()


def test_hubadmin_add_creates_an_admin_with_a_random_password_shown_once():
    output = run("add", "alice", "--pole", "odatis", "--email", "alice@example.org")
    password = output.split("change it at /accounts/password_change/): ")[1].split()[0]
    assert len(password) >= 16
    user = get_user_model().objects.get(username="alice")
    assert user.check_password(password) and user.email == "alice@example.org"
    assert HubMembership.objects.get(user=user).role == "admin"
    assert login(Client(), "alice", password).status_code == 302
    # Each account gets its own password: no default.
    other = run("add", "bob", "--pole", "AERIS")
    assert password not in other


def test_hubadmin_add_reads_the_password_from_stdin_and_sets_the_role():
    run("add", "carol", "--pole", "AERIS", "--role", "editor", "--password-stdin", stdin="a long enough passphrase\n")
    user = get_user_model().objects.get(username="carol")
    assert user.check_password("a long enough passphrase")
    assert HubMembership.objects.get(user=user).role == "editor"


def test_hubadmin_refuses_a_weak_password_and_an_unknown_hub():
    with pytest.raises(CommandError, match="password refused"):
        run("add", "dave", "--pole", "AERIS", "--password-stdin", stdin="123\n")
    with pytest.raises(CommandError, match="no hub 'NOPE'"):
        run("add", "dave", "--pole", "NOPE")


def test_hubadmin_keeps_an_existing_password_and_lists_and_removes_roles():
    run("add", "erin", "--pole", "ODATIS", "--password-stdin", stdin="erin's long passphrase\n")
    output = run("add", "erin", "--pole", "THEIA", "--role", "editor")
    assert "password" not in output.split("\n", 1)[1].split("log in")[0]
    assert get_user_model().objects.get(username="erin").check_password("erin's long passphrase")
    listing = run("list")
    assert "ODATIS" in listing and "THEIA" in listing and "erin" in listing
    assert "ODATIS" not in run("list", "--pole", "THEIA")
    assert "removed" in run("remove", "erin", "--pole", "THEIA")
    assert "THEIA" not in run("list")
    with pytest.raises(CommandError, match="has no role"):
        run("remove", "erin", "--pole", "THEIA")


def test_a_hub_admin_adds_and_removes_people_of_their_hub_from_the_page(users):
    client = Client()
    client.force_login(users["odatis_admin"])
    url = reverse("workspace:people", args=["ODATIS"])
    page = client.get(url).content.decode()
    assert "eddy" in page and "aeris-ann" not in page
    assert client.post(url, {"username": "nobody", "role": "editor"}).status_code == 302
    assert HubMembership.objects.get(user=users["nobody"]).role == "editor"
    missing = client.post(url, {"username": "ghost", "role": "editor"}, follow=True).content.decode()
    assert "No active account named ghost" in missing
    remove = reverse("workspace:people_remove", args=["ODATIS", users["nobody"].pk])
    assert client.post(remove).status_code == 302
    assert not HubMembership.objects.filter(user=users["nobody"]).exists()
    yourself = reverse("workspace:people_remove", args=["ODATIS", users["odatis_admin"].pk])
    assert "You cannot remove yourself" in client.post(yourself, follow=True).content.decode()
    assert HubMembership.objects.filter(user=users["odatis_admin"]).exists()
