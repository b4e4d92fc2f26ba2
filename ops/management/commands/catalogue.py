"""`manage.py catalogue check`: the catalogue's invariants with counts, exit status for monitoring.

Exit 0 when every invariant holds (warnings, such as a stale harvest job, are printed but do not fail), 1 when one
is broken, 2 when the check could not run (database unreachable).
`--json` prints one JSON object for a monitoring system instead of the table.
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from ops.integrity import run_checks


class Command(BaseCommand):
    help = "Operations on the whole catalogue. `check`: verify its invariants and report problems with counts."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser("check", help="verify the invariants; exit 1 if one is broken")
        check.add_argument("--json", action="store_true", help="one JSON object instead of the table")

    def handle(self, *args, action, **options):
        if action != "check":
            raise CommandError(f"unknown action {action!r}")
        try:
            findings = run_checks()
        except DatabaseError as exc:
            self.stderr.write(f"catalogue check could not run: {exc}".strip())
            sys.exit(2)
        broken = [f for f in findings if not f.ok and f.severity == "error"]
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "ok": not broken,
                        "checks": [
                            {
                                "name": f.name,
                                "description": f.description,
                                "checked": f.checked,
                                "problems": f.problems,
                                "examples": f.examples,
                                "skipped": f.skipped,
                                "severity": f.severity,
                            }
                            for f in findings
                        ],
                    }
                )
            )
        else:
            for f in findings:
                if f.skipped:
                    self.stdout.write(f"SKIP {f.name}: {f.skipped}")
                elif f.ok:
                    self.stdout.write(f"OK   {f.name}: 0 {f.description} ({f.checked} checked)")
                else:
                    sample = ", ".join(f.examples)
                    label = "FAIL" if f.severity == "error" else "WARN"
                    self.stdout.write(
                        f"{label} {f.name}: {f.problems} {f.description} ({f.checked} checked; e.g. {sample})"
                    )
            passed = sum(1 for f in findings if f.ok)
            self.stdout.write(f"{passed} of {len(findings)} checks passed; {len(broken)} broken invariant(s)")
        if broken:
            sys.exit(1)
