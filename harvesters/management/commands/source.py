"""`manage.py source add|list|show|remove`: manage harvest sources from the command line (hub admins, scripts)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Count, Q

from catalogue.records.ingest import delete_from_source
from catalogue.records.models import RecordSource
from harvesters.models import HarvestJob
from poles.models import HarvestSource, Pole
from poles.options import OptionsError, validate_options


def parse_options(pairs: list[str]) -> dict:
    options = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise CommandError(f"--option {pair!r}: expected key=value")
        options[key.strip()] = value  # the protocol's schema converts "100" and "true" to the right types
    return options


class Command(BaseCommand):
    help = "Add, list, show or remove harvest sources."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="add a harvest source")
        add.add_argument("slug")
        add.add_argument("--pole", required=True, help="AERIS, FORMATER, ODATIS or THEIA")
        add.add_argument("--protocol", required=True, choices=HarvestSource.Protocol.values)
        add.add_argument("--url", required=True, help="endpoint URL, or a directory for local sources")
        add.add_argument("--option", action="append", default=[], metavar="KEY=VALUE", help="protocol option")
        add.add_argument("--name", default="")
        add.add_argument("--schedule", default=HarvestSource.Schedule.DAILY, choices=HarvestSource.Schedule.values)
        add.add_argument("--record-url-template", default="", help="record page at the source, with {identifier}")
        add.add_argument("--disabled", action="store_true", help="add it disabled (no scheduled harvests)")
        sub.add_parser("list", help="list sources with their record counts and last harvest")
        show = sub.add_parser("show", help="show one source and its last jobs")
        show.add_argument("slug")
        remove = sub.add_parser("remove", help="remove a source")
        remove.add_argument("slug")
        remove.add_argument(
            "--force", action="store_true", help="remove even when it has records (they are tombstoned)"
        )

    def handle(self, *args, action, **options):
        getattr(self, f"handle_{action}")(**options)

    def _source(self, slug: str) -> HarvestSource:
        try:
            return HarvestSource.objects.select_related("pole").get(slug=slug)
        except HarvestSource.DoesNotExist:
            raise CommandError(f"no source {slug!r} (see `manage.py source list`)") from None

    def handle_add(self, slug, pole, protocol, url, option, name, schedule, record_url_template, disabled, **_):
        pole_obj = Pole.objects.filter(code=pole.upper()).first()
        if pole_obj is None:
            codes = ", ".join(Pole.objects.values_list("code", flat=True))
            raise CommandError(f"unknown pole {pole!r}: use one of {codes}")
        if HarvestSource.objects.filter(slug=slug).exists():
            raise CommandError(f"a source {slug!r} already exists")
        if protocol in ("csw", "oaipmh") and not url.startswith(("http://", "https://")):
            raise CommandError(f"--url must be an http(s) URL for {protocol}, got {url!r}")
        try:
            clean = validate_options(protocol, parse_options(option))
        except OptionsError as exc:
            raise CommandError(str(exc)) from None
        source = HarvestSource(
            pole=pole_obj,
            slug=slug,
            name=name or slug,
            protocol=protocol,
            url=url,
            options=clean,
            schedule=schedule,
            enabled=not disabled,
            record_url_template=record_url_template,
        )
        try:
            source.full_clean()
        except Exception as exc:  # ValidationError: show the field messages, not a traceback
            raise CommandError(f"invalid source: {exc}") from None
        source.save()
        self.stdout.write(self.style.SUCCESS(f"added {slug} ({pole_obj.code}, {protocol} {url})"))
        self.stdout.write(f"options: {clean}")
        self.stdout.write(f"harvest it now with: python manage.py harvest {slug}")

    def handle_list(self, **_):
        sources = (
            HarvestSource.objects.select_related("pole")
            .annotate(live=Count("record_sources", filter=Q(record_sources__deleted_at_source__isnull=True)))
            .order_by("pole__code", "slug")
        )
        rows = [("SLUG", "POLE", "PROTOCOL", "ON", "SCHEDULE", "RECORDS", "LAST SUCCESS", "LAST JOB", "URL")]
        for s in sources:
            job = s.jobs.order_by("-created_at").first()
            rows.append(
                (
                    s.slug,
                    s.pole.code,
                    s.protocol,
                    "yes" if s.enabled else "no",
                    s.schedule,
                    str(s.live),
                    f"{s.last_success_at:%Y-%m-%d %H:%M}" if s.last_success_at else "never",
                    f"#{job.pk} {job.status}" if job else "-",
                    s.url,
                )
            )
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
        for row in rows:
            self.stdout.write("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)) + "  " + row[-1])

    def handle_show(self, slug, **_):
        s = self._source(slug)
        live = RecordSource.objects.filter(source=s, deleted_at_source__isnull=True).count()
        gone = RecordSource.objects.filter(source=s, deleted_at_source__isnull=False).count()
        for label, value in [
            ("slug", s.slug),
            ("name", s.name),
            ("pole", s.pole.code),
            ("protocol", s.protocol),
            ("url", s.url),
            ("options", s.options),
            ("schedule", s.schedule),
            ("enabled", s.enabled),
            ("records", f"{live} live, {gone} deleted at the source"),
            ("last attempt", s.last_attempt_at or "never"),
            ("last success", s.last_success_at or "never"),
        ]:
            self.stdout.write(f"{label:>13}: {value}")
        jobs = list(s.jobs.order_by("-created_at")[:5])
        self.stdout.write("\nlast jobs:" if jobs else "\nno jobs yet")
        for job in jobs:
            self.stdout.write(
                f"  #{job.pk} {job.status:<9} {job.mode:<11} {job.created_at:%Y-%m-%d %H:%M} seen {job.seen} "
                f"created {job.created} updated {job.updated} unchanged {job.unchanged} deleted {job.deleted} "
                f"failed {job.failed}" + (f"\n      {job.error_summary}" if job.error_summary else "")
            )

    def handle_remove(self, slug, force, **_):
        s = self._source(slug)
        if HarvestJob.objects.filter(source=s, status=HarvestJob.Status.RUNNING).exists():
            raise CommandError(f"{slug} is being harvested right now: wait for the job to finish")
        provenance = RecordSource.objects.filter(source=s)
        live_ids = list(provenance.filter(deleted_at_source__isnull=True).values_list("source_identifier", flat=True))
        if provenance.exists() and not force:
            raise CommandError(
                f"{slug} has {len(live_ids)} live records ({provenance.count()} with tombstones). Removing it would "
                f"tombstone the records no other source provides and drop this source's provenance and original XML. "
                f"To stop harvesting but keep everything, disable it in the admin instead; to remove it anyway, "
                f"add --force."
            )
        with transaction.atomic():
            result = delete_from_source(s, live_ids, f"source {slug} was removed from the catalogue")
            s.delete()
        self.stdout.write(self.style.SUCCESS(f"removed {slug}"))
        if live_ids:
            self.stdout.write(
                f"{result.deleted} record(s) were only at {slug}: kept as tombstones (their pages say they were "
                f"withdrawn); {len(set(result.record_ids)) - result.deleted} record(s) stay live through other sources."
            )
