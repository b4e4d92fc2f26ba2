"""gunicorn settings (scripts/serve.sh): workers, threads and address from the environment, logs to stdout.

gthread workers: each answers GUNICORN_THREADS requests at once, so a slow search does not hold a whole process.
A worker that dies (even by SIGKILL) is replaced by the arbiter; its requests in flight are the only ones lost.
"""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("GUNICORN_WORKERS", str(min(2 * multiprocessing.cpu_count() + 1, 9))))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))  # a request longer than this is a bug: the worker restarts
graceful_timeout = 30
keepalive = 5
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))  # recycle workers after N requests (0 = never)
max_requests_jitter = max(max_requests // 10, 0)
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None  # "-" = stdout; "" = none
errorlog = "-"
# Access lines carry the request id our middleware set, so they join the application's log lines.
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms id=%({x-request-id}o)s'
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
proc_name = "datatera"


def child_exit(server, worker):
    """A dead worker's metrics are merged into the totals, not counted as a live process."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
