"""A directory of XML files as a source: each file is one document, identified by its path in the directory.

The demo sources use it, and so can a hub that drops exports in a directory (GeoNetwork's "local filesystem"
harvester). Relative directories are resolved against settings.BASE_DIR. A full run tombstones records whose file
disappeared (the job does that from what it saw); an incremental run reads only files modified since the last
success.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings

from catalogue.records.unified import HarvestedDocument
from harvesters.protocols.base import Page, ProtocolClient, ProtocolError, RecordProblem, register

PAGE_SIZE = 100


def resolve_directory(url: str) -> Path:
    path = Path(url.removeprefix("file://")).expanduser()
    return path if path.is_absolute() else Path(settings.BASE_DIR) / path


@register
class LocalClient(ProtocolClient):
    protocol = "local"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.directory = resolve_directory(self.source.url)

    def check(self) -> None:
        if not self.directory.is_dir():
            raise ProtocolError(f"directory not found: {self.directory}")

    def files(self) -> list[Path]:
        pattern = self.options.get("pattern") or "**/*.xml"
        return sorted(p for p in self.directory.glob(pattern) if p.is_file())

    def pages(self) -> Iterator[Page]:
        files = self.files()
        offset = int(self.checkpoint.get("offset", 0))
        since = self.since.timestamp() if self.since else None
        limit = settings.HARVEST_MAX_DOCUMENT_BYTES
        while offset < len(files):
            batch = files[offset : offset + PAGE_SIZE]
            page = Page(f"files {offset + 1}-{offset + len(batch)}", total_expected=len(files))
            for path in batch:
                identifier = path.relative_to(self.directory).as_posix()
                try:
                    stat = path.stat()
                    if since is not None and stat.st_mtime < since:
                        continue
                    if stat.st_size > limit:
                        page.problems.append(
                            RecordProblem(identifier, f"file of {stat.st_size:,} bytes over the limit")
                        )
                        continue
                    content = path.read_bytes()
                except OSError as exc:
                    page.problems.append(RecordProblem(identifier, f"cannot read the file: {exc.strerror}"))
                    continue
                modified = datetime.fromtimestamp(stat.st_mtime, tz=UTC)
                page.documents.append(HarvestedDocument(identifier, content=content, datestamp=modified))
            offset += len(batch)
            page.checkpoint = {"offset": offset}
            yield page

    def fetch_record(self, identifier: str) -> HarvestedDocument:
        path = (self.directory / identifier).resolve()
        if not path.is_relative_to(self.directory.resolve()):  # an identifier is a path inside the folder, no more
            raise ProtocolError(f"{identifier!r} is outside {self.directory}")
        try:
            stat = path.stat()
            if stat.st_size > settings.HARVEST_MAX_DOCUMENT_BYTES:
                raise ProtocolError(f"file of {stat.st_size:,} bytes over the limit")
            content = path.read_bytes()
        except OSError as exc:
            raise ProtocolError(f"cannot read the file: {exc.strerror}") from None
        return HarvestedDocument(identifier, content=content, datestamp=datetime.fromtimestamp(stat.st_mtime, tz=UTC))
