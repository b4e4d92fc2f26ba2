"""The one module that drives pycsw (2.6.2): what a pycsw upgrade has to look at first.

Output schemas of our own are added to each request's `Csw.outputschemas` {namespace: module} (pycsw fills it
from `pycsw.plugins.outputschemas.__all__` in Csw(); its dispatch then offers them in GetCapabilities and calls
their write_record): DataCite 4 (catalogue/csw/datacite.py), and Atom with the published boxes
(catalogue/csw/atom.py), DIF through pycsw's writer made to work (catalogue/csw/dif.py), and the stored ISO
originals under the gmi namespace (catalogue/csw/iso_original.py). pycsw's csw:Record and generated ISO writers
are wrapped once to write the published boxes too (catalogue/csw/boxes.py).

pycsw's filter envelopes are written without rounding (`_exact_bbox_polygon`).

One change to stock behaviour, for speed: pycsw compiles the CSW XML schema (hundreds of files) on every XML POST,
about 20 ms of a 40 ms request. Its csw2/csw3 modules get an lxml.etree whose XMLSchema(file=...) is compiled once
per thread (validator objects are not shared across threads); everything else is lxml.etree itself.
"""

from __future__ import annotations

import threading
from pathlib import Path

from lxml import etree as lxml_etree


def _csw30_request_schema(file: str):
    """The CSW 3.0 request schema plus GML 3.1.1: OWSLib's FES 2.0 encoder (fes2.BBox, QGIS MetaSearch's client)
    writes a gml 3.1.1 Envelope inside fes:BBOX, which pycsw's GML parser is the only one to read, but which the
    CSW 3.0 schema alone refuses ("No matching global element declaration available, but demanded by the strict
    wildcard"). Clients writing GML 3.2 are translated to 3.1.1 before (catalogue/csw/views.py)."""
    gml311 = Path(file).parents[3] / "gml" / "3.1.1" / "base" / "geometryAggregates.xsd"
    wrapper = (
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:datatera:csw30-request">'
        f'<xs:import namespace="http://www.opengis.net/cat/csw/3.0" schemaLocation="{Path(file).as_uri()}"/>'
        f'<xs:import namespace="http://www.opengis.net/gml" schemaLocation="{gml311.as_uri()}"/>'
        "</xs:schema>"
    )
    return lxml_etree.XMLSchema(lxml_etree.fromstring(wrapper))


class _SchemaCachingEtree:
    def __init__(self):
        self._local = threading.local()

    def __getattr__(self, name: str):
        return getattr(lxml_etree, name)

    def XMLSchema(self, *args, file=None, **kwargs):  # noqa: N802 - the lxml name pycsw calls
        if args or kwargs or file is None:
            return lxml_etree.XMLSchema(*args, file=file, **kwargs)
        cache = self._local.__dict__.setdefault("schemas", {})
        if file not in cache:
            is_csw30 = Path(file).parent.match("csw/3.0")
            cache[file] = _csw30_request_schema(file) if is_csw30 else lxml_etree.XMLSchema(file=file)
        return cache[file]


_patched = False


def _patch_pycsw() -> None:
    global _patched
    if not _patched:
        from pycsw.ogc.csw import csw2, csw3

        csw2.etree = csw3.etree = _SchemaCachingEtree()
        from catalogue.csw.boxes import patch_pycsw_writers

        patch_pycsw_writers()
        from pycsw.core import util

        util.bbox2wktpolygon = _exact_bbox_polygon
        _patched = True


def _exact_bbox_polygon(bbox: str) -> str:
    """pycsw.core.util.bbox2wktpolygon without its rounding: pycsw writes a filter's envelope with "%.2f", which
    moves each edge by up to 0.005 degrees (550 m), so BBOX and Within missed or added records near the edges.
    repr() writes a float back exactly. Same vertex order (catalogue/csw/repository.py reads it)."""
    from pycsw.core.util import wktenvelope2bbox

    if bbox.startswith("ENVELOPE"):
        bbox = wktenvelope2bbox(bbox)
    minx, miny, maxx, maxy = (repr(float(coord)) for coord in bbox.split(","))
    return f"POLYGON(({minx} {miny}, {minx} {maxy}, {maxx} {maxy}, {maxx} {miny}, {minx} {miny}))"


def dispatch(config: dict, environ: dict) -> tuple[int, bytes, str]:
    """Run one request through pycsw: (HTTP status, body, content type)."""
    _patch_pycsw()
    from pycsw.server import Csw

    from catalogue.csw import atom, datacite, dif, iso_original

    csw = Csw(config, environ)
    # Ours, added to pycsw's output schemas (Atom and DIF replacing pycsw's own) before dispatch reads them.
    for module in (datacite, atom, dif, iso_original):
        csw.outputschemas[module.NAMESPACE] = module
    status, content = csw.dispatch_wsgi()
    return int(str(status).split()[0]), content, str(getattr(csw, "contenttype", "application/xml; charset=UTF-8"))
