"""Regression test of the PostgreSQL crash of 4 Dec (a backend killed by signal 11 in the ranked search statement,
`ORDER BY coalesce(search_vector, '') <=> ...`, read from a RUM index): RUM 1.3 reads uninitialised memory when a
lexeme's postings were all removed by VACUUM (postgrespro/rum#183). Reproduced here on a private cluster with
tests/operations/rum_vacuum_case.py: with the RUM order the search service's second-tier statement crashed the
server. Relevance is now ts_rank over the GIN index's matches (SEARCH_RANK_FROM_INDEX off): the same searches,
in fresh connections, after the same deletions and VACUUM, answer every match and the server stays up.

The case runs on a private PostgreSQL (tests/private_postgres.py), never on the shared cluster: if the fix
regressed, the crash would restart every session's database.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.operations.rum_vacuum_case import QUERIES
from tests.private_postgres import ROOT, PrivatePostgres, env_for, manage

RUM_SCANS = (
    "SELECT coalesce(sum(idx_scan), 0) FROM pg_stat_user_indexes "
    "WHERE indexrelname IN ('record_search_vector_rum', 'record_title_vector_rum')"
)


@pytest.fixture(scope="module")
def private_pg():
    pg = PrivatePostgres("datatera_rum")
    try:
        pg.start()
        pg.create_database()
        manage(pg, "migrate", "--noinput", "-v", "0")
        yield pg
    finally:
        pg.destroy()


def case(pg: PrivatePostgres, *steps: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tests.operations.rum_vacuum_case", *steps],
        cwd=ROOT,
        env=env_for(pg),
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_searches_after_vacuum_emptied_a_lexeme_find_every_match_and_the_server_stays_up(private_pg):
    prepared = case(private_pg, "prepare")
    assert prepared.returncode == 0, prepared.stderr[-2000:]
    assert private_pg.psql("SELECT count(*) FROM catalogue_record", private_pg.database) == "60"
    # The indexes are there (prepare builds them, as a deployment that once ran with the setting on has them).
    indexes = RUM_SCANS.replace("coalesce(sum(idx_scan), 0)", "count(*)")
    assert private_pg.psql(indexes, private_pg.database) == "2"
    started = private_pg.psql("SELECT pg_postmaster_start_time()")
    before = private_pg.psql(RUM_SCANS, private_pg.database)

    # With the RUM order, 2 of 5 such rounds crashed the server here (rum 1.3.13): three rounds, fresh backends.
    for _ in range(3):
        searched = case(private_pg, "search")
        log = private_pg.log.read_text()
        assert "terminated by signal" not in log, log[-3000:]
        assert searched.returncode == 0, searched.stderr[-2000:]
    assert private_pg.psql("SELECT pg_postmaster_start_time()") == started  # no crash recovery either
    results = json.loads(searched.stdout.splitlines()[-1])
    assert set(results) == set(QUERIES)
    for q, result in results.items():
        assert result["hits"] == result["expected"], q
        assert result["count"] == len(result["expected"]), q
    assert results["zq9"]["count"] == 0 and len(results["zq9 OR sea"]["hits"]) == 60
    # The ranked statements no longer read the RUM indexes at all (statistics flushed when each backend ended).
    after = private_pg.psql(RUM_SCANS, private_pg.database)
    assert after == before
