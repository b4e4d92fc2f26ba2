"""`manage.py hubadmin add|list|remove`: hub admins and editors, from the command line.

    hubadmin add <username> --pole ODATIS [--role admin|editor] [--email E] [--password-stdin]
    hubadmin list [--pole ODATIS]
    hubadmin remove <username> --pole ODATIS

A new account gets the password read from stdin with --password-stdin, or else a random one printed once (never a
default password). An existing account keeps its password unless --password-stdin is given.
"""

from __future__ import annotations

import secrets
import sys

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from poles.models import HubMembership, Pole
from workspace.models import AuditEvent
from workspace.services import audit


class Command(BaseCommand):
    help = "Add, list or remove hub admins and editors."

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="give a user a role in a hub (the user is created if needed)")
        add.add_argument("username")
        add.add_argument("--pole", required=True, help="hub code: AERIS, FORMATER, ODATIS, THEIA")
        add.add_argument("--role", choices=[r.value for r in HubMembership.Role], default=HubMembership.Role.ADMIN)
        add.add_argument("--email", default=None)
        add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
        listing = sub.add_parser("list", help="list hub members")
        listing.add_argument("--pole", default=None)
        remove = sub.add_parser("remove", help="remove a user's role in a hub (the account stays)")
        remove.add_argument("username")
        remove.add_argument("--pole", required=True)

    def handle(self, *args, **options) -> None:
        getattr(self, f"handle_{options['action']}")(options)

    def _pole(self, code: str) -> Pole:
        pole = Pole.objects.filter(code__iexact=code).first()
        if pole is None:
            known = ", ".join(Pole.objects.values_list("code", flat=True))
            raise CommandError(f"no hub {code!r} (known: {known})")
        return pole

    def handle_add(self, options: dict) -> None:
        pole = self._pole(options["pole"])
        User = get_user_model()  # noqa: N806 - Django's own idiom
        password = None
        if options["password_stdin"]:
            password = sys.stdin.readline().rstrip("\n")
            if not password:
                raise CommandError("--password-stdin: no password on standard input")
        with transaction.atomic():
            user, created = User.objects.get_or_create(username=options["username"])
            if options["email"] is not None:
                user.email = options["email"]
            generated = None
            if password is None and created:
                generated = password = secrets.token_urlsafe(12)
            if password is not None:
                try:
                    password_validation.validate_password(password, user)
                except ValidationError as exc:
                    raise CommandError("password refused: " + " ".join(exc.messages)) from None
                user.set_password(password)
            user.save()
            membership, _ = HubMembership.objects.update_or_create(
                user=user, pole=pole, defaults={"role": options["role"]}
            )
            audit(None, pole, AuditEvent.Action.MEMBER_ADDED, changes={"user": user.username, "role": membership.role})
        verb = "created" if created else "updated"
        self.stdout.write(f"{user.username} {verb}: {membership.role} of {pole.code}")
        if generated:
            self.stdout.write(f"password (shown once, change it at /accounts/password_change/): {generated}")
        self.stdout.write("log in at /accounts/login/")

    def handle_list(self, options: dict) -> None:
        memberships = HubMembership.objects.select_related("user", "pole").order_by("pole__code", "user__username")
        if options["pole"]:
            memberships = memberships.filter(pole=self._pole(options["pole"]))
        rows = [(m.pole.code, m.user.username, m.role, m.user.email or "-") for m in memberships]
        if not rows:
            self.stdout.write("no hub members")
            return
        width = max(len(r[1]) for r in rows)
        for code, username, role, email in rows:
            self.stdout.write(f"{code:<9} {username:<{width}} {role:<7} {email}")

    def handle_remove(self, options: dict) -> None:
        pole = self._pole(options["pole"])
        deleted, _ = HubMembership.objects.filter(user__username=options["username"], pole=pole).delete()
        if not deleted:
            raise CommandError(f"{options['username']} has no role in {pole.code}")
        audit(None, pole, AuditEvent.Action.MEMBER_REMOVED, changes={"user": options["username"]})
        self.stdout.write(f"{options['username']} removed from {pole.code}")
