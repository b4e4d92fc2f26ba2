"""Harvest jobs: claim a source, run client -> crosswalk -> ingest page by page, decide deletions, report.

Plain functions; the Celery task and the `harvest` command both call `run_job`.

Guarantees (each one answers a complaint about existing harvesters, see ../shared/NOTES.md §5):
- One running job per source: the partial unique index on HarvestJob is the lock; a job whose worker stopped beating
  for HARVEST_STALE_JOB_SECONDS can be taken over and resumes from its checkpoint.
- One transaction per page: the page's records, tombstones, errors, counts and the checkpoint to resume after it
  commit together, so a killed worker loses at most the page in flight and never skips one.
- One bad record never aborts a run: it becomes a HarvestError (identifier, message, XML excerpt) and the run
  ends "partial". A bad page is retried by the client, then recorded; the run goes on or ends "partial".
- Nothing harvested is lost on failure: records are only tombstoned by an explicit deletion at the source, or by a
  FULL run whose listing completed, and never more than HARVEST_MASS_DELETE_SHARE of a source without
  allow_mass_delete.
"""

from __future__ import annotations

import logging
import os
import queue
import socket
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.utils import timezone

from catalogue.records.ingest import IngestItem, IngestResult, delete_from_source, ingest_batch
from catalogue.records.models import RecordSource
from harvesters.crosswalks import CrosswalkError, parse_harvested
from harvesters.models import HarvestError, HarvestJob
from harvesters.protocols.base import Page, ProtocolError, client_class, excerpt
from poles.models import HarvestSource

logger = logging.getLogger(__name__)
Status = HarvestJob.Status
FINISHED = {Status.SUCCESS, Status.PARTIAL, Status.FAILED, Status.CANCELLED}
MAX_LOG_CHARS = 200_000
ProgressCallback = Callable[[HarvestJob, Page], None]


class NotClaimedError(Exception):
    """The job cannot run now (finished, or another job of the source is running). The message says which."""


class TakenOverError(Exception):
    """Another worker took this job over (we were presumed dead): stop without touching it."""


def create_job(source: HarvestSource, *, full: bool = False, allow_mass_delete: bool = False) -> HarvestJob:
    mode = HarvestJob.Mode.FULL if full else HarvestJob.Mode.INCREMENTAL
    return HarvestJob.objects.create(source=source, mode=mode, allow_mass_delete=allow_mass_delete)


def active_job(source: HarvestSource) -> HarvestJob | None:
    return HarvestJob.objects.filter(source=source, status__in=[Status.QUEUED, Status.RUNNING]).first()


def stale_after_seconds(source: HarvestSource) -> int:
    """How long a running job of ``source`` may stay silent before it counts as stuck: the source's own timeout."""
    return source.stale_after_seconds or settings.HARVEST_STALE_JOB_SECONDS


