"""`manage.py harvest <slug>`: one harvest in the foreground, with a progress bar and a summary.

Also `harvest --protocol local` (every enabled source of a protocol, repeatable) and `--queue` (hand the jobs to
Celery instead of running them here). Exit status: 0 success, 1 failed, 3 partial, 4 not started (another job of
the source is running). Unreachable endpoints end as a failed job with the reason, never a traceback.
"""

from __future__ import annotations

import logging
import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from harvesters import job_queue, jobs
from harvesters.models import HarvestJob
from poles.models import HarvestSource

EXIT = {"success": 0, "failed": 1, "cancelled": 1, "partial": 3, "not-started": 4}
SEVERITY = ["success", "partial", "not-started", "failed"]


class Command(BaseCommand):
    help = "Harvest one source now (foreground, progress bar), or all enabled sources of a protocol."

    def add_arguments(self, parser):
        parser.add_argument("slug", nargs="?", help="the source to harvest (see `manage.py source list`)")
        parser.add_argument(
            "--protocol",
            action="append",
            default=[],
            choices=HarvestSource.Protocol.values,
            help="harvest every enabled source of this protocol (repeatable)",
        )
        parser.add_argument(
            "--full", action="store_true", help="list everything and tombstone what the source no longer has"
        )
        parser.add_argument(
            "--allow-mass-delete",
            action="store_true",
            help="allow a full harvest to delete more than the configured share of a source",
        )
        parser.add_argument("--queue", action="store_true", help="queue the jobs for the Celery worker instead")

    def handle(self, *args, slug, protocol, full, allow_mass_delete, queue, **options):
        if options["verbosity"] < 2:
            # The run log goes to the job (and its summary below); INFO lines would break the progress bar.
            logging.getLogger("harvesters").setLevel(logging.WARNING)
        if bool(slug) == bool(protocol):
            raise CommandError("give a source slug, or one or more --protocol (not both)")
        if slug:
            try:
                sources = [HarvestSource.objects.select_related("pole").get(slug=slug)]
            except HarvestSource.DoesNotExist:
                raise CommandError(f"no source {slug!r} (see `manage.py source list`)") from None
        else:
            sources = list(HarvestSource.objects.filter(protocol__in=protocol, enabled=True).order_by("slug"))
            if not sources:
                self.stdout.write(f"no enabled {'/'.join(protocol)} source")
                return
        outcomes = []
        for source in sources:
            if queue:
                outcomes.append(self.queue(source, full, allow_mass_delete))
            else:
                outcomes.append(self.run(source, full, allow_mass_delete))
        worst = max(outcomes, key=SEVERITY.index)
        if EXIT[worst]:
            sys.stdout.flush()
            sys.exit(EXIT[worst])

    def queue(self, source: HarvestSource, full: bool, allow_mass_delete: bool) -> str:
        from harvesters.tasks import harvest_source

        active = job_queue.active_job(source)
        if active:
            self.stdout.write(f"{source.slug}: job #{active.pk} already {active.status}; not queued again")
            return "success"
        job = job_queue.create_job(source, full=full, allow_mass_delete=allow_mass_delete)
        try:
            harvest_source.apply_async(args=[job.pk], retry=False)
        except Exception as exc:  # broker unreachable: say so, leave no queued job that nobody will run
            job.status, job.error_summary = HarvestJob.Status.FAILED, f"could not queue: {exc}"
            job.save(update_fields=["status", "error_summary"])
            self.stderr.write(f"{source.slug}: could not queue the job ({exc}); is Redis/Celery running?")
            return "failed"
        self.stdout.write(f"{source.slug}: queued job #{job.pk} ({job.mode})")
        return "success"

    def run(self, source: HarvestSource, full: bool, allow_mass_delete: bool) -> str:
        job = job_queue.create_job(source, full=full, allow_mass_delete=allow_mass_delete)
        bar = tqdm(desc=source.slug, unit=" rec", file=self.stderr._out, dynamic_ncols=True, leave=True)

        def progress(job: HarvestJob, page) -> None:
            if job.total_expected and bar.total != job.total_expected:
                bar.total = job.total_expected
            bar.update(job.seen - bar.n)
            bar.set_postfix(new=job.created, upd=job.updated, same=job.unchanged, failed=job.failed, refresh=False)

        try:
            job = jobs.run_job(job.pk, progress=progress)
        except job_queue.NotClaimedError as exc:
            bar.close()
            self.stderr.write(f"{source.slug}: not started: {exc}")
            return "not-started"
        finally:
            bar.close()
        self.summary(job)
        return job.status

    def summary(self, job: HarvestJob) -> None:
        seconds = (job.finished_at - job.started_at).total_seconds() if job.finished_at and job.started_at else 0.0
        rate = job.seen / seconds if seconds > 0 else 0.0
        style = {"success": self.style.SUCCESS, "partial": self.style.WARNING}.get(job.status, self.style.ERROR)
        self.stdout.write(
            style(
                f"{job.source.slug}: {job.status} ({job.mode}, job #{job.pk}) in {seconds:.1f}s, "
                f"{rate:.0f} records/s — "
                f"seen {job.seen}, created {job.created}, updated {job.updated}, unchanged {job.unchanged}, "
                f"deleted {job.deleted}, failed {job.failed}"
            )
        )
        if job.error_summary:
            self.stdout.write(f"  {job.error_summary}")
        for error in job.errors.all()[:5]:
            self.stdout.write(f"  - {error.identifier}: {error.message[:200]}")
        if job.errors.count() > 5:
            self.stdout.write(f"  ... {job.errors.count() - 5} more (manage.py source show {job.source.slug})")
