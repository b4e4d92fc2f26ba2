"""Facet values normalised when a record is written (ingest), so every search backend indexes the same values and
the facets group what people see as one thing:

- licences as SPDX identifiers ("CC-BY-4.0" and "Creative Commons Attribution 4.0 International (CC-BY-4.0)" are one
  value, named by `licence_name`); a licence we cannot identify stays as published;
- organisation aliases grouped under one name ("RESIF" / "RESIF data centre"), from organisation_aliases.csv, also
  when a laboratory is named with its parent bodies ("LEGOS, CNRS / CNES / IRD / UT3" is LEGOS);
- a thesaurus concept in either language as one keyword (INSPIRE themes: "Conditions atmosphériques" is
  "Atmospheric conditions"; GEMET concepts: "séisme" is "earthquake"; places: "Nouvelle-Calédonie" is "New
  Caledonia"), shown in the reader's language by the facet labels;
- GCMD keyword paths ("EARTH SCIENCE > ATMOSPHERE > AEROSOLS") indexed with every ancestor, so the keyword facet
  counts records at each level and the portal shows them as a tree.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from functools import cache, lru_cache

from catalogue.records.vocabularies import HERE, concept_of_label, fold

GCMD_SEPARATOR = " > "
_GCMD_SPLIT = re.compile(r"\s*>\s*")

# SPDX identifiers and names of the licences Earth-science records use (https://spdx.org/licenses/).
SPDX_NAMES = {
    "CC-BY-4.0": "Creative Commons Attribution 4.0 International",
    "CC-BY-SA-4.0": "Creative Commons Attribution Share Alike 4.0 International",
    "CC-BY-NC-4.0": "Creative Commons Attribution Non Commercial 4.0 International",
    "CC-BY-NC-SA-4.0": "Creative Commons Attribution Non Commercial Share Alike 4.0 International",
    "CC-BY-ND-4.0": "Creative Commons Attribution No Derivatives 4.0 International",
    "CC-BY-NC-ND-4.0": "Creative Commons Attribution Non Commercial No Derivatives 4.0 International",
    "CC-BY-3.0": "Creative Commons Attribution 3.0 Unported",
    "CC-BY-SA-3.0": "Creative Commons Attribution Share Alike 3.0 Unported",
    "CC-BY-NC-3.0": "Creative Commons Attribution Non Commercial 3.0 Unported",
    "CC-BY-2.0": "Creative Commons Attribution 2.0 Generic",
    "CC0-1.0": "Creative Commons Zero v1.0 Universal",
    "etalab-2.0": "Etalab Open License 2.0 (Licence Ouverte 2.0)",
    "ODbL-1.0": "Open Data Commons Open Database License v1.0",
    "ODC-By-1.0": "Open Data Commons Attribution License v1.0",
    "PDDL-1.0": "Open Data Commons Public Domain Dedication & License 1.0",
}
_SPDX_BY_FOLDED = {fold(key): key for key in SPDX_NAMES}
_VERSION = re.compile(r"(?<![\d.])([1-4])[.,]?0(?![\d])")


# Ingest normalises every record's licence, organisations and keywords, and a catalogue repeats the same few
# hundred of each: the pure functions below are cached (bounded), so a harvest folds and matches each value once.
_CACHED = 8192


@lru_cache(maxsize=_CACHED)
def licence_id(text: str, url: str = "") -> str:
    """The SPDX identifier of a licence statement or URL, "" when it is not one we can name for sure."""
    raw = f"{text} {url}".lower()
    folded = fold(raw).replace(" ", "")
    spdx = re.search(r"spdx\.org/licenses/([\w.+-]+)", raw)
    if spdx and fold(spdx.group(1)) in _SPDX_BY_FOLDED:
        return _SPDX_BY_FOLDED[fold(spdx.group(1))]
    if fold(text.strip()) in _SPDX_BY_FOLDED:
        return _SPDX_BY_FOLDED[fold(text.strip())]
    if re.search(r"\bcc0\b|cc[ -]zero|publicdomain/zero", raw):
        return "CC0-1.0"
    cc_url = re.search(r"creativecommons\.org/licenses/([a-z-]+)/(\d\.\d)", raw)
    if cc_url:
        elements, version = cc_url.group(1).split("-"), cc_url.group(2)
    elif "creativecommons" in folded or re.search(r"\bcc[ -]?by\b", raw):
        elements = ["by"]
        if re.search(r"\bnc\b|non[ -]?commercial|pas d.utilisation commerciale", raw):
            elements.append("nc")
        if re.search(r"\bnd\b|no[ -]?deriv|pas de modification", raw):
            elements.append("nd")
        elif re.search(r"\bsa\b|share[ -]?alike|partage dans les m", raw):
            elements.append("sa")
        version_match = _VERSION.search(raw)
        if not version_match:
            return ""  # "CC-BY" alone: which version is unknown
        version = f"{version_match.group(1)}.0"
    elif "licenceouverte" in folded or "openlicence" in folded or "etalab" in folded:
        return "etalab-2.0" if re.search(r"2[.,]0|\bv2\b|version 2", raw) else ""
    elif "odbl" in folded or "opendatabaselicen" in folded:
        return "ODbL-1.0"
    elif "odcby" in folded or "opendatacommonsattribution" in folded:
        return "ODC-By-1.0"
    elif "pddl" in folded or "publicdomaindedication" in folded:
        return "PDDL-1.0"
    else:
        return ""
    candidate = "CC-" + "-".join(e.upper() for e in elements) + f"-{version}"
    return candidate if candidate in SPDX_NAMES else ""


def licence_name(value: str) -> str:
    """A licence facet value as people read it: the SPDX name with its identifier, else the value itself."""
    return f"{SPDX_NAMES[value]} ({value})" if value in SPDX_NAMES else value


@cache
def _organisation_aliases() -> dict[str, str]:
    aliases: dict[str, str] = {}
    with open(HERE / "organisation_aliases.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            canonical = row["name"].strip()
            for alias in [canonical, *row["aliases"].split("|")]:
                if alias.strip():
                    aliases[fold(alias)] = canonical
    return aliases


_TRAILING_ACRONYM = re.compile(r"^(.*\S)\s*\(([^()]+)\)$")


def organisation_candidates(name: str) -> list[str]:
    """What a published organisation name may be known by, most specific first: the name; its own trailing acronym
    ("Institut de physique du globe de Paris (IPGP)"); then the first body it names, before the first ", " (a
    laboratory before its parent bodies: "LEGOS, CNRS / CNES / IRD / UT3") and before the first " / " ("IPSL / LMD",
    "Météo-France / CNRS, CNRM / CEN"), each with and without its acronym."""
    name = " ".join(name.split())
    found = [name]
    heads = [name]
    if ", " in name:
        heads.append(name.split(", ", 1)[0])
    heads.append(heads[-1].split(" / ", 1)[0])
    for position, head in enumerate(heads):
        found.append(head)
        acronym = _TRAILING_ACRONYM.match(head)
        if acronym and not (position == 0 and len(heads) > 2):  # "SIRTA, … Laplace (IPSL)": IPSL is the parent's
            found += [acronym.group(2), acronym.group(1)]
    return list(dict.fromkeys(part.strip() for part in found if part.strip()))


@lru_cache(maxsize=_CACHED)
def organisation_name(name: str) -> str:
    """One name per organisation: the alias table's name for the first candidate it knows (the name as published,
    its acronym, the body it names first), else the name as published."""
    name = " ".join(name.split())
    aliases = _organisation_aliases()
    for candidate in organisation_candidates(name):
        if fold(candidate) in aliases:
            return aliases[fold(candidate)]
    return name


def gcmd_levels(value: str) -> list[str]:
    """ "EARTH SCIENCE > ATMOSPHERE > AEROSOLS" -> the path and each of its ancestors, top first."""
    parts = [part.strip() for part in _GCMD_SPLIT.split(value) if part.strip()]
    return [GCMD_SEPARATOR.join(parts[: depth + 1]) for depth in range(len(parts))]


def keyword_values(values: Iterable[str]) -> list[str]:
    """Keyword facet values: thesaurus concepts in one language, GCMD paths with their ancestors, each once."""
    found: list[str] = []
    for value in values:
        found += _keyword_facet(value)
    return list(dict.fromkeys(found))


@lru_cache(maxsize=_CACHED)
def _keyword_facet(value: str) -> tuple[str, ...]:
    """The facet values of one keyword (none for a blank one)."""
    value = " ".join(value.split())
    if not value:
        return ()
    if ">" in value and len(_GCMD_SPLIT.split(value)) > 1:
        return tuple(gcmd_levels(value))
    concept = concept_of_label(value)
    return (concept.en[0] if concept else value,)


def refill_facet_columns(record_model) -> None:
    """Recompute the facet columns of every stored record (data migrations use it when the rules above change;
    `record_model` is the migration's historical Record). A search engine index is rebuilt apart: search_reindex."""
    columns = ["license_facet", "keyword_facet", "organisation_facet"]
    batch = []
    rows = record_model.objects.only("id", "license", "license_url", "keyword_values", "organisation_names")
    for record in rows.iterator(chunk_size=2000):
        record.license_facet = licence_id(record.license, record.license_url) or record.license.strip()
        record.keyword_facet = keyword_values(record.keyword_values or [])
        names = (organisation_name(name) for name in record.organisation_names or [])
        record.organisation_facet = list(dict.fromkeys(name for name in names if name))
        batch.append(record)
        if len(batch) >= 2000:
            record_model.objects.bulk_update(batch, columns)
            batch = []
    if batch:
        record_model.objects.bulk_update(batch, columns)
