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
import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from catalogue.records.ingest import IngestItem, IngestResult, delete_from_source, ingest_batch
from catalogue.records.models import RecordSource
from harvesters.crosswalks import CrosswalkError, parse_harvested
from harvesters.job_queue import MAX_LOG_CHARS, Status, claim_job, log_line
from harvesters.models import HarvestError, HarvestJob
from harvesters.protocols.base import Page, ProtocolError, excerpt
from harvesters.protocols.registry import client_class
from harvesters.signals import job_finished
from poles.models import HarvestSource

logger = logging.getLogger(__name__)
ProgressCallback = Callable[[HarvestJob, Page], None]


class TakenOverError(Exception):
    """Another worker took this job over (we were presumed dead): stop without touching it."""


def run_job(job_id: int, *, worker: str | None = None, progress: ProgressCallback | None = None) -> HarvestJob:
    """Claim and run one job to its end. Returns the finished job; raises NotClaimedError if it cannot start."""
    job = claim_job(job_id, worker)
    run = HarvestRun(job, progress)
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
    job_finished.send(sender=HarvestJob, job=job)  # harvesters.alerts: e-mail the admins if the health changed
    return job


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


class HarvestRun:
    """One claimed job from its first page to its end: fetch (client), parse (crosswalk), write (ingest) page by
    page with the checkpoint, then decide deletions and finish the job with its counts and status."""

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
