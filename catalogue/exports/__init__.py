"""Writers of our records in standard metadata formats (ISO 19139, Dublin Core, DataCite)."""

import re

# Characters XML 1.0 cannot carry; harvested text sometimes has them, lxml refuses them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value) -> str:
    return _NOT_XML.sub("", str(value))
