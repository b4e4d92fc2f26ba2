"""ISO 19115-2 (outputSchema=http://www.isotc211.org/2005/gmi): each record's ISO document as its hub published it.

Under the gmd output schema a stored gmi:MI_Metadata is served as gmd:MD_Metadata (catalogue/csw/records.py,
`as_gmd`), which is what clients of that schema read. The original stays reachable here, unchanged (and through the
API: /api/records/<id>/sources/<source>/original.xml). Records without a stored ISO original get our ISO 19139.
"""

from __future__ import annotations

from lxml import etree

from catalogue.exports.iso19139_documents import GMD, GMI

NAMESPACE = GMI
NAMESPACES = {"gmi": GMI, "gmd": GMD}
XPATH_MAPPINGS = {
    "pycsw:Identifier": "gmd:fileIdentifier/gco:CharacterString",
    "pycsw:Title": "gmd:identificationInfo//gmd:citation/gmd:CI_Citation/gmd:title/gco:CharacterString",
}


def write_record(result, esn, context, url=None) -> etree._Element:
    return etree.fromstring(result.page.original_xml(result.record_id), context.parser)
