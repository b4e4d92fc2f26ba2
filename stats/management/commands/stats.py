"""`manage.py stats ...`: aggregate, prune, flush, import-log, datacite-report, citations."""

from __future__ import annotations

import re
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from stats import aggregation, citations, datacite, intake, logs, sushi


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--date {value!r}: expected YYYY-MM-DD") from None


class Command(BaseCommand):
    help = "Usage statistics (COUNTER RD1): aggregation, pruning, log import, DataCite reports, citations."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        agg = commands.add_parser("aggregate", help="recompute the COUNTER counts of one UTC day (idempotent)")
        agg.add_argument("--date", help="YYYY-MM-DD (default: yesterday)")
        agg.add_argument("--to", help="last day of a range starting at --date (YYYY-MM-DD)")
        commands.add_parser("prune", help="delete raw events past STATS_RAW_RETENTION_DAYS and old salts")
        commands.add_parser("flush", help="write the queued events now (the worker does it every few seconds)")
        imp = commands.add_parser("import-log", help="count a web-server access log through the COUNTER rules")
        imp.add_argument("file", help="log file, or - for standard input")
        imp.add_argument("--format", choices=["combined"], default="combined")
        imp.add_argument(
            "--request-pattern",
            default="",
            help="regex with a named group doi or record: such lines are file downloads (Requests)",
        )
        imp.add_argument("--no-aggregate", action="store_true", help="do not recompute the days the log covers")
        rep = commands.add_parser("datacite-report", help="the month's SUSHI dsr report for DataCite")
        rep.add_argument("--month", required=True, help="YYYY-MM")
        rep.add_argument("--send", action="store_true", help="POST it to DATACITE_USAGE_URL")
        rep.add_argument("--output", help="write the parts here (part N as FILE.N, .gz when compressed)")
        cit = commands.add_parser("citations", help="refresh the citations of every dataset")
        cit.add_argument("--event-data", action="store_true", help="also ask DataCite event data for each DOI")

    def handle(self, *args, action: str, **options) -> None:
        getattr(self, "_" + action.replace("-", "_"))(**options)

    def _aggregate(self, date=None, to=None, **_) -> None:
        first = _day(date) if date else datetime.now(UTC).date() - timedelta(days=1)
        last = _day(to) if to else first
        if last < first:
            raise CommandError("--to is before --date")
        day = first
        while day <= last:
            result = aggregation.aggregate_day(day, progress=self._progress(day))
            self.stdout.write(
                f"{day}: {result.events} events -> {result.usage_rows} dataset rows, {result.search_rows} search rows"
            )
            day += timedelta(days=1)

    def _progress(self, day: date):
        def report(events: int) -> None:
            self.stdout.write(f"{day}: {events:,} events read")
            self.stdout.flush()

        return report

    def _prune(self, **_) -> None:
        result = aggregation.prune()
        self.stdout.write(
            f"pruned {result.usage_events} usage events, {result.search_events} searches, {result.salts} salts"
        )

    def _flush(self, **_) -> None:
        self.stdout.write(f"{intake.flush()} events written")

    def _import_log(self, file: str, request_pattern: str = "", no_aggregate: bool = False, **_) -> None:
        if request_pattern:
            try:
                compiled = re.compile(request_pattern)
            except re.error as exc:
                raise CommandError(f"--request-pattern: {exc}") from None
            if not {"doi", "record"} & set(compiled.groupindex):
                raise CommandError("--request-pattern needs a named group (?P<doi>...) or (?P<record>...)")
        if file == "-":
            result = logs.import_log(sys.stdin, request_pattern)
        else:
            path = Path(file)
            if not path.is_file():
                raise CommandError(f"{file}: no such file")
            with path.open(encoding="utf-8", errors="replace") as handle:
                result = logs.import_log(handle, request_pattern)
        self.stdout.write(
            f"{result.lines} lines: {result.events} events, {result.skipped} other URLs, {result.malformed} malformed"
        )
        if not no_aggregate:
            for day in sorted(result.days):
                agg = aggregation.aggregate_day(day)
                self.stdout.write(f"{day}: {agg.events} events -> {agg.usage_rows} dataset rows")

    def _datacite_report(self, month: str, send: bool = False, output: str | None = None, **_) -> None:
        try:
            parts = datacite.build_parts(month)
        except sushi.SushiError as error:
            raise CommandError(f"--month {month!r}: {error.message} ({error.data})") from None
        for part in parts:
            kind = "gzip" if part.compressed else "json"
            self.stdout.write(f"part {part.number}: {part.datasets} datasets, {len(part.body)} bytes ({kind})")
            if output:
                target = Path(f"{output}.{part.number}{'.gz' if part.compressed else ''}")
                target.write_bytes(part.body)
        if send:
            try:
                for sent in datacite.send(parts):
                    self.stdout.write(f"part {sent.number} accepted (HTTP {sent.status}) report id {sent.report_id}")
            except (datacite.ReportRejectedError, datacite.requests.RequestException) as exc:
                raise CommandError(str(exc)) from None

    def _citations(self, event_data: bool = False, **_) -> None:
        counts = citations.refresh(fetch_event_data=event_data)
        self.stdout.write(", ".join(f"{name}: {n}" for name, n in counts.items()))
