"""`manage.py search_rank_indexes build|drop|status`: the RUM indexes SEARCH_RANK_FROM_INDEX reads
(catalogue/search/backends/rank_indexes.py). Build them before turning the setting on; drop them after turning it
off (they slow every harvest down and nothing reads them)."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection

from catalogue.search.backends import rank_indexes


class Command(BaseCommand):
    help = "Build, drop or show the RUM indexes that SEARCH_RANK_FROM_INDEX reads."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["build", "drop", "status"])

    def handle(self, *args, action: str, **options):
        started = time.monotonic()
        with connection.cursor() as cursor:
            if action == "build":
                done = rank_indexes.build(cursor)
                self.stdout.write(
                    f"built {', '.join(done) or 'nothing (all there)'} in {time.monotonic() - started:.1f} s"
                )
            elif action == "drop":
                done = rank_indexes.drop(cursor)
                self.stdout.write(f"dropped {', '.join(done) or 'nothing (none there)'}")
            there = rank_indexes.present(cursor)
        setting = "on" if settings.SEARCH_RANK_FROM_INDEX else "off"
        self.stdout.write(
            f"RUM rank indexes present: {', '.join(sorted(there)) or 'none'}; SEARCH_RANK_FROM_INDEX is {setting}"
        )
        if settings.SEARCH_RANK_FROM_INDEX and len(there) < len(rank_indexes.RANK_INDEXES):
            self.stderr.write("SEARCH_RANK_FROM_INDEX is on but indexes are missing: run `search_rank_indexes build`")
