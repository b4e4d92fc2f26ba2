"""SHACL validation of our DCAT-AP output against the official DCAT-AP 3.0.0 and GeoDCAT-AP 3.0.0 shapes (pyshacl).

The shapes are not ours to copy into the project: they are read from settings.DCAT_SHACL_DIR (../shared/reference/
dcat-ap-shacl). As its README says: `dcat-ap-SHACL.ttl` is the default DCAT-AP check, `geodcat-ap-SHACL.ttl` the
GeoDCAT-AP one (each on its own, inference "rdfs"); `shapes_recommended.ttl` only raises warnings (advisory run).
Used by the tests (tests/standards/test_dcat.py).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.conf import settings
from rdflib import Graph, Namespace
from rdflib.namespace import RDF

SH = Namespace("http://www.w3.org/ns/shacl#")
MANDATORY_SHAPES = ("dcat-ap-3.0.0/dcat-ap-SHACL.ttl", "geodcat-ap-3.0.0/geodcat-ap-SHACL.ttl")
ADVISORY_SHAPES = ("dcat-ap-3.0.0/shapes_recommended.ttl",)


@dataclass
class ShapeReport:
    shapes: str
    violations: int
    warnings: int
    # (result path, message) -> how many results
    by_message: Counter = field(default_factory=Counter)

    @property
    def conforms(self) -> bool:
        return self.violations == 0


@cache
def shapes_graph(name: str) -> Graph:
    return Graph().parse(Path(settings.DCAT_SHACL_DIR) / name, format="turtle")


def validate(data: Graph, name: str) -> ShapeReport:
    import pyshacl

    _conforms, results, _text = pyshacl.validate(
        data, shacl_graph=shapes_graph(name), inference="rdfs", allow_warnings=True, advanced=False
    )
    report = ShapeReport(name, 0, 0)
    for result in results.subjects(RDF.type, SH.ValidationResult):
        severity = results.value(result, SH.resultSeverity)
        if severity == SH.Violation:
            report.violations += 1
        else:
            report.warnings += 1
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        report.by_message[(data.namespace_manager.normalizeUri(path) if path else "", str(message or ""))] += 1
    return report