def is_stale(job: HarvestJob, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    beat = job.heartbeat_at or job.started_at or job.created_at
    return beat < now - timedelta(seconds=stale_after_seconds(job.source))


def abort_job(job: HarvestJob, reason: str) -> bool:
    """Cancel a queued or running job. A running worker notices at its next page (its writes are conditional on
    the job still being "running" and its own) and stops. Returns False when the job had already finished."""
    now = timezone.now()
    line = log_line(reason, now)
    with transaction.atomic():
        current = HarvestJob.objects.select_for_update().filter(pk=job.pk).first()
        if current is None or current.status in FINISHED:
            return False
        current.status, current.finished_at = Status.CANCELLED, now
        current.error_summary = reason[:5000]
        current.log = (current.log + line)[-MAX_LOG_CHARS:]
        current.save(update_fields=["status", "finished_at", "error_summary", "log"])
    job.refresh_from_db()
    return True


# Errors about a page, or a record without an identifier, carry the page's position, not a record identifier.
PAGE_POSITION = r"^(page |startPosition=|resumptionToken=|first page$|files \d)"


def create_retry_job(job: HarvestJob) -> HarvestJob | None:
    """A job that fetches again only the records that failed in ``job`` (not its unreadable pages)."""
    identifiers = list(
        dict.fromkeys(
            job.errors.exclude(identifier="")
            .exclude(identifier__regex=PAGE_POSITION)
            .values_list("identifier", flat=True)
        )
    )
    if not identifiers:
        return None
    return HarvestJob.objects.create(
        source=job.source,
        mode=HarvestJob.Mode.RETRY,
        checkpoint={"retry_identifiers": identifiers, "retry_of": job.pk},
    )


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def log_line(message: str, now: datetime | None = None) -> str:
    return f"{(now or timezone.now()):%Y-%m-%d %H:%M:%S}Z {message}\n"


def claim_job(job_id: int, worker: str | None = None) -> HarvestJob:
    """Mark the job running for ``worker``, atomically. Raises NotClaimedError with the reason otherwise.

    A queued job that cannot start because another job of its source is running is cancelled (with the reason),
    so refused jobs do not pile up in the queue.
    """
    worker = worker or worker_name()
    now = timezone.now()
    refusal = ""
    with transaction.atomic():
        job = HarvestJob.objects.select_for_update().select_related("source", "source__pole").filter(pk=job_id).first()
        if job is None:
            raise NotClaimedError(f"no job #{job_id} (deleted, or queued from another database)")
        if job.status in FINISHED:
            raise NotClaimedError(f"job #{job.pk} already finished ({job.status})")
        if job.status == Status.RUNNING:
            if not is_stale(job, now):
                raise NotClaimedError(
                    f"job #{job.pk} is running on {job.worker} (heartbeat {job.heartbeat_at:%H:%M:%S})"
                )
            job.log += log_line(f"taking over from {job.worker}, silent since {job.heartbeat_at}; resuming", now)
        else:
            other = (
                HarvestJob.objects.select_for_update()
                .filter(source=job.source, status=Status.RUNNING)
                .exclude(pk=job.pk)
                .first()
            )
            if other and not is_stale(other, now):
                refusal = f"not started: job #{other.pk} of {job.source.slug} is already running"
            elif other:
                # Its worker died: retire it, and carry its checkpoint on when it was the same kind of run.
                other.status, other.finished_at = Status.FAILED, now
                other.error_summary = f"worker lost (no heartbeat since {other.heartbeat_at}); job #{job.pk} took over"
                other.log += log_line(other.error_summary, now)
                other.save()
                if other.mode == job.mode and other.checkpoint:
                    job.checkpoint = other.checkpoint
                    job.seen, job.created, job.updated = other.seen, other.created, other.updated
                    job.unchanged, job.deleted, job.failed = other.unchanged, other.deleted, other.failed
                    job.log += log_line(f"resuming from the checkpoint of job #{other.pk}", now)
            job.started_at = job.started_at or now
        if not refusal:
            job.status, job.worker, job.heartbeat_at = Status.RUNNING, worker, now
            try:
                with transaction.atomic():
                    job.save()
            except IntegrityError:  # another worker claimed a job of this source between our read and our write
                refusal = f"not started: another job of {job.source.slug} started at the same time"
    if refusal:
        HarvestJob.objects.filter(pk=job_id).update(
            status=Status.CANCELLED, finished_at=now, error_summary=refusal, log=job.log + log_line(refusal, now)
        )
        raise NotClaimedError(refusal)
    return job


def run_job(job_id: int, *, worker: str | None = None, progress: ProgressCallback | None = None) -> HarvestJob:
    """Claim and run one job to its end. Returns the finished job; raises NotClaimedError if it cannot start."""
    job = claim_job(job_id, worker)
    run = _Run(job, progress)
    try:
        run.execute()
    except TakenOverError:
        logger.warning("job #%s was taken over by another worker; stopping", job.pk)
    except KeyboardInterrupt:
        run.finish(Status.CANCELLED, "interrupted; the checkpoint is kept")
        raise
    except Exception as exc:  # a bug or a lost database: say so on the job rather than leave it "running"
        logger.exception("harvest job #%s crashed", job.pk)
        run.finish(Status.FAILED, f"unexpected error: {type(exc).__name__}: {exc}")
    refresh_search_aids(job)
    announce_health(job)
    return job


def announce_health(job: HarvestJob) -> None:
    """E-mail the hub's admins if the run changed the source's health. Never fails the harvest."""
    from harvesters.alerts import alert_on_change

    try:
        alert_on_change(job.source)
    except Exception:  # the run is stored; a mail server down must not turn it into a failure
        logger.exception("could not send the health alert after job #%s", job.pk)


def refresh_search_aids(job: HarvestJob) -> None:
    """After a run that changed records, rebuild the search's word list (suggestions, "did you mean").

    Once per run, not per page: the refresh reads the whole catalogue. A failure here never fails the harvest.
    """
    if not (job.created or job.updated or job.deleted):
        return
    from catalogue.search.indexing import refresh_terms_now

    try:
        refresh_terms_now()
    except Exception:  # the records are stored; stale suggestions are not worth failing a harvest for
        logger.exception("could not refresh the search terms after job #%s", job.pk)


def prefetched(pages: Iterator[Page], depth: int = 1, prepare: Callable = lambda page: page) -> Iterator:
    """Fetch (and ``prepare``: parse) the next page in a thread while this one is written to the database: a harvest
    then takes about max(fetching + parsing, writing) instead of their sum. Pages still come out in order, so
    checkpoints stay exact; the client's errors are raised here, in the job's thread."""
    buffer: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()
    done = object()

    def put(item) -> bool:
        """Hand ``item`` over unless the consumer has gone; False when it has."""
        while not stop.is_set():
            try:
                buffer.put(item, timeout=0.5)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for page in pages:
                if not put(prepare(page)):
                    return
            put(done)
        except BaseException as exc:  # noqa: BLE001 - handed over to the consumer, which re-raises it
            put(exc)

    thread = threading.Thread(target=produce, name="harvest-prefetch", daemon=True)
    thread.start()
    try:
        while True:
            item = buffer.get()
            if item is done:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        thread.join(timeout=5)


@dataclass
class ParsedPage:
    items: list[IngestItem] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)  # source identifiers the source reports deleted
    errors: list[HarvestError] = field(default_factory=list)
    touched: list[str] = field(default_factory=list)  # present at the source but unreadable: keep them alive


