"""Synthetic records for scale tests, benchmarks and demos (`manage.py generate_records`).

Each record depends only on (seed, index): the same seed always writes the same records, whatever the count or
the batch size, so a re-run changes nothing (ingest sees unchanged raw bytes) and a larger count, another offset
or another seed adds new records. Records go through the normal save path, `catalogue.records.ingest.ingest_batch`, into
one disabled source per hub (`synthetic-aeris`...), so provenance, dedup and denormalised fields are real.
"""

from __future__ import annotations

import multiprocessing
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from catalogue.records.ingest import IngestItem, IngestResult, ingest_batch
from catalogue.records.unified import BBox, HarvestedDocument, Keyword, OnlineResource, Party, UnifiedRecord
from catalogue.synthetic import vocab

POLES = ["AERIS", "FORMATER", "ODATIS", "THEIA"]
# Bumped when the generator changes, so a re-run rewrites records instead of seeing them unchanged.
GENERATOR_VERSION = "2"
DOI_SHARE = 0.4
SOURCE_PREFIX = "synthetic-"


def source_slug(pole_code: str) -> str:
    return f"{SOURCE_PREFIX}{pole_code.lower()}"


def synthetic_source(pole_code: str):
    """The hub's synthetic source, created on demand: protocol local, never harvested (enabled=False)."""
    from poles.models import HarvestSource, Pole

    pole = Pole.objects.get(code=pole_code)
    source, _ = HarvestSource.objects.get_or_create(
        slug=source_slug(pole_code),
        defaults={
            "pole": pole,
            "name": f"{pole.name} synthetic records (generate_records)",
            "protocol": HarvestSource.Protocol.LOCAL,
            "url": "synthetic:generate_records",
            "schedule": HarvestSource.Schedule.MANUAL,
            "enabled": False,
        },
    )
    return source


def _weighted(rng: random.Random, choices: list[tuple[str, int]]) -> str:
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


def _box(rng: random.Random, region: tuple) -> list[BBox]:
    """The region, a sub-box of it, or a point station inside it (antimeridian-crossing regions stay crossing)."""
    _, _, west, south, east, north = region
    kind = rng.random()
    if kind < 0.4:
        return [BBox(west, south, east, north)]
    width = (east - west) % 360 or 360.0
    lat_span = north - south
    if kind < 0.75:
        w_off, e_off = sorted((rng.uniform(0, width), rng.uniform(0, width)))
        s, n = sorted((rng.uniform(south, north), rng.uniform(south, north)))
        if e_off - w_off < 0.1:
            e_off = min(width, w_off + 0.1)
        return [BBox(_wrap(west + w_off), round(s, 3), _wrap(west + e_off), round(max(n, s + 0.01 * lat_span), 3))]
    lon, lat = _wrap(west + rng.uniform(0, width)), round(rng.uniform(south, north), 3)
    return [BBox(lon, lat, lon, lat)]


def _wrap(lon: float) -> float:
    lon = round(lon, 3)
    return lon - 360.0 if lon > 180.0 else lon


