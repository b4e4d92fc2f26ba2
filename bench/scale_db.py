"""Throw-away databases of generated records for the scale benchmarks (bench/bench_scale.py).

`bench_scale_<N>` is created on the project's PostgreSQL server, migrated, and filled by `manage.py generate_records
--count N` (the command under test: its wall time and rate are part of the figures). Dropped at the end of a run
unless `--keep` (a 1M database takes minutes to build and several GB of disk: keep it between parts, drop it after).
Run as a library: nothing here is a benchmark of its own.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANAGE = [sys.executable, str(ROOT / "manage.py")]


def load() -> str:
    """The load average when a figure is taken (2 cores shared with other work: read figures with it)."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def database_name(count: int) -> str:
    return f"bench_scale_{count}"


def url_for(name: str) -> str:
    """The project's DATABASE_URL with another database name."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def _admin(statement: str) -> None:
    import psycopg
    from django.conf import settings

    db = settings.DATABASES["default"]
    with psycopg.connect(
        dbname="postgres", user=db["USER"], password=db["PASSWORD"], host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432, autocommit=True,
    ) as conn:  # fmt: skip
        conn.execute(statement)


def live_records(name: str) -> int | None:
    """Live records in the database, None when it does not exist."""
    import psycopg

    try:
        with psycopg.connect(url_for(name).replace("postgres://", "postgresql://")) as conn:
            return conn.execute("SELECT count(*) FROM catalogue_record WHERE NOT deleted").fetchone()[0]
    except psycopg.Error:
        return None


def drop(name: str) -> None:
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(name: str, *args: str) -> str:
    env = {**os.environ, "DATABASE_URL": url_for(name)}
    done = subprocess.run([*MANAGE, *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return done.stdout


def build(count: int, reuse: bool = True) -> tuple[str, dict | None]:
    """The database of `count` generated records; returns (name, generation figures or None when reused)."""
    name = database_name(count)
    if reuse and (live_records(name) or 0) >= count:
        return name, None
    drop(name)
    _admin(f'CREATE DATABASE "{name}"')
    manage(name, "migrate", "--no-input", "-v", "0")
    started, load_before = time.perf_counter(), load()
    out = manage(name, "generate_records", "--count", str(count), "--seed", "1", "--no-progress")
    elapsed = time.perf_counter() - started
    figures = {"count": count, "seconds": elapsed, "rate": count / elapsed, "load": f"{load_before} -> {load()}"}
    summary = re.search(r"rows ([\d.]+) s, indexes after ([\d.]+) s; peak memory (\d+) MB", out)
    if summary:
        figures.update(rows_s=float(summary[1]), indexes_s=float(summary[2]), peak_mb=int(summary[3]))
    figures["output"] = out.strip().splitlines()[-1] if out.strip() else ""
    return name, figures
