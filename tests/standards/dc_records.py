"""Dublin Core records (csw:Record) written for the conformance tests: the shapes the OGC CITE data has and that we
got wrong (a record without title, DCMI type URIs, dc:relation, dates in October of the 2000s, records with and
without boxes). Invented content; box corners latitude first, as CSW 2.0.2's EPSG:4326 says."""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

DCMI = "http://purl.org/dc/dcmitype/"


@dataclass(frozen=True)
class DcRecord:
    identifier: str
    title: str
    type: str
    date: str
    subject: str
    abstract: str
    relation: str = ""
    box: tuple[float, float, float, float] | None = None  # south, west, north, east


RECORDS = [
    DcRecord("urn:std:image-1", "Coastal imagery of Brittany", DCMI + "Image", "2006-10-22", "Physiography",
             "Aerial photographs of the Brittany coast.", box=(47.6, -4.1, 48.9, -2.0)),
    DcRecord("urn:std:untitled-2", "", DCMI + "Text", "2004-10-01", "argo floats",
             "Report on Argo float deployments in the North Atlantic."),
    DcRecord("urn:std:service-3", "Ocean colour map service", DCMI + "Service", "2005-03-01", "ocean colour",
             "A map service of chlorophyll concentration.", relation="urn:std:image-1", box=(40.0, -10.0, 52.0, 5.0)),
    DcRecord("urn:std:dataset-4", "Argo temperature profiles", DCMI + "Dataset", "2008-10-15", "ocean temperature",
             "Temperature profiles measured by Argo floats.", relation="urn:std:untitled-2"),
    DcRecord("urn:std:image-5", "Photographs of Pacific atolls", DCMI + "Image", "1999-10-05", "coral reefs",
             "Photographs of atolls in French Polynesia.", box=(-18.0, -150.0, -14.0, -145.0)),
]  # fmt: skip


def csw_record(record: DcRecord) -> bytes:
    parts = [f"<dc:identifier>{escape(record.identifier)}</dc:identifier>"]
    if record.title:
        parts.append(f"<dc:title>{escape(record.title)}</dc:title>")
    parts += [
        f"<dc:type>{escape(record.type)}</dc:type>",
        f"<dc:subject>{escape(record.subject)}</dc:subject>",
        f"<dc:date>{record.date}</dc:date>",
        f"<dct:abstract>{escape(record.abstract)}</dct:abstract>",
    ]
    if record.relation:
        parts.append(f"<dc:relation>{escape(record.relation)}</dc:relation>")
    if record.box:
        south, west, north, east = record.box
        parts.append(
            '<ows:BoundingBox crs="urn:x-ogc:def:crs:EPSG:6.11:4326">'
            f"<ows:LowerCorner>{south} {west}</ows:LowerCorner><ows:UpperCorner>{north} {east}</ows:UpperCorner>"
            "</ows:BoundingBox>"
        )
    return (
        '<csw:Record xmlns:csw="http://www.opengis.net/cat/csw/2.0.2" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dct="http://purl.org/dc/terms/" xmlns:ows="http://www.opengis.net/ows">'
        + "".join(parts)
        + "</csw:Record>"
    ).encode()
