"""A private PostgreSQL 15 cluster (fresh initdb on a free port in a temporary folder, owned by the postgres user,
PostGIS and RUM from the system packages), for faults that must never reach the shared cluster: restarts, crashes.

    pg = PrivatePostgres("datatera_faults"); pg.start(); pg.create_database(); ...; pg.destroy()

`manage(pg, "migrate")` and `env_for(pg)` run Django against it in another process (the test process's own
database is the shared cluster's test database).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG_BIN = Path("/usr/lib/postgresql/15/bin")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def as_postgres(*command: str, **kwargs) -> subprocess.CompletedProcess:
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return subprocess.run([*prefix, *command], check=True, capture_output=True, text=True, **kwargs)


class PrivatePostgres:
    def __init__(self, database: str = "datatera_faults"):
        self.folder = Path(tempfile.mkdtemp(prefix="datatera-private-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self.database = database
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        as_postgres(str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    @property
    def log(self) -> Path:
        return self.folder / "log"

    def ctl(self, *args: str) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.folder} -c fsync=off"
        as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-o", options, "-w", "-l", str(self.log), *args)

    def psql(self, sql: str, db: str = "postgres") -> str:
        return as_postgres(
            str(PG_BIN / "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-d", db, "-q", "-t", "-A", "-c", sql
        ).stdout.strip()

    def create_database(self) -> None:
        self.psql(f"CREATE DATABASE {self.database}")
        self.psql("CREATE EXTENSION postgis; CREATE EXTENSION pg_trgm; CREATE EXTENSION unaccent;", self.database)

    def start(self) -> None:
        self.ctl("start")

    def restart(self) -> None:
        self.ctl("restart", "-m", "fast")

    def destroy(self) -> None:
        try:
            self.ctl("stop", "-m", "immediate")
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.folder, ignore_errors=True)


def env_for(pg: PrivatePostgres, **extra: str) -> dict[str, str]:
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("TEST_")},
        "DJANGO_SETTINGS_MODULE": "datatera.settings",
        "DATABASE_URL": pg.url,
        "SEARCH_CACHE_SECONDS": "0",
        "API_ANON_RATE": "100000/minute",
        **extra,
    }


def manage(pg: PrivatePostgres, *args: str, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env_for(pg, **extra),
        check=True,
        capture_output=True,
        text=True,
        timeout=1800,
    )
