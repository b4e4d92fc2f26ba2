"""Bilingual vocabularies kept as data (CSV beside this file), read once per process.

- `inspire_themes.csv`: the official English and French labels of the 34 INSPIRE themes (the GEMET "INSPIRE themes"
  thesaurus ISO records of the hubs cite), so "Atmospheric conditions" and "Conditions atmosphériques" are one
  concept.
- `gemet_concepts.csv`: the English and French labels of the GEMET concepts the demo records and the corpus cite
  (GEMET - Concepts; "séisme" is "earthquake"), written from GEMET's published labels.
- `world_places.csv`: the English and French names of the places of the "Continents, countries, sea regions of the
  world" thesaurus the hubs' records cite ("Nouvelle-Calédonie" is "New Caledonia").
- `earth_science_glossary.csv`: a glossary of Earth-science terms written for this catalogue (each row a concept,
  synonyms separated by "|"), for search across French and English.

All serve the search's query expansion; the thesaurus labels (not the glossary, whose synonyms are looser) also
name one concept in either language, so the keyword facet shows it once.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
FILES = ("inspire_themes.csv", "gemet_concepts.csv", "world_places.csv", "earth_science_glossary.csv")
# Thesauri records cite: their labels name one concept in either language (the glossary is for search only).
THESAURI = ("inspire_themes", "gemet_concepts", "world_places")


@dataclass(frozen=True)
class Concept:
    key: str
    source: str  # the CSV's name without extension
    en: tuple[str, ...]
    fr: tuple[str, ...]

    @property
    def terms(self) -> tuple[str, ...]:
        return self.en + self.fr

    def label(self, language: str) -> str:
        labels = self.fr if language.startswith("fr") else self.en
        return labels[0] if labels else (self.en + self.fr)[0]


def fold(text: str) -> str:
    """Lower case, accents removed, apostrophes and dashes as spaces, single spaces: how terms are compared."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[’'`\-–—_/]", " ", text).split())


@cache
def concepts() -> tuple[Concept, ...]:
    found = []
    for name in FILES:
        with open(HERE / name, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                en = tuple(t.strip() for t in row["en"].split("|") if t.strip())
                fr = tuple(t.strip() for t in row["fr"].split("|") if t.strip())
                found.append(Concept(row["concept"], name.removesuffix(".csv"), en, fr))
    return tuple(found)


@cache
def term_index() -> dict[str, tuple[Concept, ...]]:
    """Folded term -> the concepts it names (a term like "station" may name one concept only; "sol" one too)."""
    index: dict[str, list[Concept]] = {}
    for concept in concepts():
        for term in concept.terms:
            index.setdefault(fold(term), []).append(concept)
    return {term: tuple(found) for term, found in index.items()}


def concept_of_label(label: str) -> Concept | None:
    """The thesaurus concept a keyword label names, in either language (thesaurus labels only, not the glossary)."""
    found = [c for c in term_index().get(fold(label), ()) if c.source in THESAURI]
    return min(found, key=lambda c: THESAURI.index(c.source)) if found else None