@dataclass
class Generator:
    seed: int = 0
    pole: str | None = None  # all records for one hub, else spread over the four
    _cache: dict = field(default_factory=dict)

    def _regions(self, pole: str) -> list[tuple]:
        if pole not in self._cache:
            self._cache[pole] = [r for r in vocab.REGIONS if r[0] in vocab.REGION_KINDS[pole]]
        return self._cache[pole]

    def pole_for(self, index: int) -> str:
        return self.pole or POLES[index % 4]

    def record(self, index: int) -> tuple[str, HarvestedDocument, UnifiedRecord]:
        """The synthetic record number ``index``: (hub code, raw document, unified record)."""
        # One stream per record: independent of batching. Not for security (S311): test data.
        rng = random.Random(self.seed * 1_000_003 + index)  # noqa: S311
        pole = self.pole_for(index)
        var_en, var_fr, gcmd, topics, platforms, instruments = rng.choice(vocab.THEMES[pole])
        region = rng.choice(self._regions(pole))[1:]
        product_en, product_fr = rng.choice(vocab.PRODUCTS)
        french = rng.random() < 0.5
        start = date(rng.randint(1950, 2023), rng.randint(1, 12), rng.randint(1, 28))
        fmt = rng.choice(vocab.FORMATS[pole])
        instrument = instruments[0] if instruments else "in-situ sensors"
        fill = {"start": start.isoformat(), "instrument": instrument, "format": fmt}
        title_en = product_en.format(Var=var_en.capitalize(), var=var_en, region=region[0])
        de_var = f"d'{var_fr}" if var_fr[0] in "aeiouyéèêh" else f"de {var_fr}"
        title_fr = product_fr.format(Var=var_fr.capitalize(), var=var_fr, de_var=de_var, region=region[1])
        sentences = rng.randint(2, 4)
        abstract_en = " ".join(s.format(var=var_en, region=region[0], **fill) for s in vocab.ABSTRACT_EN[:sentences])
        abstract_fr = " ".join(
            s.format(var=var_fr, de_var=de_var, region=region[1], **fill) for s in vocab.ABSTRACT_FR[:sentences]
        )
        title, abstract = (title_fr, abstract_fr) if french else (title_en, abstract_en)
        translations = {}
        if rng.random() < 0.3:  # bilingual records carry the other language too
            other = "en" if french else "fr"
            translations[other] = {
                "title": title_en if french else title_fr,
                "abstract": abstract_en if french else abstract_fr,
            }
        gemet_en, gemet_fr = rng.choice(vocab.GEMET_CONCEPTS)
        inspire_en, inspire_fr = rng.choice(vocab.INSPIRE_THEMES[pole])
        keywords = [
            Keyword(gcmd, vocab.GCMD, "theme"),
            Keyword(gemet_fr if french else gemet_en, vocab.GEMET, "theme"),
            Keyword(inspire_fr if french else inspire_en, vocab.INSPIRE, "theme"),
            Keyword(region[1] if french else region[0], "", "place"),
            *[Keyword(p, "GCMD Platforms", "platform") for p in platforms],
            *[Keyword(i, "GCMD Instruments", "instrument") for i in instruments],
        ]
        organisations = rng.sample(vocab.ORGANISATIONS[pole], k=rng.randint(1, 3))
        creators = [
            Party(
                name=f"{rng.choice(vocab.FAMILY_NAMES)}, {rng.choice(vocab.GIVEN_NAMES)}",
                organisation=org,
                role="author",
                kind="person",
            )
            for org in organisations[: rng.randint(1, len(organisations))]
        ]
        parties = [
            Party(name=org, organisation=org, role=role, kind="organisation")
            for org, role in zip(organisations, ["pointOfContact", "originator", "publisher"], strict=False)
        ]
        roll = rng.random()
        if roll < 0.25:
            end = None  # ongoing
        elif roll < 0.3:
            end = start  # one instant
        else:
            end = min(start + timedelta(days=rng.randint(30, 365 * 30)), date(2025, 12, 31))
        has_time = rng.random() > 0.05
        if has_time and rng.random() < 0.5:  # many real titles carry their period
            since = f"depuis {start.year}" if french else f"since {start.year}"
            period = since if end is None else str(start.year) if end.year == start.year else f"{start.year}–{end.year}"
            title = f"{title} ({period})"
        extra = vocab.ABSTRACT_EXTRA_FR if french else vocab.ABSTRACT_EXTRA_EN
        abstract = f"{abstract} {rng.choice(extra)}"
        resource_type = _weighted(rng, vocab.RESOURCE_TYPES)
        bboxes = [] if resource_type == "nonGeographicDataset" else _box(rng, region)
        if bboxes and rng.random() < 0.1:
            bboxes += _box(rng, rng.choice(self._regions(pole))[1:])  # a second area
        published = rng.randint(max(1995, min(start.year, 2025)), 2025)
        licence, licence_url, _ = rng.choices(vocab.LICENCES, weights=[w for *_, w in vocab.LICENCES])[0]
        # A one-hub run gets its own identifiers, so it never merges with a four-hub run of the same seed.
        key = f"{self.pole.lower()}-{self.seed}-{index}" if self.pole else f"{self.seed}-{index}"
        identifier = f"synthetic-{key}"
        doi = f"{rng.choice(vocab.DOI_PREFIXES[pole])}/SYN.{key}" if rng.random() < DOI_SHARE else ""
        slug = f"{pole.lower()}/{self.seed}/{index}"
        links = [
            OnlineResource(
                f"https://data.example.org/{slug}/download",
                "WWW:DOWNLOAD-1.0-http--download",
                "Download",
                "",
                "download",
            )
        ]
        if rng.random() < 0.3:
            links.append(
                OnlineResource(
                    f"https://maps.example.org/{pole.lower()}/wms", "OGC:WMS", f"layer_{index}", "", "information"
                )
            )
        record = UnifiedRecord(
            identifier=identifier,
            title=title,
            metadata_standard=_weighted(rng, vocab.STANDARDS),
            doi=doi,
            abstract=abstract,
            translations=translations,
            language="fr" if french else "en",
            languages=["fr" if french else "en"],
            keywords=keywords,
            topic_categories=list(topics),
            resource_type=resource_type,
            organisations=parties,
            creators=creators,
            publisher=organisations[-1],
            publication_year=published,
            date_created=start,
            date_published=date(published, rng.randint(1, 12), rng.randint(1, 28)),
            temporal_start=start if has_time else None,
            temporal_end=end if has_time else None,
            bboxes=bboxes,
            license=licence,
            license_url=licence_url,
            online_resources=links,
            formats=[fmt],
            platforms=list(platforms),
            instruments=list(instruments),
            version=f"{rng.randint(1, 4)}.{rng.randint(0, 9)}",
            modified=datetime(published, 6, 1, 12, 0, tzinfo=UTC),
        )
        content = (
            f'<syntheticRecord generator="datatera-synthetic/{GENERATOR_VERSION}" seed="{self.seed}" '
            f'index="{index}" identifier="{identifier}"/>'
        ).encode()
        document = HarvestedDocument(identifier, content, datestamp=record.modified)
        return pole, document, record


