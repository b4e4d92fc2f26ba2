"""pycsw's Atom output schema (OpenSearch results) with the published boxes (see catalogue/csw/boxes.py).

Registered by catalogue/csw/engine.py in place of pycsw.plugins.outputschemas.atom for each request: the same
module attributes, and write_record replaces pycsw's one georss:where (the envelope of the antimeridian-split
geometry) by one per published box.
"""

from __future__ import annotations

from pycsw.plugins.outputschemas import atom as pycsw_atom

from catalogue.csw.boxes import rewrite_atom_entry

NAMESPACE = pycsw_atom.NAMESPACE
NAMESPACES = pycsw_atom.NAMESPACES
XPATH_MAPPINGS = pycsw_atom.XPATH_MAPPINGS


def write_record(result, esn, context, url=None):
    return rewrite_atom_entry(pycsw_atom.write_record(result, esn, context, url), result)
