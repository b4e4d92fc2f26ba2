"""Identifier helpers shared by crosswalks, ingest, search and landing pages."""

from __future__ import annotations

import re
import uuid

# DOI syntax per the DOI Handbook: "10." + registrant code + "/" + suffix (any printable characters).
_DOI_RE = re.compile(r"(10\.\d{4,9}/[^\s\"<>]+)", re.IGNORECASE)
_DOI_PREFIXES = ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:")

# Namespace for record ids: the same DOI or identifier always gives the same record id, across rebuilds.
RECORD_NAMESPACE = uuid.UUID("8f0b1c4e-3d5a-4c2e-9a77-5e1d2f6b7c10")


def normalise_doi(value: str | None) -> str:
    """Return the bare, lower-case DOI found in ``value`` ("" when there is none).

    DOIs are case-insensitive (DOI Handbook 2.4); lower case is DataCite's canonical form.
    Accepts bare DOIs, doi: URIs and doi.org / dx.doi.org URLs; trailing punctuation is dropped.
    """
    if not value:
        return ""
    text = value.strip()
    lowered = text.lower()
    for prefix in _DOI_PREFIXES:
        if lowered.startswith(prefix):
            text = text[len(prefix) :]
            break
    match = _DOI_RE.search(text)
    if not match:
        return ""
    return match.group(1).rstrip(".,;)]").lower()


def find_doi(*values: str | None) -> str:
    """The first DOI found among ``values`` (identifiers, URLs, citation strings)."""
    for value in values:
        doi = normalise_doi(value)
        if doi:
            return doi
    return ""


def record_uuid(doi: str, identifier: str) -> uuid.UUID:
    """Stable record id: from the DOI when there is one, else from the identifier."""
    key = f"doi:{doi}" if doi else f"id:{identifier}"
    return uuid.uuid5(RECORD_NAMESPACE, key)
