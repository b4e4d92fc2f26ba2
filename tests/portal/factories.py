"""Records for the portal tests, written through the real ingest path (so pages see what harvests produce)."""

from __future__ import annotations

from datetime import date

from catalogue.records.ingest import IngestItem, ingest_batch
from catalogue.records.models import Record
from catalogue.records.unified import BBox, HarvestedDocument, Keyword, OnlineResource, Party
from poles.models import HarvestSource
from tests.conftest import make_unified

HOSTILE_ABSTRACT = (
    "<p>Sea surface <b>temperature<script>window.pwned = true; document.title = 'pwned'</script>"
    '<img src=x onerror="window.pwned = true"> from <a href="javascript:alert(1)">buoys</a>'
    '<div style="position:fixed;top:0">unbalanced <i>markup'
)


def ingest(source_slug: str, identifier: str, xml: bytes | None = None, **fields) -> Record:
    source = HarvestSource.objects.get(slug=source_slug)
    content = xml or f"<gmd:MD_Metadata id='{identifier}'/>".encode()
    unified = make_unified(identifier, **fields)
    ingest_batch(source, [IngestItem(HarvestedDocument(identifier, content), unified, "iso19139")])
    return Record.objects.get(identifier=identifier) if not unified.doi else Record.objects.get(doi=unified.doi)


def rich_record(source_slug: str = "odatis-sextant-csw", identifier: str = "sst-buoys-001", **overrides) -> Record:
    """A record with every kind of field the record page shows."""
    fields = {
        "title": "Sea surface temperature from drifting buoys",
        "doi": "10.12770/abc-123",
        "abstract": "Daily SST.\n\nSee https://example.org/sst for the method.",
        "translations": {"fr": {"title": "Température de surface de la mer par bouées dérivantes"}},
        "keywords": [Keyword("OCEAN TEMPERATURE", "GCMD Science Keywords"), Keyword("buoys")],
        "topic_categories": ["oceans", "climatologyMeteorologyAtmosphere"],
        "resource_type": "dataset",
        "creators": [Party(name="Marie Curie", orcid="0000-0002-1825-0097", kind="person")],
        "organisations": [Party(organisation="Ifremer", role="pointOfContact", email="sst@ifremer.fr")],
        "publisher": "SEANOE",
        "publication_year": 2021,
        "date_published": date(2021, 3, 4),
        "temporal_start": date(2015, 1, 1),
        "temporal_end": None,
        "bboxes": [BBox(170.0, -20.0, -170.0, 10.0), BBox(-10.0, 40.0, 10.0, 52.0)],
        "license": "CC-BY-4.0",
        "license_url": "https://creativecommons.org/licenses/by/4.0/",
        "constraints": ["No restriction on public access"],
        "lineage": "Quality-controlled with <b>Coriolis</b> procedures.",
        "online_resources": [
            OnlineResource("https://data.example.org/sst.nc", "WWW:DOWNLOAD-1.0-http--download", "SST NetCDF"),
            OnlineResource("https://geo.example.org/wms?service=WMS&request=GetCapabilities", "OGC:WMS", "SST layer"),
            OnlineResource("https://geo.example.org/wfs", "OGC:WFS", "Buoy positions"),
            OnlineResource("https://example.org/sst-manual.pdf", "WWW:LINK-1.0-http--link", "User manual"),
        ],
        "formats": ["NetCDF"],
        "platforms": ["SVP drifter"],
        "instruments": ["thermistor"],
        "version": "2.1",
    }
    fields.update(overrides)
    return ingest(source_slug, identifier, **fields)


def aerosol_series(count: int, years: int) -> list[Record]:
    """AERIS records over western Europe, publication years cycling over `years` years from 2000."""
    return [
        ingest(
            "demo-aeris",
            f"aod-{i}",
            title=f"Aerosol optical depth over Europe {i}",
            abstract="Aerosol <b>lidar</b> measurements over western Europe.",
            publication_year=2000 + i % years,
            resource_type="series",
            bboxes=[BBox(-5.0, 42.0, 8.0, 51.0)],
        )
        for i in range(count)
    ]
