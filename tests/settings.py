"""Settings of the test suite: datatera.settings on a private Redis server, queue, cache prefix and search index.

`make test` must pass while `make run` serves on the same machine: a running worker consumes the `celery` queue of
the developer's Redis and would take the tests' jobs, and the tests' cache writes and queue purges would reach the
demo. So the first process of a test run starts its own redis-server on a free loopback port (no persistence, gone
with the run) and exports TEST_REDIS_URL; the Celery workers and `manage.py` processes the tests start inherit it
and join the same private server instead of starting theirs.
"""

from __future__ import annotations

import atexit
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

# What a `make run` beside us uses: the competing-worker test starts a worker on exactly this.
os.environ.setdefault("DEVELOPER_REDIS_URL", os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _die_with_parent() -> None:
    """The private Redis gets SIGTERM when the test process dies, even by SIGKILL (Linux PR_SET_PDEATHSIG)."""
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)


def _start_private_redis() -> str:
    server = shutil.which("redis-server")
    if server is None:
        raise RuntimeError("redis-server not found: run scripts/setup.sh (Debian package redis-server)")
    port = _free_port()
    folder = tempfile.mkdtemp(prefix="datatera-test-redis-")
    process = subprocess.Popen(
        [server, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no", "--dir", folder],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=_die_with_parent,  # no threads exist yet at settings import
    )

    def stop() -> None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(folder, ignore_errors=True)

    atexit.register(stop)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5) as connection:
                connection.sendall(b"PING\r\n")
                if connection.recv(16).startswith(b"+PONG"):
                    return f"redis://127.0.0.1:{port}/0"
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"the tests' private redis-server did not answer on port {port}")


if not os.environ.get("TEST_REDIS_URL"):
    os.environ["TEST_REDIS_URL"] = _start_private_redis()
os.environ["REDIS_URL"] = os.environ["CELERY_BROKER_URL"] = os.environ["TEST_REDIS_URL"]
os.environ["CELERY_QUEUE"] = os.environ["HARVEST_QUEUE"] = "datatera-test"
os.environ["CACHE_KEY_PREFIX"] = "datatera-test"
os.environ["ELASTICSEARCH_INDEX"] = "datatera-test-records"

from datatera.settings import *  # noqa: E402, F403 - the production settings, with the overrides above