def generate(
    count: int,
    seed: int = 0,
    pole: str | None = None,
    offset: int = 0,
    batch_size: int = 2000,
    progress: Callable[[int], None] | None = None,
) -> IngestResult:
    """Write ``count`` synthetic records (indexes offset..offset+count-1) through ingest, one batch at a time."""
    generator = Generator(seed=seed, pole=pole)
    sources = {code: synthetic_source(code) for code in ([pole] if pole else POLES)}
    total = IngestResult()
    for batch in _batches(range(offset, offset + count), batch_size):
        by_pole: dict[str, list[IngestItem]] = {}
        for index in batch:
            code, document, record = generator.record(index)
            by_pole.setdefault(code, []).append(IngestItem(document, record, "synthetic"))
        for code, items in by_pole.items():
            result = ingest_batch(sources[code], items)
            result.record_ids = []  # do not keep a million ids in memory
            total.add(result)
        if progress:
            progress(len(batch))
    return total


def generate_parallel(
    count: int,
    workers: int,
    seed: int = 0,
    pole: str | None = None,
    offset: int = 0,
    batch_size: int = 2000,
    progress: Callable[[int], None] | None = None,
) -> IngestResult:
    """`generate` split into `workers` processes, each writing a contiguous slice of the indexes.

    A record depends only on (seed, index), so the records are the ones one process writes. What bounds one
    process is that it waits: for the database while the database writes a batch (the text trigger, the
    geometry check, the indexes), for nothing while it builds the next in Python; two processes keep both busy
    (bench/bench_scale.py measures it). The sources are created first, so the workers never race to create them."""
    from django.db import connections

    if workers <= 1 or count < 2 * batch_size:
        return generate(count, seed=seed, pole=pole, offset=offset, batch_size=batch_size, progress=progress)
    for code in [pole] if pole else POLES:
        synthetic_source(code)
    connections.close_all()  # a forked child must open its own connection, never share the parent's socket
    _close_broker_connections()
    context = multiprocessing.get_context("fork")
    written = context.Value("q", 0)
    results = context.Queue()
    share = -(-count // workers)
    slices = [(offset + start, min(share, count - start)) for start in range(0, count, share)]
    processes = [
        context.Process(target=_worker, args=(first, n, seed, pole, batch_size, written, results))
        for first, n in slices
    ]
    for process in processes:
        process.start()
    total, reported, received = IngestResult(), 0, 0
    while received < len(processes):
        try:
            outcome = results.get(timeout=0.5)
        except Exception:  # queue.Empty: nothing finished in this half second
            if any(p.exitcode not in (None, 0) for p in processes):
                break
        else:
            received += 1
            if isinstance(outcome, str):
                break
            total.add(IngestResult(**outcome))
        if progress and written.value > reported:
            progress(written.value - reported)
            reported = written.value
    for process in processes:
        process.join(timeout=None if received == len(processes) else 5)
        if process.is_alive():
            process.terminate()
    failed = [p.exitcode for p in processes if p.exitcode != 0]
    if received < len(processes) or failed:
        raise RuntimeError(f"generate_records: {len(failed)} of {len(processes)} worker processes failed")
    if progress and written.value > reported:
        progress(written.value - reported)
    return total


def _close_broker_connections() -> None:
    # kombu closes the broker connections a forked child inherits (multiprocessing's after-fork hook). A channel the
    # parent left waiting in BRPOP makes that close read the BRPOP's reply, on a socket the child has already
    # replaced (redis-py reconnects after a fork): the child then waits forever. Closed here, in the parent, where
    # the reply is at hand, the child inherits nothing open. Then, as Celery does after a fork, the app makes new
    # pools on demand.
    from celery import current_app
    from kombu import pools

    current_app.pool.force_close_all()
    pools.reset()
    current_app._after_fork()


def _worker(first: int, count: int, seed: int, pole: str | None, batch_size: int, written, results) -> None:
    from django.db import connections

    def advance(n: int) -> None:
        with written.get_lock():
            written.value += n

    try:
        result = generate(count, seed=seed, pole=pole, offset=first, batch_size=batch_size, progress=advance)
        results.put({"created": result.created, "updated": result.updated, "unchanged": result.unchanged})
    except BaseException as exc:
        results.put(f"{type(exc).__name__}: {exc}")
        raise
    finally:
        connections.close_all()


def _batches(indexes: range, size: int) -> Iterator[range]:
    for start in range(0, len(indexes), size):
        yield indexes[start : start + size]
