"""The catalogue's invariants, checked with counts (`manage.py catalogue check`, monitoring, after a restore).

Each check is one SQL query over the whole catalogue (a few seconds at a million records), returns how many rows
break it and a few examples to start from; none changes anything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.utils.translation import gettext_lazy as _

from catalogue.records.visibility import public_sql

# ruff: noqa: S608 - the statements interpolate only the visibility fragment (fixed SQL); values are parameters
LIVE = public_sql("r")  # on catalogue_record r

EXAMPLES = 5


@dataclass
class Finding:
    name: str
    description: str
    checked: int  # how many rows the check looked at
    problems: int
    examples: list[str] = field(default_factory=list)
    skipped: str = ""  # why the check did not run ("" = it ran)
    severity: str = "error"  # "error": the data is wrong (exit 1); "warning": something needs a look (exit 0)

    @property
    def ok(self) -> bool:
        return self.problems == 0


def _count_and_examples(count_sql: str, examples_sql: str, params: tuple = ()) -> tuple[int, int, list[str]]:
    with connection.cursor() as cursor:
        cursor.execute(count_sql, params)
        checked, problems = cursor.fetchone()
        examples: list[str] = []
        if problems:
            cursor.execute(examples_sql, (*params, EXAMPLES))
            examples = [str(row[0]) for row in cursor.fetchall()]
    return checked or 0, problems or 0, examples


def live_records_have_a_live_source() -> Finding:
    """A live record none of whose sources still provides it would be shown although no hub publishes it."""
    checked, problems, examples = _count_and_examples(
        f"""SELECT count(*), count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM catalogue_recordsource p
                  WHERE p.record_id = r.id AND p.deleted_at_source IS NULL))
           FROM catalogue_record r WHERE {LIVE}""",
        f"""SELECT r.id FROM catalogue_record r WHERE {LIVE} AND NOT EXISTS (SELECT 1 FROM
                  catalogue_recordsource p WHERE p.record_id = r.id AND p.deleted_at_source IS NULL)
           ORDER BY r.id LIMIT %s""",
    )
    return Finding("live-source", str(_("live records with no live source")), checked, problems, examples)


def stored_hashes_match_the_xml() -> Finding:
    """content_hash is the sha256 of the bytes received: a mismatch is corruption or a write that bypassed ingest."""
    checked, problems, examples = _count_and_examples(
        """SELECT count(*), count(*) FILTER (WHERE encode(sha256(original_xml), 'hex') <> content_hash)
           FROM catalogue_recordsource""",
        """SELECT source_identifier FROM catalogue_recordsource
           WHERE encode(sha256(original_xml), 'hex') <> content_hash ORDER BY id LIMIT %s""",
    )
    description = str(_("original XML whose sha256 differs from the stored hash"))
    return Finding("xml-hash", description, checked, problems, examples)


def search_vectors_present() -> Finding:
    """The trigger fills search_vector on every write; a live record without one is invisible to text search."""
    checked, problems, examples = _count_and_examples(
        f"SELECT count(*), count(*) FILTER (WHERE r.search_vector IS NULL) FROM catalogue_record r WHERE {LIVE}",
        f"SELECT r.id FROM catalogue_record r WHERE {LIVE} AND r.search_vector IS NULL ORDER BY r.id LIMIT %s",
    )
    return Finding("search-vector", str(_("live records without a search vector")), checked, problems, examples)


def external_index_in_step(backend=None) -> Finding:
    """With Elasticsearch: the index holds exactly the live records (missing ones are unfindable, extra ones are
    records shown in results that the catalogue removed)."""
    name = str(_("records missing from or extra in the external search index"))
    if backend is None and settings.SEARCH_BACKEND != "elasticsearch":
        return Finding("external-index", name, 0, 0, skipped=str(_("no external search index configured")))
    if backend is None:
        from catalogue.search.service import get_backend

        backend = get_backend("elasticsearch")
    from elasticsearch.helpers import scan

    indexed = {hit["_id"] for hit in scan(backend.client, index=backend.alias, query={"_source": False}, size=5000)}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT r.id::text FROM catalogue_record r WHERE {LIVE}")
        live = {row[0] for row in cursor.fetchall()}
    missing, extra = sorted(live - indexed), sorted(indexed - live)
    examples = [f"missing {i}" for i in missing[:EXAMPLES]] + [f"extra {i}" for i in extra[:EXAMPLES]]
    return Finding("external-index", name, len(live), len(missing) + len(extra), examples)


def stale_running_jobs() -> Finding:
    """A job "running" with no heartbeat for HARVEST_STALE_JOB_SECONDS lost its worker; the beat re-queues it,
    so one that stays here means the beat is not running."""
    checked, problems, examples = _count_and_examples(
        """SELECT count(*), count(*) FILTER (WHERE heartbeat_at IS NULL
                  OR heartbeat_at < now() - make_interval(secs => %s))
           FROM harvesters_harvestjob WHERE status = 'running'""",
        """SELECT id FROM harvesters_harvestjob WHERE status = 'running' AND (heartbeat_at IS NULL
                  OR heartbeat_at < now() - make_interval(secs => %s)) ORDER BY id LIMIT %s""",
        (settings.HARVEST_STALE_JOB_SECONDS * 2,),
    )
    description = str(_("running harvest jobs without a recent heartbeat"))
    return Finding("stale-job", description, checked, problems, examples, severity="warning")


CHECKS: list[Callable[[], Finding]] = [
    live_records_have_a_live_source,
    stored_hashes_match_the_xml,
    search_vectors_present,
    external_index_in_step,
    stale_running_jobs,
]


def run_checks() -> list[Finding]:
    return [check() for check in CHECKS]