class _Run:
    def __init__(self, job: HarvestJob, progress: ProgressCallback | None):
        self.job = job
        self.source = job.source
        self.progress = progress
        self.pending_log: list[str] = []
        self.log_lock = threading.Lock()
        self.failed_pages = 0

    def log(self, message: str) -> None:  # called from the prefetching thread too
        logger.info("[%s #%s] %s", self.source.slug, self.job.pk, message)
        with self.log_lock:
            self.pending_log.append(log_line(message))

    def execute(self) -> None:
        job, source, now = self.job, self.source, timezone.now()
        HarvestSource.objects.filter(pk=source.pk).update(last_attempt_at=now)
        state = job.checkpoint or {}
        retry_identifiers = state.get("retry_identifiers")
        if state.get("run_started_at"):
            self.log(f"resuming at {state.get('client') or 'the start'}")
        else:
            if job.mode == HarvestJob.Mode.INCREMENTAL and source.last_success_at is None:
                job.mode = HarvestJob.Mode.FULL
                self.log("no earlier successful harvest: running a full harvest")
            since = source.last_success_at if job.mode == HarvestJob.Mode.INCREMENTAL else None
            state = {
                **state,
                "run_started_at": (job.started_at or now).isoformat(),
                "since": since.isoformat() if since else None,
                "client": {},
                "failed_pages": 0,
                "listing_complete": True,
            }
            self.log(f"{job.mode} harvest of {source.url} ({source.protocol})" + (f" since {since}" if since else ""))
        job.checkpoint = state
        self.failed_pages = int(state.get("failed_pages", 0))
        self.save()
        since = datetime.fromisoformat(state["since"]) if state.get("since") else None
        client = client_class(source.protocol)(source, since=since, checkpoint=state["client"], log=self.log)
        try:
            try:
                client.check()
            except ProtocolError as exc:
                self.finish(Status.FAILED, f"cannot harvest {source.url}: {exc}")
                return
            pages = client.record_pages(retry_identifiers) if retry_identifiers else client.pages()
            if retry_identifiers:
                self.log(
                    f"fetching again the {len(retry_identifiers)} record(s) that failed in job #{state.get('retry_of')}"
                )
            for page, parsed in prefetched(pages, prepare=lambda page: (page, self.parse(page))):
                self.process(page, parsed)
                if self.progress:
                    self.progress(job, page)
        finally:
            client.close()
        # A retry lists only some records: its mode (not full) keeps it from inferring deletions.
        complete = client.listing_complete and state.get("listing_complete", True)
        self.conclude(complete, run_started_at=datetime.fromisoformat(state["run_started_at"]))

    def parse(self, page: Page) -> ParsedPage:
        """Crosswalk every document of a page. No database access: it runs in the prefetching thread, so parsing
        page N+1 overlaps the database writes of page N."""
        parsed = ParsedPage()
        for problem in page.problems:
            parsed.errors.append(
                HarvestError(
                    job=self.job, identifier=problem.identifier[:500], message=problem.message, excerpt=problem.excerpt
                )
            )
            parsed.touched.append(problem.identifier)
        for document in page.documents:
            if document.deleted:
                parsed.deleted.append(document.source_identifier)
                continue
            try:
                format_name, record = parse_harvested(document)
            except CrosswalkError as exc:
                message = str(exc)
            except Exception as exc:  # a crosswalk bug must cost one record, not the run
                logger.exception("crosswalk crashed on %s", document.source_identifier)
                message = f"crosswalk crashed: {type(exc).__name__}: {exc}"
            else:
                if not document.source_identifier:
                    document.source_identifier = record.identifier
                parsed.items.append(IngestItem(document, record, format_name))
                continue
            finally:
                document.element = None  # read: the page's tree can go as soon as nothing else holds it
            parsed.errors.append(
                HarvestError(
                    job=self.job,
                    identifier=(document.source_identifier or page.position)[:500],
                    message=message,
                    excerpt=excerpt(document.content),
                )
            )
            parsed.touched.append(document.source_identifier)
        return parsed

    def process(self, page: Page, parsed: ParsedPage | None = None) -> None:
        """Store one page in one transaction: records, tombstones, errors, counts, checkpoint, heartbeat."""
        job, now = self.job, timezone.now()
        parsed = parsed or self.parse(page)
        items, deleted, errors, touched = parsed.items, parsed.deleted, parsed.errors, parsed.touched
        if page.failure:
            self.failed_pages += 1
            errors.append(
                HarvestError(
                    job=job,
                    identifier=f"page {page.position}"[:500],
                    message=page.failure,
                    excerpt=page.failure_excerpt,
                )
            )
            self.log(f"page {page.position} failed: {page.failure}")
        with transaction.atomic():
            result = ingest_batch(self.source, items, now=now) if items else IngestResult()
            if deleted:
                result.add(delete_from_source(self.source, deleted, f"deleted at source {self.source.slug}", now=now))
            if touched:
                # A record that failed to parse is still at the source: keep our last good version alive.
                RecordSource.objects.filter(source=self.source, source_identifier__in=touched).update(last_seen=now)
            HarvestError.objects.bulk_create(errors)
            job.seen += len(page.documents) + len(page.problems)
            job.created += result.created
            job.updated += result.updated
            job.unchanged += result.unchanged
            job.deleted += result.deleted
            job.failed += len(errors) - bool(page.failure)
            if page.total_expected is not None:
                job.total_expected = page.total_expected
            job.checkpoint = {**job.checkpoint, "client": page.checkpoint, "failed_pages": self.failed_pages}
            if page.failure:
                job.checkpoint["listing_complete"] = False
            self.save()

    def conclude(self, listing_complete: bool, run_started_at: datetime) -> None:
        job = self.job
        problems = []
        if self.failed_pages:
            problems.append(f"{self.failed_pages} page(s) could not be read")
        if job.failed:
            problems.append(f"{job.failed} record(s) failed")
        if not listing_complete:
            problems.append("the listing did not complete (see the log)")
        if job.mode == HarvestJob.Mode.FULL:
            if listing_complete:
                refusal = self.delete_missing(run_started_at)
                if refusal:
                    problems.append(refusal)
            else:
                self.log("no deletions inferred: the listing is incomplete")
        if self.failed_pages and not (job.created or job.updated or job.unchanged or job.deleted or job.failed):
            self.finish(Status.FAILED, "; ".join(problems))
        elif problems:
            self.finish(Status.PARTIAL, "; ".join(problems))
        else:
            success_since = None if job.mode == HarvestJob.Mode.RETRY else run_started_at
            self.finish(Status.SUCCESS, "", success_since=success_since)

    def delete_missing(self, run_started_at: datetime) -> str:
        """Tombstone what a complete full listing did not mention. Returns a refusal message, or ""."""
        live = RecordSource.objects.filter(source=self.source, deleted_at_source__isnull=True)
        missing = list(live.filter(last_seen__lt=run_started_at).values_list("source_identifier", flat=True))
        if not missing:
            return ""
        total = live.count()
        share = settings.HARVEST_MASS_DELETE_SHARE
        if len(missing) > share * total and not self.job.allow_mass_delete:
            message = (
                f"refused to delete {len(missing)} of {total} records ({len(missing) / total:.0%}, over the "
                f"{share:.0%} limit) no longer listed by the source; nothing was deleted. If the source really "
                f"removed them, run again with --allow-mass-delete"
            )
            self.log(message)
            self.job.mass_delete_refused = len(missing)
            return message
        with transaction.atomic():
            result = delete_from_source(
                self.source, missing, f"no longer listed by {self.source.slug} (full harvest #{self.job.pk})"
            )
            self.job.deleted += result.deleted
            self.log(f"{len(missing)} record(s) no longer listed: tombstoned ({result.deleted} records now deleted)")
            self.save()
        return ""

    def save(self, **extra) -> None:
        """Write progress, checkpoint and heartbeat, only if the job is still ours (not taken over)."""
        job = self.job
        job.heartbeat_at = timezone.now()
        with self.log_lock:
            lines, self.pending_log = self.pending_log, []
        if lines:
            job.log = (job.log + "".join(lines))[-MAX_LOG_CHARS:]
        fields = {
            name: getattr(job, name)
            for name in (
                "mode",
                "checkpoint",
                "seen",
                "created",
                "updated",
                "unchanged",
                "deleted",
                "failed",
                "total_expected",
                "heartbeat_at",
                "log",
                "status",
                "finished_at",
                "error_summary",
                "live_records_after",
                "newest_datestamp",
                "mass_delete_refused",
            )
        }
        fields.update(extra)
        updated = HarvestJob.objects.filter(pk=job.pk, worker=job.worker, status=Status.RUNNING).update(**fields)
        if not updated:
            raise TakenOverError(job.pk)

    def finish(self, status: str, summary: str, success_since: datetime | None = None) -> None:
        job, now = self.job, timezone.now()
        duration = (now - job.started_at).total_seconds() if job.started_at else 0
        self.log(
            f"finished {status} in {duration:.1f}s: seen {job.seen}, created {job.created}, updated {job.updated}, "
            f"unchanged {job.unchanged}, deleted {job.deleted}, failed {job.failed}"
            + (f" — {summary}" if summary else "")
        )
        job.status, job.finished_at, job.error_summary = status, now, summary[:5000]
        measured = RecordSource.objects.filter(source=self.source, deleted_at_source__isnull=True).aggregate(
            live=Count("id"), newest=Max("datestamp")
        )
        job.live_records_after, job.newest_datestamp = measured["live"], measured["newest"]
        self.save()
        if success_since:
            # The start of the run, not its end: records changed while we were harvesting are read again next time.
            HarvestSource.objects.filter(pk=self.source.pk).update(last_success_at=success_since)
